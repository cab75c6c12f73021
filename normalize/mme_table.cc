// Opioid morphine-equivalent conversion factors, as data.
//
// Edition: CDC 2016 (kMmeEdition "cdc-2016"): the factors of the CDC's 2016
// opioid prescribing guideline, with the few ingredients that guideline does
// not list (meperidine, levorphanol, pentazocine, dihydrocodeine) taken from
// the CDC's MME conversion-factor data file of the same period. 2016 rather
// than 2022 because most public IMR letters date from 2013-2018, before the
// 2022 figures existed, so the MED their reviewers weighed used the older
// ones. Where 2022 differs the row's source says so; to move editions,
// change those rows and kMmeEdition together.
#include "normalize/medication_normal.h"

#include <limits>

namespace imr {

const std::vector<MmeRow>& MmeConversionTable() {
  using enum MmeBasis;
  static const std::vector<MmeRow> rows = {
      {"codeine", kOralMg, 0.15, "CDC 2016 guideline"},
      {"hydrocodone", kOralMg, 1, "CDC 2016 guideline"},
      {"hydromorphone", kOralMg, 4, "CDC 2016 guideline (CDC 2022: 5)"},
      {"morphine", kOralMg, 1, "CDC 2016 guideline"},
      {"oxycodone", kOralMg, 1.5, "CDC 2016 guideline"},
      {"oxymorphone", kOralMg, 3, "CDC 2016 guideline"},
      {"tapentadol", kOralMg, 0.4, "CDC 2016 guideline"},
      {"tramadol", kOralMg, 0.1, "CDC 2016 guideline (CDC 2022: 0.2)"},
      {"methadone", kMethadoneBands, 0, "CDC 2016 guideline, dose bands (CDC 2022: 4.7 flat)"},
      // The patch's rate is what the body gets all day, so the factor applies
      // to mcg/hr worn, not to how often the patch is changed.
      {"fentanyl", kTransdermalMcgPerHr, 2.4, "CDC 2016 guideline, transdermal only"},
      {"meperidine", kOralMg, 0.1, "CDC MME conversion file, 2016-2017"},
      {"levorphanol", kOralMg, 11, "CDC MME conversion file, 2016-2017"},
      {"pentazocine", kOralMg, 0.37, "CDC MME conversion file, 2016-2017"},
      {"dihydrocodeine", kOralMg, 0.25, "CDC MME conversion file, 2016-2017"},
      // A partial agonist with a ceiling on respiratory depression: its risk
      // does not climb with dose the way a full agonist's does, the CDC lists
      // it without a factor, and its MME would not mean the same thing against
      // a dose threshold. It stays an opioid fact with med_missing "factor".
      {"buprenorphine", kNotConverted, 0, "CDC 2016: no factor for buprenorphine"},
  };
  return rows;
}

// CDC 2016 bands by total methadone mg per day. The guideline's last band
// starts at 61 mg; above 80 mg it keeps that factor, as the CDC data file's
// open last band does.
const std::vector<MethadoneBand>& MethadoneBands() {
  static const std::vector<MethadoneBand> bands = {
      {20, 4},
      {40, 8},
      {60, 10},
      {std::numeric_limits<double>::infinity(), 12},
  };
  return bands;
}

}  // namespace imr
