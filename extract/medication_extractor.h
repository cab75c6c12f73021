// Medications named in clinical text, each with the strength, form, dose,
// route, frequency and quantity written after its name.
//
//   imr::Region region = imr::RegionOfText("Continue Norco 10/325 mg #90 for pain.");
//   std::vector<imr::Fact> meds = imr::ExtractMedications(region);
//   meds[0].text == "Norco 10/325 mg #90";
//   meds[0].value["generic"] == "hydrocodone/acetaminophen";  // also brand, drug_class,
//   meds[0].value["strength"] == "10/325";                     // unit, quantity...
//
// Names come from the drug table (core/drug_table.h: the project's curated rows
// and Drugs@FDA) and match whole words without regard to case: "Lyrica" fires,
// "lyrical" does not. Generic names joined by "/" or "-" read as one
// combination ("hydrocodone/APAP" is hydrocodone/acetaminophen); brands never
// combine, so "Norco/Soma" is two medications. A name in parentheses right
// after the name ("Norco (hydrocodone/APAP)") belongs to the same medication,
// and so does an amount written before it ("30 mg of Toradol"). A class of
// drugs named as such ("antibiotics", "NSAIDs") is a medication with
// value mention=class and no generic. Names in an allergy list are allergies,
// not medications (ExtractAllergies).
//
// Fact value keys: generic (lower case), brand (the table's spelling, only
// when a brand was written), drug_class (opioid, nsaid, muscle_relaxant,
// topical, anticonvulsant, antidepressant, sleep_aid, benzodiazepine, ppi,
// medical_food, other), and when written around the name: strength
// ("10/325"), unit (mg, mcg, mcg/hr, g, ml, %), form (tablet, capsule, patch,
// cream, gel, ...), dose ("one tab"), route (oral, topical, transdermal, ...),
// frequency as written ("twice a day", "q6h prn"), quantity ("90" from "#90" or
// "quantity 90"). A non-opioid written as a cream, gel, ointment, lotion or
// patch is a topical. Every fact's rule is "medication.drug_table@1"; the
// drug is in its value.
#ifndef IMR_EXTRACT_MEDICATION_EXTRACTOR_H_
#define IMR_EXTRACT_MEDICATION_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/region.h"

namespace imr {

// Every medication in `region`, sorted by span begin. Where candidates overlap
// the longest wins. Each fact is made with MakeFact, so its text is exactly what
// its span quotes; the words after a name are read only up to the end of the
// name's page. Text with no medication gives an empty vector. Pure.
std::vector<Fact> ExtractMedications(const Region& region);

}  // namespace imr

#endif  // IMR_EXTRACT_MEDICATION_EXTRACTOR_H_
