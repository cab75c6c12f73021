// The record as an HL7 FHIR R4 Bundle (type "collection"), for systems that
// speak FHIR rather than "imr.record/1".
//
//   imr::Record record = imr::RunFile("in/CM16-0213037.pdf", {});
//   std::string bundle = imr::RecordToFhirJson(record);   // `imr run --format fhir`
//
// What the bundle holds, in this order:
//   DocumentReference  the source: sha256 as masterIdentifier (attachment.hash
//                      would have to be SHA-1), size, page count, doc type,
//                      case number, problem codes
//   Patient            when age or sex is known: gender, age as an extension;
//                      without one, subjects are a display-only Reference
//   then one resource per fact, in the record's order:
//     diagnosis   Condition (family history: FamilyMemberHistory)
//     procedure   Procedure
//     medication  MedicationStatement
//     finding     Observation (an absent finding has the value Absent)
//   then per request   ServiceRequest, with the letter's decision if any.
// Facts of other kinds are not written. The assertion decides status or skips
// a fact (a hypothetical diagnosis is no Condition); fhir_json.cc holds the
// table, fhir_json_test.cc spells it out.
//
// Every resource made from a fact or request carries kFhirEvidenceUrl with
// sub-extensions page, begin, end (the record's span), quote (the words), id
// (the record's "f7" / "r1") and document (a reference to the DocumentReference),
// and kFhirAssertionUrl with the record's assertion.
//
// Same record, same bytes: fullUrls are "urn:uuid:" + a UUID derived from the
// source sha256 and the entry's index; no timestamps. Writing never throws:
// invalid UTF-8 is replaced, and characters the FHIR string type forbids
// (controls other than tab, CR, LF; form feed; no-break and other Unicode
// spaces, which the official JSON schema rejects) become plain spaces.
#ifndef IMR_PIPELINE_FHIR_JSON_H_
#define IMR_PIPELINE_FHIR_JSON_H_

#include <string>
#include <string_view>

#include "core/record.h"

namespace imr {

// Extension URLs and identifier systems: the stable contract of the bundle.
inline constexpr std::string_view kFhirEvidenceUrl = "https://imr.example.org/fhir/StructureDefinition/evidence";
inline constexpr std::string_view kFhirAssertionUrl = "https://imr.example.org/fhir/StructureDefinition/assertion";
inline constexpr std::string_view kFhirAgeUrl = "https://imr.example.org/fhir/StructureDefinition/age";
inline constexpr std::string_view kFhirPageCountUrl = "https://imr.example.org/fhir/StructureDefinition/page-count";
inline constexpr std::string_view kFhirEncryptedUrl = "https://imr.example.org/fhir/StructureDefinition/encrypted";
inline constexpr std::string_view kFhirProblemUrl = "https://imr.example.org/fhir/StructureDefinition/problem";
inline constexpr std::string_view kFhirReferenceDecisionUrl =
    "https://imr.example.org/fhir/StructureDefinition/reference-decision";
// The drafted determination: outcome, rule, guideline era, each criterion
// ("<id>:<status>"), citations and the rationale.
inline constexpr std::string_view kFhirDeterminationUrl =
    "https://imr.example.org/fhir/StructureDefinition/determination";
inline constexpr std::string_view kFhirSha256System = "https://imr.example.org/fhir/sid/sha256";
inline constexpr std::string_view kFhirCaseNumberSystem = "https://imr.example.org/fhir/sid/case-number";
inline constexpr std::string_view kFhirDocTypeSystem = "https://imr.example.org/fhir/CodeSystem/doc-type";
inline constexpr std::string_view kFhirRequestCategorySystem =
    "https://imr.example.org/fhir/CodeSystem/request-category";

// The bundle for `record`, pretty-printed with a final newline. Any record is
// accepted (an unreadable input still gives a bundle with its DocumentReference);
// facts or requests with no text are left out, since FHIR has no empty strings.
std::string RecordToFhirJson(const Record& record);

}  // namespace imr

#endif  // IMR_PIPELINE_FHIR_JSON_H_
