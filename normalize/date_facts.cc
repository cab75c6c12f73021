#include "normalize/date_facts.h"

#include <re2/re2.h>

#include <algorithm>
#include <memory>

#include "core/calendar.h"
#include "core/text.h"

namespace imr {
namespace {

// How far before a date its role words may stand.
constexpr size_t kRoleWindow = 80;

// Back from days since 1970-01-01, to the day.
CalendarDate DateFromDays(long days) {
  const CivilDay c = CivilFromDays(days);
  return {c.year, c.month, c.day, DatePrecision::kDay};
}

std::string PrecisionName(DatePrecision p) {
  return p == DatePrecision::kDay ? "day" : p == DatePrecision::kMonth ? "month" : "year";
}

std::optional<CalendarDate> FieldDate(const std::map<std::string, Field>& fields, const char* name) {
  auto it = fields.find(name);
  if (it == fields.end()) return std::nullopt;
  return ParseDate(it->second.value);
}

int Amount(const Attributes& value) {
  auto it = value.find("amount");
  if (it == value.end()) it = value.find("amount_max");
  if (it == value.end()) return 0;
  return std::atoi(it->second.c_str());
}

// The words that can give a date its role: those just before it, back to the
// end of the previous date (`floor`) or of the previous sentence.
std::string_view WordsBefore(const Document& doc, const Fact& f, size_t floor) {
  if (f.span.page_number < 1 || f.span.page_number > static_cast<int>(doc.pages.size())) return {};
  const std::string_view text = doc.pages[f.span.page_number - 1].text;
  size_t from = std::max(floor, f.span.begin > kRoleWindow ? f.span.begin - kRoleWindow : size_t{0});
  const size_t stop = text.substr(0, f.span.begin).rfind(". ");
  if (stop != std::string_view::npos && stop + 2 > from) from = stop + 2;
  return from < f.span.begin ? text.substr(from, f.span.begin - from) : std::string_view();
}

// The document's own date: the letter's decision date, else the first
// absolute date of the header (a report's date of service).
std::optional<CalendarDate> DocumentDate(const std::map<std::string, Field>& fields,
                                         const std::vector<Fact>& facts, int anchor_year) {
  if (auto d = FieldDate(fields, "decision_date")) return d;
  for (const Fact& f : facts) {
    if (f.kind != "date" || f.section != "header" || f.value.count("relative")) continue;
    if (auto d = ParseDate(f.text, anchor_year); d && d->precision == DatePrecision::kDay) return d;
  }
  return std::nullopt;
}

void SetDate(Fact* f, const CalendarDate& d) {
  f->value["date"] = d.Iso();
  f->value["precision"] = PrecisionName(d.precision);
}

// Relative dates count from the nearest preceding day-precise date of their
// section ("three weeks later"), except "ago", which counts back from the
// document's own date.
// True when the words right after a relative date name the injury ("three
// months after the industrial injury").
bool CountsFromInjury(const Document& doc, const Fact& f) {
  if (f.span.page_number < 1 || f.span.page_number > static_cast<int>(doc.pages.size())) return false;
  static const RE2 injury(R"((?i)^\s*(?:the\s+|his\s+|her\s+|their\s+)?(?:industrial\s+|work(?:-related)?\s+|original\s+)?(?:injury|accident|DOI)\b)");
  const std::string& text = doc.pages[f.span.page_number - 1].text;
  return RE2::PartialMatch(re2::StringPiece(text.data() + f.span.end, text.size() - f.span.end), injury);
}

void ResolveRelative(Fact* f, const std::vector<std::pair<const Fact*, CalendarDate>>& before,
                     const std::optional<CalendarDate>& document_date,
                     const std::optional<CalendarDate>& injury_date, bool from_injury) {
  const std::string direction = f->value.count("direction") ? f->value.at("direction") : "";
  std::optional<CalendarDate> anchor;
  std::string anchor_name;
  if (from_injury && injury_date) {
    anchor = injury_date;
    anchor_name = "date_of_injury";
  } else if (direction == "ago") {
    anchor = document_date;
    anchor_name = "document_date";
  } else {
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      if (it->first->section == f->section) {
        anchor = it->second;
        anchor_name = it->first->id;
        break;
      }
    }
  }
  if (!anchor) return;
  const std::string unit = f->value.count("unit") ? f->value.at("unit") : "day";
  const int amount = direction == "same_day" ? 0 : Amount(f->value);
  const int sign = direction == "ago" || direction == "before" ? -1 : 1;
  SetDate(f, AddToDate(*anchor, sign * amount, unit));
  f->value["anchor"] = anchor_name;
}

}  // namespace

CalendarDate AddToDate(const CalendarDate& date, int amount, std::string_view unit) {
  if (unit == "day" || unit == "week") {
    const int days = unit == "week" ? 7 * amount : amount;
    return DateFromDays(DaysFromCivil(date.year, date.month, date.day) + days);
  }
  const int months = unit == "year" ? 12 * amount : unit == "month" ? amount : 0;
  int total = date.year * 12 + (date.month - 1) + months;
  CalendarDate out{total / 12, total % 12 + 1, date.day, DatePrecision::kDay};
  while (!IsValidDay(out.year, out.month, out.day)) --out.day;  // Jan 31 + 1 month = Feb 28/29
  return out;
}

