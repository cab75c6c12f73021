#include "report/batch_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace imr {
namespace {

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

Record WithPages(int page_count, std::vector<int> ocr_pages = {}) {
  Record r;
  r.document.source.page_count = page_count;
  r.document.source.ocr_pages = std::move(ocr_pages);
  return r;
}

Fact FactOf(const std::string& kind) {
  Fact f;
  f.kind = kind;
  f.text = "words that must never reach the report";
  return f;
}

Request RequestFor(const std::string& category, const std::string& decision, const std::string& outcome,
                   const std::string& rule, const std::string& confidence = "weak") {
  Request q;
  q.category = category;
  q.text = "a request's words";
  if (!decision.empty()) q.reference = Reference{decision, {}, "", "", "", {}};
  if (!outcome.empty()) {
    q.determination = Determination{outcome, rule, {}, {}, "", "", "", confidence};
  }
  return q;
}

BatchReport ReportOf(const std::vector<std::pair<std::string, Record>>& records,
                     std::vector<std::string> rule_ids = {}, StoreView store = {}) {
  BatchReportBuilder builder(std::move(rule_ids));
  for (const auto& [stem, record] : records) builder.Add(stem, record);
  builder.AddStore(std::move(store));
  return builder.Finish();
}

TEST(BatchReportTest, CoverageCountsDocumentsNotFacts) {
  Record full = WithPages(2);
  full.fields["date_of_injury"] = {"2016-10-13", {1, 0, 10}, "d1"};
  full.fields["site_field"] = {"x", {1, 0, 1}, "d1"};
  full.patient = {48, "male"};
  full.facts = {FactOf("diagnosis"), FactOf("diagnosis"), FactOf("medication"), FactOf("new_kind")};
  full.requests = {RequestFor("imaging.mri.shoulder", "upheld", "not_medically_necessary", "r@1")};
  Record empty = WithPages(1);
  empty.fields["case_number"] = {"", {}, ""};  // a field without a value is no coverage
  const BatchReport r = ReportOf({{"full", full}, {"empty", empty}});

  EXPECT_EQ(r.documents, 2);
  EXPECT_EQ(r.field_coverage.at("date_of_injury"), 1);
  EXPECT_EQ(r.field_coverage.at("case_number"), 0);
  EXPECT_EQ(r.field_coverage.at("ur_denial_date"), 0);  // a contract field no document has is a row
  EXPECT_EQ(r.field_coverage.at("site_field"), 1);      // and so is a field outside the contract
  EXPECT_EQ(r.person_coverage.patient_age, 1);
  EXPECT_EQ(r.person_coverage.patient_sex, 1);
  EXPECT_EQ(r.person_coverage.reviewer_specialty, 0);
  EXPECT_EQ(r.fact_kinds.at("diagnosis").documents, 1);
  EXPECT_EQ(r.fact_kinds.at("diagnosis").facts, 2);
  EXPECT_EQ(r.fact_kinds.at("medication").documents, 1);
  EXPECT_EQ(r.fact_kinds.at("allergy").documents, 0);
  EXPECT_EQ(r.fact_kinds.at("new_kind").facts, 1);
  EXPECT_EQ(r.documents_with_requests, 1);
}

TEST(BatchReportTest, OcrShareIsOcrPagesOverAllPages) {
  const BatchReport r = ReportOf({{"scan", WithPages(4, {2, 3})}, {"text", WithPages(6)}, {"junk", WithPages(0)}});
  EXPECT_EQ(r.pages, 10);
  EXPECT_EQ(r.ocr_pages, 2);
  EXPECT_DOUBLE_EQ(r.OcrShare(), 0.2);
  EXPECT_DOUBLE_EQ(ReportOf({{"junk", WithPages(0)}}).OcrShare(), 0.0);
}

TEST(BatchReportTest, ProblemsByCodeNameTheirDocumentsMostHitFirst) {
  Record a = WithPages(4);
  a.problems = {{Stage::kIngest, "no_text_layer", 3, "page 3 of patient Jane Roe"},
                {Stage::kIngest, "no_text_layer", 4, ""}};
  Record b = WithPages(1);
  b.problems = {{Stage::kIngest, "no_text_layer", 1, ""}};
  Record c = WithPages(0);
  c.problems = {{Stage::kPipeline, "not_a_pdf", 0, ""}};
  const BatchReport r = ReportOf({{"c", c}, {"b", b}, {"a", a}, {"clean", WithPages(1)}});

  EXPECT_EQ(r.documents_with_problems, 3);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].code, "no_text_layer");
  EXPECT_EQ(r.problems[0].stage, "ingest");
  EXPECT_EQ(r.problems[0].problems, 3);
  EXPECT_EQ(r.problems[0].documents, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.problems[1].code, "not_a_pdf");
  EXPECT_EQ(r.problems[1].documents, (std::vector<std::string>{"c"}));

  // Codes and stems reach the page; messages never do.
  const std::string html = BatchReportToHtml(r, "out");
  EXPECT_EQ(html.find("Jane Roe"), std::string::npos);
  EXPECT_NE(html.find("data-scroll-to=\"problem-no_text_layer\""), std::string::npos);
  EXPECT_NE(html.find("id=\"problem-no_text_layer\""), std::string::npos);
  EXPECT_EQ(BatchReportSummary(r).find("Jane Roe"), std::string::npos);
}

