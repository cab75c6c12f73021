// Helpers for the extractor tests: facts written as one compact line, and a
// section that runs over a page break. Linked by tests only.
//
//   EXPECT_EQ(imr::testing::DescribeFacts(ExtractFindings(RegionOfText("Antalgic gait."))),
//             "finding{'Antalgic gait' finding_type=gait gait=antalgic}");
//
//   const auto [pages, region] = imr::testing::TwoPageRegion(
//       "treatment_plan", {"", "Plan: continue Norco 10/325 mg", ""},
//       {"Page 2\n", "#90 daily.", ""});
//   for (const Fact& f : ExtractMedications(region)) EXPECT_EQ(Slice(pages, f.span), f.text);
#ifndef IMR_EXTRACT_EXTRACT_TESTING_H_
#define IMR_EXTRACT_EXTRACT_TESTING_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/finding_extractor.h"
#include "extract/pattern.h"
#include "extract/region.h"

namespace imr::testing {

// How DescribeFacts writes a fact. The default gives
// "finding{'4+/5' finding_type=motor grade=4+/5}": kind, quoted words, then
// every value in key order.
struct FactFormat {
  std::string_view between = " ";  // between two facts
  bool kind_braces = true;         // "kind{...}" around each fact; false: the bare "'words' key=value"
  std::string_view lead_key = {};  // a value written before the words ("medication{tramadol '...'"), not again after
  std::vector<std::string_view> hidden_keys = {};  // values checked elsewhere
  bool quote_spaced_values = false;                // frequency='twice a day' rather than frequency=twice a day
};

// The facts in order, each as `format` says; "" for none. Throws
// std::out_of_range when a fact lacks format.lead_key.
std::string DescribeFacts(const std::vector<Fact>& facts, const FactFormat& format = {});

// One page's text: the words before the section (a running header), the
// section's words on the page, and the words after it.
struct PageText {
  std::string before;
  std::string section;
  std::string after;
};

// Two pages, and the region of section `section_name` that holds page 1's
// section words and then page 2's, joined as StitchSections joins them.
// `pages` is for Slice(pages, fact.span).
struct TwoPages {
  std::vector<Page> pages;
  Region region;
};
TwoPages TwoPageRegion(const std::string& section_name, const PageText& page1, const PageText& page2);

// The ids of the rows a table that chooses its rows by their words
// (PatternSet::Prefilter::kWords) runs over every text, whatever it says:
// rows left with no word to look for. Says nothing of a table whose rows
// are chosen by kWholeRows, which has no such rows: ask it of kWords
// tables only.
std::vector<std::string> RowsRunOverEveryText(const std::vector<PhraseRule>& rules,
                                              const std::vector<PatternPiece>& pieces);

}  // namespace imr::testing

#endif  // IMR_EXTRACT_EXTRACT_TESTING_H_
