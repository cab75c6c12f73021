// Rule sets for imaging, electrodiagnostics, surgery and the general rule:
// for each, a request that meets its criteria, one a fact contradicts, one the
// record does not document, and the era each request date selects.
#include <gtest/gtest.h>

#include "decide/decide_testing.h"

namespace imr {
namespace {

using testing::Decide;
using testing::Describe;
using testing::RuleCase;

using Row = testing::RuleRow;

constexpr char kLumbarMri[] = "imaging.mri.lumbar | MRI of the lumbar spine | body_site=lumbar_spine";
constexpr char kCervicalMri[] = "imaging.mri.cervical | MRI of the cervical spine | body_site=cervical_spine";
constexpr char kDeficitLeg[] = "finding | decreased sensation L5 dermatome | finding_type=sensation state=decreased level=L5";
constexpr char kNormalMotor[] = "finding | strength 5/5 | finding_type=motor grade=5/5";
// A course of care as the record must state it: what, and how much or how it went.
constexpr char kPriorPt[] =
    "treatment_history/historical | 8 sessions of physical therapy without relief | treatment=physical_therapy count=8 "
    "response=no_benefit";
// The word alone, which every record holds.
constexpr char kTherapyWord[] = "procedure/historical | physical therapy | procedure=physical_therapy";
constexpr char kSurgeryPlanned[] =
    "procedure/hypothetical | lumbar decompression | procedure=laminectomy procedure_group=surgery body_site=lumbar_spine";

TEST(SpineImagingRules, Lumbar) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"deficit, a month of failed care, surgery considered",
       {kLumbarMri, {kDeficitLeg, kPriorPt, kSurgeryPlanned}, "2016-11-03", "2016-06-01"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met conservative_care=met "
       "surgery_considered=met"},
      {"a normal examination contradicts the deficit",
       {kLumbarMri, {kNormalMotor, kPriorPt}, "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=unmet "
       "conservative_care=met surgery_considered=not_documented"},
      {"nothing documented", {kLumbarMri, {}, "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"a red flag alone suffices", {kLumbarMri, {"finding | saddle anesthesia | finding_type=red_flag red_flag=cauda_equina"}, "2008-05-01", ""},
       "medically_necessary acoem_2004 red_flags=met neuro_deficit=not_documented conservative_care=not_documented "
       "surgery_considered=not_documented"},
      {"a fresh fracture is a red flag; an old one is not",
       {kLumbarMri, {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, "2016-11-03", "2016-10-20"},
       "medically_necessary chronic_pain_2016 red_flags=met neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"the same fracture two years on",
       {kLumbarMri, {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, "2016-11-03", "2014-10-20"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"ACOEM era: deficit for four weeks with surgery considered",
       {kLumbarMri, {kDeficitLeg, kSurgeryPlanned}, "2018-03-01", "2017-12-01"},
       "medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met duration=met surgery_considered=met"},
      {"ACOEM era: too early", {kLumbarMri, {kDeficitLeg, kSurgeryPlanned}, "2018-03-01", "2018-02-20"},
       "not_medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met duration=unmet "
       "surgery_considered=met"},
  }), "");
}

TEST(SpineImagingRules, CervicalNeedsOnlyPhysiologicEvidence) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"dermatomal sensory loss in the hand",
       {kCervicalMri, {"finding | decreased C6 sensation | finding_type=sensation state=decreased level=C6"}, "2016-12-13",
        "2016-11-11"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"a leg finding says nothing of the neck",
       {kCervicalMri, {"finding | decreased sensation | finding_type=sensation state=decreased body_site=lower~extremities"},
        "2016-12-13", "2016-11-11"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"ungraded weakness is a complaint, not an examination finding",
       {kCervicalMri, {"finding | weakness | finding_type=motor"}, "2016-12-13", "2016-11-11"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
  }), "");
}

TEST(JointImagingRules, ShoulderKneeExtremity) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"knee: positive McMurray after a month of therapy",
       {"imaging.mri.knee | MRI right knee | body_site=knee",
        {"finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee", kPriorPt},
        "2016-11-03", "2016-09-01"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=met conservative_care=met "
       "surgery_considered=not_documented"},
      {"knee: a negative McMurray is no sign of derangement",
       {"imaging.mri.knee | MRI right knee | body_site=knee",
        {"finding | negative McMurray | finding_type=special_test test=mcmurray result=negative body_site=knee", kPriorPt},
        "2016-11-03", "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"shoulder: signs but the injury is a week old",
       {"imaging.mri.shoulder | MRI left shoulder | body_site=shoulder",
        {"finding | positive Neer | finding_type=special_test test=neer result=positive body_site=shoulder", kTherapyWord},
        "2018-03-01", "2018-02-22"},
       "not_medically_necessary acoem_2017 red_flags=not_documented objective_signs=met "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"wrist: nothing documented, ACOEM 2004 era",
       {"imaging.mri.wrist_hand | MRI of the wrist | body_site=wrist", {}, "2008-05-01", "2008-01-01"},
       "not_medically_necessary acoem_2004 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
  }), "");
}

