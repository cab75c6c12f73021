// The command-line contract, run as a user runs it: the built binary, its
// stdout, stderr and exit code.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

std::string Imr(const std::string& args) {
  return "cd '" + testing::SourceDir() + "' && '" + testing::ImrBinary() + "' " + args;
}

struct CliCase {
  std::string args;
  int exit_code;
  std::string stdout_has;  // "" checks nothing
  std::string stderr_has;
};

TEST(CliTest, Table) {
  const CliCase cases[] = {
      {"", 2, "", "imr run"},
      {"help", 0, "imr eval --gold DIR", ""},
      {"frobnicate", 2, "", "unknown command"},
      {"run", 2, "", "usage: imr run"},
      {"run --bogus corpus/letter-layout2.pdf", 2, "", "unknown flag --bogus"},
      {"run corpus/letter-layout2.pdf corpus/letter-layout3.pdf", 2, "", "give -o DIR"},
      {"run corpus/letter-layout2.pdf", 0, "\"case_number\"", ""},
      {"run corpus/errors/empty.pdf", 1, "\"empty_file\"", ""},
      {"run corpus/errors/password.pdf", 1, "\"encrypted_needs_password\"", ""},
      {"run corpus/does-not-exist.pdf", 1, "\"unreadable_file\"", ""},
      {"text corpus/letter-layout1-partial.pdf", 0, "Date of Injury:\t06/27/2016", ""},
      {"text corpus/letter-layout2.pdf --json", 0, "\"imr.text/1\"", ""},
      {"text corpus/errors/junk.pdf", 1, "", "not_a_pdf"},
      {"eval corpus/gold", 2, "", "usage: imr eval"},
      {"eval --gold corpus/src out-missing", 2, "", "no *.gold.json"},
      {"eval --gold corpus/gold corpus/expected --folds 1", 2, "", "--folds takes 2..100"},
      {"eval --gold corpus/gold corpus/expected --fold 6", 2, "", "--fold 1..folds"},
      // The rulebook: the builtin one and the files in the tree must both check clean.
      {"rules check", 0, "builtin rulebook", ""},
      {"rules check decide/rules", 0, ": ok", ""},
      {"rules", 2, "", "usage: imr rules check"},
      {"rules check corpus/src", 2, "", "no *.json files"},
      {"run corpus/letter-layout2.pdf", 0, "\"determination\": {", ""},
      // The page limit is a safety valve the user sets (issue 13).
      {"run --max-pages 1 corpus/letter-layout1-partial.pdf", 1, "\"too_many_pages\"", ""},
      {"run --max-pages 0 corpus/letter-layout2.pdf", 2, "", "usage: imr run"},
      {"text --max-pages many corpus/letter-layout2.pdf", 2, "", "usage: imr text"},
      // So is the text limit, in MB (issue 16); IngestLimitsTest cuts at it.
      {"run --max-text-mb 0 corpus/letter-layout2.pdf", 2, "", "usage: imr run"},
      {"text --max-text-mb lots corpus/letter-layout2.pdf", 2, "", "usage: imr text"},
      {"run --max-text-mb 1 corpus/letter-layout2.pdf", 0, "\"case_number\"", ""},
      // A decompression bomb is refused unread (IngestErrorsTest).
      {"run corpus/errors/inflate-bomb.pdf", 1, "\"pdf_decompression_bomb\"", ""},
  };
  for (const CliCase& c : cases) {
    SCOPED_TRACE("imr " + c.args);
    const testing::CommandResult r = RunShell(Imr(c.args));
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    if (!c.stdout_has.empty()) {
      EXPECT_NE(r.out.find(c.stdout_has), std::string::npos) << r.out.substr(0, 400);
    }
    if (!c.stderr_has.empty()) {
      EXPECT_NE(r.err.find(c.stderr_has), std::string::npos) << r.err;
    }
  }
}

