#include "normalize/medication_normal.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "core/text.h"

namespace imr {
namespace {

// Everything NormalizeMedicationFacts writes except drug_class, cleared first
// so that a second call recomputes rather than keeps stale numbers.
constexpr std::array<std::string_view, 10> kDerivedKeys = {
    "strength_per_unit_mg", "strength_mcg_per_hr", "units_per_dose", "doses_per_day", "units_per_day",
    "daily_dose_mg",        "mme_factor",          "med_mg_per_day", "mme_edition",   "med_missing"};

// Brands whose name fixes the opioid amount when no strength is written:
// the number in "Tylenol #3" is a codeine strength, mg per tablet.
struct BrandStrength {
  std::string_view brand;  // lower case, as the lexicon spells it
  double opioid_mg;
};
constexpr BrandStrength kBrandStrengths[] = {
    {"tylenol #3", 30}, {"tylenol no. 3", 30}, {"tylenol with codeine #3", 30},
    {"tylenol #4", 60}, {"tylenol with codeine #4", 60},
};

// Numbers as attribute values: at most 4 decimals, no trailing zeros.
std::string FormatNumber(double number) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", number);
  std::string out = buffer;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

std::optional<double> ParseNumber(std::string_view text) {
  const std::string s(TrimView(text));
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) return std::nullopt;
  char* end = nullptr;
  const double number = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(number)) return std::nullopt;
  return number;
}

// "once" 1, "two" 2, "3x" 3, "one-half" 0.5: the count a word or digit says.
std::optional<double> CountOf(std::string_view text) {
  static const std::map<std::string, double, std::less<>> kWords = {
      {"once", 1},    {"twice", 2},   {"thrice", 3},    {"one", 1},        {"two", 2},
      {"three", 3},   {"four", 4},    {"five", 5},      {"six", 6},        {"half", 0.5},
      {"one-half", 0.5}, {"one half", 0.5}, {"1/2", 0.5}};
  std::string word = AsciiLower(TrimView(text));
  for (std::string_view suffix : {"times", "x"}) {
    if (word.ends_with(suffix)) word = std::string(TrimView(word.substr(0, word.size() - suffix.size())));
  }
  if (auto it = kWords.find(word); it != kWords.end()) return it->second;
  return ParseNumber(word);
}

std::string Get(const Attributes& value, const char* key) {
  auto it = value.find(key);
  return it == value.end() ? std::string() : it->second;
}

// Lower case, periods dropped except inside numbers ("b.i.d." -> "bid",
// "1.5" stays), whitespace collapsed.
std::string FoldFrequency(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool in_number = i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                           std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (text[i] == '.' && !in_number) continue;
    out += text[i];
  }
  return CollapseWhitespace(AsciiLower(out));
}

const std::vector<std::unique_ptr<RE2>>& CompiledFrequencyTable() {
  static const std::vector<std::unique_ptr<RE2>> compiled = [] {
    std::vector<std::unique_ptr<RE2>> out;
    for (const FrequencyRow& row : FrequencyTable()) out.push_back(std::make_unique<RE2>(row.pattern));
    return out;
  }();
  return compiled;
}

std::optional<double> ReadFrequencyMatch(const FrequencyRow& row, const re2::StringPiece* groups) {
  switch (row.reading) {
    case FrequencyReading::kFixed:
      return row.doses_per_day;
    case FrequencyReading::kTimesPer: {
      const std::optional<double> count = CountOf(std::string_view(groups[1].data(), groups[1].size()));
      const std::string_view period(groups[2].data(), groups[2].size());
      if (!count) return std::nullopt;
      return period.starts_with("w") ? *count / 7 : *count;
    }
    case FrequencyReading::kEveryHours: {
      std::optional<double> hours = ParseNumber(std::string_view(groups[1].data(), groups[1].size()));
      if (!groups[2].empty()) {
        const std::optional<double> other = ParseNumber(std::string_view(groups[2].data(), groups[2].size()));
        if (hours && other) hours = std::min(*hours, *other);  // the shorter interval: the most doses
      }
      if (!hours || *hours <= 0) return std::nullopt;
      return 24 / *hours;
    }
    case FrequencyReading::kEveryDays: {
      const std::optional<double> days = ParseNumber(std::string_view(groups[1].data(), groups[1].size()));
      if (!days || *days <= 0) return std::nullopt;
      return 1 / *days;
    }
  }
  return std::nullopt;
}

