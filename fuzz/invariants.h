// What every document and record must satisfy whatever the input: the checks
// the fuzz targets stop on and tests/fuzz_regressions_test.cc asserts.
//
//   std::string broken = imr::BrokenDocumentInvariant(doc);
//   if (!broken.empty()) std::abort();   // e.g. "page 2: word 7 ends past the text"
//
// A violation names the rule and the place, never the text (these run on
// medical records too).
#ifndef IMR_FUZZ_INVARIANTS_H_
#define IMR_FUZZ_INVARIANTS_H_

#include <string>
#include <vector>

#include "core/record.h"

namespace imr {

// Pages' text is clean UTF-8; word boxes, furniture and sections lie inside
// their page's text. Empty when all hold.
std::string BrokenDocumentInvariant(const Document& doc);

// The document's, and every fact, evidence, request and reference statement
// quotes its span exactly; every field's span fits its page. Empty when all
// hold.
std::string BrokenRecordInvariant(const Record& record);

// The record's problems that mean code of ours threw or ran out of memory
// (RunDocument and ExtractClinicalFacts catch it and keep the record whole):
// "internal_error", "stage_failed", "extractor_failed", "memory_limit". Each
// as "code (stage)", without its message. Empty when there is none.
std::vector<std::string> ThrownProblems(const Record& record);

}  // namespace imr

#endif  // IMR_FUZZ_INVARIANTS_H_
