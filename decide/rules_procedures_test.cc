// Rule sets for procedures, equipment, services, programs and referrals:
// epidural, facet/radiofrequency, trigger point and other injections; TENS and
// other electrical stimulation; braces, cold therapy and other DME; home
// health; functional restoration, work hardening and day treatment; specialist
// referrals and follow-up visits. Each row is one case written with
// decide_testing.h and the determination it must get, described as
// "outcome era criterion=status ...".
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

const std::string kPtFailed = "treatment_history | physical therapy without benefit | treatment=physical_therapy response=no_benefit";
const std::string kFullDuty = "functional_status | returned to full duty | work_status=full_duty";
const std::string kOffWork = "functional_status | remains off work | work_status=off_work";

// ---------------------------------------------------------------- epidural
const std::string kEsi =
    "injection.epidural | Left L4-5 transforaminal epidural steroid injection | body_site=lumbar_spine level=L4-5 laterality=left";
const std::string kSensory =
    "finding | decreased sensation in the left L5 dermatome | finding_type=sensation state=decreased body_site=lower~extremity";
const std::string kSlrPositive = "finding | positive straight leg raise on the left | finding_type=slr result=positive";
const std::string kProtrusion =
    "finding | L4-5 disc protrusion contacting the left L5 nerve root | finding_type=imaging_result body_site=lumbar_spine level=L4-5";
const std::string kEsiMet = " radiculopathy_exam=met corroborated=met conservative_care=met levels=met";

