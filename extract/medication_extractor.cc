#include "extract/medication_extractor.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "core/drug_table.h"
#include "core/text.h"
#include "extract/keep_longest.h"
#include "extract/pattern.h"

namespace imr {
namespace {

// A medication being read: offsets into the region text and what it says.
struct Candidate {
  size_t begin = 0, end = 0;
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
    R"(|(?:one|two|three|four|[1-4])\s+(?:a|per)\s+day)"
    R"(|(?:every|q)\s*\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:hours?|hrs?|h))"
    R"(|every\s+(?:day|night|morning|evening|other\s+day)|(?:at\s+)?bedtime|at\s+night|in\s+the\s+(?:morning|evening))"
    R"(|nightly|daily|weekly|bid|tid|qid|qd|qod|qhs|qam|qpm|hs)\b)"
    R"(|q\.\s?\d+\s?h\.?|q\.\s?d\.?|q\.\s?o\.\s?d\.?|b\.\s?i\.\s?d\.?|t\.\s?i\.\s?d\.?|q\.\s?i\.\s?d\.?|q\.\s?h\.\s?s\.?|h\.\s?s\.)";
constexpr std::string_view kAsNeeded = R"((?:as\s+needed\b|prn\b|p\.\s?r\.\s?n\.?)(?:\s+(?:for\s+)?pain\b)?)";

std::string NormalizeForm(std::string_view written) {
  static const std::map<std::string, std::string, std::less<>> kForms = {
      {"tab", "tablet"},   {"tabs", "tablet"},     {"tablets", "tablet"}, {"cap", "capsule"},
      {"caps", "capsule"}, {"capsules", "capsule"}, {"patches", "patch"}, {"lozenges", "lozenge"},
      {"pills", "pill"},   {"puffs", "puff"},       {"sprays", "spray"}, {"inhalers", "inhaler"}};
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

// "dispensed 20, sig." between a prescription's strength and its directions.
bool ReadDispensed(const Match& m, const Matcher&, Candidate* c) {
  if (m.has(1) && !m.group(1).empty()) c->value["quantity"] = std::string(m.group(1));
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
      {R"((?-i:ER|XR|SR|CR|IR|XL|DR|DS|ES|ODT|HCl|HCL)\b)"
       R"(|(?:extended|immediate|delayed|controlled|sustained)[- ]release\b)"
       R"(|(?:hydrochloride|sodium|potassium|bitartrate|sulfate|tartrate|citrate|succinate|maleate)\b)",
       ReadNothing, /*repeats=*/true},
      {R"((?:(?:take|apply|use)\s+)?((?:one|two|three|four|half|one-half|1/2|[1-4](?:\s*(?:-|to)\s*[1-4])?)"
       R"(|one\s+(?:to|or)\s+two)\s+(tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?|puffs?|sprays?))\b)",
       ReadDose},
      {R"(([1-4]|one|two)\s+(?:(by\s+mouth|orally|po)\b|(p\.\s?o\.?)))", ReadDoseAndRoute},
      {R"((\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)+)(?:\s*({UNIT}))?|(\d+(?:\.\d+)?)\s*({UNIT}))", ReadStrength},
      {R"((?:dispensed|disp\.?)\s*:?\s*#?\s*(\d+)(?:\s*,?\s*sig\.?:?)?|sig\.?:?)", ReadDispensed},
      {R"((tablets?|tabs?|capsules?|caps?|patch(?:es)?|cream|gel|ointment|lotion|solution|spray|puffs?|inhalers?|elixir)"
       R"(|suspension|liquid|syrup|injection|film|lozenges?|suppository|drops|powder)\b)",
       ReadForm},
      {R"((?:disp(?:ense)?\.?\s*:?\s*)?#\s*(\d+)|\(\s*#\s*(\d+)\s*\))"
       R"(|(?:quantity|qty\.?)\s*(?:of\s+)?:?\s*#?\s*(\d+))"
       R"(|(\d{2,4})\s+(tabs?|tablets?|capsules?|caps?|patch(?:es)?|pills?)\b)",
       ReadQuantity},
      {R"((by\s+mouth|orally|oral|po|topically|topical|transdermally|transdermal|sublingually|sublingual)"
       R"(|intramuscularly|intramuscular|intravenously|intravenous|subcutaneously|subcutaneous)"
       R"(|(?-i:SL|IM|IV|SQ|SC))\b|(p\.\s?o\.?))",
       ReadRoute},
      {R"(((?:{FREQUENCY})(?:\s+{AS_NEEDED})?|{AS_NEEDED}))", ReadFrequency},
  };
  return parts;
}

// The tail parts compiled once.
class Matcher {
 public:
  Matcher() {
    const std::vector<PatternPiece> pieces = {{"FREQUENCY", std::string(kFrequency)},
                                              {"AS_NEEDED", std::string(kAsNeeded)},
                                              {"UNIT", std::string(kUnit)}};
    for (const TailPart& part : TailParts()) tail_.emplace_back(CompileTailPart(part.pattern, pieces));
  }

  const std::vector<Pattern>& tail() const { return tail_; }

 private:
  static Pattern CompileTailPart(std::string_view body, const std::vector<PatternPiece>& pieces) {
    const std::string pattern = ExpandPattern(body, pieces, PieceSyntax::kBraceVerbatim);
    return Pattern("(?i)^" + std::string(kSeparator) + "(?:" + pattern + ")");
  }

