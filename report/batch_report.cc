#include "report/batch_report.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <utility>

#include "core/calendar.h"
#include "report/html.h"

namespace imr {
namespace {

// The record contract's header fields and fact kinds (DESIGN.md, "Output
// contract"): each gets a row even where no document has it, since a zero
// there is the news.
constexpr const auto& kContractFields = kHeaderFieldNames;
constexpr std::string_view kContractFactKinds[] = {
    "date",    "age",     "sex",      "diagnosis",         "procedure",         "medication", "allergy",
    "finding", "duration", "treatment_history", "functional_status", "citation",   "decision"};

constexpr std::string_view kNone = "none";

std::string OrNone(const std::string& value) { return value.empty() ? std::string(kNone) : value; }

// The value at `share` (0..1) of sorted `values`, nearest rank.
double Percentile(const std::vector<double>& sorted, double share) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(share * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// "2024-05-01T01:30:07Z" (or with a space, as SQLite's datetime() writes) as
// seconds since the epoch; false for anything else.
bool ParseUtc(std::string_view text, int64_t* seconds) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char sep = 0;
  const std::string copy(text.substr(0, 32));
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) != 7) return false;
  if ((sep != 'T' && sep != ' ') || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  *seconds = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

// The inverse of ParseUtc, cut to what a bin of `bin_seconds` needs to be told
// apart from its neighbours; `same_day` drops the date.
std::string FormatBinStart(int64_t seconds, int64_t bin_seconds, bool same_day) {
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t in_day = seconds - days * 86400;
  const CivilDay date = CivilFromDays(static_cast<long>(days));
  const int y = date.year, m = date.month, d = date.day;
  const int h = static_cast<int>(in_day / 3600);
  const int mi = static_cast<int>(in_day / 60 % 60);
  const int s = static_cast<int>(in_day % 60);
  char out[40];
  if (bin_seconds >= 86400) {
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  } else if (same_day) {
    if (bin_seconds < 60) std::snprintf(out, sizeof out, "%02d:%02d:%02d", h, mi, s);
    else std::snprintf(out, sizeof out, "%02d:%02d", h, mi);
  } else {
    if (bin_seconds < 60) std::snprintf(out, sizeof out, "%02d-%02d %02d:%02d:%02d", m, d, h, mi, s);
    else std::snprintf(out, sizeof out, "%02d-%02d %02d:%02d", m, d, h, mi);
  }
  return out;
}

}  // namespace

BatchReportBuilder::BatchReportBuilder(std::vector<std::string> rule_ids)
    : rule_ids_(std::make_move_iterator(rule_ids.begin()), std::make_move_iterator(rule_ids.end())) {
  for (std::string_view name : kContractFields) report_.field_coverage[std::string(name)] = 0;
  for (std::string_view kind : kContractFactKinds) report_.fact_kinds[std::string(kind)];
}

void BatchReportBuilder::Add(std::string_view stem, const Record& record) {
  BatchReport& r = report_;
  const Source& source = record.document.source;
  stems_.insert(std::string(stem));
  ++r.documents;
  r.pages += source.page_count;
  r.ocr_pages += static_cast<int64_t>(source.ocr_pages.size());
  ++r.doc_types[record.document.doc_type];
  for (const PacketDocument& d : record.documents) {
    ++r.packet_documents;
    ++r.packet_doc_types[d.doc_type];
  }

  r.documents_with_problems += !record.problems.empty();
  for (const Problem& p : record.problems) {
    auto [row, added] = problem_rows_.try_emplace(p.code);
    if (added) row->second.stage = std::string(StageName(p.stage));
    ++row->second.problems;
    documents_by_problem_[p.code].insert(std::string(stem));
  }

  for (const auto& [name, field] : record.fields) r.field_coverage[name] += !field.value.empty();
  r.person_coverage.patient_age += record.patient.age.has_value();
  r.person_coverage.patient_sex += !record.patient.sex.empty();
  r.person_coverage.reviewer_licensure += !record.reviewer.licensure.empty();
  r.person_coverage.reviewer_specialty += !record.reviewer.specialty.empty();
  std::set<std::string> kinds_here;
  for (const Fact& f : record.facts) {
    ++r.fact_kinds[f.kind].facts;
    kinds_here.insert(f.kind);
  }
  for (const std::string& kind : kinds_here) ++r.fact_kinds[kind].documents;

  r.documents_with_requests += !record.requests.empty();
  for (const Request& q : record.requests) {
    ++r.requests;
    ++r.request_categories[OrNone(q.category)];
    const std::string decision = q.reference ? OrNone(q.reference->decision) : std::string(kNone);
    const Determination* d = q.determination ? &*q.determination : nullptr;
    const std::string outcome = d ? OrNone(d->outcome) : std::string(kNone);
    ++r.reference_decisions[decision];
    ++r.drafted_outcomes[outcome];
    ++r.decision_vs_outcome[decision][outcome];
    if (!d) continue;
    ++r.confidence[OrNone(d->confidence)];
    if (!d->rule.empty()) ++r.rule_hits[d->rule];
  }
}

void BatchReportBuilder::AddStore(StoreView store) { store_ = std::move(store); }

BatchReport BatchReportBuilder::Finish() {
  BatchReport r = report_;
  for (auto& [code, row] : problem_rows_) {
    ProblemRow out = row;
    out.code = code;
    const std::set<std::string>& hit = documents_by_problem_[code];
    out.documents.assign(hit.begin(), hit.end());
    r.problems.push_back(std::move(out));
  }
  std::stable_sort(r.problems.begin(), r.problems.end(), [](const ProblemRow& a, const ProblemRow& b) {
    return a.documents.size() > b.documents.size();
  });

  r.rules_known = static_cast<int64_t>(rule_ids_.size());
  for (const std::string& id : rule_ids_) {
    if (!r.rule_hits.count(id)) r.rules_never_fired.push_back(id);
  }

  r.store_found = store_.found;
  r.store_schema_version = store_.schema_version;
  r.store_note = store_.note;
  if (store_.found) AddStoreFigures(&r);
  return r;
}

void BatchReportBuilder::AddStoreFigures(BatchReport* r) const {
  std::set<std::string> stored;
  std::vector<const StoredDocument*> mine;  // rows of the records read
  for (const StoredDocument& d : store_.documents) {
    stored.insert(d.stem);
    if (stems_.count(d.stem)) mine.push_back(&d);
    else ++r->store_rows_without_record;
  }
  for (const std::string& stem : stems_) {
    if (!stored.count(stem)) r->records_not_in_store.push_back(stem);
  }

  RunTimings& t = r->timings;
  t.runs = store_.runs;
  std::sort(t.runs.begin(), t.runs.end(), [](const StoredRun& a, const StoredRun& b) { return a.id < b.id; });
  std::vector<double> milliseconds;
  std::vector<std::string> times;
  for (const StoredDocument* d : mine) {
    ++r->documents_by_status[OrNone(d->status)];
    times.push_back(d->processed_at);
    // A duplicate's time is that of copying a record, not of reading a document.
    if (d->status == "duplicate") continue;
    ++t.timed_documents;
    t.timed_pages += d->page_count;
    t.processing_seconds += d->milliseconds / 1000.0;
    milliseconds.push_back(d->milliseconds);
    t.slowest.push_back({d->stem, d->status, d->page_count, d->milliseconds});
  }
  std::vector<double> sorted = milliseconds;
  std::sort(sorted.begin(), sorted.end());
  t.median_ms = Percentile(sorted, 0.5);
  t.p90_ms = Percentile(sorted, 0.9);
  t.max_ms = sorted.empty() ? 0 : sorted.back();
  std::sort(t.slowest.begin(), t.slowest.end(), [](const DocumentTime& a, const DocumentTime& b) {
    return a.milliseconds != b.milliseconds ? a.milliseconds > b.milliseconds : a.stem < b.stem;
  });
  if (t.slowest.size() > kSlowestShown) t.slowest.resize(kSlowestShown);
  t.duration_histogram = BinByDuration(milliseconds);
  t.timeline = BinByTime(times, kTimelineBins, &t.timeline_bin_seconds);
  std::sort(times.begin(), times.end());
  if (!times.empty()) {
    t.first_processed = times.front();
    t.last_processed = times.back();
  }
}

ReportBins BinByDuration(const std::vector<double>& milliseconds) {
  // Upper bounds in milliseconds; the last bin is open.
  static constexpr std::pair<double, std::string_view> kBins[] = {
      {10, "<10ms"},     {50, "10-50ms"},  {100, "50-100ms"}, {250, "0.1-0.25s"},
      {500, "0.25-0.5s"}, {1000, "0.5-1s"},  {2000, "1-2s"},      {5000, "2-5s"},
      {10000, "5-10s"},   {30000, "10-30s"}, {60000, "30-60s"},   {HUGE_VAL, ">=60s"}};
  ReportBins bins;
  for (const auto& [bound, label] : kBins) {
    bins.labels.emplace_back(label);
    bins.counts.push_back(0);
  }
  for (const double ms : milliseconds) {
    size_t i = 0;
    while (i + 1 < std::size(kBins) && ms >= kBins[i].first) ++i;
    ++bins.counts[i];
  }
  return bins;
}

ReportBins BinByTime(const std::vector<std::string>& utc_times, size_t max_bins, int64_t* bin_seconds) {
  std::vector<int64_t> seconds;
  for (const std::string& text : utc_times) {
    int64_t s = 0;
    if (ParseUtc(text, &s)) seconds.push_back(s);
  }
  *bin_seconds = 0;
  if (seconds.empty()) return {};
  const auto [low, high] = std::minmax_element(seconds.begin(), seconds.end());
  const int64_t first = *low, last = *high;
  max_bins = std::max<size_t>(1, max_bins);
  // Round widths, so that bins start on the minute, the quarter hour, the day.
  static constexpr int64_t kWidths[] = {1,   2,    5,    10,    15,    30,    60,    120,    300,    600,
                                        900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800};
  int64_t width = 0;
  for (const int64_t w : kWidths) {
    if (static_cast<size_t>(last / w - first / w + 1) <= max_bins) {
      width = w;
      break;
    }
  }
  if (width == 0) width = ((last - first) / static_cast<int64_t>(max_bins) / 86400 + 1) * 86400;
  const int64_t start = first / width * width;
  const size_t n = static_cast<size_t>((last - start) / width + 1);
  const bool same_day = first / 86400 == last / 86400;
  ReportBins bins;
  for (size_t i = 0; i < n; ++i) {
    bins.labels.push_back(FormatBinStart(start + static_cast<int64_t>(i) * width, width, same_day));
    bins.counts.push_back(0);
  }
  for (const int64_t s : seconds) ++bins.counts[static_cast<size_t>((s - start) / width)];
  *bin_seconds = width;
  return bins;
}

namespace {

using Bars = std::vector<std::pair<std::string, double>>;

constexpr size_t kBarsShown = 25;  // a chart's bars; its table lists every row

std::string Count(int64_t n) { return std::to_string(n); }

std::string Percent(double part, double whole) {
  return FormatNumber(whole > 0 ? 100.0 * part / whole : 0, 1) + "%";
}

// "41 ms" under a second, "4.40 s" above: most documents take milliseconds.
std::string Seconds(double milliseconds) {
  return milliseconds < 1000 ? FormatNumber(milliseconds, 0) + " ms" : FormatNumber(milliseconds / 1000.0, 2) + " s";
}

// A timeline bin's width in words: "second", "5 minutes", "hour", "day".
std::string Stretch(int64_t seconds) {
  static constexpr std::pair<int64_t, std::string_view> kUnits[] = {
      {604800, "week"}, {86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
  for (const auto& [size, name] : kUnits) {
    if (seconds >= size && seconds % size == 0) {
      const int64_t n = seconds / size;
      return n == 1 ? std::string(name) : std::to_string(n) + " " + std::string(name) + "s";
    }
  }
  return std::to_string(seconds) + " seconds";
}

ChartOptions Chart(std::string title, std::string unit = "", int decimals = 0, int width = 640) {
  ChartOptions options;
  options.title = std::move(title);
  options.unit = std::move(unit);
  options.decimals = decimals;
  options.width = width;
  return options;
}

// The largest `limit` counts, largest first (ties by key), the rest summed in
// one bar so that the chart still adds up.
Bars LargestFirst(const KeyCounts& counts, size_t limit = kBarsShown) {
  std::vector<std::pair<std::string, int64_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Bars bars;
  int64_t rest = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i < limit) bars.emplace_back(rows[i].first, static_cast<double>(rows[i].second));
    else rest += rows[i].second;
  }
  if (rows.size() > limit) bars.emplace_back(std::to_string(rows.size() - limit) + " more", static_cast<double>(rest));
  return bars;
}

// SvgBarChart's label column (220 px) holds about 28 characters, fewer than
// it lets through; longer labels (rule ids, long stems) keep their end, where
// they differ, and the table beside the chart gives them whole.
std::string BarChart(Bars bars, const ChartOptions& options) {
  constexpr size_t kLabelBytes = 26;
  for (auto& [label, value] : bars) {
    if (label.size() <= kLabelBytes) continue;
    size_t cut = label.size() - (kLabelBytes - 1);
    while (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) ++cut;
    label = "…" + label.substr(cut);
  }
  return SvgBarChart(bars, options);
}

// `align` says per column: 'l' text, 'r' a number.
std::string Table(const std::vector<std::string>& header, std::string_view align,
                  const std::vector<std::vector<std::string>>& rows) {
  const auto cell = [&](const char* tag, size_t column, const std::string& html) {
    const bool number = column < align.size() && align[column] == 'r';
    return std::string("<") + tag + (number ? " class=\"num\">" : ">") + html + "</" + tag + ">";
  };
  std::string html = "<table><thead><tr>";
  for (size_t i = 0; i < header.size(); ++i) html += cell("th", i, EscapeHtml(header[i]));
  html += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    html += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) html += cell("td", i, row[i]);
    html += "</tr>";
  }
  return html + "</tbody></table>";
}

