#include "extract/problem_extractor.h"

#include <gtest/gtest.h>

#include "extract/allergy_extractor.h"
#include "extract/extract_testing.h"
#include "extract/procedure_vocabulary.h"

namespace imr {
namespace {

struct Row {
  std::string text;
  std::string expected;
};

std::string Problems(const std::string& text) {
  return testing::DescribeFacts(ExtractProblems(RegionOfText(text)),
                                {.between = "; ", .lead_key = "problem_type", .hidden_keys = {"code_source"}});
}

TEST(ExtractProblemsTest, Table) {
  const Row rows[] = {
      // The vocabulary's terms, with the words that qualify them.
      {"Chronic low back pain radiating to the left leg.", "diagnosis{sign_symptom 'Chronic low back pain' body_site=lumbar_spine}"},
      {"Pain in the right knee.", "diagnosis{sign_symptom 'Pain in the right knee' body_site=knee laterality=right}"},
      {"Severe tricompartmental osteoarthritis, left knee.",
       "diagnosis{disease 'Severe tricompartmental osteoarthritis, left knee' body_site=knee laterality=left}"},
      {"Disc herniation at C5-6 and C6-7.", "diagnosis{disease 'Disc herniation at C5-6 and C6-7' body_site=spine}"},
      {"Cervical and lumbar strain.", "diagnosis{injury 'Cervical and lumbar strain' body_site=cervical_spine}"},
      {"No murmurs, rubs or gallops.", "diagnosis{finding 'murmurs'}; diagnosis{finding 'rubs'}; diagnosis{finding 'gallops'}"},
      {"History of HTN and DM.", "diagnosis{disease 'HTN'}; diagnosis{disease 'DM'}"},
      {"Atrial fibrillation.", "diagnosis{disease 'Atrial fibrillation'}"},
      // Context terms need their qualifiers; stop words never stand alone.
      {"The pain is better.", ""},
      {"Severe pain.", "diagnosis{sign_symptom 'Severe pain'}"},
      {"She had a fall at work.", ""},
      {"Estimated blood loss was minimal.", ""},
      {"The wound was closed in layers.", ""},
      // Abbreviations keep their case: "dm" is not diabetes.
      {"Dose 5 dm.", ""},
      // An operation's name is a procedure, not a problem.
      {"Status post laminectomy.", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(Problems(row.text), row.expected);
  }
}

TEST(ExtractProblemsTest, CodesFromTheIndex) {
  const std::vector<Fact> facts = ExtractProblems(RegionOfText("Shortness of breath."));
  ASSERT_EQ(facts.size(), 1u);
  ASSERT_TRUE(facts[0].code.has_value());
  EXPECT_EQ(facts[0].code->code, "R06.02");
  EXPECT_EQ(facts[0].value.at("code_source"), "icd10cm_index");
  EXPECT_GT(ProblemVocabularySize(), 100000u);
}

TEST(NamesProblemTest, Table) {
  EXPECT_TRUE(NamesProblem("history of anemia"));
  EXPECT_TRUE(NamesProblem("lumbar radiculopathy"));
  EXPECT_FALSE(NamesProblem("cervical"));
  EXPECT_FALSE(NamesProblem("the pain"));  // a context term alone names nothing yet
}

std::string Procedures(const std::string& text, const std::string& section = "") {
  return testing::DescribeFacts(ExtractNamedProcedures(RegionOfText(text, section)),
                                {.between = "; ", .lead_key = "procedure", .hidden_keys = {"procedure_group"}});
}

TEST(ExtractNamedProceduresTest, Table) {
  const Row rows[] = {
      {"She underwent a right total hip arthroplasty.",
       "procedure{arthroplasty 'right total hip arthroplasty' body_site=hip laterality=right}"},
      {"Removal of the old hardware was done.", "procedure{removal 'Removal of the old hardware'}"},
      {"Left L5-S1 transforaminal epidural steroid injection.",
       "procedure{epidural_steroid_injection 'Left L5-S1 transforaminal epidural steroid injection' laterality=left}"},
      {"Right inguinal hernia repair in 2001.",
       "procedure{repair 'Right inguinal hernia repair' body_site=abdomen laterality=right}"},
      {"Colonoscopy and EGD were normal.", "procedure{colonoscopy 'Colonoscopy'}; procedure{egd 'EGD'}"},
      {"MRI of the brain without contrast.", "procedure{mri 'MRI of the brain' body_site=head}"},
      // Steps of an operation, and context words alone, are no procedures.
      {"An incision was made and hemostasis obtained.", ""},
      {"The repair was uneventful.", ""},
      {"He has x-ray vision.", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(Procedures(row.text), row.expected);
  }
  // Under ANESTHESIA, the kind of anesthesia written alone.
  EXPECT_EQ(Procedures("General endotracheal.", "anesthesia"), "procedure{general_anesthesia 'General endotracheal'}");
  EXPECT_EQ(Procedures("General endotracheal.", "history"), "procedure{general_anesthesia 'General endotracheal'}");
  EXPECT_EQ(Procedures("Local.", "anesthesia"), "procedure{local_anesthesia 'Local'}");
  EXPECT_EQ(Procedures("Local.", "history"), "");
}

std::string Allergies(const std::string& text, const std::string& section = "") {
  return testing::DescribeFacts(ExtractAllergies(RegionOfText(text, section)), {.between = "; ", .lead_key = "substance"});
}

TEST(ExtractAllergiesTest, Table) {
  EXPECT_EQ(Allergies("Penicillin and sulfa.", "allergies"),
            "allergy{penicillin 'Penicillin'}; allergy{sulfa 'sulfa'}");
  EXPECT_EQ(Allergies("No known drug allergies.", "allergies"), "");
  EXPECT_EQ(Allergies("She is allergic to codeine and latex."), "allergy{codeine 'codeine'}; allergy{latex 'latex'}");
  EXPECT_EQ(Allergies("She has a sulfa allergy."), "allergy{sulfa 'sulfa'}");
  EXPECT_EQ(Allergies("Takes codeine for cough."), "");
}

}  // namespace
}  // namespace imr