// A broken rule file is named, with what is wrong, and the exit code says so.
TEST(CliTest, RulesCheckReportsEachProblem) {
  const fs::path dir = fs::temp_directory_path() / ("imr-rules-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  testing::RunShell("cp '" + testing::SourceDir() + "/decide/rules/'*.json '" + dir.string() + "/'");
  {
    std::ofstream bad(dir / "broken.json");
    bad << R"({"rule_set": "broken", "version": 1, "categories": ["imaging.mri.tail"], "rules": [{"id": "r",
      "eras": ["acoem_2017"], "provenance": "R", "summary": "s", "citations": [],
      "criteria": [{"id": "c", "says": "x", "test": {"fact": {"kind": "vibe"}}}]}]})";
  }
  const testing::CommandResult r = RunShell(Imr("rules check '" + dir.string() + "'"));
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* said : {"broken.json", "unknown fact kind \"vibe\"", "citations"}) {
    EXPECT_NE(r.err.find(said), std::string::npos) << said << "\n" << r.err;
  }
}

// `run --rules DIR` decides with the site's own rule files, checked first; a
// directory that does not check runs nothing.
TEST(CliTest, RunDecidesWithTheRulesGiven) {
  const fs::path dir = fs::temp_directory_path() / ("imr-site-rules-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  testing::RunShell("cp '" + testing::SourceDir() + "/decide/rules/'*.json '" + dir.string() + "/'");
  // The site raises the version of its physical therapy rules.
  testing::RunShell("sed -i 's/\"version\": [0-9]*/\"version\": 77/' '" + (dir / "therapy_physical.json").string() + "'");
  const testing::CommandResult site = RunShell(Imr("run corpus/letter-layout2.pdf --rules '" + dir.string() + "'"));
  EXPECT_EQ(site.exit_code, 0) << site.err;
  EXPECT_NE(site.out.find("\"rule\": \"therapy.physical.postop_initial@77\""), std::string::npos) << site.err;
  const testing::CommandResult builtin = RunShell(Imr("run corpus/letter-layout2.pdf"));
  EXPECT_EQ(builtin.out.find("@77\""), std::string::npos);

  std::ofstream(dir / "therapy_physical.json") << "{\"rule_set\": ";
  const testing::CommandResult broken = RunShell(Imr("run corpus/letter-layout2.pdf --rules '" + dir.string() + "'"));
  fs::remove_all(dir);
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_TRUE(broken.out.empty()) << broken.out.substr(0, 200);
  EXPECT_NE(broken.err.find("therapy_physical.json"), std::string::npos) << broken.err;
  EXPECT_NE(broken.err.find("nothing was run"), std::string::npos) << broken.err;
}

class CliOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("imr-cli-" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CliOutputTest, OneRecordPerInputPrivateAndNamedByStem) {
  // Two inputs share the stem "empty": the second record gets a hashed name.
  fs::create_directories(dir_ / "in");
  fs::copy_file(fs::path(testing::SourceDir()) / "corpus/errors/text-named.pdf", dir_ / "in/empty.pdf");
  const testing::CommandResult r = RunShell(
      Imr("run corpus/letter-layout2.pdf corpus/errors/empty.pdf '" + (dir_ / "in/empty.pdf").string() +
          "' -o '" + (dir_ / "out").string() + "'"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir_ / "out")) {
    names.push_back(e.path().filename().string());
    struct stat info {};
    ASSERT_EQ(stat(e.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0077, 0u) << e.path() << " is readable by others";
  }
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "empty-" + names[0].substr(6, 8) + ".json");
  EXPECT_EQ(names[1], "empty.json");
  EXPECT_EQ(names[2], "letter-layout2.json");
}

TEST_F(CliOutputTest, LogsNeverQuoteRecordText) {
  // A letter whose reading raises no problem and one that does: stderr names
  // files and problem codes only.
  const testing::CommandResult r = RunShell(
      Imr("run corpus/letter-layout1-lumbar.pdf corpus/errors/binary-junk.txt corpus/errors/truncated.pdf -o '" +
          dir_.string() + "'"));
  EXPECT_EQ(r.exit_code, 1);
  for (const char* phrase : {"Norco", "epidural", "order picker", "CM17-0900001"}) {
    EXPECT_EQ(r.err.find(phrase), std::string::npos) << phrase;
  }
  EXPECT_NE(r.err.find("binary_content"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace imr
