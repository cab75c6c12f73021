// Medication facts turned into numbers: strength per unit, units per dose,
// doses per day, daily dose, and for opioids the morphine-equivalent daily
// dose (MED) from a public conversion table.
//
//   // "Norco 10/325 mg one tablet q6h prn" as the extractor wrote it:
//   imr::NormalizeMedicationFacts(&record.facts);
//   fact.value["strength_per_unit_mg"] == "10";   // the hydrocodone, not the APAP
//   fact.value["units_per_dose"] == "1";
//   fact.value["doses_per_day"] == "4";
//   fact.value["daily_dose_mg"] == "40";
//   fact.value["mme_factor"] == "1";
//   fact.value["med_mg_per_day"] == "40";
//   std::optional<double> med = imr::TotalMedPerDay(record.facts);  // 40
//
// Every count is the most the order allows: "1-2 tabs" is 2 units, "every
// 4-6 hours" is 6 doses a day, because reviewers hold the prescription to its
// ceiling. A piece the words do not give stays unknown and nothing computed
// from it is written: "Norco 10/325 mg" with no dose or frequency gets
// strength_per_unit_mg and no MED; "as needed" alone is no count.
//
// Keys added to a medication fact's value (numbers written as strings, at
// most 4 decimals): strength_per_unit_mg, strength_mcg_per_hr (a patch's
// delivery rate, in place of mg per unit), units_per_dose, doses_per_day,
// units_per_day, daily_dose_mg; for an opioid also mme_factor,
// med_mg_per_day and mme_edition, or med_missing when the MED cannot be
// computed ("strength", "dose", "frequency" or "factor", comma-joined).
// drug_class is kept; when missing it becomes "opioid" for a generic the
// conversion table knows, and stays missing otherwise.
#ifndef IMR_NORMALIZE_MEDICATION_NORMAL_H_
#define IMR_NORMALIZE_MEDICATION_NORMAL_H_

#include <optional>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// The edition of the conversion factors below; written on every fact that
// carries an mme_factor, so a record says which table its MED came from.
inline constexpr std::string_view kMmeEdition = "cdc-2016";

enum class MmeBasis {
  kOralMg,               // factor × mg per day
  kMethadoneBands,       // factor chosen by the mg per day (MethadoneBands)
  kTransdermalMcgPerHr,  // factor × mcg/hr worn, however often it is changed
  kNotConverted,         // an opioid with no MED by design (see the row's note)
};

struct MmeRow {
  std::string_view ingredient;  // the generic's opioid part, lower case
  MmeBasis basis = MmeBasis::kOralMg;
  double factor = 0;            // > 0 for kOralMg and kTransdermalMcgPerHr, else 0
  std::string_view source;      // where the figure comes from
};

// One row per opioid ingredient, no two alike (normalize/mme_table.cc).
const std::vector<MmeRow>& MmeConversionTable();

// Methadone's factor grows with the dose: the first band whose
// up_to_mg_per_day is >= the daily dose applies. Bands ascend; the last is open.
struct MethadoneBand {
  double up_to_mg_per_day = 0;
  double factor = 0;
};
const std::vector<MethadoneBand>& MethadoneBands();

// The table row for one ingredient ("oxycodone"), or null. Borrows the table.
const MmeRow* FindMmeRow(std::string_view ingredient);

// How often a frequency as written is taken, in doses per day: "bid" 2,
// "every 4-6 hours" 6, "q72h" 1/3, "once a week" 1/7. "as needed", "prn",
// "" and anything unread give nothing. Ignores case and periods ("b.i.d.").
std::optional<double> DosesPerDay(std::string_view frequency);

// How many units one dose is: "one tablet" 1, "1-2 tabs" 2, "half" 0.5,
// "1" 1. Anything unread gives nothing.
std::optional<double> UnitsPerDose(std::string_view dose);

// A frequency pattern and how its match becomes doses per day.
enum class FrequencyReading {
  kFixed,       // the row's doses_per_day
  kTimesPer,    // group 1 a count ("twice", "3 times", "2x"), group 2 day/night/week
  kEveryHours,  // 24 / the smaller of groups 1 and 2
  kEveryDays,   // 1 / group 1
};
struct FrequencyRow {
  std::string_view id;       // "frequency.bid"
  std::string_view pattern;  // matched against lower-case text without periods
  FrequencyReading reading = FrequencyReading::kFixed;
  double doses_per_day = 0;  // kFixed only
};

// Tried in order; the first row that matches anywhere in the text wins, so
// "twice daily" is read before "daily".
const std::vector<FrequencyRow>& FrequencyTable();

// Adds the keys above to every fact of kind "medication"; other facts are
// untouched. Keys it computed on an earlier call are recomputed, so calling
// it twice gives the same facts. Null `facts` is a no-op.
void NormalizeMedicationFacts(std::vector<Fact>* facts);

// The patient's current opioid load: the med_mg_per_day of medication facts
// asserted present, the largest per generic (a drug restated in several
// places counts once), summed over generics. Opioids without a MED add
// nothing, so the total is a floor when some present opioid has med_missing.
// Nothing when no present fact has a MED. Expects NormalizeMedicationFacts
// to have run.
std::optional<double> TotalMedPerDay(const std::vector<Fact>& facts);

}  // namespace imr

#endif  // IMR_NORMALIZE_MEDICATION_NORMAL_H_
