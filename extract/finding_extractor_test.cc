#include "extract/finding_extractor.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/record.h"
#include "extract/extract_testing.h"
#include "extract/pattern.h"
#include "extract/region.h"

namespace imr {
namespace {

// "finding{'4+/5' finding_type=motor grade=4+/5}", facts in order, values sorted by key.
std::string Describe(const std::vector<Fact>& facts) { return testing::DescribeFacts(facts); }

struct Row {
  std::string input;
  std::string expected;
};

void ExpectRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Describe(ExtractFindings(RegionOfText(row.input))), row.expected);
  }
}

TEST(ExtractFindingsTest, MotorReflexesAndSensation) {
  ExpectRows({
      {"Motor strength 5/5 throughout.", "finding{'Motor strength 5/5' finding_type=motor grade=5/5}"},
      {"Strength 4+/5 in the right EHL and 5/5 elsewhere.",
       "finding{'Strength 4+/5 in the right EHL' body_site=foot finding_type=motor grade=4+/5 laterality=right} "
       "finding{'5/5' finding_type=motor grade=5/5}"},
      {"She has 4-/5 in the left EHL.",
       "finding{'4-/5 in the left EHL' body_site=foot finding_type=motor grade=4-/5 laterality=left}"},
      {"Grip strength is 4 out of 5 on the left.",
       "finding{'Grip strength is 4 out of 5' finding_type=motor grade=4/5}"},
      {"No weakness in the lower extremities.",
       "finding{'weakness in the lower extremities' body_site=lower_extremity finding_type=motor}"},
      // Dates and doses written like grades.
      {"Seen on 5/5/2016 for follow up.", ""},
      {"Strength was 5/5/16 per the note.", ""},
      {"He was seen on 4/5 with his wife.", ""},
      {"Norco 10/325 one tablet twice daily.", ""},
      {"Plantar flexion 4 on exam 12/5/2016.", ""},

      {"Reflexes 2+ and symmetric.", "finding{'Reflexes 2+ and symmetric' finding_type=reflex grade=2+}"},
      {"Patellar reflexes are 1+ bilaterally.",
       "finding{'Patellar reflexes are 1+ bilaterally' body_site=lower_extremity finding_type=reflex grade=1+ laterality=bilateral}"},
      {"DTRs 1+ at the knees.", "finding{'DTRs 1+' body_site=lower_extremity finding_type=reflex grade=1+}"},
      {"Absent Achilles reflex on the right.", "finding{'Absent Achilles reflex' body_site=lower_extremity finding_type=reflex state=absent}"},
      {"Deep tendon reflexes were intact.",
       "finding{'Deep tendon reflexes were intact' finding_type=reflex state=intact}"},
      {"Hyperreflexia in the lower extremities.",
       "finding{'Hyperreflexia' body_site=lower_extremity finding_type=reflex state=hyperreflexia}"},
      {"EMG with H-reflex studies was requested.", ""},
      {"The H-reflex was normal.", ""},

      {"Decreased sensation in the L5 dermatome.",
       "finding{'Decreased sensation in the L5 dermatome' finding_type=sensation state=decreased}"},
      {"Diminished sensation to light touch over the left C6 distribution.",
       "finding{'Diminished sensation to light touch over the left C6 distribution' finding_type=sensation "
       "laterality=left state=diminished}"},
      {"Sensation intact.", "finding{'Sensation intact' finding_type=sensation state=intact}"},
      {"tension signs negative; sensation all dermatomes as normal with the exception of",
       "finding{'sensation all dermatomes as normal' finding_type=sensation state=normal}"},
      {"Sensation in all dermatomes was intact.",
       "finding{'Sensation in all dermatomes was intact' finding_type=sensation state=intact}"},
      {"Sensation to light touch and pinprick were intact.",
       "finding{'Sensation to light touch and pinprick were intact' finding_type=sensation state=intact}"},
      {"Decreased C5 and C6 dermatome sensation.",
       "finding{'Decreased C5 and C6 dermatome sensation' finding_type=sensation state=decreased}"},
  });
}

