// Dates and durations in clinical text, found by a table of RE2 patterns.
//
//   imr::Region region = imr::RegionOfText("Injured on 10/13/2016; pain for 6 weeks.");
//   std::vector<imr::Fact> dates = imr::ExtractDates(region);
//   dates[0].text == "10/13/2016";  dates[0].value["printed_form"] == "numeric";
//   std::vector<imr::Fact> spans = imr::ExtractDurations(region);
//   spans[0].text == "for 6 weeks";  spans[0].value["amount"] == "6";
//
// Dates stay as printed: normalize/ turns them into ISO. An absolute date says
// how it was printed (value["printed_form"]: numeric, iso, month_name,
// day_month, month_year, year). A relative date ("18 months ago", "the next
// day") has value["relative"] = "true" and, where the words state them,
// "amount", "unit" (day, week, month, year) and "direction" (ago, later,
// before, after, same_day). A duration has "amount" and "unit", or
// "amount_min" and "amount_max" for a range ("6-8 weeks"), or "since" with the
// printed date it runs from ("since 2014"). Written numbers (one..ninety,
// "twenty-one") become digits.
//
// Numbers that only look like dates are not dates: phone, case and claim
// numbers, dosages (10/325), scores and ratios (5/5, 7/10), blood pressure,
// spinal levels, codes, times, sizes. A bare year counts only after a word
// that makes it one (in, since, from, until, of, during, circa, year) or in a
// year range ("2014-2016").
#ifndef IMR_EXTRACT_DATE_EXTRACTOR_H_
#define IMR_EXTRACT_DATE_EXTRACTOR_H_

#include <string>
#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

// Facts of kind "date" in `region`, sorted by span begin, at most one per
// span: where matches overlap, the longest wins (ties go to the earlier table
// row). `rule` is the row id. Text with no dates gives an empty vector; a match
// that runs across a page joint quotes only its first page's part, as
// MakeFact does for every fact. Pure and thread-safe.
std::vector<Fact> ExtractDates(const Region& region);

// Facts of kind "duration" in `region`, with the same ordering and overlap
// rules as ExtractDates. A number of days or weeks that is an age ("34-year-old"),
// a frequency ("5 days a week") or a relative date ("18 months ago") is not one.
std::vector<Fact> ExtractDurations(const Region& region);

// One row of the table. Rule ids start "date." or "duration.", which is the
// kind the row finds. When `pattern` has a capturing group the fact quotes
// group 1 (the words after a context word such as "in" or "since"), else the
// whole match; every other group is non-capturing. `form` says how the words
// are read into value attributes: the printed_form of an absolute date, or
// "relative", "duration", "since". A match followed by `not_followed_by`
// (anchored at the end of the match; empty: no check) is dropped.
struct DatePatternRow {
  std::string rule;     // "date.numeric_slash@1"
  std::string form;     // "numeric", ..., "relative", "duration", "since"
  std::string pattern;  // RE2, ready to compile
  std::string not_followed_by;
};

// The table, built once; patterns are written in the source with named
// pieces ({MONTH}, {DD}, {QTY}, ...) and come out expanded here.
const std::vector<DatePatternRow>& DatePatternTable();

}  // namespace imr

#endif  // IMR_EXTRACT_DATE_EXTRACTOR_H_
