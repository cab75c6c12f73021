#include "extract/medication_extractor.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "core/text.h"
#include "extract/keep_longest.h"
#include "extract/pattern.h"

namespace imr {
namespace {

// A medication being read: offsets into the region text and what it says.
struct Candidate {
  size_t begin = 0, end = 0;
  size_t row = 0;
  Attributes value;
};

class Matcher;

// A piece of a medication phrase written after the name, in the order tried.
// The pattern is anchored where the phrase so far ends and may start after
// spaces, a comma or one line break; "{NAMES}" stands for every lexicon name.
// `read` returns false when the words match but belong to something else.
struct TailPart {
  std::string_view pattern;
  bool (*read)(const Match& m, const Matcher& matcher, Candidate* c);
  bool repeats = false;
};

constexpr std::string_view kSeparator = R"([ \t]*(?:,[ \t]*)?(?:\n[ \t]*)?)";
constexpr std::string_view kUnit =
    R"(%|(?:mcg/h(?:r|our)?|mg/ml|mg|mcg|µg|gm|grams?|g|ml|units?)\b)";
constexpr std::string_view kFrequency =
    R"((?:(?:once|twice|three\s+times|four\s+times|[1-4]\s*(?:x|times))\s+(?:a\s+|per\s+|each\s+)?)"
    R"((?:day|daily|week|weekly|night|nightly))"
    R"(|(?:every|q)\s*\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:hours?|hrs?|h))"
    R"(|every\s+(?:day|night|morning|evening|other\s+day)|(?:at\s+)?bedtime|at\s+night)"
    R"(|nightly|daily|weekly|bid|tid|qid|qd|qhs|qam|qpm|hs)\b)"
    R"(|b\.i\.d\.|t\.i\.d\.|q\.i\.d\.|q\.h\.s\.)";
constexpr std::string_view kAsNeeded = R"((?:as\s+needed\b|prn\b|p\.r\.n\.)(?:\s+(?:for\s+)?pain\b)?)";

std::string NormalizeForm(std::string_view written) {
  static const std::map<std::string, std::string, std::less<>> kForms = {
      {"tab", "tablet"},   {"tabs", "tablet"},     {"tablets", "tablet"}, {"cap", "capsule"},
      {"caps", "capsule"}, {"capsules", "capsule"}, {"patches", "patch"}, {"lozenges", "lozenge"},
      {"pills", "pill"},   {"puffs", "puff"},       {"sprays", "spray"}};
  const std::string lower = AsciiLower(written);
  auto it = kForms.find(lower);
  return it == kForms.end() ? lower : it->second;
}

std::string NormalizeUnit(std::string_view written) {
  static const std::map<std::string, std::string, std::less<>> kUnits = {
      {"gm", "g"},           {"gram", "g"},          {"grams", "g"},     {"µg", "mcg"},
      {"mcg/h", "mcg/hr"},   {"mcg/hour", "mcg/hr"}, {"units", "unit"}};
  const std::string lower = AsciiLower(written);
  auto it = kUnits.find(lower);
  return it == kUnits.end() ? lower : it->second;
}

// "orally" and "oral" are both oral: drop an adverb's "ly", then look up.
std::string NormalizeRoute(std::string_view written) {
  static const std::map<std::string, std::string, std::less<>> kRoutes = {
      {"by mouth", "oral"},       {"po", "oral"},          {"p.o.", "oral"},
      {"sl", "sublingual"},       {"im", "intramuscular"}, {"iv", "intravenous"},
      {"sq", "subcutaneous"},     {"sc", "subcutaneous"}};
  std::string lower = AsciiLower(CollapseWhitespace(written));
  if (lower.size() > 4 && lower.ends_with("ly")) lower.resize(lower.size() - 2);
  auto it = kRoutes.find(lower);
  return it == kRoutes.end() ? lower : it->second;
}

std::string_view FirstGroup(const Match& m, std::initializer_list<size_t> groups) {
  for (size_t g : groups) {
    if (m.has(g) && !m.group(g).empty()) return m.group(g);
  }
  return {};
}

bool ReadCombination(const Match& m, const Matcher& matcher, Candidate* c);
bool ReadParenthesized(const Match& m, const Matcher& matcher, Candidate* c);

bool ReadNothing(const Match&, const Matcher&, Candidate*) { return true; }

bool ReadDose(const Match& m, const Matcher&, Candidate* c) {
  c->value["dose"] = CollapseWhitespace(m.group(1));
  if (!c->value.contains("form")) c->value["form"] = NormalizeForm(m.group(2));
  return true;
}

// "10/325" is a strength; "10/12/2016" without a unit is a date.
bool ReadStrength(const Match& m, const Matcher&, Candidate* c) {
  std::string strength = std::string(FirstGroup(m, {1, 3}));
  std::erase_if(strength, [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
  if (!m.has(2) && std::count(strength.begin(), strength.end(), '/') > 1) return false;
  c->value["strength"] = strength;
  if (std::string_view unit = FirstGroup(m, {2, 4}); !unit.empty()) c->value["unit"] = NormalizeUnit(unit);
  return true;
}

// "1 PO": a dose written with its route and no form.
bool ReadDoseAndRoute(const Match& m, const Matcher&, Candidate* c) {
  c->value["dose"] = std::string(m.group(1));
  c->value["route"] = NormalizeRoute(FirstGroup(m, {2, 3}));
  return true;
}

bool ReadForm(const Match& m, const Matcher&, Candidate* c) {
  c->value["form"] = NormalizeForm(m.group(1));
  return true;
}

bool ReadQuantity(const Match& m, const Matcher&, Candidate* c) {
  c->value["quantity"] = std::string(FirstGroup(m, {1, 2, 3, 4}));
  if (m.has(5) && !c->value.contains("form")) c->value["form"] = NormalizeForm(m.group(5));
  return true;
}

bool ReadRoute(const Match& m, const Matcher&, Candidate* c) {
  c->value["route"] = NormalizeRoute(FirstGroup(m, {1, 2}));
  return true;
}

bool ReadFrequency(const Match& m, const Matcher&, Candidate* c) {
  c->value["frequency"] = CollapseWhitespace(m.group(1));
  return true;
}

const std::vector<TailPart>& TailParts() {
  static const std::vector<TailPart> parts = {
      {R"([/-]\s*({NAMES})\b)", ReadCombination, /*repeats=*/true},
      {R"(\(\s*({NAMES})(?:\s*[/-]\s*(?:{NAMES}))*\s*\))", ReadParenthesized},
      {R"((?-i:ER|XR|SR|CR|IR|XL|DR|DS|ES|ODT|HCl|HCL)\b)"
       R"(|(?:extended|immediate|delayed|controlled|sustained)[- ]release\b)"
       R"(|(?:hydrochloride|sodium|potassium|bitartrate|sulfate|tartrate|citrate|succinate|maleate)\b)",
       ReadNothing, /*repeats=*/true},
      {R"((?:(?:take|apply|use)\s+)?((?:one|two|three|four|half|one-half|1/2|[1-4](?:\s*(?:-|to)\s*[1-4])?)"
       R"(|one\s+(?:to|or)\s+two)\s+(tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?|puffs?|sprays?))\b)",
       ReadDose},
      {R"(([1-4]|one|two)\s+(?:(by\s+mouth|orally|po)\b|(p\.o\.)))", ReadDoseAndRoute},
      {R"((\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)+)(?:\s*({UNIT}))?|(\d+(?:\.\d+)?)\s*({UNIT}))", ReadStrength},
      {R"((tablets?|tabs?|capsules?|caps?|patch(?:es)?|cream|gel|ointment|lotion|solution|spray)"
       R"(|suspension|liquid|syrup|injection|film|lozenges?|suppository|drops|powder)\b)",
       ReadForm},
      {R"((?:disp(?:ense)?\.?\s*:?\s*)?#\s*(\d+)|\(\s*#\s*(\d+)\s*\))"
       R"(|(?:quantity|qty\.?)\s*(?:of\s+)?:?\s*#?\s*(\d+))"
       R"(|(\d{2,4})\s+(tabs?|tablets?|capsules?|caps?|patch(?:es)?|pills?)\b)",
       ReadQuantity},
      {R"((by\s+mouth|orally|oral|po|topically|topical|transdermally|transdermal|sublingually|sublingual)"
       R"(|intramuscularly|intramuscular|intravenously|intravenous|subcutaneously|subcutaneous)"
       R"(|(?-i:SL|IM|IV|SQ|SC))\b|(p\.o\.))",
       ReadRoute},
      {R"(((?:{FREQUENCY})(?:\s+{AS_NEEDED})?|{AS_NEEDED}))", ReadFrequency},
  };
  return parts;
}

// A name as a regex: its characters literally, any whitespace run for a space.
std::string NameRegex(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (ch == ' ') {
      out += R"(\s+)";
    } else {
      if (!std::isalnum(static_cast<unsigned char>(ch))) out += '\\';
      out += ch;
    }
  }
  return out;
}

// Every name as one alternation, longest first: at one start the longest name
// wins ("Tylenol #3" over "Tylenol").
std::string NameAlternation() {
  std::vector<std::string_view> names;
  for (const MedicationRow& row : MedicationLexicon()) names.push_back(row.name);
  std::stable_sort(names.begin(), names.end(),
                   [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : "|") + NameRegex(name);
  return out;
}

// The lexicon and the tail parts compiled once.
class Matcher {
 public:
  Matcher() : names_(NameAlternation()), find_names_(R"((?i)\b(?:)" + names_ + R"()\b)") {
    const std::vector<MedicationRow>& rows = MedicationLexicon();
    for (size_t i = 0; i < rows.size(); ++i) row_of_key_.emplace(CompareKey(rows[i].name), i);
    const std::vector<PatternPiece> pieces = {{"FREQUENCY", std::string(kFrequency)},
                                              {"AS_NEEDED", std::string(kAsNeeded)},
                                              {"UNIT", std::string(kUnit)},
                                              {"NAMES", names_}};
    for (const TailPart& part : TailParts()) tail_.emplace_back(CompileTailPart(part.pattern, pieces));
  }

  const Pattern& names() const { return find_names_; }
  const std::vector<Pattern>& tail() const { return tail_; }

  // The lexicon row of a name as written, if it is one.
  std::optional<size_t> RowOf(std::string_view written) const {
    auto it = row_of_key_.find(CompareKey(written));
    if (it == row_of_key_.end()) return std::nullopt;
    return it->second;
  }

 private:
  static Pattern CompileTailPart(std::string_view body, const std::vector<PatternPiece>& pieces) {
    const std::string pattern = ExpandPattern(body, pieces, PieceSyntax::kBraceVerbatim);
    return Pattern("(?i)^" + std::string(kSeparator) + "(?:" + pattern + ")");
  }

  std::string names_;
  Pattern find_names_;
  std::map<std::string, size_t> row_of_key_;
  std::vector<Pattern> tail_;
};

const Matcher& TheMatcher() {
  static const Matcher matcher;
  return matcher;
}

// Generic names combine; a brand already says what it combines.
bool ReadCombination(const Match& m, const Matcher& matcher, Candidate* c) {
  const std::optional<size_t> part = matcher.RowOf(m.group(1));
  const std::vector<MedicationRow>& rows = MedicationLexicon();
  if (!part || rows[c->row].kind == NameKind::kBrand || rows[*part].kind == NameKind::kBrand) return false;
  c->value["generic"] += "/" + std::string(rows[*part].generic);
  return true;
}

// "Norco (hydrocodone/APAP)" or "hydrocodone/APAP (Norco)": the same drug twice.
bool ReadParenthesized(const Match& m, const Matcher& matcher, Candidate* c) {
  const std::optional<size_t> part = matcher.RowOf(m.group(1));
  if (!part) return false;
  const MedicationRow& row = MedicationLexicon()[*part];
  if (row.kind == NameKind::kBrand && !c->value.contains("brand")) c->value["brand"] = row.name;
  return true;
}

// Extends `c` over the parts written after its name, up to `text`'s end.
void ReadTail(const Matcher& matcher, std::string_view text, Candidate* c) {
  const std::vector<TailPart>& parts = TailParts();
  std::vector<bool> used(parts.size(), false);
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < parts.size() && !grew; ++i) {
      if (used[i]) continue;
      const std::optional<Match> m = matcher.tail()[i].Find(text.substr(c->end));
      if (!m || !parts[i].read(*m, matcher, c)) continue;
      c->end = OffsetIn(text, m->group(0)) + m->group(0).size();
      used[i] = !parts[i].repeats;
      grew = true;
    }
  }
}

// A non-opioid written as a cream, gel, ointment, lotion or patch goes on the
// skin, whatever its tablets would be called.
void ApplyTopicalForm(Candidate* c) {
  static const std::vector<std::string_view> kTopicalForms = {"cream", "gel", "ointment", "lotion", "patch"};
  auto form = c->value.find("form");
  if (form == c->value.end() || c->value["drug_class"] == "opioid") return;
  if (std::find(kTopicalForms.begin(), kTopicalForms.end(), form->second) != kTopicalForms.end()) {
    c->value["drug_class"] = "topical";
  }
}

Candidate StartCandidate(size_t row_index, size_t begin, size_t size) {
  const MedicationRow& row = MedicationLexicon()[row_index];
  Candidate c{begin, begin + size, row_index, {}};
  c.value["generic"] = row.generic;
  c.value["drug_class"] = row.drug_class;
  if (row.kind == NameKind::kBrand) c.value["brand"] = row.name;
  return c;
}

}  // namespace

std::vector<Fact> ExtractMedications(const Region& region) {
  const Matcher& matcher = TheMatcher();
  const std::string_view text = region.text.text;
  std::vector<Candidate> candidates;
  for (const Match& m : matcher.names().FindAll(text)) {
    const std::string_view name = m.group(0);
    const std::optional<size_t> row = matcher.RowOf(name);
    if (!row) continue;
    Candidate c = StartCandidate(*row, OffsetIn(text, name), name.size());
    ReadTail(matcher, text.substr(0, region.text.PieceBounds(c.begin).second), &c);
    ApplyTopicalForm(&c);
    candidates.push_back(std::move(c));
  }
  std::vector<Fact> facts;
  for (Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    Fact fact = MakeFact(region, text.substr(c.begin, c.end - c.begin), "medication",
                         "medication.lexicon@" + std::to_string(c.row + 1));
    fact.value = std::move(c.value);
    facts.push_back(std::move(fact));
  }
  return facts;
}

}  // namespace imr
