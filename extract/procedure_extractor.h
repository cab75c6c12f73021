// Procedures, tests, therapies and equipment named in clinical text, each with
// the site, side, spinal level, contrast and number of sessions written next
// to it.
//
//   imr::Region region = imr::RegionOfText("Request: 12 sessions of physical therapy.");
//   std::vector<imr::Fact> procs = imr::ExtractProcedures(region);
//   procs[0].text == "12 sessions of physical therapy";
//   procs[0].value["procedure"] == "physical_therapy";  // procedure_group "therapy",
//   procs[0].value["count"] == "12";                      // body_site, laterality...
//
// Each row of ProcedureTable is a pattern for the core phrase ("epidural
// steroid injection", "MRI", "PT"). The fact then reaches back over a side,
// site, level or "12 sessions of" written just before it, and forward over
// "of the right shoulder", "at L4-5", "without contrast", "2x6", "x 12" or a
// parenthesized abbreviation written just after it, never across a page break.
//
// Fact value keys: procedure and procedure_group (from the row), and when the
// fact's words say so: body_site (core/anatomy.h; a spinal level alone implies
// its spine region), laterality (left, right, bilateral), level as written
// ("L4-5, L5-S1"), contrast (with, without, with_and_without), count ("12";
// "2x6" and "three times a week for two weeks" also give frequency_per_week
// and weeks, and count is their product).
#ifndef IMR_EXTRACT_PROCEDURE_EXTRACTOR_H_
#define IMR_EXTRACT_PROCEDURE_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

struct ProcedureRow {
  std::string_view rule;       // "procedure.mri@1": cited by the facts it finds
  std::string_view pattern;    // RE2, case-insensitive unless it says (?-i:...); whole words
  std::string_view procedure;  // normalized name: mri, epidural_steroid_injection, ...
  std::string_view group;      // imaging, injection, surgery, therapy, dme, testing
  // RE2 tried where the core phrase ends; a match makes it a near-miss
  // ("PT reports" is the patient, "x-ray vision" no x-ray). Empty: none.
  std::string_view reject_after = "";
};

// The table, in the order tried; rule ids never change meaning.
const std::vector<ProcedureRow>& ProcedureTable();

// Every procedure in `region`, sorted by span begin. Where candidates overlap
// the longest wins ("epidural steroid injection" over "steroid injection").
// Each fact is made with MakeFact, so its text is exactly what its span
// quotes. Text with no procedure gives an empty vector. Pure.
std::vector<Fact> ExtractProcedures(const Region& region);

}  // namespace imr

#endif  // IMR_EXTRACT_PROCEDURE_EXTRACTOR_H_
