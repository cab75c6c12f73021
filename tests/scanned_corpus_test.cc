// The corpus letters printed and scanned (corpus/scanned/, made by
// corpus/make_scanned.sh: 200 and 250 dpi gray, skewed, blurred, specked, no
// text layer) read through OCR and scored against the letters' own gold
// (corpus/gold/): what OCR reads must be what the typeset letter says.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/text.h"
#include "pipeline/eval_io.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "report/eval.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

std::string ScannedDir() { return testing::SourceDir() + "/corpus/scanned"; }

class ScannedCorpusTest : public ::testing::Test {
 protected:
  // Each scan through the pipeline once per test process: OCR is the slow part.
  static void SetUpTestSuite() {
    records_ = new std::map<std::string, Record>;
    for (const auto& e : fs::directory_iterator(ScannedDir())) {
      if (e.path().extension() == ".pdf") (*records_)[FileStem(e.path().string())] = RunFile(e.path().string(), {});
    }
    std::vector<std::string> errors;
    std::vector<GoldLetter> gold;
    for (GoldLetter& g : ReadGoldDir(testing::SourceDir() + "/corpus/gold", &errors)) {
      if (records_->count(g.stem)) gold.push_back(std::move(g));
    }
    gold_count_ = gold.size();
    report_ = new EvalReport(Evaluate(gold, *records_));
  }
  static void TearDownTestSuite() {
    delete records_;
    delete report_;
  }

  static std::map<std::string, Record>* records_;
  static EvalReport* report_;
  static size_t gold_count_;
};

std::map<std::string, Record>* ScannedCorpusTest::records_ = nullptr;
EvalReport* ScannedCorpusTest::report_ = nullptr;
size_t ScannedCorpusTest::gold_count_ = 0;

TEST_F(ScannedCorpusTest, EveryScanHasGoldAndEveryPageWasReadByOcr) {
  ASSERT_GE(records_->size(), 2u);
  EXPECT_EQ(gold_count_, records_->size());
  for (const auto& [stem, record] : *records_) {
    SCOPED_TRACE(stem);
    EXPECT_TRUE(record.problems.empty()) << record.problems.front().code;
    std::vector<int> all;
    for (const Page& page : record.document.pages) {
      all.push_back(page.page_number);
      EXPECT_TRUE(page.ocr);
      // Tesseract is sure of most words of a clean scan; a page far below
      // this was read badly (wrong resolution, upside down).
      EXPECT_GE(page.ocr_confidence, 80) << "page " << page.page_number;
      EXPECT_LE(page.ocr_confidence, 100) << "page " << page.page_number;
    }
    EXPECT_EQ(record.document.source.ocr_pages, all);
  }
}

TEST_F(ScannedCorpusTest, HeaderFieldsAndReviewerAsTheGoldSays) {
  for (const char* f : {"case_number", "date_assigned", "decision_date", "date_of_injury", "ur_denial_date",
                        "application_received", "priority", "age", "sex", "licensure", "specialty"}) {
    ASSERT_TRUE(report_->fields.count(f)) << f;
    EXPECT_EQ(report_->fields.at(f).rate(), 1.0) << f;
    for (const Miss& m : report_->misses) {
      if (m.what == f) ADD_FAILURE() << m.stem << " " << f << ": expected '" << m.expected << "', got '" << m.got << "'";
    }
  }
}

TEST_F(ScannedCorpusTest, RequestsAndDecisionsAsTheGoldSays) {
  EXPECT_GT(report_->gold_requests, 0);
  EXPECT_EQ(report_->RequestF1(), 1.0);
  EXPECT_EQ(report_->decision.rate(), 1.0);
}

// Invariant 2 on OCR'd pages: the repaired text is the page text.
TEST_F(ScannedCorpusTest, EverySpanQuotesItsText) {
  for (const auto& [stem, record] : *records_) {
    const std::vector<Page>& pages = record.document.pages;
    for (const Fact& f : record.facts) EXPECT_EQ(Slice(pages, f.span), f.text) << stem << " " << f.id;
    for (const auto& [name, field] : record.fields) EXPECT_FALSE(Slice(pages, field.span).empty()) << stem << " " << name;
    for (const Request& r : record.requests) EXPECT_EQ(Slice(pages, r.span), r.text) << stem << " " << r.id;
  }
}

// Pages read on two threads, a Tesseract each, read as on one.
TEST_F(ScannedCorpusTest, SameRecordOnOneOrTwoOcrThreads) {
  ASSERT_EQ(RunOptions().ocr_threads, 1);  // the suite's records were read on one
  RunOptions two;
  two.ocr_threads = 2;
  const Record record = RunFile(ScannedDir() + "/letter-layout2.pdf", two);
  EXPECT_EQ(RecordToJson(record), RecordToJson(records_->at("letter-layout2")));
}

}  // namespace
}  // namespace imr