TEST(OtherImagingRules, BrainAndPlainFilms) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"head CT days after a fall with loss of consciousness",
       {"imaging.ct.brain | CT of the head | body_site=head", {"finding | loss of consciousness | finding_type=neuro_deficit"},
        "2016-11-10", "2016-11-01"},
       "medically_necessary chronic_pain_2016 neuro_signs=met acute_injury=met"},
      {"head CT for headaches two months on",
       {"imaging.ct.brain | CT of the head | body_site=head", {"finding | loss of consciousness | finding_type=neuro_deficit"},
        "2016-12-16", "2016-10-14"},
       "not_medically_necessary chronic_pain_2016 neuro_signs=met acute_injury=unmet"},
      {"lumbar films without red flags",
       {"imaging.xray.lumbar | x-ray lumbar spine | body_site=lumbar_spine", {"finding | tenderness | finding_type=tenderness body_site=lumbar_spine"},
        "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented bony_signs=unmet"},
      {"knee films a week after a fall with tenderness",
       {"imaging.xray.knee | x-ray right knee | body_site=knee", {"finding | tenderness | finding_type=tenderness body_site=knee"},
        "2018-03-01", "2018-02-22"},
       "medically_necessary acoem_2017 red_flags=not_documented bony_signs=met"},
  }), "");
}

TEST(ElectrodiagnosticRules, EmgNcs) {
  constexpr char kUpper[] = "testing.emg_ncs | EMG/NCS bilateral upper extremities | body_site=upper_extremity laterality=bilateral";
  constexpr char kLowerNcs[] = "testing.emg_ncs | NCV of the bilateral lower extremities | body_site=lower_extremity";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"hand numbness for a month, carpal tunnel to rule out",
       {kUpper, {"diagnosis/possible | carpal tunnel syndrome | body_site=hand", "finding | numbness in the fingers | finding_type=sensation state=numbness body_site=fingers"},
        "2016-12-20", "2016-11-10"},
       "medically_necessary chronic_pain_2016 nerve_symptoms=met duration=met not_established=met ncs_indicated=met"},
      {"too early", {kUpper, {"finding | numbness in the fingers | finding_type=sensation state=numbness body_site=fingers"}, "2016-12-20", "2016-12-10"},
       "not_medically_necessary chronic_pain_2016 nerve_symptoms=met duration=unmet not_established=met ncs_indicated=met"},
      {"no neurological symptom", {kUpper, {"finding | neck tenderness | finding_type=tenderness body_site=neck"}, "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"leg NCS for presumed radicular symptoms",
       {kLowerNcs, {kDeficitLeg}, "2018-03-01", "2017-10-01"},
       "not_medically_necessary acoem_2017 nerve_symptoms=met duration=met not_established=met ncs_indicated=unmet"},
      {"radiculopathy already evident: deficit and a positive straight leg raise",
       {"testing.emg_ncs | EMG of the lower extremities | body_site=lower_extremity",
        {kDeficitLeg, "finding | positive SLR | finding_type=slr result=positive"}, "2008-05-01", "2008-01-01"},
       "not_medically_necessary acoem_2004 nerve_symptoms=met duration=met not_established=unmet ncs_indicated=met"},
  }), "");
}