// Each key, its count and its share of `whole`, largest first.
std::string CountTable(const std::string& what, const KeyCounts& counts, int64_t whole) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, n] : LargestFirst(counts, counts.size())) {
    rows.push_back({EscapeHtml(key), FormatNumber(n, 0), Percent(n, static_cast<double>(whole))});
  }
  return Table({what, "count", "share"}, "lrr", rows);
}

// A chart with its numbers beside it.
std::string Pair(const std::string& chart, const std::string& table) {
  return "<div class=\"pair\"><div>" + chart + "</div><div>" + table + "</div></div>\n";
}

std::string BarPair(const std::string& title, const std::string& what, const KeyCounts& counts, int64_t whole) {
  if (counts.empty()) return "<p class=\"muted\">" + EscapeHtml(title) + ": none.</p>\n";
  return Pair(BarChart(LargestFirst(counts), Chart(title)), CountTable(what, counts, whole));
}

// An id for an element, from a code: letters, digits, '_' and '-' only.
std::string AnchorFor(std::string_view code) {
  std::string id = "problem-";
  for (const char c : code) id += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '-';
  return id;
}

std::string JoinEscaped(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + EscapeHtml(item);
  return out;
}

std::string SummarySection(const BatchReport& r) {
  const std::vector<std::vector<std::string>> rows = {
      {"Documents (record files)", Count(r.documents), ""},
      {"Pages", Count(r.pages), ""},
      {"Pages read by OCR", Count(r.ocr_pages),
       Percent(static_cast<double>(r.ocr_pages), static_cast<double>(r.pages))},
      {"Documents inside them (packets split)", Count(r.packet_documents), ""},
      {"Requests", Count(r.requests), ""},
      {"Documents with problems", Count(r.documents_with_problems),
       Percent(static_cast<double>(r.documents_with_problems), static_cast<double>(r.documents))},
      {"Rules that fired", Count(r.rules_known - static_cast<int64_t>(r.rules_never_fired.size())) + " of " +
                               Count(r.rules_known), ""},
  };
  return "<h2>Summary</h2>" + Table({"", "number", "share"}, "lrr", rows);
}

