#include "pipeline/record_json.h"

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "core/text.h"
#include "pipeline/json_writer.h"

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

// True when `value` is a JSON number that, parsed and printed again, gives
// the same characters ("12", "7.5", "-3"; not "07", "1.50", "1e3", " 4",
// "4+/5"): writing it as a number loses nothing. Plain integers of up to 18
// digits (every count and dose seen) are answered here; anything else is
// asked of nlohmann, whose printing is the one that must match.
bool IsPlainNumber(std::string_view value) {
  const std::string_view digits = value.starts_with('-') ? value.substr(1) : value;
  if (!digits.empty() && digits.size() <= 18 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (digits.size() == 1 && digits[0] == '0') return value.size() == 1;  // "-0" prints as "0"
    if (digits[0] != '0') return true;
  }
  const Json number = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  return number.is_number() && number.dump() == value;
}

// One attribute as written: under its own key, or under "<key>_text".
struct AttributeOut {
  std::string_view key;
  bool text_suffix = false;
  std::string_view value;
  bool number = false;

  bool SameKey(const AttributeOut& other) const {
    if (text_suffix == other.text_suffix) return key == other.key;
    const AttributeOut& suffixed = text_suffix ? *this : other;
    const AttributeOut& plain = text_suffix ? other : *this;
    return plain.key.size() == suffixed.key.size() + kTextSuffix.size() && plain.key.starts_with(suffixed.key) &&
           plain.key.ends_with(kTextSuffix);
  }
};

// Writes the attributes as one object. A numeric key's value that is no plain
// number keeps its type promise by going under "<key>_text" as a string, and
// the key itself is left out: a reader that wants the number finds none
// rather than a string where a number belongs. Where that name is also an
// attribute of its own ("count" of "several" beside "count_text"), the one
// later in key order wins, written at the first one's place (the object the
// records were first written from behaved so).
void WriteAttributes(const Attributes& attributes, JsonWriter* w) {
  std::vector<AttributeOut> out;
  out.reserve(attributes.size());
  for (const auto& [key, value] : attributes) {
    AttributeOut a{key, false, value, false};
    if (IsNumericAttribute(key)) (IsPlainNumber(value) ? a.number : a.text_suffix) = true;
    auto same = std::find_if(out.begin(), out.end(), [&](const AttributeOut& b) { return b.SameKey(a); });
    if (same == out.end()) {
      out.push_back(a);
    } else {
      same->value = a.value;
      same->number = a.number;
    }
  }
  w->BeginObject();
  for (const AttributeOut& a : out) {
    if (a.text_suffix) {
      w->Key(std::string(a.key) + std::string(kTextSuffix));
    } else {
      w->Key(a.key);
    }
    a.number ? w->RawNumber(a.value) : w->String(a.value);
  }
  w->EndObject();
}

void WriteStringOrNull(std::string_view s, JsonWriter* w) { s.empty() ? w->Null() : w->String(s); }

void WriteStrings(const std::vector<std::string>& strings, JsonWriter* w) {
  w->BeginArray();
  for (const std::string& s : strings) w->String(s);
  w->EndArray();
}

void WriteSpanMembers(const Span& span, JsonWriter* w) {
  w->Key("page_number");
  w->Int(span.page_number);
  w->Key("begin");
  w->Uint(span.begin);
  w->Key("end");
  w->Uint(span.end);
}

void WriteCode(const Code& code, JsonWriter* w) {
  w->BeginObject();
  w->Key("system");
  w->String(code.system);
  w->Key("code");
  w->String(code.code);
  w->EndObject();
}

void WriteSource(const Source& s, JsonWriter* w) {
  w->BeginObject();
  w->Key("path");
  w->String(s.path);
  w->Key("sha256");
  w->String(s.sha256);
  w->Key("bytes");
  w->Uint(s.bytes);
  w->Key("page_count");
  w->Int(s.page_count);
  w->Key("encrypted");
  w->Bool(s.encrypted);
  w->Key("ocr_pages");
  w->BeginArray();
  for (int page : s.ocr_pages) w->Int(page);
  w->EndArray();
  w->EndObject();
}

void WritePages(const std::vector<Page>& pages, JsonWriter* w) {
  w->BeginArray();
  for (const Page& page : pages) {
    w->BeginObject();
    w->Key("page_number");
    w->Int(page.page_number);
    w->Key("text");
    w->String(page.text);
    w->Key("ocr");
    w->Bool(page.ocr);
    w->Key("furniture");
    w->BeginArray();
    for (const Span& f : page.furniture) {
      w->BeginObject();
      w->Key("begin");
      w->Uint(f.begin);
      w->Key("end");
      w->Uint(f.end);
      w->EndObject();
    }
    w->EndArray();
    // Only a page OCR read words on has a confidence: a number, 0-100, one decimal.
    if (page.ocr && page.ocr_confidence >= 0) {
      w->Key("ocr_confidence");
      w->Double(std::round(page.ocr_confidence * 10) / 10);
    }
    w->EndObject();
  }
  w->EndArray();
}

