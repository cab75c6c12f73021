// Rule sets for therapy requests: physical/occupational therapy (with
// postoperative therapy, passive modalities and other devices), aquatic
// therapy, massage, chiropractic, acupuncture and psychological treatment.
// Each row is one case written with decide_testing.h and the determination
// it must get, described as "outcome era criterion=status ...".
#include <gtest/gtest.h>

#include "decide/decide_testing.h"

namespace imr {
namespace {

using testing::Decide;
using testing::Describe;
using testing::RuleCase;

using Row = testing::RuleRow;

constexpr const char* k2004 = testing::kEraAcoem2004;
constexpr const char* k2009 = testing::kEraChronicPain2009;
constexpr const char* k2016 = testing::kEraChronicPain2016;
constexpr const char* k2017 = testing::kEraAcoem2017;
constexpr const char* kInjury = testing::kLongAgoInjury;

const std::string kLumbarDx = "diagnosis | lumbar sprain | body_site=lumbar_spine";
const std::string kLumbarRom = "finding | lumbar flexion limited to 40 degrees | finding_type=rom degrees=40 body_site=lumbar_spine";
const std::string kImproved = "functional_status | returned to full duty | work_status=full_duty";
const std::string kNoImprovement =
    "functional_status | no objective functional improvement was documented | functional_improvement=not_documented";

// ---------------------------------------------------------------- physical
const std::string kPt = "therapy.physical | Physical therapy 2x3 lumbar | visits=6 frequency_per_week=2 weeks=3 body_site=lumbar_spine";
const std::string kPtInitialMet = " diagnosis=met objective_deficit=met quantity=met";

TEST(TherapyRulesTest, PhysicalTherapy) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"initial course, documented: met (chronic_pain_2016)",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kPtInitialMet, "therapy.physical.initial_cpmtg@1",
       "A diagnosis at the requested body part is documented (page 1: 'lumbar sprain')."},
      {"era acoem_2004 has its own rule, citing ACOEM 2004 and ODG",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kPtInitialMet, "therapy.physical.initial_acoem2004@1",
       "Guidelines (MTUS ACOEM Practice Guidelines, 2nd ed. (2004), body-part chapters"},
      {"era chronic_pain_2009",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kPtInitialMet, "therapy.physical.initial_cpmtg@1",
       "Physical Medicine, pp. 98-99"},
      {"era acoem_2017 uses the ACOEM rule",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kPtInitialMet, "therapy.physical.initial_acoem2017@1",
       "MTUS ACOEM Chronic Pain Guideline (2017)"},
      {"nothing documented: not necessary (burden on the requester)",
       {.request = kPt, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_deficit=not_documented quantity=met", "",
       "No diagnosis at the requested body part was documented."},
      {"12 visits go beyond the course of about 10",
       {.request = "therapy.physical | Physical therapy 2x6 | visits=12 frequency_per_week=2 weeks=6 body_site=lumbar_spine",
        .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met objective_deficit=met quantity=unmet", "",
       "The request asks for more than the guideline's course of about 10 visits"},
      {"no visit count: quantity not documented",
       {.request = "therapy.physical | Physical therapy for the low back | body_site=lumbar_spine",
        .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met objective_deficit=met quantity=not_documented"},
      {"an evaluation needs no count",
       {.request = "therapy.physical | Physical therapy evaluation | body_site=lumbar_spine",
        .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kPtInitialMet},
      {"a diagnosis of another region does not count",
       {.request = kPt, .facts = {"diagnosis | knee sprain | body_site=knee", kLumbarRom}, .request_date = k2016,
        .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_deficit=met quantity=met"},
      {"occupational therapy uses the same set",
       {.request = "therapy.occupational | Occupational therapy 6 visits for the hand | visits=6 body_site=hand",
        .facts = {"diagnosis | hand contusion | body_site=hand", "finding | grip weakness 4/5 | finding_type=motor grade=4/5 body_site=hand"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kPtInitialMet, "therapy.physical.initial_cpmtg@1"},
      // The burden of proof: a deficit with no body part of its own may be at
      // the hand or anywhere; the record has not shown it is at the hand.
      {"a deficit whose body part is not written is not shown at the requested part",
       {.request = "therapy.occupational | Occupational therapy 6 visits for the hand | visits=6 body_site=hand",
        .facts = {"diagnosis | hand contusion | body_site=hand", "finding | weakness 4/5 | finding_type=motor grade=4/5"},
        .request_date = k2016, .injury_date = kInjury},
       "insufficient_documentation chronic_pain_2016" + kPtInitialMet, "",
       "The records support objective deficits the therapy can address (limited motion or strength, abnormal gait, "
       "limited daily activities or work) only by inference (the body part is not written with it"},
  }), "");
}

TEST(TherapyRulesTest, PhysicalTherapyContinued) {
  const std::string kAdditional =
      "therapy.physical | Additional physical therapy 2x3 lumbar | visits=6 frequency_per_week=2 weeks=3 "
      "body_site=lumbar_spine course=continued";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"continued after 4 visits with functional improvement: met",
       {.request = kAdditional,
        .facts = {kLumbarDx, "treatment_history/historical | 4 sessions of physical therapy helped | treatment=physical_therapy count=4 response=improved", kImproved},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=met course_total=met quantity=met not_maintenance=met",
       "therapy.physical.continued_cpmtg@1",
       "(page 1: 'returned to full duty'; page 1: '4 sessions of physical therapy helped')"},
      {"unmet: the record says there was no functional improvement",
       {.request = kAdditional, .facts = {kLumbarDx, kNoImprovement}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=unmet course_total=met quantity=met not_maintenance=met",
       "", "The records show no functional improvement from the prior course of therapy (page 1: 'no objective"},
      {"not documented: continued without any word on improvement",
       {.request = kAdditional, .facts = {kLumbarDx}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=not_documented course_total=met quantity=met not_maintenance=met"},
      {"8 visits done plus 6 asked go beyond the total of about 10",
       {.request = kAdditional,
        .facts = {kLumbarDx, "treatment_history/historical | had 8 physical therapy visits | treatment=physical_therapy count=8 response=improved"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=met course_total=unmet quantity=met not_maintenance=met",
       "", "go beyond the total of about 10 visits (page 1: 'had 8 physical therapy visits')"},
      {"prior therapy in the record makes a plain request a continued one",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom, "treatment_history/historical | prior physical therapy | treatment=physical_therapy response=unknown"},
        .request_date = k2009, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2009 diagnosis=met functional_improvement=not_documented course_total=met quantity=met not_maintenance=met",
       "therapy.physical.continued_cpmtg@1"},
      {"a request that calls itself initial keeps the initial rule",
       {.request = kPt + " course=initial", .facts = {kLumbarDx, kLumbarRom, "treatment_history/historical | prior physical therapy | treatment=physical_therapy"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kPtInitialMet, "therapy.physical.initial_cpmtg@1"},
      {"a present session count that is not the request's own marks a course under way",
       {.request = "therapy.physical | 2 sessions of physical therapy | visits=2 body_site=lumbar_spine",
        .facts = {kLumbarDx, kLumbarRom, "procedure | physical therapy sessions | procedure=physical_therapy count=12"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=not_documented course_total=met quantity=met not_maintenance=met",
       "therapy.physical.continued_cpmtg@1"},
      {"the request echoed in the summary is not prior therapy",
       {.request = kPt, .facts = {kLumbarDx, kLumbarRom, "procedure | physical therapy 2x3 | procedure=physical_therapy count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kPtInitialMet, "therapy.physical.initial_cpmtg@1"},
      {"maintenance care is not supported",
       {.request = "therapy.physical | Maintenance physical therapy once a month | visits=3 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, kImproved}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=met course_total=met quantity=met not_maintenance=unmet",
       "", "The request is for maintenance or as-needed care"},
      {"acoem_2017 continued: 20 done plus 6 asked pass the statutory 24",
       {.request = kAdditional,
        .facts = {kLumbarDx, kImproved, "treatment_history/historical | 20 physical therapy visits | treatment=physical_therapy count=20"},
        .request_date = k2017, .injury_date = kInjury},
       "not_medically_necessary acoem_2017 diagnosis=met functional_improvement=met course_total=unmet quantity=met not_maintenance=met",
       "therapy.physical.continued_acoem2017@1"},
  }), "");
}

TEST(TherapyRulesTest, PostoperativeTherapy) {
  const std::string kMeniscectomy =
      "procedure/historical | right knee arthroscopic partial meniscectomy | procedure=meniscectomy procedure_group=surgery body_site=knee";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"post-op after meniscectomy: 6 visits are half the general course",
       {.request = "therapy.physical | Post-op physical therapy right knee 2x3 | visits=6 body_site=knee",
        .facts = {kMeniscectomy}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 surgery=met quantity=met", "therapy.physical.postop_initial@1",
       "8 CCR, section 9792.24.3, Postsurgical Treatment Guidelines"},
      {"post-op after meniscectomy: 12 visits go beyond the initial course",
       {.request = "therapy.physical | Post-op physical therapy right knee 2x6 | visits=12 body_site=knee",
        .facts = {kMeniscectomy}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 surgery=met quantity=unmet", "therapy.physical.postop_initial@1"},
      {"surgery at the requested site makes it post-op without the words (acoem_2017)",
       {.request = "therapy.physical | Physical therapy right shoulder 2x6 | visits=12 body_site=shoulder",
        .facts = {"procedure/historical | rotator cuff repair | procedure=rotator_cuff_repair procedure_group=surgery body_site=shoulder"},
        .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 surgery=met quantity=met", "therapy.physical.postop_initial@1"},
      {"a planned surgery does not start a postsurgical course",
       {.request = "therapy.physical | Post-operative physical therapy 12 sessions | visits=12 body_site=shoulder",
        .facts = {"procedure/hypothetical | shoulder arthroscopy | procedure=arthroscopy procedure_group=surgery body_site=shoulder"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 surgery=not_documented quantity=unmet", "therapy.physical.postop_initial@1"},
      {"continued post-op within the general course, with improvement",
       {.request = "therapy.physical | Additional post-op physical therapy 2x3 | visits=6 body_site=knee course=continued",
        .facts = {kMeniscectomy, kImproved}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 surgery=met functional_improvement=met quantity=met",
       "therapy.physical.postop_continued@1"},
      {"continued post-op beyond the general course (acoem_2004)",
       {.request = "therapy.physical | Additional post-op physical therapy 3x6 | visits=18 body_site=knee course=continued",
        .facts = {kMeniscectomy, kImproved}, .request_date = k2004, .injury_date = kInjury},
       "not_medically_necessary acoem_2004 surgery=met functional_improvement=met quantity=unmet",
       "therapy.physical.postop_continued_acoem2004@1", "Physical therapy guidelines: postsurgical treatment"},
  }), "");
}

TEST(TherapyRulesTest, ModalitiesAndDevices) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"low-level laser is not supported whatever the record",
       {.request = "therapy.other | Low level laser therapy x6 | visits=6 body_site=lumbar_spine",
        .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 supported_use=unmet", "therapy.physical.unsupported_modality@1",
       "The guidelines do not support this modality"},
      {"shock wave therapy for calcific tendinitis of the shoulder",
       {.request = "therapy.other | ESWT right shoulder x3 | visits=3 body_site=shoulder",
        .facts = {"diagnosis | calcific tendinitis right shoulder | body_site=shoulder"}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 supported_use=met", "therapy.physical.unsupported_modality@1"},
      {"shock wave therapy without calcific tendinitis: not documented",
       {.request = "therapy.other | ESWT right elbow x3 | visits=3 body_site=elbow",
        .facts = {"diagnosis | lateral epicondylitis | body_site=elbow"}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 supported_use=not_documented"},
      {"passive modality weeks after the acute phase, too many visits",
       {.request = "therapy.physical | Ultrasound 1 times 8 | visits=8 frequency_per_week=1 weeks=8",
        .facts = {"procedure | physical therapy | procedure=physical_therapy"}, .request_date = "2016-11-30", .injury_date = "2016-10-23"},
       "not_medically_necessary chronic_pain_2016 early_phase=unmet active_program=met quantity=unmet",
       "therapy.physical.passive_modality@1"},
      {"passive modality in the first weeks alongside exercise",
       {.request = "therapy.physical | Electrical stimulation 2x2 | visits=4 frequency_per_week=2 weeks=2",
        .facts = {"procedure | home exercise program | procedure=home_exercise_program"}, .request_date = "2016-11-10", .injury_date = "2016-10-23"},
       "medically_necessary chronic_pain_2016 early_phase=met active_program=met quantity=met"},
  }), "");
}

// ------------------------------------------------------------ chiropractic
const std::string kChiro =
    "therapy.chiropractic | Chiropractic 2x3 lumbar | visits=6 frequency_per_week=2 weeks=3 body_site=lumbar_spine";
const std::string kChiroInitialMet = " region=met diagnosis=met objective_deficit=met quantity=met not_maintenance=met";

TEST(TherapyRulesTest, Chiropractic) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"trial of 6 for low back pain with deficits: met",
       {.request = kChiro, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kChiroInitialMet, "therapy.chiropractic.initial_cpmtg@1",
       "Manual therapy & manipulation, pp. 58-60"},
      {"era acoem_2004", {.request = kChiro, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kChiroInitialMet, "therapy.chiropractic.initial_acoem2004@1"},
      {"era chronic_pain_2009", {.request = kChiro, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kChiroInitialMet, "therapy.chiropractic.initial_cpmtg@1"},
      {"era acoem_2017", {.request = kChiro, .facts = {kLumbarDx, kLumbarRom}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kChiroInitialMet, "therapy.chiropractic.initial_acoem2017@1"},
      {"nothing documented",
       {.request = kChiro, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 region=met diagnosis=not_documented objective_deficit=not_documented quantity=met not_maintenance=met"},
      {"8 visits go beyond the trial of 6",
       {.request = "therapy.chiropractic | Spinal manipulation 1 times 8 | visits=8 frequency_per_week=1 weeks=8 body_site=spine",
        .facts = {kLumbarDx, kLumbarRom}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 region=met diagnosis=met objective_deficit=met quantity=unmet not_maintenance=met",
       "", "The request asks for more than the guideline's trial of about 6 visits"},
      {"unmet: manipulation of the knee is not supported",
       {.request = "therapy.chiropractic | Chiropractic for the left hip and left knee, 6 visits | visits=6 body_site=hip",
        .facts = {"diagnosis | hip sprain | body_site=hip", "finding | limited hip motion | finding_type=rom state=limited body_site=hip"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 region=unmet diagnosis=met objective_deficit=met quantity=met not_maintenance=met",
       "", "Manipulation is not supported for the knee"},
      {"continued after a trial of 6 with improvement, 12 more: within 18",
       {.request = "therapy.chiropractic | Additional chiropractic 2x6 | visits=12 frequency_per_week=2 weeks=6 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, kImproved, "treatment_history/historical | completed 6 chiropractic sessions | treatment=chiropractic count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 region=met diagnosis=met functional_improvement=met course_total=met quantity=met not_maintenance=met",
       "therapy.chiropractic.continued_cpmtg@1"},
      {"continued after 12 visits, 12 more: beyond 18",
       {.request = "therapy.chiropractic | Additional chiropractic 2x6 | visits=12 frequency_per_week=2 weeks=6 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, kImproved, "treatment_history/historical | completed 12 chiropractic sessions | treatment=chiropractic count=12"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 region=met diagnosis=met functional_improvement=met course_total=unmet quantity=met not_maintenance=met"},
      {"prior chiropractic without documented improvement (acoem_2017)",
       {.request = kChiro, .facts = {kLumbarDx, kLumbarRom, "treatment_history/historical | chiropractic treatment | treatment=chiropractic"},
        .request_date = k2017, .injury_date = kInjury},
       "not_medically_necessary acoem_2017 region=met diagnosis=met functional_improvement=not_documented course_total=met quantity=met not_maintenance=met",
       "therapy.chiropractic.continued_acoem2017@1"},
  }), "");
}

// ------------------------------------------------------------- acupuncture
const std::string kAcu =
    "therapy.acupuncture | Acupuncture 2x3 lumbar | visits=6 frequency_per_week=2 weeks=3 body_site=lumbar_spine";
const std::string kPtOngoing = "procedure | physical therapy | procedure=physical_therapy";

TEST(TherapyRulesTest, Acupuncture) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"trial of 6 alongside therapy: met",
       {.request = kAcu, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met role=met quantity=met", "therapy.acupuncture.initial_regulation@1",
       "8 CCR, section 9792.24.1, Acupuncture Medical Treatment Guidelines"},
      {"era acoem_2004", {.request = kAcu, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 diagnosis=met role=met quantity=met", "therapy.acupuncture.initial_regulation@1"},
      {"era chronic_pain_2009", {.request = kAcu, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 diagnosis=met role=met quantity=met", "therapy.acupuncture.initial_regulation@1"},
      {"era acoem_2017", {.request = kAcu, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 diagnosis=met role=met quantity=met", "therapy.acupuncture.initial_acoem2017@1"},
      {"medication not tolerated gives acupuncture its role",
       {.request = kAcu, .facts = {kLumbarDx, "treatment_history | NSAIDs were not tolerated | treatment=medication response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met role=met quantity=met", "",
       "(page 1: 'NSAIDs were not tolerated')"},
      {"nothing documented",
       {.request = kAcu, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented role=not_documented quantity=met"},
      {"8 treatments go beyond the trial of 6",
       {.request = "therapy.acupuncture | Acupuncture 2x4 | visits=8 frequency_per_week=2 weeks=4 body_site=lumbar_spine",
        .facts = {kLumbarDx, kPtOngoing}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met role=met quantity=unmet"},
      {"4 a week is more often than 1 to 3",
       {.request = "therapy.acupuncture | Acupuncture 4 times a week | visits=4 frequency_per_week=4 weeks=1 body_site=lumbar_spine",
        .facts = {kLumbarDx, kPtOngoing}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met role=met quantity=unmet"},
      {"unmet: 24 prior treatments without improvement",
       {.request = "therapy.acupuncture | Additional acupuncture x6 | visits=6 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, "treatment_history/historical | 24 acupuncture sessions without benefit | treatment=acupuncture count=24 response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met functional_improvement=unmet quantity=met not_maintenance=met",
       "therapy.acupuncture.continued_regulation@1", "(page 1: '24 acupuncture sessions without benefit')"},
      {"extension with documented improvement (acoem_2017)",
       {.request = "therapy.acupuncture | Additional acupuncture x6 | visits=6 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, "functional_status | objective functional improvement documented | functional_improvement=documented"},
        .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 diagnosis=met functional_improvement=met quantity=met not_maintenance=met",
       "therapy.acupuncture.continued_acoem2017@1"},
  }), "");
}

// ------------------------------------------------------------------- psych
const std::string kCbt = "therapy.psych | Cognitive behavioral therapy 4 sessions | visits=4";
const std::string kDepression = "diagnosis | major depressive disorder";

TEST(TherapyRulesTest, PsychologicalTreatment) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"trial of 4 for pain with depression: met",
       {.request = kCbt, .facts = {kDepression}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 condition=met quantity=met", "therapy.psych.initial_cpmtg@1",
       "(page 1: 'major depressive disorder')"},
      {"era acoem_2004", {.request = kCbt, .facts = {kDepression}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 condition=met quantity=met", "therapy.psych.initial_acoem2004@1"},
      {"era chronic_pain_2009", {.request = kCbt, .facts = {kDepression}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 condition=met quantity=met", "therapy.psych.initial_cpmtg@1"},
      {"era acoem_2017", {.request = kCbt, .facts = {kDepression}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 condition=met quantity=met", "therapy.psych.initial_acoem2017@1"},
      {"6 visits for a diagnosed depression",
       {.request = "therapy.psych | Psychotherapy 6 sessions | visits=6", .facts = {kDepression}, .request_date = k2016,
        .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 condition=met quantity=met"},
      {"10 visits go beyond the trial",
       {.request = "therapy.psych | Psychotherapy 10 sessions | visits=10", .facts = {kDepression}, .request_date = k2016,
        .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 condition=met quantity=unmet", "",
       "The request asks for more than the first trial allows: about 4 visits"},
      {"nothing documented",
       {.request = kCbt, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 condition=not_documented quantity=met"},
      {"unmet: prior psychotherapy without benefit",
       {.request = "therapy.psych | Additional psychotherapy 6 sessions | visits=6 course=continued",
        .facts = {kDepression, "treatment_history/historical | psychotherapy without benefit | treatment=psychotherapy response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 condition=met functional_improvement=unmet course_total=met quantity=met",
       "therapy.psych.continued_cpmtg@1"},
      {"continued with improvement, 6 more (acoem_2017)",
       {.request = "therapy.psych | Additional psychotherapy 6 sessions | visits=6 course=continued",
        .facts = {kDepression, kImproved, "treatment_history/historical | 6 psychotherapy sessions | treatment=psychotherapy count=6"},
        .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 condition=met functional_improvement=met course_total=met quantity=met",
       "therapy.psych.continued_acoem2017@1"},
      {"12 visits in all without a psychiatric diagnosis go beyond the course of about 10",
       {.request = "therapy.psych | Additional psychotherapy 6 sessions | visits=6 course=continued",
        .facts = {"diagnosis | chronic pain with psychological factors", kImproved,
                  "treatment_history/historical | 6 psychotherapy sessions | treatment=psychotherapy count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 condition=met functional_improvement=met course_total=unmet quantity=met",
       "therapy.psych.continued_cpmtg@1", "about 20 only when a psychiatric diagnosis is documented (page 1: '6 psychotherapy sessions')"},
      {"12 visits in all with a depression diagnosis stay within the longer course",
       {.request = "therapy.psych | Additional psychotherapy 6 sessions | visits=6 course=continued",
        .facts = {kDepression, kImproved, "treatment_history/historical | 6 psychotherapy sessions | treatment=psychotherapy count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 condition=met functional_improvement=met course_total=met quantity=met",
       "therapy.psych.continued_cpmtg@1"},
      {"more than 20 in all even with depression",
       {.request = "therapy.psych | Additional psychotherapy 6 sessions | visits=6 course=continued",
        .facts = {kDepression, kImproved, "treatment_history/historical | 16 psychotherapy sessions | treatment=psychotherapy count=16"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 condition=met functional_improvement=met course_total=unmet quantity=met"},
  }), "");
}

// ------------------------------------------------------- massage, aquatic
TEST(TherapyRulesTest, MassageAndAquatic) {
  const std::string kMassage = "therapy.massage | Massage therapy x6 lumbar | visits=6 body_site=lumbar_spine";
  const std::string kAquatic = "therapy.aquatic | Aquatic therapy 2x4 | visits=8 frequency_per_week=2 weeks=4 body_site=lumbar_spine";
  const std::string kObesity = "diagnosis | morbid obesity";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"massage alongside exercise: met", {.request = kMassage, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met adjunct=met quantity=met", "therapy.massage.initial_cpmtg@1",
       "Massage therapy, p. 60"},
      {"massage era acoem_2004", {.request = kMassage, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 diagnosis=met adjunct=met quantity=met"},
      {"massage era chronic_pain_2009", {.request = kMassage, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 diagnosis=met adjunct=met quantity=met"},
      {"massage era acoem_2017", {.request = kMassage, .facts = {kLumbarDx, kPtOngoing}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 diagnosis=met adjunct=met quantity=met", "therapy.massage.initial_acoem2017@1"},
      {"massage alone: not documented", {.request = kMassage, .facts = {kLumbarDx}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met adjunct=not_documented quantity=met"},
      {"massage 12 visits",
       {.request = "therapy.massage | Massage 2x6 | visits=12 body_site=lumbar_spine", .facts = {kLumbarDx, kPtOngoing}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met adjunct=met quantity=unmet"},
      {"massage continued after 6: beyond the limit, no improvement",
       {.request = "therapy.massage | Additional massage x4 | visits=4 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, kPtOngoing, kNoImprovement, "treatment_history/historical | 6 massage sessions | treatment=massage count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 adjunct=met functional_improvement=unmet course_total=unmet quantity=met not_maintenance=met",
       "therapy.massage.continued_cpmtg@1"},
      {"aquatic for an obese patient: met", {.request = kAquatic, .facts = {kLumbarDx, kObesity}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met reduced_weight_bearing=met quantity=met", "therapy.aquatic.initial_cpmtg@1",
       "Aquatic therapy, p. 22"},
      {"aquatic era acoem_2004", {.request = kAquatic, .facts = {kLumbarDx, kObesity}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 diagnosis=met reduced_weight_bearing=met quantity=met"},
      {"aquatic era chronic_pain_2009", {.request = kAquatic, .facts = {kLumbarDx, kObesity}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 diagnosis=met reduced_weight_bearing=met quantity=met"},
      {"aquatic era acoem_2017", {.request = kAquatic, .facts = {kLumbarDx, kObesity}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 diagnosis=met reduced_weight_bearing=met quantity=met", "therapy.aquatic.initial_acoem2017@1"},
      {"aquatic without a reason for reduced weight bearing", {.request = kAquatic, .facts = {kLumbarDx}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met reduced_weight_bearing=not_documented quantity=met"},
      {"aquatic 12 visits",
       {.request = "therapy.aquatic | Aquatic therapy 2x6 | visits=12 body_site=lumbar_spine", .facts = {kLumbarDx, kObesity}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met reduced_weight_bearing=met quantity=unmet"},
      {"aquatic continued after prior land therapy without improvement",
       {.request = "therapy.aquatic | Additional aquatic therapy 2x3 | visits=6 body_site=lumbar_spine course=continued",
        .facts = {kLumbarDx, kObesity, kNoImprovement}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met reduced_weight_bearing=met functional_improvement=unmet course_total=met quantity=met",
       "therapy.aquatic.continued_cpmtg@1"},
  }), "");
}

}  // namespace
}  // namespace imr
