#include "extract/history_extractor.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "extract/extract_testing.h"
#include "extract/pattern.h"
#include "extract/region.h"

namespace imr {
namespace {

// "treatment_history{'prior acupuncture' response=unknown treatment=acupuncture}",
// facts in order, values sorted by key.
std::string Describe(const std::vector<Fact>& facts) { return testing::DescribeFacts(facts); }

struct Row {
  std::string input;
  std::string expected;
};

TEST(ExtractTreatmentHistoryTest, Table) {
  const Row rows[] = {
      {"She completed 24 sessions of chiropractic without benefit.",
       "treatment_history{'completed 24 sessions of chiropractic without benefit' count=24 response=no_benefit "
       "treatment=chiropractic}"},
      {"He had 12 visits of physical therapy with 50% improvement.",
       "treatment_history{'had 12 visits of physical therapy with 50% improvement' count=12 relief_percent=50 "
       "response=improved treatment=physical_therapy}"},
      {"She had 2 epidural steroid injections with 30% relief.",
       "treatment_history{'had 2 epidural steroid injections with 30% relief' count=2 relief_percent=30 "
       "response=partial treatment=injection}"},
      {"He has had twelve sessions of acupuncture with no benefit.",
       "treatment_history{'had twelve sessions of acupuncture with no benefit' count=12 response=no_benefit "
       "treatment=acupuncture}"},
      {"The patient has had 5 physical therapy visits.",
       "treatment_history{'had 5 physical therapy visits' count=5 response=unknown treatment=physical_therapy}"},
      {"Prior acupuncture.", "treatment_history{'Prior acupuncture' response=unknown treatment=acupuncture}"},
      {"A previous epidural injection gave 60% relief for 3 months.",
       "treatment_history{'previous epidural injection gave 60% relief for 3 months' relief_duration=3 months "
       "relief_percent=60 response=improved treatment=injection}"},
      {"Prior PT made the pain worse.",
       "treatment_history{'Prior PT made the pain worse' response=worse treatment=physical_therapy}"},
      {"The patient failed conservative treatment.",
       "treatment_history{'failed conservative treatment' response=no_benefit treatment=conservative_care}"},
      {"The worker reported \"minimal improvement\" despite physical therapy.",
       "treatment_history{'minimal improvement\" despite physical therapy' response=no_benefit treatment=physical_therapy}"},
      {"There was no relief despite chiropractic care.",
       "treatment_history{'no relief despite chiropractic care' response=no_benefit treatment=chiropractic}"},
      {"He failed to improve with a course of physical therapy.",
       "treatment_history{'failed to improve with a course of physical therapy' response=no_benefit "
       "treatment=physical_therapy}"},
      {"She has tried NSAIDs, physical therapy and home exercise.",
       "treatment_history{'NSAIDs' response=unknown treatment=medication} "
       "treatment_history{'physical therapy' response=unknown treatment=physical_therapy} "
       "treatment_history{'home exercise' response=unknown treatment=home_exercise}"},
      {"Treatments have included: physical therapy, work restrictions, and medications.",
       "treatment_history{'physical therapy' response=unknown treatment=physical_therapy} "
       "treatment_history{'work restrictions' response=unknown treatment=work_restrictions} "
       "treatment_history{'medications' response=unknown treatment=medication}"},
      {"Prior treatment included chiropractic therapy from a private source.",
       "treatment_history{'chiropractic therapy' response=unknown treatment=chiropractic}"},
      {"He is s/p L4-5 fusion in 2012.",
       "treatment_history{'s/p L4-5 fusion in 2012' date=2012 procedure=l4-5 fusion response=unknown "
       "treatment=surgery}"},
      {"Status post right shoulder arthroscopy.",
       "treatment_history{'Status post right shoulder arthroscopy' procedure=right shoulder arthroscopy "
       "response=unknown treatment=surgery}"},
      {"He underwent right carpal tunnel release in 2015.",
       "treatment_history{'underwent right carpal tunnel release in 2015' date=2015 "
       "procedure=right carpal tunnel release response=unknown treatment=surgery}"},
      {"Medications have not helped.",
       "treatment_history{'Medications have not helped' response=no_benefit treatment=medication}"},
      {"Physical therapy has helped and medications do relieve pain temporarily.",
       "treatment_history{'Physical therapy has helped' response=improved treatment=physical_therapy} "
       "treatment_history{'medications do relieve pain temporarily' response=partial treatment=medication}"},
      {"She underwent 6 sessions of acupuncture which provided no relief.",
       "treatment_history{'underwent 6 sessions of acupuncture which provided no relief' count=6 "
       "response=no_benefit treatment=acupuncture}"},
      {"He had 3 prior epidural injections.",
       "treatment_history{'had 3 prior epidural injections' count=3 response=unknown treatment=injection}"},
      {"She completed a course of PT.",
       "treatment_history{'completed a course of PT' response=unknown treatment=physical_therapy}"},
      {"Prior chiropractic care gave some relief.",
       "treatment_history{'Prior chiropractic care gave some relief' response=partial treatment=chiropractic}"},
      {"The home exercise program was not helpful.",
       "treatment_history{'home exercise program was not helpful' response=no_benefit treatment=home_exercise}"},
      {"She is refractory to NSAIDs.",
       "treatment_history{'refractory to NSAIDs' response=no_benefit treatment=medication}"},
      // Requests, plans and decisions name treatments that were not given.
      {"Request for 6 sessions of physical therapy.", ""},
      {"Previously approved for 8 sessions of physical therapy.", ""},
      {"The treatment plan included physical therapy and acupuncture.", ""},
      {"The claims administrator failed to approve a request for lumbar epidural injections.", ""},
      {"Acupuncture is recommended as an option.", ""},
      {"Physical therapy 2x6 for the left knee.", ""},
      {"She would like to try acupuncture.", ""},
      // "Status post" an injury is not care; "pt" is the patient; "prior to" is time.
      {"Status post motor vehicle accident.", ""},
      {"The pt reports neck pain.", ""},
      {"Prior to the surgery he was working.", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Describe(ExtractTreatmentHistory(RegionOfText(row.input))), row.expected);
  }
}

TEST(ExtractFunctionalStatusTest, Table) {
  const Row rows[] = {
      {"She remains on modified duty.", "functional_status{'modified duty' work_status=modified_duty}"},
      {"Work status is return to work with restrictions.",
       "functional_status{'return to work with restrictions' work_status=modified_duty}"},
      {"Restrictions of no lifting over 10 pounds.",
       "functional_status{'Restrictions of no lifting over 10 pounds' lift_limit_lbs=10 work_status=modified_duty}"},
      {"He is temporarily totally disabled.", "functional_status{'temporarily totally disabled' work_status=ttd}"},
      {"Work status: TTD.", "functional_status{'TTD' work_status=ttd}"},
      {"The applicant was placed on total temporary disability.",
       "functional_status{'total temporary disability' work_status=ttd}"},
      {"He has been off work since the injury.", "functional_status{'off work' work_status=off_work}"},
      {"The patient is not working.", "functional_status{'not working' work_status=off_work}"},
      {"She returned to full duty in March.", "functional_status{'returned to full duty' work_status=full_duty}"},
      {"He returned to work.", "functional_status{'returned to work' work_status=unknown}"},
      {"He was declared permanent and stationary.",
       "functional_status{'permanent and stationary' work_status=permanent_stationary}"},
      {"The patient is retired.", "functional_status{'retired' work_status=retired}"},

      {"She has difficulty with ADLs.", "functional_status{'difficulty with ADLs' adl=limited}"},
      {"She is independent with ADLs.", "functional_status{'independent with ADLs' adl=independent}"},
      {"He is unable to sit for more than 30 minutes.",
       "functional_status{'unable to sit for more than 30 minutes' activity=sit adl=tolerance "
       "tolerance=30 minutes}"},
      {"She can walk a quarter mile.",
       "functional_status{'can walk a quarter mile' activity=walk adl=tolerance tolerance=a quarter mile}"},
      {"He has difficulty sleeping.", "functional_status{'difficulty sleeping' activity=sleeping adl=limited}"},

      {"Chiropractic notes show improved range of motion of the lumbar spine.",
       "functional_status{'improved range of motion' functional_improvement=documented}"},
      {"Grip strength increased to 40 pounds.", ""},  // a number, not the words of a gain
      {"There was improved function with therapy.",
       "functional_status{'improved function' functional_improvement=documented}"},
      {"Increased ability to perform ADLs.",
       "functional_status{'Increased ability to perform ADLs' functional_improvement=documented}"},
      {"Reduction in work restrictions.",
       "functional_status{'Reduction in work restrictions' functional_improvement=documented}"},
      {"Decreased medication use.", "functional_status{'Decreased medication use' functional_improvement=documented}"},
      // The cue stays outside the quote for the assertion module to read.
      {"There was no functional improvement.",
       "functional_status{'functional improvement' functional_improvement=not_documented}"},
      {"No documented functional benefit.",
       "functional_status{'documented functional benefit' functional_improvement=not_documented}"},
      {"There was a lack of objective functional improvement.",
       "functional_status{'objective functional improvement' functional_improvement=not_documented}"},
      {"The notes do not demonstrate functional improvement.",
       "functional_status{'functional improvement' functional_improvement=not_documented}"},
      {"She reports decreased function.", "functional_status{'decreased function' functional_improvement=worse}"},

      {"The UR modified the request to 6 sessions.", ""},
      {"A functional restoration program was requested.", ""},
      {"The pump runs a full duty cycle.", ""},
      {"Call 619-555-0101 to schedule.", ""},
      {"The ttd dose was charted in lower case.", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Describe(ExtractFunctionalStatus(RegionOfText(row.input))), row.expected);
  }
}

void ExpectRowsCompile(const std::vector<PhraseRule>& rules, const std::vector<PatternPiece>& pieces,
                       std::string_view prefix, std::set<std::string>* ids) {
  const Pattern id(std::string(prefix) + R"(\.[a-z_.]+@\d+)");
  for (const PhraseRule& rule : rules) {
    SCOPED_TRACE(rule.id);
    EXPECT_TRUE(id.FullMatch(rule.id).has_value());
    EXPECT_TRUE(ids->insert(rule.id).second) << "duplicate id";
    EXPECT_NO_THROW(Pattern(ExpandPattern(rule.pattern, pieces)));
  }
}

TEST(HistoryRulesTest, EveryRowCompilesAndHasAUniqueId) {
  std::set<std::string> ids;
  ExpectRowsCompile(TreatmentHistoryRules(), HistoryPieces(), "history", &ids);
  ExpectRowsCompile(TreatmentListRules(), HistoryPieces(), "history", &ids);
  ExpectRowsCompile(TreatmentResponseRules(), HistoryPieces(), "history", &ids);
  ExpectRowsCompile(BareTreatmentRules(), HistoryPieces(), "history", &ids);
  ExpectRowsCompile(FunctionalStatusRules(), FunctionalPieces(), "functional", &ids);
  EXPECT_GE(FunctionalStatusRules().size(), 30u);
}

// As FindingRulesTest.OnlyTheBareGradeHasNoWordToLookFor: every row that
// needs more than a treatment's name has words to look for; the bare name
// (its table's only row) does not, with "PT" and "OT" among the names.
TEST(HistoryRulesTest, EveryRowButTheBareNameHasWordsToLookFor) {
  EXPECT_EQ(testing::RowsRunOverEveryText(TreatmentHistoryRules(), HistoryPieces()), std::vector<std::string>{});
  EXPECT_EQ(testing::RowsRunOverEveryText(TreatmentListRules(), HistoryPieces()), std::vector<std::string>{});
  EXPECT_EQ(testing::RowsRunOverEveryText(TreatmentResponseRules(), HistoryPieces()), std::vector<std::string>{});
  EXPECT_EQ(testing::RowsRunOverEveryText(BareTreatmentRules(), HistoryPieces()),
            std::vector<std::string>{"history.response_stated@1"});
}

TEST(NormalizeTreatmentTest, NamesTheTreatment) {
  const std::pair<std::string, std::string> rows[] = {
      {"PT", "physical_therapy"},          {"physiotherapy", "physical_therapy"},
      {"pt", "other"},                     {"chiropractic care", "chiropractic"},
      {"epidural steroid injections", "injection"}, {"NSAIDs", "medication"},
      {"home exercise program", "home_exercise"},   {"arthroscopy", "surgery"},
      {"a walk in the park", "other"}};
  for (const auto& [words, treatment] : rows) {
    SCOPED_TRACE(words);
    EXPECT_EQ(NormalizeTreatment(words), treatment);
  }
}

// The clinical summary runs from page 1 onto page 2; page 1 breaks "without"
// from "benefit". Each fact quotes its page; one running over the break
// quotes only its part on the page where it starts.
TEST(ExtractTreatmentHistoryTest, SpansQuoteTheirPagesAcrossAPageBreak) {
  const auto [pages, region] = testing::TwoPageRegion(
      "clinical_summary", {"HEADER\n", "She is on modified duty. She completed 8 sessions of PT without", "\n"},
      {"", "benefit. Prior acupuncture. No functional improvement.", "\nPage 2"});

  std::vector<Fact> facts = ExtractTreatmentHistory(region);
  for (Fact& fact : ExtractFunctionalStatus(region)) facts.push_back(std::move(fact));
  std::vector<std::string> quoted;
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
    quoted.push_back(std::to_string(fact.span.page_number) + ":" + fact.text);
  }
  EXPECT_EQ(quoted, (std::vector<std::string>{"1:completed 8 sessions of PT without", "2:Prior acupuncture",
                                              "1:modified duty", "2:functional improvement"}));
  EXPECT_EQ(facts[0].value.at("response"), "no_benefit");
}

}  // namespace
}  // namespace imr
