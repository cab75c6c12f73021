// The problem vocabulary's terms, in the order they are indexed: the
// project's own (vocab/problems.tsv) first, then ICD-10-CM's
// (vocab/icd10cm_terms.tsv). A term's payload in the index is its place in that
// order. One definition for the index built at build time
// (problem_index_tool.cc writes problem_terms.idx) and for the terms read at
// run time, so the two always agree.
//
//   std::vector<imr::ProblemTerm> terms;
//   imr::TermIndex index;
//   imr::IndexProblemTerms(problems_tsv, icd_tsv, &index, &terms);
//   index.Freeze();
#ifndef IMR_EXTRACT_PROBLEM_TERMS_H_
#define IMR_EXTRACT_PROBLEM_TERMS_H_

#include <string_view>
#include <vector>

#include "core/term_index.h"

namespace imr {

struct ProblemTerm {
  std::string_view code;          // ICD-10-CM, or ""
  std::string_view problem_type;  // disease, injury, sign_symptom, finding
  std::string_view use;           // "", "context" or "stop" (problems.tsv)
};

// Appends every term to `terms` and, when `index` is given, adds it there with
// its place as payload. Views point into the TSV texts, which must outlive
// `terms`.
void IndexProblemTerms(std::string_view problems_tsv, std::string_view icd_tsv, TermIndex* index,
                       std::vector<ProblemTerm>* terms);

}  // namespace imr

#endif  // IMR_EXTRACT_PROBLEM_TERMS_H_