std::string DocumentsSection(const BatchReport& r) {
  std::string html = "<h2>Documents and pages</h2>\n";
  html += BarPair("Documents by type", "type", r.doc_types, r.documents);
  html += BarPair("Documents inside the records by type", "type", r.packet_doc_types, r.packet_documents);
  const KeyCounts pages = {{"text layer", r.pages - r.ocr_pages}, {"OCR", r.ocr_pages}};
  html += Pair(BarChart({{"text layer", static_cast<double>(r.pages - r.ocr_pages)},
                            {"OCR", static_cast<double>(r.ocr_pages)}},
                           Chart("Pages by how they were read")),
               CountTable("pages", pages, r.pages));
  return html;
}

std::string ProblemsSection(const BatchReport& r) {
  std::string html = "<h2>Problems</h2>\n";
  if (r.problems.empty()) return html + "<p>No record carries a problem.</p>\n";
  Bars bars;
  std::vector<std::vector<std::string>> rows;
  for (const ProblemRow& p : r.problems) {
    const int64_t hit = static_cast<int64_t>(p.documents.size());
    if (bars.size() < kBarsShown) bars.emplace_back(p.code, static_cast<double>(hit));
    const std::string anchor = AnchorFor(p.code);
    rows.push_back({EscapeHtml(p.code), EscapeHtml(p.stage), Count(p.problems),
                    "<a href=\"#" + anchor + "\" data-scroll-to=\"" + anchor + "\">" + Count(hit) +
                        (hit == 1 ? " document" : " documents") + "</a>"});
  }
  html += "<p>" + Count(r.documents_with_problems) + " of " + Count(r.documents) +
          " documents carry a problem. A document's count links to the list of the documents it hit, "
          "at the end of this page.</p>\n";
  return html + Pair(BarChart(bars, Chart("Documents hit, by problem code")),
                     Table({"code", "stage", "problems", "documents"}, "llrr", rows));
}

