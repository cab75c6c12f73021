#include "report/eval.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

GoldLetter Gold() {
  GoldLetter g;
  g.stem = "L1";
  g.fields = {{"case_number", "CM17-1"}, {"date_of_injury", "2016-10-13"}, {"priority", "standard"},
              {"ur_denial_date", std::nullopt}};
  g.age = 48;
  g.sex = "male";
  g.licensure = {"California"};
  g.specialty = "Family Practice";
  g.requests = {{"MRI of the right- shoulder", "upheld", "A", "B", "not_medically_necessary"},
                {"Norco 10/325 #90", "overturned", std::nullopt, "C", "medically_necessary"}};
  return g;
}

Record Matching() {
  Record r;
  r.fields = {{"case_number", {"CM17-1", {}}}, {"date_of_injury", {"2016-10-13", {}}}, {"priority", {"standard", {}}}};
  r.patient = {48, "male"};
  r.reviewer = {{"California"}, "Family Practice"};
  Request a;
  a.text = "MRI of the right-shoulder";
  a.reference = Reference{"upheld", {}, "A", "B", "", {}};
  Request b;
  b.text = "Norco  10/325 #90";
  b.reference = Reference{"overturned", {}, "", "C", "", {}};
  r.requests = {a, b};
  return r;
}

TEST(EvaluateTest, PerfectRecordScoresEverything) {
  const EvalReport report = Evaluate({Gold()}, {{"L1", Matching()}});
  EXPECT_EQ(report.records_found, 1);
  for (const auto& [name, score] : report.fields) EXPECT_EQ(score.correct, score.total) << name;
  EXPECT_EQ(report.fields.at("ur_denial_date").total, 1);  // gold null expects nothing
  EXPECT_DOUBLE_EQ(report.RequestF1(), 1.0);
  EXPECT_EQ(report.decision.correct, 2);
  EXPECT_EQ(report.claims_administrator_guideline.correct, 2);  // null gold, empty line
  EXPECT_TRUE(report.misses.empty()) << FormatEvalTable(report);
}

TEST(EvaluateTest, EachDisagreementIsAMiss) {
  Record r = Matching();
  r.fields["date_of_injury"].value = "2016-10-14";
  r.fields["ur_denial_date"] = {"2016-11-03", {}};
  r.patient.sex = "female";
  r.requests[0].reference->decision = "overturned";
  r.requests[1].text = "Norco 10/325 #120";
  const EvalReport report = Evaluate({Gold()}, {{"L1", r}});
  EXPECT_EQ(report.fields.at("date_of_injury").correct, 0);
  EXPECT_EQ(report.fields.at("ur_denial_date").correct, 0);
  EXPECT_EQ(report.fields.at("sex").correct, 0);
  EXPECT_EQ(report.matched_requests, 1);
  EXPECT_DOUBLE_EQ(report.RequestPrecision(), 0.5);
  EXPECT_DOUBLE_EQ(report.RequestRecall(), 0.5);
  EXPECT_EQ(report.decision.correct, 0);
  std::vector<std::string> what;
  for (const Miss& m : report.misses) what.push_back(m.what);
  EXPECT_EQ(what, (std::vector<std::string>{"date_of_injury", "ur_denial_date", "sex", "request.decision",
                                            "request", "request.extra"}));
  EXPECT_NE(FormatEvalTable(report).find("misses (6)"), std::string::npos);
}

TEST(EvaluateTest, MissingRecordCountsAsLost) {
  const EvalReport report = Evaluate({Gold()}, {});
  EXPECT_EQ(report.records_found, 0);
  EXPECT_EQ(report.misses.front().what, "record");
  EXPECT_DOUBLE_EQ(report.RequestRecall(), 0.0);
}

}  // namespace
}  // namespace imr
