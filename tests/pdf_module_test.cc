// The PDF module's ABI check (ingest/pdf_module.cc), as a user meets it: imr
// run with IMR_PDF_MODULE naming a module of this ABI version, of another, a
// shared object that is no module, a file that is no shared object and a path
// where nothing is. Each one that cannot be used gives the record a
// pdf_reader_unavailable problem with the loader's own words, and nothing
// else is loaded in its place.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "ingest/pdf_text.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

struct ImrRun {
  int exit_code = -1;
  nlohmann::json record;
  std::string err;
};

// `imr run corpus/letter-layout2.pdf` with IMR_PDF_MODULE=module.
ImrRun RunWithModule(const std::string& module) {
  const testing::CommandResult result = testing::RunShell(
      "cd '" + testing::SourceDir() + "' && IMR_PDF_MODULE='" + module + "' '" + testing::ImrBinary() +
      "' run corpus/letter-layout2.pdf");
  ImrRun run{result.exit_code, nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false), result.err};
  return run;
}

// The message of the record's one problem of `code`, or "" when it has none.
std::string ProblemMessage(const nlohmann::json& record, const std::string& code) {
  for (const auto& p : record.value("problems", nlohmann::json::array())) {
    if (p.value("code", "") == code) return p.value("message", "");
  }
  return "";
}

TEST(PdfModuleTest, TheBuiltModuleReadsTheLetter) {
  const ImrRun run = RunWithModule(IMR_REAL_MODULE);
  ASSERT_TRUE(run.record.is_object()) << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.record["problems"].empty()) << run.record["problems"].dump();
  EXPECT_TRUE(run.record["fields"].contains("case_number"));
}

// A module of this ABI version is used, whatever it is: the stand-in's reader
// answers.
TEST(PdfModuleTest, AModuleOfThisAbiVersionIsUsed) {
  const ImrRun run = RunWithModule(IMR_FAKE_RIGHT_ABI);
  ASSERT_TRUE(run.record.is_object()) << run.err;
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(ProblemMessage(run.record, "fake_pdf_module"), "") << run.record["problems"].dump();
  EXPECT_EQ(ProblemMessage(run.record, "pdf_reader_unavailable"), "");
}

struct BadModuleCase {
  std::string name;
  std::string module;
  std::string says;  // in the problem's message, besides the module's path
  bool write_text_file = false;  // the test writes `module` as a text file first
};

class BadModuleTest : public ::testing::TestWithParam<BadModuleCase> {};

TEST_P(BadModuleTest, RecordSaysWhyInTheLoadersWords) {
  const BadModuleCase& c = GetParam();
  // Longer than an ELF header, or the loader says "file too short" instead.
  if (c.write_text_file) std::ofstream(c.module) << std::string(4, '\n') << std::string(200, 'x') << "\n";
  const ImrRun run = RunWithModule(c.module);
  if (c.write_text_file) fs::remove(c.module);
  ASSERT_TRUE(run.record.is_object()) << run.err;
  EXPECT_EQ(run.exit_code, 1);
  const std::string message = ProblemMessage(run.record, "pdf_reader_unavailable");
  EXPECT_NE(message.find(c.module), std::string::npos) << message;
  EXPECT_NE(message.find(c.says), std::string::npos) << message;
  // Nothing was read: not the stand-in, not the built module in its place.
  EXPECT_EQ(ProblemMessage(run.record, "fake_pdf_module"), "");
  EXPECT_FALSE(run.record["fields"].contains("case_number"));
}

// Where the test writes a file that is no shared object at all.
std::string TextFilePath() {
  return (fs::temp_directory_path() / ("imr-not-elf-" + std::to_string(getpid()) + ".so")).string();
}

INSTANTIATE_TEST_SUITE_P(
    Loader, BadModuleTest,
    ::testing::Values(
        BadModuleCase{"WrongAbiVersion", IMR_FAKE_WRONG_ABI,
                      "PDF module ABI version " + std::to_string(kPdfModuleAbi + 1) + ", this imr needs " +
                          std::to_string(kPdfModuleAbi)},
        BadModuleCase{"NotAModule", IMR_NOT_A_MODULE, "undefined symbol: ImrPdfModuleAbi"},
        BadModuleCase{"NotASharedObject", TextFilePath(), "invalid ELF header", true},
        BadModuleCase{"NoSuchFile", "/nonexistent/libimr_pdf.so", "No such file or directory"}),
    [](const ::testing::TestParamInfo<BadModuleCase>& info) { return info.param.name; });

}  // namespace
}  // namespace imr
