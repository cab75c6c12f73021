#include "pipeline/report_io.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

#include "decide/rulebook.h"
#include "pipeline/store.h"

namespace imr {

std::vector<std::string> BuiltinRuleIds() {
  std::vector<std::string> ids;
  for (const RuleSet& set : Rulebook::Builtin().sets()) {
    for (const Rule& rule : set.rules) ids.push_back(rule.id);
  }
  return ids;
}

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// The store's files in `dir`: imr.sqlite, or where a sharded batch has not
// been merged yet, its shard stores.
std::vector<fs::path> StoreFiles(const fs::path& dir) {
  if (fs::exists(dir / "imr.sqlite")) return {dir / "imr.sqlite"};
  std::vector<fs::path> shards;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("imr-shard-") && name.ends_with(".sqlite")) shards.push_back(e.path());
  }
  std::sort(shards.begin(), shards.end());
  return shards;
}

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

std::string TextAt(sqlite3_stmt* s, int column) {
  const unsigned char* text = sqlite3_column_text(s, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// Runs `sql` on `db`, handing each row to `row`; false when it cannot be prepared.
template <typename RowFn>
bool ForEachRow(sqlite3* db, const char* sql, RowFn row) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return false;
  StatementPtr statement(raw);
  int rc;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) row(statement.get());
  return rc == SQLITE_DONE;
}

// Adds the runs and documents of the store at `path` to `view`, read-only: a
// report never changes the store, and may run while a batch writes it (WAL).
void ReadStoreFile(const fs::path& path, StoreView* view) {
  const std::string name = path.filename().string();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, CloseDb> db(raw);
  if (rc != SQLITE_OK) {
    view->note += name + " cannot be opened. ";
    return;
  }
  sqlite3_busy_timeout(db.get(), 10000);
  int version = 0;
  ForEachRow(db.get(), "PRAGMA user_version", [&](sqlite3_stmt* s) { version = sqlite3_column_int(s, 0); });
  if (version < 1 || version > kStoreSchemaVersion) {
    view->note += name + " has schema " + std::to_string(version) + ", which this imr does not read. ";
    return;
  }
  view->found = true;
  view->schema_version = std::max(view->schema_version, version);
  const bool runs = ForEachRow(db.get(),
                               "SELECT id, command, pipeline_version, shard, started, finished, outcome, documents, "
                               "pages, problems, seconds FROM runs ORDER BY id",
                               [&](sqlite3_stmt* s) {
                                 view->runs.push_back({sqlite3_column_int64(s, 0), TextAt(s, 1), TextAt(s, 2),
                                                       TextAt(s, 3), TextAt(s, 4), TextAt(s, 5), TextAt(s, 6),
                                                       sqlite3_column_int64(s, 7), sqlite3_column_int64(s, 8),
                                                       sqlite3_column_int64(s, 9), sqlite3_column_double(s, 10)});
                               });
  const bool documents = ForEachRow(
      db.get(), "SELECT record_file, status, processed_at, milliseconds, page_count FROM documents ORDER BY id",
      [&](sqlite3_stmt* s) {
        std::string stem = TextAt(s, 0);
        if (stem.ends_with(".json")) stem.resize(stem.size() - 5);
        view->documents.push_back({stem, TextAt(s, 1), TextAt(s, 2), sqlite3_column_double(s, 3),
                                   sqlite3_column_int(s, 4)});
      });
  if (!runs || !documents) view->note += name + " could not be read whole. ";
}

}  // namespace

StoreView ReadStore(const std::filesystem::path& dir) {
  StoreView view;
  const std::vector<fs::path> files = StoreFiles(dir);
  if (files.empty()) view.note = "The folder holds no imr.sqlite. ";
  if (!files.empty() && files[0].filename() != "imr.sqlite") {
    view.note = "The shard stores were read: they are not merged yet (imr merge). ";
  }
  for (const fs::path& file : files) ReadStoreFile(file, &view);
  while (!view.note.empty() && view.note.back() == ' ') view.note.pop_back();
  return view;
}

// "night" for "/srv/records/night/" as for "night".
std::string FolderName(const std::filesystem::path& dir) {
  fs::path path = fs::absolute(dir).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path.filename().string();
}

