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
constexpr char kDeficitArm[] = "finding | decreased C6 sensation | finding_type=sensation state=decreased level=C6";
constexpr char kNormalMotor[] = "finding | strength 5/5 | finding_type=motor grade=5/5";
// A course of care as the record must state it: what, and how much or how it went.
constexpr char kPriorPt[] =
    "treatment_history/historical | 8 sessions of physical therapy without relief | treatment=physical_therapy count=8 "
    "response=no_benefit";
// The word alone, which every record holds.
constexpr char kTherapyWord[] = "procedure/historical | physical therapy | procedure=physical_therapy";
// Boilerplate of nearly every chronic record: a treatment that helps is a
// response to care, not a course that failed.
constexpr char kMedsHelp[] = "treatment_history | medications have helped | treatment=medication response=improved";
constexpr char kSurgeryPlanned[] =
    "procedure/hypothetical | lumbar decompression | procedure=laminectomy procedure_group=surgery body_site=lumbar_spine";
constexpr char kNeckInjectionPlanned[] =
    "procedure/hypothetical | cervical epidural steroid injection | procedure=epidural_steroid_injection "
    "procedure_group=injection body_site=cervical_spine";

// ACOEM (2004) Ch. 12 pp. 303-304: imaging for red flags, or for clear signs
// of a compressed nerve in a patient whom treatment has not helped and who
// would consider surgery; each of the three alone is not enough.
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
      {"failed care and a planned operation without a nerve finding",
       {kLumbarMri, {kPriorPt, kSurgeryPlanned}, "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=met surgery_considered=met"},
      {"a radiculopathy diagnosis and pain radiating down the leg are no nerve finding",
       {kLumbarMri,
        {"diagnosis | lumbar radiculopathy | body_site=lumbar_spine",
         "finding | pain radiating down the left leg | finding_type=radiation body_site=lower_extremity",
         "finding | lumbar paraspinal tenderness | finding_type=tenderness body_site=lumbar_spine", kPriorPt,
         kSurgeryPlanned},
        "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=met surgery_considered=met"},
      {"a deficit and sessions of care that helped: the patient is responding",
       {kLumbarMri,
        {kDeficitLeg, "procedure/historical | 12 sessions of physical therapy | procedure=physical_therapy count=12",
         "treatment_history | physical therapy has helped | treatment=physical_therapy response=improved", kSurgeryPlanned},
        "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met "
       "conservative_care=not_documented surgery_considered=met"},
      {"nothing documented", {kLumbarMri, {}, "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"red flags looked for and found absent are never met",
       {kLumbarMri, {"finding/absent | no bowel or bladder dysfunction | finding_type=red_flag red_flag=bowel_bladder"},
        "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"a red flag alone suffices", {kLumbarMri, {"finding | saddle anesthesia | finding_type=red_flag red_flag=cauda_equina"}, "2008-05-01", ""},
       "medically_necessary acoem_2004 red_flags=met neuro_deficit=not_documented conservative_care=not_documented "
       "surgery_considered=not_documented"},
      // Two weeks after the injury no course of care can have run a month.
      {"a fresh fracture is a red flag; an old one is not",
       {kLumbarMri, {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, "2016-11-03", "2016-10-20"},
       "medically_necessary chronic_pain_2016 red_flags=met neuro_deficit=not_documented "
       "conservative_care=unmet surgery_considered=not_documented"},
      {"the same fracture two years on",
       {kLumbarMri, {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, "2016-11-03", "2014-10-20"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"ACOEM era: deficit not improving over four weeks of care, surgery considered",
       {kLumbarMri, {kDeficitLeg, kPriorPt, kSurgeryPlanned}, "2018-03-01", "2017-12-01"},
       "medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met conservative_care=met "
       "surgery_considered=met"},
      {"ACOEM era: four weeks since the injury is not four weeks of care that has not helped",
       {kLumbarMri, {kDeficitLeg, kSurgeryPlanned}, "2018-03-01", "2017-12-01"},
       "not_medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met conservative_care=not_documented "
       "surgery_considered=met"},
      {"ACOEM era: too early", {kLumbarMri, {kDeficitLeg, kPriorPt, kSurgeryPlanned}, "2018-03-01", "2018-02-20"},
       "not_medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met conservative_care=unmet "
       "surgery_considered=met"},
  }), "");
}

// ACOEM (2004) Ch. 8 pp. 177-178: clear signs of nerve compromise warrant
// imaging when the symptoms persist through care and an invasive procedure
// is in view, not on the examination alone.
TEST(SpineImagingRules, CervicalNeedsNerveFindingsPersistingAndAProcedureInView) {
  EXPECT_EQ(testing::MismatchedRuleRows({
      // ACOEM Ch. 8 takes definite neurological findings that persist as a reason
      // on their own (fold 2 of the k-fold check; CHANGES.md).
      {"dermatomal sensory loss that persists past the first weeks",
       {kCervicalMri, {kDeficitArm}, "2016-12-13", "2016-11-11"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met persisting=met conservative_care=not_documented surgery_considered=not_documented"},
      {"the same sensory loss ten days after the injury",
       {kCervicalMri, {kDeficitArm}, "2016-12-13", "2016-12-03"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met persisting=unmet "
       "conservative_care=unmet surgery_considered=not_documented"},
      {"sensory loss through a month of failed care, an injection planned",
       {kCervicalMri, {kDeficitArm, kPriorPt, kNeckInjectionPlanned}, "2016-12-13", "2016-11-11"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met persisting=met conservative_care=met surgery_considered=met"},
      {"failed care and a planned injection without a nerve finding",
       {kCervicalMri, {kPriorPt, kNeckInjectionPlanned, "diagnosis | cervical radiculopathy | body_site=cervical_spine"},
        "2016-12-13", "2016-11-11"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented persisting=met conservative_care=met surgery_considered=met"},
      {"medications that help are no failed course",
       {kCervicalMri, {kDeficitArm, kMedsHelp, kNeckInjectionPlanned}, "2016-12-13", "2016-11-11"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met persisting=met conservative_care=not_documented surgery_considered=met"},
      {"a leg finding says nothing of the neck",
       {kCervicalMri, {"finding | decreased sensation | finding_type=sensation state=decreased body_site=lower~extremities"},
        "2016-12-13", "2016-11-11"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented persisting=met conservative_care=not_documented surgery_considered=not_documented"},
      {"ungraded weakness is a complaint, not an examination finding",
       {kCervicalMri, {"finding | weakness | finding_type=motor"}, "2016-12-13", "2016-11-11"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=not_documented persisting=met conservative_care=not_documented surgery_considered=not_documented"},
      {"ACOEM 2004 era: the same documented case",
       {kCervicalMri, {kDeficitArm, kPriorPt, kNeckInjectionPlanned}, "2008-05-01", "2008-01-01"},
       "medically_necessary acoem_2004 red_flags=not_documented neuro_deficit=met persisting=met conservative_care=met surgery_considered=met"},
      {"ACOEM era: a deficit and an injection planned, no course of care stated",
       {kCervicalMri, {kDeficitArm, kTherapyWord, kNeckInjectionPlanned}, "2018-03-01", "2017-10-01"},
       "not_medically_necessary acoem_2017 red_flags=not_documented neuro_deficit=met conservative_care=not_documented "
       "surgery_considered=met"},
  }), "");
}

TEST(JointImagingRules, ShoulderKneeExtremity) {
  constexpr char kKneeMri[] = "imaging.mri.knee | MRI right knee | body_site=knee";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"knee: positive McMurray after a month of therapy",
       {kKneeMri,
        {"finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee", kPriorPt},
        "2016-11-03", "2016-09-01"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=met conservative_care=met "
       "surgery_considered=not_documented"},
      {"knee: a negative McMurray is no sign of derangement",
       {kKneeMri,
        {"finding | negative McMurray | finding_type=special_test test=mcmurray result=negative body_site=knee", kPriorPt},
        "2016-11-03", "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"knee: a diagnosis of internal derangement is no examination sign",
       {kKneeMri, {"diagnosis | internal derangement of the right knee | body_site=knee", kPriorPt}, "2016-11-03",
        "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"knee: a tear already imaged is no reason to image again",
       {kKneeMri, {"finding | medial meniscus tear | finding_type=imaging_result body_site=knee", kPriorPt}, "2016-11-03",
        "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"knee: an effusion on examination after a month of therapy",
       {kKneeMri, {"diagnosis | right knee effusion | body_site=knee", kPriorPt}, "2016-11-03", "2016-09-01"},
       "medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=met conservative_care=met "
       "surgery_considered=not_documented"},
      {"knee: an injection planned is not the operation imaging prepares for",
       {kKneeMri,
        {kPriorPt, "procedure/hypothetical | cortisone injection of the right knee | procedure=steroid_injection "
                   "procedure_group=injection body_site=knee"},
        "2016-11-03", "2016-09-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"knee: failed care with an arthroscopy considered",
       {kKneeMri,
        {kPriorPt, "procedure/hypothetical | right knee arthroscopy | procedure=arthroscopy procedure_group=surgery "
                   "body_site=knee"},
        "2012-05-01", "2012-01-01"},
       "medically_necessary chronic_pain_2009 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=met"},
      {"shoulder: signs but the injury is a week old",
       {"imaging.mri.shoulder | MRI left shoulder | body_site=shoulder",
        {"finding | positive Neer | finding_type=special_test test=neer result=positive body_site=shoulder", kTherapyWord},
        "2018-03-01", "2018-02-22"},
       "not_medically_necessary acoem_2017 red_flags=not_documented objective_signs=met "
       "conservative_care=unmet surgery_considered=not_documented"},
      {"shoulder: an impingement diagnosis is no examination sign",
       {"imaging.mri.shoulder | MRI left shoulder | body_site=shoulder",
        {"diagnosis | left shoulder impingement syndrome | body_site=shoulder", kPriorPt}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"wrist: nothing documented, ACOEM 2004 era",
       {"imaging.mri.wrist_hand | MRI of the wrist | body_site=wrist", {}, "2008-05-01", "2008-01-01"},
       "not_medically_necessary acoem_2004 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=not_documented surgery_considered=not_documented"},
      {"wrist: a positive Tinel is a nerve sign, which imaging does not study",
       {"imaging.mri.wrist_hand | MRI of the wrist | body_site=wrist",
        {"finding | positive Tinel at the wrist | finding_type=special_test test=tinel result=positive body_site=wrist",
         kPriorPt},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented objective_signs=not_documented "
       "conservative_care=met surgery_considered=not_documented"},
      {"ankle: a positive anterior drawer after failed care",
       {"imaging.mri.ankle_foot | MRI of the left ankle | body_site=ankle",
        {"finding | positive anterior drawer | finding_type=special_test test=anterior_drawer result=positive "
         "body_site=ankle",
         kPriorPt},
        "2018-03-01", "2017-10-01"},
       "medically_necessary acoem_2017 red_flags=not_documented objective_signs=met conservative_care=met "
       "surgery_considered=not_documented"},
  }), "");
}

TEST(OtherImagingRules, BrainAndPlainFilms) {
  constexpr char kHeadCt[] = "imaging.ct.brain | CT of the head | body_site=head";
  constexpr char kLumbarFilms[] = "imaging.xray.lumbar | x-ray lumbar spine | body_site=lumbar_spine";
  constexpr char kKneeFilms[] = "imaging.xray.knee | x-ray right knee | body_site=knee";
  constexpr char kAnkleFilms[] = "imaging.xray.ankle_foot | x-ray left ankle | body_site=ankle";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"head CT days after a fall with loss of consciousness",
       {kHeadCt, {"finding | loss of consciousness | finding_type=neuro_deficit"}, "2016-11-10", "2016-11-01"},
       "medically_necessary chronic_pain_2016 neuro_signs=met acute_injury=met"},
      {"head CT for headaches two months on",
       {kHeadCt, {"finding | loss of consciousness | finding_type=neuro_deficit"}, "2016-12-16", "2016-10-14"},
       "not_medically_necessary chronic_pain_2016 neuro_signs=met acute_injury=unmet"},
      {"head CT: a spinal red flag is no sign of a head injury",
       {kHeadCt, {"finding | fever | finding_type=red_flag red_flag=fever"}, "2016-11-10", "2016-11-01"},
       "not_medically_necessary chronic_pain_2016 neuro_signs=not_documented acute_injury=met"},
      {"head CT: a deficit with no site may be of the back, not shown at the head",
       {kHeadCt, {"finding | evidence of radiculopathy on exam | finding_type=neuro_deficit"}, "2016-11-10", "2016-11-01"},
       "insufficient_documentation chronic_pain_2016 neuro_signs=met acute_injury=met"},
      {"lumbar films without red flags",
       {kLumbarFilms, {"finding | tenderness | finding_type=tenderness body_site=lumbar_spine"}, "2012-05-01", "2011-01-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented", "imaging.xray.acoem_2004_spine@1"},
      {"lumbar films weeks after an injury, tenderness and lost motion but no red flag",
       {kLumbarFilms,
        {"finding | lumbar paraspinal tenderness | finding_type=tenderness body_site=lumbar_spine",
         "finding | decreased range of motion of the lumbar spine | finding_type=rom state=decreased body_site=lumbar_spine"},
        "2012-05-01", "2012-04-01"},
       "not_medically_necessary chronic_pain_2009 red_flags=not_documented", "imaging.xray.acoem_2004_spine@1"},
      {"lumbar films after a recent fracture",
       {kLumbarFilms, {"diagnosis | L1 compression fracture | body_site=lumbar_spine"}, "2018-03-01", "2018-02-01"},
       "medically_necessary acoem_2017 red_flags=met", "imaging.xray.acoem_2017_spine@1"},
      {"knee films a week after a fall with soft-tissue tenderness",
       {kKneeFilms, {"finding | tenderness | finding_type=tenderness body_site=knee"}, "2018-03-01", "2018-02-22"},
       "not_medically_necessary acoem_2017 red_flags=not_documented bony_signs=not_documented", "imaging.xray.acoem_2017@1"},
      {"knee films after a fall: full motion and a negative test are no fracture signs",
       {kKneeFilms,
        {"finding | full range of motion of the right knee | finding_type=rom state=full body_site=knee",
         "finding | negative McMurray | finding_type=special_test test=mcmurray result=negative body_site=knee",
         "finding | antalgic gait | finding_type=gait gait=antalgic"},
        "2016-11-10", "2016-11-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented bony_signs=not_documented"},
      {"ankle films days after a fall with tenderness over the malleolus",
       {kAnkleFilms, {"finding | tenderness over the lateral malleolus | finding_type=tenderness body_site=ankle"},
        "2018-03-01", "2018-02-22"},
       "medically_necessary acoem_2017 red_flags=not_documented bony_signs=met"},
      {"wrist films after a fall with a deformity",
       {"imaging.xray.wrist_hand | x-ray of the right wrist | body_site=wrist",
        {"diagnosis | deformity of the right wrist | body_site=wrist"}, "2008-05-01", "2008-04-20"},
       "medically_necessary acoem_2004 red_flags=not_documented bony_signs=met"},
      {"ankle films months after the injury",
       {kAnkleFilms, {"finding | tenderness over the lateral malleolus | finding_type=tenderness body_site=ankle"},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented bony_signs=unmet"},
  }), "");
}

// ACOEM (2004) Ch. 8 p. 178 and Ch. 12 p. 303: electrodiagnosis looks for a
// subtle focal nerve problem in symptoms lasting more than three to four
// weeks; ODG: not when radiculopathy is already plain, and not leg nerve
// conduction for presumed radicular symptoms.
TEST(ElectrodiagnosticRules, EmgNcs) {
  constexpr char kUpper[] = "testing.emg_ncs | EMG/NCS bilateral upper extremities | body_site=upper_extremity laterality=bilateral";
  constexpr char kLowerNcs[] = "testing.emg_ncs | NCV of the bilateral lower extremities | body_site=lower_extremity";
  constexpr char kLowerEmg[] = "testing.emg_ncs | EMG of the lower extremities | body_site=lower_extremity";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"hand numbness for a month, carpal tunnel to rule out",
       {kUpper, {"diagnosis/possible | carpal tunnel syndrome | body_site=hand", "finding | numbness in the fingers | finding_type=sensation state=numbness body_site=fingers"},
        "2016-12-20", "2016-11-10"},
       "medically_necessary chronic_pain_2016 nerve_symptoms=met duration=met not_established=met ncs_indicated=met"},
      {"tingling in both hands reported for months",
       {kUpper, {"diagnosis | tingling in both hands | body_site=hand"}, "2008-05-01", "2008-01-01"},
       "medically_necessary acoem_2004 nerve_symptoms=met duration=met not_established=met ncs_indicated=met"},
      {"a positive Phalen for an arm study",
       {kUpper, {"finding | positive Phalen | finding_type=special_test test=phalen result=positive"}, "2012-05-01",
        "2012-01-01"},
       "medically_necessary chronic_pain_2009 nerve_symptoms=met duration=met not_established=met ncs_indicated=met"},
      {"too early", {kUpper, {"finding | numbness in the fingers | finding_type=sensation state=numbness body_site=fingers"}, "2016-12-20", "2016-12-10"},
       "not_medically_necessary chronic_pain_2016 nerve_symptoms=met duration=unmet not_established=met ncs_indicated=met"},
      {"three weeks is not yet more than three to four weeks",
       {kUpper, {"finding | numbness in the fingers | finding_type=sensation state=numbness body_site=fingers"}, "2016-12-20",
        "2016-11-28"},
       "not_medically_necessary chronic_pain_2016 nerve_symptoms=met duration=unmet not_established=met ncs_indicated=met"},
      {"no neurological symptom", {kUpper, {"finding | neck tenderness | finding_type=tenderness body_site=neck"}, "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"a normal sensory examination is no nerve symptom",
       {kUpper, {"finding | sensation intact in the upper extremities | finding_type=sensation state=intact body_site=upper_extremity"},
        "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"a carpal tunnel diagnosis alone is no finding",
       {"testing.emg_ncs | EMG/NCS of the right wrist | body_site=wrist", {"diagnosis | carpal tunnel syndrome | body_site=wrist"},
        "2012-05-01", "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"pain radiating into the arm is no focal nerve finding",
       {kUpper, {"finding | pain radiating to the right arm | finding_type=radiation body_site=upper_extremity"}, "2012-05-01",
        "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"a positive Spurling says nothing of the legs",
       {kLowerEmg, {"finding | positive Spurling | finding_type=special_test test=spurling result=positive"}, "2012-05-01",
        "2012-01-01"},
       "not_medically_necessary chronic_pain_2009 nerve_symptoms=not_documented duration=met not_established=met "
       "ncs_indicated=met"},
      {"leg NCS for presumed radicular symptoms",
       {kLowerNcs, {kDeficitLeg}, "2018-03-01", "2017-10-01"},
       "not_medically_necessary acoem_2017 nerve_symptoms=met duration=met not_established=met ncs_indicated=unmet"},
      {"electrodiagnostic studies of the legs include nerve conduction",
       {"testing.emg_ncs | Electrodiagnostic studies of the bilateral lower extremities | body_site=lower_extremity",
        {kDeficitLeg}, "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 nerve_symptoms=met duration=met not_established=met ncs_indicated=unmet"},
      {"leg NCS for a peroneal neuropathy of the leg",
       {kLowerNcs,
        {"diagnosis | left peroneal neuropathy | body_site=lower_extremity",
         "diagnosis | numbness of the left foot | body_site=foot"},
        "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 nerve_symptoms=met duration=met not_established=met ncs_indicated=met"},
      {"leg NCS: an entrapment of the arm says nothing of the legs",
       {kLowerNcs,
        {"diagnosis | ulnar nerve entrapment | body_site=elbow", "diagnosis | numbness of the left foot | body_site=foot"},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 nerve_symptoms=met duration=met not_established=met ncs_indicated=unmet"},
      {"radiculopathy already evident: deficit and a positive straight leg raise",
       {kLowerEmg, {kDeficitLeg, "finding | positive SLR | finding_type=slr result=positive"}, "2008-05-01", "2008-01-01"},
       "not_medically_necessary acoem_2004 nerve_symptoms=met duration=met not_established=unmet ncs_indicated=met"},
  }), "");
}

TEST(SurgeryRules, SpineKneeAndAssociatedServices) {
  constexpr char kHerniation[] = "finding | L5-S1 disc herniation | finding_type=imaging_result level=L5-S1";
  constexpr char kDiscectomy[] = "surgery.spine | L5-S1 microdiscectomy | body_site=lumbar_spine";
  constexpr char kKneeScope[] = "surgery.knee | right knee arthroscopy | body_site=knee";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"discectomy: imaging, deficit and failed care",
       {kDiscectomy, {kHerniation, kDeficitLeg, kPriorPt}, "2016-11-03", "2016-05-01"},
       "medically_necessary chronic_pain_2016 imaging_lesion=met neuro_findings=met conservative_care=met"},
      // A normal examination rules out a deficit, but not instability: the
      // criterion stays undocumented, and undocumented counts against.
      {"discectomy with a normal examination",
       {kDiscectomy, {kHerniation, kNormalMotor, kPriorPt}, "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met neuro_findings=not_documented conservative_care=met"},
      {"discectomy on a diagnosed herniation with no imaging",
       {kDiscectomy, {"diagnosis | L5-S1 disc herniation | body_site=lumbar_spine", kDeficitLeg, kPriorPt}, "2016-11-03",
        "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=not_documented neuro_findings=met conservative_care=met"},
      {"discectomy: medications that help are no failed course",
       {kDiscectomy, {kHerniation, kDeficitLeg, kMedsHelp}, "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met neuro_findings=met conservative_care=not_documented"},
      {"cervical fusion: a diagnosis of myelopathy is no examination finding",
       {"surgery.spine | C5-6 anterior cervical discectomy and fusion | body_site=cervical_spine",
        {"finding | C5-6 disc protrusion | finding_type=imaging_result level=C5-6",
         "diagnosis | cervical myelopathy | body_site=cervical_spine", kPriorPt},
        "2018-03-01", "2017-06-01"},
       "not_medically_necessary acoem_2017 imaging_lesion=met neuro_findings=not_documented conservative_care=met"},
      {"cervical fusion: imaging, a deficit and failed care, ACOEM 2004 era",
       {"surgery.spine | C5-6 anterior cervical discectomy and fusion | body_site=cervical_spine",
        {"finding | C5-6 disc protrusion | finding_type=imaging_result level=C5-6", kDeficitArm, kPriorPt},
        "2008-05-01", "2007-06-01"},
       "medically_necessary acoem_2004 imaging_lesion=met neuro_findings=met conservative_care=met"},
      {"knee arthroscopy without imaging",
       {kKneeScope,
        {"finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee"}, "2012-05-01", "2011-05-01"},
       "not_medically_necessary chronic_pain_2009 imaging_lesion=not_documented exam_findings=met conservative_care=not_documented"},
      // A diagnosis of a tear is the physician's word, not the images': the
      // guideline asks for imaging that agrees with the examination
      // (decide/rules/CHANGES.md, 2026-12-06).
      {"knee arthroscopy on a diagnosed tear with a normal MRI",
       {kKneeScope,
        {"diagnosis | tear of the medial meniscus | body_site=knee",
         "finding/possible | tendinopathy | finding_type=imaging_result body_site=knee",
         "finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee",
         kPriorPt},
        "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=not_documented exam_findings=met conservative_care=met"},
      {"knee arthroscopy: a positive test of the neck is no knee finding",
       {kKneeScope,
        {"finding | medial meniscus tear | finding_type=imaging_result body_site=knee",
         "finding | positive Spurling | finding_type=special_test test=spurling result=positive", kPriorPt},
        "2016-11-03", "2016-05-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met exam_findings=not_documented conservative_care=met"},
      {"knee arthroscopy: tear, McMurray and failed care, ACOEM era",
       {kKneeScope,
        {"finding | medial meniscus tear | finding_type=imaging_result body_site=knee",
         "finding | positive McMurray | finding_type=special_test test=mcmurray result=positive body_site=knee", kPriorPt},
        "2018-03-01", "2017-06-01"},
       "medically_necessary acoem_2017 imaging_lesion=met exam_findings=met conservative_care=met"},
      {"an assistant for a fusion",
       {"surgery.other | Assistant surgeon", {"procedure/hypothetical | L4-5 fusion | procedure=fusion procedure_group=surgery"}, "2016-11-03", "2015-01-01"},
       "medically_necessary chronic_pain_2016 complex_procedure=met"},
      {"an assistant for an arthroscopy",
       {"surgery.other | PA assist", {"procedure/hypothetical | knee arthroscopy | procedure=arthroscopy procedure_group=surgery"}, "2018-03-01", "2017-01-01"},
       "not_medically_necessary acoem_2017 complex_procedure=not_documented"},
  }), "");
}

TEST(SurgeryRules, ShoulderHandAndOther) {
  constexpr char kShoulderScope[] = "surgery.shoulder | right shoulder arthroscopy with rotator cuff repair | body_site=shoulder";
  constexpr char kCuffTear[] = "finding | full thickness rotator cuff tear | finding_type=imaging_result body_site=shoulder";
  constexpr char kCtr[] = "surgery.hand_wrist | right carpal tunnel release | body_site=wrist";
  constexpr char kFailedSplint[] =
      "treatment_history/historical | splinting without relief | treatment=bracing response=no_benefit";
  constexpr char kHipScope[] = "surgery.other | right hip arthroscopy | body_site=hip";
  EXPECT_EQ(testing::MismatchedRuleRows({
      {"shoulder: a torn cuff, a positive drop arm test, three months of failed care",
       {kShoulderScope,
        {kCuffTear, "finding | positive drop arm test | finding_type=special_test test=drop_arm result=positive", kPriorPt},
        "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 imaging_lesion=met exam_findings=met conservative_care=met"},
      {"shoulder: full or merely painful motion and full strength are no findings",
       {kShoulderScope,
        {kCuffTear, "finding | full range of motion of the shoulder | finding_type=rom state=full body_site=shoulder",
         "finding | painful range of motion of the shoulder | finding_type=rom state=painful body_site=shoulder",
         "finding | strength 5/5 in the deltoid | finding_type=motor grade=5/5 body_site=shoulder",
         "finding | negative Neer | finding_type=special_test test=neer result=negative body_site=shoulder", kPriorPt},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met exam_findings=not_documented conservative_care=met"},
      {"shoulder: a diagnosed tear is not imaging",
       {kShoulderScope,
        {"diagnosis | right rotator cuff tear | body_site=shoulder",
         "finding | decreased range of motion of the right shoulder | finding_type=rom state=decreased body_site=shoulder",
         kPriorPt},
        "2008-05-01", "2007-06-01"},
       "not_medically_necessary acoem_2004 imaging_lesion=not_documented exam_findings=met conservative_care=met"},
      {"shoulder: two months from the injury is short of three months of care",
       {kShoulderScope,
        {kCuffTear, "finding | 4/5 strength in the shoulder | finding_type=motor grade=4/5 body_site=shoulder", kPriorPt},
        "2018-03-01", "2018-01-01"},
       "not_medically_necessary acoem_2017 imaging_lesion=met exam_findings=met conservative_care=unmet"},
      {"carpal tunnel release: abnormal nerve conduction, positive Phalen, failed splinting",
       {kCtr,
        {"procedure/historical | abnormal NCS of the right wrist | procedure=ncs",
         "finding | positive Phalen | finding_type=special_test test=phalen result=positive", kFailedSplint},
        "2016-11-03", "2016-01-01"},
       "medically_necessary chronic_pain_2016 confirmed=met exam_findings=met conservative_care=met"},
      {"carpal tunnel release: a study that showed nothing confirms nothing",
       {kCtr,
        {"procedure/historical | NCS showed no slowing at the wrist | procedure=ncs",
         "finding | positive Phalen | finding_type=special_test test=phalen result=positive", kFailedSplint},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 confirmed=not_documented exam_findings=met conservative_care=met"},
      {"carpal tunnel release: a positive knee test is no hand finding",
       {kCtr,
        {"procedure/historical | abnormal NCS of the right wrist | procedure=ncs",
         "finding | positive McMurray | finding_type=special_test test=mcmurray result=positive", kFailedSplint},
        "2018-03-01", "2017-01-01"},
       "not_medically_necessary acoem_2017 confirmed=met exam_findings=not_documented conservative_care=met"},
      {"carpal tunnel release: degenerative change on imaging is no lesion to release",
       {kCtr,
        {"finding | mild degenerative changes | finding_type=imaging_result body_site=wrist",
         "finding | positive Phalen | finding_type=special_test test=phalen result=positive", kFailedSplint},
        "2008-05-01", "2007-06-01"},
       "not_medically_necessary acoem_2004 confirmed=not_documented exam_findings=met conservative_care=met"},
      {"other surgery: normal findings are no findings",
       {kHipScope,
        {"finding | labral tear of the hip | finding_type=imaging_result body_site=hip",
         "finding | full range of motion of the hip | finding_type=rom state=full body_site=hip", kPriorPt},
        "2016-11-03", "2016-01-01"},
       "not_medically_necessary chronic_pain_2016 imaging_lesion=met exam_findings=not_documented conservative_care=met"},
      {"other surgery: documented, but no criteria of its own",
       {kHipScope,
        {"finding | labral tear of the hip | finding_type=imaging_result body_site=hip",
         "finding | positive FABER test of the hip | finding_type=special_test test=faber result=positive body_site=hip",
         kPriorPt},
        "2018-03-01", "2017-01-01"},
       "insufficient_documentation acoem_2017 imaging_lesion=met exam_findings=met conservative_care=met"},
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
      {"the same with medications that help in place of a course",
       {kLumbarMri, {kDeficitLeg, kMedsHelp, kSurgeryPlanned}, "2016-11-03", "2016-06-01"},
       "not_medically_necessary chronic_pain_2016 red_flags=not_documented neuro_deficit=met conservative_care=not_documented "
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
