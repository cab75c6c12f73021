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
  f.value["strength"] = "10/325";
  f.value["mme_factor"] = "0.5";
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
  EXPECT_NE(json.find("\"years\": 48"), std::string::npos);
  EXPECT_NE(json.find("\"strength\": \"10/325\""), std::string::npos);
  EXPECT_NE(json.find("\"mme_factor\": 0.5"), std::string::npos);
}

// The object `name` holds in a record's JSON ("value", "details"), on one line.
std::string ObjectJson(const std::string& json, const std::string& name) {
  const size_t begin = json.find('{', json.find("\"" + name + "\": {"));
  const size_t end = json.find('}', begin);
  std::string out;
  bool indenting = false;
  for (char c : json.substr(begin, end + 1 - begin)) {
    if (c == '\n') {
      indenting = true;
    } else if (!indenting || c != ' ') {
      out += c;
      indenting = false;
    }
  }
  return out;
}

// Each key has one JSON type in every record (README, "What a record holds"):
// quantities are numbers, everything else a string whatever it looks like, and
// a quantity that is no plain number moves to "<key>_text" as a string.
TEST(RecordJsonTest, EachAttributeKeyHasOneType) {
  const struct {
    std::string key, value, json;
  } rows[] = {
      {"years", "48", R"({"years": 48})"},
      {"visits", "12", R"({"visits": 12})"},
      {"score", "7.5", R"({"score": 7.5})"},
      {"score", "7.0", R"({"score": 7.0})"},
      {"mme_factor", "0.1", R"({"mme_factor": 0.1})"},
      {"degrees", "-10", R"({"degrees": -10})"},
      {"strength", "10/325", R"({"strength": "10/325"})"},
      {"strength", "500", R"({"strength": "500"})"},
      {"grade", "4+/5", R"({"grade": "4+/5"})"},
      {"grade", "5", R"({"grade": "5"})"},
      {"date", "2015", R"({"date": "2015"})"},
      {"level", "L4-L5", R"({"level": "L4-L5"})"},
      {"not_a_known_key", "12", R"({"not_a_known_key": "12"})"},
      {"count", "several", R"({"count_text": "several"})"},
      {"relief_percent", "50-60", R"({"relief_percent_text": "50-60"})"},
      {"visits", "07", R"({"visits_text": "07"})"},
      {"daily_dose_mg", "1.50", R"({"daily_dose_mg_text": "1.50"})"},
      {"quantity", "1e3", R"({"quantity_text": "1e3"})"},
      {"weeks", "", R"({"weeks_text": ""})"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.key + "=" + row.value);
    Record record;
    record.facts.push_back({});
    record.facts[0].value[row.key] = row.value;
    Request request;
    request.details[row.key] = row.value;
    record.requests.push_back(request);
    const std::string json = RecordToJson(record);
    EXPECT_EQ(ObjectJson(json, "value"), row.json);
    EXPECT_EQ(ObjectJson(json, "details"), row.json);
    // Read back, every value is the string the pipeline made, under its key.
    std::string error;
    const std::optional<Record> back = RecordFromJson(json, &error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_EQ(back->facts[0].value, record.facts[0].value);
    EXPECT_EQ(back->requests[0].details, request.details);
  }
}

TEST(RecordJsonTest, NumericKeysAreQuantities) {
  for (const char* key : {"years", "count", "visits", "weeks", "days", "score", "degrees", "relief_percent",
                          "daily_dose_mg", "med_mg_per_day", "lift_limit_lbs"}) {
    EXPECT_TRUE(IsNumericAttribute(key)) << key;
  }
  for (const char* key : {"strength", "grade", "dose", "date", "level", "unit", "frequency", "count_text", ""}) {
    EXPECT_FALSE(IsNumericAttribute(key)) << key;
  }
}

// Records written before the types were fixed hold numeric keys as strings.
TEST(RecordJsonTest, ReadsQuantitiesWrittenAsStrings) {
  Record record;
  record.facts.push_back({});
  record.facts[0].value["visits"] = "12";
  std::string json = RecordToJson(record);
  const size_t at = json.find("\"visits\": 12");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 12, "\"visits\": \"12\"");
  std::string error;
  const std::optional<Record> back = RecordFromJson(json, &error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(back->facts[0].value.at("visits"), "12");
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
