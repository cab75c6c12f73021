// What the patient is allergic to: each substance of an allergy list, and a
// substance written as "allergic to X" or "X allergy" elsewhere.
//
//   imr::Region region = imr::RegionOfText("Penicillin and sulfa.", "allergies");
//   std::vector<imr::Fact> a = imr::ExtractAllergies(region);
//   a[0].text == "Penicillin";  a[0].value["substance"] == "penicillin";
//   a[1].text == "sulfa";
//
// Substances are drugs of the drug table (core/drug_table.h, classes
// included: "antibiotics") and the common allergens that are no drug (sulfa,
// latex, iodine, shellfish, ...). "No known drug allergies" names none. Facts
// are of kind "allergy" (never medications: ExtractMedications leaves allergy
// lists alone). Pure.
#ifndef IMR_EXTRACT_ALLERGY_EXTRACTOR_H_
#define IMR_EXTRACT_ALLERGY_EXTRACTOR_H_

#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

std::vector<Fact> ExtractAllergies(const Region& region);

}  // namespace imr

#endif  // IMR_EXTRACT_ALLERGY_EXTRACTOR_H_
