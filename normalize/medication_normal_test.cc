#include "normalize/medication_normal.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>

namespace imr {
namespace {

// "2", "0.3333", or "-" for nothing: how the rows below write numbers.
std::string Show(std::optional<double> number) {
  if (!number) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", *number);
  std::string out = buffer;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

TEST(DosesPerDayTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"bid", "2"},
      {"b.i.d.", "2"},
      {"BID", "2"},
      {"twice a day", "2"},
      {"twice daily", "2"},
      {"two times daily", "2"},
      {"2 times per day", "2"},
      {"2x/day", "2"},
      {"tid", "3"},
      {"t.i.d. prn", "3"},
      {"three times a day", "3"},
      {"qid", "4"},
      {"four times a day", "4"},
      {"up to 4 times daily as needed", "4"},
      {"q4h", "6"},
      {"q 4 h", "6"},
      {"every 4 hours", "6"},
      {"every 4-6 hours as needed", "6"},  // the shorter interval: the most doses
      {"every 4 to 6 hours", "6"},
      {"q6h", "4"},
      {"q6h prn", "4"},
      {"1-2 tabs every 6 hours", "4"},
      {"q8h", "3"},
      {"every 8 hours", "3"},
      {"q12h", "2"},
      {"every 12 hrs", "2"},
      {"daily", "1"},
      {"once a day", "1"},
      {"once daily", "1"},
      {"qd", "1"},
      {"qhs", "1"},
      {"q.h.s.", "1"},
      {"at bedtime", "1"},
      {"at night", "1"},
      {"nightly", "1"},
      {"every morning", "1"},
      {"every 72 hours", "0.3333"},  // a patch
      {"q72h", "0.3333"},
      {"every 3 days", "0.3333"},
      {"every other day", "0.5"},
      {"once a week", "0.1429"},
      {"weekly", "0.1429"},
      {"twice a week", "0.2857"},
      // No count: unknown, never guessed.
      {"as needed", "-"},
      {"prn", "-"},
      {"p.r.n. pain", "-"},
      {"", "-"},
      {"every hour or so", "-"},
      {"q0h", "-"},
      {"morbid pain", "-"},  // "bid" only as a word
  };
  for (const auto& [frequency, expected] : rows) {
    EXPECT_EQ(Show(DosesPerDay(frequency)), expected) << "frequency: '" << frequency << "'";
  }
}

TEST(UnitsPerDoseTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"one tablet", "1"},        {"one tab", "1"},         {"1 tab", "1"},
      {"1-2 tabs", "2"},          {"one to two tablets", "2"}, {"one or two tablets", "2"},
      {"two tablets", "2"},       {"half", "0.5"},          {"1/2 tablet", "0.5"},
      {"one-half tablet", "0.5"}, {"1", "1"},               {"take 2 capsules", "2"},
      {"apply one patch", "1"},   {"", "-"},                {"as directed", "-"},
      {"0 tabs", "-"},
  };
  for (const auto& [dose, expected] : rows) {
    EXPECT_EQ(Show(UnitsPerDose(dose)), expected) << "dose: '" << dose << "'";
  }
}

// A medication fact whose value is "key=value; key=value", as the extractor
// would have written it.
Fact MedicationFact(const std::string& attributes, std::string assertion = "present") {
  Fact fact;
  fact.kind = "medication";
  fact.assertion = std::move(assertion);
  size_t begin = 0;
  while (begin < attributes.size()) {
    size_t end = attributes.find("; ", begin);
    if (end == std::string::npos) end = attributes.size();
    const std::string pair = attributes.substr(begin, end - begin);
    const size_t equals = pair.find('=');
    fact.value[pair.substr(0, equals)] = pair.substr(equals + 1);
    begin = end + 2;
  }
  return fact;
}

// The keys NormalizeMedicationFacts adds, in a fixed order, short labels.
std::string Describe(const Fact& fact) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"strength_per_unit_mg", "mg/unit"}, {"strength_mcg_per_hr", "mcg/hr"}, {"units_per_dose", "units"},
      {"doses_per_day", "doses/day"},      {"units_per_day", "units/day"},    {"daily_dose_mg", "mg/day"},
      {"mme_factor", "factor"},            {"med_mg_per_day", "MED"},         {"med_missing", "missing"}};
  std::string out;
  for (const auto& [key, label] : kLabels) {
    if (!fact.value.count(key)) continue;
    out += (out.empty() ? "" : " ") + std::string(label) + "=" + fact.value.at(key);
  }
  return out;
}

TEST(NormalizeMedicationFactsTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      // Combinations: the opioid's part of the strength.
      {"generic=hydrocodone/acetaminophen; brand=Norco; strength=10/325; unit=mg; dose=one tablet; frequency=q6h prn",
       "mg/unit=10 units=1 doses/day=4 units/day=4 mg/day=40 factor=1 MED=40"},
      {"generic=hydrocodone/acetaminophen; strength=7.5/325; unit=mg; dose=1-2 tabs; frequency=every 6 hours",
       "mg/unit=7.5 units=2 doses/day=4 units/day=8 mg/day=60 factor=1 MED=60"},
      {"generic=hydrocodone/acetaminophen; strength=10/325; dose=one tablet; frequency=bid",  // no unit: mg
       "mg/unit=10 units=1 doses/day=2 units/day=2 mg/day=20 factor=1 MED=20"},
      {"generic=oxycodone/acetaminophen; brand=Percocet; strength=10/325; unit=mg; dose=one tab; frequency=tid",
       "mg/unit=10 units=1 doses/day=3 units/day=3 mg/day=30 factor=1.5 MED=45"},
      {"generic=acetaminophen/codeine; strength=300/30; unit=mg; dose=one tablet; frequency=qid",  // opioid second
       "mg/unit=30 units=1 doses/day=4 units/day=4 mg/day=120 factor=0.15 MED=18"},
      {"generic=acetaminophen/codeine; brand=Tylenol #3; dose=one tablet; frequency=twice a day",
       "mg/unit=30 units=1 doses/day=2 units/day=2 mg/day=60 factor=0.15 MED=9"},
      {"generic=tramadol/acetaminophen; brand=Ultracet; strength=37.5/325; unit=mg; dose=two tablets; "
       "frequency=every 4-6 hours",
       "mg/unit=37.5 units=2 doses/day=6 units/day=12 mg/day=450 factor=0.1 MED=45"},
      {"generic=hydrocodone; strength=10/325; unit=mg; dose=one tablet; frequency=q4h",  // parts disagree: smaller
       "mg/unit=10 units=1 doses/day=6 units/day=6 mg/day=60 factor=1 MED=60"},
      {"generic=hydrocodone/ibuprofen; strength=7.5/200; unit=mg; dose=one tablet; frequency=q6h",
       "mg/unit=7.5 units=1 doses/day=4 units/day=4 mg/day=30 factor=1 MED=30"},
      // One row per conversion factor.
      {"generic=hydromorphone; strength=4; unit=mg; dose=one tablet; frequency=q4h",
       "mg/unit=4 units=1 doses/day=6 units/day=6 mg/day=24 factor=4 MED=96"},
      {"generic=morphine; brand=MS Contin; strength=30; unit=mg; dose=one tablet; frequency=q12h",
       "mg/unit=30 units=1 doses/day=2 units/day=2 mg/day=60 factor=1 MED=60"},
      {"generic=oxycodone; brand=OxyContin; strength=20; unit=mg; dose=one tablet; frequency=every 12 hours",
       "mg/unit=20 units=1 doses/day=2 units/day=2 mg/day=40 factor=1.5 MED=60"},
      {"generic=oxycodone; strength=15; unit=mg; dose=1/2 tablet; frequency=bid",
       "mg/unit=15 units=0.5 doses/day=2 units/day=1 mg/day=15 factor=1.5 MED=22.5"},
      {"generic=oxymorphone; strength=10; unit=mg; dose=one tablet; frequency=twice a day",
       "mg/unit=10 units=1 doses/day=2 units/day=2 mg/day=20 factor=3 MED=60"},
      {"generic=tapentadol; brand=Nucynta; strength=100; unit=mg; dose=one tablet; frequency=q8h",
       "mg/unit=100 units=1 doses/day=3 units/day=3 mg/day=300 factor=0.4 MED=120"},
      {"generic=tramadol; strength=150; unit=mg; dose=one tablet; frequency=once daily",
       "mg/unit=150 units=1 doses/day=1 units/day=1 mg/day=150 factor=0.1 MED=15"},
      {"generic=codeine; strength=30; unit=mg; dose=two tablets; frequency=q6h",
       "mg/unit=30 units=2 doses/day=4 units/day=8 mg/day=240 factor=0.15 MED=36"},
      {"generic=hydrocodone; brand=Hysingla; strength=30; unit=mg; dose=one tablet; frequency=daily",
       "mg/unit=30 units=1 doses/day=1 units/day=1 mg/day=30 factor=1 MED=30"},
      {"generic=meperidine; strength=50; unit=mg; dose=one tablet; frequency=every 6 hours",
       "mg/unit=50 units=1 doses/day=4 units/day=4 mg/day=200 factor=0.1 MED=20"},
      {"generic=levorphanol; strength=2; unit=mg; dose=one tablet; frequency=q8h",
       "mg/unit=2 units=1 doses/day=3 units/day=3 mg/day=6 factor=11 MED=66"},
      {"generic=pentazocine; strength=50; unit=mg; dose=one tablet; frequency=q6h",
       "mg/unit=50 units=1 doses/day=4 units/day=4 mg/day=200 factor=0.37 MED=74"},
      {"generic=dihydrocodeine; strength=16; unit=mg; dose=one tablet; frequency=q4h",
       "mg/unit=16 units=1 doses/day=6 units/day=6 mg/day=96 factor=0.25 MED=24"},
      // Methadone: the factor follows the daily dose, bands closed above.
      {"generic=methadone; strength=5; unit=mg; dose=one tablet; frequency=tid",
       "mg/unit=5 units=1 doses/day=3 units/day=3 mg/day=15 factor=4 MED=60"},
      {"generic=methadone; strength=20; unit=mg; dose=one tablet; frequency=daily",
       "mg/unit=20 units=1 doses/day=1 units/day=1 mg/day=20 factor=4 MED=80"},
      {"generic=methadone; strength=10; unit=mg; dose=one tablet; frequency=tid",
       "mg/unit=10 units=1 doses/day=3 units/day=3 mg/day=30 factor=8 MED=240"},
      {"generic=methadone; strength=10; unit=mg; dose=two tablets; frequency=bid",
       "mg/unit=10 units=2 doses/day=2 units/day=4 mg/day=40 factor=8 MED=320"},
      {"generic=methadone; brand=Dolophine; strength=10; unit=mg; dose=two tablets; frequency=tid",
       "mg/unit=10 units=2 doses/day=3 units/day=6 mg/day=60 factor=10 MED=600"},
      {"generic=methadone; strength=20; unit=mg; dose=one tablet; frequency=qid",
       "mg/unit=20 units=1 doses/day=4 units/day=4 mg/day=80 factor=12 MED=960"},
      {"generic=methadone; strength=40; unit=mg; dose=one tablet; frequency=tid",
       "mg/unit=40 units=1 doses/day=3 units/day=3 mg/day=120 factor=12 MED=1440"},
      // Fentanyl patch: mcg/hr worn × 2.4, however often it is changed.
      {"generic=fentanyl; strength=25; unit=mcg/hr; form=patch; dose=one patch; frequency=every 72 hours",
       "mcg/hr=25 units=1 doses/day=0.3333 units/day=0.3333 factor=2.4 MED=60"},
      {"generic=fentanyl; brand=Duragesic; strength=50; unit=mcg; form=patch; dose=one patch; frequency=q72h",
       "mcg/hr=50 units=1 doses/day=0.3333 units/day=0.3333 factor=2.4 MED=120"},
      {"generic=fentanyl; strength=12; unit=mcg/hr; route=transdermal; dose=two patches; frequency=every 72 hours",
       "mcg/hr=12 units=2 doses/day=0.3333 units/day=0.6667 factor=2.4 MED=57.6"},
      {"generic=fentanyl; strength=25; unit=mcg/hr; form=patch; frequency=every 72 hours",
       "mcg/hr=25 doses/day=0.3333 missing=dose"},
      {"generic=fentanyl; strength=100; unit=mcg; route=buccal; dose=one tablet; frequency=q6h",  // not a patch
       "mg/unit=0.1 units=1 doses/day=4 units/day=4 mg/day=0.4 missing=factor"},
      // Buprenorphine is an opioid without a MED.
      {"generic=buprenorphine; brand=Butrans; strength=10; unit=mcg/hr; form=patch; dose=one patch; frequency=weekly",
       "mcg/hr=10 units=1 doses/day=0.1429 units/day=0.1429 missing=factor"},
      {"generic=buprenorphine/naloxone; brand=Suboxone; strength=8/2; unit=mg; dose=one film; frequency=bid",
       "mg/unit=8 units=1 doses/day=2 units/day=2 mg/day=16 missing=factor"},
      // Missing pieces: no MED, and the record says what was missing.
      {"generic=hydrocodone/acetaminophen; brand=Norco; strength=10/325; unit=mg; quantity=120",
       "mg/unit=10 missing=dose,frequency"},
      {"generic=hydrocodone/acetaminophen; brand=Norco; frequency=four times a day",
       "doses/day=4 missing=strength,dose"},
      {"generic=oxycodone; strength=10; unit=mg; dose=one tablet; frequency=as needed",
       "mg/unit=10 units=1 missing=frequency"},
      {"generic=oxycodone; strength=5; unit=mg; dose=one tablet; frequency=prn",
       "mg/unit=5 units=1 missing=frequency"},
      {"generic=morphine; strength=20; unit=mg/ml; form=solution; frequency=q4h",  // volume not known
       "doses/day=6 missing=strength,dose"},
      {"generic=hydrocodone/acetaminophen; brand=Norco", "missing=strength,dose,frequency"},
      {"generic=butorphanol; drug_class=opioid; strength=1; unit=mg; dose=one spray; frequency=q4h",
       "mg/unit=1 units=1 doses/day=6 units/day=6 mg/day=6 missing=factor"},
      // Non-opioids: daily dose when known, never a MED.
      {"generic=naproxen; drug_class=nsaid; strength=550; unit=mg; dose=one tablet; frequency=twice daily",
       "mg/unit=550 units=1 doses/day=2 units/day=2 mg/day=1100"},
      {"generic=gabapentin; drug_class=anticonvulsant; strength=300; unit=mg; frequency=three times daily",
       "mg/unit=300 doses/day=3"},
      {"generic=cyclobenzaprine; drug_class=muscle_relaxant; strength=7.5; unit=mg; dose=one tablet; "
       "frequency=at bedtime",
       "mg/unit=7.5 units=1 doses/day=1 units/day=1 mg/day=7.5"},
      {"generic=lidocaine; drug_class=topical; strength=5; unit=%; form=patch", ""},
      {"generic=carisoprodol/aspirin; drug_class=muscle_relaxant; strength=200/325; unit=mg", ""},
      {"generic=omeprazole; drug_class=ppi", ""},
  };
  for (const auto& [attributes, expected] : rows) {
    std::vector<Fact> facts = {MedicationFact(attributes)};
    NormalizeMedicationFacts(&facts);
    EXPECT_EQ(Describe(facts[0]), expected) << "input: " << attributes;
  }
}

