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

// Facts shared by several sets.
constexpr char kMedsHelp[] = "treatment_history | medications help with 50% relief | treatment=medication response=improved";
constexpr char kMedsNoHelp[] = "treatment_history | medications did not help | treatment=medication response=no_benefit";
constexpr char kFunction[] = "functional_status | able to walk longer and do chores | functional_improvement=documented";
constexpr char kNoFunction[] = "functional_status/absent | no functional improvement | functional_improvement=documented";
constexpr char kPriorUds[] = "procedure/historical | urine drug screen | procedure=urine_drug_screen procedure_group=testing";
constexpr char kTakingNorco[] = "medication | Norco 10/325 mg | generic=hydrocodone/acetaminophen drug_class=opioid";
constexpr char kTakingNaproxen[] = "medication | naproxen 550 mg | generic=naproxen drug_class=nsaid";
constexpr char kLumbarStrain[] = "diagnosis | lumbar strain | body_site=lumbar_spine";
constexpr char kRadiculopathy[] = "diagnosis | lumbar radiculopathy | body_site=lumbar_spine";
constexpr char kPainScore[] = "finding | pain 7/10 | finding_type=pain_score score=7 score_max=10";

TEST(OpioidRules, FourAsAndDose) {
  constexpr char kNorco[] = "medication.opioid | Norco 10/325 #120 | drug=hydrocodone/acetaminophen quantity=120 strength=10/325";
  constexpr char kTramadolTrial[] = "medication.opioid | Tramadol 50mg #60 trial | drug=tramadol quantity=60 strength=50 course=initial";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"continued: relief, function and a drug screen documented",
       {kNorco, {kTakingNorco, kMedsHelp, kFunction, kPriorUds}, "2012-05-01", "2010-01-01"},
       "medically_necessary chronic_pain_2009 analgesia=met functional_improvement=met misuse_monitoring=met "
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
      {"initial trial after an NSAID, pain and function assessed (DWC 2016)",
       {kTramadolTrial, {"medication/historical | naproxen | generic=naproxen drug_class=nsaid", kPainScore,
                         "functional_status | modified duty | work_status=modified_duty"}, "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 non_opioid_tried=met pain_assessed=met baseline_function=met "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial with nothing tried first, ACOEM 2017 era",
       {kTramadolTrial, {kPainScore}, "2018-03-01", "2017-06-01"},
       "not_medically_necessary acoem_2017 non_opioid_tried=not_documented pain_assessed=met baseline_function=not_documented "
       "no_aberrant_behaviour=met dose_limit=met"},
      {"initial trial, ACOEM 2004 era",
       {kTramadolTrial, {"treatment_history | failed NSAIDs | treatment=medication response=no_benefit", kPainScore,
                         "functional_status | off work | work_status=off_work"}, "2008-05-01", "2008-03-01"},
       "medically_necessary acoem_2004 non_opioid_tried=met pain_assessed=met baseline_function=met no_aberrant_behaviour=met"},
  }), "");
}

TEST(OpioidRules, RationaleQuotesTheRecordAndCitesPages) {
  const Determination d = Decide({"medication.opioid | Norco 10/325 #120 | drug=hydrocodone/acetaminophen quantity=120",
                                  {kTakingNorco, kMedsHelp, kNoFunction, kPriorUds}, "2012-05-01", "2010-01-01"});
  EXPECT_NE(d.rationale.find("The records show no functional improvement on the opioid (page 1: 'no functional improvement')"),
            std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("Opioids, criteria for use, pp. 76-80"), std::string::npos) << d.rationale;
  EXPECT_NE(d.rationale.find("'medications help with 50% relief'"), std::string::npos) << d.rationale;
}

