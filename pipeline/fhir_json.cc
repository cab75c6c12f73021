#include "pipeline/fhir_json.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>

#include "pipeline/run_document.h"

namespace imr {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kConditionClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";
constexpr std::string_view kConditionVerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
constexpr std::string_view kSnomedSystem = "http://snomed.info/sct";
constexpr std::string_view kUcumSystem = "http://unitsofmeasure.org";
constexpr std::string_view kRoleCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

// How a fact's assertion reads in each resource. An empty cell: the fact makes
// no resource of that kind.
struct AssertionRow {
  std::string_view assertion;
  std::string_view verification;  // Condition.verificationStatus
  std::string_view clinical;      // Condition.clinicalStatus ("" for none)
  std::string_view procedure;     // Procedure.status
  std::string_view medication;    // MedicationStatement.status
  bool observed;                  // a finding becomes an Observation
};

constexpr AssertionRow kAssertionRows[] = {
    {"present", "confirmed", "active", "completed", "active", true},
    // A refuted condition has no clinical status: there is nothing to be active.
    {"absent", "refuted", "", "not-done", "not-taken", true},
    {"possible", "provisional", "active", "unknown", "unknown", true},
    // "History of" says it happened, not that it healed: inactive, not resolved.
    {"historical", "confirmed", "inactive", "completed", "completed", true},
    // Planned care is a Procedure in preparation or an intended medication, but
    // a hypothetical diagnosis or finding is nobody's.
    {"hypothetical", "", "", "preparation", "intended", false},
    // About a relative: FamilyMemberHistory for diagnoses, nothing else.
    {"family", "", "", "", "", false},
};

// An assertion imr does not know reads as the Fact default, present.
const AssertionRow& RowFor(std::string_view assertion) {
  for (const AssertionRow& row : kAssertionRows) {
    if (row.assertion == assertion) return row;
  }
  return kAssertionRows[0];
}

struct CodeSystemRow {
  std::string_view name;  // Code::system as the record writes it
  std::string_view url;   // the FHIR system URI
};

constexpr CodeSystemRow kCodeSystems[] = {
    {"ICD-10-CM", "http://hl7.org/fhir/sid/icd-10-cm"},
    {"CPT", "http://www.ama-assn.org/go/cpt"},
    {"HCPCS", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"},
    {"RxNorm", "http://www.nlm.nih.gov/research/umls/rxnorm"},
    {"NDC", "http://hl7.org/fhir/sid/ndc"},
};

// Whitespace the official schema's string pattern ^[ \r\n\t\S]+$ rejects under
// JavaScript's \s, as UTF-8: no-break space, Ogham space, U+2000..U+200A, line
// and paragraph separators, narrow no-break, medium math, ideographic space, BOM.
constexpr std::string_view kSchemaSpaces[] = {
    "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
    "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80",
    "\xEF\xBB\xBF",
};

size_t SchemaSpaceLength(std::string_view text) {
  for (std::string_view space : kSchemaSpaces) {
    if (text.starts_with(space)) return space.size();
  }
  return 0;
}

// `text` as a FHIR string: controls other than tab, CR and LF, and the spaces
// above, become ' '. Invalid UTF-8 is left for the writer to replace.
std::string FhirString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t space = c < 0x20 ? (c == '\t' || c == '\n' || c == '\r' ? 0 : 1) : SchemaSpaceLength(text.substr(i));
    if (space > 0) {
      out += ' ';
      i += space;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// A FHIR string for display, or a FHIR code: whitespace runs become one space,
// none at either end. "" means there is nothing to write.
std::string Display(std::string_view text) {
  const std::string clean = FhirString(text);
  std::string out;
  bool pending_space = false;
  for (char c : clean) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// A version-8 UUID (RFC 9562: custom) from the SHA-256 of seed and label, so
// the same record always gets the same fullUrls.
std::string Uuid(std::string_view seed, std::string_view label) {
  std::string hex = Sha256Hex(std::string(seed) + "/" + std::string(label));
  hex[12] = '8';
  const int variant = std::stoi(hex.substr(16, 1), nullptr, 16);
  hex[16] = "89ab"[variant & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

// The bundle's entries as they are made; an entry's id follows from its index.
class Entries {
 public:
  explicit Entries(std::string seed) : seed_(std::move(seed)) {}

  std::string IdOf(size_t index) const { return Uuid(seed_, std::to_string(index)); }
  std::string UrlOf(size_t index) const { return "urn:uuid:" + IdOf(index); }
  std::string BundleId() const { return Uuid(seed_, "bundle"); }

  // A resource of `type` carrying the id of the next entry.
  Json Start(std::string_view type) const {
    Json resource;
    resource["resourceType"] = std::string(type);
    resource["id"] = IdOf(entries_.size());
    return resource;
  }

  void Add(Json resource) {
    Json entry;
    entry["fullUrl"] = "urn:uuid:" + resource["id"].get<std::string>();
    entry["resource"] = std::move(resource);
    entries_.push_back(std::move(entry));
  }

  Json Take() { return std::move(entries_); }

 private:
  std::string seed_;
  Json entries_ = Json::array();
};

// What every fact's resource points at.
struct Context {
  Json subject;              // Reference to the Patient, or a display without one
  std::string document_url;  // the DocumentReference's fullUrl
};

Json OneOf(Json item) {
  Json out = Json::array();
  out.push_back(std::move(item));
  return out;
}

Json Coding(std::string_view system, std::string_view code) {
  Json out;
  out["system"] = std::string(system);
  out["code"] = Display(code);
  return out;
}

Json StatusConcept(std::string_view system, std::string_view code) {
  Json out;
  out["coding"] = OneOf(Coding(system, code));
  return out;
}

Json EvidenceExtension(const Span& span, std::string_view quote, std::string_view id, const Context& ctx) {
  Json parts = Json::array();
  if (span.page_number > 0) {
    parts.push_back({{"url", "page"}, {"valueInteger", span.page_number}});
    parts.push_back({{"url", "begin"}, {"valueInteger", static_cast<int64_t>(span.begin)}});
    parts.push_back({{"url", "end"}, {"valueInteger", static_cast<int64_t>(span.end)}});
  }
  if (const std::string q = FhirString(quote); !q.empty()) parts.push_back({{"url", "quote"}, {"valueString", q}});
  if (const std::string i = Display(id); !i.empty()) parts.push_back({{"url", "id"}, {"valueString", i}});
  Json document;
  document["reference"] = ctx.document_url;
  parts.push_back({{"url", "document"}, {"valueReference", document}});
  Json out;
  out["url"] = std::string(kFhirEvidenceUrl);
  out["extension"] = std::move(parts);
  return out;
}

Json FactExtensions(const Fact& fact, const Context& ctx) {
  Json out = OneOf(EvidenceExtension(fact.span, fact.text, fact.id, ctx));
  if (const std::string assertion = Display(fact.assertion); !assertion.empty()) {
    out.push_back({{"url", std::string(kFhirAssertionUrl)}, {"valueCode", assertion}});
  }
  return out;
}

// code.text is the fact's words; a code in a system FHIR names becomes a coding.
Json FactConcept(const Fact& fact) {
  Json out;
  if (fact.code && !Display(fact.code->code).empty()) {
    for (const CodeSystemRow& row : kCodeSystems) {
      if (row.name == fact.code->system) out["coding"] = OneOf(Coding(row.url, fact.code->code));
    }
  }
  out["text"] = Display(fact.text);
  return out;
}

// "left" + "lumbar_spine" -> {"text": "left lumbar spine"}.
std::optional<Json> BodySite(const Attributes& value) {
  const auto site = value.find("body_site");
  if (site == value.end()) return std::nullopt;
  std::string text = site->second;
  for (char& c : text) c = c == '_' ? ' ' : c;
  if (const auto side = value.find("laterality"); side != value.end()) text = side->second + " " + text;
  if (Display(text).empty()) return std::nullopt;
  Json out;
  out["text"] = Display(text);
  return out;
}

using FactWriter = std::optional<Json> (*)(const Fact&, const AssertionRow&, const Context&, const Entries&);

std::optional<Json> WriteFamilyHistory(const Fact& fact, const Context& ctx, const Entries& entries) {
  Json out = entries.Start("FamilyMemberHistory");
  out["extension"] = FactExtensions(fact, ctx);
  out["status"] = "partial";
  out["patient"] = ctx.subject;
  // The record does not say which relative.
  Json relationship;
  relationship["coding"] = OneOf({{"system", std::string(kRoleCodeSystem)}, {"code", "FAMMEMB"}, {"display", "family member"}});
  out["relationship"] = relationship;
  Json condition;
  condition["code"] = FactConcept(fact);
  out["condition"] = OneOf(condition);
  return out;
}

std::optional<Json> WriteCondition(const Fact& fact, const AssertionRow& row, const Context& ctx,
                                   const Entries& entries) {
  if (row.assertion == "family") return WriteFamilyHistory(fact, ctx, entries);
  if (row.verification.empty()) return std::nullopt;
  Json out = entries.Start("Condition");
  out["extension"] = FactExtensions(fact, ctx);
  if (!row.clinical.empty()) out["clinicalStatus"] = StatusConcept(kConditionClinicalSystem, row.clinical);
  out["verificationStatus"] = StatusConcept(kConditionVerificationSystem, row.verification);
  out["code"] = FactConcept(fact);
  if (auto site = BodySite(fact.value)) out["bodySite"] = OneOf(*site);
  out["subject"] = ctx.subject;
  return out;
}

std::optional<Json> WriteProcedure(const Fact& fact, const AssertionRow& row, const Context& ctx,
                                   const Entries& entries) {
  if (row.procedure.empty()) return std::nullopt;
  Json out = entries.Start("Procedure");
  out["extension"] = FactExtensions(fact, ctx);
  out["status"] = std::string(row.procedure);
  out["code"] = FactConcept(fact);
  out["subject"] = ctx.subject;
  if (auto site = BodySite(fact.value)) out["bodySite"] = OneOf(*site);
  return out;
}

std::optional<Json> WriteMedication(const Fact& fact, const AssertionRow& row, const Context& ctx,
                                    const Entries& entries) {
  if (row.medication.empty()) return std::nullopt;
  Json out = entries.Start("MedicationStatement");
  out["extension"] = FactExtensions(fact, ctx);
  out["status"] = std::string(row.medication);
  out["medicationCodeableConcept"] = FactConcept(fact);
  out["subject"] = ctx.subject;
  return out;
}

// An absent finding ("no clonus") is an Observation of the thing with the
// value Absent, so that no reader takes the words for a positive finding.
std::optional<Json> WriteObservation(const Fact& fact, const AssertionRow& row, const Context& ctx,
                                     const Entries& entries) {
  if (!row.observed) return std::nullopt;
  Json out = entries.Start("Observation");
  out["extension"] = FactExtensions(fact, ctx);
  out["status"] = "final";
  out["code"] = FactConcept(fact);
  out["subject"] = ctx.subject;
  if (row.assertion == "absent") {
    Json absent;
    absent["coding"] = OneOf({{"system", std::string(kSnomedSystem)}, {"code", "2667000"}, {"display", "Absent"}});
    absent["text"] = "absent";
    out["valueCodeableConcept"] = absent;
  } else {
    out["valueString"] = Display(fact.text);
  }
  return out;
}

struct KindRow {
  std::string_view kind;
  FactWriter write;
};

constexpr KindRow kKindRows[] = {
    {"diagnosis", WriteCondition},
    {"procedure", WriteProcedure},
    {"medication", WriteMedication},
    {"finding", WriteObservation},
};

std::optional<Json> FactResource(const Fact& fact, const Context& ctx, const Entries& entries) {
  if (Display(fact.text).empty()) return std::nullopt;
  for (const KindRow& row : kKindRows) {
    if (row.kind == fact.kind) return row.write(fact, RowFor(fact.assertion), ctx, entries);
  }
  return std::nullopt;
}

std::optional<Json> ReferenceDecisionExtension(const Reference& ref) {
  Json parts = Json::array();
  if (const std::string d = Display(ref.decision); !d.empty()) parts.push_back({{"url", "decision"}, {"valueCode", d}});
  if (const std::string g = Display(ref.claims_administrator_guideline); !g.empty()) {
    parts.push_back({{"url", "claimsAdministratorGuideline"}, {"valueString", g}});
  }
  if (const std::string g = Display(ref.reviewer_guideline); !g.empty()) {
    parts.push_back({{"url", "reviewerGuideline"}, {"valueString", g}});
  }
  if (parts.empty()) return std::nullopt;
  Json out;
  out["url"] = std::string(kFhirReferenceDecisionUrl);
  out["extension"] = std::move(parts);
  return out;
}

std::optional<Json> DeterminationExtension(const Determination& d) {
  Json parts = Json::array();
  const auto add = [&](const char* url, const char* type, const std::string& value) {
    if (const std::string v = Display(value); !v.empty()) parts.push_back({{"url", url}, {type, v}});
  };
  add("outcome", "valueCode", d.outcome);
  add("confidence", "valueCode", d.confidence);
  add("rule", "valueString", d.rule);
  add("guidelineEra", "valueCode", d.guideline_era);
  for (const CriterionResult& c : d.criteria) {
    add("criterion", "valueString", c.id + ":" + c.status + (c.how.empty() ? "" : ":" + c.how));
  }
  for (const std::string& c : d.citations) add("citation", "valueString", c);
  add("rationale", "valueString", d.rationale);
  if (parts.empty()) return std::nullopt;
  Json out;
  out["url"] = std::string(kFhirDeterminationUrl);
  out["extension"] = std::move(parts);
  return out;
}

std::optional<Json> RequestResource(const Request& request, const Context& ctx, const Entries& entries) {
  if (Display(request.text).empty()) return std::nullopt;
  Json out = entries.Start("ServiceRequest");
  Json extensions = OneOf(EvidenceExtension(request.span, request.text, request.id, ctx));
  if (request.reference) {
    if (auto decision = ReferenceDecisionExtension(*request.reference)) extensions.push_back(*decision);
  }
  if (request.determination) {
    if (auto drafted = DeterminationExtension(*request.determination)) extensions.push_back(*drafted);
  }
  out["extension"] = std::move(extensions);
  out["status"] = "active";
  out["intent"] = "order";
  // "other" is the category of a request no rule placed.
  if (const std::string category = Display(request.category); !category.empty() && category != "other") {
    Json category_concept;
    category_concept["coding"] = OneOf(Coding(kFhirRequestCategorySystem, category));
    category_concept["text"] = category;
    out["category"] = OneOf(category_concept);
  }
  out["code"] = {{"text", Display(request.DisplayText())}};
  out["subject"] = ctx.subject;
  return out;
}

bool HasPatient(const Patient& patient) { return (patient.age && *patient.age >= 0) || !patient.sex.empty(); }

const Fact* FirstFact(const std::vector<Fact>& facts, std::string_view kind) {
  for (const Fact& f : facts) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

// No birth date is known, so the age the document states is an extension.
Json PatientResource(const Record& record, const Context& ctx, const Entries& entries) {
  const Patient& patient = record.patient;
  Json out = entries.Start("Patient");
  Json extensions = Json::array();
  if (patient.age && *patient.age >= 0) {
    Json age = {{"value", *patient.age}, {"unit", "years"}, {"system", std::string(kUcumSystem)}, {"code", "a"}};
    extensions.push_back({{"url", std::string(kFhirAgeUrl)}, {"valueAge", age}});
    if (const Fact* f = FirstFact(record.facts, "age")) extensions.push_back(EvidenceExtension(f->span, f->text, f->id, ctx));
  }
  if (!patient.sex.empty()) {
    if (const Fact* f = FirstFact(record.facts, "sex")) extensions.push_back(EvidenceExtension(f->span, f->text, f->id, ctx));
  }
  out["extension"] = std::move(extensions);
  if (!patient.sex.empty()) {
    out["gender"] = patient.sex == "male" || patient.sex == "female" ? patient.sex : std::string("unknown");
  }
  return out;
}

// Text inputs are one page without word boxes and not named .pdf.
std::string ContentType(const Document& doc) {
  const std::string path = doc.source.path;
  const bool pdf_name = path.size() >= 4 && (path.ends_with(".pdf") || path.ends_with(".PDF"));
  bool has_words = doc.source.pdf;
  for (const Page& page : doc.pages) has_words = has_words || !page.words.empty() || page.ocr;
  const bool text = !pdf_name && !has_words && !doc.source.encrypted && doc.source.page_count <= 1;
  return text ? "text/plain" : "application/pdf";
}

Json DocumentExtensions(const Record& record) {
  const Source& source = record.document.source;
  Json out = Json::array();
  out.push_back({{"url", std::string(kFhirPageCountUrl)}, {"valueUnsignedInt", std::max(source.page_count, 0)}});
  out.push_back({{"url", std::string(kFhirEncryptedUrl)}, {"valueBoolean", source.encrypted}});
  std::set<std::string> written;
  for (const Problem& p : record.problems) {
    const std::string code = Display(p.code);
    if (!code.empty() && written.insert(code).second) {
      out.push_back({{"url", std::string(kFhirProblemUrl)}, {"valueCode", code}});
    }
  }
  return out;
}

Json DocumentResource(const Record& record, const Json* subject, const Entries& entries) {
  const Document& doc = record.document;
  Json out = entries.Start("DocumentReference");
  out["extension"] = DocumentExtensions(record);
  if (const std::string sha = Display(doc.source.sha256); !sha.empty()) {
    out["masterIdentifier"] = {{"system", std::string(kFhirSha256System)}, {"value", sha}};
  }
  if (auto field = record.fields.find("case_number"); field != record.fields.end()) {
    if (const std::string number = Display(field->second.value); !number.empty()) {
      out["identifier"] = OneOf({{"system", std::string(kFhirCaseNumberSystem)}, {"value", number}});
    }
  }
  out["status"] = "current";
  if (const std::string type = Display(doc.doc_type); !type.empty()) {
    out["type"] = {{"coding", OneOf(Coding(kFhirDocTypeSystem, type))}, {"text", type}};
  }
  if (subject) out["subject"] = *subject;
  Json attachment;
  attachment["contentType"] = ContentType(doc);
  if (doc.source.bytes <= std::numeric_limits<uint32_t>::max()) attachment["size"] = doc.source.bytes;
  const std::string title = Display(std::filesystem::path(doc.source.path).filename().string());
  if (!title.empty()) attachment["title"] = title;
  out["content"] = OneOf({{"attachment", attachment}});
  return out;
}

std::string Seed(const Source& source) {
  return source.sha256.empty() ? "path:" + source.path : source.sha256;
}

}  // namespace

std::string RecordToFhirJson(const Record& record) {
  Entries entries(Seed(record.document.source));
  // The DocumentReference is entry 0 and the Patient, if any, entry 1: every
  // later resource points at both, and they point at each other.
  const bool has_patient = HasPatient(record.patient);
  Context ctx;
  ctx.document_url = entries.UrlOf(0);
  if (has_patient) {
    ctx.subject = {{"reference", entries.UrlOf(1)}};
  } else {
    ctx.subject = {{"display", "patient not identified in the source"}};
  }
  entries.Add(DocumentResource(record, has_patient ? &ctx.subject : nullptr, entries));
  if (has_patient) entries.Add(PatientResource(record, ctx, entries));
  for (const Fact& fact : record.facts) {
    if (auto resource = FactResource(fact, ctx, entries)) entries.Add(std::move(*resource));
  }
  for (const Request& request : record.requests) {
    if (auto resource = RequestResource(request, ctx, entries)) entries.Add(std::move(*resource));
  }
  Json bundle;
  bundle["resourceType"] = "Bundle";
  bundle["id"] = entries.BundleId();
  bundle["type"] = "collection";
  bundle["entry"] = entries.Take();
  return bundle.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace imr