TEST(BatchReportTest, RulesNeverFiredAreTheKnownRulesNoDeterminationNames) {
  Record r1;
  r1.requests = {RequestFor("imaging.mri.lumbar", "", "not_medically_necessary", "mri.acoem@1", "strong"),
                 RequestFor("imaging.mri.lumbar", "overturned", "medically_necessary", "mri.acoem@1", "moderate"),
                 RequestFor("other", "upheld", "", "")};
  Record r2;
  r2.requests = {RequestFor("medication.opioid", "upheld", "insufficient_documentation", "site.rule@2")};
  const BatchReport r = ReportOf({{"one", r1}, {"two", r2}}, {"tens.cpmtg@1", "mri.acoem@1", "ppi.risk@1"});

  EXPECT_EQ(r.rules_known, 3);
  EXPECT_EQ(r.rule_hits, (KeyCounts{{"mri.acoem@1", 2}, {"site.rule@2", 1}}));
  EXPECT_EQ(r.rules_never_fired, (std::vector<std::string>{"ppi.risk@1", "tens.cpmtg@1"}));
  EXPECT_EQ(r.requests, 4);
  EXPECT_EQ(r.request_categories, (KeyCounts{{"imaging.mri.lumbar", 2}, {"medication.opioid", 1}, {"other", 1}}));
  EXPECT_EQ(r.reference_decisions, (KeyCounts{{"none", 1}, {"overturned", 1}, {"upheld", 2}}));
  EXPECT_EQ(r.drafted_outcomes, (KeyCounts{{"insufficient_documentation", 1},
                                           {"medically_necessary", 1},
                                           {"none", 1},
                                           {"not_medically_necessary", 1}}));
  EXPECT_EQ(r.confidence, (KeyCounts{{"moderate", 1}, {"strong", 1}, {"weak", 1}}));
  EXPECT_EQ(r.decision_vs_outcome.at("upheld"), (KeyCounts{{"insufficient_documentation", 1}, {"none", 1}}));
}

TEST(BatchReportTest, TheStoreGivesStatusAndTimesOfTheRecordsReadOnly) {
  StoreView store;
  store.found = true;
  store.schema_version = 2;
  store.runs = {{2, "batch", "v", "", "2024-05-01T01:40:00Z", "", "", 0, 0, 0, 0},
                {1, "batch", "v", "", "2024-05-01T01:30:00Z", "2024-05-01T01:31:00Z", "finished", 3, 6, 1, 60}};
  store.documents = {{"a", "processed", "2024-05-01T01:30:01Z", 1000, 2},
                     {"b", "processed", "2024-05-01T01:30:03Z", 3000, 3},
                     {"c", "duplicate", "2024-05-01T01:30:03Z", 1, 3},
                     {"gone", "processed", "2024-05-01T01:30:05Z", 9000, 1}};
  const BatchReport r = ReportOf({{"a", WithPages(2)}, {"b", WithPages(3)}, {"c", WithPages(3)}, {"new", WithPages(1)}},
                                 {}, store);

  EXPECT_TRUE(r.store_found);
  EXPECT_EQ(r.documents_by_status, (KeyCounts{{"duplicate", 1}, {"processed", 2}}));
  EXPECT_EQ(r.records_not_in_store, (std::vector<std::string>{"new"}));
  EXPECT_EQ(r.store_rows_without_record, 1);
  const RunTimings& t = r.timings;
  ASSERT_EQ(t.runs.size(), 2u);
  EXPECT_EQ(t.runs[0].id, 1);
  EXPECT_EQ(t.timed_documents, 2);  // the duplicate is a copy, not a read
  EXPECT_EQ(t.timed_pages, 5);
  EXPECT_DOUBLE_EQ(t.processing_seconds, 4.0);
  EXPECT_DOUBLE_EQ(t.median_ms, 1000);
  EXPECT_DOUBLE_EQ(t.max_ms, 3000);
  ASSERT_EQ(t.slowest.size(), 2u);
  EXPECT_EQ(t.slowest[0].stem, "b");
  EXPECT_EQ(t.timeline_bin_seconds, 1);
  EXPECT_EQ(t.timeline.labels, (std::vector<std::string>{"01:30:01", "01:30:02", "01:30:03"}));
  EXPECT_EQ(t.timeline.counts, (std::vector<double>{1, 0, 2}));
  EXPECT_EQ(t.first_processed, "2024-05-01T01:30:01Z");

  EXPECT_EQ(ReportOf({{"a", WithPages(1)}}).records_not_in_store.size(), 0u);  // no store: nothing to compare
}

