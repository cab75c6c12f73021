// The determination stage end to end: the seed letter (as text, and as a PDF
// the corpus generator typesets at test time) and the invariant that a
// determination never reads a decision already made — the same letter with
// its outcomes and rationale conclusions flipped gets the same drafts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/text.h"
#include "decide/determine.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

std::string SeedLetterPath() {
  const fs::path p = fs::path(testing::SourceDir()) / ".." / "shared" / "seeds" / "imr-letter-lumbar-mri.txt";
  return fs::exists(p) ? p.lexically_normal().string() : "";
}

// A scratch directory, removed with its files when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    char pattern[] = "/tmp/imr-determination-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const Fact* FactById(const Record& record, const std::string& id) {
  for (const Fact& f : record.facts) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

// The seed letter's lumbar MRI: not medically necessary, red flags and
// neurological deficit unmet or not documented, and every criterion that a
// fact decided cites that fact from the clinical text, never from the
// decision the letter already made.
void ExpectSeedDetermination(const Record& record, const std::string& what) {
  ASSERT_EQ(record.requests.size(), 1u) << what;
  const Request& r = record.requests[0];
  EXPECT_EQ(r.category, "imaging.mri.lumbar") << what;
  ASSERT_TRUE(r.determination.has_value()) << what;
  const Determination& d = *r.determination;
  EXPECT_EQ(d.outcome, "not_medically_necessary") << what << "\n" << d.rationale;
  bool saw_red_flags = false, saw_deficit = false;
  for (const CriterionResult& c : d.criteria) {
    if (c.id == "red_flags") saw_red_flags = true;
    if (c.id == "neuro_deficit") saw_deficit = true;
    if (c.id == "red_flags" || c.id == "neuro_deficit") {
      EXPECT_TRUE(c.status == "unmet" || c.status == "not_documented") << what << " " << c.id << " " << c.status;
    }
    if (c.status == "unmet") {
      EXPECT_FALSE(c.evidence.empty()) << what << " " << c.id << " is unmet without evidence";
    }
    for (const std::string& id : c.evidence) {
      const Fact* f = FactById(record, id);
      ASSERT_NE(f, nullptr) << what << " " << c.id << " cites " << id;
      EXPECT_FALSE(IsDecisionSection(f->section)) << what << " " << c.id << " cites " << id << " from " << f->section;
      EXPECT_NE(d.rationale.find("'" + CollapseWhitespace(f->text).substr(0, 30)), std::string::npos)
          << what << ": the rationale should quote " << id << "\n" << d.rationale;
    }
  }
  EXPECT_TRUE(saw_red_flags && saw_deficit) << what;
  // The neurological examination was normal: that is what the rationale quotes.
  EXPECT_NE(d.rationale.find("No neurological deficit was documented (page "), std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("sensation all dermatomes as normal"), std::string::npos) << d.rationale;
  EXPECT_FALSE(d.citations.empty()) << what;
}

TEST(SeedLetterTest, LumbarMriFromText) {
  const std::string seed = SeedLetterPath();
  if (seed.empty()) GTEST_SKIP() << "../shared/seeds/imr-letter-lumbar-mri.txt is absent: seed letter test skipped";
  ExpectSeedDetermination(RunFile(seed, {}), "text");
}

TEST(SeedLetterTest, LumbarMriFromTypesetPdf) {
#ifndef IMR_CORPUS_GEN
  GTEST_SKIP() << "imr_corpus_gen was not built (cairo missing): the seed PDF cannot be made";
#else
  const std::string seed = SeedLetterPath();
  if (seed.empty()) GTEST_SKIP() << "../shared/seeds/imr-letter-lumbar-mri.txt is absent: seed letter test skipped";
  ScratchDir dir;
  const std::string pdf = dir.File("seed.pdf");
  const testing::CommandResult made =
      testing::RunShell(std::string(IMR_CORPUS_GEN) + " '" + seed + "' '" + pdf + "'");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const Record record = RunFile(pdf, {});
  EXPECT_GE(record.document.source.page_count, 2) << "the seed letter is typeset onto more than one page";
  ExpectSeedDetermination(record, "pdf");
#endif
}

