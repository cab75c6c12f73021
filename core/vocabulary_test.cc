// The shared vocabulary machinery: embedded files, TSV tables, words and the
// term index, the anatomy table and the drug table.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

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
      // The irregular table's shortest and longest, a word too long for it,
      // "ies" in capitals, and letters outside ASCII as they are.
      {"Ova", "ovum"},         {"ANASTOMOSES", "anastomosis"}, {"radiculopathies", "radiculopathy"},
      {"INJURIES", "injury"},  {"\xc3\x89paules", "\xc3\x89paul"},
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

// The longest term at `i` by reading every term: what LongestAt must find
// through its runs and binary searches. "first_word+word_count=payloads".
std::string LongestByReadingEveryTerm(const std::vector<std::vector<std::string>>& terms,
                                      const std::vector<WordToken>& words, size_t i) {
  size_t longest = 0;
  std::vector<uint32_t> payloads;
  for (uint32_t t = 0; t < terms.size(); ++t) {
    const std::vector<std::string>& term = terms[t];
    if (i + term.size() > words.size() || term.size() < longest) continue;
    bool same = true;
    for (size_t k = 0; k < term.size() && same; ++k) same = words[i + k].norm == term[k];
    if (!same) continue;
    if (term.size() > longest) payloads.clear();
    longest = term.size();
    payloads.push_back(t);
  }
  if (longest == 0) return "none";
  std::sort(payloads.begin(), payloads.end());
  std::string out = std::to_string(i) + "+" + std::to_string(longest) + "=";
  for (uint32_t p : payloads) out += std::to_string(p) + ",";
  return out;
}

std::string Described(const std::optional<TermIndex::Hit>& hit) {
  if (!hit) return "none";
  std::string out = std::to_string(hit->first_word) + "+" + std::to_string(hit->word_count) + "=";
  for (uint32_t p : hit->payloads) out += std::to_string(p) + ",";
  return out;
}

TEST(TermIndexTest, EveryWordFindsWhatReadingEveryTermFinds) {
  // Thousands of terms over a few hundred words, so the word table grows many
  // times and many terms share first words; then every word of a text that
  // uses the same words, and some no term has.
  std::mt19937 random(20261207);
  std::vector<std::string> vocabulary;
  for (int w = 0; w < 300; ++w) vocabulary.push_back("w" + std::to_string(w) + "x");
  std::vector<std::vector<std::string>> terms;
  TermIndex index;
  for (uint32_t t = 0; t < 4000; ++t) {
    std::vector<std::string> term;
    std::string written;
    const int length = 1 + static_cast<int>(random() % 4);
    for (int k = 0; k < length; ++k) {
      // Few first words, many later ones: long runs to search within.
      term.push_back(vocabulary[random() % (k == 0 ? 40 : vocabulary.size())]);
      written += term.back() + " ";
    }
    terms.push_back(term);
    index.Add(written, t);
  }
  index.Freeze();
  std::string text;
  for (int k = 0; k < 3000; ++k) text += (random() % 10 == 0 ? "unknown" : vocabulary[random() % 60]) + " ";
  const std::vector<WordToken> words = TokenizeWords(text);
  const std::optional<TermIndex> loaded = TermIndex::Load(index.Save());
  ASSERT_TRUE(loaded.has_value());
  const std::vector<uint32_t> ids = index.WordIds(words);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string expected = LongestByReadingEveryTerm(terms, words, i);
    ASSERT_EQ(Described(index.LongestAt(text, words, i)), expected) << "word " << i;
    ASSERT_EQ(Described(index.LongestAt(text, words, ids, i)), expected) << "word " << i;
    ASSERT_EQ(Described(loaded->LongestAt(text, words, i)), expected) << "word " << i << ", loaded";
  }
}

TEST(TermIndexTest, AnImageWithAWordTwiceOrAnUnknownWordIsNoIndex) {
  TermIndex index;
  index.Add("back pain", 1);
  index.Freeze();
  std::string image = index.Save();
  // The words are written in id order, "back" then "pain", each after its
  // length: make the second "back".
  const size_t pain = image.find("pain");
  ASSERT_NE(pain, std::string::npos);
  EXPECT_TRUE(TermIndex::Load(image).has_value());
  EXPECT_FALSE(TermIndex::Load(image.substr(0, pain) + "back" + image.substr(pain + 4)).has_value());
  // A term's word id past the words written.
  const size_t ids = pain + 4 + sizeof(uint32_t);  // after the ids' count
  std::string past = image;
  past[ids] = 9;
  EXPECT_FALSE(TermIndex::Load(past).has_value());
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
