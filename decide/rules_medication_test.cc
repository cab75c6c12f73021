// Rule sets for medication requests and urine drug testing: for each, a
// request that meets its criteria, one a fact contradicts, one the record does
// not document, a quantity or dose over the limit where the rule has one, and
// the era each request date selects (2008: ACOEM 2004, 2012: CPMTG 2009,
// 2016-11: CPMTG 2016 / DWC opioid guidelines, 2018: ACOEM 2017).
#include <gtest/gtest.h>

#include "decide/decide_testing.h"

namespace imr {
namespace {

using testing::Decide;
using testing::Describe;
using testing::RuleCase;

using Row = testing::RuleRow;

// Facts shared by several sets. Benefit from a drug is written as the
// extractors read it when a note measures it: a percentage of relief, pain
// rated with and without the medication, a named gain in daily activities.
constexpr char kMedsHelp[] =
    "treatment_history | pain medications with 50% relief | treatment=medication relief_percent=50 response=improved";
constexpr char kPainWithWithout[] =
    "finding | pain 8/10 without medications and 4/10 with medications | finding_type=pain_score score_high=8 score_low=4 "
    "score_max=10";
constexpr char kMedsNoHelp[] = "treatment_history | medications did not help | treatment=medication response=no_benefit";
constexpr char kFunction[] =
    "functional_status | improved ability to walk and do household chores | functional_improvement=documented";
constexpr char kNoFunction[] = "functional_status/absent | no functional improvement | functional_improvement=documented";
// What nearly every record says, which shows neither relief nor function.
constexpr char kMedsHelpVague[] = "treatment_history | medications help | treatment=medication response=improved";
constexpr char kFunctionVague[] = "functional_status | functional improvement | functional_improvement=documented";
constexpr char kPriorUds[] = "procedure/historical | urine drug screen | procedure=urine_drug_screen procedure_group=testing";
constexpr char kTakingNorco[] = "medication | Norco 10/325 mg | generic=hydrocodone/acetaminophen drug_class=opioid";
constexpr char kTakingNaproxen[] = "medication | naproxen 550 mg | generic=naproxen drug_class=nsaid";
constexpr char kLumbarStrain[] = "diagnosis | lumbar strain | body_site=lumbar_spine";
constexpr char kRadiculopathy[] = "diagnosis | lumbar radiculopathy | body_site=lumbar_spine";
constexpr char kPainScore[] = "finding | pain 7/10 | finding_type=pain_score score=7 score_max=10";

TEST(OpioidRules, FourAsAndDose) {
  constexpr char kNorco[] = "medication.opioid | Norco 10/325 #120 | drug=hydrocodone/acetaminophen quantity=120 strength=10/325";
  constexpr char kTramadolTrial[] = "medication.opioid | Tramadol 50mg #60 trial | drug=tramadol quantity=60 strength=50 course=initial";
  constexpr char kAdlBaseline[] = "functional_status | unable to sit more than 30 minutes | adl=tolerance activity=sit";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"continued: relief, function and a drug screen documented",
       {kNorco, {kTakingNorco, kMedsHelp, kFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: pain rated with and without the medication is measured relief",
       {kNorco, {kTakingNorco, kPainWithWithout, "functional_status | returned to full duty | work_status=full_duty", kPriorUds},
        "2016-11-03", "2010-01-01"},
       "medically_necessary chronic_pain_2016 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: 'medications help' and 'functional improvement' are not measured relief or a named gain",
       {kNorco, {kTakingNorco, kMedsHelpVague, kFunctionVague, kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=not_documented functional_improvement=not_documented "
       "misuse_monitoring=met no_aberrant_behaviour=met dose_limit=met"},
      {"continued: 20% relief is below a meaningful response",
       {kNorco, {kTakingNorco, "treatment_history | medications with 20% relief | treatment=medication relief_percent=20 "
                               "response=partial", kFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=unmet functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: less reliance on medication alone is no gain in daily activities, and is no aberrant behaviour",
       {kNorco, {kTakingNorco, kMedsHelp, "functional_status | reduced dependence on opioids | functional_improvement=documented",
                 kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=met functional_improvement=not_documented misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: the record states there is no functional improvement",
       {kNorco, {kTakingNorco, kMedsHelp, kNoFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=met functional_improvement=unmet misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: pain relief alone is not functional improvement",
       {kNorco, {kTakingNorco, kMedsHelp, kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=met functional_improvement=not_documented misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: nothing but the drug documented",
       {kNorco, {kTakingNorco}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=not_documented functional_improvement=not_documented "
       "misuse_monitoring=not_documented no_aberrant_behaviour=met dose_limit=met"},
      {"continued: 150 mg MED is over the 2009 threshold of 120",
       {kNorco, {"medication | Norco 10/325 | generic=hydrocodone/acetaminophen drug_class=opioid med_mg_per_day=150", kMedsHelp,
                 kFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=unmet"},
      {"continued: 100 mg MED passes in 2012 but not under the 2016 DWC threshold of 80",
       {kNorco, {"medication | Norco 10/325 | generic=hydrocodone/acetaminophen drug_class=opioid med_mg_per_day=100", kMedsHelp,
                 kFunction, kPriorUds}, "2016-11-03", "2010-01-01"},
       "not_medically_necessary chronic_pain_2016 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=unmet"},
      {"the same 100 mg MED in 2012",
       {kNorco, {"medication | Norco 10/325 | generic=hydrocodone/acetaminophen drug_class=opioid med_mg_per_day=100", kMedsHelp,
                 kFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"continued: early refills are aberrant behaviour",
       {kNorco, {kTakingNorco, kMedsHelp, kFunction, kPriorUds, "finding | requested early refills | finding_type=behavior"},
        "2016-11-03", "2010-01-01"},
       "not_medically_necessary chronic_pain_2016 analgesia=met functional_improvement=met misuse_monitoring=met "
       "no_aberrant_behaviour=unmet dose_limit=met"},
      {"a request that says continue, ACOEM 2004 era",
       {"medication.opioid | Continue Norco | drug=hydrocodone/acetaminophen course=continued", {kMedsHelp, kFunction, kPriorUds},
        "2008-05-01", "2007-01-01"},
       "medically_necessary acoem_2004 analgesia=met functional_improvement=met misuse_monitoring=met no_aberrant_behaviour=met"},
      {"continued, ACOEM 2017 era, no monitoring",
       {kNorco, {kTakingNorco, kMedsHelp, kFunction}, "2018-03-01", "2015-01-01"},
       "not_medically_necessary acoem_2017 analgesia=met functional_improvement=met misuse_monitoring=not_documented "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"a new opioid for a patient already taking another is judged as continued opioid therapy",
       {kTramadolTrial, {kTakingNorco, "medication/historical | naproxen | generic=naproxen drug_class=nsaid", kPainScore,
                         kAdlBaseline}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 analgesia=not_documented functional_improvement=not_documented "
       "misuse_monitoring=not_documented no_aberrant_behaviour=met dose_limit=met", "medication.opioid.dwc_2016_continued@1"},
      {"initial trial after an NSAID, pain and function assessed (DWC 2016)",
       {kTramadolTrial, {"medication/historical | naproxen | generic=naproxen drug_class=nsaid", kPainScore, kAdlBaseline},
        "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 non_opioid_tried=met pain_assessed=met baseline_function=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial: a work status alone is no baseline of function",
       {kTramadolTrial, {"medication/historical | naproxen | generic=naproxen drug_class=nsaid", kPainScore,
                         "functional_status | modified duty | work_status=modified_duty"}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 non_opioid_tried=met pain_assessed=met baseline_function=not_documented "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial: mild pain (2/10) does not call for an opioid",
       {kTramadolTrial, {"medication/historical | naproxen | generic=naproxen drug_class=nsaid",
                         "finding | pain 2/10 | finding_type=pain_score score=2 score_max=10", kAdlBaseline}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 non_opioid_tried=met pain_assessed=not_documented baseline_function=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial: an SSRI taken for mood is no trial of a non-opioid analgesic",
       {kTramadolTrial, {"medication | sertraline 50 mg | generic=sertraline drug_class=antidepressant", kPainScore, kAdlBaseline},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 non_opioid_tried=not_documented pain_assessed=met baseline_function=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial with nothing tried first, ACOEM 2017 era",
       {kTramadolTrial, {kPainScore}, "2018-03-01", "2017-06-01"},
       "not_medically_necessary acoem_2017 non_opioid_tried=not_documented pain_assessed=met baseline_function=not_documented "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial, ACOEM 2004 era",
       {kTramadolTrial, {"treatment_history | failed NSAIDs | treatment=medication response=no_benefit", kPainScore,
                         "functional_status | difficulty with activities of daily living | adl=limited"}, "2008-05-01", "2008-03-01"},
       "medically_necessary acoem_2004 non_opioid_tried=met pain_assessed=met baseline_function=met no_aberrant_behaviour=met"},
  }), "");
}

TEST(OpioidRules, RationaleQuotesTheRecordAndCitesPages) {
  const Determination d = Decide({"medication.opioid | Norco 10/325 #120 | drug=hydrocodone/acetaminophen quantity=120",
                                  {kTakingNorco, kMedsHelp, kNoFunction, kPriorUds}, "2012-05-01", "2010-01-01"});
  EXPECT_NE(d.rationale.find("The records show no functional improvement on the opioid (page 1: 'no functional improvement')"),
            std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("Opioids, criteria for use, pp. 76-80"), std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("'pain medications with 50% relief'"), std::string::npos) << d.rationale;
}

TEST(NsaidRules, ConditionBenefitDoseSafety) {
  constexpr char kNaproxenNew[] = "medication.nsaid | Naproxen 550mg #60 | drug=naproxen quantity=60 strength=550 unit=mg course=initial";
  constexpr char kNaproxen[] = "medication.nsaid | Naproxen 550mg #60 | drug=naproxen quantity=60 strength=550 unit=mg";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a new NSAID for a lumbar strain",
       {kNaproxenNew, {kLumbarStrain}, "2012-05-01", "2011-06-01"},
       "medically_necessary chronic_pain_2009 pain_condition=met max_dose=met no_contraindication=met"},
      {"a new NSAID for knee osteoarthritis",
       {kNaproxenNew, {"diagnosis | osteoarthritis of the right knee | body_site=knee laterality=right"}, "2016-11-03", "2015-06-01"},
       "medically_necessary chronic_pain_2016 pain_condition=met max_dose=met no_contraindication=met"},
      {"'pain in the right knee' is what every record says: not enough to draft an approval",
       {kNaproxenNew, {"diagnosis | pain in right knee | body_site=knee laterality=right"}, "2012-05-01", "2011-06-01"},
       "insufficient_documentation chronic_pain_2009 pain_condition=met max_dose=met no_contraindication=met"},
      {"kidney disease makes an NSAID unsafe",
       {kNaproxenNew, {kLumbarStrain, "diagnosis | chronic kidney disease stage 3"}, "2012-05-01", "2011-06-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met max_dose=met no_contraindication=unmet"},
      {"2200 mg of naproxen a day is over the labelled maximum",
       {kNaproxenNew, {kLumbarStrain, "medication/hypothetical | naproxen 550 mg four times a day | generic=naproxen drug_class=nsaid daily_dose_mg=2200"},
        "2012-05-01", "2011-06-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met max_dose=unmet no_contraindication=met"},
      {"continued without documented benefit (2016)",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 pain_condition=met pain_relief=not_documented functional_improvement=not_documented "
       "max_dose=met no_contraindication=met"},
      {"continued with measured relief and a named functional gain (2016)",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kMedsHelp, kFunction}, "2016-11-03", "2014-01-01"},
       "medically_necessary chronic_pain_2016 pain_condition=met pain_relief=met functional_improvement=met max_dose=met "
       "no_contraindication=met"},
      {"continued with a functional gain but no measured relief (2012): the guideline asks for both",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kFunction}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met pain_relief=not_documented functional_improvement=met "
       "max_dose=met no_contraindication=met"},
      {"continued: 'medications help' and 'functional improvement' are boilerplate",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kMedsHelpVague, kFunctionVague}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 pain_condition=met pain_relief=not_documented functional_improvement=not_documented "
       "max_dose=met no_contraindication=met"},
      {"nothing documented, ACOEM 2004 era", {kNaproxenNew, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 pain_condition=not_documented continued_benefit=met max_dose=met "
       "no_contraindication=met"},
      {"continued without benefit, ACOEM 2017 era",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kMedsNoHelp}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 pain_condition=met continued_benefit=unmet max_dose=met no_contraindication=met"},
      {"continued on boilerplate, ACOEM 2017 era",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kMedsHelpVague, kFunctionVague}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 pain_condition=met continued_benefit=not_documented max_dose=met no_contraindication=met"},
      {"continued with pain rated with and without it, ACOEM 2017 era",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kPainWithWithout}, "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 pain_condition=met continued_benefit=met max_dose=met no_contraindication=met"},
      {"oral ketorolac for chronic pain",
       {"medication.nsaid | Toradol 10mg #20 | drug=ketorolac quantity=20", {kLumbarStrain}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 acute_pain=unmet five_day_supply=met"},
  }), "");
}

TEST(PpiRules, GastrointestinalRisk) {
  constexpr char kPpi[] = "medication.ppi | Omeprazole 20mg #30 | drug=omeprazole quantity=30";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"an NSAID at age 67",
       {kPpi, {kTakingNaproxen, "age | 67 year old | years=67"}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 nsaid_therapy=met gi_risk=met gi_symptoms=not_documented"},
      {"gastritis is treated whatever the NSAID",
       {kPpi, {"diagnosis | gastritis"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 nsaid_therapy=not_documented gi_risk=not_documented gi_symptoms=met"},
      {"an NSAID at 40 with no GI complaints",
       {kPpi, {kTakingNaproxen, "age | 40 year old | years=40", "finding/absent | no GI upset | finding_type=other"},
        "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 nsaid_therapy=met gi_risk=not_documented gi_symptoms=unmet"},
      {"nothing documented, ACOEM 2004 era", {kPpi, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 nsaid_therapy=not_documented gi_risk=not_documented gi_symptoms=not_documented"},
      {"an NSAID with warfarin, ACOEM 2017 era",
       {kPpi, {kTakingNaproxen, "medication | warfarin 5 mg | generic=warfarin drug_class=other"}, "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 nsaid_therapy=met gi_risk=met gi_symptoms=not_documented"},
      {"an NSAID at exactly 65: the risk factor is age over 65",
       {kPpi, {kTakingNaproxen, "age | 65 year old | years=65"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 nsaid_therapy=met gi_risk=not_documented gi_symptoms=not_documented"},
      {"low-dose aspirin alone is a risk factor, not the NSAID therapy a PPI protects",
       {kPpi, {"medication | aspirin 81 mg daily | generic=aspirin drug_class=nsaid"}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 nsaid_therapy=not_documented gi_risk=met gi_symptoms=not_documented"},
      {"an NSAID with aspirin",
       {kPpi, {kTakingNaproxen, "medication | aspirin 81 mg daily | generic=aspirin drug_class=nsaid"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 nsaid_therapy=met gi_risk=met gi_symptoms=not_documented"},
  }), "");
}

TEST(MuscleRelaxantRules, ShortCourseOnly) {
  constexpr char kFlexeril[] = "medication.muscle_relaxant | Cyclobenzaprine 7.5mg #21 | drug=cyclobenzaprine quantity=21 course=initial";
  constexpr char kSpasm[] = "finding | paraspinal muscle spasm | finding_type=spasm body_site=lumbar_spine";
  constexpr char kRecentInjury[] = "2012-03-15";  // about seven weeks before 2012-05-01
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a short course for spasm weeks after the injury",
       {kFlexeril, {kSpasm}, "2012-05-01", kRecentInjury}, "medically_necessary chronic_pain_2009 spasm_or_flare=met short_supply=met"},
      {"spasm on examination years after the injury is chronic pain, not an acute episode",
       {kFlexeril, {kSpasm}, "2012-05-01", "2009-01-01"},
       "not_medically_necessary chronic_pain_2009 spasm_or_flare=not_documented short_supply=met"},
      {"a 'muscle spasm' diagnosis in a chronic case is no flare either",
       {kFlexeril, {"diagnosis | lumbar muscle spasm | body_site=lumbar_spine"}, "2016-11-03", "2013-01-01"},
       "not_medically_necessary chronic_pain_2016 spasm_or_flare=not_documented short_supply=met"},
      {"a documented flare of chronic back pain",
       {kFlexeril, {kSpasm, "diagnosis | flare-up of chronic low back pain | body_site=lumbar_spine"}, "2016-11-03", "2013-01-01"},
       "medically_necessary chronic_pain_2016 spasm_or_flare=met short_supply=met"},
      {"already taking it: continuation is not supported",
       {"medication.muscle_relaxant | Cyclobenzaprine 7.5mg #60 | drug=cyclobenzaprine quantity=60",
        {kSpasm, "medication | Flexeril | generic=cyclobenzaprine drug_class=muscle_relaxant"}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 short_course=unmet"},
      {"#90 is more than a short course",
       {"medication.muscle_relaxant | Cyclobenzaprine 7.5mg #90 | drug=cyclobenzaprine quantity=90 course=initial", {kSpasm},
        "2012-05-01", kRecentInjury},
       "not_medically_necessary chronic_pain_2009 spasm_or_flare=met short_supply=unmet"},
      {"refills extend the course",
       {"medication.muscle_relaxant | Tizanidine 4mg #30 with 2 refills | drug=tizanidine quantity=30 refills=2 course=initial",
        {kSpasm}, "2016-11-03", "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 spasm_or_flare=met short_supply=unmet"},
      {"carisoprodol is not recommended",
       {"medication.muscle_relaxant | Soma 350mg #30 | drug=carisoprodol quantity=30 course=initial", {kSpasm}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 not_recommended=unmet"},
      {"carisoprodol, ACOEM 2017 era",
       {"medication.muscle_relaxant | Soma 350mg #30 | drug=carisoprodol quantity=30", {}, "2018-03-01", "2017-01-01"},
       "not_medically_necessary acoem_2017 not_recommended=unmet"},
      {"nothing documented, ACOEM 2004 era", {kFlexeril, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 spasm_or_flare=not_documented short_supply=met"},
      {"spasm with no injury date, ACOEM 2004 era: the phase is unknown", {kFlexeril, {kSpasm}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 spasm_or_flare=not_documented short_supply=met"},
      {"an acute flare, ACOEM 2017 era",
       {kFlexeril, {"diagnosis | acute exacerbation of low back pain | body_site=lumbar_spine"}, "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 spasm_or_flare=met short_supply=met"},
  }), "");
}

TEST(TopicalRules, IngredientsSiteAndFirstLine) {
  constexpr char kKneeOa[] = "diagnosis | osteoarthritis of the right knee | body_site=knee laterality=right";
  constexpr char kTriedGabapentin[] = "medication/historical | gabapentin | generic=gabapentin drug_class=anticonvulsant";
  constexpr char kVoltaren[] = "medication.topical | Voltaren gel 1% | drug=diclofenac strength=1 unit=%";
  constexpr char kLidoderm[] = "medication.topical | Lidoderm 5% patch #30 | drug=lidocaine quantity=30";
  constexpr char kTakingLidoderm[] = "medication | Lidoderm patch | generic=lidocaine drug_class=topical";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"diclofenac gel for knee osteoarthritis",
       {kVoltaren, {kKneeOa}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 ingredients_recommended=met joint_amenable=met continued_benefit=met"},
      {"diclofenac gel for the low back",
       {kVoltaren, {kLumbarStrain}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 ingredients_recommended=met joint_amenable=unmet continued_benefit=met"},
      {"diclofenac gel for a knee sprain: the guideline names arthritis and tendinitis, not any knee complaint",
       {kVoltaren, {"diagnosis | sprain of the right knee | body_site=knee laterality=right"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=met joint_amenable=not_documented continued_benefit=met"},
      {"diclofenac gel asked for the back, though the knee has osteoarthritis",
       {"medication.topical | Voltaren gel 1% to the low back | drug=diclofenac strength=1 unit=%", {kKneeOa}, "2018-03-01",
        "2015-01-01"},
       "not_medically_necessary acoem_2017 ingredients_recommended=met joint_amenable=unmet continued_benefit=met"},
      {"one non-recommended ingredient (gabapentin) sinks the compound",
       {"medication.topical | Flurbiprofen 20%/Gabapentin 10% cream | drug=flurbiprofen/gabapentin", {kKneeOa}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=unmet joint_amenable=met continued_benefit=met"},
      {"a topical muscle relaxant in a compound",
       {"medication.topical | Cyclobenzaprine 2%/Lidocaine 5% cream | drug=cyclobenzaprine/lidocaine", {kRadiculopathy, kTriedGabapentin},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=unmet neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"lidocaine ointment is not the patch",
       {"medication.topical | Lidocaine 5% ointment | drug=lidocaine strength=5 unit=%", {kRadiculopathy, kTriedGabapentin},
        "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 ingredients_recommended=unmet neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"a lidocaine patch for radicular pain after gabapentin",
       {kLidoderm, {kRadiculopathy, kTriedGabapentin}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"a lidocaine patch after duloxetine, for decreased sensation on examination",
       {kLidoderm, {"finding | decreased sensation in the L5 dermatome | finding_type=sensation state=decreased level=L5",
                    "medication/historical | Cymbalta | generic=duloxetine drug_class=antidepressant"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"a lidocaine patch: complaints of paresthesias and an SSRI for mood are neither neuropathic pain nor a first-line trial",
       {kLidoderm, {"finding | paresthesias | finding_type=sensation state=paresthesias",
                    "medication | sertraline 50 mg | generic=sertraline drug_class=antidepressant"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=not_documented "
       "first_line_failed=not_documented continued_benefit=met"},
      {"a lidocaine patch already used without benefit",
       {kLidoderm, {kRadiculopathy, kTriedGabapentin, kTakingLidoderm, kMedsNoHelp}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=unmet"},
      {"a lidocaine patch already used: relief without a functional gain (2012)",
       {kLidoderm, {kRadiculopathy, kTriedGabapentin, kTakingLidoderm, kMedsHelp}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=not_documented"},
      {"a lidocaine patch already used: relief and a functional gain (2012)",
       {kLidoderm, {kRadiculopathy, kTriedGabapentin, kTakingLidoderm, kMedsHelp, kFunction}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"capsaicin with nothing documented, ACOEM 2004 era",
       {"medication.topical | Capsaicin 0.025% cream | drug=capsaicin", {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 ingredients_recommended=met neuropathic_pain=not_documented "
       "first_line_failed=not_documented continued_benefit=met"},
      {"an unnamed compound, ACOEM 2017 era",
       {"medication.topical | Compounded cream", {kRadiculopathy}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 ingredients_recommended=not_documented neuropathic_pain=met "
       "first_line_failed=not_documented continued_benefit=met"},
  }), "");
}

TEST(NeuropathicRules, AnticonvulsantsAndAntidepressants) {
  constexpr char kGabaNew[] = "medication.anticonvulsant | Gabapentin 300mg #90 | drug=gabapentin quantity=90 course=initial";
  constexpr char kGaba[] = "medication.anticonvulsant | Gabapentin 300mg #90 | drug=gabapentin quantity=90";
  constexpr char kTakingGaba[] = "medication | Neurontin 300 mg | generic=gabapentin drug_class=anticonvulsant";
  constexpr char kSertraline[] = "medication.antidepressant | Sertraline 50mg #30 | drug=sertraline quantity=30 course=initial";
  constexpr char kDepression[] = "diagnosis | major depressive disorder";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a trial for radiculopathy", {kGabaNew, {kRadiculopathy}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 indication=met"},
      {"a trial for a strain: no neuropathic pain", {kGabaNew, {kLumbarStrain}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=not_documented"},
      {"a trial on complaints of numbness and paresthesias alone: symptoms, not a neuropathic diagnosis or sign",
       {kGabaNew, {kLumbarStrain, "finding | paresthesias | finding_type=sensation state=paresthesias",
                   "finding | numbness and tingling | finding_type=sensation state=numbness"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 indication=not_documented"},
      {"a trial for diminished sensation on examination",
       {kGabaNew, {kLumbarStrain, "finding | diminished sensation in the left L5 dermatome | finding_type=sensation state=diminished "
                                  "level=L5 laterality=left"}, "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 indication=met"},
      {"a trial with a positive straight leg raise",
       {kGabaNew, {kLumbarStrain, "finding | straight leg raise positive on the left | finding_type=slr result=positive"},
        "2018-03-01", "2017-06-01"},
       "medically_necessary acoem_2017 indication=met"},
      {"'non-radicular' low back pain is not radicular pain",
       {kGabaNew, {"diagnosis | non-radicular low back pain | body_site=lumbar_spine"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 indication=not_documented"},
      {"continued with relief and function",
       {kGaba, {kTakingGaba, kRadiculopathy, kMedsHelp, kFunction}, "2016-11-03", "2014-01-01"},
       "medically_necessary chronic_pain_2016 indication=met pain_relief=met functional_improvement=met"},
      {"continued on 'it helps' and 'functional improvement': neither is measured",
       {kGaba, {kTakingGaba, kRadiculopathy, kMedsHelpVague, kFunctionVague}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 indication=met pain_relief=not_documented functional_improvement=not_documented"},
      {"continued with 20% relief: less than a moderate response",
       {kGaba, {kTakingGaba, kRadiculopathy, kFunction,
                "treatment_history | medications with 20% relief | treatment=medication relief_percent=20 response=partial"},
        "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 indication=met pain_relief=unmet functional_improvement=met"},
      {"continued although it has not helped",
       {kGaba, {kTakingGaba, kRadiculopathy, kMedsNoHelp}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=met pain_relief=unmet functional_improvement=unmet"},
      {"duloxetine for depression, ACOEM 2017 era",
       {"medication.antidepressant | Cymbalta 60mg #30 | drug=duloxetine quantity=30 course=initial", {kDepression}, "2018-03-01",
        "2016-01-01"},
       "medically_necessary acoem_2017 indication=met"},
      {"an SSRI is for depression, not for radicular pain", {kSertraline, {kRadiculopathy}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=not_documented"},
      {"an SSRI for depression", {kSertraline, {kRadiculopathy, kDepression}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 indication=met"},
      {"pregabalin is no treatment for depression, ACOEM 2004 era",
       {"medication.anticonvulsant | Lyrica 75mg #60 | drug=pregabalin quantity=60 course=initial", {kDepression}, "2008-05-01",
        "2007-01-01"},
       "not_medically_necessary acoem_2004 indication=not_documented continued_benefit=met"},
      {"continued on boilerplate, ACOEM 2004 era",
       {"medication.anticonvulsant | Lyrica 75mg #60 | drug=pregabalin quantity=60",
        {"medication | Lyrica | generic=pregabalin drug_class=anticonvulsant", kRadiculopathy, kMedsHelpVague, kFunctionVague},
        "2008-05-01", "2007-01-01"},
       "not_medically_necessary acoem_2004 indication=met continued_benefit=not_documented"},
  }), "");
}

TEST(SleepAidRules, ShortTermAfterEvaluation) {
  constexpr char kAmbien[] = "medication.sleep_aid | Ambien 10mg #30 | drug=zolpidem quantity=30 course=initial";
  constexpr char kInsomnia[] = "diagnosis | insomnia";
  constexpr char kHygiene[] = "treatment_history | sleep hygiene measures tried | treatment=other response=unknown";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"insomnia evaluated, a month's supply", {kAmbien, {kInsomnia, kHygiene}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 insomnia=met insomnia_evaluated=met short_supply=met"},
      {"already taking zolpidem",
       {"medication.sleep_aid | Ambien 10mg #30 | drug=zolpidem quantity=30",
        {kInsomnia, "medication | Ambien | generic=zolpidem drug_class=sleep_aid"}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 short_term_only=unmet"},
      {"two months of tablets",
       {"medication.sleep_aid | Ambien 10mg #60 | drug=zolpidem quantity=60 course=initial", {kInsomnia, kHygiene}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 insomnia=met insomnia_evaluated=met short_supply=unmet"},
      {"nothing documented, ACOEM 2004 era", {kAmbien, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 insomnia=not_documented insomnia_evaluated=not_documented short_supply=met"},
      {"sleep disturbance without evaluation, ACOEM 2017 era",
       {kAmbien, {"functional_status | difficulty sleeping | activity=sleeping adl=limited"}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 insomnia=met insomnia_evaluated=not_documented short_supply=met"},
  }), "");
}

TEST(BenzodiazepineRules, ShortTermAndNotWithOpioids) {
  constexpr char kXanax[] = "medication.benzodiazepine | Alprazolam 0.5mg #30 | drug=alprazolam quantity=30 course=initial";
  constexpr char kAnxiety[] = "diagnosis | anxiety disorder";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a short course for anxiety", {kXanax, {kAnxiety}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 indication=met short_supply=met"},
      {"already taking it",
       {"medication.benzodiazepine | Alprazolam 0.5mg #30 | drug=alprazolam quantity=30",
        {kAnxiety, "medication | Xanax | generic=alprazolam drug_class=benzodiazepine"}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 short_term_only=unmet"},
      {"three months of tablets, ACOEM 2004 era",
       {"medication.benzodiazepine | Diazepam 5mg #90 | drug=diazepam quantity=90 course=initial", {kAnxiety}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 indication=met short_supply=unmet"},
      {"nothing documented", {kXanax, {}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=not_documented short_supply=met"},
      {"with an opioid, ACOEM 2017 era", {kXanax, {kAnxiety, kTakingNorco}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 indication=met short_supply=met no_concurrent_opioid=unmet"},
      {"chronic paraspinal spasm and 'difficulty sleeping' are no acute condition a benzodiazepine treats",
       {kXanax, {"finding | paraspinal muscle spasm | finding_type=spasm body_site=lumbar_spine",
                 "functional_status | difficulty sleeping | activity=sleeping adl=limited"}, "2012-05-01", "2009-01-01"},
       "not_medically_necessary chronic_pain_2009 indication=not_documented short_supply=met"},
      {"diagnosed insomnia", {kXanax, {"diagnosis | insomnia due to pain"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 indication=met short_supply=met"},
  }), "");
}

TEST(MedicalFoodRules, NotRecommendedInAnyEra) {
  constexpr char kTheramine[] = "medication.medical_food | Theramine #90 | drug=theramine quantity=90";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"ACOEM 2004 era", {kTheramine, {kLumbarStrain}, "2008-05-01", ""}, "not_medically_necessary acoem_2004 not_recommended=unmet"},
      {"CPMTG 2009 era", {kTheramine, {kLumbarStrain}, "2012-05-01", ""}, "not_medically_necessary chronic_pain_2009 not_recommended=unmet"},
      {"CPMTG 2016 era", {kTheramine, {}, "2016-11-03", ""}, "not_medically_necessary chronic_pain_2016 not_recommended=unmet"},
      {"ACOEM 2017 era", {kTheramine, {}, "2018-03-01", ""}, "not_medically_necessary acoem_2017 not_recommended=unmet"},
  }), "");
}

TEST(OtherMedicationRules, ByDrug) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a stool softener with an opioid",
       {"medication.other | Colace 100mg #60 | drug=docusate quantity=60", {kTakingNorco}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 opioid_therapy=met"},
      {"a stool softener without an opioid",
       {"medication.other | Colace 100mg #60 | drug=docusate quantity=60", {kTakingNaproxen}, "2016-11-03", "2010-01-01"},
       "not_medically_necessary chronic_pain_2016 opioid_therapy=not_documented"},
      {"ondansetron for nausea on opioids, ACOEM 2017 era",
       {"medication.other | Ondansetron 8mg #30 | drug=ondansetron quantity=30", {kTakingNorco}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 indicated_nausea=not_documented"},
      // The rule asks for erectile dysfunction diagnosed and evaluated; a
      // diagnosis line alone is no evaluation (CHANGES.md, fold 1).
      {"sildenafil for erectile dysfunction diagnosed and evaluated, ACOEM 2004 era",
       {"medication.other | Viagra 50mg #10 | drug=sildenafil quantity=10",
        {"diagnosis | erectile dysfunction", "finding | testosterone level low normal | finding_type=lab"}, "2008-05-01", ""},
       "medically_necessary acoem_2004 diagnosis=met evaluation=met"},
      {"sildenafil on a diagnosis line alone",
       {"medication.other | Viagra 50mg #10 | drug=sildenafil quantity=10", {"diagnosis | male erectile disorder"},
        "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 diagnosis=met evaluation=not_documented"},
      {"oral steroids for chronic radicular pain",
       {"medication.other | Medrol dose pack | drug=methylprednisolone", {kRadiculopathy}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 radicular_pain=met acute=unmet"},
      {"acetaminophen for osteoarthritis",
       {"medication.other | Acetaminophen 500mg #100 | drug=acetaminophen quantity=100",
        {"diagnosis | osteoarthritis of the left knee | body_site=knee laterality=left"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 pain_condition=met no_liver_disease=met"},
      {"acetaminophen on a diagnosis of 'chronic pain' alone: what every record has",
       {"medication.other | Acetaminophen 500mg #100 | drug=acetaminophen quantity=100", {"diagnosis | chronic pain syndrome"},
        "2016-11-03", "2015-01-01"},
       "insufficient_documentation chronic_pain_2016 pain_condition=met no_liver_disease=met"},
      {"acetaminophen with liver disease",
       {"medication.other | Acetaminophen 500mg #100 | drug=acetaminophen quantity=100", {kLumbarStrain, "diagnosis | hepatitis C"},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met no_liver_disease=unmet"},
      {"a drug no guideline addresses",
       {"medication.other | Vitamin D 50000 IU | drug=vitamin~D", {kLumbarStrain}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 indication=met continued_benefit=met evidence_basis=not_documented"},
  }), "");
}

TEST(UrineDrugTestingRules, ControlledDrugAndFrequency) {
  constexpr char kUdt[] = "testing.urine_drug | Urine drug screen";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"on an opioid, no earlier screen", {kUdt, {kTakingNorco}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 controlled_substance=met frequency_by_risk=met"},
      {"no controlled drug to monitor", {kUdt, {kTakingNaproxen}, "2016-11-03", "2010-01-01"},
       "not_medically_necessary chronic_pain_2016 controlled_substance=not_documented frequency_by_risk=met"},
      {"an earlier screen and no risk, ACOEM 2017 era", {kUdt, {kTakingNorco, kPriorUds}, "2018-03-01", "2015-01-01"},
       "not_medically_necessary acoem_2017 controlled_substance=met frequency_by_risk=unmet"},
      {"an earlier screen but aberrant behaviour, ACOEM 2004 era",
       {kUdt, {kTakingNorco, kPriorUds, "finding | inconsistent urine drug screen result | finding_type=other"}, "2008-05-01", ""},
       "medically_necessary acoem_2004 controlled_substance=met frequency_by_risk=met"},
      {"quantitative testing without an unexpected screen",
       {"testing.urine_drug | Quantitative urine drug testing by LC/MS", {kTakingNorco}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 controlled_substance=met unexpected_screen=not_documented"},
      {"a benzodiazepine is a controlled drug too",
       {kUdt, {"medication | clonazepam | generic=clonazepam drug_class=benzodiazepine"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 controlled_substance=met frequency_by_risk=met"},
      {"an opioid taken in the past is no current therapy to monitor",
       {kUdt, {"medication/historical | Norco | generic=hydrocodone/acetaminophen drug_class=opioid"}, "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 controlled_substance=not_documented frequency_by_risk=met"},
      {"an earlier screen: 'reduced dependence on opioids' is a functional gain, not a risk that supports retesting",
       {kUdt, {kTakingNorco, kPriorUds, "functional_status | reduced dependence on opioids | functional_improvement=documented"},
        "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 controlled_substance=met frequency_by_risk=unmet"},
      {"an earlier screen and a documented high risk of misuse",
       {kUdt, {kTakingNorco, kPriorUds, "finding | high risk on the opioid risk tool | finding_type=other"}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 controlled_substance=met frequency_by_risk=met"},
      {"confirmatory testing: 'positive for' on examination is no unexpected screen",
       {"testing.urine_drug | Confirmatory urine drug testing by LC/MS", {kTakingNorco,
        "finding | Spurling test positive for radicular pain | finding_type=special_test test=spurling result=positive"},
        "2012-05-01", "2010-01-01"},
       "not_medically_necessary chronic_pain_2009 controlled_substance=met unexpected_screen=not_documented"},
      {"confirmatory testing after an inconsistent screen",
       {"testing.urine_drug | Confirmatory urine drug testing by LC/MS", {kTakingNorco,
        "procedure/historical | urine drug screen inconsistent with prescribed medications | procedure=urine_drug_screen"},
        "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 controlled_substance=met unexpected_screen=met"},
  }), "");
}

}  // namespace
}  // namespace imr

namespace imr {
namespace {

TEST(CompoundedOralForms, NeedAReasonTheTabletWillNotDo) {
  constexpr char kSuspension[] =
      "medication.anticonvulsant | Fanatrex 25mg/ml oral suspension 420ml | drug=gabapentin strength=25 unit=mg/ml";
  const std::vector<testing::RuleRow> rows = {
      {"a gabapentin suspension with neuropathic pain but no reason for the liquid",
       {kSuspension, {"diagnosis | lumbar radiculopathy | body_site=lumbar_spine"}, "2017-01-10", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 formulation=unmet"},
      {"the same for a patient who cannot swallow tablets",
       {kSuspension, {"diagnosis | dysphagia after cervical fusion"}, "2018-03-01", "2016-06-01"},
       "medically_necessary acoem_2017 formulation=met"},
  };
  EXPECT_EQ(testing::MismatchedRuleRows(rows), "");
  // The formulary governs from 1/1/2018 only: earlier eras cite the chronic
  // pain guidelines, the acoem_2017 era cites the formulary.
  const Determination before = Decide(rows[0].c);
  EXPECT_EQ(before.rationale.find("MTUS Drug Formulary"), std::string::npos) << before.rationale;
  EXPECT_NE(before.rationale.find("Topical analgesics (compounded products), pp. 111-113"), std::string::npos)
      << before.rationale;
  const Determination after = Decide(rows[1].c);
  EXPECT_NE(after.rationale.find("MTUS Drug Formulary"), std::string::npos) << after.rationale;
}

}  // namespace
}  // namespace imr