TEST(BatchReportTest, DurationBinsCoverEveryTime) {
  const ReportBins bins = BinByDuration({0, 99.9, 100, 1500, 59999, 60000, 3.6e6, HUGE_VAL});
  ASSERT_EQ(bins.labels.size(), bins.counts.size());
  EXPECT_EQ(bins.labels.front(), "<10ms");
  EXPECT_EQ(bins.labels.back(), ">=60s");
  EXPECT_EQ(bins.counts, (std::vector<double>{1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 3}));
}

TEST(BatchReportTest, TimelineBinsAreRoundAndFew) {
  struct Case {
    std::vector<std::string> times;
    int64_t bin_seconds;
    std::string first_label, last_label;
  } cases[] = {
      {{"2024-05-01T01:30:07Z"}, 1, "01:30:07", "01:30:07"},
      {{"2024-05-01T01:30:00Z", "2024-05-01T05:29:59Z"}, 300, "01:30", "05:25"},
      {{"2024-05-01T23:50:00Z", "2024-05-02 00:20:00"}, 60, "05-01 23:50", "05-02 00:20"},
      {{"2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z"}, 86400, "2024-04-01", "2024-05-01"},
      {{"not a time", "2024-05-01T01:30:07Z"}, 1, "01:30:07", "01:30:07"},
  };
  for (const Case& c : cases) {
    int64_t width = 0;
    const ReportBins bins = BinByTime(c.times, 48, &width);
    EXPECT_EQ(width, c.bin_seconds) << c.times.back();
    ASSERT_FALSE(bins.labels.empty()) << c.times.back();
    EXPECT_LE(bins.labels.size(), 48u) << c.times.back();
    EXPECT_EQ(bins.labels.front(), c.first_label) << c.times.back();
    EXPECT_EQ(bins.labels.back(), c.last_label) << c.times.back();
  }
  int64_t width = -1;
  EXPECT_TRUE(BinByTime({"yesterday"}, 48, &width).labels.empty());
  EXPECT_EQ(width, 0);
}

TEST(BatchReportTest, EveryFigureIsAChartWithItsTable) {
  Record r = WithPages(3, {1});
  r.document.doc_type = "rfa";
  r.documents = {{"d1", "rfa", 1, 3, "", "", ""}};
  r.problems = {{Stage::kIngest, "ocr_low_confidence", 1, ""}};
  r.facts = {FactOf("diagnosis")};
  r.requests = {RequestFor("imaging.mri.lumbar", "", "not_medically_necessary", "mri.acoem@1")};
  StoreView store;
  store.found = true;
  store.documents = {{"rfa", "processed", "2024-05-01T01:30:01Z", 1200, 3}};
  const std::string html = BatchReportToHtml(ReportOf({{"rfa", r}}, {"mri.acoem@1"}, store), "night");
  // Types twice, pages, problems, fields, fact kinds, categories, decisions,
  // outcomes, confidence, rules, status, durations, slowest, timeline.
  EXPECT_EQ(Occurrences(html, "data-check=\"chart\""), 15u);
  EXPECT_EQ(Occurrences(html, "<svg"), Occurrences(html, "<div class=\"pair\">"));
  EXPECT_EQ(html.find("words that must never reach the report"), std::string::npos);
  EXPECT_EQ(html.find("a request&#39;s words"), std::string::npos);
}

}  // namespace
}  // namespace imr
