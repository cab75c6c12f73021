// The shared vocabulary machinery: embedded files, TSV tables, words and the
// term index, the anatomy table and the drug table.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/anatomy.h"
#include "core/drug_table.h"
#include "core/embedded_files.h"
#include "core/term_index.h"
#include "core/tsv.h"

namespace imr {
namespace {

TEST(EmbeddedFilesTest, VocabulariesAreCompiledIn) {
  for (const char* name : {"anatomy.tsv", "drugs.tsv", "fda_drug_names.tsv", "icd10cm_terms.tsv", "problems.tsv",
                           "procedures.tsv", "hcpcs_terms.tsv"}) {
    EXPECT_FALSE(EmbeddedFile(name).empty()) << name;
  }
  EXPECT_THROW(EmbeddedFile("no-such.tsv"), std::out_of_range);
}

TEST(TsvTest, HeaderCommentsAndShortRows) {
  const TsvTable t = ParseTsv("# provenance\nname\tvalue\r\n# note\na\t1\nb\n\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.Column("value"), 1u);
  EXPECT_EQ(TsvTable::Cell(t.rows[0], 1), "1");
  EXPECT_EQ(TsvTable::Cell(t.rows[1], 1), "");  // a short row reads as empty
  EXPECT_THROW(t.Column("missing"), std::out_of_range);
  EXPECT_EQ(SplitBar("a||b|"), (std::vector<std::string_view>{"a", "b"}));
}

TEST(NormalizeWordTest, Table) {
  const std::pair<const char*, const char*> rows[] = {
      {"Fractures", "fractur"}, {"fracture", "fractur"}, {"injuries", "injury"}, {"reflexes", "reflex"},
      {"headaches", "headach"}, {"knees", "knee"},       {"knee", "knee"},       {"disks", "disc"},
      {"metastases", "metastasis"}, {"abscesses", "abscess"}, {"status", "status"}, {"feet", "foot"},
      {"L5", "l5"},            {"C5-6", "c5-6"},         {"the", "the"},
  };
  for (const auto& [word, norm] : rows) EXPECT_EQ(NormalizeWord(word), norm) << word;
}

TEST(TokenizeWordsTest, PunctuationSplitsArticlesAndPossessivesGo) {
  std::string out;
  for (const WordToken& w : TokenizeWords("The x-ray of the left knee, Spurling’s sign; C5-6.")) out += w.norm + " ";
  EXPECT_EQ(out, "x ray of left knee spurling sign c5 6 ");
}

TEST(TermIndexTest, LongestTermAtEachWord) {
  TermIndex index;
  index.Add("pain", 1);
  index.Add("low back pain", 2);
  index.Add("back pain", 3);
  index.Add("ASA", 4, /*case_sensitive=*/true);
  index.Add("fracture of femur", 5);
  index.Freeze();
  const std::string text = "Chronic low-back pains; asa; ASA; fracture of the femur.";
  const std::vector<WordToken> words = TokenizeWords(text);
  std::string out;
  for (const TermIndex::Hit& h : index.FindAll(text, words)) {
    out += std::string(text.substr(words[h.first_word].begin,
                                   words[h.first_word + h.word_count - 1].end - words[h.first_word].begin)) +
           "=" + std::to_string(h.payloads.front()) + " ";
  }
  EXPECT_EQ(out, "low-back pains=2 ASA=4 fracture of the femur=5 ");
  EXPECT_FALSE(index.LongestAt(text, words, 0).has_value());  // "chronic" is no term
}

// What a hit says, for comparing two indexes on the same text.
std::string HitsOf(const TermIndex& index, const std::string& text) {
  const std::vector<WordToken> words = TokenizeWords(text);
  std::string out;
  for (const TermIndex::Hit& h : index.FindAll(text, words)) {
    out += std::to_string(h.first_word) + "+" + std::to_string(h.word_count) + "=";
    for (uint32_t p : h.payloads) out += std::to_string(p) + ",";
    out += " ";
  }
  return out;
}

TEST(TermIndexTest, AnImageLoadsBackTheSameIndex) {
  TermIndex index;
  index.Add("low back pain", 7);
  index.Add("back pain", 3);
  index.Add("back pain", 9);  // two terms, one set of words: both payloads
  index.Add("HTN", 11, /*case_sensitive=*/true);
  index.Freeze();
  EXPECT_EQ(index.PayloadBound(), 12u);
  const std::string image = index.Save();
  const std::optional<TermIndex> loaded = TermIndex::Load(image);
  ASSERT_TRUE(loaded.has_value());
  const std::string text = "Low back pain and back pain; htn, HTN.";
  EXPECT_EQ(HitsOf(*loaded, text), HitsOf(index, text));
  EXPECT_EQ(HitsOf(*loaded, text), "0+3=7, 4+2=3,9, 7+1=11, ");
  EXPECT_EQ(loaded->size(), index.size());

  // Truncated, padded or foreign bytes are no index.
  EXPECT_FALSE(TermIndex::Load(image.substr(0, image.size() - 1)).has_value());
  EXPECT_FALSE(TermIndex::Load(image + "x").has_value());
  EXPECT_FALSE(TermIndex::Load("not an index").has_value());
  EXPECT_FALSE(TermIndex::Load("").has_value());
}

TEST(AnatomyTest, EverySiteHasARegionAndItsNamesLeadBack) {
  std::set<std::string_view> keys;
  for (const BodySite& site : BodySites()) {
    SCOPED_TRACE(std::string(site.site));
    EXPECT_TRUE(keys.insert(site.site).second) << "site listed twice";
    EXPECT_FALSE(site.region.empty());
    EXPECT_FALSE(site.names.empty());
    EXPECT_EQ(RegionOfSite(site.site), site.region);
    for (std::string_view name : site.names) {
      const std::vector<BodySiteMention> found = FindBodySites(name);
      ASSERT_EQ(found.size(), 1u) << name;
      EXPECT_EQ(found[0].site, &site) << name << " leads to " << found[0].site->site;
    }
  }
}

TEST(AnatomyTest, SitesRegionsAndLevels) {
  EXPECT_EQ(BodySiteOfWords("pain in the right lower back")->site, "lumbar_spine");
  EXPECT_EQ(BodySiteOfWords("bilateral lower extremities")->site, "lower_extremity");
  EXPECT_EQ(BodySiteOfWords("the ulnar nerve at the elbow")->site, "elbow");  // longest name first
  EXPECT_EQ(BodySiteOfWords("numbness"), nullptr);
  EXPECT_EQ(RegionOfSite("L5-S1"), "lumbar");
  EXPECT_EQ(RegionOfSite("C5-6"), "cervical");
  EXPECT_EQ(RegionOfSite("T12"), "thoracic");
  EXPECT_EQ(RegionOfSite("right shoulder"), "shoulder");
  EXPECT_EQ(RegionOfSite("hand"), "wrist_hand");
  EXPECT_EQ(NerveRegionOfSite("hand"), "cervical");
  EXPECT_EQ(NerveRegionOfSite("knee"), "");
  EXPECT_EQ(RegionOfSite("spleen of the moon"), "");
  EXPECT_EQ(SpineSiteOfLevel("L4-5, L5-S1")->site, "lumbar_spine");
  EXPECT_EQ(SpineSiteOfLevel("S1")->site, "sacrum");
  EXPECT_EQ(SpineSiteOfLevel("X9"), nullptr);
}

TEST(DrugTableTest, NamesRowsAndPrecedence) {
  std::string out;
  for (const DrugMention& m :
       FindDrugNames("Norco, hydrocodone/APAP, Tylenol #3, Tylenol, oxygen saturation 97%, Zyrtec, asa class")) {
    out += m.row->generic + (m.name->brand ? "(brand)" : "") + " ";
  }
  EXPECT_EQ(out,
            "hydrocodone/acetaminophen(brand) hydrocodone acetaminophen acetaminophen/codeine(brand) "
            "acetaminophen(brand) cetirizine(brand) ");
}

TEST(DrugTableTest, DrugsAtFdaNamesJoinCuratedRows) {
  // A Drugs@FDA brand of a curated combination takes the curated generic.
  const std::vector<DrugMention> found = FindDrugNames("Anexsia");  // Drugs@FDA: acetaminophen/hydrocodone
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].row->generic, "hydrocodone/acetaminophen");
  EXPECT_EQ(found[0].row->drug_class, "opioid");
  size_t fda = 0;
  for (const DrugRow& row : DrugRows()) fda += !row.curated;
  EXPECT_GT(fda, 1000u);
}

}  // namespace
}  // namespace imr
