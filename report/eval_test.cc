#include "report/eval.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

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
  a.category = "imaging.mri.shoulder";
  a.determination = Determination{"not_medically_necessary", "imaging.mri.shoulder.acoem_2004@1", {}, {}, "", "", ""};
  Request b;
  b.text = "Norco  10/325 #90";
  b.reference = Reference{"overturned", {}, "", "C", "", {}};
  b.category = "medication.opioid";
  b.determination = Determination{"medically_necessary", "medication.opioid.cpmtg@1", {}, {}, "", "", ""};
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
  EXPECT_DOUBLE_EQ(report.agreement.Accuracy(), 1.0);
  EXPECT_DOUBLE_EQ(report.agreement.Kappa(), 1.0);
  EXPECT_DOUBLE_EQ(report.agreement.OverturnRecall(), 1.0);
}

// 10 requests: 2 overturned (1 drafted necessary), 8 upheld (1 drafted
// necessary, 1 insufficient, 1 with no determination). Hand-computed:
// accuracy 8/10; chance agreement 0.2*0.2 + 0.8*0.8 = 0.68; kappa 0.375.
TEST(EvaluateTest, AgreementConfusionKappaAndOverturnRecall) {
  GoldLetter g;
  g.stem = "L";
  Record r;
  const char* outcomes[] = {"medically_necessary", "not_medically_necessary", "medically_necessary",
                            "insufficient_documentation", "", "not_medically_necessary", "not_medically_necessary",
                            "not_medically_necessary", "not_medically_necessary", "not_medically_necessary"};
  for (int i = 0; i < 10; ++i) {
    const std::string text = "request " + std::to_string(i);
    g.requests.push_back({text, i < 2 ? "overturned" : "upheld", std::nullopt, std::nullopt, ""});
    Request q;
    q.text = text;
    q.category = i < 5 ? "therapy.physical" : "imaging.mri.lumbar";
    if (*outcomes[i]) q.determination = Determination{outcomes[i], "x@1", {}, {}, "", "", ""};
    r.requests.push_back(q);
  }
  const EvalReport report = Evaluate({g}, {{"L", r}});
  const Agreement& a = report.agreement;
  EXPECT_EQ(a.total, 10);
  EXPECT_EQ(a.determined, 9);
  EXPECT_EQ(a.confusion.at("overturned").at("medically_necessary"), 1);
  EXPECT_EQ(a.confusion.at("upheld").at("none"), 1);
  EXPECT_EQ(a.confusion.at("upheld").at("insufficient_documentation"), 1);
  EXPECT_DOUBLE_EQ(a.Accuracy(), 0.8);
  EXPECT_NEAR(a.Kappa(), 0.375, 1e-12);
  EXPECT_DOUBLE_EQ(a.OverturnRecall(), 0.5);
  EXPECT_DOUBLE_EQ(a.OverturnPrecision(), 0.5);
  EXPECT_EQ(a.by_category.at("therapy.physical"), (std::pair<int, int>{3, 5}));
  const std::string table = FormatEvalTable(report);
  EXPECT_NE(table.find("9 of 10 determined"), std::string::npos) << table;
  EXPECT_NE(table.find("kappa 0.375"), std::string::npos) << table;
}

