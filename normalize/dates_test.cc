#include "normalize/dates.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace imr {
namespace {

std::string PrecisionName(DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "?";
}

// "2016-10-13 day", or "" when nothing parsed.
std::string Describe(const std::optional<CalendarDate>& date) {
  return date ? date->Iso() + " " + PrecisionName(date->precision) : "";
}

struct ParseRow {
  std::string printed;
  int anchor_year;  // 0: no anchor
  std::string expected;
};

TEST(ParseDateTest, Table) {
  const ParseRow rows[] = {
      // Every printed form.
      {"10-13-16", 0, "2016-10-13 day"},
      // Fixed bug: dates broken over a line did not parse.
      {"10/14/\n2016", 0, "2016-10-14 day"},
      {"11-21-\n16", 2017, "2016-11-21 day"},
      {"October 28,\n2016", 0, "2016-10-28 day"},
      {"10/13/2016", 0, "2016-10-13 day"},
      {"1/5/2017", 0, "2017-01-05 day"},
      {"2016-10-13", 0, "2016-10-13 day"},
      {"2016-1-5", 0, "2016-01-05 day"},
      {"October 13, 2016", 0, "2016-10-13 day"},
      {"Oct. 13 2016", 0, "2016-10-13 day"},
      {"Oct 13, 2016", 0, "2016-10-13 day"},
      {"OCTOBER 13, 2016", 0, "2016-10-13 day"},
      {"October 13th, 2016", 0, "2016-10-13 day"},
      {"Sept 3, 2015", 0, "2015-09-03 day"},
      {"Sept. 3, 2015", 0, "2015-09-03 day"},
      {"Sep 3, 2015", 0, "2015-09-03 day"},
      {"13 Oct 2016", 0, "2016-10-13 day"},
      {"13 October, 2016", 0, "2016-10-13 day"},
      {"10/2016", 0, "2016-10 month"},
      {"October 2016", 0, "2016-10 month"},
      {"Mar. 2016", 0, "2016-03 month"},
      {"2016", 0, "2016 year"},
      {"  10/13/2016 \n", 0, "2016-10-13 day"},
      // Two-digit years: the window pivots at 2040, or one year past the anchor.
      {"10-13-40", 0, "2040-10-13 day"},
      {"10-13-41", 0, "1941-10-13 day"},
      {"01/02/00", 0, "2000-01-02 day"},
      {"10-13-16", 2017, "2016-10-13 day"},
      {"10-13-18", 2017, "2018-10-13 day"},
      {"10-13-19", 2017, "1919-10-13 day"},
      {"03/13/39", 2013, "1939-03-13 day"},
      {"08/19/99", 2013, "1999-08-19 day"},
      {"10/13/2019", 2017, "2019-10-13 day"},  // four digits are never windowed
      // No such day.
      {"02/30/2016", 0, ""},
      {"13/01/2016", 0, ""},
      {"00/10/2016", 0, ""},
      {"10/00/2016", 0, ""},
      {"2/29/2015", 0, ""},
      {"2/29/2016", 0, "2016-02-29 day"},
      {"2/29/2000", 0, "2000-02-29 day"},
      {"2/29/2100", 0, ""},
      {"September 31, 2016", 0, ""},
      {"13/2016", 0, ""},
      {"2016-13-01", 0, ""},
      {"1899", 0, ""},
      // Not dates at all.
      {"Standard 2016", 0, ""},
      {"Marching 2016", 0, ""},
      {"Mayday 5, 2016", 0, ""},
      {"Octo 13, 2016", 0, ""},
      {"5/5", 0, ""},
      {"4+/5", 0, ""},
      {"619-555-0101", 0, ""},
      {"CM17-0912345", 0, ""},
      {"10/13/2016 and 11/01/2016", 0, ""},
      {"", 0, ""},
  };
  for (const ParseRow& row : rows) {
    SCOPED_TRACE("\"" + row.printed + "\" anchor " + std::to_string(row.anchor_year));
    const std::optional<CalendarDate> date = ParseDate(row.printed, row.anchor_year);
    EXPECT_EQ(Describe(date), row.expected);
    if (!date) continue;
    // Coarser precisions leave the finer parts zero.
    if (date->precision != DatePrecision::kDay) {
      EXPECT_EQ(date->day, 0);
    }
    if (date->precision == DatePrecision::kYear) {
      EXPECT_EQ(date->month, 0);
    }
  }
}

TEST(CalendarDateTest, IsoForEachPrecision) {
  const std::pair<CalendarDate, std::string> rows[] = {
      {{2016, 10, 13, DatePrecision::kDay}, "2016-10-13"},
      {{2017, 1, 5, DatePrecision::kDay}, "2017-01-05"},
      {{1999, 12, 31, DatePrecision::kDay}, "1999-12-31"},
      {{2016, 3, 0, DatePrecision::kMonth}, "2016-03"},
      {{2016, 11, 0, DatePrecision::kMonth}, "2016-11"},
      {{2016, 0, 0, DatePrecision::kYear}, "2016"},
  };
  for (const auto& [date, expected] : rows) {
    SCOPED_TRACE(expected);
    EXPECT_EQ(date.Iso(), expected);
  }
}

TEST(IsValidDayTest, Table) {
  struct Row {
    int year, month, day;
    bool valid;
  };
  const Row rows[] = {
      {2016, 1, 31, true},  {2016, 4, 31, false}, {2016, 2, 29, true},  {2015, 2, 29, false},
      {1900, 2, 29, false}, {2000, 2, 29, true},  {2016, 12, 31, true}, {2016, 13, 1, false},
      {2016, 0, 1, false},  {2016, 6, 0, false},  {2016, 6, -1, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.year) + "-" + std::to_string(row.month) + "-" +
                 std::to_string(row.day));
    EXPECT_EQ(IsValidDay(row.year, row.month, row.day), row.valid);
  }
}