// The decisions section of a letter's text with every outcome and necessity
// conclusion turned around: Upheld <-> Overturned, "not medically necessary"
// <-> "medically necessary", "is not supported" <-> "is supported".
std::string FlipDecisions(const std::string& text) {
  static const std::regex heading(
      R"(IMR ISSUES, DECISIONS AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)|INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE|RATIONALE FOR WHY THE REQUESTED)");
  std::smatch m;
  if (!std::regex_search(text, m, heading)) return text;
  const size_t from = static_cast<size_t>(m.position(0));
  std::string tail = text.substr(from);
  const std::vector<std::pair<std::regex, std::string>> swaps = {
      {std::regex("Upheld"), "\x01"},          {std::regex("Overturned"), "Upheld"},
      {std::regex("\x01"), "Overturned"},      {std::regex("upheld"), "\x02"},
      {std::regex("overturned"), "upheld"},    {std::regex("\x02"), "overturned"},
      {std::regex("not medically necessary"), "\x03"},
      {std::regex("medically necessary"), "not medically necessary"},
      {std::regex("\x03"), "medically necessary"},
      {std::regex("is not supported"), "\x04"},
      {std::regex("is supported"), "is not supported"},
      {std::regex("\x04"), "is supported"},
  };
  for (const auto& [from_re, to] : swaps) tail = std::regex_replace(tail, from_re, to);
  return text.substr(0, from) + tail;
}

// What a determination says, with evidence as the quoted words rather than
// fact ids (ids may shift when the rationale section yields other facts).
std::string DeterminationKey(const Record& record) {
  std::string key;
  for (const Request& r : record.requests) {
    key += r.id + " " + r.category + ": ";
    if (!r.determination) {
      key += "none\n";
      continue;
    }
    const Determination& d = *r.determination;
    key += d.outcome + " " + d.rule + " " + d.guideline_era + "\n";
    for (const CriterionResult& c : d.criteria) {
      key += "  " + c.id + "=" + c.status;
      for (const std::string& id : c.evidence) {
        const Fact* f = FactById(record, id);
        key += " [" + (f ? std::to_string(f->span.page_number) + ":" + std::to_string(f->span.begin) + " " + f->text : id) + "]";
      }
      key += "\n";
    }
    key += "  " + d.rationale + "\n";
  }
  return key;
}

void ExpectFlipChangesNothing(const std::string& text, const std::string& what) {
  const std::string flipped = FlipDecisions(text);
  ASSERT_NE(flipped, text) << what << ": nothing to flip";
  ScratchDir dir;
  WriteFile(dir.File("original.txt"), text);
  WriteFile(dir.File("flipped.txt"), flipped);
  const Record original = RunFile(dir.File("original.txt"), {});
  const Record turned = RunFile(dir.File("flipped.txt"), {});
  // The flip reached the letter's own decisions...
  ASSERT_EQ(original.requests.size(), turned.requests.size()) << what;
  for (size_t i = 0; i < original.requests.size(); ++i) {
    if (!original.requests[i].reference || !turned.requests[i].reference) continue;
    EXPECT_NE(original.requests[i].reference->decision, turned.requests[i].reference->decision) << what;
  }
  // ...and the drafted determinations did not move.
  EXPECT_EQ(DeterminationKey(original), DeterminationKey(turned)) << what;
}

TEST(NeverDecideFromADecision, SeedLetterFlipped) {
  const std::string seed = SeedLetterPath();
  if (seed.empty()) GTEST_SKIP() << "../shared/seeds/imr-letter-lumbar-mri.txt is absent: flip test skipped";
  ExpectFlipChangesNothing(testing::ReadFile(seed), "seed letter");
}

TEST(NeverDecideFromADecision, RealLettersFlipped) {
  const std::string dir = testing::SharedDataDir("dwc-letters");
  if (dir.empty()) GTEST_SKIP() << "../shared/data/dwc-letters is absent: flip test on real letters skipped";
  std::vector<std::string> pdfs;
  for (const auto& e : fs::directory_iterator(dir + "/pdf")) {
    if (e.path().extension() == ".pdf") pdfs.push_back(e.path().string());
  }
  std::sort(pdfs.begin(), pdfs.end());
  ASSERT_FALSE(pdfs.empty());
  for (const std::string& pdf : pdfs) {
    const Record ingested = IngestFile(pdf, {});
    std::string text;
    for (const Page& p : ingested.document.pages) text += p.text + "\n";
    ExpectFlipChangesNothing(text, fs::path(pdf).filename().string());
  }
}

}  // namespace
}  // namespace imr
