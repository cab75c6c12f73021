// Calendar dates as printed in records, turned into ISO dates.
//
//   imr::ParseDate("10/13/2016")        -> {2016, 10, 13, kDay}   "2016-10-13"
//   imr::ParseDate("Oct. 13 2016")      -> {2016, 10, 13, kDay}
//   imr::ParseDate("10-13-16", 2017)    -> two-digit year windowed: 2016
//   imr::ParseDate("13/45/2016")        -> nothing (no such day)
//
// Pure functions, no locale.
#ifndef IMR_NORMALIZE_DATES_H_
#define IMR_NORMALIZE_DATES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/record.h"

namespace imr {

enum class DatePrecision { kDay, kMonth, kYear };

struct CalendarDate {
  int year = 0;
  int month = 0;  // 0 when precision is kYear
  int day = 0;    // 0 unless precision is kDay
  DatePrecision precision = DatePrecision::kDay;

  // "2016-10-13", "2016-10", "2016".
  std::string Iso() const;
  friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

// Parses one printed date (surrounding whitespace allowed). `anchor_year` is
// the year of the document's own date, used to window two-digit years: a year
// more than one year past the anchor belongs to the previous century. 0 means
// no anchor (the window then pivots at 2040).
std::optional<CalendarDate> ParseDate(std::string_view printed, int anchor_year = 0);

bool IsValidDay(int year, int month, int day);

// The header fields that hold dates, as the record names them.
bool IsDateField(std::string_view field);

// Rewrites the date fields of a letter as ISO dates. A value that does not
// parse is left as printed and reported in `problems`.
void NormalizeDateFields(std::map<std::string, Field>* fields, std::vector<Problem>* problems);

}  // namespace imr

#endif  // IMR_NORMALIZE_DATES_H_