TEST(SurgeryRules, SpineKneeAndAssociatedServices) {
  constexpr char kHerniation[] = "finding | L5-S1 disc herniation | finding_type=imaging_result level=L5-S1";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"discectomy: imaging, deficit and failed care",
       {"surgery.spine | L5-S1 microdiscectomy | body_site=lumbar_spine", {kHerniation, kDeficitLeg, kPriorPt}, "2016-11-03", "2016-05-01"},
       "medically_necessary chronic_pain_2016 imaging_lesion=met neuro_findings=met conservative_care=met"},
      // A normal examination rules out a deficit, but not instability: the
      // criterion stays undocumented, and undocumented counts against.
      {"discectomy with a normal examination",
       {"surgery.spine | L5-S1 microdiscectomy | body_site=lumbar_spine", {kHerniation, kNormalMotor, kPriorPt}, "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met neuro_findings=not_documented conservative_care=met"},
      {"knee arthroscopy without imaging",
       {"surgery.knee | right knee arthroscopy | body_site=knee",
        {"finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee"}, "2012-05-01", "2011-05-01"},
       "not_medically_necessary chronic_pain_2009 imaging_lesion=not_documented exam_findings=met conservative_care=not_documented"},
      // A diagnosis of a tear is the physician's word, not the images': the
      // guideline asks for imaging that agrees with the examination
      // (decide/rules/CHANGES.md, 2026-12-06).
      {"knee arthroscopy on a diagnosed tear with a normal MRI",
       {"surgery.knee | right knee arthroscopy | body_site=knee",
        {"diagnosis | tear of the medial meniscus | body_site=knee",
         "finding/possible | tendinopathy | finding_type=imaging_result body_site=knee",
         "finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee",
         kPriorPt},
        "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=not_documented exam_findings=met conservative_care=met"},
      {"an assistant for a fusion",
       {"surgery.other | Assistant surgeon", {"procedure/hypothetical | L4-5 fusion | procedure=fusion procedure_group=surgery"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 complex_procedure=met"},
      {"an assistant for an arthroscopy",
       {"surgery.other | PA assist", {"procedure/hypothetical | knee arthroscopy | procedure=arthroscopy procedure_group=surgery"}, "2018-03-01", "2017-01-01"},
       "not_medically_necessary acoem_2017 complex_procedure=not_documented"},
  }), "");
}

TEST(ConservativeCare, AStatedCourseNotTheWordTherapy) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"a deficit and therapy named with no course or response",
       {kLumbarMri, {kDeficitLeg, kTherapyWord, kSurgeryPlanned}, "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met conservative_care=not_documented "
       "surgery_considered=met"},
      {"the same with the sessions counted",
       {kLumbarMri, {kDeficitLeg, "procedure/historical | 12 sessions of physical therapy | procedure=physical_therapy count=12",
                     kSurgeryPlanned},
        "2016-11-03", "2016-06-01"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met conservative_care=met "
       "surgery_considered=met"},
  }), "");
}

TEST(GeneralRule, CategoriesWithoutASet) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"all documented",
       {"other | a service | body_site=lumbar_spine",
        {"diagnosis | lumbar strain | body_site=lumbar_spine", "finding | spasm | finding_type=spasm body_site=lumbar_spine", kPriorPt},
        "2016-11-03", "2016-01-01"},
       "insufficient_documentation chronic_pain_2016 diagnosis=met objective_findings=met first_line_care=met",
       "general.search_sequence@1", "No guideline position on this request was found: the rulebook holds no criteria"},
      {"no findings", {"other | a service | body_site=lumbar_spine", {"diagnosis | lumbar strain | body_site=lumbar_spine"}, "2008-05-01", ""},
       "not_medically_necessary acoem_2004 diagnosis=met objective_findings=not_documented first_line_care=not_documented"},
  }), "");
}

TEST(SpineImagingRules, RationaleQuotesTheRecord) {
  const Determination d = Decide({kLumbarMri, {kNormalMotor}, "2016-11-03", "2016-06-01"});
  EXPECT_NE(d.rationale.find("No neurological deficit was documented (page 1: 'strength 5/5')."), std::string::npos)
      << d.rationale;
  EXPECT_NE(d.rationale.find("Chapter 12, Low Back Complaints, Special Studies, pp. 303-304"), std::string::npos)
      << d.rationale;
}

}  // namespace
}  // namespace imr
