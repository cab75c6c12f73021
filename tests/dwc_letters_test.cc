// The real letters of ../shared/data/dwc-letters/ through the whole pipeline
// and `imr eval`, held to the numbers the foundation issue asks for. Skipped,
// with a message, where that folder is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "core/text.h"
#include "pipeline/eval_io.h"
#include "pipeline/output.h"
#include "pipeline/run_document.h"
#include "report/eval.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

class DwcLettersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = testing::SharedDataDir("dwc-letters");
    if (dir.empty()) return;
    std::vector<std::string> errors;
    gold_ = new std::vector<GoldLetter>(ReadGoldDir(dir + "/gold", &errors));
    records_ = new std::map<std::string, Record>;
    for (const auto& e : fs::directory_iterator(dir + "/pdf")) {
      if (e.path().extension() == ".pdf") (*records_)[FileStem(e.path().string())] = RunFile(e.path().string(), {});
    }
    report_ = new EvalReport(Evaluate(*gold_, *records_));
  }
  static void TearDownTestSuite() {
    delete gold_;
    delete records_;
    delete report_;
  }
  void SetUp() override {
    if (!report_) GTEST_SKIP() << "../shared/data/dwc-letters is absent: real-letter evaluation skipped";
  }
  static double Rate(const std::string& field) { return report_->fields.at(field).rate(); }

  static std::vector<GoldLetter>* gold_;
  static std::map<std::string, Record>* records_;
  static EvalReport* report_;
};

std::vector<GoldLetter>* DwcLettersTest::gold_ = nullptr;
std::map<std::string, Record>* DwcLettersTest::records_ = nullptr;
EvalReport* DwcLettersTest::report_ = nullptr;

TEST_F(DwcLettersTest, OneRecordPerLetterNoneLost) {
  EXPECT_EQ(records_->size(), gold_->size());
  EXPECT_EQ(report_->records_found, report_->gold_letters);
}

TEST_F(DwcLettersTest, HeaderFieldsAtLeast99Percent) {
  for (const char* f : {"case_number", "date_assigned", "decision_date", "date_of_injury", "ur_denial_date",
                        "application_received", "priority"}) {
    EXPECT_GE(Rate(f), 0.99) << f;
  }
}

TEST_F(DwcLettersTest, PatientAndReviewer) {
  EXPECT_GE(Rate("age"), 0.98);
  EXPECT_GE(Rate("sex"), 0.98);
  EXPECT_GE(Rate("licensure"), 0.97);
  EXPECT_GE(Rate("specialty"), 0.95);
}

TEST_F(DwcLettersTest, RequestsDecisionsAndGuidelines) {
  EXPECT_GE(report_->RequestF1(), 0.97);
  EXPECT_GE(report_->decision.rate(), 0.99);
  EXPECT_GE(report_->reviewer_guideline.rate(), 0.95);
}

TEST_F(DwcLettersTest, RequestsHaveCategories) {
  EXPECT_GE(report_->CategorizedShare(), 0.90);
}

TEST_F(DwcLettersTest, CaseSummaryDiagnoses) {
  EXPECT_GE(report_->DiagnosisF1(), 0.85) << "precision " << report_->DiagnosisPrecision() << " recall "
                                          << report_->DiagnosisRecall();
}

// The injury date a case summary states ("industrial injury on 10-11-2016",
// "date of injury of October 10, 2015") is found by a loose pattern of this
// test's own, independent of the extractor; the extractor must have a date
// fact of the summary starting right there.
TEST_F(DwcLettersTest, SummaryInjuryDateIsADateFact) {
  static const std::regex injury_date(
      R"((?:injur(?:y|ed)|DOI)\b[^.]{0,45}?\b(\d{1,2}[-/]\d{1,2}[-/]\s?\d{2,4}|)"
      R"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}))",
      std::regex::icase);
  int stated = 0, found = 0;
  for (const auto& [stem, record] : *records_) {
    for (const Section& section : record.document.sections) {
      if (section.name != "clinical_case_summary") continue;
      const std::string& page = record.document.pages[section.page_number - 1].text;
      const std::string text = page.substr(section.begin, section.end - section.begin);
      std::smatch m;
      if (!std::regex_search(text, m, injury_date)) continue;
      ++stated;
      const size_t at = section.begin + m.position(1);
      // The date may be a fact of its own or a repeat merged into an earlier
      // mention of the same date (Fact::also).
      const auto here = [&](const Span& span, const std::string& in) {
        return in == "clinical_case_summary" && span.page_number == section.page_number && span.begin == at;
      };
      const bool has_fact = std::any_of(record.facts.begin(), record.facts.end(), [&](const Fact& f) {
        if (f.kind != "date") return false;
        if (here(f.span, f.section)) return true;
        return std::any_of(f.also.begin(), f.also.end(), [&](const Evidence& e) { return here(e.span, e.section); });
      });
      found += has_fact;
      if (!has_fact) ADD_FAILURE() << stem << ": no date fact at the summary's injury date";
      break;
    }
  }
  ASSERT_GT(stated, 0);
  EXPECT_GE(static_cast<double>(found) / stated, 0.95) << found << " of " << stated;
}