void WriteSections(const std::vector<Section>& sections, JsonWriter* w) {
  w->BeginArray();
  for (const Section& s : sections) {
    w->BeginObject();
    w->Key("name");
    w->String(s.name);
    w->Key("page_number");
    w->Int(s.page_number);
    w->Key("begin");
    w->Uint(s.begin);
    w->Key("end");
    w->Uint(s.end);
    w->EndObject();
  }
  w->EndArray();
}

void WriteFields(const std::map<std::string, Field>& fields, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [name, field] : fields) {
    w->Key(name);
    w->BeginObject();
    w->Key("value");
    w->String(field.value);
    WriteSpanMembers(field.span, w);
    if (!field.document.empty()) {
      w->Key("document");
      w->String(field.document);
    }
    w->EndObject();
  }
  w->EndObject();
}

void WriteDocuments(const std::vector<PacketDocument>& documents, JsonWriter* w) {
  w->BeginArray();
  for (const PacketDocument& d : documents) {
    w->BeginObject();
    w->Key("id");
    w->String(d.id);
    w->Key("doc_type");
    w->String(d.doc_type);
    w->Key("first_page");
    w->Int(d.first_page);
    w->Key("last_page");
    w->Int(d.last_page);
    w->Key("date");
    WriteStringOrNull(d.date, w);
    w->Key("author");
    WriteStringOrNull(d.author, w);
    w->Key("duplicate_of");
    WriteStringOrNull(d.duplicate_of, w);
    w->EndObject();
  }
  w->EndArray();
}

void WritePatientAndReviewer(const Record& record, JsonWriter* w) {
  w->Key("patient");
  w->BeginObject();
  w->Key("age");
  record.patient.age ? w->Int(*record.patient.age) : w->Null();
  w->Key("sex");
  WriteStringOrNull(record.patient.sex, w);
  w->EndObject();
  w->Key("reviewer");
  w->BeginObject();
  w->Key("licensure");
  WriteStrings(record.reviewer.licensure, w);
  w->Key("specialty");
  WriteStringOrNull(record.reviewer.specialty, w);
  w->EndObject();
}

void WriteFact(const Fact& f, JsonWriter* w) {
  w->BeginObject();
  w->Key("id");
  w->String(f.id);
  w->Key("kind");
  w->String(f.kind);
  w->Key("text");
  w->String(f.text);
  WriteSpanMembers(f.span, w);
  w->Key("section");
  w->String(f.section);
  w->Key("assertion");
  w->String(f.assertion);
  if (!f.assertion_cue.empty()) {
    w->Key("assertion_cue");
    w->String(f.assertion_cue);
  }
  w->Key("value");
  WriteAttributes(f.value, w);
  if (f.code) {
    w->Key("code");
    WriteCode(*f.code, w);
  }
  w->Key("rule");
  w->String(f.rule);
  if (!f.document.empty()) {
    w->Key("document");
    w->String(f.document);
  }
  if (!f.also.empty()) {
    w->Key("also");
    w->BeginArray();
    for (const Evidence& e : f.also) {
      w->BeginObject();
      w->Key("text");
      w->String(e.text);
      w->Key("section");
      w->String(e.section);
      WriteSpanMembers(e.span, w);
      w->EndObject();
    }
    w->EndArray();
  }
  w->EndObject();
}

void WriteDetermination(const Determination& d, JsonWriter* w) {
  w->BeginObject();
  w->Key("outcome");
  w->String(d.outcome);
  w->Key("confidence");
  w->String(d.confidence);
  w->Key("rule");
  w->String(d.rule);
  w->Key("guideline_era");
  w->String(d.guideline_era);
  w->Key("request_date");
  w->String(d.request_date);
  w->Key("criteria");
  w->BeginArray();
  for (const CriterionResult& c : d.criteria) {
    w->BeginObject();
    w->Key("id");
    w->String(c.id);
    w->Key("status");
    w->String(c.status);
    w->Key("how");
    w->String(c.how);
    w->Key("evidence");
    WriteStrings(c.evidence, w);
    w->EndObject();
  }
  w->EndArray();
  w->Key("citations");
  WriteStrings(d.citations, w);
  w->Key("rationale");
  w->String(d.rationale);
  w->EndObject();
}

void WriteReference(const Reference& ref, JsonWriter* w) {
  w->BeginObject();
  w->Key("decision");
  w->String(ref.decision);
  w->Key("guidelines");
  WriteStrings(ref.guidelines, w);
  w->Key("claims_administrator_guideline");
  w->String(ref.claims_administrator_guideline);
  w->Key("reviewer_guideline");
  w->String(ref.reviewer_guideline);
  w->Key("statement");
  w->String(ref.statement);
  w->Key("statement_span");
  w->BeginObject();
  WriteSpanMembers(ref.statement_span, w);
  w->EndObject();
  w->EndObject();
}

