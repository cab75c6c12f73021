#include "extract/procedure_extractor.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "extract/extract_testing.h"
#include "extract/pattern.h"
#include "extract/phrase_reach.h"
#include "extract/region.h"

namespace imr {
namespace {

// "procedure{<procedure> '<text>' key=value ...}" per fact, keys in map order;
// procedure_group is checked apart (GroupsComeFromTheRow).
std::string Describe(const std::vector<Fact>& facts) {
  return testing::DescribeFacts(facts, {.between = "; ",
                                        .lead_key = "procedure",
                                        .hidden_keys = {"procedure_group"},
                                        .quote_spaced_values = true});
}

struct Row {
  std::string text;
  std::string expected;
};

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      // Imaging.
      {"MRI of the right shoulder without contrast",
       "procedure{mri 'MRI of the right shoulder without contrast' body_site=shoulder contrast=without "
       "laterality=right}"},
      {"Lumbar spine MRI was reviewed.", "procedure{mri 'Lumbar spine MRI' body_site=lumbar_spine}"},
      {"magnetic resonance imaging of the cervical spine with and without contrast",
       "procedure{mri 'magnetic resonance imaging of the cervical spine with and without contrast' "
       "body_site=cervical_spine contrast=with_and_without}"},
      {"MR arthrogram of the left hip", "procedure{mr_arthrogram 'MR arthrogram of the left hip' body_site=hip "
                                        "laterality=left}"},
      {"CT scan of the head", "procedure{ct 'CT scan of the head' body_site=head}"},
      {"X-rays of the bilateral knees",
       "procedure{x_ray 'X-rays of the bilateral knees' body_site=knee laterality=bilateral}"},
      {"EMG/NCS of the bilateral upper extremities",
       "procedure{emg_ncs 'EMG/NCS of the bilateral upper extremities' body_site=upper_extremity "
       "laterality=bilateral}"},
      {"EMG right lower extremity",
       "procedure{emg 'EMG right lower extremity' body_site=lower_extremity laterality=right}"},
      {"nerve conduction studies of the left arm",
       "procedure{ncs 'nerve conduction studies of the left arm' body_site=upper_extremity laterality=left}"},
      {"A bone scan was negative.", "procedure{bone_scan 'bone scan'}"},
      {"diagnostic ultrasound of the right shoulder",
       "procedure{ultrasound 'diagnostic ultrasound of the right shoulder' body_site=shoulder laterality=right}"},
      {"L3-4 discogram", "procedure{discogram 'L3-4 discogram' body_site=lumbar_spine level=L3-4}"},
      {"CT myelogram of the lumbar spine",
       "procedure{myelogram 'CT myelogram of the lumbar spine' body_site=lumbar_spine}"},
      // Injections.
      {"L4-L5 transforaminal epidural steroid injection",
       "procedure{epidural_steroid_injection 'L4-L5 transforaminal epidural steroid injection' "
       "body_site=lumbar_spine level=L4-L5}"},
      {"Right L5-S1 TFESI", "procedure{epidural_steroid_injection 'Right L5-S1 TFESI' body_site=lumbar_spine "
                            "laterality=right level=L5-S1}"},
      {"C6-7 interlaminar ESI", "procedure{epidural_steroid_injection 'C6-7 interlaminar ESI' "
                                "body_site=cervical_spine level=C6-7}"},
      {"selective nerve root block at L5",
       "procedure{epidural_steroid_injection 'selective nerve root block at L5' body_site=lumbar_spine level=L5}"},
      {"cervical epidural steroid injection at C5-6 and C6-7",
       "procedure{epidural_steroid_injection 'cervical epidural steroid injection at C5-6 and C6-7' "
       "body_site=cervical_spine level='C5-6 and C6-7'}"},
      {"bilateral L4-5, L5-S1 facet injections",
       "procedure{facet_injection 'bilateral L4-5, L5-S1 facet injections' body_site=lumbar_spine "
       "laterality=bilateral level='L4-5, L5-S1'}"},
      {"medial branch blocks at L3-4 and L4-5",
       "procedure{medial_branch_block 'medial branch blocks at L3-4 and L4-5' body_site=lumbar_spine "
       "level='L3-4 and L4-5'}"},
      {"radiofrequency ablation of the lumbar spine",
       "procedure{radiofrequency_ablation 'radiofrequency ablation of the lumbar spine' body_site=lumbar_spine}"},
      {"trigger point injections to the neck",
       "procedure{trigger_point_injection 'trigger point injections to the neck' body_site=cervical_spine}"},
      {"cortisone injection in the left knee",
       "procedure{steroid_injection 'cortisone injection in the left knee' body_site=knee laterality=left}"},
      {"right SI joint injection",
       "procedure{sacroiliac_joint_injection 'right SI joint injection' body_site=sacroiliac_joint laterality=right}"},
      {"Synvisc-One for the right knee",
       "procedure{viscosupplementation 'Synvisc-One for the right knee' body_site=knee laterality=right}"},
      {"PRP injection to the right elbow",
       "procedure{prp_injection 'PRP injection to the right elbow' body_site=elbow laterality=right}"},
      {"occipital nerve block", "procedure{nerve_block 'occipital nerve block' body_site=head}"},
      {"Request: ultrasound-guided cortisone injection", "procedure{steroid_injection 'cortisone injection'}"},
      // Surgery.
      {"T12 kyphoplasty", "procedure{kyphoplasty 'T12 kyphoplasty' body_site=thoracic_spine level=T12}"},
      {"vertebroplasty at L1", "procedure{vertebroplasty 'vertebroplasty at L1' body_site=lumbar_spine level=L1}"},
      {"L4-S1 fusion", "procedure{fusion 'L4-S1 fusion' body_site=lumbar_spine level=L4-S1}"},
      {"lumbar discectomy at L4-5",
       "procedure{discectomy 'lumbar discectomy at L4-5' body_site=lumbar_spine level=L4-5}"},
      {"right L5-S1 microdiscectomy",
       "procedure{microdiscectomy 'right L5-S1 microdiscectomy' body_site=lumbar_spine laterality=right "
       "level=L5-S1}"},
      {"L4-5 hemilaminectomy", "procedure{laminectomy 'L4-5 hemilaminectomy' body_site=lumbar_spine level=L4-5}"},
      {"foraminotomy at C6-7", "procedure{foraminotomy 'foraminotomy at C6-7' body_site=cervical_spine level=C6-7}"},
      {"right shoulder arthroscopy",
       "procedure{arthroscopy 'right shoulder arthroscopy' body_site=shoulder laterality=right}"},
      {"rotator cuff repair of the left shoulder",
       "procedure{rotator_cuff_repair 'rotator cuff repair of the left shoulder' body_site=shoulder "
       "laterality=left}"},
      {"arthroscopic subacromial decompression",
       "procedure{subacromial_decompression 'arthroscopic subacromial decompression' body_site=shoulder}"},
      {"right carpal tunnel release", "procedure{carpal_tunnel_release 'right carpal tunnel release' body_site=wrist laterality=right}"},
      {"total knee arthroplasty", "procedure{arthroplasty 'total knee arthroplasty' body_site=knee}"},
      {"partial medial meniscectomy of the right knee",
       "procedure{meniscectomy 'partial medial meniscectomy of the right knee' body_site=knee laterality=right}"},
      {"ACL reconstruction", "procedure{acl_reconstruction 'ACL reconstruction' body_site=knee}"},
      // Therapies, with their sessions.
      {"Request: 12 sessions of physical therapy.",
       "procedure{physical_therapy '12 sessions of physical therapy' count=12}"},
      {"physical therapy 2x6 for the lumbar spine",
       "procedure{physical_therapy 'physical therapy 2x6 for the lumbar spine' body_site=lumbar_spine count=12 "
       "frequency_per_week=2 weeks=6}"},
      {"physical therapy three times a week for two weeks",
       "procedure{physical_therapy 'physical therapy three times a week for two weeks' count=6 "
       "frequency_per_week=3 weeks=2}"},
      {"twelve (12) additional sessions of physical therapy",
       "procedure{physical_therapy 'twelve (12) additional sessions of physical therapy' count=12}"},
      {"physical therapy (PT) x 8", "procedure{physical_therapy 'physical therapy (PT) x 8' count=8}"},
      {"Continue PT 2x/week x 6 weeks.",
       "procedure{physical_therapy 'PT 2x/week x 6 weeks' count=12 frequency_per_week=2 weeks=6}"},
      {"PT notes indicate improvement.", "procedure{physical_therapy 'PT'}"},
      {"6 chiropractic visits", "procedure{chiropractic '6 chiropractic visits' count=6}"},
      {"chiropractic manipulation for the low back",
       "procedure{chiropractic 'chiropractic manipulation for the low back' body_site=lumbar_spine}"},
      {"6 acupuncture sessions", "procedure{acupuncture '6 acupuncture sessions' count=6}"},
      {"massage therapy", "procedure{massage 'massage therapy'}"},
      {"aquatic therapy x 12", "procedure{aquatic_therapy 'aquatic therapy x 12' count=12}"},
      {"TENS unit for the low back", "procedure{tens 'TENS unit for the low back' body_site=lumbar_spine}"},
      {"H-wave unit", "procedure{h_wave 'H-wave unit'}"},
      {"interferential stimulator", "procedure{interferential 'interferential stimulator'}"},
      {"Continue HEP daily.", "procedure{home_exercise_program 'HEP'}"},
      {"functional restoration program", "procedure{functional_restoration_program 'functional restoration program'}"},
      {"work hardening x 10 visits", "procedure{work_hardening 'work hardening x 10 visits' count=10}"},
      {"6 sessions of cognitive behavioral therapy",
       "procedure{cognitive_behavioral_therapy '6 sessions of cognitive behavioral therapy' count=6}"},
      {"psychotherapy", "procedure{psychotherapy 'psychotherapy'}"},
      {"occupational therapy for the right hand",
       "procedure{occupational_therapy 'occupational therapy for the right hand' body_site=hand laterality=right}"},
      {"biofeedback", "procedure{biofeedback 'biofeedback'}"},
      // Equipment and tests.
      {"left knee brace", "procedure{brace 'left knee brace' body_site=knee laterality=left}"},
      {"lumbar support", "procedure{lumbar_support 'lumbar support' body_site=lumbar_spine}"},
      {"She walks with a cane.", "procedure{cane 'cane'}"},
      {"front-wheeled walker", "procedure{walker 'front-wheeled walker'}"},
      {"hot/cold unit", "procedure{hot_cold_unit 'hot/cold unit'}"},
      {"urine drug screen", "procedure{urine_drug_screen 'urine drug screen'}"},
      {"lab work", "procedure{lab_work 'lab work'}"},
      {"FCE", "procedure{functional_capacity_evaluation 'FCE'}"},
      // Two in one sentence.
      {"MRI and EMG/NCS", "procedure{mri 'MRI'}; procedure{emg_ncs 'EMG/NCS'}"},
      // Near-misses.
      // Fixed bug: the RFA form was read as radiofrequency ablation.
      {"Request for Authorization (DWC Form RFA) submitted today.", ""},
      {"The pt reports low back pain.", ""},
      {"PT reports low back pain.", ""},
      {"PT/INR was normal.", ""},
      {"ACT scores", ""},
      {"CTS is suspected.", ""},
      {"History of hepatitis C.", ""},
      {"He has x-ray vision.", ""},
      {"Brace yourself for the result.", ""},
      {"She was embraced.", ""},
      {"The patient was confused.", ""},
      {"Dr. Walker examined her.", ""},
      {"hormone replacement", ""},
      {"Tensile strength", ""},
      {"The chiropractic physician report", ""},
      {"12 sessions", ""},
  };
  return rows;
}

