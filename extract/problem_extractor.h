// Problems (diseases, injuries, signs and symptoms, abnormal findings) named
// anywhere in clinical text, found with the official vocabulary.
//
//   imr::Region region = imr::RegionOfText("Chronic low back pain radiating to the left leg.");
//   std::vector<imr::Fact> problems = imr::ExtractProblems(region);
//   problems[0].text == "Chronic low back pain";
//   problems[0].value["problem_type"] == "sign_symptom";   // disease, injury, finding
//   problems[0].code->code == "M54.50";                     // ICD-10-CM, where one fits
//
// The vocabulary is the ICD-10-CM FY2026 code titles and Alphabetic Index
// (vocab/icd10cm_terms.tsv) with the project's own terms over them
// (vocab/problems.tsv: clinical phrasing, abbreviations, and the index's
// ordinary words marked "stop" or "context"). At each word the longest term
// wins; the mention then takes in the words that qualify it on either side:
// side, severity, course, position and other descriptors, body sites and
// spinal levels before it ("severe left L5-S1 foraminal stenosis"), and after
// it a site or level joined by a preposition or a comma ("pain in the right
// knee", "osteoarthritis, left knee", "herniation at C5-6 and C6-7"). A
// "context" term ("pain", "injury", "disease") is a problem only when such words
// qualify it.
//
// Facts are of kind "diagnosis" with value keys problem_type, and where its
// words say so body_site (core/anatomy.h), laterality, level. Pure; the
// vocabulary is built once, on first use.
#ifndef IMR_EXTRACT_PROBLEM_EXTRACTOR_H_
#define IMR_EXTRACT_PROBLEM_EXTRACTOR_H_

#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

std::vector<Fact> ExtractProblems(const Region& region);

// Whether `phrase` names a problem: some term of the vocabulary that is not a
// "stop" word stands in it ("history of anemia" does, "cervical" does not).
bool NamesProblem(std::string_view phrase);

// How many terms the problem vocabulary holds (for tests and `imr` start-up
// measurements); builds it on first call.
size_t ProblemVocabularySize();

}  // namespace imr

#endif  // IMR_EXTRACT_PROBLEM_EXTRACTOR_H_
