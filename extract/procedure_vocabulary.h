// Procedures named anywhere in clinical notes, found with the vocabulary:
// operations, diagnostic and therapeutic procedures, imaging, anesthesia and
// equipment.
//
//   imr::Region region = imr::RegionOfText("She underwent a right total hip arthroplasty.");
//   std::vector<imr::Fact> procs = imr::ExtractNamedProcedures(region);
//   procs[0].text == "right total hip arthroplasty";
//   procs[0].value["procedure"] == "arthroplasty";  // procedure_group "surgery"
//
// Three sources: the project's lexicon (vocab/procedures.tsv: names, imaging by
// modality, anesthesia, therapy, equipment, and the words that look like
// procedures but are steps or ordinary words, marked "stop"); HCPCS Level II
// equipment (vocab/hcpcs_terms.tsv); and words formed the way operations and
// studies are named (-ectomy, -otomy, -ostomy, -oscopy, -plasty, -pexy,
// -desis, -rrhaphy, -tripsy, -lysis, -centesis, -graphy, -gram). A mention takes
// in the words that qualify it ("left L4-5 transforaminal", "total",
// "arthroscopic") and after it a site, a level or the object of "of" ("removal
// of the old hardware"); a "context" term ("surgery", "repair", "removal")
// needs one of these. Under an ANESTHESIA heading the kind of anesthesia
// written alone ("General.") is the procedure.
//
// Fact value keys: procedure, procedure_group, and where the words say so
// body_site, laterality, level. Pure; built once, on first use.
#ifndef IMR_EXTRACT_PROCEDURE_VOCABULARY_H_
#define IMR_EXTRACT_PROCEDURE_VOCABULARY_H_

#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

std::vector<Fact> ExtractNamedProcedures(const Region& region);

}  // namespace imr

#endif  // IMR_EXTRACT_PROCEDURE_VOCABULARY_H_