// The interval is a bootstrap over the matched requests: it holds the
// estimate, it is the same on every run, and it narrows as requests grow.
TEST(EvaluateTest, KappaIntervalHoldsTheEstimateIsReproducibleAndNarrowsWithMoreRequests) {
  Agreement perfect;
  for (int i = 0; i < 40; ++i) perfect.pairs.emplace_back(i % 2 == 0, i % 2 == 0);
  EXPECT_EQ(perfect.KappaInterval(), (std::pair<double, double>{1.0, 1.0}));

  // 30% disagreement: kappa near 0.4.
  const auto mixed = [](int copies) {
    Agreement a;
    for (int c = 0; c < copies; ++c) {
      for (const auto& pair : {std::pair{true, true}, {true, true}, {true, false}, {false, false}, {false, false},
                               {false, false}, {false, true}, {false, false}, {true, true}, {false, true}}) {
        a.pairs.push_back(pair);
      }
    }
    return a;
  };
  const Agreement small = mixed(3), large = mixed(30);
  const auto [low, high] = small.KappaInterval();
  EXPECT_LT(low, 0.4);
  EXPECT_GT(high, 0.4);
  EXPECT_EQ(small.KappaInterval(), small.KappaInterval());
  const auto [large_low, large_high] = large.KappaInterval();
  EXPECT_LT(large_high - large_low, (high - low) / 2);
  EXPECT_EQ(Agreement().KappaInterval(), (std::pair<double, double>{0.0, 0.0}));
}

TEST(EvaluateTest, AgreementByRuleAndConfidence) {
  GoldLetter g;
  g.stem = "L";
  Record r;
  // rule a: an over-approval and an agreeing denial; rule b: an under-approval.
  const struct {
    const char* decision;
    const char* outcome;
    const char* rule;
    const char* confidence;
  } rows[] = {{"upheld", "medically_necessary", "a@1", "strong"},
              {"upheld", "not_medically_necessary", "a@1", "weak"},
              {"overturned", "insufficient_documentation", "b@1", "weak"}};
  for (const auto& row : rows) {
    const std::string text = "request " + std::to_string(g.requests.size());
    g.requests.push_back({text, row.decision, std::nullopt, std::nullopt, ""});
    Request q;
    q.text = text;
    q.determination = Determination{row.outcome, row.rule, {}, {}, "", "", "", row.confidence};
    r.requests.push_back(q);
  }
  const Agreement a = Evaluate({g}, {{"L", r}}).agreement;
  const Tally rule_a = a.by_rule.at("a@1"), rule_b = a.by_rule.at("b@1");
  EXPECT_EQ(std::make_tuple(rule_a.total, rule_a.agree, rule_a.over, rule_a.under), std::make_tuple(2, 1, 1, 0));
  EXPECT_EQ(std::make_tuple(rule_b.total, rule_b.agree, rule_b.over, rule_b.under), std::make_tuple(1, 0, 0, 1));
  EXPECT_EQ(a.by_confidence.at("weak").total, 2);
  EXPECT_EQ(a.by_confidence.at("strong").over, 1);
}

TEST(EvaluateTest, FoldsFollowTheCaseNumberAndOneFoldScoresAlone) {
  // FNV-1a, 32 bits: a fixed function of the case number, so a letter keeps
  // its fold however the set grows.
  EXPECT_EQ(FoldOf("", 5), static_cast<int>(2166136261u % 5) + 1);
  EXPECT_EQ(FoldOf("CM17-0001234", 5), FoldOf("CM17-0001234", 5));
  std::set<int> seen;
  for (int i = 0; i < 200; ++i) seen.insert(FoldOf("CM17-" + std::to_string(1000 + i), 5));
  EXPECT_EQ(seen, (std::set<int>{1, 2, 3, 4, 5}));

  const int fold = FoldOf("CM17-1", 5);  // Gold()'s case number
  EvalOptions options;
  const EvalReport all = Evaluate({Gold()}, {{"L1", Matching()}}, options);
  ASSERT_EQ(all.folds.size(), 5u);
  EXPECT_EQ(all.folds[fold - 1].total, 2);
  options.only_fold = fold == 5 ? 1 : fold + 1;  // another fold: the letter is not scored
  const EvalReport other = Evaluate({Gold()}, {{"L1", Matching()}}, options);
  EXPECT_EQ(other.gold_letters, 0);
  EXPECT_EQ(other.agreement.total, 0);
  EXPECT_NE(FormatEvalTable(all).find("5 folds by case number"), std::string::npos);
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