// The opioid inside a generic: "acetaminophen/codeine" -> codeine, part 1 of 2.
struct OpioidPart {
  const MmeRow* row = nullptr;
  size_t index = 0;
  size_t parts = 1;
};

OpioidPart FindOpioidPart(std::string_view generic) {
  OpioidPart found;
  found.parts = 0;
  size_t begin = 0;
  while (true) {
    const size_t slash = generic.find('/', begin);
    const std::string_view part = TrimView(generic.substr(begin, slash - begin));
    if (!found.row) {
      if (const MmeRow* row = FindMmeRow(AsciiLower(part))) {
        found.row = row;
        found.index = found.parts;
      }
    }
    ++found.parts;
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  return found;
}

// The amount of the active part, in the strength's own unit. For an opioid
// combination it is the opioid's part: by position when the strength has as
// many parts as the generic ("10/325" hydrocodone/acetaminophen -> 10), else
// the smallest part (combination tablets pair a few mg of opioid with a few
// hundred of the partner). Other combinations have no single amount.
std::optional<double> ActiveAmount(const Attributes& value, const OpioidPart& opioid) {
  std::vector<double> amounts;
  const std::string strength = Get(value, "strength");
  for (size_t begin = 0; !strength.empty();) {
    const size_t slash = strength.find('/', begin);
    const std::optional<double> amount = ParseNumber(std::string_view(strength).substr(begin, slash - begin));
    if (!amount) return std::nullopt;
    amounts.push_back(*amount);
    if (slash == std::string::npos) break;
    begin = slash + 1;
  }
  if (amounts.size() == 1) return amounts[0];
  if (amounts.empty() || !opioid.row) return std::nullopt;
  if (amounts.size() == opioid.parts) return amounts[opioid.index];
  return *std::min_element(amounts.begin(), amounts.end());
}

std::optional<double> BrandAmountMg(const Attributes& value) {
  const std::string brand = AsciiLower(Get(value, "brand"));
  for (const BrandStrength& row : kBrandStrengths) {
    if (row.brand == brand) return row.opioid_mg;
  }
  return std::nullopt;
}

// The numbers the words give, each unknown until read.
struct Dosing {
  std::optional<double> strength_mg;        // per unit
  std::optional<double> strength_mcg_per_hr;  // per patch
  std::optional<double> units_per_dose;
  std::optional<double> doses_per_day;
};

// A patch's strength is a delivery rate. "mcg/hr" says so for any drug; an
// opioid patch written in mcg or with no unit means the same.
bool IsRate(const Attributes& value, const OpioidPart& opioid) {
  const std::string unit = Get(value, "unit");
  if (unit == "mcg/hr") return true;
  const bool worn = Get(value, "form") == "patch" || Get(value, "route") == "transdermal";
  return opioid.row && worn && (unit == "mcg" || unit.empty());
}

Dosing ReadDosing(const Attributes& value, const OpioidPart& opioid) {
  Dosing d;
  std::optional<double> amount = ActiveAmount(value, opioid);
  const std::string unit = Get(value, "unit");
  if (amount && IsRate(value, opioid)) {
    d.strength_mcg_per_hr = amount;
  } else if (amount) {
    // Tablets are written in mg and the unit is often left off ("Norco 10/325").
    static const std::map<std::string, double, std::less<>> kToMg = {{"mg", 1}, {"", 1}, {"mcg", 0.001}, {"g", 1000}};
    if (auto it = kToMg.find(unit); it != kToMg.end()) d.strength_mg = *amount * it->second;
  } else if (!value.contains("strength")) {
    d.strength_mg = BrandAmountMg(value);
  }
  if (value.contains("dose")) d.units_per_dose = UnitsPerDose(value.at("dose"));
  if (value.contains("frequency")) d.doses_per_day = DosesPerDay(value.at("frequency"));
  return d;
}

void WriteDosing(const Dosing& d, Attributes* value) {
  if (d.strength_mg) (*value)["strength_per_unit_mg"] = FormatNumber(*d.strength_mg);
  if (d.strength_mcg_per_hr) (*value)["strength_mcg_per_hr"] = FormatNumber(*d.strength_mcg_per_hr);
  if (d.units_per_dose) (*value)["units_per_dose"] = FormatNumber(*d.units_per_dose);
  if (d.doses_per_day) (*value)["doses_per_day"] = FormatNumber(*d.doses_per_day);
  if (d.units_per_dose && d.doses_per_day) {
    (*value)["units_per_day"] = FormatNumber(*d.units_per_dose * *d.doses_per_day);
    if (d.strength_mg) {
      (*value)["daily_dose_mg"] = FormatNumber(*d.strength_mg * *d.units_per_dose * *d.doses_per_day);
    }
  }
}

std::optional<double> MethadoneFactor(double mg_per_day) {
  if (mg_per_day <= 0) return std::nullopt;
  for (const MethadoneBand& band : MethadoneBands()) {
    if (mg_per_day <= band.up_to_mg_per_day) return band.factor;
  }
  return std::nullopt;
}

// The MED for one opioid, or the pieces it lacks.
void WriteMed(const Dosing& d, const MmeRow* row, Attributes* value) {
  std::vector<std::string_view> missing;
  std::optional<double> factor;
  std::optional<double> med;
  if (!row || row->basis == MmeBasis::kNotConverted) {
    missing.push_back("factor");
  } else if (row->basis == MmeBasis::kTransdermalMcgPerHr) {
    if (!d.strength_mcg_per_hr) missing.push_back(d.strength_mg ? "factor" : "strength");
    if (!d.units_per_dose) missing.push_back("dose");
    if (missing.empty()) {
      factor = row->factor;
      med = *d.strength_mcg_per_hr * *d.units_per_dose * row->factor;
    }
  } else {
    if (!d.strength_mg) missing.push_back(d.strength_mcg_per_hr ? "factor" : "strength");
    if (!d.units_per_dose) missing.push_back("dose");
    if (!d.doses_per_day) missing.push_back("frequency");
    if (missing.empty()) {
      const double daily = *d.strength_mg * *d.units_per_dose * *d.doses_per_day;
      factor = row->basis == MmeBasis::kMethadoneBands ? MethadoneFactor(daily) : row->factor;
      if (factor) med = daily * *factor;
      else missing.push_back("factor");
    }
  }
  if (med) {
    (*value)["mme_factor"] = FormatNumber(*factor);
    (*value)["med_mg_per_day"] = FormatNumber(*med);
    (*value)["mme_edition"] = std::string(kMmeEdition);
    return;
  }
  std::string joined;
  for (std::string_view piece : missing) joined += (joined.empty() ? "" : ",") + std::string(piece);
  (*value)["med_missing"] = joined;
}

void NormalizeMedicationFact(Fact* fact) {
  Attributes& value = fact->value;
  for (std::string_view key : kDerivedKeys) value.erase(std::string(key));
  const OpioidPart opioid = FindOpioidPart(Get(value, "generic"));
  if (!value.contains("drug_class") && opioid.row) value["drug_class"] = "opioid";
  const Dosing dosing = ReadDosing(value, opioid);
  WriteDosing(dosing, &value);
  if (opioid.row || Get(value, "drug_class") == "opioid") WriteMed(dosing, opioid.row, &value);
}

}  // namespace