namespace {

// Shares and times to a fixed number of places, so the JSON reads the same
// wherever the arithmetic ran.
double Rounded(double value, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(value * scale) / scale;
}

Json CountsJson(const KeyCounts& counts) {
  Json out = Json::object();
  for (const auto& [key, n] : counts) out[key] = n;
  return out;
}

Json BinsJson(const ReportBins& bins) {
  Json out = Json::array();
  for (size_t i = 0; i < bins.labels.size(); ++i) {
    out.push_back({{"bin", bins.labels[i]}, {"documents", static_cast<int64_t>(bins.counts[i])}});
  }
  return out;
}

// Everything that varies from run to run (the runs, times, throughput, the
// timeline, the slowest documents) sits under "run", which the golden test
// (tests/browser_report_test.cc) drops; every other key is a function of the
// records and the documents' statuses alone.
Json RunJson(const RunTimings& t) {
  Json runs = Json::array();
  for (const StoredRun& r : t.runs) {
    runs.push_back({{"id", r.id},
                    {"command", r.command},
                    {"shard", r.shard},
                    {"pipeline_version", r.pipeline_version},
                    {"started", r.started},
                    {"finished", r.finished},
                    {"outcome", r.outcome},
                    {"documents", r.documents},
                    {"pages", r.pages},
                    {"problems", r.problems},
                    {"seconds", Rounded(r.seconds, 3)},
                    {"pages_per_second", r.seconds > 0 ? Rounded(static_cast<double>(r.pages) / r.seconds, 3) : 0.0}});
  }
  Json slowest = Json::array();
  for (const DocumentTime& d : t.slowest) {
    slowest.push_back({{"document", d.stem}, {"status", d.status}, {"pages", d.pages},
                       {"milliseconds", Rounded(d.milliseconds, 1)}});
  }
  const double per_second = t.processing_seconds > 0 ? static_cast<double>(t.timed_pages) / t.processing_seconds : 0;
  return {{"runs", runs},
          {"processing",
           {{"documents", t.timed_documents},
            {"pages", t.timed_pages},
            {"seconds", Rounded(t.processing_seconds, 3)},
            {"pages_per_second", Rounded(per_second, 3)},
            {"median_ms", Rounded(t.median_ms, 1)},
            {"p90_ms", Rounded(t.p90_ms, 1)},
            {"max_ms", Rounded(t.max_ms, 1)}}},
          {"duration_histogram", BinsJson(t.duration_histogram)},
          {"slowest", slowest},
          {"timeline",
           {{"bin_seconds", t.timeline_bin_seconds},
            {"first", t.first_processed},
            {"last", t.last_processed},
            {"bins", BinsJson(t.timeline)}}}};
}

}  // namespace

std::string ReportToJson(const BatchReport& r, const std::vector<std::string>& unreadable) {
  Json problems = Json::array();
  for (const ProblemRow& p : r.problems) {
    problems.push_back({{"code", p.code}, {"stage", p.stage}, {"problems", p.problems}, {"documents", p.documents}});
  }
  Json fact_kinds = Json::object();
  for (const auto& [kind, c] : r.fact_kinds) fact_kinds[kind] = {{"documents", c.documents}, {"facts", c.facts}};
  Json decision_vs_outcome = Json::object();
  for (const auto& [decision, outcomes] : r.decision_vs_outcome) decision_vs_outcome[decision] = CountsJson(outcomes);
  Json out = {
      {"schema", "imr.report/1"},
      {"documents", r.documents},
      {"unreadable_records", unreadable},
      {"pages", r.pages},
      {"ocr", {{"pages", r.ocr_pages}, {"share", Rounded(r.OcrShare(), 4)}}},
      {"doc_types", CountsJson(r.doc_types)},
      {"packet_documents", {{"documents", r.packet_documents}, {"doc_types", CountsJson(r.packet_doc_types)}}},
      {"problems", {{"documents", r.documents_with_problems}, {"by_code", problems}}},
      {"coverage",
       {{"fields", CountsJson(r.field_coverage)},
        {"patient", {{"age", r.person_coverage.patient_age}, {"sex", r.person_coverage.patient_sex}}},
        {"reviewer",
         {{"licensure", r.person_coverage.reviewer_licensure}, {"specialty", r.person_coverage.reviewer_specialty}}},
        {"fact_kinds", fact_kinds},
        {"requests", r.documents_with_requests}}},
      {"requests",
       {{"requests", r.requests},
        {"categories", CountsJson(r.request_categories)},
        {"reference_decisions", CountsJson(r.reference_decisions)},
        {"drafted_outcomes", CountsJson(r.drafted_outcomes)},
        {"confidence", CountsJson(r.confidence)},
        {"decision_vs_outcome", decision_vs_outcome}}},
      {"rules", {{"known", r.rules_known}, {"hits", CountsJson(r.rule_hits)}, {"never_fired", r.rules_never_fired}}},
      {"store",
       {{"found", r.store_found},
        {"schema", r.store_schema_version},
        {"note", r.store_note},
        {"documents_by_status", CountsJson(r.documents_by_status)},
        {"records_not_in_store", r.records_not_in_store},
        {"rows_without_record", r.store_rows_without_record}}},
      {"run", RunJson(r.timings)},
  };
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}


}  // namespace imr