TEST(ExtractFindingsTest, MotionTendernessAndSpasm) {
  ExpectRows({
      {"Flexion 40 degrees, extension 10 degrees.",
       "finding{'Flexion 40 degrees' degrees=40 finding_type=rom motion=flexion} "
       "finding{'extension 10 degrees' degrees=10 finding_type=rom motion=extension}"},
      {"Abduction to 120° and 95° of flexion.",
       "finding{'Abduction to 120°' degrees=120 finding_type=rom motion=abduction} "
       "finding{'95° of flexion' degrees=95 finding_type=rom motion=flexion}"},
      {"Lumbar flexion of 40/90.",
       "finding{'flexion of 40/90' body_site=lumbar_spine degrees=40 degrees_normal=90 finding_type=rom motion=flexion}"},
      {"Range of motion limited.", "finding{'Range of motion limited' finding_type=rom state=limited}"},
      {"Decreased range of motion of the lumbar spine.",
       "finding{'Decreased range of motion of the lumbar spine' body_site=lumbar_spine finding_type=rom "
       "state=decreased}"},
      {"He asked for an extension of 30 days.", ""},

      {"Tenderness to palpation over the paraspinal muscles.",
       "finding{'Tenderness to palpation over the paraspinal muscles' body_site=spine finding_type=tenderness}"},
      {"Paraspinal tenderness.", "finding{'Paraspinal tenderness' body_site=spine finding_type=tenderness}"},
      {"No tenderness.", "finding{'tenderness' finding_type=tenderness}"},
      {"Right shoulder tender to palpation.", "finding{'tender to palpation' body_site=shoulder finding_type=tenderness}"},
      {"TTP over the lumbar facets.", "finding{'TTP over the lumbar facets' body_site=lumbar_spine finding_type=tenderness}"},
      {"Payment was made in legal tender.", ""},
      {"Trigger point injections were given. Palpable trigger points over the trapezius.",
       "finding{'Palpable trigger points over the trapezius' body_site=cervical_spine finding_type=tenderness trigger_point=yes}"},

      {"Paravertebral muscle spasms were noted.", "finding{'Paravertebral muscle spasms' body_site=spine finding_type=spasm}"},
      {"He takes an antispasmodic.", ""},
  });
}

TEST(ExtractFindingsTest, StraightLegRaiseAndSpecialTests) {
  ExpectRows({
      {"Positive straight leg raise on the right at 45 degrees.",
       "finding{'Positive straight leg raise on the right at 45 degrees' body_site=lower_extremity degrees=45 "
       "finding_type=slr laterality=right result=positive test=straight_leg_raise}"},
      {"SLR negative bilaterally.",
       "finding{'SLR negative bilaterally' finding_type=slr laterality=bilateral result=negative "
       "test=straight_leg_raise}"},
      {"Seated SLR was positive.",
       "finding{'Seated SLR was positive' finding_type=slr result=positive test=straight_leg_raise}"},
      {"Straight leg raise was negative.",
       "finding{'Straight leg raise was negative' body_site=lower_extremity finding_type=slr result=negative test=straight_leg_raise}"},
      {"Positive Hawkins test, Neer sign negative.",
       "finding{'Positive Hawkins test' finding_type=special_test result=positive test=hawkins} "
       "finding{'Neer sign negative' finding_type=special_test result=negative test=neer}"},
      {"Spurling's test is positive on the left.",
       "finding{'Spurling's test is positive on the left' finding_type=special_test laterality=left "
       "result=positive test=spurling}"},
      {"Tinel's sign was negative at the right wrist.",
       "finding{'Tinel's sign was negative at the right wrist' body_site=wrist finding_type=special_test "
       "laterality=right result=negative test=tinel}"},
      {"Phalen's positive.", "finding{'Phalen's positive' finding_type=special_test result=positive test=phalen}"},
      {"Positive McMurray sign.",
       "finding{'Positive McMurray sign' finding_type=special_test result=positive test=mcmurray}"},
      {"Lachman negative.", "finding{'Lachman negative' finding_type=special_test result=negative test=lachman}"},
      {"Anterior drawer test negative.",
       "finding{'Anterior drawer test negative' finding_type=special_test result=negative test=drawer}"},
      {"Positive FABER on the left.",
       "finding{'Positive FABER on the left' finding_type=special_test laterality=left result=positive test=faber}"},
      {"Finkelstein test positive.",
       "finding{'Finkelstein test positive' finding_type=special_test result=positive test=finkelstein}"},
      {"O'Brien's test was positive.",
       "finding{'O'Brien's test was positive' finding_type=special_test result=positive test=obrien}"},
      {"Empty can test negative.",
       "finding{'Empty can test negative' finding_type=special_test result=negative test=empty_can}"},
      {"Positive apprehension sign.",
       "finding{'Positive apprehension sign' finding_type=special_test result=positive test=apprehension}"},
      {"Kemp's test positive bilaterally.",
       "finding{'Kemp's test positive bilaterally' finding_type=special_test laterality=bilateral result=positive "
       "test=kemp}"},
      // Surnames and plain words that are also test names.
      {"The file was in the drawer of the desk.", ""},
      {"He works as an engineer.", ""},
      {"Dr. Patrick reviewed the file.", ""},
      {"He spoke with Dr. Hawkins about the plan.", ""},
      {"The patient expressed apprehension about surgery.", ""},
  });
}