// The determination stage drafts a determination for (nearly) every request,
// and each one lists its criteria, cites a guideline and quotes only facts
// the record holds.
TEST_F(DwcLettersTest, DeterminationsForNearlyEveryRequest) {
  const Agreement& a = report_->agreement;
  ASSERT_GT(a.total, 0);
  EXPECT_GE(a.DeterminedShare(), 0.90) << a.determined << " of " << a.total;
  for (const auto& [stem, record] : *records_) {
    for (const Request& r : record.requests) {
      if (!r.determination) continue;
      const Determination& d = *r.determination;
      EXPECT_FALSE(d.criteria.empty()) << stem << " " << r.id;
      EXPECT_FALSE(d.citations.empty()) << stem << " " << r.id;
      EXPECT_EQ(d.guideline_era, "chronic_pain_2016") << stem << ": UR dates of these letters fall in 2016-2017";
      for (const CriterionResult& c : d.criteria) {
        for (const std::string& id : c.evidence) {
          const auto f = std::find_if(record.facts.begin(), record.facts.end(), [&](const Fact& x) { return x.id == id; });
          ASSERT_NE(f, record.facts.end()) << stem << " " << r.id << " " << c.id << " cites " << id;
        }
      }
    }
  }
}

// Agreement with the reviewers, against issue 11's aims: accuracy no worse
// than answering "upheld" every time (0.90 on these letters, kappa 0) and
// kappa 0.40. The burden of proof trades overturned requests whose support
// is only inferred (drafted insufficient_documentation) for fewer
// over-approvals, so overturn recall has a floor of 0.40 here and precision
// one of 0.60; the aim of 0.50 recall is for letters the rules never saw
// (decide/rules/CHANGES.md).
TEST_F(DwcLettersTest, DeterminationsAgreeWithReviewers) {
  const Agreement& a = report_->agreement;
  const double all_upheld = static_cast<double>(a.Count("upheld", true) + a.Count("upheld", false)) / a.total;
  EXPECT_GE(a.Kappa(), 0.40) << FormatEvalTable(*report_).substr(0, 4000);
  EXPECT_GE(a.Accuracy(), all_upheld);
  EXPECT_GE(a.OverturnRecall(), 0.40);
  EXPECT_GE(a.OverturnPrecision(), 0.60);
  // Every draft says how far to trust it.
  for (const auto& [confidence, tally] : a.by_confidence) {
    EXPECT_TRUE(confidence == "strong" || confidence == "moderate" || confidence == "weak") << confidence;
  }
}

TEST_F(DwcLettersTest, EverySpanIsValid) {
  for (const auto& [stem, record] : *records_) {
    const std::vector<Page>& pages = record.document.pages;
    for (const Fact& f : record.facts) {
      EXPECT_EQ(Slice(pages, f.span), f.text) << stem << " " << f.id;
      for (const Evidence& e : f.also) EXPECT_EQ(Slice(pages, e.span), e.text) << stem << " " << f.id << " (also)";
    }
    for (const auto& [name, field] : record.fields) EXPECT_FALSE(Slice(pages, field.span).empty()) << stem << " " << name;
    for (const Request& r : record.requests) {
      // Fixed bug: a request wrapped over a line break was quoted with the
      // break made a space; `text` is the page's words exactly, `display` one line.
      EXPECT_FALSE(r.text.empty()) << stem << " " << r.id;
      EXPECT_EQ(Slice(pages, r.span), r.text) << stem << " " << r.id;
      EXPECT_EQ(r.display.substr(0, CollapseWhitespace(r.text).size()), CollapseWhitespace(r.text)) << stem << " " << r.id;
      if (r.reference) EXPECT_EQ(Slice(pages, r.reference->statement_span), r.reference->statement) << stem << " " << r.id;
    }
  }
}

}  // namespace
}  // namespace imr