TEST(ExtractProceduresTest, Table) {
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(Describe(ExtractProcedures(RegionOfText(row.text))), row.expected);
  }
}

TEST(ExtractProceduresTest, EveryRowHasATestRowThatFires) {
  std::set<std::string> fired;
  for (const Row& row : Rows()) {
    for (const Fact& fact : ExtractProcedures(RegionOfText(row.text))) fired.insert(fact.rule);
  }
  for (const ProcedureRow& row : ProcedureTable()) {
    SCOPED_TRACE(row.rule);
    EXPECT_TRUE(fired.contains(std::string(row.rule)));
  }
}

TEST(ExtractProceduresTest, GroupsComeFromTheRow) {
  const std::set<std::string> groups = {"imaging", "injection", "surgery", "therapy", "dme", "testing"};
  for (const Row& row : Rows()) {
    for (const Fact& fact : ExtractProcedures(RegionOfText(row.text))) {
      SCOPED_TRACE(row.text);
      EXPECT_EQ(fact.kind, "procedure");
      EXPECT_TRUE(groups.contains(fact.value.at("procedure_group")));
    }
  }
}

TEST(ProcedureTableTest, EveryRowCompiles) {
  std::set<std::string> rules;
  for (const ProcedureRow& row : ProcedureTable()) {
    SCOPED_TRACE(row.rule);
    EXPECT_TRUE(rules.insert(std::string(row.rule)).second) << "duplicate rule";
    EXPECT_NO_THROW(Pattern("(?i)" + std::string(row.pattern)));
    if (!row.reject_after.empty()) {
      EXPECT_NO_THROW(Pattern("(?i)" + std::string(row.reject_after)));
    }
  }
  EXPECT_NO_THROW(ExtractProcedures(RegionOfText("")));  // the patterns built from pieces
}

