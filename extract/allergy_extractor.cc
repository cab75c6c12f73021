#include "extract/allergy_extractor.h"

#include "core/drug_table.h"
#include "core/text.h"
#include "extract/keep_longest.h"
#include "extract/pattern.h"

namespace imr {
namespace {

struct Candidate {
  size_t begin = 0, end = 0;
  std::string substance;
};

// Allergens that are not drugs of the table.
const Pattern& OtherAllergens() {
  static const Pattern p(
      R"((?i)\b(sulfa(?:\s+drugs?)?|sulfonamides?|latex|iodine|iodinated\s+contrast|contrast(?:\s+dye)?|)"
      R"(shellfish|seafood|peanuts?|tree\s+nuts?|nuts|eggs?|milk|soy|wheat|gluten|bee\s+stings?|)"
      R"(adhesive\s+tape|adhesives?|tape|lactose|pollen|dust|mold|cats?|dogs?)\b)");
  return p;
}

void AddSubstances(std::string_view text, size_t from, size_t to, std::vector<Candidate>* out) {
  const std::string_view part = text.substr(from, to - from);
  for (const DrugMention& m : FindDrugNames(part)) {
    const std::string name = m.row->class_only() ? AsciiLower(m.name->name) : m.row->generic;
    out->push_back({from + m.begin, from + m.end, name});
  }
  for (const Match& m : OtherAllergens().FindAll(part)) {
    const size_t at = from + OffsetIn(part, m.group(1));
    out->push_back({at, at + m.group(1).size(), AsciiLower(CollapseWhitespace(m.group(1)))});
  }
}

}  // namespace

std::vector<Fact> ExtractAllergies(const Region& region) {
  const std::string_view text = region.text.text;
  std::vector<Candidate> candidates;
  if (region.section == "allergies") {
    AddSubstances(text, 0, text.size(), &candidates);
  } else {
    // "allergic to penicillin and codeine", "a sulfa allergy": to the end of the phrase.
    static const Pattern allergic(R"((?i)\ballerg(?:ic|y|ies)\s+to\s+([^.;\n]{1,80}))");
    static const Pattern before(R"((?i)\b([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+allerg(?:y|ies)\b)");
    for (const Match& m : allergic.FindAll(text)) {
      const size_t at = OffsetIn(text, m.group(1));
      AddSubstances(text, at, at + m.group(1).size(), &candidates);
    }
    for (const Match& m : before.FindAll(text)) {
      const size_t at = OffsetIn(text, m.group(1));
      AddSubstances(text, at, at + m.group(1).size(), &candidates);
    }
  }
  std::vector<Fact> facts;
  for (Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    Fact f = MakeFact(region, text.substr(c.begin, c.end - c.begin), "allergy", "allergy.substance@1");
    f.value["substance"] = std::move(c.substance);
    facts.push_back(std::move(f));
  }
  return facts;
}

}  // namespace imr