TEST(NsaidRules, ConditionBenefitDoseSafety) {
  constexpr char kNaproxenNew[] = "medication.nsaid | Naproxen 550mg #60 | drug=naproxen quantity=60 strength=550 unit=mg course=initial";
  constexpr char kNaproxen[] = "medication.nsaid | Naproxen 550mg #60 | drug=naproxen quantity=60 strength=550 unit=mg";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a new NSAID for a lumbar strain",
       {kNaproxenNew, {kLumbarStrain}, "2012-05-01", "2011-06-01"},
       "medically_necessary chronic_pain_2009 pain_condition=met max_dose=met no_contraindication=met"},
      {"kidney disease makes an NSAID unsafe",
       {kNaproxenNew, {kLumbarStrain, "diagnosis | chronic kidney disease stage 3"}, "2012-05-01", "2011-06-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met max_dose=met no_contraindication=unmet"},
      {"2200 mg of naproxen a day is over the labelled maximum",
       {kNaproxenNew, {kLumbarStrain, "medication/hypothetical | naproxen 550 mg four times a day | generic=naproxen drug_class=nsaid daily_dose_mg=2200"},
        "2012-05-01", "2011-06-01"},
       "not_medically_necessary chronic_pain_2009 pain_condition=met max_dose=unmet no_contraindication=met"},
      {"continued without documented benefit (2016)",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 pain_condition=met documented_benefit=not_documented max_dose=met "
       "no_contraindication=met"},
      {"continued with functional improvement (2016)",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kFunction}, "2016-11-03", "2014-01-01"},
       "medically_necessary chronic_pain_2016 pain_condition=met documented_benefit=met max_dose=met no_contraindication=met"},
      {"nothing documented, ACOEM 2004 era", {kNaproxenNew, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 pain_condition=not_documented continued_benefit=met max_dose=met "
       "no_contraindication=met"},
      {"continued without benefit, ACOEM 2017 era",
       {kNaproxen, {kTakingNaproxen, kLumbarStrain, kMedsNoHelp}, "2018-03-01", "2016-01-01"},
       "not_medically_necessary acoem_2017 pain_condition=met continued_benefit=unmet max_dose=met no_contraindication=met"},
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
  }), "");
}

