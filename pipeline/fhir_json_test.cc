#include "pipeline/fhir_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace imr {
namespace {

using Json = nlohmann::json;

const char kPageText[] = "48-year-old male. Diagnoses: right shoulder contusion. No clonus.\n";

Fact MakeFact(std::string id, std::string kind, std::string assertion, size_t begin, size_t end) {
  Fact f;
  f.id = std::move(id);
  f.kind = std::move(kind);
  f.text = std::string(kPageText).substr(begin, end - begin);
  f.span = {1, begin, end};
  f.assertion = std::move(assertion);
  return f;
}

Record SampleRecord() {
  Record r;
  r.document.source = {"in/CM16-0213037.pdf", std::string(64, 'a'), 35475, 2, true, {}};
  r.document.doc_type = "imr_final_determination";
  r.document.pages = {{1, kPageText, {}, {}, false}, {2, "p2\n", {}, {}, false}};
  r.fields["case_number"] = {"CM16-0213037", {1, 0, 2}};
  r.patient = {48, "male"};
  r.facts.push_back(MakeFact("f1", "age", "present", 0, 11));
  r.facts.push_back(MakeFact("f2", "sex", "present", 12, 16));
  Fact diagnosis = MakeFact("f3", "diagnosis", "present", 29, 53);  // "right shoulder contusion"
  diagnosis.code = Code{"ICD-10-CM", "S40.011A"};
  diagnosis.value = {{"body_site", "shoulder"}, {"laterality", "right"}};
  r.facts.push_back(diagnosis);
  r.facts.push_back(MakeFact("f4", "diagnosis", "hypothetical", 29, 53));
  r.facts.push_back(MakeFact("f5", "diagnosis", "family", 29, 53));
  r.facts.push_back(MakeFact("f6", "procedure", "absent", 29, 53));
  r.facts.push_back(MakeFact("f7", "medication", "historical", 29, 53));
  r.facts.push_back(MakeFact("f8", "finding", "absent", 58, 64));  // "clonus"
  r.facts.push_back(MakeFact("f9", "date", "present", 0, 2));       // not a FHIR resource here
  Request q;
  q.id = "r1";
  q.text = "MRI";
  q.category = "imaging.mri.shoulder";
  q.span = {2, 0, 2};
  q.reference = Reference{"upheld", {"A", "B"}, "A", "B", "MRI", {2, 0, 2}};
  r.requests.push_back(q);
  return r;
}

Json Bundle(const Record& record) { return Json::parse(RecordToFhirJson(record)); }

std::vector<std::string> ResourceTypes(const Json& bundle) {
  std::vector<std::string> out;
  for (const Json& e : bundle["entry"]) out.push_back(e["resource"]["resourceType"]);
  return out;
}

const Json* Extension(const Json& parent, std::string_view url) {
  if (!parent.contains("extension")) return nullptr;
  for (const Json& e : parent["extension"]) {
    if (e["url"] == url) return &e;
  }
  return nullptr;
}

// {"page": 1, "begin": 29, ...} from the evidence extension's parts.
std::map<std::string, Json> EvidenceParts(const Json& resource) {
  std::map<std::string, Json> out;
  const Json* evidence = Extension(resource, kFhirEvidenceUrl);
  if (!evidence) return out;
  for (const Json& part : (*evidence)["extension"]) {
    for (const auto& [key, value] : part.items()) {
      if (key != "url") out[part["url"]] = value;
    }
  }
  return out;
}

std::string CodeOf(const Json& codeable) { return codeable["coding"][0]["code"]; }

// "Condition clinical=active verification=confirmed": what a reader of the
// resource learns about the fact's assertion.
std::string Describe(const Json& r) {
  std::string out = r["resourceType"];
  if (r.contains("clinicalStatus")) out += " clinical=" + CodeOf(r["clinicalStatus"]);
  if (r.contains("verificationStatus")) out += " verification=" + CodeOf(r["verificationStatus"]);
  if (r.contains("status")) out += " status=" + r["status"].get<std::string>();
  if (r.contains("valueString")) out += " value='" + r["valueString"].get<std::string>() + "'";
  if (r.contains("valueCodeableConcept")) out += " value=" + r["valueCodeableConcept"]["coding"][0]["display"].get<std::string>();
  return out;
}

TEST(FhirJsonTest, ResourcesInOrder) {
  const Json bundle = Bundle(SampleRecord());
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  EXPECT_EQ(ResourceTypes(bundle),
            (std::vector<std::string>{"DocumentReference", "Patient", "Condition", "FamilyMemberHistory", "Procedure",
                                      "MedicationStatement", "Observation", "ServiceRequest"}));
}

TEST(FhirJsonTest, AssertionDecidesStatusOrSkips) {
  struct Row {
    const char* kind;
    const char* assertion;
    const char* expected;  // "" : no resource
  };
  const Row rows[] = {
      {"diagnosis", "present", "Condition clinical=active verification=confirmed"},
      {"diagnosis", "absent", "Condition verification=refuted"},
      {"diagnosis", "possible", "Condition clinical=active verification=provisional"},
      {"diagnosis", "historical", "Condition clinical=inactive verification=confirmed"},
      {"diagnosis", "hypothetical", ""},
      {"diagnosis", "family", "FamilyMemberHistory status=partial"},
      {"diagnosis", "unheard-of", "Condition clinical=active verification=confirmed"},
      {"procedure", "present", "Procedure status=completed"},
      {"procedure", "absent", "Procedure status=not-done"},
      {"procedure", "possible", "Procedure status=unknown"},
      {"procedure", "historical", "Procedure status=completed"},
      {"procedure", "hypothetical", "Procedure status=preparation"},
      {"procedure", "family", ""},
      {"medication", "present", "MedicationStatement status=active"},
      {"medication", "absent", "MedicationStatement status=not-taken"},
      {"medication", "possible", "MedicationStatement status=unknown"},
      {"medication", "historical", "MedicationStatement status=completed"},
      {"medication", "hypothetical", "MedicationStatement status=intended"},
      {"medication", "family", ""},
      {"finding", "present", "Observation status=final value='clonus'"},
      {"finding", "absent", "Observation status=final value=Absent"},
      {"finding", "possible", "Observation status=final value='clonus'"},
      {"finding", "historical", "Observation status=final value='clonus'"},
      {"finding", "hypothetical", ""},
      {"finding", "family", ""},
      {"date", "present", ""},
      {"functional_status", "present", ""},
  };
  for (const Row& row : rows) {
    Record record;
    record.document.source.sha256 = "00";
    record.document.pages = {{1, kPageText, {}, {}, false}};
    record.facts.push_back(MakeFact("f1", row.kind, row.assertion, 58, 64));
    const Json bundle = Bundle(record);
    const std::string got = bundle["entry"].size() > 1 ? Describe(bundle["entry"][1]["resource"]) : "";
    EXPECT_EQ(got, row.expected) << row.kind << " " << row.assertion;
  }
}

TEST(FhirJsonTest, EveryFactResourceCitesItsWords) {
  const Json bundle = Bundle(SampleRecord());
  const std::string document_url = bundle["entry"][0]["fullUrl"];
  const Json& condition = bundle["entry"][2]["resource"];
  const auto parts = EvidenceParts(condition);
  EXPECT_EQ(parts.at("page"), 1);
  EXPECT_EQ(parts.at("begin"), 29);
  EXPECT_EQ(parts.at("end"), 53);
  EXPECT_EQ(parts.at("quote"), "right shoulder contusion");
  EXPECT_EQ(parts.at("id"), "f3");
  EXPECT_EQ(parts.at("document")["reference"], document_url);
  ASSERT_NE(Extension(condition, kFhirAssertionUrl), nullptr);
  EXPECT_EQ((*Extension(condition, kFhirAssertionUrl))["valueCode"], "present");
  for (size_t i = 2; i < bundle["entry"].size(); ++i) {
    const Json& r = bundle["entry"][i]["resource"];
    EXPECT_EQ(EvidenceParts(r).count("quote"), 1u) << r["resourceType"];
  }
}

TEST(FhirJsonTest, ConditionCodeAndSubject) {
  const Json bundle = Bundle(SampleRecord());
  const Json& condition = bundle["entry"][2]["resource"];
  EXPECT_EQ(condition["code"]["text"], "right shoulder contusion");
  EXPECT_EQ(condition["code"]["coding"][0]["system"], "http://hl7.org/fhir/sid/icd-10-cm");
  EXPECT_EQ(condition["code"]["coding"][0]["code"], "S40.011A");
  EXPECT_EQ(condition["bodySite"][0]["text"], "right shoulder");
  EXPECT_EQ(condition["subject"]["reference"], bundle["entry"][1]["fullUrl"]);
  EXPECT_FALSE(bundle["entry"][4]["resource"]["code"].contains("coding"));  // the procedure: no code set
}

TEST(FhirJsonTest, DocumentReferenceDescribesTheSource) {
  const Json bundle = Bundle(SampleRecord());
  const Json& doc = bundle["entry"][0]["resource"];
  EXPECT_EQ(doc["status"], "current");
  EXPECT_EQ(doc["masterIdentifier"]["system"], kFhirSha256System);
  EXPECT_EQ(doc["masterIdentifier"]["value"], std::string(64, 'a'));
  EXPECT_EQ(doc["identifier"][0]["value"], "CM16-0213037");
  EXPECT_EQ(doc["type"]["coding"][0]["code"], "imr_final_determination");
  EXPECT_EQ((*Extension(doc, kFhirPageCountUrl))["valueUnsignedInt"], 2);
  EXPECT_EQ((*Extension(doc, kFhirEncryptedUrl))["valueBoolean"], true);
  const Json& attachment = doc["content"][0]["attachment"];
  EXPECT_EQ(attachment["contentType"], "application/pdf");
  EXPECT_EQ(attachment["size"], 35475);
  EXPECT_EQ(attachment["title"], "CM16-0213037.pdf");
  EXPECT_FALSE(attachment.contains("hash"));  // FHIR's hash is SHA-1; ours is SHA-256
}

TEST(FhirJsonTest, TextInputAndProblems) {
  Record record;
  record.document.source = {"notes.txt", "", 9, 1, false, {}};
  record.document.pages = {{1, "some text", {}, {}, false}};
  record.problems.push_back({Stage::kIngest, "binary_content", 0, "m"});
  record.problems.push_back({Stage::kIngest, "binary_content", 0, "m"});
  const Json doc = Bundle(record)["entry"][0]["resource"];
  EXPECT_EQ(doc["content"][0]["attachment"]["contentType"], "text/plain");
  EXPECT_FALSE(doc.contains("masterIdentifier"));
  int problems = 0;
  for (const Json& e : doc["extension"]) problems += e["url"] == kFhirProblemUrl;
  EXPECT_EQ(problems, 1);
}

TEST(FhirJsonTest, PatientCarriesGenderAgeAndEvidence) {
  const Json bundle = Bundle(SampleRecord());
  const Json& patient = bundle["entry"][1]["resource"];
  EXPECT_EQ(patient["gender"], "male");
  const Json& age = (*Extension(patient, kFhirAgeUrl))["valueAge"];
  EXPECT_EQ(age["value"], 48);
  EXPECT_EQ(age["code"], "a");
  EXPECT_EQ(age["system"], "http://unitsofmeasure.org");
  EXPECT_EQ(EvidenceParts(patient).at("quote"), "48-year-old");  // the age fact comes first
  EXPECT_EQ(bundle["entry"][0]["resource"]["subject"]["reference"], bundle["entry"][1]["fullUrl"]);
}

TEST(FhirJsonTest, WithoutAgeOrSexNoPatient) {
  Record record = SampleRecord();
  record.patient = {};
  const Json bundle = Bundle(record);
  for (const std::string& type : ResourceTypes(bundle)) EXPECT_NE(type, "Patient");
  EXPECT_FALSE(bundle["entry"][0]["resource"].contains("subject"));
  EXPECT_TRUE(bundle["entry"][1]["resource"]["subject"].contains("display"));
}

TEST(FhirJsonTest, ServiceRequestCarriesTheLettersDecision) {
  const Json bundle = Bundle(SampleRecord());
  const Json& request = bundle["entry"].back()["resource"];
  EXPECT_EQ(request["status"], "active");
  EXPECT_EQ(request["intent"], "order");
  EXPECT_EQ(request["code"]["text"], "MRI");
  EXPECT_EQ(request["category"][0]["coding"][0]["code"], "imaging.mri.shoulder");
  const Json* decision = Extension(request, kFhirReferenceDecisionUrl);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ((*decision)["extension"][0], (Json{{"url", "decision"}, {"valueCode", "upheld"}}));
  EXPECT_EQ((*decision)["extension"][2], (Json{{"url", "reviewerGuideline"}, {"valueString", "B"}}));
  EXPECT_EQ(EvidenceParts(request).at("page"), 2);

  EXPECT_EQ(Extension(request, kFhirDeterminationUrl), nullptr);  // none drafted in the sample

  Record drafted = SampleRecord();
  drafted.requests[0].determination =
      Determination{"not_medically_necessary", "imaging.mri.shoulder.acoem_2004@1", {{"red_flags", "not_documented", {}}},
                    {"MTUS ACOEM, Chapter 9, pp. 207-209"}, "No red flag was documented.", "chronic_pain_2016", "2016-11-03"};
  const Json with = Bundle(drafted)["entry"].back()["resource"];
  const Json* determination = Extension(with, kFhirDeterminationUrl);
  ASSERT_NE(determination, nullptr);
  EXPECT_EQ((*determination)["extension"][0], (Json{{"url", "outcome"}, {"valueCode", "not_medically_necessary"}}));
  EXPECT_EQ((*determination)["extension"][3], (Json{{"url", "criterion"}, {"valueString", "red_flags:not_documented"}}));

  Record unplaced = SampleRecord();
  unplaced.requests[0].category = "other";
  unplaced.requests[0].reference.reset();
  const Json plain = Bundle(unplaced)["entry"].back()["resource"];
  EXPECT_FALSE(plain.contains("category"));
  EXPECT_EQ(Extension(plain, kFhirReferenceDecisionUrl), nullptr);
}

TEST(FhirJsonTest, SameRecordSameBytesAndUuidsFromTheHash) {
  const Record record = SampleRecord();
  const std::string first = RecordToFhirJson(record);
  EXPECT_EQ(RecordToFhirJson(record), first);
  const Json bundle = Json::parse(first);
  const std::regex uuid("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> urls;
  for (const Json& e : bundle["entry"]) {
    const std::string url = e["fullUrl"];
    EXPECT_TRUE(std::regex_match(url, uuid)) << url;
    EXPECT_EQ(url, "urn:uuid:" + e["resource"]["id"].get<std::string>());
    urls.insert(url);
  }
  EXPECT_EQ(urls.size(), bundle["entry"].size());

  Record other = record;
  other.document.source.sha256 = std::string(64, 'b');
  const Json other_bundle = Bundle(other);
  EXPECT_NE(other_bundle["entry"][0]["fullUrl"], bundle["entry"][0]["fullUrl"]);
  EXPECT_NE(other_bundle["id"], bundle["id"]);
}

TEST(FhirJsonTest, OddTextNeverThrowsAndStaysAFhirString) {
  Record record = SampleRecord();
  // Invalid UTF-8, a form feed, a no-break space and a BOM in the words.
  record.facts[2].text = "bad \xFF\xFE byte\fnext\xC2\xA0word\xEF\xBB\xBF";
  record.facts[2].code = Code{"ICD-10-CM", " S40.\t011A "};
  record.requests[0].text = "\x80";
  std::string json;
  ASSERT_NO_THROW(json = RecordToFhirJson(record));
  const Json bundle = Json::parse(json);
  const Json& condition = bundle["entry"][2]["resource"];
  EXPECT_EQ(EvidenceParts(condition).at("quote"), "bad \xEF\xBF\xBD\xEF\xBF\xBD byte next word ");
  EXPECT_EQ(condition["code"]["text"], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte next word");
  EXPECT_EQ(condition["code"]["coding"][0]["code"], "S40. 011A");
  EXPECT_EQ(bundle["entry"].back()["resource"]["code"]["text"], "\xEF\xBF\xBD");
}

TEST(FhirJsonTest, FactsWithoutWordsAreLeftOut) {
  Record record = SampleRecord();
  for (Fact& f : record.facts) f.text = " \n";
  record.requests[0].text = "";
  EXPECT_EQ(ResourceTypes(Bundle(record)), (std::vector<std::string>{"DocumentReference", "Patient"}));
}

}  // namespace
}  // namespace imr