std::string CoverageSection(const BatchReport& r) {
  std::string html = "<h2>Coverage</h2>\n<p>How many documents have each field and each kind of fact (" +
                     Count(r.documents) + " documents; " + Count(r.documents_with_requests) +
                     " have at least one request).</p>\n";
  const double whole = static_cast<double>(r.documents);
  // The contract's fields in the contract's order, then the others, then the people.
  std::vector<std::pair<std::string, int64_t>> fields;
  for (std::string_view name : kContractFields) fields.emplace_back(name, r.field_coverage.at(std::string(name)));
  for (const auto& [name, n] : r.field_coverage) {
    if (std::find(std::begin(kContractFields), std::end(kContractFields), name) == std::end(kContractFields)) {
      fields.emplace_back(name, n);
    }
  }
  const BatchReport::PersonCoverage& person = r.person_coverage;
  fields.insert(fields.end(), {{"patient: age", person.patient_age},
                               {"patient: sex", person.patient_sex},
                               {"reviewer: licensure", person.reviewer_licensure},
                               {"reviewer: specialty", person.reviewer_specialty}});
  Bars field_bars;
  std::vector<std::vector<std::string>> field_rows;
  for (const auto& [name, n] : fields) {
    field_bars.emplace_back(name, whole > 0 ? 100.0 * static_cast<double>(n) / whole : 0);
    field_rows.push_back({EscapeHtml(name), Count(n), Percent(static_cast<double>(n), whole)});
  }
  html += Pair(BarChart(field_bars, Chart("Documents with each field", "%")),
               Table({"field", "documents", "share"}, "lrr", field_rows));
  Bars kind_bars;
  std::vector<std::vector<std::string>> kind_rows;
  for (const auto& [kind, c] : r.fact_kinds) {
    kind_bars.emplace_back(kind, whole > 0 ? 100.0 * static_cast<double>(c.documents) / whole : 0);
    kind_rows.push_back({EscapeHtml(kind), Count(c.documents), Percent(static_cast<double>(c.documents), whole),
                         Count(c.facts)});
  }
  html += Pair(BarChart(kind_bars, Chart("Documents with each fact kind", "%")),
               Table({"fact kind", "documents", "share", "facts"}, "lrrr", kind_rows));
  return html;
}