std::string DateRole(std::string_view words_before) {
  struct RoleRow {
    const char* role;
    const char* pattern;
  };
  static const RoleRow rows[] = {
      {"birth", R"((?i)\b(?:birth|DOB|born)\b)"},
      {"injury", R"((?i)\b(?:injur(?:y|ies|ed)|DOI|date\s+of\s+loss|accident|fell)\b)"},
      {"imaging", R"((?i)\b(?:MRI|CT|x-?rays?|radiographs?|imaging|scan|ultrasound|EMG|NCS|NCV)\b)"},
      {"utilization_review", R"((?i)\b(?:utilization\s+review|UR|non-?certif\w*|denied|modified)\b)"},
      {"request", R"((?i)\b(?:request(?:ed)?|RFA|authorization)\b)"},
      {"surgery", R"((?i)\b(?:surgery|underwent|status\s+post|s/p|fusion|arthroscop\w*|repair|release|replacement)\b)"},
      {"procedure", R"((?i)\b(?:inject\w*|block|ablation|procedure)\b)"},
      {"evaluation", R"((?i)\b(?:seen|visit|evaluat\w*|exam\w*|progress\s+(?:note|report)|office|follow-?up|date\s+of\s+service|DOS|presented)\b)"},
  };
  static const std::vector<std::unique_ptr<RE2>> compiled = [] {
    std::vector<std::unique_ptr<RE2>> out;
    for (const RoleRow& row : rows) out.push_back(std::make_unique<RE2>(row.pattern));
    return out;
  }();
  // The role whose words stand nearest the date (their last match) wins.
  std::string best;
  size_t best_at = 0;
  const re2::StringPiece input(words_before.data(), words_before.size());
  for (size_t i = 0; i < compiled.size(); ++i) {
    std::optional<size_t> last;
    re2::StringPiece m;
    for (size_t pos = 0; pos <= input.size() &&
                         compiled[i]->Match(input, pos, input.size(), RE2::UNANCHORED, &m, 1);) {
      last = static_cast<size_t>(m.data() - input.data());
      pos = *last + std::max<size_t>(m.size(), 1);
    }
    if (last && (best.empty() || *last >= best_at)) {
      best = rows[i].role;
      best_at = *last;
    }
  }
  return best;
}

namespace {

// "from 10/1/2016 to 10/15/2016", "10/1/2016 - 10/15/2016", "between May and
// June 2016": two dated facts joined by a range word become the start and end
// of one range, each pointing at the other.
void MarkRanges(const Document& doc, std::vector<Fact>* facts) {
  static const RE2 joint(R"((?i)^\s*(?:-|–|to|through|thru|until|and)\s*$)");
  static const RE2 opening(R"((?i)\b(?:from|between|dates?\s+of\s+service)\s*$)");
  for (size_t i = 0; i + 1 < facts->size(); ++i) {
    Fact& a = (*facts)[i];
    Fact& b = (*facts)[i + 1];
    if (a.kind != "date" || b.kind != "date" || !a.value.count("date") || !b.value.count("date")) continue;
    if (a.span.page_number != b.span.page_number || b.span.begin < a.span.end) continue;
    const std::string& text = doc.pages[a.span.page_number - 1].text;
    const re2::StringPiece between(text.data() + a.span.end, b.span.begin - a.span.end);
    if (!RE2::FullMatch(between, joint)) continue;
    const size_t from = a.span.begin > 24 ? a.span.begin - 24 : 0;
    const re2::StringPiece lead(text.data() + from, a.span.begin - from);
    const bool dash = between.find('-') != re2::StringPiece::npos || between.find("\xE2\x80\x93") != re2::StringPiece::npos;
    if (!dash && !RE2::PartialMatch(lead, opening)) continue;  // "seen 5/1 and 6/1" is two dates
    if (a.value.at("date") > b.value.at("date")) continue;
    a.value["range_end"] = b.value.at("date");
    b.value["range_start"] = a.value.at("date");
  }
}

}  // namespace

void NormalizeDateFacts(const Document& doc, const std::map<std::string, Field>& fields,
                        std::vector<Fact>* facts) {
  const auto decision = FieldDate(fields, "decision_date");
  const int anchor_year = decision ? decision->year : 0;
  const std::optional<CalendarDate> document_date = DocumentDate(fields, *facts, anchor_year);
  const std::optional<CalendarDate> injury_date = FieldDate(fields, "date_of_injury");
  std::vector<std::pair<const Fact*, CalendarDate>> absolute;  // day-precise, in text order
  Span previous;  // the last date seen, for the role window
  for (Fact& f : *facts) {
    if (f.kind == "duration" && f.value.count("since")) {
      if (auto d = ParseDate(f.value.at("since"), anchor_year)) f.value["start"] = d->Iso();
    }
    if (f.kind != "date") continue;
    if (f.value.count("relative")) {
      ResolveRelative(&f, absolute, document_date, injury_date, CountsFromInjury(doc, f));
    } else if (auto d = ParseDate(f.text, anchor_year)) {
      SetDate(&f, *d);
      if (d->precision == DatePrecision::kDay) absolute.emplace_back(&f, *d);
    }
    const size_t floor = previous.page_number == f.span.page_number ? previous.end : 0;
    if (const std::string role = DateRole(WordsBefore(doc, f, floor)); !role.empty()) f.value["role"] = role;
    previous = f.span;
  }
  MarkRanges(doc, facts);
}

}  // namespace imr
