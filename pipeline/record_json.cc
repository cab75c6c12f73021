#include "pipeline/record_json.h"

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "core/text.h"

namespace imr {
namespace {

using Json = nlohmann::ordered_json;

// The attribute keys (fact `value`, request `details`) whose values are
// quantities by nature: counts, visits, weeks and other lengths of time,
// scores, degrees, percent, pounds, milligrams and MME. They are JSON numbers
// in every record; every other key is a string in every record, even when its
// value happens to look like a number (a year-only `date` "2015", a
// `strength` "500" beside "10/325", a `grade` "2+" beside "4/5"), because a
// SQLite store and typed clients take a key's type from the contract, not
// from one value. A key new to the extractors is a string until it is added
// here. Keys ending in "_text" are reserved: a numeric key's value that is no
// plain number goes there (see AttributeJson).
constexpr std::string_view kNumericAttributes[] = {
    // age
    "years",
    // relative dates and durations: "3 weeks ago", "for 6-8 weeks"
    "amount", "amount_min", "amount_max",
    // requests and treatment history: how many, how often, for how long
    "count", "visits", "quantity", "refills", "frequency_per_week", "hours", "days", "weeks", "months",
    "relief_percent",
    // medication dosing and morphine equivalents (normalize/medication_normal.cc)
    "strength_per_unit_mg", "strength_mcg_per_hr", "units_per_dose", "doses_per_day", "units_per_day",
    "daily_dose_mg", "med_mg_per_day", "mme_factor",
    // findings: pain scores out of `score_max`, range of motion
    "score", "score_max", "score_low", "score_high", "score_with_medication", "score_without_medication",
    "degrees", "degrees_normal",
    // functional status
    "lift_limit_lbs",
};

constexpr std::string_view kTextSuffix = "_text";

// The JSON number `value` is, when writing it as one loses nothing: parsed
// and printed again it gives the same characters ("12", "7.5", "-3"; not
// "07", "1.50", "1e3", " 4", "4+/5").
std::optional<Json> PlainNumber(const std::string& value) {
  Json number = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!number.is_number() || number.dump() != value) return std::nullopt;
  return number;
}

// Writes one attribute into `out`. A numeric key's value that is no plain
// number keeps its type promise by going under "<key>_text" as a string, and
// the key itself is left out: a reader that wants the number finds none
// rather than a string where a number belongs.
void AttributeJson(const std::string& key, const std::string& value, Json* out) {
  if (!IsNumericAttribute(key)) {
    (*out)[key] = value;
  } else if (std::optional<Json> number = PlainNumber(value)) {
    (*out)[key] = *number;
  } else {
    (*out)[key + std::string(kTextSuffix)] = value;
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
    // Only a page OCR read words on has a confidence: a number, 0-100, one decimal.
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

std::string Dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

bool IsNumericAttribute(std::string_view key) {
  return std::find(std::begin(kNumericAttributes), std::end(kNumericAttributes), key) !=
         std::end(kNumericAttributes);
}

std::string RecordToJson(const Record& record) {
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

std::string DocumentToJson(const Document& doc) {
  Json out;
  out["schema"] = "imr.text/1";
  out["source"] = SourceJson(doc.source);
  out["doc_type"] = doc.doc_type;
  out["pages"] = PagesJson(doc.pages);
  out["sections"] = SectionsJson(doc.sections);
  out["problems"] = ProblemsJson(doc.problems);
  return Dump(out);
}

}  // namespace imr

namespace imr {
namespace {

using ReadJson = nlohmann::json;

std::string Str(const ReadJson& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

template <typename T>
T Num(const ReadJson& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<T>() : T{};
}

Span SpanFrom(const ReadJson& j) {
  return {Num<int>(j, "page_number"), Num<size_t>(j, "begin"), Num<size_t>(j, "end")};
}

std::vector<std::string> Strings(const ReadJson& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const ReadJson& s : *it) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

const ReadJson& Array(const ReadJson& j, const char* key) {
  static const ReadJson empty = ReadJson::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

Stage StageFrom(std::string_view name) {
  for (Stage s : {Stage::kIngest, Stage::kExtract, Stage::kNormalize, Stage::kDecide}) {
    if (StageName(s) == name) return s;
  }
  return Stage::kPipeline;
}

// The inverse of AttributesJson: a number prints back as the characters it
// was written from, and "<key>_text" of a numeric key is that key's value
// again. Strings under numeric keys (records written before the types were
// fixed) are read as they are.
Attributes AttributesFrom(const ReadJson& j) {
  Attributes out;
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string key = it.key();
    if (key.ends_with(kTextSuffix)) {
      std::string stem = key.substr(0, key.size() - kTextSuffix.size());
      if (IsNumericAttribute(stem)) key = std::move(stem);
    }
    out[key] = it->is_string() ? it->get<std::string>() : it->dump();
  }
  return out;
}

Fact FactFrom(const ReadJson& j) {
  Fact f;
  f.id = Str(j, "id");
  f.kind = Str(j, "kind");
  f.text = Str(j, "text");
  f.span = SpanFrom(j);
  f.section = Str(j, "section");
  f.assertion = Str(j, "assertion");
  f.assertion_cue = Str(j, "assertion_cue");
  f.rule = Str(j, "rule");
  f.document = Str(j, "document");
  if (auto v = j.find("value"); v != j.end()) f.value = AttributesFrom(*v);
  if (auto c = j.find("code"); c != j.end() && c->is_object()) f.code = Code{Str(*c, "system"), Str(*c, "code")};
  for (const ReadJson& e : Array(j, "also")) f.also.push_back({SpanFrom(e), Str(e, "text"), Str(e, "section")});
  return f;
}

Request RequestFrom(const ReadJson& j) {
  Request r;
  r.id = Str(j, "id");
  r.text = Str(j, "text");
  r.display = Str(j, "display");
  if (r.display.empty()) r.display = CollapseWhitespace(r.text);  // a record from before the key
  r.category = Str(j, "category");
  if (auto d = j.find("details"); d != j.end()) r.details = AttributesFrom(*d);
  for (const ReadJson& c : Array(j, "codes")) r.codes.push_back({Str(c, "system"), Str(c, "code")});
  r.span = SpanFrom(j);
  r.document = Str(j, "document");
  r.same_as = Strings(j, "same_as");
  if (auto ref = j.find("reference"); ref != j.end() && ref->is_object()) {
    Reference out;
    out.decision = Str(*ref, "decision");
    out.guidelines = Strings(*ref, "guidelines");
    out.claims_administrator_guideline = Str(*ref, "claims_administrator_guideline");
    out.reviewer_guideline = Str(*ref, "reviewer_guideline");
    out.statement = Str(*ref, "statement");
    if (auto s = ref->find("statement_span"); s != ref->end()) out.statement_span = SpanFrom(*s);
    r.reference = out;
  }
  if (auto d = j.find("determination"); d != j.end() && d->is_object()) {
    Determination out;
    out.outcome = Str(*d, "outcome");
    out.rule = Str(*d, "rule");
    out.citations = Strings(*d, "citations");
    out.rationale = Str(*d, "rationale");
    out.guideline_era = Str(*d, "guideline_era");
    out.request_date = Str(*d, "request_date");
    out.confidence = Str(*d, "confidence");
    for (const ReadJson& c : Array(*d, "criteria")) {
      out.criteria.push_back({Str(c, "id"), Str(c, "status"), Strings(c, "evidence"), Str(c, "how")});
    }
    r.determination = out;
  }
  return r;
}

void ReadDocument(const ReadJson& j, Document* doc) {
  if (auto s = j.find("source"); s != j.end() && s->is_object()) {
    doc->source.path = Str(*s, "path");
    doc->source.sha256 = Str(*s, "sha256");
    doc->source.bytes = Num<uint64_t>(*s, "bytes");
    doc->source.page_count = Num<int>(*s, "page_count");
    doc->source.encrypted = s->value("encrypted", false);
    for (const ReadJson& n : Array(*s, "ocr_pages")) {
      if (n.is_number_integer()) doc->source.ocr_pages.push_back(n.get<int>());
    }
  }
  doc->doc_type = Str(j, "doc_type");
  for (const ReadJson& p : Array(j, "pages")) {
    Page page;
    page.page_number = Num<int>(p, "page_number");
    page.text = Str(p, "text");
    page.ocr = p.value("ocr", false);
    if (auto c = p.find("ocr_confidence"); c != p.end() && c->is_number()) page.ocr_confidence = c->get<double>();
    for (const ReadJson& f : Array(p, "furniture")) {
      page.furniture.push_back({page.page_number, Num<size_t>(f, "begin"), Num<size_t>(f, "end")});
    }
    doc->pages.push_back(std::move(page));
  }
  for (const ReadJson& s : Array(j, "sections")) {
    doc->sections.push_back({Str(s, "name"), Num<int>(s, "page_number"), Num<size_t>(s, "begin"),
                             Num<size_t>(s, "end")});
  }
}

}  // namespace

std::string AttributesToJson(const Attributes& attributes) {
  return AttributesJson(attributes).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string WithSourcePath(std::string_view record_json, std::string_view path) {
  Json j = Json::parse(record_json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw std::runtime_error("a record is not JSON");
  j["source"]["path"] = std::string(path);
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<Record> RecordFromJson(std::string_view text, std::string* error) {
  const ReadJson j = ReadJson::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  if (Str(j, "schema") != kRecordSchema) {
    *error = "not an imr.record/1 record";
    return std::nullopt;
  }
  Record record;
  ReadDocument(j, &record.document);
  if (auto f = j.find("fields"); f != j.end() && f->is_object()) {
    for (const auto& [name, v] : f->items()) record.fields[name] = {Str(v, "value"), SpanFrom(v), Str(v, "document")};
  }
  for (const ReadJson& d : Array(j, "documents")) {
    record.documents.push_back({Str(d, "id"), Str(d, "doc_type"), Num<int>(d, "first_page"), Num<int>(d, "last_page"),
                                Str(d, "date"), Str(d, "author"), Str(d, "duplicate_of")});
  }
  if (auto p = j.find("patient"); p != j.end() && p->is_object()) {
    if (auto age = p->find("age"); age != p->end() && age->is_number_integer()) record.patient.age = age->get<int>();
    record.patient.sex = Str(*p, "sex");
  }
  if (auto r = j.find("reviewer"); r != j.end() && r->is_object()) {
    record.reviewer.licensure = Strings(*r, "licensure");
    record.reviewer.specialty = Str(*r, "specialty");
  }
  for (const ReadJson& f : Array(j, "facts")) record.facts.push_back(FactFrom(f));
  for (const ReadJson& r : Array(j, "requests")) record.requests.push_back(RequestFrom(r));
  for (const ReadJson& t : Array(j, "timeline")) {
    record.timeline.push_back({Str(t, "date"), Str(t, "precision"), Str(t, "role"), Str(t, "source")});
  }
  for (const ReadJson& p : Array(j, "problems")) {
    record.problems.push_back({StageFrom(Str(p, "stage")), Str(p, "code"), Num<int>(p, "page_number"),
                               Str(p, "message")});
  }
  return record;
}

}  // namespace imr
