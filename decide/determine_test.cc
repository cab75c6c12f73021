#include "decide/determine.h"

#include <gtest/gtest.h>

#include "decide/decide_testing.h"

namespace imr {
namespace {

using testing::Decide;
using testing::Describe;
using testing::RuleCase;
using testing::StatusOf;

// A rulebook of one set whose criteria exercise the evaluator directly.
const Rulebook& LogicBook() {
  static const Rulebook book = [] {
    std::vector<std::string> errors;
    Rulebook b = Rulebook::Parse({{"logic.json", R"({
      "rule_set": "logic", "version": 1, "categories": ["*"],
      "rules": [{"id": "r", "eras": ["acoem_2004", "chronic_pain_2009", "chronic_pain_2016", "acoem_2017"],
        "provenance": "U", "summary": "test", "citations": [{"source": "S", "chapter": "C"}],
        "criteria": [
          {"id": "flag", "says": "a flag", "test": {"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}}},
          {"id": "any", "says": "x", "test": {"any": [{"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}},
                                                   {"status": "unmet"}]}},
          {"id": "all", "says": "x", "test": {"all": [{"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}},
                                                   {"status": "met"}]}},
          {"id": "not", "says": "x", "test": {"not": {"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}}}},
          {"id": "weigh", "says": "x", "test": {"weigh": {"for": {"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}},
                                                       "against": {"fact": {"kind": "finding", "is": {"finding_type": "tenderness"}}}}}},
          {"id": "visits", "says": "x", "test": {"request": {"visits": {"max": 6}}}},
          {"id": "phase", "says": "x", "test": {"since_injury": {"min_days": 90}}},
          {"id": "site", "says": "x", "test": {"fact": {"kind": "finding", "is": {"finding_type": "spasm"}, "site": "request", "site_required": true}}},
          {"id": "unless", "says": "x", "test": {"unless": {"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}}}},
          {"id": "same_drug", "says": "x", "test": {"fact": {"kind": "medication", "same_as_request": {"generic": "drug"}}}}
        ]}]})"}},
                                 &errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    return b;
  }();
  return book;
}

std::string RunLogic(const RuleCase& c) {
  Record record = testing::CaseRecord(c);
  DetermineRequests(LogicBook(), &record);
  return Describe(record.requests[0].determination.value());
}

struct LogicRow {
  std::vector<std::string> facts;
  std::string request;
  std::string expected;
};

// The burden of proof: a rule's criteria for a lumbar request, and a general
// rule whose only positive criterion is a diagnosis at the body part.
const Rulebook& BurdenBook() {
  static const Rulebook book = [] {
    const std::string eras = R"("eras": ["acoem_2004", "chronic_pain_2009", "chronic_pain_2016", "acoem_2017"],
        "provenance": "U", "summary": "test", "citations": [{"source": "S", "chapter": "C"}])";
    const std::string diagnosis = R"({"id": "diagnosis", "says": "a diagnosis there",
                                      "test": {"fact": {"kind": "diagnosis", "site": "request"}}})";
    const std::string no_flag = R"({"id": "no_flag", "says": "no red flag",
                                    "test": {"unless": {"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}}}})";
    std::vector<std::string> errors;
    Rulebook b = Rulebook::Parse(
        {{"mri.json", R"({"rule_set": "mri", "version": 1, "categories": ["imaging.mri.lumbar"], "rules": [{"id": "r", )" +
                          eras + R"(, "criteria": [
            {"id": "weakness", "says": "weakness there",
             "test": {"fact": {"kind": "finding", "is": {"finding_type": "motor"}, "site": "request"}}}, )" +
                          diagnosis + ", " + no_flag + "]}]}"},
         {"general.json", R"({"rule_set": "general", "version": 1, "categories": ["*"], "rules": [{"id": "r", )" + eras +
                              R"(, "criteria": [)" + diagnosis + ", " + no_flag + "]}]}"}},
        &errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    return b;
  }();
  return book;
}

// "outcome confidence criterion=status/how ...", and the record's problems.
std::string RunBurden(const RuleCase& c) {
  Record record = testing::CaseRecord(c);
  DetermineRequests(BurdenBook(), &record);
  const Determination& d = record.requests[0].determination.value();
  std::string out = d.outcome + " " + d.confidence;
  for (const CriterionResult& r : d.criteria) out += " " + r.id + "=" + r.status + "/" + r.how;
  for (const Problem& p : record.problems) out += " problem:" + p.code;
  return out;
}

TEST(DetermineTest, BurdenOfProofStatedInferredAndGeneric) {
  const std::string kMri = "imaging.mri.lumbar | MRI lumbar | body_site=lumbar_spine";
  const std::string kDx = "diagnosis | lumbar strain | body_site=lumbar_spine";
  const std::string kWeak = "finding | weakness 4/5 | finding_type=motor body_site=lumbar_spine";
  const std::vector<std::pair<RuleCase, std::string>> rows = {
      // Every criterion in the record's words at the requested part.
      {{kMri, {kDx, kWeak}, "2016-11-03", "2016-01-01"},
       "medically_necessary strong weakness=met/stated diagnosis=met/stated no_flag=met/inferred"},
      // The weakness has no body part of its own: it may be at the low back.
      {{kMri, {kDx, "finding | weakness 4/5 | finding_type=motor"}, "2016-11-03", "2016-01-01"},
       "insufficient_documentation weak weakness=met/inferred diagnosis=met/stated no_flag=met/inferred"},
      // A diagnosis at the part and silence about red flags: what any case has.
      {{"other | a service | body_site=lumbar_spine", {kDx}, "2016-11-03", "2016-01-01"},
       "insufficient_documentation weak diagnosis=met/stated no_flag=met/inferred"},
      // Denied on a stated fact, one criterion undocumented.
      {{kMri, {kDx, "finding/absent | no weakness | finding_type=motor body_site=lumbar_spine"}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary strong weakness=unmet/stated diagnosis=met/stated no_flag=met/inferred"},
      // Denied for want of documentation.
      {{kMri, {}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary weak weakness=not_documented/absent diagnosis=not_documented/absent no_flag=met/inferred"},
  };
  for (const auto& [c, expected] : rows) EXPECT_EQ(RunBurden(c), expected) << c.request;
}

TEST(DetermineTest, TheLaterStatementStands) {
  const std::string kMri = "imaging.mri.lumbar | MRI lumbar | body_site=lumbar_spine";
  const std::string kDx = "diagnosis | lumbar strain | body_site=lumbar_spine";
  const std::string kWeak = "finding | weakness 4/5 | finding_type=motor body_site=lumbar_spine";
  const std::string kStrong = "finding/absent | no weakness | finding_type=motor body_site=lumbar_spine";
  EXPECT_EQ(RunBurden({kMri, {kDx, kWeak, kStrong}, "2016-11-03", "2016-01-01"}),
            "not_medically_necessary strong weakness=unmet/stated diagnosis=met/stated no_flag=met/inferred");
  EXPECT_EQ(RunBurden({kMri, {kDx, kStrong, kWeak}, "2016-11-03", "2016-01-01"}),
            "medically_necessary strong weakness=met/stated diagnosis=met/stated no_flag=met/inferred");
}

TEST(DetermineTest, AnUnknownRequestSiteMeetsNoSiteCriterionAndIsReported) {
  // "nowhere_site" is no site of vocab/anatomy.tsv: nothing can be shown
  // there, and the record says so, instead of the site test opening up.
  const std::string out = RunBurden({"imaging.mri.lumbar | MRI of somewhere | body_site=nowhere_site",
                                     {"diagnosis | lumbar strain | body_site=lumbar_spine",
                                      "finding | weakness 4/5 | finding_type=motor body_site=lumbar_spine",
                                      "finding | weakness 4/5 | finding_type=motor"},
                                     "2016-11-03", "2016-01-01"});
  EXPECT_EQ(out, "not_medically_necessary weak weakness=not_documented/absent diagnosis=not_documented/absent "
                 "no_flag=met/inferred problem:unknown_body_site");
}

// "words" match where a word starts, or after a combining form.
TEST(DetermineTest, WordsMatchWhereAWordOrACombiningFormEnds) {
  std::vector<std::string> errors;
  const Rulebook book = Rulebook::Parse(
      {{"w.json", R"({"rule_set": "w", "version": 1, "categories": ["*"], "rules": [{"id": "r",
        "eras": ["acoem_2004", "chronic_pain_2009", "chronic_pain_2016", "acoem_2017"], "provenance": "U",
        "summary": "t", "citations": [{"source": "S", "chapter": "C"}], "at_most": "insufficient_documentation",
        "position": "p", "criteria": [{"id": "c", "says": "x",
          "test": {"fact": {"kind": "diagnosis", "words": ["arthritis", "fusion", "normal", "listhesis"]}}}]}]})"}},
      &errors);
  ASSERT_TRUE(errors.empty()) << errors.front();
  const auto status = [&](const std::string& diagnosis) {
    Record record = testing::CaseRecord({"other | x", {"diagnosis | " + diagnosis}, "2016-11-03", "2016-01-01"});
    DetermineRequests(book, &record);
    return StatusOf(*record.requests[0].determination, "c");
  };
  EXPECT_EQ(status("osteoarthritis of the knee"), "met");
  EXPECT_EQ(status("L4-5 spondylolisthesis"), "met");
  EXPECT_EQ(status("arthritis"), "met");
  EXPECT_EQ(status("knee effusion"), "not_documented");
  EXPECT_EQ(status("abnormal gait"), "not_documented");
  EXPECT_EQ(status("status post L5-S1 fusion"), "met");
}

TEST(DetermineTest, ThreeValuedLogic) {
  const std::string kRequest = "other | a request | body_site=lumbar_spine";
  const std::vector<LogicRow> rows = {
      // Nothing known: every fact test is not_documented; the fixed parts decide.
      {{}, kRequest,
       "not_medically_necessary chronic_pain_2016 flag=not_documented any=not_documented all=not_documented "
       "not=not_documented weigh=not_documented visits=not_documented phase=met site=not_documented unless=met same_drug=not_documented"},
      // A present fact: met; `not` turns it unmet; any/all follow Kleene logic.
      {{"finding | flag | finding_type=red_flag"}, kRequest + " visits=6",
       "not_medically_necessary chronic_pain_2016 flag=met any=met all=met not=unmet weigh=met visits=met "
       "phase=met site=not_documented unless=unmet same_drug=not_documented"},
      // An absent fact: unmet; `not` turns it met.
      {{"finding/absent | no flag | finding_type=red_flag"}, kRequest + " visits=12",
       "not_medically_necessary chronic_pain_2016 flag=unmet any=unmet all=unmet not=met weigh=unmet visits=unmet "
       "phase=met site=not_documented unless=met same_drug=not_documented"},
      // Hypothetical facts decide nothing; evidence against makes weigh unmet.
      {{"finding/hypothetical | if flag | finding_type=red_flag", "finding | tender | finding_type=tenderness"},
       kRequest, "not_medically_necessary chronic_pain_2016 flag=not_documented any=not_documented "
                 "all=not_documented not=not_documented weigh=unmet visits=not_documented phase=met "
                 "site=not_documented unless=met same_drug=not_documented"},
      // Site: a fact elsewhere does not count; one at the requested region does.
      {{"finding | neck spasm | finding_type=spasm body_site=neck"}, kRequest,
       "not_medically_necessary chronic_pain_2016 flag=not_documented any=not_documented all=not_documented "
       "not=not_documented weigh=not_documented visits=not_documented phase=met site=not_documented unless=met same_drug=not_documented"},
      {{"finding | leg spasm | finding_type=spasm body_site=lower~extremities"}, kRequest,
       "not_medically_necessary chronic_pain_2016 flag=not_documented any=not_documented all=not_documented "
       "not=not_documented weigh=not_documented visits=not_documented phase=met site=met unless=met same_drug=not_documented"},
  };
  for (const LogicRow& row : rows) {
    RuleCase c{.request = row.request, .facts = row.facts, .request_date = "2016-11-03", .injury_date = "2016-01-04"};
    EXPECT_EQ(RunLogic(c), row.expected) << "facts: " << ::testing::PrintToString(row.facts) << " request: " << row.request;
  }
}

TEST(DetermineTest, SameAsRequestComparesListParts) {
  const auto same_drug = [](const std::string& request, const std::string& fact) {
    Record record = testing::CaseRecord({.request = request, .facts = {fact}, .request_date = "2016-11-03"});
    DetermineRequests(LogicBook(), &record);
    return StatusOf(*record.requests[0].determination, "same_drug");
  };
  EXPECT_EQ(same_drug("medication.opioid | Norco | drug=hydrocodone/acetaminophen",
                      "medication | hydrocodone | generic=hydrocodone"), "met");
  EXPECT_EQ(same_drug("medication.opioid | Norco | drug=hydrocodone/acetaminophen",
                      "medication | tramadol | generic=tramadol"), "not_documented");
  EXPECT_EQ(same_drug("medication.opioid | an opioid", "medication | tramadol | generic=tramadol"), "not_documented");
}

// A rulebook of one rule, for every category and era, with the one criterion
// `criterion` (its JSON object).
Rulebook BookOfOneCriterion(const std::string& criterion) {
  std::vector<std::string> errors;
  Rulebook book = Rulebook::Parse({{"one.json", R"({
      "rule_set": "one", "version": 1, "categories": ["*"],
      "rules": [{"id": "r", "eras": ["acoem_2004", "chronic_pain_2009", "chronic_pain_2016", "acoem_2017"],
        "provenance": "U", "summary": "test", "citations": [{"source": "S", "chapter": "C"}],
        "criteria": [)" + criterion + "]}]}"}},
                                  &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  return book;
}

// {"total"}: the largest count a prior course states, plus the visits asked for.
TEST(DetermineTest, TotalAddsThePriorCourseToTheRequest) {
  const Rulebook book = BookOfOneCriterion(R"({"id": "within_24", "says": "x", "test": {"total": {
      "of": [{"fact": {"kind": "treatment_history", "is": {"treatment": "physical_therapy"}, "assertion": ["present", "historical"]}}],
      "max": 24}}})");
  const auto status = [&](const std::string& request, const std::vector<std::string>& facts) {
    Record record = testing::CaseRecord({.request = request, .facts = facts, .request_date = "2016-11-03"});
    DetermineRequests(book, &record);
    const Determination& d = *record.requests[0].determination;
    return d.criteria[0].status + (d.criteria[0].evidence.empty() ? "" : " " + d.criteria[0].evidence[0]);
  };
  const std::string kPrior18 = "treatment_history/historical | 18 sessions of physical therapy | treatment=physical_therapy count=18";
  const std::string kPrior12 = "treatment_history | 12 visits of PT | treatment=physical_therapy count=12";
  EXPECT_EQ(status("therapy.physical | PT x6 | visits=6", {kPrior12, kPrior18}), "met f2");       // 18 + 6 = 24
  EXPECT_EQ(status("therapy.physical | PT x8 | visits=8", {kPrior12, kPrior18}), "unmet f2");     // 26
  EXPECT_EQ(status("therapy.physical | PT x8 | visits=8", {}), "met");                            // no count stated
  EXPECT_EQ(status("therapy.physical | more PT", {kPrior18}), "not_documented");                 // no visits asked
  EXPECT_EQ(status("therapy.physical | PT x8 | visits=8",
                   {"treatment_history | 30 chiropractic visits | treatment=chiropractic count=30"}), "met");
}

// A test of several kinds reads the facts of each of them, and its evidence
// lists them in record order, whichever kind comes first in the test; facts
// of other kinds are not read.
TEST(DetermineTest, ATestOfSeveralKindsListsItsEvidenceInRecordOrder) {
  const Rulebook book = BookOfOneCriterion(
      R"({"id": "back", "says": "x", "test": {"fact": {"kind": ["procedure", "diagnosis"], "words": ["lumbar"]}}})");
  Record record = testing::CaseRecord({.request = "imaging.mri.lumbar | MRI lumbar | body_site=lumbar_spine",
                                       .facts = {"diagnosis | lumbar strain", "medication | lumbar cream",
                                                 "procedure | lumbar fusion", "finding | lumbar spasm",
                                                 "diagnosis | lumbar radiculopathy"},
                                       .request_date = "2016-11-03"});
  DetermineRequests(book, &record);
  const Determination& d = *record.requests[0].determination;
  EXPECT_EQ(d.criteria[0].status, "met");
  EXPECT_EQ(d.criteria[0].evidence, (std::vector<std::string>{"f1", "f3", "f5"}));
}

TEST(DetermineTest, PhaseNeedsBothDates) {
  RuleCase c{.request = "other | x", .request_date = "2016-11-03"};
  Record record = testing::CaseRecord(c);
  DetermineRequests(LogicBook(), &record);
  EXPECT_EQ(StatusOf(*record.requests[0].determination, "phase"), "not_documented");
  c.injury_date = "2016-10-01";  // 33 days: not yet chronic
  record = testing::CaseRecord(c);
  DetermineRequests(LogicBook(), &record);
  EXPECT_EQ(StatusOf(*record.requests[0].determination, "phase"), "unmet");
}

TEST(DetermineTest, EraFollowsTheRequestDate) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"2008-05-01", "acoem_2004"},   {"2009-07-18", "chronic_pain_2009"}, {"2016-07-28", "chronic_pain_2009"},
      {"2016-07-29", "chronic_pain_2016"}, {"2017-11-30", "chronic_pain_2016"}, {"2017-12-01", "acoem_2017"},
      {"", "acoem_2017"}};
  for (const auto& [date, era] : rows) {
    RuleCase c{.request = "other | x", .request_date = date};
    Record record = testing::CaseRecord(c);
    DetermineRequests(LogicBook(), &record);
    EXPECT_EQ(record.requests[0].determination->guideline_era, era) << date;
    EXPECT_EQ(record.requests[0].determination->request_date, date) << date;
  }
}

TEST(DetermineTest, FactsInDecisionSectionsAreInvisible) {
  RuleCase c{.request = "other | x | visits=3",
             .facts = {"finding | flag | finding_type=red_flag"},
             .request_date = "2016-11-03",
             .section = "decisions_and_rationales"};
  Record record = testing::CaseRecord(c);
  DetermineRequests(LogicBook(), &record);
  EXPECT_EQ(StatusOf(*record.requests[0].determination, "flag"), "not_documented");
  // The same fact also stated in the case summary is usable, quoted from there.
  record.facts[0].also.push_back({{1, 0, 4}, "flag", "clinical_case_summary"});
  DetermineRequests(LogicBook(), &record);
  EXPECT_EQ(StatusOf(*record.requests[0].determination, "flag"), "met");
  EXPECT_NE(record.requests[0].determination->rationale.find("(page 1: 'flag')"), std::string::npos)
      << record.requests[0].determination->rationale;
}

TEST(DetermineTest, RationaleQuotesEvidenceAndConcludes) {
  RuleCase c{.request = "other | x | visits=3",
             .facts = {"finding/absent | no red flag was seen | finding_type=red_flag"},
             .request_date = "2016-11-03"};
  Record record = testing::CaseRecord(c);
  DetermineRequests(LogicBook(), &record);
  const Determination& d = *record.requests[0].determination;
  EXPECT_EQ(d.rule, "logic.r@1");
  EXPECT_EQ(d.citations, std::vector<std::string>{"S, C"});
  EXPECT_NE(d.rationale.find("The criterion 'a flag' is not met (page 1: 'no red flag was seen')."),
            std::string::npos) << d.rationale;
  EXPECT_TRUE(d.rationale.ends_with("The request is therefore not medically necessary.")) << d.rationale;
}

TEST(DetermineTest, CategoryWithoutRuleSetGetsNoDetermination) {
  std::vector<std::string> errors;
  const Rulebook empty = Rulebook::Parse({}, &errors);
  Record record = testing::CaseRecord({.request = "other | x"});
  DetermineRequests(empty, &record);
  EXPECT_FALSE(record.requests[0].determination.has_value());
}

// A service that goes with a surgery follows the surgery's own determination.
TEST(DetermineTest, AssociatedServicesFollowThePrimarySurgery) {
  const auto decide = [](const std::vector<std::string>& facts) {
    Record record = testing::CaseRecord({.request = "surgery.knee | Left knee arthroscopy | body_site=knee",
                                         .facts = facts, .request_date = "2016-11-03", .injury_date = "2016-01-04"});
    Request clearance;
    clearance.id = "r2";
    clearance.category = "referral.specialist";
    clearance.text = "Preoperative medical clearance";
    record.requests.push_back(clearance);
    DetermineRequests(Rulebook::Builtin(), &record);
    return record;
  };
  // Nothing supports the arthroscopy: the clearance goes with it.
  Record denied = decide({"diagnosis | knee pain | body_site=knee"});
  ASSERT_TRUE(denied.requests[1].determination.has_value());
  EXPECT_EQ(denied.requests[0].determination->outcome, "not_medically_necessary");
  EXPECT_EQ(denied.requests[1].determination->outcome, "not_medically_necessary");
  EXPECT_EQ(StatusOf(*denied.requests[1].determination, "primary_surgery"), "unmet");
  const std::string& why = denied.requests[1].determination->rationale;
  EXPECT_NE(why.find("goes with the surgery requested ('Left knee arthroscopy'), which is not medically necessary"),
            std::string::npos) << why;
  EXPECT_TRUE(why.ends_with(" The request is therefore not medically necessary.")) << why;
  EXPECT_EQ(why.find("The request is therefore medically necessary."), std::string::npos) << why;
  // A supported arthroscopy lets the clearance stand on its own criteria.
  Record approved = decide({"finding | medial meniscus tear | finding_type=imaging_result body_site=knee",
                            "finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee",
                            "procedure/historical | 12 visits of physical therapy | procedure=physical_therapy count=12"});
  EXPECT_EQ(approved.requests[0].determination->outcome, "medically_necessary");
  EXPECT_EQ(StatusOf(*approved.requests[1].determination, "primary_surgery"), "met");
  EXPECT_NE(approved.requests[1].determination->rationale.find("which is medically necessary. The request is therefore"),
            std::string::npos) << approved.requests[1].determination->rationale;
}

// Quotes name each piece of evidence once, without the record's own quote marks.
TEST(DetermineTest, RationaleQuotesAreDistinctAndClean) {
  const Determination d = Decide({
      .request = "imaging.mri.lumbar | MRI of the lumbar spine | body_site=lumbar_spine",
      .facts = {"finding | \"sensation all dermatomes as normal\" | finding_type=sensation state=normal",
                "finding | \"sensation all dermatomes as normal\" | finding_type=sensation state=normal",
                "finding | 'patient's reflexes 2+ | finding_type=reflex state=normal"},
      .request_date = "2014-09-01",
      .injury_date = "2013-03-13"});
  EXPECT_NE(d.rationale.find("(page 1: 'sensation all dermatomes as normal'; page 1: 'patient\u2019s reflexes 2+')"),
            std::string::npos) << d.rationale;
}

// The seed letter's lumbar MRI, as facts: a screening study after a treated
// fracture, a normal neurological exam, no red flag, no planned surgery.
TEST(DetermineTest, LumbarMriWithNormalExamIsNotNecessary) {
  const Determination d = Decide({
      .request = "imaging.mri.lumbar | MRI of the lumbar spine | body_site=lumbar_spine",
      .facts = {"diagnosis | closed fracture of the lumbar vertebra | body_site=lumbar_spine",
                "finding | muscle strength 5/5 | finding_type=motor grade=5/5",
                "finding | sensation all dermatomes as normal | finding_type=sensation state=normal"},
      .request_date = "2014-09-01",
      .injury_date = "2013-03-13"});
  EXPECT_EQ(d.outcome, "not_medically_necessary");
  EXPECT_EQ(StatusOf(d, "red_flags"), "not_documented");  // an old, treated fracture is no red flag
  EXPECT_EQ(StatusOf(d, "neuro_deficit"), "unmet");
  EXPECT_NE(d.rationale.find("No neurological deficit was documented (page 1: '"), std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("'sensation all dermatomes as normal'"), std::string::npos) << d.rationale;
}

}  // namespace
}  // namespace imr
