// `imr view` as a reviewer opens it: the built binary makes the record of a
// letter, of a scanned report (read by OCR) and of a generated case packet,
// views it, and headless Chromium opens the view. The page's self-test
// (report/html.h) measures every fact's box and clicks the evidence links.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "pipeline/record_json.h"
#include "tests/browser.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

class BrowserViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / ("imr-view-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `imr run PDF -o DIR`, `imr view` of the record, and opens the view
  // in Chromium; checks every fact of the drawn pages has its box and the
  // browser drew them, scrolled to them and fetched nothing.
  void RunViewAndOpen(const std::string& pdf) {
    const std::string stem = fs::path(pdf).stem().string();
    const testing::CommandResult run = RunShell("cd " + Quoted(testing::SourceDir()) + " && " +
                                                Quoted(testing::ImrBinary()) + " run " + Quoted(pdf) + " -o " +
                                                Quoted(dir_.string()) + " 2>&1");
    ASSERT_LE(run.exit_code, 1) << run.out;
    const std::string record_path = (dir_ / (stem + ".json")).string();
    const std::string html = (dir_ / "case.html").string();
    const testing::CommandResult view = RunShell("cd " + Quoted(testing::SourceDir()) + " && " +
                                                 Quoted(testing::ImrBinary()) + " view " + Quoted(record_path) +
                                                 " -o " + Quoted(html) + " 2>&1");
    ASSERT_EQ(view.exit_code, 0) << view.out;
    EXPECT_EQ(view.out, "");  // nothing to say when every page reads as recorded
    struct stat info {};
    ASSERT_EQ(stat(html.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0077, 0u) << "the view quotes the record: owner only";

    std::string error;
    const std::optional<Record> record = RecordFromJson(testing::ReadFile(record_path), &error);
    ASSERT_TRUE(record) << error;
    const std::string page = testing::ReadFile(html);
    int facts_with_boxes = 0;
    for (const Fact& fact : record->facts) {
      if (fact.span.empty() || fact.span.page_number > 60) continue;  // imr view draws pages 1-60
      ++facts_with_boxes;
      EXPECT_NE(page.find("id=\"box-" + fact.id + "\""), std::string::npos) << fact.id << " has no box";
    }
    ASSERT_GT(facts_with_boxes, 0);

    const testing::BrowserRun browser = testing::OpenInBrowser(html, (dir_ / "case.png").string());
    if (!browser.browser_found) GTEST_SKIP() << browser.error;
    ASSERT_TRUE(browser.ran) << browser.error;
    EXPECT_GE(browser.Drawn("highlight"), facts_with_boxes);
    EXPECT_GT(browser.ScrolledIntoView(), 0);
    for (const testing::ScrollCheck& s : browser.scrolls) EXPECT_TRUE(s.found) << s.to;
    EXPECT_EQ(browser.resources, 0);
    EXPECT_TRUE(browser.script_errors.empty()) << browser.script_errors.front();
    EXPECT_GT(browser.screenshot_bytes, 0u);
  }

  fs::path dir_;
};

TEST_F(BrowserViewTest, ALetterWithEveryFactBoxed) { RunViewAndOpen("corpus/letter-layout2.pdf"); }

TEST_F(BrowserViewTest, AScannedReportBoxedFromItsOcrWords) {
  RunViewAndOpen("corpus/scanned-progress-report.pdf");
}

TEST_F(BrowserViewTest, AGeneratedPacketWithItsDocuments) {
  // The generator is built beside imr (tools/), where cairo is installed.
  const char* env = std::getenv("IMR_PACKET_GEN");
  const std::string generator =
      env ? env : (fs::path(testing::ImrBinary()).parent_path() / "tools" / "imr_packet_gen").string();
  if (!fs::exists(generator)) GTEST_SKIP() << "no packet generator at " << generator << " (needs cairo)";
  if (RunShell("command -v qpdf >/dev/null 2>&1").exit_code != 0) GTEST_SKIP() << "no qpdf (make_packets.sh uses it)";
  const testing::CommandResult made =
      RunShell("IMR_PACKET_GEN=" + Quoted(generator) + " bash " + Quoted(testing::SourceDir() + "/corpus/make_packets.sh") +
               " " + Quoted(dir_.string()) + " --one 20 7 2>&1");
  ASSERT_EQ(made.exit_code, 0) << made.out;
  RunViewAndOpen((dir_ / "packet-20.pdf").string());
}

}  // namespace
}  // namespace imr
