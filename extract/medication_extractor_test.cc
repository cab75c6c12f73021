#include "extract/medication_extractor.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/drug_table.h"
#include "core/text.h"
#include "extract/extract_testing.h"
#include "extract/pattern.h"

namespace imr {
namespace {

// "medication{<generic> '<text>' key=value ...}" per fact, keys in map order;
// values with spaces are quoted.
std::string Describe(const std::vector<Fact>& facts) {
  return testing::DescribeFacts(facts, {.between = "; ", .lead_key = "generic", .quote_spaced_values = true});
}

struct Row {
  std::string text;
  std::string expected;
};

TEST(ExtractMedicationsTest, Table) {
  const Row rows[] = {
      // Name through strength, form, dose, route, frequency and quantity.
      {"Continue Norco 10/325 mg #90 for pain.",
       "medication{hydrocodone/acetaminophen 'Norco 10/325 mg #90' brand=Norco drug_class=opioid quantity=90 "
       "strength=10/325 unit=mg}"},
      {"Request: tramadol ER 150 mg daily.",
       "medication{tramadol 'tramadol ER 150 mg daily' drug_class=opioid frequency=daily strength=150 unit=mg}"},
      {"She applies Lidoderm 5% patches to the back.",
       "medication{lidocaine 'Lidoderm 5% patches' brand=Lidoderm drug_class=topical form=patch strength=5 unit=%}"},
      {"Flexeril 7.5mg #60 one tab twice a day was requested.",
       "medication{cyclobenzaprine 'Flexeril 7.5mg #60 one tab twice a day' brand=Flexeril dose='one tab' "
       "drug_class=muscle_relaxant form=tablet frequency='twice a day' quantity=60 strength=7.5 unit=mg}"},
      {"Naproxen 550mg #60", "medication{naproxen 'Naproxen 550mg #60' drug_class=nsaid quantity=60 strength=550 unit=mg}"},
      {"Gabapentin 600 mg three times a day",
       "medication{gabapentin 'Gabapentin 600 mg three times a day' drug_class=anticonvulsant "
       "frequency='three times a day' strength=600 unit=mg}"},
      {"LYRICA 75 MG BID", "medication{pregabalin 'LYRICA 75 MG BID' brand=Lyrica drug_class=anticonvulsant frequency=BID "
                           "strength=75 unit=mg}"},
      {"Prilosec 20 mg daily, quantity 30.",
       "medication{omeprazole 'Prilosec 20 mg daily, quantity 30' brand=Prilosec drug_class=ppi frequency=daily "
       "quantity=30 strength=20 unit=mg}"},
      {"omeprazole DR 20mg capsules",
       "medication{omeprazole 'omeprazole DR 20mg capsules' drug_class=ppi form=capsule strength=20 unit=mg}"},
      {"Cymbalta 60 mg capsule by mouth daily",
       "medication{duloxetine 'Cymbalta 60 mg capsule by mouth daily' brand=Cymbalta drug_class=antidepressant "
       "form=capsule frequency=daily route=oral strength=60 unit=mg}"},
      {"Ambien 10 mg nightly as needed.",
       "medication{zolpidem 'Ambien 10 mg nightly as needed' brand=Ambien drug_class=sleep_aid "
       "frequency='nightly as needed' strength=10 unit=mg}"},
      {"MS Contin 15 mg every 12 hours",
       "medication{morphine 'MS Contin 15 mg every 12 hours' brand='MS Contin' drug_class=opioid "
       "frequency='every 12 hours' strength=15 unit=mg}"},
      {"Celebrex 200mg, #30, 1 cap daily",
       "medication{celecoxib 'Celebrex 200mg, #30, 1 cap daily' brand=Celebrex dose='1 cap' drug_class=nsaid "
       "form=capsule frequency=daily quantity=30 strength=200 unit=mg}"},
      {"Motrin 800 mg 90 tablets",
       "medication{ibuprofen 'Motrin 800 mg 90 tablets' brand=Motrin drug_class=nsaid form=tablet quantity=90 "
       "strength=800 unit=mg}"},
      {"Mobic 15 mg (#30)", "medication{meloxicam 'Mobic 15 mg (#30)' brand=Mobic drug_class=nsaid quantity=30 "
                            "strength=15 unit=mg}"},
      {"Tizanidine 4mg q8h", "medication{tizanidine 'Tizanidine 4mg q8h' drug_class=muscle_relaxant frequency=q8h "
                             "strength=4 unit=mg}"},
      {"Viagra 100 mg", "medication{sildenafil 'Viagra 100 mg' brand=Viagra drug_class=other strength=100 unit=mg}"},
      {"Theramine #120", "medication{theramine 'Theramine #120' brand=Theramine drug_class=medical_food quantity=120}"},
      {"Butrans 10 mcg/hr transdermal patch weekly",
       "medication{buprenorphine 'Butrans 10 mcg/hr transdermal patch weekly' brand=Butrans drug_class=opioid "
       "form=patch frequency=weekly route=transdermal strength=10 unit=mcg/hr}"},
      // Combinations, parentheses, and the topical form.
      {"Prescribed hydrocodone/APAP 10/325 mg, 1 tab po q6h prn pain, #120.",
       "medication{hydrocodone/acetaminophen 'hydrocodone/APAP 10/325 mg, 1 tab po q6h prn pain, #120' dose='1 tab' "
       "drug_class=opioid form=tablet frequency='q6h prn pain' quantity=120 route=oral strength=10/325 unit=mg}"},
      {"Norco (hydrocodone/APAP) 10/325",
       "medication{hydrocodone/acetaminophen 'Norco (hydrocodone/APAP) 10/325' brand=Norco drug_class=opioid "
       "strength=10/325}"},
      {"hydrocodone-acetaminophen (Norco) 5/325 mg",
       "medication{hydrocodone/acetaminophen 'hydrocodone-acetaminophen (Norco) 5/325 mg' brand=Norco "
       "drug_class=opioid strength=5/325 unit=mg}"},
      {"Norco/Soma were denied.",
       "medication{hydrocodone/acetaminophen 'Norco' brand=Norco drug_class=opioid}; "
       "medication{carisoprodol 'Soma' brand=Soma drug_class=muscle_relaxant}"},
      {"Voltaren 1% gel four times a day",
       "medication{diclofenac 'Voltaren 1% gel four times a day' brand=Voltaren drug_class=topical form=gel "
       "frequency='four times a day' strength=1 unit=%}"},
      {"flurbiprofen/cyclobenzaprine/lidocaine cream 180 g",
       "medication{flurbiprofen/cyclobenzaprine/lidocaine 'flurbiprofen/cyclobenzaprine/lidocaine cream 180 g' "
       "drug_class=topical form=cream strength=180 unit=g}"},
      {"ketoprofen 20% cream", "medication{ketoprofen 'ketoprofen 20% cream' drug_class=topical form=cream "
                               "strength=20 unit=%}"},
      {"Terocin lotion", "medication{methyl salicylate/capsaicin/menthol/lidocaine 'Terocin lotion' brand=Terocin "
                         "drug_class=topical form=lotion}"},
      {"Tylenol #3 one tablet at bedtime",
       "medication{acetaminophen/codeine 'Tylenol #3 one tablet at bedtime' brand='Tylenol #3' dose='one tablet' "
       "drug_class=opioid form=tablet frequency='at bedtime'}"},
      {"Tylenol 500 mg", "medication{acetaminophen 'Tylenol 500 mg' brand=Tylenol drug_class=other strength=500 unit=mg}"},
      // Lists, line breaks, and where a phrase stops.
      {"Medications: Norco, Soma, and Prilosec.",
       "medication{hydrocodone/acetaminophen 'Norco' brand=Norco drug_class=opioid}; "
       "medication{carisoprodol 'Soma' brand=Soma drug_class=muscle_relaxant}; "
       "medication{omeprazole 'Prilosec' brand=Prilosec drug_class=ppi}"},
      {"Norco 10/325\nmg #90", "medication{hydrocodone/acetaminophen 'Norco 10/325\nmg #90' brand=Norco "
                               "drug_class=opioid quantity=90 strength=10/325 unit=mg}"},
      {"Off Norco. Daily walks help.", "medication{hydrocodone/acetaminophen 'Norco' brand=Norco drug_class=opioid}"},
      {"Omeprazole 20 mg 1 PO BID #60.",
       "medication{omeprazole 'Omeprazole 20 mg 1 PO BID #60' dose=1 drug_class=ppi frequency=BID quantity=60 "
       "route=oral strength=20 unit=mg}"},
      {"Tramadol HCl ER 100mg daily",
       "medication{tramadol 'Tramadol HCl ER 100mg daily' drug_class=opioid frequency=daily strength=100 unit=mg}"},
      {"Tylenol with codeine #3", "medication{acetaminophen/codeine 'Tylenol with codeine #3' "
                                  "brand='Tylenol with codeine #3' drug_class=opioid}"},
      {"Norco 10/12/2016 was filled.",  // a date is not a strength
       "medication{hydrocodone/acetaminophen 'Norco' brand=Norco drug_class=opioid}"},
      {"Soma was visited in 2010.", "medication{carisoprodol 'Soma' brand=Soma drug_class=muscle_relaxant}"},
      // Near-misses.
      {"Norcoast Medical Group", ""},
      {"Advillage pharmacy", ""},
      {"His lyrical speech", ""},
      {"The wrist was immobicized.", ""},
      {"Apply a heat patch to the back.", ""},
      {"10/325 mg #90 twice a day", ""},
      {"Ambient noise disturbs sleep.", ""},
      {"An Ultramarathon runner", ""},
      {"Use gel on the knee daily.", ""},
      {"Somatic dysfunction", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(Describe(ExtractMedications(RegionOfText(row.text))), row.expected);
  }
}

TEST(ExtractMedicationsTest, RuleIsTheDrugTableAndTheValueNamesTheDrug) {
  const std::vector<Fact> facts = ExtractMedications(RegionOfText("Norco and Lyrica"));
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].rule, "medication.drug_table@1");
  EXPECT_EQ(facts[0].value.at("brand"), "Norco");
  EXPECT_EQ(facts[0].kind, "medication");
  EXPECT_EQ(facts[0].span, (Span{1, 0, 5}));
}

// Every curated name fires alone and names its row's drug; the classes are
// the request taxonomy's.
TEST(DrugTableTest, EveryCuratedNameFiresAndNamesItsDrug) {
  const std::set<std::string> classes = {"opioid",    "nsaid",     "muscle_relaxant", "topical",      "anticonvulsant",
                                         "antidepressant", "sleep_aid", "benzodiazepine",  "ppi", "medical_food", "other"};
  size_t names = 0;
  for (const DrugRow& row : DrugRows()) {
    if (!row.curated) continue;
    if (row.not_a_drug) {
      for (const DrugName& name : row.names) {
        EXPECT_EQ(Describe(ExtractMedications(RegionOfText("Her " + std::string(name.name) + " was 97%."))), "");
      }
      continue;
    }
    EXPECT_TRUE(classes.contains(std::string(row.drug_class))) << row.generic << " " << row.drug_class;
    for (const DrugName& name : row.names) {
      if (name.from_fda) continue;
      ++names;
      const std::string text = "Takes " + std::string(name.name) + " today.";
      SCOPED_TRACE(text);
      const std::vector<Fact> facts = ExtractMedications(RegionOfText(text));
      ASSERT_EQ(facts.size(), 1u);
      EXPECT_EQ(facts[0].text, name.name);
      const auto value = [&](const char* key) {
        auto it = facts[0].value.find(key);
        return it == facts[0].value.end() ? std::string("<none>") : it->second;
      };
      EXPECT_EQ(value("drug_class"), row.drug_class);
      if (row.class_only()) {
        EXPECT_EQ(value("mention"), "class");
      } else {
        EXPECT_EQ(value("generic"), row.generic);
        EXPECT_EQ(facts[0].value.contains("brand"), name.brand);
      }
    }
  }
  EXPECT_GE(names, 500u);
}

TEST(ExtractMedicationsTest, VocabularyBeyondTheCuratedTable) {
  const Row rows[] = {
      // Drugs@FDA brands and generics the curated table lacks.
      {"Zyrtec 10 mg daily", "medication{cetirizine 'Zyrtec 10 mg daily' brand=Zyrtec drug_class=other frequency=daily "
                             "strength=10 unit=mg}"},
      {"Coreg 6.25 mg b.i.d.",
       "medication{carvedilol 'Coreg 6.25 mg b.i.d.' brand=coreg drug_class=other frequency=b.i.d. strength=6.25 unit=mg}"},
      {"azithromycin 1000 mg", "medication{azithromycin 'azithromycin 1000 mg' drug_class=other strength=1000 unit=mg}"},
      // An amount written before the name, and a route.
      {"given 30 mg of Toradol IV",
       "medication{ketorolac '30 mg of Toradol IV' brand=Toradol drug_class=nsaid route=intravenous strength=30 unit=mg}"},
      {"IV Cipro 400 mg", "medication{ciprofloxacin 'IV Cipro 400 mg' brand=cipro drug_class=other strength=400 unit=mg}"},
      // Classes of drugs, and not when they name a procedure.
      {"He was started on antibiotics.", "medication{<none> 'antibiotics' drug_class=other mention=class}"},
      {"He refuses narcotics.", "medication{<none> 'narcotics' drug_class=opioid mention=class}"},
      {"A steroid injection was given.", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(Describe(ExtractMedications(RegionOfText(row.text))), row.expected);
  }
}

// An allergy list and a social history name no medication.
TEST(ExtractMedicationsTest, AllergiesAndHabitsAreNotMedications) {
  EXPECT_EQ(Describe(ExtractMedications(RegionOfText("Penicillin and codeine.", "allergies"))), "");
  EXPECT_EQ(Describe(ExtractMedications(RegionOfText("Drinks alcohol; used cocaine in 1990.", "social_history"))), "");
  EXPECT_EQ(Describe(ExtractMedications(RegionOfText("He drinks alcohol daily."))), "");
}

// Page 1 ends mid-prescription; page 2 opens with a running header the
// section leaves out. Facts quote their own page only.
TEST(ExtractMedicationsTest, SpansQuoteTheirPageAcrossAPageBreak) {
  const auto [pages, region] = testing::TwoPageRegion("treatment_plan", {"", "Plan: continue Norco 10/325 mg", ""},
                                                      {"Page 2\n", "#90 daily. Start Lyrica 75 mg bid.", ""});
  const std::vector<Fact> facts = ExtractMedications(region);
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].text, "Norco 10/325 mg");  // "#90" is on the next page
  EXPECT_EQ(facts[0].span.page_number, 1);
  EXPECT_EQ(facts[1].text, "Lyrica 75 mg bid");
  EXPECT_EQ(facts[1].span, (Span{2, 24, 40}));
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
    EXPECT_EQ(fact.section, "treatment_plan");
  }
}

TEST(ExtractMedicationsTest, EmptyTextGivesNothing) {
  EXPECT_TRUE(ExtractMedications(RegionOfText("")).empty());
  EXPECT_TRUE(ExtractMedications(Region{}).empty());
}

// A brand whose generic names run on over the page break: the names on the
// next page are read on their own, never joined past the end of the first
// page (which once threw out_of_range and lost the region's medications).
TEST(ExtractMedicationsTest, NamesJoinedOverThePageBreakAreReadNotThrown) {
  const auto [pages, region] = testing::TwoPageRegion("current_medications", {"", "Norco (hydrocodone/", ""},
                                                      {"Page 2\n", "acetaminophen) 10/325 mg daily.", ""});
  std::vector<Fact> facts;
  ASSERT_NO_THROW(facts = ExtractMedications(region));
  ASSERT_GE(facts.size(), 2u);
  EXPECT_EQ(facts.front().span.page_number, 1);
  EXPECT_EQ(facts.back().span.page_number, 2);
  for (const Fact& fact : facts) {
    SCOPED_TRACE(fact.text);
    EXPECT_EQ(Slice(pages, fact.span), fact.text);
  }
}

}  // namespace
}  // namespace imr