const MmeRow* FindMmeRow(std::string_view ingredient) {
  for (const MmeRow& row : MmeConversionTable()) {
    if (row.ingredient == ingredient) return &row;
  }
  return nullptr;
}

const std::vector<FrequencyRow>& FrequencyTable() {
  using enum FrequencyReading;
  static const std::vector<FrequencyRow> rows = {
      {"frequency.every_hours",
       R"(\b(?:every|q)\s*(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*(?:hours?|hrs?|h)\b)", kEveryHours},
      {"frequency.every_days", R"(\b(?:every|q)\s*(\d+)\s*(?:days?|d)\b)", kEveryDays},
      {"frequency.every_other_day", R"(\b(?:every\s+other\s+day|qod)\b)", kFixed, 0.5},
      {"frequency.times_per",
       R"(\b(once|twice|thrice|(?:one|two|three|four|five|six|[1-6])\s*(?:x|times))\s*)"
       R"((?:(?:a|per|each|every|in\s+a)\s+|/\s*)?(day|daily|night|nightly|week|weekly|wk)\b)",
       kTimesPer},
      {"frequency.bid", R"(\bbid\b)", kFixed, 2},
      {"frequency.tid", R"(\btid\b)", kFixed, 3},
      {"frequency.qid", R"(\bqid\b)", kFixed, 4},
      {"frequency.once_daily",
       R"(\b(?:qd|qday|qhs|qam|qpm|hs|daily|nightly|every\s+(?:day|night|morning|evening))\b)"
       R"(|\b(?:at\s+)?bedtime\b|\bat\s+night\b|\bin\s+the\s+(?:morning|evening)\b)",
       kFixed, 1},
      {"frequency.weekly", R"(\b(?:weekly|every\s+week)\b)", kFixed, 1.0 / 7},
  };
  return rows;
}