TEST(IsDateFieldTest, OnlyTheHeaderDates) {
  const std::pair<std::string, bool> rows[] = {
      {"date_assigned", true},   {"decision_date", true}, {"date_of_injury", true},
      {"ur_denial_date", true},  {"application_received", true},
      {"case_number", false},    {"priority", false},     {"reviewer_specialty", false},
      {"date", false},           {"", false},
  };
  for (const auto& [field, expected] : rows) {
    SCOPED_TRACE(field);
    EXPECT_EQ(IsDateField(field), expected);
  }
}

// Fields as "name=value" pairs, all on page 1 with a span unique to the field.
std::map<std::string, Field> MakeFields(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::map<std::string, Field> fields;
  size_t at = 0;
  for (const auto& [name, value] : pairs) {
    fields[name] = {value, {1, at, at + value.size()}};
    at += 100;
  }
  return fields;
}

std::string DescribeFields(const std::map<std::string, Field>& fields) {
  std::string out;
  for (const auto& [name, field] : fields) {
    if (!out.empty()) out += " ";
    out += name + "=" + field.value;
  }
  return out;
}

struct NormalizeRow {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string expected_fields;
  std::vector<std::string> unparsed;  // fields expected to be reported
};

TEST(NormalizeDateFieldsTest, Table) {
  const NormalizeRow rows[] = {
      // Only date fields are rewritten; a date-looking case number is not a date field.
      {{{"date_of_injury", "10/13/2016"}, {"case_number", "10/13/2016"}, {"priority", "standard"}},
       "case_number=10/13/2016 date_of_injury=2016-10-13 priority=standard",
       {}},
      {{{"date_assigned", "01/05/2017"}, {"decision_date", "February 2, 2017"},
        {"ur_denial_date", "Dec. 22 2016"}, {"application_received", "12/2016"}},
       "application_received=2016-12 date_assigned=2017-01-05 decision_date=2017-02-02 "
       "ur_denial_date=2016-12-22",
       {}},
      // Two-digit years are windowed by the decision date's year...
      {{{"decision_date", "12/18/2013"}, {"date_of_injury", "03/13/39"}},
       "date_of_injury=1939-03-13 decision_date=2013-12-18",
       {}},
      {{{"decision_date", "12/18/2013"}, {"date_of_injury", "03/13/14"}},
       "date_of_injury=2014-03-13 decision_date=2013-12-18",
       {}},
      {{{"decision_date", "12/18/2013"}, {"date_of_injury", "03/13/15"}},
       "date_of_injury=1915-03-13 decision_date=2013-12-18",
       {}},
      // ...and by the 2040 pivot when there is none, or it does not parse.
      {{{"date_of_injury", "03/13/39"}}, "date_of_injury=2039-03-13", {}},
      {{{"decision_date", "pending"}, {"date_of_injury", "03/13/39"}},
       "date_of_injury=2039-03-13 decision_date=pending",
       {"decision_date"}},
      // An unparsed value stays as printed and is reported.
      {{{"date_of_injury", "sometime in spring"}, {"date_assigned", "02/30/2016"}},
       "date_assigned=02/30/2016 date_of_injury=sometime in spring",
       {"date_assigned", "date_of_injury"}},
      {{{"reviewer_specialty", "Family Medicine"}}, "reviewer_specialty=Family Medicine", {}},
      {{}, "", {}},
  };
  for (const NormalizeRow& row : rows) {
    std::map<std::string, Field> fields = MakeFields(row.fields);
    const std::map<std::string, Field> before = fields;
    SCOPED_TRACE(DescribeFields(before));
    std::vector<Problem> problems;
    NormalizeDateFields(&fields, &problems);
    EXPECT_EQ(DescribeFields(fields), row.expected_fields);
    for (const auto& [name, field] : fields) EXPECT_EQ(field.span, before.at(name).span) << name;
    ASSERT_EQ(problems.size(), row.unparsed.size());
    for (size_t i = 0; i < problems.size(); ++i) {
      const Field& printed = before.at(row.unparsed[i]);
      EXPECT_EQ(problems[i].code, "unparsed_date");
      EXPECT_EQ(problems[i].stage, Stage::kNormalize);
      EXPECT_EQ(problems[i].page_number, printed.span.page_number);
      EXPECT_NE(problems[i].message.find(row.unparsed[i]), std::string::npos) << problems[i].message;
      // Messages never quote record text.
      EXPECT_EQ(problems[i].message.find(printed.value), std::string::npos) << problems[i].message;
    }
  }
}

}  // namespace
}  // namespace imr
