#include "normalize/date_facts.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

TEST(AddToDateTest, Table) {
  struct Row {
    CalendarDate from;
    int amount;
    std::string unit;
    std::string expected;
  };
  const Row rows[] = {
      {{2016, 10, 13}, 3, "week", "2016-11-03"},  {{2016, 10, 13}, -18, "month", "2015-04-13"},
      {{2016, 12, 31}, 1, "day", "2017-01-01"},   {{2016, 3, 1}, -1, "day", "2016-02-29"},
      {{2017, 1, 31}, 1, "month", "2017-02-28"},  {{2016, 1, 31}, 1, "month", "2016-02-29"},
      {{2016, 2, 29}, 1, "year", "2017-02-28"},   {{2016, 10, 13}, 0, "day", "2016-10-13"},
      {{2015, 6, 15}, -2, "year", "2013-06-15"},  {{2016, 10, 13}, 12, "month", "2017-10-13"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.from.Iso() + " " + std::to_string(row.amount) + " " + row.unit);
    EXPECT_EQ(AddToDate(row.from, row.amount, row.unit).Iso(), row.expected);
  }
}

TEST(DateRoleTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"sustained an industrial injury on ", "injury"},
      {"Date of injury: ", "injury"},
      {"Date of Birth:\t", "birth"},
      {"An MRI of the lumbar spine dated ", "imaging"},
      {"In a utilization review report dated ", "utilization_review"},
      {"The request for authorization dated ", "request"},
      {"He underwent an L4-5 fusion on ", "surgery"},
      {"received a lumbar epidural injection on ", "procedure"},
      {"At the follow-up visit on ", "evaluation"},
      {"He was injured at work. He was seen on ", "evaluation"},  // the nearest words win
      {"The weather was fine on ", ""},
      {"", ""},
  };
  for (const auto& [words, role] : rows) EXPECT_EQ(DateRole(words), role) << words;
}

// A one-page document, its date facts found by hand, then normalized.
struct DateCase {
  std::string text;
  std::vector<std::pair<std::string, Attributes>> dates;  // printed words, extractor attributes
  std::string decision_date;
  std::string expected;  // "date/precision/anchor/role; ..."
};

std::string NormalizeCase(const DateCase& c, std::vector<Fact>* out = nullptr) {
  Document doc;
  doc.pages.push_back({1, c.text, {}, {}, false});
  std::map<std::string, Field> fields;
  if (!c.decision_date.empty()) fields["decision_date"] = {c.decision_date, {}};
  fields["date_of_injury"] = {"2015-03-13", {}};
  std::vector<Fact> facts;
  size_t from = 0;
  for (const auto& [words, value] : c.dates) {
    const size_t at = c.text.find(words, from);
    Fact f;
    f.id = "f" + std::to_string(facts.size() + 1);
    f.kind = "date";
    f.text = words;
    f.span = {1, at, at + words.size()};
    f.section = "clinical_case_summary";
    f.value = value;
    facts.push_back(f);
    from = at + words.size();
  }
  NormalizeDateFacts(doc, fields, &facts);
  if (out) *out = facts;
  std::string text;
  for (const Fact& f : facts) {
    const auto get = [&](const char* k) { return f.value.count(k) ? f.value.at(k) : std::string("-"); };
    text += (text.empty() ? "" : "; ") + get("date") + "/" + get("precision") + "/" + get("anchor") + "/" + get("role");
  }
  return text;
}

TEST(NormalizeDateFactsTest, Table) {
  const Attributes relative_later = {{"relative", "true"}, {"amount", "3"}, {"unit", "week"}, {"direction", "later"}};
  const Attributes relative_ago = {{"relative", "true"}, {"amount", "18"}, {"unit", "month"}, {"direction", "ago"}};
  const Attributes same_day = {{"relative", "true"}, {"direction", "same_day"}};
  const Attributes before = {{"relative", "true"}, {"amount", "2"}, {"unit", "day"}, {"direction", "before"}};
  const DateCase cases[] = {
      {"Injured on 10-13-16.", {{"10-13-16", {}}}, "2017-01-05", "2016-10-13/day/-/injury"},
      {"Seen 10/13/2016 and in October 2016 and in 2016.", {{"10/13/2016", {}}, {"October 2016", {}}, {"2016", {}}},
       "", "2016-10-13/day/-/evaluation; 2016-10/month/-/-; 2016/year/-/-"},
      // Two-digit years windowed by the decision date's year.
      {"Injured on 3/13/99.", {{"3/13/99", {}}}, "2017-01-05", "1999-03-13/day/-/injury"},
      {"Injured on 3/13/17.", {{"3/13/17", {}}}, "2017-01-05", "2017-03-13/day/-/injury"},
      // Relative dates and their anchors.
      {"MRI on 10/13/2016; three weeks later he improved.", {{"10/13/2016", {}}, {"three weeks later", relative_later}},
       "", "2016-10-13/day/-/imaging; 2016-11-03/day/f1/-"},
      {"Injured 18 months ago.", {{"18 months ago", relative_ago}}, "2017-01-05", "2015-07-05/day/document_date/injury"},
      {"Seen 11/2/2016. Injected on the same day.", {{"11/2/2016", {}}, {"on the same day", same_day}}, "",
       "2016-11-02/day/-/evaluation; 2016-11-02/day/f1/procedure"},
      {"Surgery 5/10/2016; pain began two days prior.", {{"5/10/2016", {}}, {"two days prior", before}}, "",
       "2016-05-10/day/-/surgery; 2016-05-08/day/f1/-"},
      {"Pain began two months after the industrial injury.",
       {{"two months after", {{"relative", "true"}, {"amount", "2"}, {"unit", "month"}, {"direction", "after"}}}},
       "", "2015-05-13/day/date_of_injury/-"},
      // No anchor, no date; a printed non-date stays undated.
      {"It began three weeks later.", {{"three weeks later", relative_later}}, "", "-/-/-/-"},
      {"On 02/30/2016 nothing.", {{"02/30/2016", {}}}, "", "-/-/-/-"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(NormalizeCase(c), c.expected);
  }
}

TEST(NormalizeDateFactsTest, Ranges) {
  struct Row {
    std::string text, a, b;
    bool range;
  };
  const Row rows[] = {
      {"Therapy from 10/1/2016 to 10/15/2016.", "10/1/2016", "10/15/2016", true},
      {"Records 10/1/2016 - 10/15/2016 reviewed.", "10/1/2016", "10/15/2016", true},
      {"Seen between 5/1/2016 and 6/1/2016.", "5/1/2016", "6/1/2016", true},
      {"Seen 5/1/2016 and 6/1/2016.", "5/1/2016", "6/1/2016", false},
      {"From 6/1/2016 to 5/1/2016 (backwards).", "6/1/2016", "5/1/2016", false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    std::vector<Fact> facts;
    NormalizeCase({row.text, {{row.a, {}}, {row.b, {}}}, "", ""}, &facts);
    ASSERT_EQ(facts.size(), 2u);
    EXPECT_EQ(facts[0].value.count("range_end") > 0, row.range);
    EXPECT_EQ(facts[1].value.count("range_start") > 0, row.range);
  }
}

}  // namespace
}  // namespace imr