TEST(EpiduralRules, FirstInjection) {
  const std::vector<std::string> documented = {kSensory, kSlrPositive, kProtrusion, kPtFailed};
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"radiculopathy on exam, corroborated by MRI, failed therapy: met (chronic_pain_2016)",
       {.request = kEsi, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kEsiMet, "injection.epidural.cpmtg@1",
       "Epidural steroid injections (ESIs), p. 46"},
      {"era chronic_pain_2009 uses the CPMTG rule",
       {.request = kEsi, .facts = documented, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kEsiMet, "injection.epidural.cpmtg@1",
       "Radiculopathy is documented on examination (page 1: 'decreased sensation in the left L5 dermatome'"},
      {"era acoem_2004 cites ACOEM chapter 12",
       {.request = kEsi, .facts = documented, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kEsiMet, "injection.epidural.acoem_2004@1",
       "Chapter 12, Low Back Complaints, Physical Methods: injections, p. 300"},
      {"era acoem_2017 cites the ACOEM low back guideline",
       {.request = kEsi, .facts = documented, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kEsiMet, "injection.epidural.acoem_2017@1",
       "MTUS ACOEM Low Back Disorders Guideline (2017)"},
      {"unmet: the MRI shows no herniation",
       {.request = kEsi,
        .facts = {kSensory, kSlrPositive, "finding/absent | no disc herniation or stenosis | finding_type=imaging_result body_site=lumbar_spine", kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=unmet conservative_care=met levels=met", "",
       "Imaging or electrodiagnostic testing did not show nerve root compromise (page 1: 'no disc herniation or stenosis')"},
      {"unmet: the neurological exam is normal",
       {.request = kEsi,
        .facts = {"finding | sensation intact | finding_type=sensation state=intact", "finding | strength 5/5 | finding_type=motor grade=5/5",
                  kProtrusion, kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=unmet corroborated=met conservative_care=met levels=met", "",
       "The examination documented no radicular deficit (page 1: 'sensation intact'"},
      {"nothing documented: not necessary",
       {.request = kEsi, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=not_documented corroborated=not_documented "
       "conservative_care=not_documented levels=met", "",
       "No imaging or electrodiagnostic study corroborating radiculopathy was documented."},
      {"three levels exceed the two allowed",
       {.request = "injection.epidural | L3-4, L4-5, L5-S1 transforaminal ESI | body_site=lumbar_spine level=L3-4,~L4-5,~L5-S1",
        .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met conservative_care=met levels=unmet", "",
       "The request is for more than two spinal levels in one session."},
      {"two levels are within the limit",
       {.request = "injection.epidural | L4-5, L5-S1 transforaminal ESI | body_site=lumbar_spine level=L4-5,~L5-S1",
        .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kEsiMet},
      {"a range of three segments exceeds the limit",
       {.request = "injection.epidural | L3-S1 epidural | body_site=lumbar_spine level=L3-S1",
        .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met conservative_care=met levels=unmet"},
      {"a cervical ESI reads cervical findings",
       {.request = "injection.epidural | C5-6 interlaminar epidural steroid injection | body_site=cervical_spine level=C5-6",
        .facts = {"finding | decreased sensation of the right thumb | finding_type=sensation state=decreased body_site=thumb",
                  "finding | C5-6 disc herniation with foraminal stenosis | finding_type=imaging_result body_site=cervical_spine",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kEsiMet},
  }), "");
}

TEST(EpiduralRules, RepeatInjection) {
  const std::string kRelief =
      "treatment_history/historical | prior epidural steroid injection with 60% relief for 3 months | treatment=injection relief_percent=60 response=improved";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"repeat after 60% relief for 3 months with return to work: met",
       {.request = kEsi, .facts = {kSensory, kProtrusion, kRelief, kFullDuty}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=met levels=met",
       "injection.epidural.cpmtg_repeat@1", "The relief lasted six weeks or more (page 1: 'prior epidural steroid injection"},
      {"repeat after 30% relief for 2 weeks: unmet",
       {.request = kEsi,
        .facts = {kSensory, kProtrusion,
                  "treatment_history/historical | prior epidural injection with 30% relief for 2 weeks | treatment=injection relief_percent=30 response=partial"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=unmet relief_duration=unmet "
       "functional_improvement=not_documented levels=met",
       "injection.epidural.cpmtg_repeat@1", "The earlier injection relieved less than half the pain"},
      {"a request for a repeat without any response data: not documented",
       {.request = "injection.epidural | Repeat L4-5 epidural steroid injection | body_site=lumbar_spine level=L4-5 course=continued",
        .facts = {kSensory, kProtrusion}, .request_date = k2009, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2009 radiculopathy_exam=met corroborated=met prior_relief=not_documented "
       "relief_duration=not_documented functional_improvement=not_documented levels=met",
       "injection.epidural.cpmtg_repeat@1"},
      {"repeat rules exist in acoem_2004 and acoem_2017",
       {.request = kEsi, .facts = {kSensory, kProtrusion, kRelief, kFullDuty}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=met levels=met",
       "injection.epidural.acoem_2004_repeat@1"},
      {"repeat in acoem_2017",
       {.request = kEsi, .facts = {kSensory, kProtrusion, kRelief, kFullDuty}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=met levels=met",
       "injection.epidural.acoem_2017_repeat@1"},
  }), "");
}

// ---------------------------------------------------------------- facet / RF
const std::string kFacet =
    "injection.facet | Bilateral L4-5, L5-S1 facet injections | body_site=lumbar_spine level=L4-5,~L5-S1 laterality=bilateral";
const std::string kFacetTender =
    "finding | tenderness over the lumbar facets | finding_type=tenderness body_site=lumbar_spine";
const std::string kFacetLoading = "finding | positive facet loading | finding_type=special_test test=facet_loading result=positive";
const std::string kSlrNegative = "finding | negative straight leg raise | finding_type=slr result=negative";
const std::string kFacetMet = " non_radicular=met facet_signs=met conservative_care=met levels=met no_fusion=met";

TEST(FacetRules, DiagnosticBlocks) {
  const std::vector<std::string> documented = {kFacetTender, kFacetLoading, kSlrNegative, kPtFailed};
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"non-radicular facet pain after failed therapy, two levels: met (chronic_pain_2016)",
       {.request = kFacet, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kFacetMet, "injection.facet.diagnostic@1",
       "The pain is documented as non-radicular (page 1: 'negative straight leg raise')"},
      {"era chronic_pain_2009",
       {.request = kFacet, .facts = documented, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kFacetMet, "injection.facet.diagnostic@1"},
      {"era acoem_2004 cites ACOEM and ODG",
       {.request = kFacet, .facts = documented, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kFacetMet, "injection.facet.diagnostic@1", "Physical Methods: injections, pp. 300-301"},
      {"era acoem_2017 also asks for chronic pain",
       {.request = kFacet, .facts = documented, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 non_radicular=met facet_signs=met chronic=met conservative_care=met levels=met no_fusion=met",
       "injection.facet.acoem_2017@1"},
      {"unmet: radicular signs point away from the facets",
       {.request = kFacet, .facts = {kFacetTender, kFacetLoading, kSlrPositive, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=unmet facet_signs=met conservative_care=met levels=met no_fusion=met", "",
       "Radicular findings are documented, which points away from the facet joints (page 1: 'positive straight leg raise on the left')"},
      {"unmet: a fusion at the treated region",
       {.request = kFacet,
        .facts = {kFacetTender, kFacetLoading, kSlrNegative, kPtFailed,
                  "procedure/historical | L4-S1 fusion | procedure=fusion procedure_group=surgery body_site=lumbar_spine"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=met facet_signs=met conservative_care=met levels=met no_fusion=unmet"},
      {"nothing documented: not necessary",
       {.request = kFacet, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=not_documented facet_signs=not_documented "
       "conservative_care=not_documented levels=met no_fusion=met"},
      {"three levels exceed the two allowed",
       {.request = "injection.facet | L3-4, L4-5, L5-S1 medial branch blocks | body_site=lumbar_spine level=L3-4,~L4-5,~L5-S1",
        .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=met facet_signs=met conservative_care=met levels=unmet no_fusion=met"},
      {"multilevel in words also exceeds the limit",
       {.request = "injection.facet | Multilevel lumbar facet injections | body_site=lumbar_spine",
        .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=met facet_signs=met conservative_care=met levels=unmet no_fusion=met"},
      {"a repeat facet injection needs a lasting response",
       {.request = kFacet,
        .facts = {kSlrNegative, "treatment_history/historical | facet injections with 20% relief | treatment=injection relief_percent=20"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 prior_relief=unmet relief_duration=not_documented functional_improvement=not_documented "
       "non_radicular=met levels=met",
       "injection.facet.repeat@1"},
  }), "");
}

TEST(FacetRules, RadiofrequencyNeurotomy) {
  const std::string kRf =
      "injection.radiofrequency | Radiofrequency ablation L4-5, L5-S1 | body_site=lumbar_spine level=L4-5,~L5-S1";
  const std::string kMbb80 = "treatment_history/historical | medial branch blocks with 80% relief | treatment=injection relief_percent=80";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"positive diagnostic block: met",
       {.request = kRf, .facts = {kMbb80, kSlrNegative}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 positive_block=met non_radicular=met levels=met no_fusion=met", "injection.facet.rf@1",
       "A positive diagnostic medial branch block is documented (page 1: 'medial branch blocks with 80% relief')"},
      {"a block with 40% relief is not positive",
       {.request = kRf,
        .facts = {"treatment_history/historical | medial branch block with 40% relief | treatment=injection relief_percent=40", kSlrNegative},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 positive_block=unmet non_radicular=met levels=met no_fusion=met", "injection.facet.rf@1"},
      {"no diagnostic block: not documented",
       {.request = kRf, .facts = {kSlrNegative}, .request_date = k2009, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2009 positive_block=not_documented non_radicular=met levels=met no_fusion=met",
       "injection.facet.rf@1", "No positive diagnostic medial branch block was documented."},
      {"acoem_2017 RF asks for chronic pain too",
       {.request = kRf, .facts = {kMbb80, kSlrNegative}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 positive_block=met non_radicular=met chronic=met levels=met no_fusion=met",
       "injection.facet.acoem_2017_rf@1"},
      {"repeat RF after 70% relief for 6 months with function: met",
       {.request = kRf,
        .facts = {"treatment_history/historical | radiofrequency ablation with 70% relief for 6 months | treatment=radiofrequency_ablation relief_percent=70",
                  kFullDuty},
        .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 prior_relief=met relief_duration=met functional_improvement=met levels=met",
       "injection.facet.rf_repeat@1"},
  }), "");
}

// ---------------------------------------------------------------- trigger points
const std::string kTpi = "injection.trigger_point | Trigger point injections x 4 to the trapezius | quantity=4 body_site=trapezius";
const std::string kTriggerPoints =
    "finding | trigger points in the trapezius with a twitch response | finding_type=tenderness trigger_point=yes body_site=trapezius";
const std::string kTpiMet =
    " duration=met conservative_care=met trigger_points=met twitch_referred=met no_radiculopathy=met injections=met";

TEST(TriggerPointRules, Injections) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"documented trigger points with twitch, failed care: met (chronic_pain_2016)",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kTpiMet, "injection.trigger_point.cpmtg@1", "Trigger point injections, p. 122"},
      {"era chronic_pain_2009",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kTpiMet},
      {"era acoem_2004: not recommended for back and neck",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed}, .request_date = k2004, .injury_date = kInjury},
       "not_medically_necessary acoem_2004 recommended=unmet trigger_points=met", "injection.trigger_point.acoem_2004@1",
       "The guideline does not recommend trigger point injections for back or neck complaints."},
      {"era acoem_2017",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kTpiMet, "injection.trigger_point.acoem_2017@1"},
      {"unmet: radiculopathy",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed, "diagnosis | cervical radiculopathy | body_site=cervical_spine"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 duration=met conservative_care=met trigger_points=met twitch_referred=met "
       "no_radiculopathy=unmet injections=met"},
      {"unmet: symptoms for less than three months",
       {.request = kTpi, .facts = {kTriggerPoints, kPtFailed}, .request_date = k2016, .injury_date = "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 duration=unmet conservative_care=met trigger_points=met twitch_referred=met "
       "no_radiculopathy=met injections=met"},
      {"nothing documented",
       {.request = kTpi, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 duration=met conservative_care=not_documented trigger_points=not_documented "
       "twitch_referred=not_documented no_radiculopathy=met injections=met"},
      {"six injections exceed three to four a session",
       {.request = "injection.trigger_point | Trigger point injections x 6 | quantity=6 body_site=trapezius",
        .facts = {kTriggerPoints, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 duration=met conservative_care=met trigger_points=met twitch_referred=met "
       "no_radiculopathy=met injections=unmet"},
      {"repeat after 60% relief for 6 weeks with function: met",
       {.request = kTpi,
        .facts = {kTriggerPoints, kFullDuty,
                  "treatment_history/historical | trigger point injections with 60% relief for 6 weeks | treatment=injection relief_percent=60"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 functional_improvement=met prior_relief=met relief_duration=met "
       "trigger_points=met no_radiculopathy=met injections=met",
       "injection.trigger_point.cpmtg_repeat@1"},
  }), "");
}

// ---------------------------------------------------------------- joint and other injections
TEST(OtherInjectionRules, JointBiologicsAndMore) {
  const std::string kKnee = "injection.joint | Right knee corticosteroid injection | body_site=knee laterality=right";
  const std::string kKneeOa = "diagnosis | right knee osteoarthritis | body_site=knee";
  const std::string kKneeTender = "finding | medial joint line tenderness of the right knee | finding_type=tenderness body_site=knee";
  const std::string kJointMet = " diagnosis=met objective_findings=met conservative_care=met";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"knee steroid injection with diagnosis, findings, failed care: met (chronic_pain_2016)",
       {.request = kKnee, .facts = {kKneeOa, kKneeTender, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kJointMet, "injection.other.joint@1", "Chapter 13, Knee Complaints"},
      {"era chronic_pain_2009", {.request = kKnee, .facts = {kKneeOa, kKneeTender, kPtFailed}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kJointMet},
      {"era acoem_2004", {.request = kKnee, .facts = {kKneeOa, kKneeTender, kPtFailed}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kJointMet, "injection.other.joint@1"},
      {"era acoem_2017", {.request = kKnee, .facts = {kKneeOa, kKneeTender, kPtFailed}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kJointMet, "injection.other.joint_acoem_2017@1"},
      {"unmet: the knee exam found nothing",
       {.request = kKnee, .facts = {kKneeOa, "finding/absent | no tenderness of the knee | finding_type=tenderness body_site=knee", kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met objective_findings=unmet conservative_care=met"},
      {"nothing documented", {.request = kKnee, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_findings=not_documented conservative_care=not_documented"},
      {"hyaluronic acid for knee osteoarthritis after a steroid injection: met",
       {.request = "injection.joint | Synvisc-One injection right knee | body_site=knee",
        .facts = {kKneeOa, kPtFailed, "treatment_history/historical | knee cortisone injection without lasting benefit | treatment=injection response=no_benefit body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 knee=met osteoarthritis=met first_line_failed=met", "injection.other.viscosupplementation@1"},
      {"hyaluronic acid for a shoulder: unmet",
       {.request = "injection.joint | Hyaluronic acid injection left shoulder | body_site=shoulder",
        .facts = {"diagnosis | shoulder osteoarthritis | body_site=shoulder", kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 knee=unmet osteoarthritis=met first_line_failed=met"},
      {"PRP is not recommended in any era",
       {.request = "injection.other | Platelet-rich plasma injection right elbow | body_site=elbow",
        .facts = {"diagnosis | lateral epicondylitis | body_site=elbow"}, .request_date = k2017, .injury_date = kInjury},
       "not_medically_necessary acoem_2017 recommended=unmet diagnosis=met", "injection.other.biologic_acoem_2017@1"},
      {"botulinum toxin without dystonia: not documented",
       {.request = "injection.other | Botox injections to the cervical paraspinals | body_site=cervical_spine",
        .facts = {"diagnosis | myofascial pain | body_site=cervical_spine"}, .request_date = k2009, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2009 indication=not_documented", "injection.other.botulinum@1"},
      {"stellate ganglion block for CRPS with therapy: met",
       {.request = "injection.other | Stellate ganglion block | body_site=upper~extremity",
        .facts = {"diagnosis | complex regional pain syndrome of the right arm | body_site=arm",
                  "procedure/hypothetical | physical therapy | procedure=physical_therapy procedure_group=therapy"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 crps=met active_rehab=met", "injection.other.sympathetic@1"},
  }), "");
}

// ---------------------------------------------------------------- TENS and electrical stimulation
TEST(ElectricalStimulationRules, TensHwaveInterferential) {
  const std::string kTrial = "dme.tens | TENS unit 30 day trial rental | days=30 course=initial";
  const std::string kPurchase = "dme.tens | TENS unit purchase";
  const std::string kRadic = "diagnosis | lumbar radiculopathy | body_site=lumbar_spine";
  const std::string kHep = "procedure | home exercise program | procedure=home_exercise_program procedure_group=therapy";
  const std::string kTensHelped = "treatment_history/historical | TENS trial improved function | treatment=tens response=improved";
  const std::vector<std::string> documented = {kRadic, kPtFailed, kHep};
  const std::string kTrialMet = " chronic_pain=met condition=met other_modalities_failed=met functional_program=met trial_length=met";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"one-month trial, chronic neuropathic pain, failed care, exercise program: met (chronic_pain_2016)",
       {.request = kTrial, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kTrialMet, "dme.tens.tens_trial_cpmtg@1",
       "Transcutaneous electrotherapy: TENS, chronic pain, pp. 114-116"},
      {"era chronic_pain_2009", {.request = kTrial, .facts = documented, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kTrialMet, "dme.tens.tens_trial_cpmtg@1"},
      {"era acoem_2004 asks no qualifying condition",
       {.request = kTrial, .facts = documented, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 other_modalities_failed=met functional_program=met trial_length=met", "dme.tens.tens_trial_acoem_2004@1"},
      {"era acoem_2017", {.request = kTrial, .facts = documented, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kTrialMet, "dme.tens.tens_trial_acoem_2017@1"},
      {"purchase without a trial: not documented",
       {.request = kPurchase, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 successful_trial=not_documented chronic_pain=met condition=met functional_program=met",
       "dme.tens.tens_purchase_cpmtg@1", "The records hold no earlier home trial of about a month with a log of use and its effect, which must come before a purchase."},
      {"purchase after a trial that helped: met",
       {.request = kPurchase, .facts = {kRadic, kPtFailed, kHep, kTensHelped}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 successful_trial=met chronic_pain=met condition=met functional_program=met",
       "dme.tens.tens_purchase_cpmtg@1"},
      {"purchase after a trial that did not help: unmet",
       {.request = kPurchase,
        .facts = {kRadic, kHep, "treatment_history/historical | TENS did not help | treatment=tens response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 successful_trial=unmet chronic_pain=met condition=met functional_program=met"},
      {"nothing documented", {.request = kTrial, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 chronic_pain=met condition=not_documented other_modalities_failed=not_documented "
       "functional_program=not_documented trial_length=met"},
      {"a three-month rental goes beyond the one-month trial",
       {.request = "dme.tens | TENS unit rental 3 months | months=3", .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 chronic_pain=met condition=met other_modalities_failed=met functional_program=met "
       "trial_length=unmet"},
      {"a two-month-old injury is not chronic pain",
       {.request = kTrial, .facts = documented, .request_date = k2016, .injury_date = "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 chronic_pain=unmet condition=met other_modalities_failed=met functional_program=met "
       "trial_length=met"},
      {"NMES is not recommended",
       {.request = "dme.tens | NMES unit", .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 recommended=unmet", "dme.tens.not_recommended_cpmtg@1"},
      {"interferential as an adjunct with a trial: met",
       {.request = "dme.tens | Interferential unit one month trial", .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 not_isolated=met other_modalities_failed=met trial_length=met", "dme.tens.interferential_cpmtg@1"},
      {"H-wave after a failed TENS trial: met",
       {.request = "dme.tens | H-wave unit 30 day trial | days=30",
        .facts = {kRadic, kPtFailed, kHep, "treatment_history/historical | TENS unit without benefit | treatment=tens response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 chronic_pain=met tens_failed=met other_modalities_failed=met functional_program=met "
       "trial_length=met",
       "dme.tens.h_wave_cpmtg@1", "H-wave stimulation (HWT), pp. 117-118"},
      {"supplies for a unit in use with benefit: met",
       {.request = "dme.tens | TENS electrodes and batteries", .facts = {kTensHelped}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 unit_in_use=met", "dme.tens.supplies_cpmtg@1"},
  }), "");
}

// ---------------------------------------------------------------- braces, cold therapy, other DME
TEST(DmeRules, BracesColdTherapyAndEquipment) {
  const std::string kLso = "dme.brace | Lumbar support | body_site=lumbar_spine";
  const std::string kCold = "dme.hot_cold | Cold therapy unit, seven day rental after shoulder surgery | days=7 body_site=shoulder";
  const std::string kShoulderSurgery =
      "procedure/hypothetical | right shoulder arthroscopy | procedure=arthroscopy procedure_group=surgery body_site=shoulder";
  const std::string kKneeBrace = "dme.brace | Hinged knee brace | body_site=knee";
  const std::vector<std::string> kneeFacts = {"diagnosis | medial collateral ligament sprain | body_site=knee",
                                              "finding | valgus laxity of the knee | finding_type=special_test body_site=knee",
                                              "finding | antalgic gait | finding_type=gait"};
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"lumbar support long after the injury: not necessary (chronic_pain_2016)",
       {.request = kLso, .facts = {"diagnosis | lumbar sprain | body_site=lumbar_spine"}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 acute_phase=unmet postoperative=not_documented specific_indication=not_documented",
       "dme.other.lumbar_support@1", "Physical Methods: lumbar supports, p. 301"},
      {"lumbar support for a compression fracture: met",
       {.request = kLso, .facts = {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 acute_phase=unmet postoperative=not_documented specific_indication=met"},
      {"lumbar support in the acute phase: met (acoem_2004)",
       {.request = kLso, .facts = {}, .request_date = k2004, .injury_date = "2008-04-20"},
       "medically_necessary acoem_2004 acute_phase=met postoperative=not_documented specific_indication=not_documented"},
      {"lumbar support (acoem_2017)",
       {.request = kLso, .facts = {}, .request_date = k2017, .injury_date = kInjury},
       "not_medically_necessary acoem_2017 acute_phase=unmet postoperative=not_documented specific_indication=not_documented",
       "dme.other.lumbar_support_acoem_2017@1"},
      {"cold therapy unit for seven days after surgery: met",
       {.request = kCold, .facts = {kShoulderSurgery}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 postoperative=met short_term=met", "dme.other.cold_therapy_unit@1"},
      {"cold therapy unit for 30 days goes beyond the short post-operative use",
       {.request = "dme.hot_cold | Cold therapy unit 30 day rental | days=30 body_site=shoulder", .facts = {kShoulderSurgery},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 postoperative=met short_term=unmet", "",
       "The request goes beyond about seven days of use after surgery."},
      {"knee brace with instability and a functional deficit: met",
       {.request = kKneeBrace, .facts = kneeFacts, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met objective_findings=met functional_deficit=met postoperative=not_documented",
       "dme.other.brace@1"},
      {"a shoulder brace after shoulder surgery: met",
       {.request = "dme.brace | Associated surgical service: shoulder brace | body_site=shoulder",
        .facts = {"procedure/hypothetical | right shoulder arthroscopy | procedure=arthroscopy procedure_group=surgery body_site=shoulder"},
        .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 diagnosis=not_documented objective_findings=not_documented functional_deficit=not_documented "
       "postoperative=met",
       "dme.other.brace_acoem_2017@1"},
      {"knee brace with nothing documented",
       {.request = kKneeBrace, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_findings=not_documented functional_deficit=not_documented "
       "postoperative=not_documented"},
      {"a mattress is not medical equipment",
       {.request = "dme.other | Orthopedic mattress", .facts = {"diagnosis | lumbar sprain | body_site=lumbar_spine"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 medical_purpose=unmet", "dme.other.convenience@1"},
      {"a cane for an antalgic gait: met",
       {.request = "dme.other | Cane | body_site=knee", .facts = kneeFacts, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 gait_problem=met diagnosis=met", "dme.other.mobility_aid@1"},
      {"a cane with a normal gait: unmet",
       {.request = "dme.other | Cane | body_site=knee",
        .facts = {"diagnosis | knee sprain | body_site=knee", "finding | normal gait | finding_type=gait"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 gait_problem=unmet diagnosis=met"},
      {"lumbar traction is not recommended",
       {.request = "dme.other | Home lumbar traction unit | body_site=lumbar_spine", .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 recommended=unmet", "dme.other.lumbar_traction@1"},
  }), "");
}

// ---------------------------------------------------------------- home health
TEST(HomeHealthRules, Services) {
  const std::string kNursing =
      "service.home_health | Home health skilled nursing visits for wound care 2x/week | frequency_per_week=2";
  const std::string kHomebound = "functional_status | homebound after hip surgery | adl=limited";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"skilled nursing for a homebound patient: met (chronic_pain_2016)",
       {.request = kNursing, .facts = {kHomebound}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 homebound=met medical_services=met hours=met", "service.home_health.cpmtg@1",
       "Home health services, p. 51"},
      {"era chronic_pain_2009", {.request = kNursing, .facts = {kHomebound}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 homebound=met medical_services=met hours=met"},
      {"era acoem_2004 turns to ODG", {.request = kNursing, .facts = {kHomebound}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 homebound=met medical_services=met hours=met", "service.home_health.acoem_2004@1"},
      {"era acoem_2017", {.request = kNursing, .facts = {kHomebound}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 homebound=met medical_services=met hours=met", "service.home_health.acoem_2017@1"},
      {"a home aide for daily activities is not medical treatment",
       {.request = "service.home_health | Home aide 6 hours per day, 5 times a week for 4 weeks to assist with ADLs | hours=6 frequency_per_week=5 weeks=4",
        .facts = {kHomebound}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 homebound=met medical_services=unmet hours=met", "",
       "The request is for household help or personal care"},
      {"56 hours a week exceed part-time care",
       {.request = "service.home_health | Home health nursing 8 hours per day 7 days a week | hours=8 frequency_per_week=7",
        .facts = {kHomebound}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 homebound=met medical_services=met hours=unmet"},
      {"nothing documented",
       {.request = "service.home_health | Home health care", .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 homebound=not_documented medical_services=not_documented hours=met", "",
       "The records do not document that the patient is homebound."},
  }), "");
}

// ---------------------------------------------------------------- programs
TEST(ProgramRules, FunctionalRestorationAndWorkHardening) {
  const std::string kFrp = "program.functional_restoration | Functional restoration program x 10 days | days=10";
  const std::vector<std::string> documented = {
      "procedure | multidisciplinary evaluation for the functional restoration program | procedure=functional_restoration_program procedure_group=therapy",
      kPtFailed, kOffWork,
      "procedure/absent | not a surgical candidate per the spine surgeon | procedure=fusion procedure_group=surgery",
      "functional_status | motivated to return to work | activity=work"};
  const std::string kFrpMet = " evaluation=met prior_treatment_failed=met loss_of_function=met not_surgical_candidate=met motivation=met "
                              "chronic_pain=met trial_length=met";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"evaluated, failed care, off work, not a surgical candidate, motivated: met (chronic_pain_2016)",
       {.request = kFrp, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kFrpMet, "program.functional_restoration.cpmtg@1",
       "Chronic pain programs (functional restoration programs), pp. 30-34"},
      {"era chronic_pain_2009", {.request = kFrp, .facts = documented, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kFrpMet},
      {"era acoem_2004", {.request = kFrp, .facts = documented, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kFrpMet, "program.functional_restoration.acoem_2004@1"},
      {"era acoem_2017", {.request = kFrp, .facts = documented, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kFrpMet, "program.functional_restoration.acoem_2017@1"},
      {"unmet: working full duty",
       {.request = kFrp,
        .facts = {documented[0], kPtFailed, documented[3], documented[4], kFullDuty},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 evaluation=met prior_treatment_failed=met loss_of_function=unmet "
       "not_surgical_candidate=met motivation=met chronic_pain=met trial_length=met"},
      {"20 days exceed the two-week trial",
       {.request = "program.functional_restoration | Functional restoration program x 20 days | days=20", .facts = documented,
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 evaluation=met prior_treatment_failed=met loss_of_function=met "
       "not_surgical_candidate=met motivation=met chronic_pain=met trial_length=unmet", "",
       "The request exceeds the initial two-week trial."},
      {"nothing documented", {.request = kFrp, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 evaluation=not_documented prior_treatment_failed=not_documented "
       "loss_of_function=not_documented not_surgical_candidate=not_documented motivation=not_documented chronic_pain=met trial_length=met"},
      {"continued program with documented gains: met",
       {.request = "program.functional_restoration | Functional restoration program, additional 10 days | days=10 course=continued",
        .facts = {kFullDuty}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 progress=met total_length=met", "program.functional_restoration.continued_cpmtg@1"},
      {"work hardening with job limits, plateaued therapy and a job to return to: met",
       {.request = "program.work_hardening | Work hardening 10 visits | visits=10",
        .facts = {"functional_status | limited in lifting at work | adl=limited", kPtFailed,
                  "procedure/absent | not a surgical candidate | procedure=fusion procedure_group=surgery",
                  "functional_status | employer has a job offer for modified work | work_status=modified_duty"},
        .request_date = k2016, .injury_date = "2016-01-04"},
       "medically_necessary chronic_pain_2016 job_limitation=met therapy_plateau=met not_surgical_candidate=met return_to_work_goal=met "
       "within_two_years=met visits=met",
       "program.functional_restoration.work_hardening_cpmtg@1", "Work conditioning, work hardening, pp. 125-126"},
      {"work hardening 20 visits, years after the injury",
       {.request = "program.work_hardening | Work conditioning 20 visits | visits=20",
        .facts = {"functional_status | limited in lifting at work | adl=limited", kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 job_limitation=met therapy_plateau=met not_surgical_candidate=not_documented "
       "return_to_work_goal=not_documented within_two_years=unmet visits=unmet"},
  }), "");
}

TEST(ProgramRules, DayTreatment) {
  const std::string kPhp = "program.day_treatment | Partial hospitalization program 4 weeks | weeks=4";
  const std::vector<std::string> documented = {"diagnosis | major depressive disorder with suicidal ideation",
                                               "treatment_history/historical | psychotherapy without benefit | treatment=psychotherapy response=no_benefit"};
  const std::string kMet = " psychiatric_diagnosis=met severity=met outpatient_tried=met length=met";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"severe depression with suicidal thinking after failed outpatient care: met (chronic_pain_2016)",
       {.request = kPhp, .facts = documented, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kMet, "program.day_treatment.cpmtg@1",
       "Severity beyond what outpatient care can manage is documented (page 1: 'major depressive disorder with suicidal ideation')"},
      {"era chronic_pain_2009", {.request = kPhp, .facts = documented, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009" + kMet},
      {"era acoem_2004", {.request = kPhp, .facts = documented, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004" + kMet, "program.day_treatment.acoem_2004@1"},
      {"era acoem_2017", {.request = kPhp, .facts = documented, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017" + kMet, "program.day_treatment.acoem_2017@1"},
      {"depression without documented severity: not documented",
       {.request = kPhp, .facts = {"diagnosis | depression", documented[1]}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 psychiatric_diagnosis=met severity=not_documented outpatient_tried=met length=met"},
      {"eight weeks exceed a limited course",
       {.request = "program.day_treatment | Partial hospitalization 8 weeks | weeks=8", .facts = documented, .request_date = k2016,
        .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 psychiatric_diagnosis=met severity=met outpatient_tried=met length=unmet"},
      {"nothing documented", {.request = kPhp, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 psychiatric_diagnosis=not_documented severity=not_documented "
       "outpatient_tried=not_documented length=met"},
  }), "");
}

// ---------------------------------------------------------------- referrals and follow-up
TEST(ReferralRules, SpecialistClearanceAndFollowUp) {
  const std::string kConsult = "referral.specialist | Orthopedic spine surgeon consultation";
  const std::string kPain = "finding | low back pain rated 7/10 | finding_type=pain_score score=7 score_max=10";
  const std::string kFollowUp = "referral.follow_up | Follow-up visit with pain management | visits=1";
  const std::string kNorco = "medication | Norco | generic=hydrocodone/acetaminophen drug_class=opioid";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"referral after failed therapy with ongoing pain: met (chronic_pain_2016)",
       {.request = kConsult, .facts = {kPtFailed, kPain}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 reason=met ongoing_symptoms=met", "referral.acoem_2004@1",
       "Chapter 7, Independent Medical Examinations and Consultations, Consultation, p. 127"},
      {"era chronic_pain_2009", {.request = kConsult, .facts = {kPtFailed, kPain}, .request_date = k2009, .injury_date = kInjury},
       "medically_necessary chronic_pain_2009 reason=met ongoing_symptoms=met"},
      {"era acoem_2004", {.request = kConsult, .facts = {kPtFailed, kPain}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 reason=met ongoing_symptoms=met", "referral.acoem_2004@1"},
      {"era acoem_2017", {.request = kConsult, .facts = {kPtFailed, kPain}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 reason=met ongoing_symptoms=met", "referral.acoem_2017@1"},
      {"unmet: no symptoms and no limits",
       {.request = kConsult,
        .facts = {kPtFailed, "finding/absent | no tenderness | finding_type=tenderness",
                  "functional_status/absent | no limitation of daily activities | adl=limited"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 reason=met ongoing_symptoms=unmet"},
      {"nothing documented", {.request = kConsult, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 reason=not_documented ongoing_symptoms=not_documented", "",
       "No reason for the referral"},
      {"preoperative clearance for a planned surgery in a diabetic: met",
       {.request = "referral.specialist | Preoperative medical clearance",
        .facts = {"procedure/hypothetical | lumbar fusion | procedure=fusion procedure_group=surgery", "diagnosis | type 2 diabetes mellitus"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 surgery_planned=met medical_risk=met", "referral.clearance_acoem_2004@1"},
      {"clearance without a planned surgery",
       {.request = "referral.specialist | Pre-op clearance", .facts = {"diagnosis | type 2 diabetes mellitus"}, .request_date = k2016,
        .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 surgery_planned=not_documented medical_risk=met"},
      {"a follow-up visit for ongoing pain on opioids: met",
       {.request = kFollowUp, .facts = {kPain, kNorco}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=met visits=met", "referral.follow_up_acoem_2004@1",
       "Pain chapter, Office visits"},
      {"follow-up in acoem_2017", {.request = kFollowUp, .facts = {kPain, kNorco}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 ongoing_symptoms=met ongoing_treatment=met visits=met", "referral.follow_up_acoem_2017@1"},
      {"six follow-up visits cannot be set in advance",
       {.request = "referral.follow_up | Follow-up visits x 6 | visits=6", .facts = {kPain, kNorco}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=met visits=unmet", "",
       "The request is for a set number of future visits, which cannot be established in advance."},
      {"follow-up with nothing documented",
       {.request = kFollowUp, .facts = {}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 ongoing_symptoms=not_documented ongoing_treatment=not_documented visits=met"},
  }), "");
}

}  // namespace
}  // namespace imr
