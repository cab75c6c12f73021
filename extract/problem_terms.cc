#include "extract/problem_terms.h"

#include "core/tsv.h"

namespace imr {
namespace {

// ICD-10-CM's terms: "term\tcode\tproblem_type" lines after a header, read
// without building a table (140,000 rows at every start).
void AddIcdTable(std::string_view tsv, TermIndex* index, std::vector<ProblemTerm>* terms) {
  terms->reserve(terms->size() + tsv.size() / 40);
  bool header = true;
  for (size_t from = 0; from < tsv.size();) {
    size_t end = tsv.find('\n', from);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(from, end - from);
    from = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string_view::npos || tab2 == std::string_view::npos) continue;
    if (index != nullptr) index->Add(line.substr(0, tab1), static_cast<uint32_t>(terms->size()));
    terms->push_back({line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1), ""});
  }
}

void AddTable(std::string_view tsv, bool curated, TermIndex* index, std::vector<ProblemTerm>* terms) {
  const TsvTable t = ParseTsv(tsv);
  const size_t term = t.Column("term"), code = t.Column("code"), type = t.Column("problem_type");
  const size_t use = curated ? t.Column("use") : 0;
  for (const auto& row : t.rows) {
    if (index != nullptr) {
      std::string_view words = TsvTable::Cell(row, term);
      // "=HTN": an abbreviation matched with its case.
      const bool case_sensitive = curated && words.starts_with("=");
      if (case_sensitive) words.remove_prefix(1);
      index->Add(words, static_cast<uint32_t>(terms->size()), case_sensitive);
    }
    terms->push_back({TsvTable::Cell(row, code), TsvTable::Cell(row, type), curated ? TsvTable::Cell(row, use) : ""});
  }
}

}  // namespace

void IndexProblemTerms(std::string_view problems_tsv, std::string_view icd_tsv, TermIndex* index,
                       std::vector<ProblemTerm>* terms) {
  AddTable(problems_tsv, /*curated=*/true, index, terms);
  AddIcdTable(icd_tsv, index, terms);
}

}  // namespace imr