TEST(NormalizeMedicationFactsTest, DrugClassIsKeptOrFilledFromTheGeneric) {
  const std::pair<std::string, std::string> rows[] = {
      {"generic=oxycodone", "opioid"},
      {"generic=acetaminophen/codeine", "opioid"},
      {"generic=buprenorphine", "opioid"},
      {"generic=naproxen", "-"},  // no lexicon here: not guessed
      {"generic=tramadol; drug_class=opioid", "opioid"},
      {"generic=ketoprofen; drug_class=topical", "topical"},
  };
  for (const auto& [attributes, expected] : rows) {
    std::vector<Fact> facts = {MedicationFact(attributes)};
    NormalizeMedicationFacts(&facts);
    const auto it = facts[0].value.find("drug_class");
    EXPECT_EQ(it == facts[0].value.end() ? "-" : it->second, expected) << "input: " << attributes;
  }
}

TEST(NormalizeMedicationFactsTest, NamesTheEditionAndIsIdempotent) {
  std::vector<Fact> facts = {
      MedicationFact("generic=oxycodone; strength=10; unit=mg; dose=one tablet; frequency=bid"),
      MedicationFact("generic=naproxen; strength=500; unit=mg; dose=one tablet; frequency=bid"),
  };
  Fact date;
  date.kind = "date";
  date.value["strength"] = "10";
  date.value["frequency"] = "bid";
  facts.push_back(date);
  NormalizeMedicationFacts(&facts);
  EXPECT_EQ(facts[0].value.at("mme_edition"), "cdc-2016");
  EXPECT_FALSE(facts[1].value.count("mme_edition"));
  EXPECT_EQ(facts[2].value, date.value);  // other kinds untouched

  const std::vector<Fact> once = facts;
  facts[0].value["frequency"] = "tid";  // an edit between calls is picked up
  NormalizeMedicationFacts(&facts);
  EXPECT_EQ(facts[0].value.at("med_mg_per_day"), "45");
  facts[0].value["frequency"] = "bid";
  NormalizeMedicationFacts(&facts);
  for (size_t i = 0; i < facts.size(); ++i) EXPECT_EQ(facts[i].value, once[i].value) << i;
  NormalizeMedicationFacts(nullptr);
}

