// Every input the fuzz targets (fuzz/) stopped on, run again through the same
// entry points in the normal build: tests/fuzz_regressions/text/* as fuzz_text
// runs them (a .txt input through RunDocument), tests/fuzz_regressions/pdf/*
// as fuzz_pdf does (IngestBytes, Poppler and qpdf in libimr_pdf.so) and then
// through the whole pipeline. Each must give a whole record that keeps the
// invariants fuzz/invariants.h checks, with no stage that threw.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/invariants.h"
#include "ingest/ingest.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// The files of tests/fuzz_regressions/<kind>, sorted.
std::vector<fs::path> Regressions(const std::string& kind) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(testing::SourceDir()) / "tests" / "fuzz_regressions" / kind;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectWholeRecord(const Record& record, const std::string& path) {
  EXPECT_EQ(BrokenRecordInvariant(record), "");
  EXPECT_EQ(ThrownProblems(record), std::vector<std::string>{});
  EXPECT_EQ(record.document.source.path, path);
  EXPECT_FALSE(RecordToJson(record).empty());
}

// The check fuzz_text stops on: every problem that means our code threw,
// the extractor's own included, and none of the problems an input earns.
TEST(FuzzRegressionsTest, ThrownProblemsNameEveryCaughtExceptionAndNothingElse) {
  Record record;
  record.problems = {{Stage::kIngest, "binary_content", 1, "not text"},
                     {Stage::kExtract, "extractor_failed", 1, "the date extractor failed"},
                     {Stage::kNormalize, "unparsed_date", 1, "a date"},
                     {Stage::kExtract, "stage_failed", 1, "extract failed"},
                     {Stage::kPipeline, "internal_error", 0, "partial"},
                     {Stage::kPipeline, "memory_limit", 0, "partial"}};
  EXPECT_EQ(ThrownProblems(record),
            (std::vector<std::string>{"extractor_failed (extract)", "stage_failed (extract)",
                                      "internal_error (pipeline)", "memory_limit (pipeline)"}));
  record.problems.erase(record.problems.begin() + 1, record.problems.end());
  EXPECT_EQ(ThrownProblems(record), std::vector<std::string>{});
}

TEST(FuzzRegressionsTest, TextInputsGiveWholeRecords) {
  const std::vector<fs::path> inputs = Regressions("text");
  if (inputs.empty()) GTEST_SKIP() << "no text input has stopped fuzz_text yet";
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    const std::string bytes = testing::ReadFile(input.string());
    ExpectWholeRecord(RunDocument(bytes, "fuzz.txt", {.ocr = false}), "fuzz.txt");
  }
}

TEST(FuzzRegressionsTest, PdfInputsGiveWholeDocumentsAndRecords) {
  const std::vector<fs::path> inputs = Regressions("pdf");
  if (inputs.empty()) GTEST_SKIP() << "no PDF input has stopped fuzz_pdf yet";
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    const std::string bytes = testing::ReadFile(input.string());
    const Document doc = IngestBytes(bytes, "fuzz.pdf", {.ocr = false, .ocr_dpi = 150, .max_pages = 200});
    EXPECT_EQ(BrokenDocumentInvariant(doc), "");
    ExpectWholeRecord(RunDocument(bytes, "fuzz.pdf", {.ocr = false}), "fuzz.pdf");
  }
}

}  // namespace
}  // namespace imr
