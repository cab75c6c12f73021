// Test helpers for rule sets: a case written as compact strings, run through
// the builtin rulebook, and the determination described in one line.
//
//   imr::testing::RuleCase c{
//       .request = "imaging.mri.lumbar | MRI of the lumbar spine | body_site=lumbar_spine",
//       .facts = {"finding | decreased sensation L5 | finding_type=sensation state=decreased body_site=lumbar_spine"},
//       .request_date = "2016-11-03", .injury_date = "2016-06-01"};
//   imr::testing::Describe(imr::testing::Decide(c))
//       == "medically_necessary chronic_pain_2016 neuro_deficit=met red_flags=not_documented ..."
//
// A fact is "kind[/assertion] | text | key=value key=value" (assertion
// defaults to present; '_' in a value stays, '~' stands for a space). The
// request is "category | text | key=value ...". Dates are ISO or empty.
#ifndef IMR_DECIDE_DECIDE_TESTING_H_
#define IMR_DECIDE_DECIDE_TESTING_H_

#include <string>
#include <vector>

#include "core/record.h"

namespace imr::testing {

struct RuleCase {
  std::string request = {};
  std::vector<std::string> facts = {};
  std::string request_date = {};  // becomes the ur_denial_date field
  std::string injury_date = {};   // becomes the date_of_injury field
  std::string section = "clinical_case_summary";  // where the facts sit
};

// The record the case describes (one page whose text is the facts' texts).
Record CaseRecord(const RuleCase& c);

// Runs the builtin rulebook over the case; the first request's determination
// (an empty one when none was made).
Determination Decide(const RuleCase& c);

// "outcome era criterion=status criterion=status ..." in rule order.
std::string Describe(const Determination& d);

// The status of one criterion, or "missing" when the rule has none by that id.
std::string StatusOf(const Determination& d, const std::string& criterion);

// One row of a rule-set table: the case, Describe() of its determination,
// and optionally the rule that must decide and words the rationale must hold.
struct RuleRow {
  std::string description;
  RuleCase c;
  std::string expected;
  std::string rule = "";
  std::string quote = "";
};

// Decides every row; what each row that does not hold got, with its
// description and rationale, or "" when all hold:
//   EXPECT_EQ(MismatchedRuleRows({{"red flag: met", {...}, "medically_necessary ..."}}), "");
std::string MismatchedRuleRows(const std::vector<RuleRow>& rows);

// Request dates in each guideline era, and an injury date long before them.
inline constexpr const char* kEraAcoem2004 = "2008-05-01";
inline constexpr const char* kEraChronicPain2009 = "2012-05-01";
inline constexpr const char* kEraChronicPain2016 = "2016-11-03";
inline constexpr const char* kEraAcoem2017 = "2018-03-01";
inline constexpr const char* kLongAgoInjury = "2007-06-01";

}  // namespace imr::testing

#endif  // IMR_DECIDE_DECIDE_TESTING_H_
