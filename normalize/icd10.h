// ICD-10-CM codes for diagnoses: a curated vocabulary of the conditions most
// common in California workers' compensation, a format check for codes
// written in records, and a matcher from a diagnosis phrase to a code.
//
//   imr::CodeDiagnosis("right shoulder sprain", {})        -> S43.401A
//   imr::CodeDiagnosis("carpal tunnel syndrome", {{"laterality", "left"}})
//                                                          -> G56.02
//   imr::CodeDiagnosis("L5 radiculopathy", {})             -> M54.17
//   imr::CodeDiagnosis("strain", {})                       -> nothing
//   imr::FindIcd10("M5450")                                -> the M54.50 row
//   imr::CodeDiagnosisFacts(&record.facts);                // every diagnosis fact
//
// The vocabulary (icd10_table.cc) is data: one row per code, with the body
// site and side the code implies and the phrases that name it. Injury codes
// carry the 7th character "A" (initial encounter); a phrase that says
// "subsequent encounter" or "sequela" gets "D" or "S" instead. Codes retired
// or subdivided since letters were written (M54.5, M51.36, M79.1...) stay as
// rows with billable=false so that a written code is still recognised.
//
// Matching works on words: lower case, punctuation dropped, plurals and a few
// word forms folded ("strains" -> strain, "herniated" -> herniation, "low
// back" -> lumbar, "L5-S1" -> lumbosacral). A row matches when every word of
// one of its phrases is in the diagnosis; the row whose phrase carries the
// most weight wins (site and condition words count twice as much as "pain",
// "injury", "disorder"). The side comes from the words or from `anatomy`: a
// known side picks the row for that side (a bilateral phrase without a
// bilateral row takes the side-unspecified row); an unknown side never picks
// a right or left row.
#ifndef IMR_NORMALIZE_ICD10_H_
#define IMR_NORMALIZE_ICD10_H_

#include <optional>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// One vocabulary row. All views point at static storage.
struct Icd10Entry {
  std::string_view code;         // with the dot: "S43.401A"
  bool billable = true;          // false: a category kept to recognise written codes
  std::string_view body_site;    // "shoulder", "lumbar_spine", ... or ""
  std::string_view laterality;   // "right", "left", "bilateral", "unspecified", or "" (no side)
  std::string_view description;  // our own short words
  std::string_view terms;        // "shoulder sprain|shoulder girdle sprain": '|'-separated phrases
};

// Every row, in table order. Codes are unique.
const std::vector<Icd10Entry>& Icd10Table();

// True when `code` has the shape of an ICD-10-CM code: a letter (U only as
// U0x), a digit, a digit or letter, then optionally up to four letters or
// digits, written either after a dot ("M54.50") or straight on ("M5450").
// Letters may be either case. Says nothing about whether the code exists.
bool IsWellFormedIcd10Cm(std::string_view code);

// The vocabulary row for `code`, with or without the dot, either case; null
// when the vocabulary lacks it. An injury code whose 7th character names
// another encounter ("S39.012D", "S39.012S") finds its "A" row. The pointer
// is to static storage.
const Icd10Entry* FindIcd10(std::string_view code);

// The best billable vocabulary code for a diagnosis phrase, or nothing when
// no row's phrase is wholly in it. `anatomy` may hold "body_site",
// "laterality" and "level" as AnatomyOf gives them; its laterality wins over
// the phrase's own. The result's system is "ICD-10-CM".
std::optional<Code> CodeDiagnosis(std::string_view diagnosis_text, const Attributes& anatomy);

// For each fact of kind "diagnosis": a well-formed written code is kept and
// marked value["code_source"]="text", value["code_in_vocabulary"]="true" or
// "false"; otherwise the code comes from CodeDiagnosis(text, value) and is
// marked value["code_source"]="vocabulary". A malformed written code is
// replaced (or dropped when nothing matches) and marked
// value["code_problem"]="malformed", value["code_written"]=<as written>. A
// code the problem extractor took from the ICD-10-CM Alphabetic Index
// (value["code_source"]="icd10cm_index") gives way to CodeDiagnosis where
// that finds one (it knows sides and encounters). Other facts are untouched.
void CodeDiagnosisFacts(std::vector<Fact>* facts);

}  // namespace imr

#endif  // IMR_NORMALIZE_ICD10_H_
