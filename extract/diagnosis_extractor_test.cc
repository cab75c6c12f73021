#include "extract/diagnosis_extractor.h"

#include <gtest/gtest.h>

#include "extract/pattern.h"

namespace imr {
namespace {

// "text|text" of every diagnosis found in `sentence`, in order, as a review
// letter's case summary states them (`doc_type`), or as any other record
// names them ("" doc type: the vocabulary's problems too).
std::string Found(const std::string& sentence, const std::string& section = "clinical_case_summary",
                  const std::string& doc_type = "imr_final_determination") {
  Region region = RegionOfText(sentence, section);
  region.doc_type = doc_type;
  std::string out;
  for (const Fact& f : ExtractDiagnoses(region)) {
    EXPECT_EQ(region.text.text.substr(f.span.begin, f.span.end - f.span.begin), f.text);
    out += (out.empty() ? "" : "|") + f.text;
  }
  return out;
}

TEST(ExtractDiagnosesTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      // Statement cues.
      {"She was diagnosed with lumbar strain.", "lumbar strain"},
      {"He was diagnosed as having cervical strain, lumbar disc protrusion, and insomnia.",
       "cervical strain|lumbar disc protrusion|insomnia"},
      {"The diagnoses are documented as right wrist sprain and left knee contusion.",
       "right wrist sprain|left knee contusion"},
      {"The injured worker is being treated for neck strain and low back pain.", "neck strain|low back pain"},
      {"The worker is undergoing treatment for right shoulder impingement.", "right shoulder impingement"},
      {"The physician gave a diagnosis of \"lumbar pain with radiculopathy.\"", "lumbar pain with radiculopathy"},
      {"Diagnoses include carpal tunnel syndrome; lateral epicondylitis.",
       "carpal tunnel syndrome|lateral epicondylitis"},
      {"Her working diagnosis is a left L5 radiculopathy.", "left L5 radiculopathy"},
      {"Assessment: chronic pain syndrome", "chronic pain syndrome"},
      // Lists whose parts share a head stay whole.
      {"He is being treated for contusion of face, scalp and neck, and acute cervical sprain.",
       "contusion of face, scalp and neck|acute cervical sprain"},
      {"She was diagnosed with cervical, thoracic and lumbar myoligamentous injury.",
       "cervical, thoracic and lumbar myoligamentous injury"},
      {"Being treated for right foot and right shoulder pain.", "right foot and right shoulder pain"},
      {"Diagnosed with strain in right hip, ankle, and foot.", "strain in right hip, ankle, and foot"},
      {"Diagnosed with thoracic spine strain/bilateral parascapular strain.",
       "thoracic spine strain/bilateral parascapular strain"},
      // The list ends where the sentence turns to something else.
      {"He was diagnosed with lumbar sprain on 10/13/2016 by his physician.", "lumbar sprain"},
      {"She was diagnosed with tendonitis on the right lateral epicondyle and was given a brace.",
       "tendonitis on the right lateral epicondyle"},
      {"He was diagnosed with knee effusion, and he was sent to therapy.", "knee effusion"},
      {"Diagnosed with a rotator cuff tear per the orthopedist.", "rotator cuff tear"},
      {"Her diagnoses were lumbar radiculitis and sacroiliac segmental dysfunction.",
       "lumbar radiculitis|sacroiliac segmental dysfunction"},
      {"He is under care for right knee contusion/laceration, and lumbar spine strain.",
       "right knee contusion/laceration|lumbar spine strain"},
      {"Diagnosed with post-concussion syndrome and post traumatic headaches.",
       "post-concussion syndrome|post traumatic headaches"},
      {"The primary diagnosis is left carpal tunnel syndrome.", "left carpal tunnel syndrome"},
      // Explicit codes are kept with the condition.
      {"Diagnoses include M54.16 lumbar radiculopathy.", "M54.16 lumbar radiculopathy"},
      // Near-misses: claims, tests and complaints are not diagnoses.
      {"He filed a claim for chronic low back pain.", ""},
      {"Diagnostic testing was not performed.", ""},
      {"The request for diagnostic studies was denied.", ""},
      {"She complains of neck pain radiating to the arm.", ""},
      {"No diagnosis was given.", ""},
      {"Treatment for the knee included physical therapy.", ""},
      {"He was diagnosed with nothing specific.", ""},
      {"", ""},
  };
  for (const auto& [sentence, expected] : rows) {
    SCOPED_TRACE(sentence);
    EXPECT_EQ(Found(sentence), expected);
  }
}

TEST(ExtractDiagnosesTest, DiagnosesSectionItems) {
  EXPECT_EQ(Found("1. Lumbar radiculopathy, M54.16\n2. Cervical strain, S16.1XXA\n3. Insomnia\n", "diagnoses"),
            "Lumbar radiculopathy, M54.16|Cervical strain, S16.1XXA|Insomnia");
  const std::vector<Fact> facts = ExtractDiagnoses(RegionOfText("1. Lumbar radiculopathy, M54.16\n", "diagnoses"));
  ASSERT_EQ(facts.size(), 1u);
  ASSERT_TRUE(facts[0].code.has_value());
  EXPECT_EQ(facts[0].code->code, "M54.16");
  EXPECT_EQ(facts[0].value.at("body_site"), "lumbar_spine");
  // Outside a diagnoses section, a bare list is not diagnoses.
  EXPECT_EQ(Found("1. Lumbar radiculopathy\n", "subjective"), "");
}

// In a note, problems are named anywhere; a stated diagnosis stays as written
// where it reads as a list item, and prose gives way to the problems in it.
TEST(ExtractDiagnosesTest, NotesNameProblemsAnywhere) {
  const std::pair<std::string, std::string> rows[] = {
      {"He filed a claim for chronic low back pain.", "chronic low back pain"},
      {"She complains of neck pain radiating to the arm.", "neck pain"},
      {"Denies fever, chills or night sweats.", "fever|chills|night sweats"},
      {"She was diagnosed with lumbar strain.", "lumbar strain"},
      {"No diagnosis was given.", ""},
  };
  for (const auto& [sentence, expected] : rows) {
    SCOPED_TRACE(sentence);
    EXPECT_EQ(Found(sentence, "history", ""), expected);
  }
  // A diagnosis list item stays whole; a sentence of prose gives way.
  EXPECT_EQ(Found("1. Posttraumatic avascular necrosis in right femoral head\n", "diagnoses", ""),
            "Posttraumatic avascular necrosis in right femoral head");
  EXPECT_EQ(Found("No abnormal mass effect is identified. There is no hydrocephalus.\n", "impression", ""),
            "abnormal mass|hydrocephalus");
}

TEST(NamesConditionTest, Table) {
  const std::pair<std::string, bool> rows[] = {
      {"lumbar strain", true}, {"cervicalgia", true},      {"lateral epicondylitis", true},
      {"L5 radiculopathy", true}, {"scalp", false},        {"right ankle", false},
      {"cervical", false},     {"sprain/strain", true},    {"insomnia", true},
      {"the neck", false},     {"spondylosis", true},      {"pos", false},
  };
  for (const auto& [phrase, expected] : rows) EXPECT_EQ(NamesCondition(phrase), expected) << phrase;
}

TEST(AnatomyOfTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"right shoulder sprain", "body_site=shoulder laterality=right "},
      {"left L5-S1 radiculopathy", "laterality=left level=L5-S1 "},
      {"lumbar disc protrusion at L4-5", "body_site=lumbar_spine level=L4-5 "},
      {"bilateral carpal tunnel syndrome", "body_site=wrist laterality=bilateral "},
      {"cervicalgia", "body_site=cervical_spine "},
      {"low back pain", "body_site=lumbar_spine "},
      {"insomnia", ""},
  };
  for (const auto& [phrase, expected] : rows) {
    std::string got;
    for (const auto& [k, v] : AnatomyOf(phrase)) got += k + "=" + v + " ";
    EXPECT_EQ(got, expected) << phrase;
  }
}

TEST(DiagnosisCueTableTest, EveryRowCompiles) {
  for (const DiagnosisCueRow& row : DiagnosisCueTable()) {
    EXPECT_NO_THROW(Pattern p(row.pattern)) << row.id;
  }
}

}  // namespace
}  // namespace imr
