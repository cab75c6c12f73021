// The one drug table every stage reads: the project's curated rows
// (vocab/drugs.tsv: generic, class, every name) and the names Drugs@FDA adds
// (vocab/fda_drug_names.tsv).
//
//   for (const imr::DrugMention& m : imr::FindDrugNames("Norco 10/325 and Lyrica"))
//     m.row->generic;   // "hydrocodone/acetaminophen", then "pregabalin"
//   m.brand == true;    // "Norco" is a brand name, "hydrocodone" is not
//
// A Drugs@FDA name whose ingredients are those of a curated row joins that row
// (its generic and class are the curated ones); other Drugs@FDA names form rows
// of their own with the class vocab/drug_classes_by_tcode.tsv gives them. Rows
// with an empty generic name a class of drugs ("opioids", "antibiotics").
// Parsed once, on first use, and shared by every thread.
#ifndef IMR_CORE_DRUG_TABLE_H_
#define IMR_CORE_DRUG_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/term_index.h"

namespace imr {

struct DrugName {
  std::string_view name;        // as the table writes it, without a leading "="
  bool brand = false;           // a brand (curated: capitalized; Drugs@FDA: its kind)
  bool case_sensitive = false;  // written "=ASA" in the table
  bool from_fda = false;        // a Drugs@FDA name (of a curated row or its own)
};

struct DrugRow {
  std::string generic;          // lower case, ingredients joined by "/"; "" for a class
  std::string_view drug_class;  // opioid, nsaid, ..., other
  std::vector<DrugName> names;
  bool systemic_patch = false;
  bool not_a_drug = false;  // words that contain a drug's name but name none ("oxygen saturation")
  bool curated = false;     // from vocab/drugs.tsv
  bool class_only() const { return generic.empty(); }
};

const std::vector<DrugRow>& DrugRows();

struct DrugMention {
  size_t begin = 0, end = 0;  // byte offsets of the name in the text searched
  const DrugRow* row = nullptr;
  const DrugName* name = nullptr;
};

// Every drug name in `text`, left to right; at one place the longest name wins
// ("Tylenol #3" over "Tylenol"), and a curated row over a Drugs@FDA one. Words
// that name no drug ("oxygen saturation") win their place and give nothing.
std::vector<DrugMention> FindDrugNames(std::string_view text);
// The same over words already read from `text` (TokenizeWords).
std::vector<DrugMention> FindDrugNames(std::string_view text, const std::vector<WordToken>& words);

// The curated names as RE2 alternatives of one class, in table order, for
// tables that classify requests ("norco|vicodin|..."): words joined by any
// run of spaces, hyphens or slashes, final plural optional. Class rows
// included; Drugs@FDA names are not.
std::string CuratedDrugNamesPattern(std::string_view drug_class);

// One name as such an RE2 alternative.
std::string DrugNameRegex(std::string_view name);

}  // namespace imr

#endif  // IMR_CORE_DRUG_TABLE_H_