void WriteRequest(const Request& r, JsonWriter* w) {
  w->BeginObject();
  w->Key("id");
  w->String(r.id);
  w->Key("text");
  w->String(r.text);
  w->Key("display");
  w->String(r.DisplayText());
  w->Key("category");
  w->String(r.category);
  w->Key("details");
  WriteAttributes(r.details, w);
  w->Key("codes");
  w->BeginArray();
  for (const Code& c : r.codes) WriteCode(c, w);
  w->EndArray();
  WriteSpanMembers(r.span, w);
  if (r.reference) {
    w->Key("reference");
    WriteReference(*r.reference, w);
  }
  if (!r.document.empty()) {
    w->Key("document");
    w->String(r.document);
  }
  if (!r.same_as.empty()) {
    w->Key("same_as");
    WriteStrings(r.same_as, w);
  }
  if (r.determination) {
    w->Key("determination");
    WriteDetermination(*r.determination, w);
  }
  w->EndObject();
}

void WriteTimeline(const std::vector<TimelineEntry>& timeline, JsonWriter* w) {
  w->BeginArray();
  for (const TimelineEntry& t : timeline) {
    w->BeginObject();
    w->Key("date");
    w->String(t.date);
    w->Key("precision");
    w->String(t.precision);
    w->Key("role");
    w->String(t.role);
    w->Key("source");
    w->String(t.source);
    w->EndObject();
  }
  w->EndArray();
}

void WriteProblems(const std::vector<Problem>& problems, JsonWriter* w) {
  w->BeginArray();
  for (const Problem& p : problems) {
    w->BeginObject();
    w->Key("stage");
    w->String(StageName(p.stage));
    w->Key("code");
    w->String(p.code);
    w->Key("page_number");
    w->Int(p.page_number);
    w->Key("message");
    w->String(p.message);
    w->EndObject();
  }
  w->EndArray();
}

// The text's length, near enough to reserve it once: the pages' text is most
// of a record.
size_t ExpectedSize(const Document& doc) {
  size_t bytes = 4096;
  for (const Page& page : doc.pages) bytes += page.text.size() + page.text.size() / 16;
  return bytes;
}

}  // namespace

bool IsNumericAttribute(std::string_view key) {
  return std::find(std::begin(kNumericAttributes), std::end(kNumericAttributes), key) !=
         std::end(kNumericAttributes);
}

// The keys in the order the contract lists them; pretty (2 spaces), ending
// in a new line.
std::string RecordToJson(const Record& record) {
  const Document& doc = record.document;
  JsonWriter w(/*indent=*/2);
  w.Reserve(ExpectedSize(doc) + 512 * (record.facts.size() + record.requests.size()));
  w.BeginObject();
  w.Key("schema");
  w.String(kRecordSchema);
  w.Key("source");
  WriteSource(doc.source, &w);
  w.Key("doc_type");
  w.String(doc.doc_type);
  w.Key("documents");
  WriteDocuments(record.documents, &w);
  w.Key("pages");
  WritePages(doc.pages, &w);
  w.Key("sections");
  WriteSections(doc.sections, &w);
  w.Key("fields");
  WriteFields(record.fields, &w);
  WritePatientAndReviewer(record, &w);
  w.Key("facts");
  w.BeginArray();
  for (const Fact& f : record.facts) WriteFact(f, &w);
  w.EndArray();
  w.Key("requests");
  w.BeginArray();
  for (const Request& r : record.requests) WriteRequest(r, &w);
  w.EndArray();
  w.Key("timeline");
  WriteTimeline(record.timeline, &w);
  w.Key("problems");
  WriteProblems(record.problems, &w);
  w.EndObject();
  std::string text = std::move(w).Take();
  text.push_back('\n');
  return text;
}

std::string DocumentToJson(const Document& doc) {
  JsonWriter w(/*indent=*/2);
  w.Reserve(ExpectedSize(doc));
  w.BeginObject();
  w.Key("schema");
  w.String("imr.text/1");
  w.Key("source");
  WriteSource(doc.source, &w);
  w.Key("doc_type");
  w.String(doc.doc_type);
  w.Key("pages");
  WritePages(doc.pages, &w);
  w.Key("sections");
  WriteSections(doc.sections, &w);
  w.Key("problems");
  WriteProblems(doc.problems, &w);
  w.EndObject();
  std::string text = std::move(w).Take();
  text.push_back('\n');
  return text;
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
  JsonWriter w(/*indent=*/-1);
  WriteAttributes(attributes, &w);
  return std::move(w).Take();
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
