// Date facts placed on the calendar: ISO value, precision, anchor and role.
//
//   imr::NormalizeDateFacts(doc, record.fields, &record.facts);
//   // "10-13-16"            -> value.date "2016-10-13", precision "day"
//   // "three weeks later"   -> value.date from the nearest preceding absolute
//   //                          date of its section, value.anchor "f7"
//   // "18 months ago"       -> counted back from the document's own date,
//   //                          value.anchor "decision_date"
//   // "injured on 3/13/2015"-> value.role "injury"
//   // "two months after the injury" -> counted from the date_of_injury field
//   // "from 10/1/2016 to 10/15/2016" -> range_end on the first, range_start on
//   //                          the second
//
// Two-digit years are windowed by the document's own date. A printed date
// that is not a calendar date gets no value.date (and stays a fact: the words
// are there). Facts of other kinds are untouched.
#ifndef IMR_NORMALIZE_DATE_FACTS_H_
#define IMR_NORMALIZE_DATE_FACTS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "normalize/dates.h"

namespace imr {

void NormalizeDateFacts(const Document& doc, const std::map<std::string, Field>& fields,
                        std::vector<Fact>* facts);

// `date` moved by `amount` units ("day", "week", "month", "year"); months and
// years clamp the day to the month's length. Day precision in and out.
CalendarDate AddToDate(const CalendarDate& date, int amount, std::string_view unit);

// The role the words just before a date give it: "birth", "injury", "imaging",
// "utilization_review", "request", "surgery", "procedure", "evaluation", or "".
std::string DateRole(std::string_view words_before);

}  // namespace imr

#endif  // IMR_NORMALIZE_DATE_FACTS_H_