std::string RequestsSection(const BatchReport& r) {
  std::string html = "<h2>Requests and determinations</h2>\n<p>" + Count(r.requests) +
                     " requests. The reference decision is what a letter in the input already decided; the "
                     "drafted outcome is imr's determination, made without it.</p>\n";
  html += BarPair("Requests by category", "category", r.request_categories, r.requests);
  html += BarPair("Reference decisions", "decision", r.reference_decisions, r.requests);
  html += BarPair("Drafted outcomes", "outcome", r.drafted_outcomes, r.requests);
  int64_t drafted = 0;
  for (const auto& [level, n] : r.confidence) drafted += n;
  html += BarPair("Confidence of the drafts", "confidence", r.confidence, drafted);
  if (!r.decision_vs_outcome.empty()) {
    std::set<std::string> outcomes;
    for (const auto& [decision, by_outcome] : r.decision_vs_outcome) {
      for (const auto& [outcome, n] : by_outcome) outcomes.insert(outcome);
    }
    std::vector<std::string> header = {"reference decision \\ drafted outcome"};
    std::string align = "l";
    header.insert(header.end(), outcomes.begin(), outcomes.end());
    align.append(outcomes.size(), 'r');
    std::vector<std::vector<std::string>> rows;
    for (const auto& [decision, by_outcome] : r.decision_vs_outcome) {
      std::vector<std::string> row = {EscapeHtml(decision)};
      for (const std::string& outcome : outcomes) {
        auto it = by_outcome.find(outcome);
        row.push_back(Count(it == by_outcome.end() ? 0 : it->second));
      }
      rows.push_back(std::move(row));
    }
    html += "<h3>Reference decisions against drafted outcomes</h3>" + Table(header, align, rows);
  }
  return html;
}

