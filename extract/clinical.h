// Every clinical fact of a document: each extractor over each text region,
// then the assertion of each fact from its sentence and section.
//
//   std::vector<imr::Fact> facts = imr::ExtractClinicalFacts(doc);
//   // sorted by page and offset; ids are left to the caller
//
// The extractors are a table (ClinicalExtractorTable) so that adding a kind
// is adding a row.
#ifndef IMR_EXTRACT_CLINICAL_H_
#define IMR_EXTRACT_CLINICAL_H_

#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

struct ClinicalExtractorRow {
  std::string_view kind;
  std::vector<Fact> (*extract)(const Region& region);
  // Whether ConText decides the fact's assertion. A date or a duration is
  // what it is; "history of" in its sentence says nothing about it.
  bool asserted;
};
const std::vector<ClinicalExtractorRow>& ClinicalExtractorTable();

std::vector<Fact> ExtractClinicalFacts(const Document& doc);

// The same, where an extractor that fails on one region (throws) costs only
// that region's facts of its kind: `problems` gets one "extractor_failed"
// per failure, at the region's first page, and the rest goes on.
std::vector<Fact> ExtractClinicalFacts(const Document& doc, std::vector<Problem>* problems);

// From now on, every pattern the extractors make (pattern.h: a Pattern, a
// PatternSet's rows) is built whole when it is made. RE2 otherwise compiles a
// pattern's second program, the one that finds where a match starts, on the
// pattern's first match, which suits a process that runs its documents
// itself. A zygote calls this before building its tables: the programs are
// then compiled once, on its two warm-up threads, and shared by every worker
// it forks, where before each worker compiled those it used, one at a time
// between its documents (over the dev notes in one process, 112 M of the
// 1,236 M instructions extraction took).
void BuildSearchProgramsAhead();

// Sets fact->assertion and fact->assertion_cue from the sentence of `region`
// that holds the fact.
void AssertFact(const Region& region, Fact* fact);

}  // namespace imr

#endif  // IMR_EXTRACT_CLINICAL_H_
