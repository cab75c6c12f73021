// Sections and document type, both driven by tables of phrases.
//
//   std::vector<imr::Section> s = imr::FindSections(doc.pages);
//   // {"clinical_case_summary", 1, 1200, 3900}, {"decisions_and_rationales", 1, 3950, ...}
//   std::string type = imr::ClassifyDocument(doc.pages);   // "imr_final_determination"
//
// A heading is a table phrase at the start of a line, matched without regard
// to case or line breaks, that either fills the line or ends with a colon; or,
// in capitals and ending with a colon, a phrase that runs on in the line after
// a sentence ("...as above. PAST MEDICAL HISTORY: Asthma."). Transcribed notes
// also write "HEADING:, text": the comma is no part of the section. A line
// that starts with an unlisted heading in capitals and a colon ("TOURNIQUET
// TIME: 40 minutes") opens an "other" section. Sub-headings (the body systems
// of an examination or review of systems: "HEENT:", "LUNGS:") stay in the
// section they are part of. A section runs from the end of its heading to the
// next heading, split at page breaks, with page furniture (running headers,
// footers) left out.
#ifndef IMR_INGEST_SECTIONS_H_
#define IMR_INGEST_SECTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

struct HeadingRow {
  std::string_view name;    // section name in the record; "" for a sub-heading
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
// title); without one, the type the sections say (an operative report has pre-
// and postoperative diagnoses, an imaging report findings and an impression
// and no history, ...; ClassifyBySections), or "other".
std::string ClassifyDocument(const std::vector<Page>& pages);
// The same with the sections FindSections gave for `pages`, not found again.
std::string ClassifyDocument(const std::vector<Page>& pages, const std::vector<Section>& sections);

// The document type the section names suggest, or "other". Exposed for tests.
std::string ClassifyBySections(const std::vector<Section>& sections);

}  // namespace imr

#endif  // IMR_INGEST_SECTIONS_H_