std::string RulesSection(const BatchReport& r) {
  std::string html = "<h2>Rules</h2>\n";
  int64_t decided = 0;
  for (const auto& [rule, n] : r.rule_hits) decided += n;
  html += BarPair("Requests decided, by rule", "rule", r.rule_hits, decided);
  html += "<h3>Rules that never fired: " + Count(static_cast<int64_t>(r.rules_never_fired.size())) + " of " +
          Count(r.rules_known) + "</h3>\n";
  if (r.rules_never_fired.empty()) return html;
  // By rule set, each rule by its own name: the full ids of hundreds of rules
  // would bury the sets that fired nothing at all.
  std::map<std::string, std::vector<std::string>> by_set;
  for (const std::string& id : r.rules_never_fired) {
    const size_t dot = id.rfind('.', id.find('@'));
    by_set[dot == std::string::npos ? "" : id.substr(0, dot)].push_back(
        dot == std::string::npos ? id : id.substr(dot + 1));
  }
  std::map<std::string, int64_t> fired_by_set;
  for (const auto& [id, n] : r.rule_hits) {
    const size_t dot = id.rfind('.', id.find('@'));
    ++fired_by_set[dot == std::string::npos ? "" : id.substr(0, dot)];
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [set, rules] : by_set) {
    const auto fired = fired_by_set.find(set);
    rows.push_back({EscapeHtml(set), Count(fired == fired_by_set.end() ? 0 : fired->second),
                    Count(static_cast<int64_t>(rules.size())),
                    "<details><summary>names</summary><span class=\"small\">" + JoinEscaped(rules, ", ") +
                        "</span></details>"});
  }
  return html + Table({"rule set", "rules fired", "never fired", "rules that never fired"}, "lrrl", rows);
}

