// Diagnoses: the conditions a record states the patient has, as facts.
//
//   std::vector<imr::Fact> dx = imr::ExtractDiagnoses(region);
//   // "diagnosed as having cervical strain, lumbar disc protrusion, and
//   //  insomnia" -> three facts: "cervical strain", "lumbar disc protrusion",
//   //  "insomnia", each with body_site/laterality/level where stated.
//
// Three sources, each a table of rows:
//  - diagnosis statements ("diagnosed with", "diagnoses of/include/are",
//    "being treated for", "a diagnosis of ..."), whose list is split at commas,
//    semicolons and the final "and"; a list part naming no condition
//    ("scalp", "cervical") belongs with its neighbour, so "contusion of face,
//    scalp and neck" and "cervical, thoracic and lumbar strain" stay whole;
//  - every line or numbered item of a DIAGNOSES / ASSESSMENT / IMPRESSION
//    section;
//  - explicit ICD-10-CM codes written beside a condition ("M54.16 lumbar
//    radiculopathy"), kept in Fact::code as written.
// Claims ("filed a claim for chronic low back pain") and complaints are not
// diagnoses.
#ifndef IMR_EXTRACT_DIAGNOSIS_EXTRACTOR_H_
#define IMR_EXTRACT_DIAGNOSIS_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

std::vector<Fact> ExtractDiagnoses(const Region& region);

struct DiagnosisCueRow {
  std::string_view id;       // rule id, "diagnosis.statement@1"
  std::string_view pattern;  // RE2; the list starts where the match ends
};
const std::vector<DiagnosisCueRow>& DiagnosisCueTable();

// Whether a phrase names a condition: a problem the vocabulary knows
// (NamesProblem), or a condition word or suffix ("strain", "radiculopathy",
// "-itis" ...). Exposed for tests.
bool NamesCondition(std::string_view phrase);

// Body site, laterality and spinal level stated in a phrase.
Attributes AnatomyOf(std::string_view phrase);

}  // namespace imr

#endif  // IMR_EXTRACT_DIAGNOSIS_EXTRACTOR_H_