TEST(ExtractFindingsTest, GaitAndPainScores) {
  ExpectRows({
      {"Antalgic gait.", "finding{'Antalgic gait' finding_type=gait gait=antalgic}"},
      {"Abnormal, stiff gait.", "finding{'Abnormal, stiff gait' finding_type=gait gait=abnormal}"},
      {"Walks with a cane.", "finding{'Walks with a cane' aid=cane finding_type=gait gait=assistive_device}"},
      {"Gait disturbance favoring the left.", "finding{'Gait disturbance' finding_type=gait gait=disturbance}"},

      {"She rated her pain 6-8 on a 10-point scale.",
       "finding{'rated her pain 6-8 on a 10-point scale' finding_type=pain_score score_high=8 score_low=6 "
       "score_max=10}"},
      {"VAS 7/10.", "finding{'VAS 7/10' finding_type=pain_score score=7 score_max=10}"},
      {"Pain 5/10 today.", "finding{'Pain 5/10' finding_type=pain_score score=5 score_max=10}"},
      {"He rated the pain 8 out of 10.",
       "finding{'rated the pain 8 out of 10' finding_type=pain_score score=8 score_max=10}"},
      {"Pain is 7/10 without medications and 4/10 with.",
       "finding{'Pain is 7/10 without medications and 4/10 with' finding_type=pain_score score_high=7 "
       "score_low=4 score_max=10 score_with_medication=4 score_without_medication=7}"},
      {"Tingling rated 7/10 to 8/10.",
       "finding{'rated 7/10 to 8/10' finding_type=pain_score score_high=8 score_low=7 score_max=10}"},
      {"He has low back pain.", ""},
      {"Follow up on 7/10/2016 for pain.", ""},
      {"Pain level of 7/10/2016.", ""},
      {"Pain relief with Norco 10/325.", ""},
      {"Call 619-555-0101.", ""},
  });
}

TEST(ExtractFindingsTest, RedFlagsDeficitsAndRadiation) {
  ExpectRows({
      {"She denies bowel or bladder dysfunction.",
       "finding{'bowel or bladder dysfunction' body_site=bladder finding_type=red_flag red_flag=bowel_bladder}"},
      {"No saddle anesthesia.", "finding{'saddle anesthesia' finding_type=red_flag red_flag=saddle_anesthesia}"},
      {"Denies fever, chills or unexplained weight loss.",
       "finding{'fever' finding_type=red_flag red_flag=fever} "
       "finding{'unexplained weight loss' finding_type=red_flag red_flag=weight_loss}"},
      {"She enrolled in a weight loss program.", ""},
      {"History of valley fever.", ""},
      {"Progressive neurological deficit.",
       "finding{'Progressive neurological deficit' finding_type=red_flag "
       "red_flag=progressive_neurologic_deficit}"},
      {"Concern for cauda equina syndrome.",
       "finding{'cauda equina syndrome' finding_type=red_flag red_flag=cauda_equina}"},

      {"No focal neurologic deficit.", "finding{'focal neurologic deficit' finding_type=neuro_deficit}"},
      {"There is no evidence of radiculopathy on exam.",
       "finding{'evidence of radiculopathy on exam' finding_type=neuro_deficit}"},
      {"He has radiculopathy.", ""},

      {"Pain radiating to the right leg.",
       "finding{'Pain radiating to the right leg' body_site=lower_extremity finding_type=radiation laterality=right}"},
      {"The pain radiates down the left arm.",
       "finding{'pain radiates down the left arm' body_site=upper_extremity finding_type=radiation laterality=left}"},
      {"Radicular symptoms into both legs.",
       "finding{'Radicular symptoms into both legs' body_site=lower_extremity finding_type=radiation laterality=bilateral}"},
      {"Neck pain with radiation to the left arm.",
       "finding{'radiation to the left arm' body_site=upper_extremity finding_type=radiation laterality=left}"},
      {"Non-radiating low back pain.", ""},
      {"Radiation therapy was completed.", ""},
  });
}

TEST(ExtractFindingsTest, ImagingResults) {
  ExpectRows({
      {"MRI showed a disc protrusion at L4-5.",
       "finding{'disc protrusion at L4-5' finding_type=imaging_result level=L4-5}"},
      {"Mild degenerative changes.", "finding{'Mild degenerative changes' finding_type=imaging_result severity=mild}"},
      {"No acute fracture.", "finding{'acute fracture' finding_type=imaging_result}"},
      {"Moderate neural foraminal narrowing at L5-S1.",
       "finding{'Moderate neural foraminal narrowing at L5-S1' finding_type=imaging_result level=L5-S1 "
       "severity=moderate}"},
      {"C3-4 anterolisthesis.", "finding{'C3-4 anterolisthesis' finding_type=imaging_result level=C3-4}"},
      {"Partial-thickness rotator cuff tear.",
       "finding{'Partial-thickness rotator cuff tear' body_site=shoulder finding_type=imaging_result}"},
      {"He had a fracture of the wrist in 2010.", ""},
  });
}

