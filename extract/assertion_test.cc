#include "extract/assertion.h"

#include <gtest/gtest.h>

#include <set>

namespace imr {
namespace {

struct Row {
  std::string sentence;
  std::string target;
  std::string expected;  // "assertion" or "assertion/cue"
  std::string section = "";
};

std::string Describe(const AssertionResult& a) { return a.cue.empty() ? a.assertion : a.assertion + "/" + a.cue; }

// A plan's cues make treatments hypothetical, not the problems they treat;
// "continue" keeps a plan's drug current.
TEST(ClassifyAssertionTest, PlansAndProblems) {
  const std::string s = "Nephrology input has been requested for management of acute renal failure.";
  const size_t at = s.find("acute renal failure");
  EXPECT_EQ(ClassifyAssertion(s, at, at + 19, "", /*problem=*/true).assertion, "present");
  EXPECT_EQ(ClassifyAssertion(s, at, at + 19, "", /*problem=*/false).assertion, "hypothetical");
  const std::string plan = "Continue Norco 10/325 mg.";
  EXPECT_EQ(ClassifyAssertion(plan, 9, 14, "treatment_plan").assertion, "present");
  const std::string start = "Start Lyrica 75 mg.";
  EXPECT_EQ(ClassifyAssertion(start, 6, 12, "treatment_plan").assertion, "hypothetical");
}

TEST(ClassifyTargetTest, Table) {
  const Row rows[] = {
      // Negation before the target, across list commas.
      {"She denies fever, chills or night sweats.", "night sweats", "absent/denies"},
      {"No numbness, tingling, or weakness.", "tingling", "absent/no"},
      {"Sensation is intact without focal deficit.", "focal deficit", "absent/without"},
      {"The MRI was negative for disc herniation.", "disc herniation", "absent/negative for"},
      {"There is no evidence of fracture.", "fracture", "absent/no evidence of"},
      {"He has no history of diabetes.", "diabetes", "absent/no history of"},
      {"Patient denied any bowel or bladder dysfunction.", "bladder dysfunction", "absent/denied"},
      {"Straight leg raise: no radicular pain, but positive for spasm.", "radicular pain", "absent/no"},
      {"She never had an epidural injection.", "epidural injection", "absent/never"},
      // Negation after the target.
      {"Spurling's test was negative.", "Spurling's test", "absent/negative"},
      {"Fracture is ruled out.", "fracture", "absent/is ruled out"},
      {"Myelopathy was not seen on the study.", "myelopathy", "absent/not seen"},
      {"Her radicular symptoms have resolved.", "radicular symptoms", "absent/resolved"},
      // Scope ends at terminators and the window.
      {"No fever but reports severe low back pain.", "severe low back pain", "present"},
      {"Denies numbness; complains of radiating pain.", "radiating pain", "present"},
      {"No acute distress, however there is tenderness over the facets.", "tenderness", "present"},
      {"There was no improvement after twelve visits of physical therapy and the patient still has spasm.",
       "spasm", "present"},
      // Pseudo-triggers trigger nothing.
      {"No change in the disc protrusion at L4-5.", "disc protrusion", "present"},
      {"He stands without difficulty and has antalgic gait.", "antalgic gait", "present"},
      {"Imaging was MRIs of the neck without contrast, and 6 sessions of acupuncture for the neck.",
       "acupuncture", "present"},
      {"An MRI without contrast showed a disc protrusion.", "disc protrusion", "present"},
      {"Infection has not been ruled out.", "infection", "present"},
      // Uncertainty.
      {"Possible right L5 radiculopathy.", "L5 radiculopathy", "possible/possible"},
      {"Findings are suspicious for a rotator cuff tear.", "rotator cuff tear", "possible/suspicious for"},
      {"Rule out carpal tunnel syndrome.", "carpal tunnel syndrome", "possible/rule out"},
      {"A small tear cannot be ruled out.", "small tear", "possible/cannot be ruled out"},
      // Lists a cue opens reach to their end.
      {"Denies fever, chills, nausea, vomiting, diarrhea, constipation, headache, dizziness or chest pain.",
       "chest pain", "absent/denies"},
      {"Examination of the skin does not reveal any scars, rashes, cafe au lait spots or ulcers.", "ulcers",
       "absent/does not reveal"},
      {"Risks include but are not limited to infection, bleeding, nerve injury, and dural tear.", "dural tear",
       "hypothetical/risks"},
      {"This could also result in dural tear with headache, nausea, vomiting and photophobia.", "photophobia",
       "hypothetical/could also result in"},
      // An electromyogram's grades: 0 is none, only for the word before it.
      {"Fibrillations 0, fasciculations rare.", "Fibrillations", "absent/0"},
      {"Fibrillations 0, fasciculations rare.", "fasciculations", "present"},
      // A duration before "history of" is the present illness.
      {"He reports a six-week history of balance problems.", "balance problems", "present"},
      {"She has a history of asthma.", "asthma", "historical/history of"},
      {"Presumed infection of the prosthesis.", "infection", "possible/presumed"},
      // Past, hypothetical, family.
      {"He is status post L4-5 fusion.", "L4-5 fusion", "historical/status post"},
      {"She had a prior lumbar MRI.", "lumbar MRI", "historical/prior"},
      {"Return if weakness develops.", "weakness", "hypothetical/if"},
      {"The physician requested an MRI of the lumbar spine.", "MRI", "hypothetical/requested"},
      {"The treatment plan included 6 sessions of physiotherapy.", "physiotherapy", "hypothetical/plan included"},
      {"On 12/16/2016 a request was received for a sit-stand workstation.", "workstation",
       "hypothetical/request was received for"},
      {"Her mother has rheumatoid arthritis.", "rheumatoid arthritis", "family/mother"},
      {"Family history of lumbar stenosis.", "lumbar stenosis", "family/family history of"},
      // Negation outranks the rest.
      {"No family history of arthritis.", "arthritis", "absent/no"},
      // Section defaults, and a trigger that outranks them.
      {"Diabetes mellitus.", "diabetes mellitus", "family/section:family_history", "family_history"},
      {"Physical therapy 2x6.", "physical therapy", "hypothetical/section:treatment_plan", "treatment_plan"},
      {"No physical therapy.", "physical therapy", "absent/no", "treatment_plan"},
      // Plain mentions and target lookup.
      {"Lumbar radiculopathy.", "lumbar radiculopathy", "present"},
      {"ALLERGIES: He has no known ALLERGIES.", "allergies", "absent/no known"},
      {"Denies ALCOHOL or drugs.", "alcohol", "absent/denies"},
      {"There is a trivial   PERICARDIAL EFFUSION.", "pericardial  effusion", "present"},
      {"Target missing from this sentence.", "not here", "present"},
      {"", "anything", "present"},
      // Words that only contain a trigger do not trigger.
      {"Notable spasm of the trapezius.", "spasm", "present"},
      {"Nonsteroidal drugs help; knot in the trapezius.", "knot", "present"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.sentence + " [" + row.target + "]");
    EXPECT_EQ(Describe(ClassifyTarget(row.sentence, row.target, row.section)), row.expected);
  }
}

TEST(ClassifyAssertionTest, OffsetsOutsideTheSentenceAreClamped) {
  EXPECT_EQ(ClassifyAssertion("No fever.", 3, 500, "").assertion, "absent");
  EXPECT_EQ(ClassifyAssertion("No fever.", 90, 95, "").assertion, "present");
}

TEST(AssertionTriggerTableTest, RowsAreLowerCaseAndUnique) {
  std::set<std::string_view> seen;
  for (const TriggerRow& row : AssertionTriggerTable()) {
    SCOPED_TRACE(std::string(row.phrase));
    EXPECT_TRUE(seen.insert(row.phrase).second) << "duplicate";
    for (char c : row.phrase) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(row.phrase.find("  "), std::string_view::npos);
  }
}

TEST(SentenceAroundTest, Table) {
  const std::string text =
      "Seen by Dr. Smith on 10/13/2016. She has no weakness. Takes Flexeril 7.5 mg daily.\n\n"
      "DIAGNOSES\nLumbar strain";
  const std::pair<std::string, std::string> rows[] = {
      {"Smith", "Seen by Dr. Smith on 10/13/2016."},
      {"weakness", "She has no weakness."},
      {"Flexeril", "Takes Flexeril 7.5 mg daily."},
      {"Lumbar", "DIAGNOSES\nLumbar strain"},
  };
  for (const auto& [word, sentence] : rows) {
    SCOPED_TRACE(word);
    const size_t at = text.find(word);
    const auto [begin, end] = SentenceAround(text, at, at + word.size());
    EXPECT_EQ(text.substr(begin, end - begin), sentence);
  }
}

// Fixed bug: with no sentence end on the page, every mention's sentence was
// the whole page, and a long line of mentions took time quadratic in its
// length. The sentence now stops kMaxSentenceReach bytes either side, at a
// space, and still holds its target.
TEST(SentenceAroundTest, ASentenceWithoutEndsReachesABoundedWay) {
  std::string text;
  while (text.size() < 20 * kMaxSentenceReach) text += "lumbar radiculopathy, ";
  const size_t at = text.find("lumbar", text.size() / 2);
  const auto [begin, end] = SentenceAround(text, at, at + 6);
  EXPECT_LE(begin, at);
  EXPECT_GE(end, at + 6);
  EXPECT_GE(at - begin, kMaxSentenceReach - 30);
  EXPECT_LE(at - begin, kMaxSentenceReach);
  EXPECT_GE(end - (at + 6), kMaxSentenceReach - 30);
  EXPECT_LE(end - (at + 6), kMaxSentenceReach);
  // Cut at spaces: whole words at both ends.
  EXPECT_EQ(text[begin - 1], ' ');
  EXPECT_EQ(text[end], ' ');
  // Near the ends of the text the sentence runs to them.
  const auto [first_begin, first_end] = SentenceAround(text, 0, 6);
  EXPECT_EQ(first_begin, 0u);
  EXPECT_LE(first_end, 6 + kMaxSentenceReach);
}

}  // namespace
}  // namespace imr
