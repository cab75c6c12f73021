#include "normalize/dates.h"

#include <re2/re2.h>

#include <array>
#include <cstdio>

#include "core/text.h"

namespace imr {
namespace {

// 1..12 for a month's full name or its usual abbreviation ("Sept" too), else 0.
int MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string lower = AsciiLower(name);
  if (lower.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    const bool abbreviation = lower.size() == 3 || (i == 8 && lower == "sept");
    if (kMonths[i].starts_with(lower) && (abbreviation || lower == kMonths[i])) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

int WindowYear(int two_digit, int anchor_year) {
  const int pivot = anchor_year > 0 ? anchor_year + 1 : 2040;
  const int year = 2000 + two_digit;
  return year > pivot ? year - 100 : year;
}

std::optional<CalendarDate> Checked(int year, int month, int day, DatePrecision precision) {
  if (year < 1900 || year > 2100) return std::nullopt;
  if (precision == DatePrecision::kDay && !IsValidDay(year, month, day)) return std::nullopt;
  if (precision == DatePrecision::kMonth && (month < 1 || month > 12)) return std::nullopt;
  return CalendarDate{year, month, day, precision};
}

}  // namespace

std::string CalendarDate::Iso() const {
  char buffer[16];
  switch (precision) {
    case DatePrecision::kDay: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::kMonth: std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month); break;
    case DatePrecision::kYear: std::snprintf(buffer, sizeof buffer, "%04d", year); break;
  }
  return buffer;
}

bool IsValidDay(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::optional<CalendarDate> ParseDate(std::string_view printed, int anchor_year) {
  static const RE2 numeric(R"((\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4}))");
  static const RE2 iso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const RE2 month_first(R"(([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
  static const RE2 day_first(R"((\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))");
  static const RE2 month_year_numeric(R"((\d{1,2})/(\d{4}))");
  static const RE2 month_year_named(R"(([A-Za-z]{3,9})\.?,?\s+(\d{4}))");
  static const RE2 year_only(R"((\d{4}))");

  // A date broken over a line ("10/14/\n2016", "October 28,\n2016") reads
  // as one: whitespace goes around separators and folds elsewhere.
  std::string compact;
  for (const char c : CollapseWhitespace(printed)) {
    if (c == ' ' && !compact.empty() && (compact.back() == '/' || compact.back() == '-')) continue;
    if ((c == '/' || c == '-') && !compact.empty() && compact.back() == ' ') compact.pop_back();
    compact += c;
  }
  const std::string_view trimmed = compact;
  const re2::StringPiece text(trimmed.data(), trimmed.size());
  int a = 0, b = 0;
  std::string y, name;
  if (RE2::FullMatch(text, iso, &a, &b, &y)) {
    // FullMatch fills in order: year, month, day.
    return Checked(a, b, std::stoi(y), DatePrecision::kDay);
  }
  if (RE2::FullMatch(text, numeric, &a, &b, &y)) {
    const int year = y.size() == 2 ? WindowYear(std::stoi(y), anchor_year) : std::stoi(y);
    return Checked(year, a, b, DatePrecision::kDay);
  }
  if (RE2::FullMatch(text, month_first, &name, &a, &b)) {
    return Checked(b, MonthFromName(name), a, DatePrecision::kDay);
  }
  if (RE2::FullMatch(text, day_first, &a, &name, &b)) {
    return Checked(b, MonthFromName(name), a, DatePrecision::kDay);
  }
  if (RE2::FullMatch(text, month_year_numeric, &a, &b)) {
    return Checked(b, a, 0, DatePrecision::kMonth);
  }
  if (RE2::FullMatch(text, month_year_named, &name, &a)) {
    return Checked(a, MonthFromName(name), 0, DatePrecision::kMonth);
  }
  if (RE2::FullMatch(text, year_only, &a)) return Checked(a, 0, 0, DatePrecision::kYear);
  return std::nullopt;
}

bool IsDateField(std::string_view field) {
  return field == "date_assigned" || field == "decision_date" || field == "date_of_injury" ||
         field == "ur_denial_date" || field == "application_received";
}

void NormalizeDateFields(std::map<std::string, Field>* fields, std::vector<Problem>* problems) {
  // Two-digit years are windowed by the letter's own decision date when it
  // has a four-digit one.
  int anchor_year = 0;
  if (auto it = fields->find("decision_date"); it != fields->end()) {
    if (auto d = ParseDate(it->second.value); d) anchor_year = d->year;
  }
  for (auto& [name, field] : *fields) {
    if (!IsDateField(name)) continue;
    if (auto date = ParseDate(field.value, anchor_year); date) {
      field.value = date->Iso();
    } else {
      problems->push_back({Stage::kNormalize, "unparsed_date", field.span.page_number,
                           "header field " + name + " is not a calendar date"});
    }
  }
}

}  // namespace imr