// Found by hand with fuzz/text.dict's words (fuzz/README.md): in a run of
// words that are each a procedure and read as adjectives ("chiropractic
// chiropractic ..."), every term reached back over the whole run, quadratic
// in its length (20 s for 256 KB of text). A term now takes in at most
// kMaxWordsBefore words before it; fewer when fewer qualify.
TEST(ReachLeftTest, TakesInAtMostTwelveWordsBeforeATerm) {
  std::string run;
  for (int i = 0; i < 300; ++i) run += "chiropractic ";
  struct {
    std::string text;
    size_t term;           // the word the reach starts from
    size_t expect_first;   // where it ends
  } rows[] = {
      {run, 299, 299 - kMaxWordsBefore},
      {run, 5, 0},
      {"severe left L5-S1 foraminal stenosis", 5, 0},
      {"Seen today. Chronic pain", 3, 2},  // never across punctuation
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text.substr(0, 40));
    const RegionWords words = ReadRegionWords(row.text);
    const PhraseWords p{row.text, words.words, words.anatomy, words.level};
    Reach reach{row.term, row.term};
    ReachLeft(p, {}, &reach);
    EXPECT_EQ(reach.first, row.expect_first);
  }
}

// Page 1 ends before the MRI's site; page 2 opens with a running header the
// section leaves out. Facts quote their own page only.
TEST(ExtractProceduresTest, SpansQuoteTheirPageAcrossAPageBreak) {
  const auto [pages, region] = testing::TwoPageRegion(
      "requests", {"", "Request: MRI of the", ""},
      {"Page 2\n", "right shoulder. Also 12 sessions of physical therapy.", ""});
  const std::vector<Fact> facts = ExtractProcedures(region);
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].text, "MRI");
  EXPECT_EQ(facts[0].span, (Span{1, 9, 12}));
  EXPECT_EQ(facts[1].text, "12 sessions of physical therapy");
  EXPECT_EQ(facts[1].span.page_number, 2);
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
    EXPECT_EQ(fact.section, "requests");
  }
}

}  // namespace
}  // namespace imr

namespace imr {
namespace {

// Issue 13: a procedure's own words running over the page break ("urine" at
// the foot of page 1, "toxicology screen" at the top of page 2) threw
// std::out_of_range and cost the record every fact. The fact now quotes its
// first page's part and reads its values from the whole phrase.
TEST(ExtractProceduresTest, APhraseRunningOverThePageBreakIsReadNotThrown) {
  const auto [pages, region] = testing::TwoPageRegion(
      "history_of_present_illness", {"", "This is a retroactive request for urine", ""},
      {"Page 2\n", "toxicology screen performed today. Lumbar MRI was reviewed.", ""});
  std::vector<Fact> facts;
  ASSERT_NO_THROW(facts = ExtractProcedures(region));
  ASSERT_GE(facts.size(), 2u);
  EXPECT_EQ(facts[0].span.page_number, 1);
  EXPECT_EQ(facts[0].text, "urine");
  EXPECT_EQ(facts.back().span.page_number, 2);
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
  }
}

}  // namespace
}  // namespace imr