std::string RunsTable(const std::vector<StoredRun>& runs) {
  std::vector<std::vector<std::string>> rows;
  // The latest runs are the ones a reader asks about; a long-lived inbox has many.
  constexpr size_t kRunsShown = 20;
  const size_t from = runs.size() > kRunsShown ? runs.size() - kRunsShown : 0;
  for (size_t i = from; i < runs.size(); ++i) {
    const StoredRun& run = runs[i];
    rows.push_back({Count(run.id), EscapeHtml(run.command), EscapeHtml(run.shard), EscapeHtml(run.started),
                    EscapeHtml(run.finished), EscapeHtml(OrNone(run.outcome)), Count(run.documents), Count(run.pages),
                    FormatNumber(run.seconds, 1),
                    run.seconds > 0 ? FormatNumber(static_cast<double>(run.pages) / run.seconds, 2) : ""});
  }
  std::string html = Table({"run", "command", "shard", "started (UTC)", "finished (UTC)", "outcome", "documents",
                            "pages", "seconds", "pages/s"},
                           "rlllllrrrr", rows);
  if (from > 0) {
    html += "<p class=\"muted\">The last " + Count(static_cast<int64_t>(kRunsShown)) + " of " +
            Count(static_cast<int64_t>(runs.size())) + " runs.</p>";
  }
  return html;
}

std::string TimeSection(const BatchReport& r) {
  std::string html = "<h2>Throughput and time</h2>\n";
  if (!r.store_found) {
    return html + "<p>No times: " + EscapeHtml(r.store_note) + "</p>\n";
  }
  const RunTimings& t = r.timings;
  if (!r.store_note.empty()) html += "<p class=\"muted\">" + EscapeHtml(r.store_note) + "</p>\n";
  html += "<h3>Runs</h3>" + RunsTable(t.runs);
  html += "<p>The store keeps one time per document, from a worker taking the input to its record in hand "
          "(no time per stage); a duplicate's is the time to copy a record and is left out below. A run's "
          "seconds are wall time: a watch session's include the hours it waited.</p>\n";
  const std::vector<std::vector<std::string>> figures = {
      {"Documents read", Count(t.timed_documents)},
      {"Pages read", Count(t.timed_pages)},
      {"Processing time, summed", FormatNumber(t.processing_seconds, 1) + " s"},
      {"Pages per processing second",
       t.processing_seconds > 0 ? FormatNumber(static_cast<double>(t.timed_pages) / t.processing_seconds, 2) : ""},
      {"Median per document", Seconds(t.median_ms)},
      {"90th percentile", Seconds(t.p90_ms)},
      {"Slowest", Seconds(t.max_ms)},
      {"First processed (UTC)", EscapeHtml(t.first_processed)},
      {"Last processed (UTC)", EscapeHtml(t.last_processed)},
  };
  html += Table({"", ""}, "lr", figures);
  if (t.timed_documents > 0) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < t.duration_histogram.labels.size(); ++i) {
      rows.push_back({EscapeHtml(t.duration_histogram.labels[i]), FormatNumber(t.duration_histogram.counts[i], 0)});
    }
    html += Pair(SvgHistogram(t.duration_histogram.labels, t.duration_histogram.counts,
                              Chart("Documents by processing time", "", 0, 800)),
                 Table({"time", "documents"}, "lr", rows));
    Bars bars;
    std::vector<std::vector<std::string>> slow_rows;
    for (const DocumentTime& d : t.slowest) {
      bars.emplace_back(d.stem, d.milliseconds / 1000.0);
      slow_rows.push_back({EscapeHtml(d.stem), EscapeHtml(d.status), Count(d.pages), Seconds(d.milliseconds)});
    }
    html += Pair(BarChart(bars, Chart("Slowest documents", " s", 2)),
                 Table({"document", "status", "pages", "time"}, "llrr", slow_rows));
  }
  if (!t.timeline.labels.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < t.timeline.labels.size(); ++i) {
      if (t.timeline.counts[i] == 0) continue;
      rows.push_back({EscapeHtml(t.timeline.labels[i]), FormatNumber(t.timeline.counts[i], 0)});
    }
    html += Pair(SvgHistogram(t.timeline.labels, t.timeline.counts,
                              Chart("Documents processed per " + Stretch(t.timeline_bin_seconds) + " (UTC)", "", 0, 800)),
                 "<div class=\"scroll\">" + Table({"from (UTC)", "documents"}, "lr", rows) + "</div>");
  }
  return html;
}

