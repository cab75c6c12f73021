#include "normalize/icd10.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace imr {
namespace {

std::string Coded(std::string_view phrase, const Attributes& anatomy) {
  const std::optional<Code> code = CodeDiagnosis(phrase, anatomy);
  if (!code) return "";
  EXPECT_EQ(code->system, "ICD-10-CM") << phrase;
  return code->code;
}

TEST(CodeDiagnosisTest, Table) {
  const Attributes none;
  const Attributes right{{"laterality", "right"}};
  const Attributes left{{"laterality", "left"}};
  const Attributes bilateral{{"laterality", "bilateral"}};
  struct Row {
    std::string phrase;
    Attributes anatomy;
    std::string expected;  // "" when nothing should match
  };
  const Row rows[] = {
      // Sprains and strains, by region and side.
      {"right shoulder sprain", right, "S43.401A"},
      {"right shoulder sprain", none, "S43.401A"},  // the side is in the words
      {"shoulder sprain", none, "S43.409A"},
      {"sprain of left shoulder", none, "S43.402A"},
      {"lumbar strain", none, "S39.012A"},
      {"lumbar muscle strain, subsequent encounter", none, "S39.012D"},
      {"strain of lumbar region, sequela", none, "S39.012S"},
      {"low back strain", none, "S39.012A"},
      {"sprain of ligaments of lumbar spine", none, "S33.5XXA"},
      {"neck strain", none, "S16.1XXA"},
      {"cervical sprain", none, "S13.4XXA"},
      {"thoracic strain", none, "S29.012A"},
      {"left hip strain", none, "S76.012A"},
      {"sprain of unspecified collateral ligament of right knee", none, "S83.401A"},
      {"right knee sprain", none, "S83.91XA"},
      {"strain of the calcaneofibular ligament of the right ankle", none, "S93.411A"},
      {"right wrist sprain", none, "S63.501A"},
      {"left index finger sprain", none, "S63.611A"},
      // Contusions, lacerations, fractures.
      {"contusion of the left knee subsequent encounter", none, "S80.02XD"},
      {"right hand contusion", none, "S60.221A"},
      {"facial contusion", {{"body_site", "head"}}, "S00.83XA"},
      {"lumbar contusion", none, "S30.0XXA"},
      {"right hand laceration", none, "S61.411A"},
      {"fracture of the 5th finger", left, "S62.607A"},
      {"closed fracture of one rib on the left", none, "S22.32XA"},
      // Spine.
      {"low back pain", none, "M54.50"},
      {"cervicalgia", none, "M54.2"},
      {"neck pain", none, "M54.2"},
      {"pain in thoracic spine", none, "M54.6"},
      {"L5 radiculopathy", none, "M54.17"},
      {"radiculopathy", {{"level", "L4"}}, "M54.16"},
      {"lumbar radiculitis", none, "M54.16"},
      {"cervical radiculopathy", none, "M54.12"},
      {"radicul-\nopathy of the lumbar spine", none, "M54.16"},
      {"right sided sciatica", none, "M54.31"},
      {"lumbago with sciatica", left, "M54.42"},
      {"lumbar disc protrusion", none, "M51.26"},
      {"herniated nucleus pulposus of the lumbar spine with radiculopathy", none, "M51.16"},
      {"C5-6 disc herniation", none, "M50.222"},
      {"cervical disc displacement", none, "M50.20"},
      {"lumbar degenerative disc disease", none, "M51.369"},
      {"lumbar spondylosis", none, "M47.816"},
      {"lumbar spinal stenosis with neurogenic claudication", none, "M48.062"},
      {"lumbar stenosis", none, "M48.061"},
      {"L4-5 spondylolisthesis", none, "M43.16"},
      {"failed back surgery syndrome", none, "M96.1"},
      {"lumbar paraspinal muscle spasm", none, "M62.830"},
      // Upper limb.
      {"carpal tunnel syndrome", left, "G56.02"},
      {"bilateral carpal tunnel syndrome", none, "G56.03"},
      {"carpal tunnel syndrome", none, "G56.00"},
      {"cubital tunnel syndrome", right, "G56.21"},
      {"right shoulder impingement syndrome", none, "M75.41"},
      {"partial thickness rotator cuff tear", right, "M75.111"},
      {"traumatic rotator cuff tear", left, "S46.012A"},
      {"adhesive capsulitis of the left shoulder", none, "M75.02"},
      {"lateral epicondylitis", right, "M77.11"},
      {"severe tendonitis on right lateral epicondyle", none, "M77.11"},
      {"medial epicondylitis", none, "M77.00"},
      {"trigger finger", none, "M65.30"},
      {"De Quervain's tenosynovitis", right, "M65.4"},
      // Lower limb.
      {"left knee medial meniscus tear", none, "S83.242A"},
      {"partial anterior cruciate ligament tear", right, "S83.511A"},
      {"ACL tear", none, "S83.519A"},
      {"degenerative joint disease of the right knee", none, "M17.11"},
      {"bilateral knee osteoarthritis", none, "M17.0"},
      {"bilateral knee sprain", none, "S83.90XA"},  // no bilateral code: side unspecified
      {"plantar fasciitis", left, "M72.2"},
      {"Achilles tendonitis", none, "M76.60"},
      {"right IT band pain", none, "M76.31"},
      // Pain syndromes, head, psyche, medicine.
      {"chronic pain syndrome", none, "G89.4"},
      {"chronic pain", none, "G89.29"},
      {"myalgia", none, "M79.10"},
      {"cervical myofascialgia", none, "M79.18"},
      {"fibromyalgia", none, "M79.7"},
      {"headaches", none, "R51.9"},
      {"post-traumatic cephalgia", none, "G44.309"},
      {"post-concussion syndrome", none, "F07.81"},
      {"concussion without loss of consciousness", none, "S06.0X0A"},
      {"traumatic brain injury", none, "S06.9XAA"},
      {"depression", none, "F32.A"},
      {"major depressive disorder, recurrent", none, "F33.9"},
      {"anxiety disorder", none, "F41.9"},
      {"adjustment disorder with mixed anxiety and depressed mood", none, "F43.23"},
      {"post traumatic stress disorder", none, "F43.10"},
      {"insomnia", none, "G47.00"},
      {"sleep disturbance", none, "G47.9"},
      {"hypertension", none, "I10"},
      {"GERD", none, "K21.9"},
      {"NSAID gastropathy", none, "K31.9"},
      {"erectile dysfunction", none, "N52.9"},
      {"male erectile disorder", none, "F52.21"},
      {"type 2 diabetes mellitus", none, "E11.9"},
      {"obesity", none, "E66.9"},
      {"opioid dependence", none, "F11.20"},
      {"long-term use of opiates", none, "Z79.891"},
      {"occupational asthma", none, "J45.909"},
      {"contact dermatitis", none, "L25.9"},
      {"bilateral tinnitus", none, "H93.13"},
      {"noise-induced hearing loss", none, "H83.3X9"},
      {"left lower quadrant abdominal [pain", none, "R10.32"},
      // Near misses: no condition, or a condition the vocabulary lacks.
      {"strain", none, ""},
      {"injury", none, ""},
      {"right knee", right, ""},
      {"lumbar spine", none, ""},
      {"work related fall", none, ""},
      {"", none, ""},
      {"pancreatic adenocarcinoma", none, ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Coded(row.phrase, row.anatomy), row.expected) << "phrase: " << row.phrase;
  }
}

TEST(IsWellFormedIcd10CmTest, Table) {
  const std::pair<std::string, bool> rows[] = {
      {"M54.50", true},   {"M5450", true},     {"M54.5", true},     {"M54", true},
      {"S39.012A", true}, {"S39012A", true},   {"S13.4XXA", true},  {"F32.A", true},
      {"m54.16", true},   {"C4A.0", true},     {"U07.1", true},     {"Z98.1", true},
      {"M54.", false},    {"M5", false},       {"54.5", false},     {"MM4.5", false},
      {"M54.12345", false}, {"M54-5", false},  {"M5.45", false},    {"M54..5", false},
      {"M54 5", false},   {"U85", false},      {"", false},         {"S39.012A.", false},
      {"M54.5!", false},  {"M545000", true},   {"M5450000", false},
  };
  for (const auto& [code, expected] : rows) EXPECT_EQ(IsWellFormedIcd10Cm(code), expected) << "code: " << code;
}

TEST(FindIcd10Test, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"M54.50", "M54.50"},   {"M5450", "M54.50"},      {"m54.2", "M54.2"},
      {"M54.5", "M54.5"},     {"S39.012A", "S39.012A"}, {"S39.012D", "S39.012A"},
      {"S39012S", "S39.012A"}, {"S62.607G", "S62.607A"}, {"S39.012G", ""},
      {"M54.99", ""},         {"not a code", ""},       {"G56.0", ""},
  };
  for (const auto& [code, expected] : rows) {
    const Icd10Entry* e = FindIcd10(code);
    EXPECT_EQ(e ? std::string(e->code) : "", expected) << "code: " << code;
  }
  ASSERT_NE(FindIcd10("M54.5"), nullptr);
  EXPECT_FALSE(FindIcd10("M54.5")->billable);  // split on 2021-10-01
}

