// imr_problem_index OUT: indexes the problem vocabulary at build time (the
// vocabularies compiled into imr_core, extract/problem_terms.h) and writes the
// frozen index to OUT, which extract/ then embeds: a run loads it instead of
// reading 140,000 terms word by word.
#include <fstream>
#include <iostream>

#include "core/embedded_files.h"
#include "extract/problem_terms.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: imr_problem_index OUT\n";
    return 2;
  }
  imr::TermIndex index;
  std::vector<imr::ProblemTerm> terms;
  imr::IndexProblemTerms(imr::EmbeddedFile("problems.tsv"), imr::EmbeddedFile("icd10cm_terms.tsv"), &index, &terms);
  index.Freeze();
  std::ofstream out(argv[1], std::ios::binary);
  out << index.Save();
  if (!out) {
    std::cerr << "imr_problem_index: cannot write " << argv[1] << "\n";
    return 2;
  }
  return 0;
}