TEST(TotalMedPerDayTest, Table) {
  const std::string norco = "generic=hydrocodone/acetaminophen; strength=10/325; unit=mg; dose=one tablet; frequency=";
  const std::string oxy = "generic=oxycodone; strength=10; unit=mg; dose=one tablet; frequency=";
  struct Row {
    std::vector<std::pair<std::string, std::string>> facts;  // attributes, assertion
    std::string expected;
  };
  const Row rows[] = {
      {{{norco + "q6h", "present"}, {oxy + "bid", "present"}}, "70"},
      {{{norco + "q6h", "present"}, {norco + "q6h", "present"}}, "40"},  // restated: once
      {{{norco + "q6h", "present"}, {norco + "q4h", "present"}}, "60"},  // the larger
      {{{norco + "q6h", "present"}, {oxy + "bid", "absent"}}, "40"},
      {{{norco + "q6h", "historical"}, {oxy + "bid", "hypothetical"}}, "-"},
      {{{norco + "q6h", "present"}, {oxy + "as needed", "present"}}, "40"},  // a floor
      {{{"generic=buprenorphine; strength=10; unit=mcg/hr; form=patch; dose=one patch; frequency=weekly", "present"}},
       "-"},
      {{{"generic=naproxen; strength=550; unit=mg; dose=one tablet; frequency=bid", "present"}}, "-"},
      {{}, "-"},
  };
  for (const Row& row : rows) {
    std::vector<Fact> facts;
    std::string input;
    for (const auto& [attributes, assertion] : row.facts) {
      facts.push_back(MedicationFact(attributes, assertion));
      input += "[" + attributes + " (" + assertion + ")] ";
    }
    NormalizeMedicationFacts(&facts);
    EXPECT_EQ(Show(TotalMedPerDay(facts)), row.expected) << "input: " << input;
  }
}