TEST(MuscleRelaxantRules, ShortCourseOnly) {
  constexpr char kFlexeril[] = "medication.muscle_relaxant | Cyclobenzaprine 7.5mg #21 | drug=cyclobenzaprine quantity=21 course=initial";
  constexpr char kSpasm[] = "finding | paraspinal muscle spasm | finding_type=spasm body_site=lumbar_spine";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a short course for spasm",
       {kFlexeril, {kSpasm}, "2012-05-01", "2011-01-01"}, "medically_necessary chronic_pain_2009 spasm_or_flare=met short_supply=met"},
      {"already taking it: continuation is not supported",
       {"medication.muscle_relaxant | Cyclobenzaprine 7.5mg #60 | drug=cyclobenzaprine quantity=60",
        {kSpasm, "medication | Flexeril | generic=cyclobenzaprine drug_class=muscle_relaxant"}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 short_course=unmet"},
      {"#90 is more than a short course",
       {"medication.muscle_relaxant | Cyclobenzaprine 7.5mg #90 | drug=cyclobenzaprine quantity=90 course=initial", {kSpasm},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 spasm_or_flare=met short_supply=unmet"},
      {"refills extend the course",
       {"medication.muscle_relaxant | Tizanidine 4mg #30 with 2 refills | drug=tizanidine quantity=30 refills=2 course=initial",
        {kSpasm}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 spasm_or_flare=met short_supply=unmet"},
      {"carisoprodol is not recommended",
       {"medication.muscle_relaxant | Soma 350mg #30 | drug=carisoprodol quantity=30 course=initial", {kSpasm}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 not_recommended=unmet"},
      {"carisoprodol, ACOEM 2017 era",
       {"medication.muscle_relaxant | Soma 350mg #30 | drug=carisoprodol quantity=30", {}, "2018-03-01", "2017-01-01"},
       "not_medically_necessary acoem_2017 not_recommended=unmet"},
      {"nothing documented, ACOEM 2004 era", {kFlexeril, {}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 spasm_or_flare=not_documented short_supply=met"},
      {"an acute flare, ACOEM 2017 era",
       {kFlexeril, {"diagnosis | acute exacerbation of low back pain | body_site=lumbar_spine"}, "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 spasm_or_flare=met short_supply=met"},
  }), "");
}

TEST(TopicalRules, IngredientsSiteAndFirstLine) {
  constexpr char kKneeOa[] = "diagnosis | osteoarthritis of the right knee | body_site=knee laterality=right";
  constexpr char kTriedGabapentin[] = "medication/historical | gabapentin | generic=gabapentin drug_class=anticonvulsant";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"diclofenac gel for knee osteoarthritis",
       {"medication.topical | Voltaren gel 1% | drug=diclofenac strength=1 unit=%", {kKneeOa}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 ingredients_recommended=met joint_amenable=met continued_benefit=met"},
      {"diclofenac gel for the low back",
       {"medication.topical | Voltaren gel 1% | drug=diclofenac strength=1 unit=%", {kLumbarStrain}, "2016-11-03", "2015-01-01"},
       "not_medically_necessary chronic_pain_2016 ingredients_recommended=met joint_amenable=unmet continued_benefit=met"},
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
       {"medication.topical | Lidoderm 5% patch #30 | drug=lidocaine quantity=30", {kRadiculopathy, kTriedGabapentin}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=met"},
      {"a lidocaine patch already used without benefit",
       {"medication.topical | Lidoderm 5% patch #30 | drug=lidocaine quantity=30",
        {kRadiculopathy, kTriedGabapentin, "medication | Lidoderm patch | generic=lidocaine drug_class=topical", kMedsNoHelp},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 ingredients_recommended=met neuropathic_pain=met first_line_failed=met "
       "continued_benefit=unmet"},
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
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a trial for radiculopathy", {kGabaNew, {kRadiculopathy}, "2012-05-01", "2011-01-01"},
       "medically_necessary chronic_pain_2009 indication=met"},
      {"a trial for a strain: no neuropathic pain", {kGabaNew, {kLumbarStrain}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=not_documented"},
      {"continued with relief and function",
       {kGaba, {kTakingGaba, kRadiculopathy, kMedsHelp, kFunction}, "2016-11-03", "2014-01-01"},
       "medically_necessary chronic_pain_2016 indication=met pain_relief=met functional_improvement=met"},
      {"continued although it has not helped",
       {kGaba, {kTakingGaba, kRadiculopathy, kMedsNoHelp}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 indication=met pain_relief=unmet functional_improvement=unmet"},
      {"duloxetine for depression, ACOEM 2017 era",
       {"medication.antidepressant | Cymbalta 60mg #30 | drug=duloxetine quantity=30 course=initial",
        {"diagnosis | major depressive disorder"}, "2018-03-01", "2016-01-01"},
       "medically_necessary acoem_2017 indication=met"},
      {"pregabalin is no treatment for depression, ACOEM 2004 era",
       {"medication.anticonvulsant | Lyrica 75mg #60 | drug=pregabalin quantity=60 course=initial",
        {"diagnosis | major depressive disorder"}, "2008-05-01", "2007-01-01"},
       "not_medically_necessary acoem_2004 indication=not_documented continued_benefit=met"},
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
      {"sildenafil for documented erectile dysfunction, ACOEM 2004 era",
       {"medication.other | Viagra 50mg #10 | drug=sildenafil quantity=10", {"diagnosis | erectile dysfunction"}, "2008-05-01", ""},
       "medically_necessary acoem_2004 diagnosis=met"},
      {"oral steroids for chronic radicular pain",
       {"medication.other | Medrol dose pack | drug=methylprednisolone", {kRadiculopathy}, "2016-11-03", "2014-01-01"},
       "not_medically_necessary chronic_pain_2016 radicular_pain=met acute=unmet"},
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
