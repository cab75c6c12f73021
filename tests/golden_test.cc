// Golden end-to-end tests: every input under corpus/ (samples and bad inputs)
// runs through the whole pipeline and its record must equal, byte for byte,
// corpus/expected/<file name>.json. IMR_UPDATE_GOLDEN=1 rewrites the expected
// files instead; the git diff is the review.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/anatomy.h"
#include "core/text.h"
#include "normalize/dates.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> CorpusInputs() {
  std::vector<std::string> out;
  const fs::path root = fs::path(testing::SourceDir()) / "corpus";
  for (const char* dir : {"", "errors"}) {
    for (const auto& e : fs::directory_iterator(root / dir)) {
      const std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name == "README.md" || name.ends_with(".sh")) continue;
      out.push_back(fs::relative(e.path(), testing::SourceDir()).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs from the source tree so that source.path is the stable relative path.
Record RunCorpusFileAgain(const std::string& relative) {
  const fs::path cwd = fs::current_path();
  fs::current_path(testing::SourceDir());
  Record record = RunFile(relative, {});
  fs::current_path(cwd);
  return record;
}

// Each input through the pipeline once per test process (the scanned sample's
// OCR is the slow part); properties read the same record. ctest runs each
// input's properties together in one process (tests/CMakeLists.txt), so this
// is once per input.
const Record& RunCorpusFile(const std::string& relative) {
  static std::map<std::string, Record> records;
  auto it = records.find(relative);
  if (it == records.end()) it = records.emplace(relative, RunCorpusFileAgain(relative)).first;
  return it->second;
}

fs::path ExpectedPath(const std::string& relative) {
  const std::string flat = fs::path(relative).parent_path().filename() == "errors"
                               ? "errors-" + fs::path(relative).filename().string()
                               : fs::path(relative).filename().string();
  return fs::path(testing::SourceDir()) / "corpus" / "expected" / (flat + ".json");
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, RecordMatchesExpected) {
  const std::string input = GetParam();
  const std::string actual = RecordToJson(RunCorpusFile(input));
  const fs::path expected_path = ExpectedPath(input);
  if (std::getenv("IMR_UPDATE_GOLDEN")) {
    fs::create_directories(expected_path.parent_path());
    std::ofstream(expected_path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "no expected record; run with IMR_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, testing::ReadFile(expected_path.string())) << "input: " << input;
}

TEST_P(GoldenTest, SameInputSameOutput) {
  const std::string input = GetParam();
  EXPECT_EQ(RecordToJson(RunCorpusFile(input)), RecordToJson(RunCorpusFileAgain(input))) << input;
}

// Invariant 2: every fact quotes its words; fields and requests point at theirs.
TEST_P(GoldenTest, EverySpanQuotesItsText) {
  const Record& record = RunCorpusFile(GetParam());
  const std::vector<Page>& pages = record.document.pages;
  for (const Fact& f : record.facts) {
    EXPECT_EQ(Slice(pages, f.span), f.text) << f.id << " " << f.kind;
    for (const Evidence& e : f.also) EXPECT_EQ(Slice(pages, e.span), e.text) << f.id << " (also)";
  }
  for (const auto& [name, field] : record.fields) {
    const std::string_view words = Slice(pages, field.span);
    EXPECT_FALSE(words.empty()) << name;
    if (IsDateField(name)) {
      const auto date = ParseDate(words);
      ASSERT_TRUE(date.has_value()) << name;
      EXPECT_EQ(date->Iso(), field.value) << name;
    }
  }
  for (const Request& r : record.requests) {
    EXPECT_FALSE(r.text.empty()) << r.id;
    EXPECT_EQ(Slice(pages, r.span), r.text) << r.id;  // exactly; a span never crosses a page
    // `display` is the whole request on one line (the words of a request that
    // runs over a page break are all there).
    EXPECT_EQ(r.display.substr(0, CollapseWhitespace(r.text).size()), CollapseWhitespace(r.text)) << r.id;
    // A letter or UR notice decided the request; an RFA's request is not decided yet.
    if (record.document.doc_type != "rfa") ASSERT_TRUE(r.reference.has_value()) << r.id;
    if (r.reference) EXPECT_EQ(Slice(pages, r.reference->statement_span), r.reference->statement) << r.id;
  }
  for (const Section& s : record.document.sections) {
    ASSERT_LE(s.page_number, static_cast<int>(pages.size()));
    EXPECT_LE(s.end, pages[s.page_number - 1].text.size()) << s.name;
    EXPECT_LT(s.begin, s.end) << s.name;
  }
}

// Invariant 1 for bad input: a record with problems, never a crash. Hostile
// structures Poppler reads past (nesting thousands deep, a form that draws
// itself: tools/hostile_pdf_gen.py) lose nothing, and their page is read.
TEST_P(GoldenTest, BadInputsCarryProblems) {
  const std::string input = GetParam();
  const Record& record = RunCorpusFile(input);
  const bool bad = input.find("errors/") != std::string::npos;
  const bool read_past = input.ends_with("errors/deep-page-tree.pdf") || input.ends_with("errors/deep-nesting.pdf") ||
                         input.ends_with("errors/form-loop.pdf");
  EXPECT_EQ(!record.problems.empty(), bad && !read_past) << input;
  if (read_past) {
    ASSERT_EQ(record.document.pages.size(), 1u) << input;
    EXPECT_NE(record.document.pages[0].text.find("Hostile sample"), std::string::npos) << input;
  }
  for (const Page& page : record.document.pages) EXPECT_TRUE(IsCleanUtf8(page.text)) << input;
}

// One anatomy table (core/anatomy.h): every site a stage writes, on a fact or
// a request, is one of its keys and has a region the determination compares.
TEST_P(GoldenTest, EverySiteHasARegion) {
  const Record& record = RunCorpusFile(GetParam());
  for (const Fact& f : record.facts) {
    if (auto site = f.value.find("body_site"); site != f.value.end()) {
      ASSERT_NE(BodySiteNamed(site->second), nullptr) << f.id << " " << site->second;
      EXPECT_NE(RegionOfSite(site->second), "") << f.id << " " << site->second;
    }
  }
  for (const Request& r : record.requests) {
    if (auto site = r.details.find("body_site"); site != r.details.end()) {
      ASSERT_NE(BodySiteNamed(site->second), nullptr) << r.id << " " << site->second;
      EXPECT_NE(RegionOfSite(site->second), "") << r.id << " " << site->second;
    }
  }
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, GoldenTest, ::testing::ValuesIn(CorpusInputs()), TestName);

// ctest registers one golden test per input from a list made when the build
// was configured (tests/CMakeLists.txt); an input it does not list would go
// untested there, and one it lists that this file does not read would run
// nothing.
TEST(GoldenInputsTest, CtestRunsEveryInput) {
  std::vector<std::string> listed;
  std::istringstream lines(testing::ReadFile(IMR_GOLDEN_INPUTS_FILE));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) listed.push_back(line);
  }
  EXPECT_EQ(listed, CorpusInputs()) << "ctest's golden inputs (" << IMR_GOLDEN_INPUTS_FILE
                                    << ") differ from corpus/: build again to list them anew";
}

}  // namespace
}  // namespace imr