  std::vector<Pattern> tail_;
};

const Matcher& TheMatcher() {
  static const Matcher matcher;
  return matcher;
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

Candidate StartCandidate(const DrugMention& m) {
  Candidate c{m.begin, m.end, {}};
  if (!m.row->generic.empty()) c.value["generic"] = m.row->generic;
  c.value["drug_class"] = std::string(m.row->drug_class);
  if (m.row->class_only()) c.value["mention"] = "class";
  if (m.name->brand) c.value["brand"] = std::string(m.name->name);
  return c;
}

bool IsGenericName(const DrugMention& m) { return !m.name->brand && !m.row->class_only(); }

// Generic names joined by "/" or "-" are one combination ("hydrocodone/APAP");
// a name in parentheses right after is the same drug named again ("Norco
// (hydrocodone/APAP)"). Returns how many mentions after `i` were taken in.
size_t ReadNamesAfter(std::string_view text, const std::vector<DrugMention>& names, size_t i, Candidate* c) {
  static const Pattern joined(R"(^\s*[/-]\s*$)");
  static const Pattern opens(R"(^\s*\(\s*$)");
  static const Pattern closes(R"(^\s*\))");
  size_t used = 0;
  // `text` ends with the candidate's page; a name on the next one is not read
  // with it (and lies past the end of `text`).
  const auto on_the_page = [&](size_t k) { return names[k].end <= text.size(); };
  for (size_t k = i + 1; k < names.size() && on_the_page(k); ++k) {
    const std::string_view between = text.substr(c->end, names[k].begin - std::min(names[k].begin, c->end));
    if (names[k].begin < c->end) break;
    if (joined.FullMatch(between) && IsGenericName(names[k - 1]) && IsGenericName(names[k]) &&
        c->value.count("generic") && !c->value.count("brand")) {
      c->value["generic"] += "/" + names[k].row->generic;
      c->end = names[k].end;
      ++used;
      continue;
    }
    if (opens.FullMatch(between)) {
      // The parenthesis holds names only, and closes.
      size_t last = k;
      while (last + 1 < names.size() && on_the_page(last + 1) &&
             joined.FullMatch(text.substr(names[last].end, names[last + 1].begin - names[last].end))) {
        ++last;
      }
      const std::optional<Match> close = closes.Find(text.substr(names[last].end));
      if (!close) break;
      if (names[k].name->brand && !c->value.count("brand")) c->value["brand"] = std::string(names[k].name->name);
      c->end = names[last].end + close->group(0).size();
      used += last - k + 1;
      k = last;
      continue;
    }
    break;
  }
  return used;
}

// "30 mg of Toradol", "0.25% Marcaine", "80 mg Depo-Medrol": the amount
// written before the name belongs to it.
void ReadAmountBefore(std::string_view text, size_t floor, Candidate* c) {
  static const Pattern amount(
      R"((?i)(?:^|[^\w.])((?:\d+(?:\.\d+)?\s*(?:ml|cc|mg)\s+of\s+)?(\d+(?:\.\d+)?)\s*(%|mg|mcg|ml|cc|g|grams?|units?|meq)\.?)"
      R"((?:\s+of)?(?:\s+(?:IV|intravenous|oral|topical|plain|preservative-free))?\s+)$)");
  static const Pattern route(R"((?:^|[^\w.])((?-i:IV|IM)|(?i:intravenous|oral|topical|local))\s+$)");
  if (c->begin <= floor) return;
  const std::optional<Match> m = amount.Find(text.substr(floor, c->begin - floor));
  if (!m) {
    if (const std::optional<Match> r = route.Find(text.substr(floor, c->begin - floor))) {
      c->begin = OffsetIn(text, r->group(1));
    }
    return;
  }
  c->begin = OffsetIn(text, m->group(1));
  if (!c->value.count("strength")) {
    c->value["strength"] = std::string(m->group(2));
    c->value["unit"] = NormalizeUnit(m->group(3));
  }
}

}  // namespace

std::vector<Fact> ExtractMedications(const Region& region) {
  // An allergy list names what the patient must not be given (ExtractAllergies);
  // a social history's drugs are the patient's habits.
  if (region.section == "allergies" || region.section == "social_history") return {};
  const Matcher& matcher = TheMatcher();
  const std::string_view text = region.text.text;
  const std::vector<DrugMention> names = FindDrugNames(text, region.Words().words);
  std::vector<Candidate> candidates;
  static const Pattern names_a_procedure(R"((?i)^[\s-]*(?:injections?|shots?|blocks?)\b)");
  for (size_t i = 0; i < names.size(); ++i) {
    // "steroid injection", "antibiotic beads": a class of drugs naming a procedure or device.
    if (names[i].row->class_only() && names_a_procedure.Find(text.substr(names[i].end))) continue;
    Candidate c = StartCandidate(names[i]);
    i += ReadNamesAfter(text.substr(0, region.text.PieceBounds(c.begin, c.end).second), names, i, &c);
    ReadTail(matcher, text.substr(0, region.text.PieceBounds(c.begin, c.end).second), &c);
    ReadAmountBefore(text, region.text.PieceBounds(c.begin).first, &c);
    ApplyTopicalForm(&c);
    candidates.push_back(std::move(c));
  }
  std::vector<Fact> facts;
  for (Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    Fact fact = MakeFact(region, text.substr(c.begin, c.end - c.begin), "medication", "medication.drug_table@1");
    fact.value = std::move(c.value);
    facts.push_back(std::move(fact));
  }
  return facts;
}

}  // namespace imr
