// Sections and document type, both driven by tables of phrases.
//
//   std::vector<imr::Section> s = imr::FindSections(doc.pages);
//   // {"clinical_case_summary", 1, 1200, 3900}, {"decisions_and_rationales", 1, 3950, ...}
//   std::string type = imr::ClassifyDocument(doc.pages);   // "imr_final_determination"
//
// A heading is a table phrase at the start of a line, matched without regard
// to case or line breaks, that either fills the line or ends with a colon.
// Its section runs from the end of the heading to the next heading, split at
// page breaks, with page furniture (running headers, footers) left out.
#ifndef IMR_INGEST_SECTIONS_H_
#define IMR_INGEST_SECTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

struct HeadingRow {
  std::string_view name;    // section name in the record
  std::string_view phrase;  // as printed; spaces match any run of whitespace
};

struct DocTypeRow {
  std::string_view doc_type;
  std::string_view phrase;  // looked for, without regard to case, near the top of page 1
};

// The tables, exposed so tests can walk every row.
const std::vector<HeadingRow>& HeadingTable();
const std::vector<DocTypeRow>& DocTypeTable();

// Finds the headings on `pages` and the sections they open. Text before the
// first heading is the "header" section. Pages are borrowed for the call only.
std::vector<Section> FindSections(const std::vector<Page>& pages);

// The type whose DocTypeTable phrase occurs first near the top of page 1 (the
// title), or "other".
std::string ClassifyDocument(const std::vector<Page>& pages);

}  // namespace imr

#endif  // IMR_INGEST_SECTIONS_H_
