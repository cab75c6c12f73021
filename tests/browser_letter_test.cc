// `imr letter` as a reviewer opens it: the built binary makes the record of a
// sample letter, drafts its letter as HTML, and headless Chromium opens it.
// The page's self-test (report/html.h) measures the header table and the
// decision blocks and clicks the evidence links.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/browser.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

class BrowserLetterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("imr-letter-browser-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(BrowserLetterTest, HeaderDecisionsAndEvidenceLinks) {
  const std::string pdf = (fs::path(testing::SourceDir()) / "corpus" / "letter-layout1-partial.pdf").string();
  const std::string imr = Quoted(testing::ImrBinary());
  const testing::CommandResult run = RunShell(imr + " run " + Quoted(pdf) + " -o " + Quoted(dir_.string()) + " 2>&1");
  ASSERT_LE(run.exit_code, 1) << run.out;
  const std::string html = (dir_ / "draft.html").string();
  const testing::CommandResult letter =
      RunShell(imr + " letter " + Quoted((dir_ / "letter-layout1-partial.json").string()) + " -o " + Quoted(html) + " 2>&1");
  ASSERT_EQ(letter.exit_code, 0) << letter.out;
  EXPECT_EQ(letter.out, "");
  struct stat info {};
  ASSERT_EQ(stat(html.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0077, 0u) << "the letter quotes the record: owner only";

  const testing::BrowserRun browser = testing::OpenInBrowser(html, (dir_ / "draft.png").string());
  if (!browser.browser_found) GTEST_SKIP() << browser.error;
  ASSERT_TRUE(browser.ran) << browser.error;
  EXPECT_EQ(browser.Drawn("header"), 1);
  EXPECT_GE(browser.Drawn("decision"), 3);  // the sample's three disputed items
  EXPECT_EQ(browser.Drawn("draft"), 1);     // the DRAFT banner
  EXPECT_GT(browser.ScrolledIntoView(), 0);
  for (const testing::ScrollCheck& s : browser.scrolls) {
    EXPECT_TRUE(s.found) << s.to;
    EXPECT_TRUE(s.visible_after) << s.to;
  }
  EXPECT_EQ(browser.resources, 0);
  EXPECT_TRUE(browser.script_errors.empty()) << browser.script_errors.front();
  EXPECT_GT(browser.screenshot_bytes, 0u);
}

}  // namespace
}  // namespace imr