std::string StoreSection(const BatchReport& r) {
  if (!r.store_found) return "";
  std::string html = "<h2>Store</h2>\n";
  html += BarPair("Documents by status in the store", "status", r.documents_by_status, r.documents);
  if (!r.records_not_in_store.empty()) {
    html += "<p>Record files the store does not hold: " + JoinEscaped(r.records_not_in_store, ", ") + ".</p>\n";
  }
  if (r.store_rows_without_record > 0) {
    html += "<p>Store rows whose record file is not in the folder: " + Count(r.store_rows_without_record) + ".</p>\n";
  }
  return html;
}

// The scroll links' targets, last on the page so that a link brings them into view.
std::string ProblemDocumentsSection(const BatchReport& r) {
  if (r.problems.empty()) return "";
  std::string html = "<h2>Documents by problem</h2>\n";
  for (const ProblemRow& p : r.problems) {
    html += "<div class=\"hits\" id=\"" + AnchorFor(p.code) + "\"><h3>" + EscapeHtml(p.code) + " (" +
            Count(static_cast<int64_t>(p.documents.size())) + ")</h3><p>" + JoinEscaped(p.documents, ", ") +
            "</p></div>\n";
  }
  return html;
}

constexpr std::string_view kReportCss = R"css(
.pair { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
.pair table { margin-top: 6px; }
.scroll { max-height: 320px; overflow-y: auto; }
.small { font-size: 12px; }
.hits { margin-bottom: 8px; } .hits p { margin: 2px 0 0; }
)css";

}  // namespace

std::string BatchReportToHtml(const BatchReport& report, std::string_view folder) {
  HtmlPage page;
  page.title = "imr report: " + std::string(folder);
  page.css = kReportCss;
  page.body = "<h1>imr report: " + EscapeHtml(folder) + "</h1>\n<p class=\"muted\">" + Count(report.documents) +
              " documents, " + Count(report.pages) + " pages. Documents are named by their record files; the "
              "report holds no text of theirs.</p>\n";
  page.body += SummarySection(report) + DocumentsSection(report) + ProblemsSection(report) + TimeSection(report) +
               StoreSection(report) + CoverageSection(report) + RequestsSection(report) + RulesSection(report) +
               ProblemDocumentsSection(report);
  return RenderPage(page);
}

std::string BatchReportSummary(const BatchReport& r) {
  std::string out = Count(r.documents) + " documents, " + Count(r.pages) + " pages (" + Count(r.ocr_pages) +
                    " by OCR, " + Percent(static_cast<double>(r.ocr_pages), static_cast<double>(r.pages)) + "), " +
                    Count(r.requests) + " requests\n";
  out += Count(r.documents_with_problems) + " documents with problems";
  for (const ProblemRow& p : r.problems) out += "; " + p.code + ": " + Count(static_cast<int64_t>(p.documents.size()));
  out += "\n";
  out += Count(r.rules_known - static_cast<int64_t>(r.rules_never_fired.size())) + " of " + Count(r.rules_known) +
         " rules fired\n";
  if (!r.store_found) {
    out += "no store: no times\n";
  } else if (r.timings.timed_documents > 0) {
    const RunTimings& t = r.timings;
    out += Count(t.timed_documents) + " documents read in " + FormatNumber(t.processing_seconds, 1) +
           " s of processing (median " + Seconds(t.median_ms) + ", slowest " + Seconds(t.max_ms) + ")\n";
  }
  return out;
}

}  // namespace imr