TEST(Icd10TableTest, AtLeastThreeHundredRows) { EXPECT_GE(Icd10Table().size(), 300u); }

TEST(Icd10TableTest, RowsAreWellFormedAndUnique) {
  std::set<std::string> seen;
  const std::set<std::string> sides = {"", "right", "left", "bilateral", "unspecified"};
  for (const Icd10Entry& e : Icd10Table()) {
    const std::string code(e.code);
    EXPECT_TRUE(IsWellFormedIcd10Cm(code)) << code;
    EXPECT_TRUE(code.size() <= 3 || code[3] == '.') << code << " is written with its dot";
    EXPECT_TRUE(seen.insert(code).second) << code << " appears twice";
    EXPECT_TRUE(sides.count(std::string(e.laterality))) << code;
    EXPECT_FALSE(e.description.empty()) << code;
    EXPECT_EQ(e.billable, !e.terms.empty()) << code << ": billable rows have terms, categories none";
    // Injuries carry an encounter: 7 characters, the last "A".
    if ((code[0] == 'S' || code[0] == 'T') && e.billable) {
      EXPECT_EQ(code.size(), 8u) << code;
      EXPECT_EQ(code.back(), 'A') << code;
    }
  }
}

TEST(Icd10TableTest, EveryTermLeadsBackToItsRow) {
  for (const Icd10Entry& e : Icd10Table()) {
    Attributes anatomy;
    if (e.laterality != "unspecified" && !e.laterality.empty()) anatomy["laterality"] = std::string(e.laterality);
    size_t from = 0;
    while (from < e.terms.size()) {
      size_t bar = e.terms.find('|', from);
      if (bar == std::string_view::npos) bar = e.terms.size();
      const std::string term(e.terms.substr(from, bar - from));
      EXPECT_EQ(Coded(term, anatomy), e.code) << "term: " << term << " (" << e.laterality << ")";
      from = bar + 1;
    }
  }
}

