// The quality report of a batch, or of a night of the inbox (`imr report`):
// what the records of an output folder hold, counted, and how long the store
// says they took.
//
//   imr::BatchReportBuilder builder(rule_ids);        // every rule of the rulebook
//   for (const auto& [stem, record] : records) builder.Add(stem, record);  // OUT/<stem>.json
//   builder.AddStore(store_view);                      // OUT/imr.sqlite's rows, if any
//   imr::BatchReport report = builder.Finish();
//   WritePrivateFile("report.html", imr::BatchReportToHtml(report, "records"));
//
// The report names documents by the stem of their record file and says
// nothing else of them but codes, categories, types and counts: it may be
// mailed around, so no quoted text and no problem message reaches it.
// Records are added one at a time so that a night of thousands is never held
// in memory at once. The JSON form is written by cli/report_command.cc.
#ifndef IMR_REPORT_BATCH_REPORT_H_
#define IMR_REPORT_BATCH_REPORT_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// A count per key (a type, a code, a category), in key order.
using KeyCounts = std::map<std::string, int64_t>;

// One row of the store's `runs` table.
struct StoredRun {
  int64_t id = 0;
  std::string command;  // batch, watch, merge
  std::string pipeline_version;
  std::string shard;
  std::string started, finished;  // "2024-05-01T01:30:00Z" (UTC); finished empty while running
  std::string outcome;            // finished, interrupted, failed; empty while running
  int64_t documents = 0, pages = 0, problems = 0;
  double seconds = 0;  // wall time of the run (a watch session's includes idle time)
};

// One row of the store's `documents` table, as the report uses it.
struct StoredDocument {
  std::string stem;    // record_file without ".json"
  std::string status;  // processed, failed, duplicate
  std::string processed_at;  // UTC, to the second
  double milliseconds = 0;   // from taking the input to its record (a duplicate's: the copy)
  int page_count = 0;
};

// What the store of the folder holds, read by the caller (the report names no
// database); `found` false when the folder has none.
struct StoreView {
  bool found = false;
  int schema_version = 0;
  std::string note;  // why some or all of it could not be read, or ""
  std::vector<StoredRun> runs;
  std::vector<StoredDocument> documents;
};

struct ProblemRow {
  std::string code;
  std::string stage;                   // the stage of its first occurrence
  int64_t problems = 0;                // occurrences (a document may have several)
  std::vector<std::string> documents;  // stems, sorted
};

struct FactKindCoverage {
  int64_t documents = 0;  // documents with at least one fact of the kind
  int64_t facts = 0;
};

struct DocumentTime {
  std::string stem;
  std::string status;
  int pages = 0;
  double milliseconds = 0;
};

// Counts over time or duration: labels[i] names the bin counts[i] counts.
struct ReportBins {
  std::vector<std::string> labels;
  std::vector<double> counts;
};

// What the store says about time. Everything here varies from run to run.
struct RunTimings {
  std::vector<StoredRun> runs;  // by id
  // Over the documents the workers read (duplicates are copies, not reads).
  int64_t timed_documents = 0, timed_pages = 0;
  double processing_seconds = 0;  // the sum of their times
  double median_ms = 0, p90_ms = 0, max_ms = 0;
  std::vector<DocumentTime> slowest;  // the slowest first, at most kSlowestShown
  ReportBins duration_histogram;       // documents per processing-time bin
  ReportBins timeline;                 // documents per processed_at bin (UTC)
  int64_t timeline_bin_seconds = 0;
  std::string first_processed, last_processed;
};

struct BatchReport {
  int64_t documents = 0;  // records read
  int64_t pages = 0, ocr_pages = 0;
  double OcrShare() const { return pages > 0 ? static_cast<double>(ocr_pages) / static_cast<double>(pages) : 0; }
  KeyCounts doc_types;  // each record's doc_type ("packet" for a packet)
  int64_t packet_documents = 0;
  KeyCounts packet_doc_types;  // each document inside the records (a single document counts once)

  int64_t documents_with_problems = 0;
  std::vector<ProblemRow> problems;  // most documents hit first, then by code

  // Documents with a value: every field of the record contract (0 where none
  // has it) and any other field found.
  KeyCounts field_coverage;
  struct PersonCoverage {
    int64_t patient_age = 0, patient_sex = 0, reviewer_licensure = 0, reviewer_specialty = 0;
  } person_coverage;
  std::map<std::string, FactKindCoverage> fact_kinds;  // every contract kind, and any other found
  int64_t documents_with_requests = 0;

  int64_t requests = 0;
  KeyCounts request_categories;
  KeyCounts reference_decisions;  // "none": the input decided nothing about it
  KeyCounts drafted_outcomes;     // "none": no determination was drafted
  KeyCounts confidence;           // of the drafted determinations
  std::map<std::string, KeyCounts> decision_vs_outcome;  // reference decision -> drafted outcome -> requests

  int64_t rules_known = 0;
  KeyCounts rule_hits;                         // determination.rule -> requests it decided
  std::vector<std::string> rules_never_fired;  // known rules no determination names, sorted

  // The store's side, as far as it does not vary with timing.
  bool store_found = false;
  int store_schema_version = 0;
  std::string store_note;                         // StoreView::note
  KeyCounts documents_by_status;                  // of the records read, as the store has them
  std::vector<std::string> records_not_in_store;  // stems with no row (sorted)
  int64_t store_rows_without_record = 0;          // rows whose record file is not in the folder

  RunTimings timings;
};

inline constexpr size_t kSlowestShown = 10;
inline constexpr size_t kTimelineBins = 48;  // at most, over the night's span

class BatchReportBuilder {
 public:
  // `rule_ids`: every rule that could fire (Rule::id, "set.rule@version"), to
  // find the ones that never did.
  explicit BatchReportBuilder(std::vector<std::string> rule_ids);

  // Counts `record`, the record file `stem`.json. Call once per record file.
  void Add(std::string_view stem, const Record& record);

  // The store's rows; documents whose record file was not added are left out
  // of every figure but store_rows_without_record.
  void AddStore(StoreView store);

  BatchReport Finish();

 private:
  // The figures the store's rows give, for the records added.
  void AddStoreFigures(BatchReport* report) const;

  BatchReport report_;
  std::set<std::string> rule_ids_;
  std::map<std::string, ProblemRow> problem_rows_;  // by code; documents filled at the end
  std::map<std::string, std::set<std::string>> documents_by_problem_;
  std::set<std::string> stems_;
  StoreView store_;
};

// Documents per processing-time bin ("<10ms", "10-50ms", ... "30-60s",
// ">=60s"): every bin in order, zero where empty.
ReportBins BinByDuration(const std::vector<double>& milliseconds);

// Documents per stretch of time between the earliest and the latest of
// `utc_times` ("YYYY-MM-DDTHH:MM:SSZ"), with the stretch chosen so that there
// are at most `max_bins` of them; `bin_seconds` says which. Unparsable times are
// left out.
ReportBins BinByTime(const std::vector<std::string>& utc_times, size_t max_bins, int64_t* bin_seconds);

// The page: charts with their numbers beside them, problem rows that link to
// the list of the documents they hit. `folder` names the output folder in the
// heading (its name only, never a path).
std::string BatchReportToHtml(const BatchReport& report, std::string_view folder);

// A few lines for a terminal: the figures that say whether the night went well.
std::string BatchReportSummary(const BatchReport& report);

}  // namespace imr

#endif  // IMR_REPORT_BATCH_REPORT_H_