// A finding whose own words name no body part takes the one its clause names
// (never one inside another finding, never across a semicolon), else the exam
// heading it sits under; a reflex speaks of a limb's roots.
TEST(ExtractFindingsTest, SitesFromTheClauseAndTheHeading) {
  ExpectRows({
      {"Examination of the lumbar spine revealed tenderness and spasm.",
       "finding{'tenderness' body_site=lumbar_spine finding_type=tenderness} "
       "finding{'spasm' body_site=lumbar_spine finding_type=spasm}"},
      {"Normal range of motion of the cervical spine; tenderness over the face.",
       "finding{'Normal range of motion of the cervical spine' body_site=cervical_spine finding_type=rom state=normal} "
       "finding{'tenderness' body_site=head finding_type=tenderness}"},
      {"Lumbar spine: tenderness over the paraspinal muscles. Range of motion is decreased.",
       "finding{'tenderness over the paraspinal muscles' body_site=lumbar_spine finding_type=tenderness} "
       "finding{'Range of motion is decreased' body_site=lumbar_spine finding_type=rom state=decreased}"},
      {"Lumbar spine: tender.\n\nGait is antalgic.", "finding{'Gait is antalgic' finding_type=gait gait=antalgic}"},
      {"DTRs 1+ at the elbows.", "finding{'DTRs 1+' body_site=upper_extremity finding_type=reflex grade=1+}"},
  });
}

TEST(FindingRulesTest, EveryRowCompilesAndHasAUniqueId) {
  static const Pattern kId(R"(finding\.[a-z_.]+@\d+)");
  std::set<std::string> ids;
  for (const PhraseRule& rule : FindingRules()) {
    SCOPED_TRACE(rule.id);
    EXPECT_TRUE(kId.FullMatch(rule.id).has_value());
    EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate id";
    EXPECT_NO_THROW(Pattern(ExpandPattern(rule.pattern, FindingPieces())));
  }
  EXPECT_GE(FindingRules().size(), 30u);
}

// A row with no word to look for is run over every region, and most find
// nothing there. The bare grade ("4/5") has only "/5", too short a word; a
// row that RE2 leaves without words (it takes a first letter alternatives
// share out of them: straight leg raise|SLR) must be written so it keeps them.
TEST(FindingRulesTest, OnlyTheBareGradeHasNoWordToLookFor) {
  EXPECT_EQ(testing::RowsRunOverEveryText(FindingRules(), FindingPieces()),
            std::vector<std::string>{"finding.motor_grade@1"});
}

TEST(PhraseRulesTest, ExpandPatternNamesPiecesOnly) {
  const std::vector<PatternPiece> pieces = {{"SIDE", "right|left"}, {"AT", R"(at\s+the\s+<SIDE>)"}};
  EXPECT_EQ(ExpandPattern(R"(x{1,2}<AT>)", pieces), R"(x{1,2}(?:at\s+the\s+(?:right|left)))");
  EXPECT_THROW(ExpandPattern("<MISSING>", pieces), std::invalid_argument);
}

TEST(PhraseRulesTest, KeepLongestHitsPrefersLongerThenEarlier) {
  const PhraseRule first{.id = "first"}, second{.id = "second"};
  const std::vector<PhraseHit> hits = {
      {0, 5, &first, {}}, {2, 10, &second, {}}, {12, 15, &second, {}}, {12, 15, &first, {}}};
  std::string kept;
  for (const PhraseHit& h : KeepLongestHits(hits)) {
    kept += h.rule->id + ":" + std::to_string(h.begin) + "-" + std::to_string(h.end) + " ";
  }
  EXPECT_EQ(kept, "second:2-10 second:12-15 ");
}

// A section running over a page break: page 1 ends inside "straight leg" /
// "raise". Every fact quotes its page, and one that runs over the break
// quotes only the part on the page where it starts.
TEST(ExtractFindingsTest, SpansQuoteTheirPagesAcrossAPageBreak) {
  const auto [pages, region] = testing::TwoPageRegion(
      "clinical_summary", {"HEADER\n", "Exam: antalgic gait. Positive straight leg", "\n"},
      {"", "raise on the right. VAS 7/10.", "\nPage 2"});

  std::vector<std::string> quoted;
  for (const Fact& fact : ExtractFindings(region)) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
    EXPECT_EQ(fact.section, "clinical_summary");
    quoted.push_back(std::to_string(fact.span.page_number) + ":" + fact.text);
  }
  EXPECT_EQ(quoted, (std::vector<std::string>{"1:antalgic gait", "1:Positive straight leg", "2:VAS 7/10"}));
}

}  // namespace
}  // namespace imr