TEST(MmeConversionTableTest, EveryRowIsWellFormed) {
  std::set<std::string_view> ingredients;
  for (const MmeRow& row : MmeConversionTable()) {
    SCOPED_TRACE(std::string(row.ingredient));
    EXPECT_FALSE(row.ingredient.empty());
    EXPECT_TRUE(ingredients.insert(row.ingredient).second) << "duplicate ingredient";
    for (char ch : row.ingredient) EXPECT_TRUE(ch >= 'a' && ch <= 'z') << "lower-case letters only";
    EXPECT_TRUE(row.source.starts_with("CDC")) << row.source;
    const bool has_factor = row.basis == MmeBasis::kOralMg || row.basis == MmeBasis::kTransdermalMcgPerHr;
    if (has_factor) {
      EXPECT_TRUE(std::isfinite(row.factor) && row.factor > 0 && row.factor < 100) << row.factor;
    } else {
      EXPECT_EQ(row.factor, 0);
    }
    EXPECT_EQ(FindMmeRow(row.ingredient), &row);
  }
  ASSERT_NE(FindMmeRow("methadone"), nullptr);
  EXPECT_EQ(FindMmeRow("methadone")->basis, MmeBasis::kMethadoneBands);
  EXPECT_EQ(FindMmeRow("acetaminophen"), nullptr);
  EXPECT_EQ(kMmeEdition, "cdc-2016");

  const std::vector<MethadoneBand>& bands = MethadoneBands();
  ASSERT_FALSE(bands.empty());
  for (size_t i = 1; i < bands.size(); ++i) {
    EXPECT_GT(bands[i].up_to_mg_per_day, bands[i - 1].up_to_mg_per_day) << i;
    EXPECT_GT(bands[i].factor, bands[i - 1].factor) << i;
  }
  EXPECT_TRUE(std::isinf(bands.back().up_to_mg_per_day)) << "the last band is open";
}

TEST(FrequencyTableTest, EveryRowCompilesAndHasAUniqueId) {
  std::set<std::string_view> ids;
  for (const FrequencyRow& row : FrequencyTable()) {
    SCOPED_TRACE(std::string(row.id));
    EXPECT_TRUE(row.id.starts_with("frequency.")) << row.id;
    EXPECT_TRUE(ids.insert(row.id).second) << "duplicate id";
    RE2 pattern(row.pattern, RE2::Quiet);
    ASSERT_TRUE(pattern.ok()) << pattern.error();
    const int groups = pattern.NumberOfCapturingGroups();
    switch (row.reading) {
      case FrequencyReading::kFixed:
        EXPECT_EQ(groups, 0);
        EXPECT_GT(row.doses_per_day, 0);
        break;
      case FrequencyReading::kTimesPer:
      case FrequencyReading::kEveryHours:
        EXPECT_EQ(groups, 2);
        break;
      case FrequencyReading::kEveryDays:
        EXPECT_EQ(groups, 1);
        break;
    }
  }
}

}  // namespace
}  // namespace imr
