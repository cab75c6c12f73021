#include "extract/extract_testing.h"

#include <algorithm>

#include "extract/stitched_text.h"

namespace imr::testing {
namespace {

std::string DescribeValue(const std::string& value, const FactFormat& format) {
  const bool quote = format.quote_spaced_values && value.find(' ') != std::string::npos;
  return quote ? "'" + value + "'" : value;
}

std::string DescribeFact(const Fact& fact, const FactFormat& format) {
  std::string out;
  if (!format.lead_key.empty()) {
    auto lead = fact.value.find(std::string(format.lead_key));
    out += (lead == fact.value.end() ? std::string("<none>") : lead->second) + " ";
  }
  out += "'" + fact.text + "'";
  const auto& hidden = format.hidden_keys;
  for (const auto& [key, value] : fact.value) {
    if (key == format.lead_key || std::find(hidden.begin(), hidden.end(), key) != hidden.end()) continue;
    out += " " + key + "=" + DescribeValue(value, format);
  }
  return format.kind_braces ? fact.kind + "{" + out + "}" : out;
}

}  // namespace

std::string DescribeFacts(const std::vector<Fact>& facts, const FactFormat& format) {
  std::string out;
  for (const Fact& fact : facts) {
    if (!out.empty()) out += format.between;
    out += DescribeFact(fact, format);
  }
  return out;
}

TwoPages TwoPageRegion(const std::string& section_name, const PageText& page1, const PageText& page2) {
  Document doc;
  int page_number = 1;
  for (const PageText* page : {&page1, &page2}) {
    doc.pages.push_back(Page{page_number, page->before + page->section + page->after, {}, {}, false});
    doc.sections.push_back(
        {section_name, page_number, page->before.size(), page->before.size() + page->section.size()});
    ++page_number;
  }
  Region region{.section = section_name, .text = StitchSections(doc, section_name), .doc_type = ""};
  return {std::move(doc.pages), std::move(region)};
}

std::vector<std::string> RowsRunOverEveryText(const std::vector<PhraseRule>& rules,
                                              const std::vector<PatternPiece>& pieces) {
  PatternSet set(PatternSet::Prefilter::kWords);
  for (const PhraseRule& rule : rules) set.Add(ExpandPattern(rule.pattern, pieces));
  set.Compile();
  // A text without a single word: only rows that need none are candidates.
  std::vector<std::string> ids;
  for (int row : set.Candidates("")) ids.push_back(rules[static_cast<size_t>(row)].id);
  return ids;
}

}  // namespace imr::testing
