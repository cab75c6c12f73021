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

// Boilerplate that nearly every record holds must not meet the criteria; a
// properly documented case still does.
TEST(EpiduralRules, BoilerplateDoesNotShowRadiculopathyOrAResponse) {
  const std::string kRadiating = "finding | pain radiating down the left leg | finding_type=radiation body_site=leg";
  const std::string kRepeat =
      "injection.epidural | Repeat left L4-5 transforaminal epidural steroid injection | body_site=lumbar_spine level=L4-5 course=continued";
  const std::string kEsiRelief =
      "treatment_history/historical | epidural steroid injection with 60% relief for 3 months | treatment=injection relief_percent=60 response=improved";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a positive straight leg raise and radiating pain, with no deficit, do not show radiculopathy",
       {.request = kEsi, .facts = {kSlrPositive, kRadiating, kProtrusion, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=not_documented corroborated=met conservative_care=met levels=met", "",
       "No objective radicular deficit (sensory loss, graded weakness or a reflex change where the nerve root reaches) was documented"},
      {"weakness graded 4/5 in the L5 myotome with an MRI and failed therapy: met",
       {.request = kEsi,
        .facts = {"finding | 4/5 strength of the left extensor hallucis longus | finding_type=motor grade=4/5 body_site=foot", kProtrusion,
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kEsiMet},
      {"an EMG showing L5 radiculopathy corroborates the examination",
       {.request = kEsi,
        .facts = {kSensory,
                  "procedure/historical | EMG/NCS of the lower extremities consistent with left L5 radiculopathy | procedure=emg_ncs "
                  "procedure_group=imaging body_site=lower~extremity",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kEsiMet},
      {"an abnormal EMG that names no root problem does not corroborate radiculopathy",
       {.request = kEsi,
        .facts = {kSensory,
                  "procedure/historical | abnormal EMG/NCS of the lower extremities showing peripheral neuropathy | procedure=emg_ncs "
                  "procedure_group=imaging body_site=lower~extremity",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=not_documented conservative_care=met levels=met"},
      {"repeat: pain relief alone is not functional improvement",
       {.request = kRepeat, .facts = {kSensory, kProtrusion, kEsiRelief}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=not_documented levels=met",
       "injection.epidural.cpmtg_repeat@1", "Objective functional improvement or reduced medication use after the earlier injection was not documented"},
      {"repeat: relief with less medication use: met",
       {.request = kRepeat,
        .facts = {kSensory, kProtrusion, kEsiRelief,
                  "functional_status | decreased pain medication use | functional_improvement=documented"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=met levels=met",
       "injection.epidural.cpmtg_repeat@1"},
      {"repeat: a work status of regular duty is no return to work",
       {.request = kRepeat,
        .facts = {kSensory, kProtrusion, kEsiRelief, "functional_status | work status: regular duty | work_status=full_duty"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=met relief_duration=met "
       "functional_improvement=not_documented levels=met"},
      {"repeat: relief from trigger point injections is not relief from the epidural",
       {.request = kRepeat,
        .facts = {kSensory, kProtrusion, kFullDuty,
                  "treatment_history/historical | trigger point injections with 70% relief for 2 months | treatment=injection relief_percent=70"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radiculopathy_exam=met corroborated=met prior_relief=not_documented relief_duration=met "
       "functional_improvement=met levels=met",
       "", "The degree of relief from the earlier epidural injection was not documented."},
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

TEST(FacetRules, BoilerplateDoesNotPointToTheFacets) {
  const std::string kParaspinal =
      "finding | tenderness to palpation of the lumbar paraspinal muscles | finding_type=tenderness body_site=lumbar_spine";
  const std::string kRepeatFacet =
      "injection.facet | Repeat bilateral L4-5 facet injections | body_site=lumbar_spine level=L4-5 laterality=bilateral course=continued";
  const std::string kRf = "injection.radiofrequency | Repeat radiofrequency ablation L4-5 | body_site=lumbar_spine level=L4-5";
  const std::string kRfRelief =
      "treatment_history/historical | radiofrequency ablation with 70% relief for 6 months | treatment=radiofrequency_ablation relief_percent=70";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"tenderness of the paraspinal muscles does not single out the facet joints",
       {.request = kFacet, .facts = {kParaspinal, kSlrNegative, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 non_radicular=met facet_signs=not_documented conservative_care=met levels=met no_fusion=met",
       "", "No examination findings pointing to the facet joints were documented."},
      {"tenderness over the facet joints themselves: met",
       {.request = kFacet, .facts = {kParaspinal, kFacetTender, kSlrNegative, kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016" + kFacetMet},
      {"repeat facet injection: relief from an epidural does not count",
       {.request = kRepeatFacet,
        .facts = {kSlrNegative, kFullDuty,
                  "treatment_history/historical | epidural steroid injection with 80% relief for 3 months | treatment=injection relief_percent=80"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 prior_relief=not_documented relief_duration=met functional_improvement=met "
       "non_radicular=met levels=met",
       "injection.facet.repeat@1"},
      {"repeat neurotomy: relief alone, without functional gain, is not enough",
       {.request = kRf, .facts = {kRfRelief}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 prior_relief=met relief_duration=met functional_improvement=not_documented levels=met",
       "injection.facet.rf_repeat@1"},
      {"repeat neurotomy with relief and improved daily activities: met",
       {.request = kRf,
        .facts = {kRfRelief, "functional_status | improved activities of daily living | functional_improvement=documented"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 prior_relief=met relief_duration=met functional_improvement=met levels=met",
       "injection.facet.rf_repeat@1"},
  }), "");
}

// ---------------------------------------------------------------- trigger points
const std::string kTpi = "injection.trigger_point | Trigger point injections x 4 to the trapezius | quantity=4 body_site=trapezius";
const std::string kTriggerPoints =
    "finding | trigger points in the trapezius with a twitch response and referred pain | finding_type=tenderness trigger_point=yes "
    "body_site=trapezius";
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

TEST(TriggerPointRules, BoilerplateDoesNotShowTriggerPoints) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a twitch response without referred pain is not enough",
       {.request = kTpi,
        .facts = {"finding | trigger points in the trapezius with a twitch response | finding_type=tenderness trigger_point=yes body_site=trapezius",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 duration=met conservative_care=met trigger_points=met twitch_referred=not_documented "
       "no_radiculopathy=met injections=met",
       "", "A twitch response together with referred pain on palpation of the trigger points was not documented"},
      {"tenderness of the trapezius is not a trigger point",
       {.request = kTpi, .facts = {"finding | tenderness of the trapezius | finding_type=tenderness body_site=trapezius", kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 duration=met conservative_care=met trigger_points=not_documented "
       "twitch_referred=not_documented no_radiculopathy=met injections=met"},
      {"repeat: relief from an epidural is not relief from trigger point injections",
       {.request = "injection.trigger_point | Repeat trigger point injections x 4 | quantity=4 body_site=trapezius course=continued",
        .facts = {kTriggerPoints, kFullDuty,
                  "treatment_history/historical | epidural injection with 60% relief for 6 weeks | treatment=injection relief_percent=60"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 functional_improvement=met prior_relief=not_documented relief_duration=met "
       "trigger_points=met no_radiculopathy=met injections=met",
       "injection.trigger_point.cpmtg_repeat@1"},
      {"repeat: relief without functional gain is not enough",
       {.request = kTpi,
        .facts = {kTriggerPoints,
                  "treatment_history/historical | trigger point injections with 60% relief for 6 weeks | treatment=injection relief_percent=60 "
                  "response=improved"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 functional_improvement=not_documented prior_relief=met relief_duration=met "
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
        .facts = {kKneeOa, kPtFailed,
                  "procedure/historical | right knee cortisone injection | procedure=steroid_injection procedure_group=injection body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 knee=met osteoarthritis=met first_line_failed=met", "injection.other.viscosupplementation@1"},
      {"hyaluronic acid for a shoulder: unmet",
       {.request = "injection.joint | Hyaluronic acid injection left shoulder | body_site=shoulder",
        .facts = {"diagnosis | shoulder osteoarthritis | body_site=shoulder", kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 knee=unmet osteoarthritis=met first_line_failed=not_documented"},
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

TEST(OtherInjectionRules, BoilerplateDoesNotMeetTheIndication) {
  const std::string kShoulder = "injection.joint | Right subacromial corticosteroid injection | body_site=shoulder laterality=right";
  const std::string kImpingement = "diagnosis | right shoulder impingement syndrome | body_site=shoulder";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a knee sprain with full motion and a negative McMurray test: no indication and a normal examination",
       {.request = "injection.joint | Right knee corticosteroid injection | body_site=knee laterality=right",
        .facts = {"diagnosis | sprain of the right knee | body_site=knee",
                  "finding | full range of motion of the right knee | finding_type=rom state=full body_site=knee",
                  "finding | negative McMurray test of the knee | finding_type=special_test test=mcmurray result=negative body_site=knee",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_findings=unmet conservative_care=met"},
      {"normal strength at the shoulder is no objective finding",
       {.request = kShoulder,
        .facts = {kImpingement, "finding | 5/5 strength of the right shoulder | finding_type=motor grade=5/5 body_site=shoulder", kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met objective_findings=not_documented conservative_care=met"},
      {"impingement with a positive Hawkins test after failed therapy: met",
       {.request = kShoulder,
        .facts = {kImpingement,
                  "finding | positive Hawkins test at the right shoulder | finding_type=special_test test=hawkins result=positive body_site=shoulder",
                  kPtFailed},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met objective_findings=met conservative_care=met", "injection.other.joint@1"},
      {"hyaluronic acid without an earlier steroid injection of the knee: not documented",
       {.request = "injection.joint | Synvisc-One injection right knee | body_site=knee",
        .facts = {"diagnosis | right knee osteoarthritis | body_site=knee", kPtFailed}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 knee=met osteoarthritis=met first_line_failed=not_documented",
       "injection.other.viscosupplementation@1"},
      {"chondromalacia of the patella is not knee osteoarthritis",
       {.request = "injection.joint | Synvisc-One injection right knee | body_site=knee",
        .facts = {"diagnosis | chondromalacia patella | body_site=knee", kPtFailed,
                  "procedure/historical | right knee cortisone injection | procedure=steroid_injection procedure_group=injection body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 knee=met osteoarthritis=not_documented first_line_failed=met"},
      {"an occipital nerve block for headache alone: not documented",
       {.request = "injection.other | Greater occipital nerve block | body_site=head", .facts = {"diagnosis | post-traumatic headache"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 indication=not_documented", "injection.other.occipital@1"},
      {"an occipital nerve block for occipital neuralgia: met",
       {.request = "injection.other | Greater occipital nerve block | body_site=head", .facts = {"diagnosis | occipital neuralgia"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 indication=met", "injection.other.occipital@1"},
  }), "");
}

// ---------------------------------------------------------------- TENS and electrical stimulation
TEST(ElectricalStimulationRules, TensHwaveInterferential) {
  const std::string kTrial = "dme.tens | TENS unit 30 day trial rental | days=30 course=initial";
  const std::string kPurchase = "dme.tens | TENS unit purchase";
  const std::string kRadic = "diagnosis | lumbar radiculopathy | body_site=lumbar_spine";
  const std::string kHep = "procedure | home exercise program | procedure=home_exercise_program procedure_group=therapy";
  const std::string kTensHelped = "treatment_history/historical | TENS trial improved function | treatment=tens response=improved";
  const std::string kTensFunction =
      "functional_status | improved ability to perform household chores with the TENS unit | functional_improvement=documented";
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
       {.request = kPurchase, .facts = {kRadic, kPtFailed, kHep, kTensHelped, kTensFunction}, .request_date = k2016, .injury_date = kInjury},
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
        .facts = {"diagnosis | diabetic peripheral neuropathy", kPtFailed, kHep,
                  "treatment_history/historical | TENS unit without benefit | treatment=tens response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 chronic_pain=met condition=met tens_failed=met other_modalities_failed=met "
       "functional_program=met trial_length=met",
       "dme.tens.h_wave_cpmtg@1", "H-wave stimulation (HWT), pp. 117-118"},
      {"supplies for a unit in use with benefit: met",
       {.request = "dme.tens | TENS electrodes and batteries", .facts = {kTensHelped}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 unit_in_use=met", "dme.tens.supplies_cpmtg@1"},
  }), "");
}

TEST(ElectricalStimulationRules, BoilerplateDoesNotShowATrialOrAProgram) {
  const std::string kRadic = "diagnosis | lumbar radiculopathy | body_site=lumbar_spine";
  const std::string kHep = "procedure | home exercise program | procedure=home_exercise_program procedure_group=therapy";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a work status is not an active rehabilitation program",
       {.request = "dme.tens | TENS unit 30 day trial rental | days=30 course=initial",
        .facts = {kRadic, kPtFailed, "functional_status | modified duty with restrictions | work_status=modified_duty"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 chronic_pain=met condition=met other_modalities_failed=met functional_program=not_documented "
       "trial_length=met",
       "dme.tens.tens_trial_cpmtg@1"},
      {"purchase: a unit said to help, with no trial and no functional change, is no successful trial",
       {.request = "dme.tens | TENS unit purchase",
        .facts = {kRadic, kPtFailed, kHep, "treatment_history | TENS unit has been helpful | treatment=tens response=improved"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 successful_trial=not_documented chronic_pain=met condition=met functional_program=met",
       "dme.tens.tens_purchase_cpmtg@1"},
      {"purchase: a one-month trial with pain relief but no functional change is not enough",
       {.request = "dme.tens | TENS unit purchase",
        .facts = {kRadic, kPtFailed, kHep,
                  "treatment_history/historical | completed a one-month trial of TENS with 50% pain relief | treatment=tens relief_percent=50 "
                  "response=improved"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 successful_trial=not_documented chronic_pain=met condition=met functional_program=met"},
      {"purchase: a one-month trial with relief and better function: met",
       {.request = "dme.tens | TENS unit purchase",
        .facts = {kRadic, kPtFailed, kHep,
                  "treatment_history/historical | completed a one-month trial of TENS with 50% pain relief | treatment=tens relief_percent=50 "
                  "response=improved",
                  "functional_status | increased walking tolerance with the unit | functional_improvement=documented"},
        .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 successful_trial=met chronic_pain=met condition=met functional_program=met",
       "dme.tens.tens_purchase_acoem_2017@1"},
      {"H-wave for radiculopathy: not a condition H-wave is tried for",
       {.request = "dme.tens | H-wave unit 30 day trial | days=30",
        .facts = {kRadic, kPtFailed, kHep, "treatment_history/historical | TENS unit without benefit | treatment=tens response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 chronic_pain=met condition=not_documented tens_failed=met other_modalities_failed=met "
       "functional_program=met trial_length=met",
       "dme.tens.h_wave_cpmtg@1", "Neither diabetic neuropathic pain nor chronic soft-tissue inflammation was documented."},
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
                                              "finding | positive valgus stress test with laxity of the knee | finding_type=special_test "
                                              "result=positive body_site=knee",
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

TEST(DmeRules, BoilerplateDoesNotMeetTheCriteria) {
  const std::string kShoulderSurgery =
      "procedure/hypothetical | right shoulder arthroscopy | procedure=arthroscopy procedure_group=surgery body_site=shoulder";
  const std::string kOldShoulderSurgery =
      "procedure/historical | right shoulder arthroscopy in 2009 | procedure=arthroscopy procedure_group=surgery body_site=shoulder";
  const std::string kHotCold = "dme.hot_cold | Hot and cold packs for the low back | body_site=lumbar_spine";
  const std::string kLumbarSprain = "diagnosis | lumbar sprain | body_site=lumbar_spine";
  const std::string kKneeBrace = "dme.brace | Hinged knee brace | body_site=knee";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"cold therapy unit with no stated length of use: not documented",
       {.request = "dme.hot_cold | Cold therapy unit for the right shoulder | body_site=shoulder", .facts = {kShoulderSurgery},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 postoperative=met short_term=not_documented", "dme.other.cold_therapy_unit@1",
       "The request does not say for how long the unit would be used"},
      {"cold therapy unit years after a shoulder operation: no surgery for it to follow",
       {.request = "dme.hot_cold | Cold therapy unit, seven day rental | days=7 body_site=shoulder", .facts = {kOldShoulderSurgery},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 postoperative=not_documented short_term=met"},
      {"hot and cold packs long after the injury: not necessary",
       {.request = kHotCold,
        .facts = {kLumbarSprain,
                  "procedure/historical | L4-5 laminectomy in 2010 | procedure=laminectomy procedure_group=surgery body_site=lumbar_spine"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met recent=unmet postoperative=not_documented self_applied=met",
       "dme.other.heat_cold@1"},
      {"hot and cold packs within weeks of the injury: met",
       {.request = kHotCold, .facts = {kLumbarSprain}, .request_date = k2016, .injury_date = "2016-09-20"},
       "medically_necessary chronic_pain_2016 diagnosis=met recent=met postoperative=not_documented self_applied=met",
       "dme.other.heat_cold@1"},
      {"a powered heating unit is not the self-applied heat the guideline means",
       {.request = "dme.hot_cold | Infrared heat lamp for the low back | body_site=lumbar_spine", .facts = {kLumbarSprain},
        .request_date = k2017, .injury_date = "2017-12-20"},
       "not_medically_necessary acoem_2017 diagnosis=met recent=met postoperative=not_documented self_applied=unmet",
       "dme.other.heat_cold_acoem_2017@1", "The request is for a powered unit or device"},
      {"knee brace for knee pain with a normal examination: not necessary",
       {.request = kKneeBrace,
        .facts = {"diagnosis | right knee pain | body_site=knee",
                  "finding | 5/5 strength of the quadriceps | finding_type=motor grade=5/5 body_site=knee",
                  "finding | negative drawer test of the knee | finding_type=special_test test=drawer result=negative body_site=knee",
                  "functional_status | difficulty with activities of daily living | adl=limited"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=not_documented objective_findings=unmet functional_deficit=met "
       "postoperative=not_documented"},
      {"wrist splint for carpal tunnel syndrome: work restrictions are no functional deficit the splint addresses",
       {.request = "dme.brace | Right wrist splint | body_site=wrist",
        .facts = {"diagnosis | right carpal tunnel syndrome | body_site=wrist",
                  "finding | positive Phalen test at the right wrist | finding_type=special_test test=phalen result=positive body_site=wrist",
                  "functional_status | modified duty | work_status=modified_duty"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 diagnosis=met objective_findings=met functional_deficit=not_documented "
       "postoperative=not_documented"},
      {"wrist splint for carpal tunnel syndrome with weak grip: met",
       {.request = "dme.brace | Right wrist splint | body_site=wrist",
        .facts = {"diagnosis | right carpal tunnel syndrome | body_site=wrist",
                  "finding | positive Phalen test at the right wrist | finding_type=special_test test=phalen result=positive body_site=wrist",
                  "finding | grip strength 4/5 on the right | finding_type=motor grade=4/5 body_site=hand"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 diagnosis=met objective_findings=met functional_deficit=met postoperative=not_documented",
       "dme.other.brace@1"},
      {"a walking tolerance is not a gait problem",
       {.request = "dme.other | Cane | body_site=knee",
        .facts = {"diagnosis | knee sprain | body_site=knee", "functional_status | walking tolerance of 30 minutes | adl=tolerance activity=walking"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 gait_problem=not_documented diagnosis=met", "dme.other.mobility_aid@1"},
      {"a shower chair with only a general limit on daily activities: not documented",
       {.request = "dme.other | Shower chair", .facts = {"functional_status | difficulty with activities of daily living | adl=limited"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 adl_need=not_documented", "dme.other.bathroom@1"},
      {"a shower chair for difficulty bathing: met",
       {.request = "dme.other | Shower chair", .facts = {"functional_status | difficulty bathing | adl=limited activity=bathing"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 adl_need=met", "dme.other.bathroom@1"},
      {"cervical traction: a positive straight leg raise is not a neck sign",
       {.request = "dme.other | Home cervical traction unit | body_site=cervical_spine",
        .facts = {"finding | positive straight leg raise | finding_type=slr result=positive", "procedure | home exercise program | procedure=home_exercise_program procedure_group=therapy"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 radicular=not_documented home_program=met", "dme.other.cervical_traction@1"},
      {"cervical traction for arm pain in a root's territory with a home program: met",
       {.request = "dme.other | Home cervical traction unit | body_site=cervical_spine",
        .facts = {"finding | pain radiating into the right arm | finding_type=radiation body_site=arm", "procedure | home exercise program | procedure=home_exercise_program procedure_group=therapy"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 radicular=met home_program=met", "dme.other.cervical_traction@1"},
      {"CPM after a knee arthroscopy: not an operation CPM is used after",
       {.request = "dme.other | CPM unit 14 days | days=14 body_site=knee",
        .facts = {"procedure/hypothetical | right knee arthroscopy | procedure=arthroscopy procedure_group=surgery body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 knee=met postoperative=not_documented duration=met", "dme.other.cpm@1"},
      {"CPM for 14 days after a planned total knee replacement: met",
       {.request = "dme.other | CPM unit 14 days | days=14 body_site=knee",
        .facts = {"procedure/hypothetical | right total knee arthroplasty | procedure=arthroplasty procedure_group=surgery body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 knee=met postoperative=met duration=met", "dme.other.cpm@1"},
      {"compression device after surgery: high blood pressure is no clot risk",
       {.request = "dme.other | Post-op DVT compression device | body_site=shoulder",
        .facts = {kShoulderSurgery, "diagnosis | hypertension"}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 postoperative=met dvt_risk=not_documented", "dme.other.compression@1"},
      {"compression device after a planned knee replacement: met",
       {.request = "dme.other | Post-op DVT compression device | body_site=knee",
        .facts = {"procedure/hypothetical | right total knee arthroplasty | procedure=arthroplasty procedure_group=surgery body_site=knee"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 postoperative=met dvt_risk=met", "dme.other.compression@1"},
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
      "functional_status | motivated to return to work | activity=work",
      "functional_status | unable to perform household chores | adl=limited"};
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
       "not_medically_necessary chronic_pain_2016 job_limitation=not_documented therapy_plateau=met not_surgical_candidate=not_documented "
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

TEST(ProgramRules, BoilerplateDoesNotMeetTheProgramCriteria) {
  const std::string kFrp = "program.functional_restoration | Functional restoration program x 10 days | days=10";
  const std::string kFrpEval = "program.functional_restoration | Multidisciplinary evaluation for a functional restoration program";
  const std::string kNoSurgery = "procedure/absent | not a surgical candidate per the spine surgeon | procedure=fusion procedure_group=surgery";
  const std::string kChores = "functional_status | unable to perform household chores | adl=limited";
  const std::string kMotivated = "functional_status | motivated to return to work | activity=work";
  const std::string kTeamEval =
      "procedure | multidisciplinary evaluation for the functional restoration program | procedure=functional_restoration_program "
      "procedure_group=therapy";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"time off work is not a loss of independent function",
       {.request = kFrp, .facts = {kTeamEval, kPtFailed, kOffWork, kNoSurgery, kMotivated}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 evaluation=met prior_treatment_failed=met loss_of_function=not_documented "
       "not_surgical_candidate=met motivation=met chronic_pain=met trial_length=met",
       "program.functional_restoration.cpmtg@1"},
      {"an orthopedic consultation is not the program's team assessment",
       {.request = kFrp,
        .facts = {"procedure | orthopedic consultation and evaluation | procedure=consultation", kPtFailed, kChores, kNoSurgery, kMotivated},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 evaluation=not_documented prior_treatment_failed=met loss_of_function=met "
       "not_surgical_candidate=met motivation=met chronic_pain=met trial_length=met"},
      {"the assessment for a program: a candidate with failed care, lost function and no surgery pending: met",
       {.request = kFrpEval, .facts = {kPtFailed, kChores, kNoSurgery}, .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 prior_treatment_failed=met loss_of_function=met not_surgical_candidate=met chronic_pain=met",
       "program.functional_restoration.evaluation_cpmtg@1", "Chronic pain programs (functional restoration programs), pp. 30-34"},
      {"the assessment in era acoem_2004", {.request = kFrpEval, .facts = {kPtFailed, kChores, kNoSurgery}, .request_date = k2004, .injury_date = kInjury},
       "medically_necessary acoem_2004 prior_treatment_failed=met loss_of_function=met not_surgical_candidate=met chronic_pain=met",
       "program.functional_restoration.evaluation_acoem_2004@1"},
      {"the assessment in era acoem_2017", {.request = kFrpEval, .facts = {kPtFailed, kChores, kNoSurgery}, .request_date = k2017, .injury_date = kInjury},
       "medically_necessary acoem_2017 prior_treatment_failed=met loss_of_function=met not_surgical_candidate=met chronic_pain=met",
       "program.functional_restoration.evaluation_acoem_2017@1"},
      {"the assessment with a surgery still planned: unmet",
       {.request = kFrpEval,
        .facts = {kPtFailed, kChores, "procedure/hypothetical | L4-5 fusion | procedure=fusion procedure_group=surgery body_site=lumbar_spine"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 prior_treatment_failed=met loss_of_function=met not_surgical_candidate=unmet chronic_pain=met"},
      {"continued program: less pain without any functional gain is no progress",
       {.request = "program.functional_restoration | Functional restoration program, additional 10 days | days=10 course=continued",
        .facts = {"treatment_history | functional restoration program with significant pain relief | treatment=functional_restoration response=improved"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 progress=not_documented total_length=met", "program.functional_restoration.continued_cpmtg@1"},
      {"work hardening: a stated wish to return to work is no job to return to",
       {.request = "program.work_hardening | Work hardening 10 visits | visits=10",
        .facts = {"functional_status | off work | work_status=off_work", kPtFailed,
                  "procedure/absent | not a surgical candidate | procedure=fusion procedure_group=surgery",
                  "functional_status | would like to return to work | work_status=unknown"},
        .request_date = k2016, .injury_date = "2016-01-04"},
       "not_medically_necessary chronic_pain_2016 job_limitation=met therapy_plateau=met not_surgical_candidate=met "
       "return_to_work_goal=not_documented within_two_years=met visits=met",
       "program.functional_restoration.work_hardening_cpmtg@1"},
      {"day treatment: insomnia is not the psychiatric disorder partial hospitalization is for",
       {.request = "program.day_treatment | Partial hospitalization program 4 weeks | weeks=4",
        .facts = {"diagnosis | insomnia", "treatment_history/historical | psychotherapy without benefit | treatment=psychotherapy response=no_benefit"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 psychiatric_diagnosis=not_documented severity=not_documented outpatient_tried=met "
       "length=met"},
      {"day treatment: an antidepressant taken for pain is not outpatient psychiatric care",
       {.request = "program.day_treatment | Partial hospitalization program 4 weeks | weeks=4",
        .facts = {"diagnosis | major depressive disorder with suicidal ideation",
                  "medication | amitriptyline 25 mg at bedtime | generic=amitriptyline drug_class=antidepressant"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 psychiatric_diagnosis=met severity=met outpatient_tried=not_documented length=met",
       "program.day_treatment.cpmtg@1"},
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

TEST(ReferralRules, BoilerplateIsNoReasonForAReferralOrAVisit) {
  const std::string kConsult = "referral.specialist | Orthopedic surgeon consultation";
  const std::string kPain = "finding | low back pain rated 7/10 | finding_type=pain_score score=7 score_max=10";
  const std::string kFollowUp = "referral.follow_up | Follow-up visit | visits=1";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a course of therapy and time since the injury are no reason for a referral",
       {.request = kConsult,
        .facts = {"treatment_history/historical | completed 12 sessions of physical therapy | treatment=physical_therapy count=12", kPain},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 reason=not_documented ongoing_symptoms=met", "referral.acoem_2004@1"},
      {"depression is no reason for an orthopedic referral",
       {.request = kConsult, .facts = {"diagnosis | depression", kPain}, .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 reason=not_documented ongoing_symptoms=met"},
      {"depression is a reason for a psychological evaluation",
       {.request = "referral.specialist | Psychological evaluation", .facts = {"diagnosis | depression", kPain},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 reason=met ongoing_symptoms=met"},
      {"an uncertain diagnosis is a reason for a referral",
       {.request = "referral.specialist | Hand surgeon consultation",
        .facts = {"diagnosis | rule out right carpal tunnel syndrome | body_site=wrist",
                  "finding | numbness of the right hand | finding_type=sensation state=numbness body_site=hand"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 reason=met ongoing_symptoms=met"},
      {"normal findings and a pain score of zero are no ongoing symptoms",
       {.request = kConsult,
        .facts = {kPtFailed, "finding | strength 5/5 | finding_type=motor grade=5/5", "finding | sensation intact | finding_type=sensation state=intact",
                  "finding | pain 0/10 | finding_type=pain_score score=0 score_max=10"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 reason=met ongoing_symptoms=unmet"},
      {"a follow-up visit for an anti-inflammatory alone: no treatment needing monitoring",
       {.request = kFollowUp, .facts = {kPain, "medication | ibuprofen 800 mg | generic=ibuprofen drug_class=nsaid"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=not_documented visits=met",
       "referral.follow_up_acoem_2004@1"},
      // Fold 2 of the k-fold check: therapy named in the record is no course
      // the physician must watch (CHANGES.md).
      {"a follow-up visit for therapy merely named: no treatment needing monitoring",
       {.request = kFollowUp, .facts = {kPain, "procedure | physical therapy | procedure=physical_therapy procedure_group=therapy"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=not_documented visits=met"},
      {"a follow-up visit during a counted course of therapy: met",
       {.request = kFollowUp,
        .facts = {kPain, "procedure | 6 of 12 physical therapy visits | procedure=physical_therapy procedure_group=therapy count=6"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=met visits=met"},
      {"a follow-up visit after a planned injection: met",
       {.request = kFollowUp,
        .facts = {kPain, "procedure/hypothetical | L4-5 epidural steroid injection | procedure=epidural_steroid_injection procedure_group=injection"},
        .request_date = k2016, .injury_date = kInjury},
       "medically_necessary chronic_pain_2016 ongoing_symptoms=met ongoing_treatment=met visits=met"},
      {"preoperative clearance: heartburn is no heart disease",
       {.request = "referral.specialist | Preoperative medical clearance",
        .facts = {"procedure/hypothetical | lumbar fusion | procedure=fusion procedure_group=surgery", "diagnosis | heartburn"},
        .request_date = k2016, .injury_date = kInjury},
       "not_medically_necessary chronic_pain_2016 surgery_planned=met medical_risk=not_documented", "referral.clearance_acoem_2004@1"},
  }), "");
}

}  // namespace
}  // namespace imr
