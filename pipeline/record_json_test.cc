#include "pipeline/record_json.h"

#include <gtest/gtest.h>

#include "pipeline/run_document.h"

namespace imr {
namespace {

Record SampleRecord() {
  Record r;
  r.document.source = {"in/x.pdf", "ab", 10, 2, true, {2}};
  r.document.doc_type = "imr_final_determination";
  r.document.pages = {{1, "Date of Injury: 10/13/2016\n", {}, {}, false}, {2, "p2\n", {}, {}, true}};
  r.document.sections = {{"header", 1, 0, 26}};
  r.fields["date_of_injury"] = {"2016-10-13", {1, 16, 26}};
  r.patient = {48, "male"};
  r.reviewer = {{"California", "Texas"}, "Family Practice"};
  Fact f;
  f.id = "f1";
  f.kind = "age";
  f.text = "Date";
  f.span = {1, 0, 4};
  f.value["years"] = "48";
  f.value["dose"] = "10/325";
  f.value["ratio"] = "0.5";
  f.code = Code{"ICD-10-CM", "S40.011A"};
  f.rule = "age.years_old@1";
  r.facts.push_back(f);
  Request q;
  q.id = "r1";
  q.text = "MRI";
  q.span = {2, 0, 2};
  q.reference = Reference{"upheld", {"A", "B"}, "A", "B", "MRI", {2, 0, 2}};
  q.determination = Determination{"not_medically_necessary", "imaging@1", {{"red_flags", "unmet", {"f1"}}},
                                  {"c"}, "why", "chronic_pain_2016", "2016-11-03"};
  r.requests.push_back(q);
  r.problems.push_back({Stage::kIngest, "no_text_layer", 2, "page is an image"});
  return r;
}

TEST(RecordJsonTest, RoundTripKeepsTheContract) {
  const Record in = SampleRecord();
  const std::string json = RecordToJson(in);
  std::string error;
  const auto out = RecordFromJson(json, &error);
  ASSERT_TRUE(out.has_value()) << error;
  EXPECT_EQ(RecordToJson(*out), json);  // nothing the writer writes is lost
  EXPECT_EQ(out->document.source.path, "in/x.pdf");
  EXPECT_TRUE(out->document.source.encrypted);
  EXPECT_EQ(out->fields.at("date_of_injury").value, "2016-10-13");
  EXPECT_EQ(out->fields.at("date_of_injury").span, (Span{1, 16, 26}));
  EXPECT_EQ(out->patient.age, 48);
  EXPECT_EQ(out->reviewer.licensure, (std::vector<std::string>{"California", "Texas"}));
  ASSERT_EQ(out->facts.size(), 1u);
  EXPECT_EQ(out->facts[0].code->code, "S40.011A");
  ASSERT_EQ(out->requests.size(), 1u);
  EXPECT_EQ(out->requests[0].reference->guidelines, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(out->requests[0].determination->criteria[0].evidence, (std::vector<std::string>{"f1"}));
  EXPECT_EQ(out->requests[0].determination->guideline_era, "chronic_pain_2016");
  EXPECT_EQ(out->requests[0].determination->request_date, "2016-11-03");
  EXPECT_EQ(out->problems[0].stage, Stage::kIngest);
  // Contract keys and value kinds.
  EXPECT_NE(json.find("\"schema\": \"imr.record/1\""), std::string::npos);
  EXPECT_NE(json.find("\"years\": 48"), std::string::npos);      // numbers stay numbers
  EXPECT_NE(json.find("\"dose\": \"10/325\""), std::string::npos);  // ratios stay strings
  EXPECT_NE(json.find("\"ratio\": 0.5"), std::string::npos);
}

TEST(RecordJsonTest, NullsForUnknownPatientAndReviewer) {
  Record r;
  const std::string json = RecordToJson(r);
  EXPECT_NE(json.find("\"age\": null"), std::string::npos);
  EXPECT_NE(json.find("\"sex\": null"), std::string::npos);
  EXPECT_NE(json.find("\"specialty\": null"), std::string::npos);
}

TEST(RecordJsonTest, InvalidUtf8NeverThrows) {
  Record r;
  r.document.pages.push_back({1, std::string("bad \xC3 byte"), {}, {}, false});
  std::string json;
  EXPECT_NO_THROW(json = RecordToJson(r));
  EXPECT_NE(json.find("bad"), std::string::npos);
}

TEST(RecordJsonTest, RejectsWhatIsNotARecord) {
  const std::pair<std::string, std::string> rows[] = {
      {"", "not a JSON object"},
      {"[1,2]", "not a JSON object"},
      {"{\"schema\": \"other\"}", "not an imr.record/1 record"},
      {"{\"schema\": \"imr.record/1\"", "not a JSON object"},
  };
  for (const auto& [input, message] : rows) {
    SCOPED_TRACE(input);
    std::string error;
    EXPECT_FALSE(RecordFromJson(input, &error).has_value());
    EXPECT_EQ(error, message);
  }
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(RunDocumentTest, TextInputIsOnePage) {
  const Record r = RunDocument("Case Number: CM17-0912345\nhello", "note.txt", {});
  ASSERT_EQ(r.document.pages.size(), 1u);
  EXPECT_EQ(r.fields.at("case_number").value, "CM17-0912345");
  EXPECT_EQ(r.document.source.bytes, 31u);
  EXPECT_TRUE(r.problems.empty());
}

}  // namespace
}  // namespace imr