TEST(CodeDiagnosisFactsTest, WrittenCodesKeptVocabularyCodesAdded) {
  std::vector<Fact> facts(5);
  facts[0].kind = "diagnosis";
  facts[0].text = "M54.16 lumbar radiculopathy";
  facts[0].code = Code{"ICD-10-CM", "M54.16"};
  facts[1].kind = "diagnosis";
  facts[1].text = "Z99.89 dependence on other enabling machines";
  facts[1].code = Code{"ICD-10-CM", "Z99.89"};
  facts[2].kind = "diagnosis";
  facts[2].text = "right shoulder sprain";
  facts[2].value = {{"body_site", "shoulder"}, {"laterality", "right"}};
  facts[3].kind = "diagnosis";
  facts[3].text = "M541.6 radiculopathy";
  facts[3].code = Code{"ICD-10-CM", "M541.6"};
  facts[4].kind = "finding";
  facts[4].text = "low back pain";

  CodeDiagnosisFacts(&facts);
  const std::vector<Fact> once = facts;
  CodeDiagnosisFacts(&facts);  // a second run changes nothing
  for (size_t i = 0; i < facts.size(); ++i) {
    EXPECT_EQ(facts[i].value, once[i].value) << i;
    EXPECT_EQ(facts[i].code.has_value(), once[i].code.has_value()) << i;
  }

  EXPECT_EQ(facts[0].code->code, "M54.16");
  EXPECT_EQ(facts[0].value["code_source"], "text");
  EXPECT_EQ(facts[0].value["code_in_vocabulary"], "true");
  EXPECT_EQ(facts[1].code->code, "Z99.89");
  EXPECT_EQ(facts[1].value["code_in_vocabulary"], "false");
  EXPECT_EQ(facts[2].code->code, "S43.401A");
  EXPECT_EQ(facts[2].value["code_source"], "vocabulary");
  EXPECT_EQ(facts[3].value["code_problem"], "malformed");
  EXPECT_EQ(facts[3].value["code_written"], "M541.6");
  EXPECT_EQ(facts[3].code->code, "M54.10");
  EXPECT_EQ(facts[3].value["code_source"], "vocabulary");
  EXPECT_FALSE(facts[4].code.has_value());
  EXPECT_TRUE(facts[4].value.empty());
}

}  // namespace
}  // namespace imr