std::optional<double> DosesPerDay(std::string_view frequency) {
  const std::string text = FoldFrequency(frequency);
  const std::vector<FrequencyRow>& rows = FrequencyTable();
  const std::vector<std::unique_ptr<RE2>>& compiled = CompiledFrequencyTable();
  for (size_t i = 0; i < rows.size(); ++i) {
    re2::StringPiece groups[3];
    if (compiled[i]->Match(text, 0, text.size(), RE2::UNANCHORED, groups, 3)) {
      return ReadFrequencyMatch(rows[i], groups);
    }
  }
  return std::nullopt;
}

std::optional<double> UnitsPerDose(std::string_view dose) {
  static const RE2 pattern(
      R"(^(?:(?:take|apply|use)\s+)?(one-half|one\s+half|half|1/2|\d+(?:\.\d+)?|one|two|three|four|five|six)\b)"
      R"((?:\s*(?:-|to|or)\s*(\d+(?:\.\d+)?|one|two|three|four|five|six)\b)?)");
  const std::string text = CollapseWhitespace(AsciiLower(dose));
  re2::StringPiece first, second;
  if (!RE2::PartialMatch(text, pattern, &first, &second)) return std::nullopt;
  std::optional<double> units = CountOf(std::string_view(first.data(), first.size()));
  if (!second.empty()) {
    const std::optional<double> upper = CountOf(std::string_view(second.data(), second.size()));
    if (units && upper) units = std::max(*units, *upper);  // "1-2 tabs": up to 2
  }
  if (units && *units <= 0) return std::nullopt;
  return units;
}

void NormalizeMedicationFacts(std::vector<Fact>* facts) {
  if (facts == nullptr) return;
  for (Fact& fact : *facts) {
    // A class of drugs ("opioids") names no dose to read.
    if (fact.kind == "medication" && Get(fact.value, "mention") != "class") NormalizeMedicationFact(&fact);
  }
}

std::optional<double> TotalMedPerDay(const std::vector<Fact>& facts) {
  std::map<std::string, double> largest_by_generic;
  for (const Fact& fact : facts) {
    if (fact.kind != "medication" || fact.assertion != "present") continue;
    const std::optional<double> med = ParseNumber(Get(fact.value, "med_mg_per_day"));
    if (!med) continue;
    double& largest = largest_by_generic[Get(fact.value, "generic")];
    largest = std::max(largest, *med);
  }
  if (largest_by_generic.empty()) return std::nullopt;
  double total = 0;
  for (const auto& [generic, med] : largest_by_generic) total += med;
  return total;
}

}  // namespace imr
