// `imr report` end to end, as a user runs it: `imr batch corpus -o TMP` once,
// then `imr report TMP --json` against its golden file and `imr report TMP -o
// report.html` opened in headless Chromium (tests/browser.h).
//
// The golden, tests/golden/report/corpus.json, is the report's JSON without
// its "run" key, which holds everything that varies from run to run (times,
// throughput, the timeline, the runs, the pipeline version). As with
// corpus/expected/ (golden_test.cc), IMR_UPDATE_GOLDEN=1 rewrites it and the
// git diff is the review. It sits apart from corpus/expected/ because that
// folder is read as a folder of records (cli_test runs `imr eval` on it).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pipeline/record_json.h"
#include "report/html.h"
#include "tests/browser.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

class ReportEndToEndTest : public ::testing::Test {
 protected:
  // One batch for every test: the scanned sample's OCR is the slow part.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("imr-report-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    // One job: two workers may read two copies of one content at once and
    // both process it, and the documents' statuses are part of the golden.
    batch_ = new testing::CommandResult(RunShell("cd " + Quoted(testing::SourceDir()) + " && " +
                                                 Quoted(testing::ImrBinary()) + " batch corpus -o " +
                                                 Quoted(*dir_ / "out") + " --jobs 1 2>&1"));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete batch_;
  }
  void SetUp() override {
    // Exit 1: the corpus's bad inputs carry problems, as they must.
    ASSERT_EQ(batch_->exit_code, 1) << batch_->out;
  }

  static testing::CommandResult Report(const std::string& args) {
    return RunShell(Quoted(testing::ImrBinary()) + " report " + Quoted(*dir_ / "out") + " " + args + " 2>&1");
  }

  static fs::path* dir_;
  static testing::CommandResult* batch_;
};

fs::path* ReportEndToEndTest::dir_ = nullptr;
testing::CommandResult* ReportEndToEndTest::batch_ = nullptr;

TEST_F(ReportEndToEndTest, JsonMatchesGolden) {
  const testing::CommandResult report = Report("--json");
  ASSERT_EQ(report.exit_code, 0) << report.out;
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(report.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << report.out;
  // The run's side is there, and is what the golden leaves out.
  ASSERT_TRUE(json.contains("run"));
  EXPECT_EQ(json["run"]["runs"].size(), 1u);
  EXPECT_GT(json["run"]["processing"]["documents"].get<int>(), 0);
  EXPECT_FALSE(json["run"]["timeline"]["bins"].empty());
  json.erase("run");
  const std::string actual = json.dump(2) + "\n";

  const fs::path golden = fs::path(testing::SourceDir()) / "tests/golden/report/corpus.json";
  if (std::getenv("IMR_UPDATE_GOLDEN")) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "no golden report; run with IMR_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, testing::ReadFile(golden.string()));
}

// A report may be mailed around: it names documents by their record files
// and says nothing they say.
TEST_F(ReportEndToEndTest, NoRecordTextReachesTheReport) {
  const fs::path html = *dir_ / "no-text.html";
  ASSERT_EQ(Report("-o " + Quoted(html)).exit_code, 0);
  const std::string page = testing::ReadFile(html.string());
  const std::string json = Report("--json").out;
  int quotes = 0;
  for (const auto& e : fs::directory_iterator(*dir_ / "out")) {
    if (e.path().extension() != ".json") continue;
    std::string error;
    const std::optional<Record> record = RecordFromJson(testing::ReadFile(e.path().string()), &error);
    ASSERT_TRUE(record) << e.path() << ": " << error;
    std::vector<std::string> quoted;
    for (const Fact& f : record->facts) quoted.push_back(f.text);
    for (const Request& q : record->requests) quoted.push_back(q.text);
    for (const Problem& p : record->problems) quoted.push_back(p.message);
    for (const auto& [name, field] : record->fields) quoted.push_back(field.value);
    for (const std::string& text : quoted) {
      // One word ("viscosupplementation") may also name a category or a rule;
      // a phrase of a record is its own.
      if (text.size() < 16 || text.find(' ') == std::string::npos) continue;
      ++quotes;
      EXPECT_EQ(page.find(EscapeHtml(text)), std::string::npos) << e.path().filename() << ": " << text;
      EXPECT_EQ(json.find(text), std::string::npos) << e.path().filename() << ": " << text;
    }
  }
  EXPECT_GT(quotes, 100);
}

TEST_F(ReportEndToEndTest, HtmlDrawsEveryChartAndFetchesNothing) {
  const fs::path html = *dir_ / "report.html";
  const testing::CommandResult report = Report("-o " + Quoted(html));
  ASSERT_EQ(report.exit_code, 0) << report.out;
  EXPECT_EQ(report.out, "");  // -o alone prints nothing
  struct stat info {};
  ASSERT_EQ(stat(html.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  const testing::BrowserRun run = testing::OpenInBrowser(html.string(), (*dir_ / "report.png").string());
  if (!run.browser_found) GTEST_SKIP() << run.error;
  ASSERT_TRUE(run.ran) << run.error;
  EXPECT_GE(run.Drawn("chart"), 6);
  EXPECT_EQ(run.resources, 0);
  EXPECT_TRUE(run.script_errors.empty()) << run.script_errors.front();
  EXPECT_GT(run.screenshot_bytes, 0u);
  EXPECT_GT(run.ScrolledIntoView(), 0);  // a problem's count brings its documents into view
}

TEST_F(ReportEndToEndTest, UsageErrors) {
  EXPECT_EQ(RunShell(Quoted(testing::ImrBinary()) + " report 2>&1").exit_code, 2);
  EXPECT_EQ(RunShell(Quoted(testing::ImrBinary()) + " report /nonexistent-imr-folder 2>&1").exit_code, 2);
  EXPECT_EQ(Report("--pdf x").exit_code, 2);
}

}  // namespace
}  // namespace imr
