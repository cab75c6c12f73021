// `imr eval` as a user runs it on corpus/: its JSON against a golden file,
// the comparison with a baseline, and its page opened in a browser.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/browser.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

class EvalReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("imr-eval-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `imr eval --gold corpus/gold corpus/expected ARGS`: the corpus's golden
  // records scored against its gold letters.
  testing::CommandResult Eval(const std::string& args) {
    return RunShell("cd '" + testing::SourceDir() + "' && '" + testing::ImrBinary() +
                    "' eval --gold corpus/gold corpus/expected " + args);
  }

  fs::path dir_;
};

TEST_F(EvalReportTest, JsonEqualsTheGoldenReport) {
  const testing::CommandResult run = Eval("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const fs::path golden = fs::path(testing::SourceDir()) / "tests/golden/eval.corpus.json";
  if (std::getenv("IMR_UPDATE_GOLDEN")) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << run.out;
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "no golden report; run with IMR_UPDATE_GOLDEN=1";
  EXPECT_EQ(run.out, testing::ReadFile(golden.string()));
  const nlohmann::json report = nlohmann::json::parse(run.out);
  const auto& kappa_95 = report["determinations"]["kappa_95"];
  ASSERT_EQ(kappa_95.size(), 2u);
  EXPECT_LE(kappa_95[0].get<double>(), report["determinations"]["kappa"].get<double>());
  EXPECT_GE(kappa_95[1].get<double>(), report["determinations"]["kappa"].get<double>());
}

// A baseline made worse by hand: what today does better is "improved", the
// baseline's miss that today lacks is "fixed", and a report that is not an
// eval report is refused.
TEST_F(EvalReportTest, ABaselineSaysWhatImprovedRegressedAndWhichMissesWereFixed) {
  const testing::CommandResult today = Eval("--json");
  ASSERT_EQ(today.exit_code, 0) << today.err;
  nlohmann::json baseline = nlohmann::json::parse(today.out);
  const double f1 = baseline["requests"]["f1"].get<double>();
  baseline["requests"]["f1"] = f1 / 2;
  baseline["fields"]["case_number"]["rate"] = 1.5;  // "better" in the baseline: a regression today
  baseline["misses"].push_back({{"stem", "letter-x"}, {"what", "request"}, {"expected", "an MRI"}, {"got", ""}});
  std::ofstream(dir_ / "baseline.json") << baseline.dump(2);
  const testing::CommandResult compared = Eval("--baseline '" + (dir_ / "baseline.json").string() + "'");
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  EXPECT_NE(compared.out.find("measures: 1 regressed, 1 improved"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("improved  requests.f1"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("regressed fields.case_number.rate"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("fixed letter-x request: expected 'an MRI'"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("misses: 0 new, 1 fixed"), std::string::npos) << compared.out;

  std::ofstream(dir_ / "not-eval.json") << R"({"schema": "imr.record/1"})";
  const testing::CommandResult refused = Eval("--baseline '" + (dir_ / "not-eval.json").string() + "'");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not an imr eval --json report"), std::string::npos) << refused.err;
}

TEST_F(EvalReportTest, ThePageDrawsItsChartsScrollsToMissesAndFetchesNothing) {
  const fs::path html = dir_ / "eval.html", png = dir_ / "eval.png";
  const testing::CommandResult run = Eval("--misses -o '" + html.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(fs::status(html).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  const testing::BrowserRun page = testing::OpenInBrowser(html.string(), png.string());
  if (!page.browser_found) GTEST_SKIP() << page.error;
  ASSERT_TRUE(page.ran) << page.error;
  EXPECT_GE(page.Drawn("chart"), 3);
  EXPECT_EQ(page.Drawn("confusion"), 1);
  EXPECT_EQ(page.Drawn("misses"), 1);
  EXPECT_GT(page.ScrolledIntoView(), 0);
  EXPECT_EQ(page.resources, 0);
  EXPECT_TRUE(page.script_errors.empty()) << page.script_errors.front();
  EXPECT_GT(page.screenshot_bytes, 1000u);
}

}  // namespace
}  // namespace imr
