// RecordToJson writes straight to text (JsonWriter). Before, it built an
// nlohmann ordered_json tree and dumped it; that writer is kept here as the
// oracle: both must give the same bytes for every record, tricky strings,
// attribute quirks and the golden corpus records included.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pipeline/record_json.h"
#include "tests/testing.h"

namespace imr {
namespace {

using Json = nlohmann::ordered_json;

// ---- The tree writer, as pipeline/record_json.cc had it (commit b5e760d). ----

std::optional<Json> PlainNumber(const std::string& value) {
  Json number = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!number.is_number() || number.dump() != value) return std::nullopt;
  return number;
}

void AttributeJson(const std::string& key, const std::string& value, Json* out) {
  if (!IsNumericAttribute(key)) {
    (*out)[key] = value;
  } else if (std::optional<Json> number = PlainNumber(value)) {
    (*out)[key] = *number;
  } else {
    (*out)[key + "_text"] = value;
  }
}

Json AttributesJson(const Attributes& attributes) {
  Json out = Json::object();
  for (const auto& [k, v] : attributes) AttributeJson(k, v, &out);
  return out;
}

Json SpanJson(const Span& span, Json out = Json::object()) {
  out["page_number"] = span.page_number;
  out["begin"] = span.begin;
  out["end"] = span.end;
  return out;
}

Json SourceJson(const Source& s) {
  return {{"path", s.path},       {"sha256", s.sha256},       {"bytes", s.bytes},
          {"page_count", s.page_count}, {"encrypted", s.encrypted}, {"ocr_pages", s.ocr_pages}};
}

Json PagesJson(const std::vector<Page>& pages) {
  Json out = Json::array();
  for (const Page& page : pages) {
    Json furniture = Json::array();
    for (const Span& f : page.furniture) furniture.push_back({{"begin", f.begin}, {"end", f.end}});
    Json json = {{"page_number", page.page_number}, {"text", page.text}, {"ocr", page.ocr}, {"furniture", furniture}};
    if (page.ocr && page.ocr_confidence >= 0) json["ocr_confidence"] = std::round(page.ocr_confidence * 10) / 10;
    out.push_back(std::move(json));
  }
  return out;
}

Json SectionsJson(const std::vector<Section>& sections) {
  Json out = Json::array();
  for (const Section& s : sections) {
    out.push_back({{"name", s.name}, {"page_number", s.page_number}, {"begin", s.begin}, {"end", s.end}});
  }
  return out;
}

Json FieldsJson(const std::map<std::string, Field>& fields) {
  Json out = Json::object();
  for (const auto& [name, field] : fields) {
    Json one = SpanJson(field.span, {{"value", field.value}});
    if (!field.document.empty()) one["document"] = field.document;
    out[name] = std::move(one);
  }
  return out;
}

Json DocumentsJson(const std::vector<PacketDocument>& documents) {
  Json out = Json::array();
  const auto or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  for (const PacketDocument& d : documents) {
    out.push_back({{"id", d.id},
                   {"doc_type", d.doc_type},
                   {"first_page", d.first_page},
                   {"last_page", d.last_page},
                   {"date", or_null(d.date)},
                   {"author", or_null(d.author)},
                   {"duplicate_of", or_null(d.duplicate_of)}});
  }
  return out;
}

Json FactJson(const Fact& f) {
  Json out = {{"id", f.id}, {"kind", f.kind}, {"text", f.text}};
  out = SpanJson(f.span, out);
  out["section"] = f.section;
  out["assertion"] = f.assertion;
  if (!f.assertion_cue.empty()) out["assertion_cue"] = f.assertion_cue;
  out["value"] = AttributesJson(f.value);
  if (f.code) out["code"] = {{"system", f.code->system}, {"code", f.code->code}};
  out["rule"] = f.rule;
  if (!f.document.empty()) out["document"] = f.document;
  if (!f.also.empty()) {
    Json also = Json::array();
    for (const Evidence& e : f.also) also.push_back(SpanJson(e.span, {{"text", e.text}, {"section", e.section}}));
    out["also"] = also;
  }
  return out;
}

Json DeterminationJson(const Determination& d) {
  Json criteria = Json::array();
  for (const CriterionResult& c : d.criteria) {
    criteria.push_back({{"id", c.id}, {"status", c.status}, {"how", c.how}, {"evidence", c.evidence}});
  }
  return {{"outcome", d.outcome},       {"confidence", d.confidence},
          {"rule", d.rule},             {"guideline_era", d.guideline_era},
          {"request_date", d.request_date}, {"criteria", criteria},
          {"citations", d.citations},   {"rationale", d.rationale}};
}

Json RequestJson(const Request& r) {
  Json out = {{"id", r.id}, {"text", r.text}, {"display", r.DisplayText()}, {"category", r.category}};
  out["details"] = AttributesJson(r.details);
  out["codes"] = Json::array();
  for (const Code& c : r.codes) out["codes"].push_back({{"system", c.system}, {"code", c.code}});
  out = SpanJson(r.span, out);
  if (r.reference) {
    const Reference& ref = *r.reference;
    out["reference"] = {{"decision", ref.decision},
                        {"guidelines", ref.guidelines},
                        {"claims_administrator_guideline", ref.claims_administrator_guideline},
                        {"reviewer_guideline", ref.reviewer_guideline},
                        {"statement", ref.statement},
                        {"statement_span", SpanJson(ref.statement_span)}};
  }
  if (!r.document.empty()) out["document"] = r.document;
  if (!r.same_as.empty()) out["same_as"] = r.same_as;
  if (r.determination) out["determination"] = DeterminationJson(*r.determination);
  return out;
}

Json ProblemsJson(const std::vector<Problem>& problems) {
  Json out = Json::array();
  for (const Problem& p : problems) {
    out.push_back({{"stage", StageName(p.stage)}, {"code", p.code},
                   {"page_number", p.page_number}, {"message", p.message}});
  }
  return out;
}

std::string Dump(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string TreeRecordJson(const Record& record) {
  const Document& doc = record.document;
  Json out;
  out["schema"] = kRecordSchema;
  out["source"] = SourceJson(doc.source);
  out["doc_type"] = doc.doc_type;
  out["documents"] = DocumentsJson(record.documents);
  out["pages"] = PagesJson(doc.pages);
  out["sections"] = SectionsJson(doc.sections);
  out["fields"] = FieldsJson(record.fields);
  out["patient"] = {{"age", record.patient.age ? Json(*record.patient.age) : Json(nullptr)},
                    {"sex", record.patient.sex.empty() ? Json(nullptr) : Json(record.patient.sex)}};
  out["reviewer"] = {{"licensure", record.reviewer.licensure},
                     {"specialty", record.reviewer.specialty.empty() ? Json(nullptr)
                                                                     : Json(record.reviewer.specialty)}};
  out["facts"] = Json::array();
  for (const Fact& f : record.facts) out["facts"].push_back(FactJson(f));
  out["requests"] = Json::array();
  for (const Request& r : record.requests) out["requests"].push_back(RequestJson(r));
  out["timeline"] = Json::array();
  for (const TimelineEntry& t : record.timeline) {
    out["timeline"].push_back({{"date", t.date}, {"precision", t.precision}, {"role", t.role}, {"source", t.source}});
  }
  out["problems"] = ProblemsJson(record.problems);
  return Dump(out);
}

std::string TreeDocumentJson(const Document& doc) {
  Json out;
  out["schema"] = "imr.text/1";
  out["source"] = SourceJson(doc.source);
  out["doc_type"] = doc.doc_type;
  out["pages"] = PagesJson(doc.pages);
  out["sections"] = SectionsJson(doc.sections);
  out["problems"] = ProblemsJson(doc.problems);
  return Dump(out);
}

// ---- The records compared. ----

// Strings every writer gets wrong somewhere: quotes, backslashes, controls,
// '/', DEL, non-ASCII, and invalid UTF-8 (which ingest repairs, but a record
// made elsewhere may hold).
const std::string kTricky[] = {
    "",
    "plain",
    "say \"no\" \\ or / maybe",
    "tab\tnew\nline\rform\fback\b",
    std::string("NUL\0and\x01\x1F\x7F", 11),
    "na\xC3\xAFve \xE2\x80\x94 \xF0\x9F\x98\x80",
    "bad \xC3 lead, \x80 lone, \xED\xA0\x80 surrogate, \xF4\x90\x80\x80 too high, cut \xE2\x80",
};

Record TrickyRecord(size_t n) {
  const auto s = [n](size_t k) { return kTricky[(n + k) % std::size(kTricky)]; };
  Record r;
  r.document.source = {s(0), s(1), 18446744073709551615u, 3, n % 2 == 0, {1, 3}};
  r.document.doc_type = s(2);
  r.document.pages = {{1, s(3), {}, {{1, 0, 4}, {1, 9, 12}}, false, 87.25},
                      {2, s(4), {}, {}, true, 93.04},
                      {3, s(5), {}, {}, true, -1},
                      {4, s(6), {}, {}, true, 0.05}};
  r.document.sections = {{s(1), 1, 0, 26}, {s(2), 2, 3, 4}};
  r.documents = {{"d1", s(3), 1, 2, s(4), "", s(5)}, {"d2", "other", 3, 3, "", s(6), ""}};
  r.fields[s(0) + "key"] = {s(1), {1, 16, 26}, ""};
  r.fields["case_number"] = {s(2), {0, 0, 0}, "d1"};
  if (n % 2 == 0) r.patient = {-4, s(3)};
  r.reviewer = {{s(4), s(5)}, n % 3 == 0 ? "" : s(6)};
  Fact f;
  f.id = "f1";
  f.kind = s(0);
  f.text = s(1);
  f.span = {1, 0, 4};
  f.section = s(2);
  f.assertion_cue = s(3);
  f.value = {{"years", "48"},        {"score", "7.50"},     {"amount", "-0"},      {"visits", "0"},
             {"count", "several"},   {"count_text", s(4)},  {"days", "1e3"},       {"weeks", "123456789012345678"},
             {"hours", "1234567890123456789012"}, {"months", "-12"}, {"degrees", "07"}, {"mme_factor", "0.1"},
             {"quantity", " 4"},     {"refills", ""},       {s(5), s(6)},          {"amount_min", "2.5e1"}};
  f.code = Code{s(0), s(1)};
  f.rule = s(2);
  f.document = n % 2 == 0 ? "d2" : "";
  f.also = {{{2, 1, 3}, s(3), s(4)}};
  r.facts = {f, Fact{}};
  Request q;
  q.id = "r1";
  q.text = s(5);
  q.display = n % 2 == 0 ? "" : s(6);
  q.details = {{"visits", "12"}, {"body_site", s(0)}, {"frequency_per_week", "2-3"}};
  q.codes = {{"CPT", s(1)}, {s(2), "97110"}};
  q.span = {2, 0, 2};
  q.reference = Reference{s(3), {s(4), s(5)}, s(6), s(0), s(1), {2, 0, 2}};
  q.document = "d1";
  q.same_as = {"r2", s(2)};
  q.determination = Determination{s(3), s(4), {{"c1", s(5), {"f1", s(6)}, s(0)}, {"c2", "met", {}, ""}},
                                  {s(1)}, s(2), s(3), s(4), s(5)};
  r.requests = {q, Request{}};
  r.timeline = {{s(6), "day", s(0), "f1"}};
  r.problems = {{Stage::kIngest, s(1), 2, s(2)}, {Stage::kPipeline, "x", 0, ""}};
  return r;
}

TEST(RecordJsonTreeTest, TrickyRecordsAreWrittenAsTheTreeWroteThem) {
  for (size_t n = 0; n < std::size(kTricky); ++n) {
    SCOPED_TRACE(n);
    const Record r = TrickyRecord(n);
    EXPECT_EQ(RecordToJson(r), TreeRecordJson(r));
    EXPECT_EQ(DocumentToJson(r.document), TreeDocumentJson(r.document));
    EXPECT_EQ(AttributesToJson(r.facts[0].value),
              AttributesJson(r.facts[0].value).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  EXPECT_EQ(RecordToJson(Record{}), TreeRecordJson(Record{}));
}

// A numeric key whose value is no number goes to "<key>_text"; when that name
// is an attribute too, the later one's value is written at the first one's place.
TEST(RecordJsonTreeTest, AttributeUnderTheNameOfAnotherKeepsTheTreesPlaceAndValue) {
  Record r;
  r.facts.push_back({});
  r.facts[0].value = {{"count", "several"}, {"count_max", "3"}, {"count_text", "a few"}, {"visits", "2"}};
  const std::string json = RecordToJson(r);
  EXPECT_EQ(json, TreeRecordJson(r));
  EXPECT_NE(json.find("\"count_text\": \"a few\",\n"), std::string::npos) << json;
  EXPECT_EQ(json.find("several"), std::string::npos);
  EXPECT_EQ(AttributesToJson(r.facts[0].value), R"({"count_text":"a few","count_max":"3","visits":2})");
}

// Every golden record, read back and written again both ways.
TEST(RecordJsonTreeTest, GoldenRecordsAreWrittenAsTheTreeWroteThem) {
  const std::filesystem::path expected = std::filesystem::path(testing::SourceDir()) / "corpus" / "expected";
  int compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(expected)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::string error;
    const std::optional<Record> record = RecordFromJson(testing::ReadFile(entry.path().string()), &error);
    ASSERT_TRUE(record.has_value()) << error;
    EXPECT_EQ(RecordToJson(*record), TreeRecordJson(*record));
    ++compared;
  }
  EXPECT_GE(compared, 20);
}

}  // namespace
}  // namespace imr
