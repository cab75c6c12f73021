#include "extract/procedure_extractor.h"

#include <tuple>

#include "core/anatomy.h"
#include "extract/procedure_vocabulary.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "core/text.h"
#include "extract/keep_longest.h"
#include "extract/pattern.h"

namespace imr {
namespace {

// Pieces the patterns below are written with; Expand fills them in.
constexpr std::string_view kNumber =
    R"((?:\d{1,3}|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen)"
    R"(|twenty|twenty-four)\b))";
constexpr std::string_view kSide = R"((?:right|left|bilateral))";
constexpr std::string_view kLevel = R"((?-i:[CTL][1-9]\d?(?:\s*-\s*(?:[CTLS][1-9]\d?|[1-9]\d?))?|S1))";
constexpr std::string_view kLevels = R"({LEVEL}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|/\s*){LEVEL})*)";
// "2x6", "2x/week x 6 weeks", "three times a week for two weeks": groups are
// times a week (digits or word, or once/twice/thrice) and weeks.
constexpr std::string_view kSchedule =
    R"(\b(?:({NUM})\s*(?:x|times)|(once|twice|thrice))\s*(?:(?:/\s*|(?:a|per|each)\s+)(?:wk|week)s?\s*(?:x|for)?\s*)?)"
    R"(({NUM})(?:\s*(?:weeks?|wks?)\b)?)";
constexpr std::string_view kSessions = R"((?:sessions?|visits?|treatments?))";

// Words written after the core phrase that belong to it, tried in order,
// each at most once; anchored where the phrase so far ends.
constexpr std::string_view kAfterParts[] = {
    R"(\s*\(\s*(?-i:[A-Z][A-Z/-]{1,7}s?)\s*\))",  // "physical therapy (PT)"
    R"((?:\s*,)?\s+(?:(?:of|to|for|on|in|at|involving)\s+)?(?:(?:the|his|her|both)\s+)?)"
    R"((?:{SIDE}(?:[- ]sided)?\s+)?(?:{SITES})\b)",
    R"((?:\s*,)?\s+(?:bilaterally|on\s+the\s+(?:right|left)(?:\s+side)?)\b)",
    R"((?:\s*,)?\s+(?:(?:at|of|on|for)\s+(?:the\s+)?)?(?:{SIDE}\s+)?{LEVELS}(?:\s+levels?)?)",
    R"((?:\s*,)?\s+(?:with\s+and\s+without|with\s*/\s*without|w/\s*wo|w/o|w/|without|with)\s+)"
    R"((?:IV\s+)?(?:contrast|gadolinium|dye)\b)",
    R"((?:\s*,)?\s+(?:at\s+|for\s+)?{SCHEDULE})",
    R"((?:\s*,)?\s+(?:x\s*{NUM}(?:\s+{SESSIONS})?|(?:for\s+)?(?:an?\s+)?(?:additional\s+)?{NUM}(?:\s*\(\d+\))?\s+)"
    R"((?:additional\s+|more\s+)?{SESSIONS}\b))",
    R"(\s*\(\s*{NUM}\s+{SESSIONS}\s*\))",
    R"(\s+{SESSIONS}\b)",  // "6 acupuncture sessions": the 6 comes before
};

// Words written before the core phrase, tried in order, each at most once;
// anchored where the phrase so far begins.
constexpr std::string_view kBeforeParts[] = {
    R"(\b(?:an?\s+)?(?:additional\s+)?{NUM}(?:\s*\(\d+\))?\s+(?:additional\s+|more\s+|further\s+)?{SESSIONS}\s+of\s+)"
    R"((?:(?:additional|continued|outpatient|formal|further|supervised|post-?operative)\s+)?)",
    R"(\b(?:{SIDE}\s+)?(?:{SITES})\s+)",
    R"(\b(?:{SIDE}\s+)?{LEVELS}\s+(?:levels?\s+)?)",
    R"(\b{SIDE}(?:[- ]sided)?\s+)",
};
// A bare number before, only when a sessions word follows the core phrase.
constexpr std::string_view kBareCountBefore = R"(\b{NUM}(?:\s*\(\d+\))?\s+(?:additional\s+|more\s+)?)";

std::string Expand(std::string_view pattern) {
  static const std::vector<PatternPiece> pieces = {
      {"SCHEDULE", std::string(kSchedule)}, {"LEVELS", std::string(kLevels)},
      {"LEVEL", std::string(kLevel)},       {"NUM", std::string(kNumber)},
      {"SIDE", std::string(kSide)},         {"SESSIONS", std::string(kSessions)},
      {"SITES", MusculoskeletalSiteAlternation()}};
  return ExpandPattern(pattern, pieces, PieceSyntax::kBraceVerbatim);
}

Pattern Anchored(std::string_view body, bool at_start) {
  const std::string expanded = "(?:" + Expand(body) + ")";
  return Pattern(at_start ? "(?i)^" + expanded : "(?i)" + expanded + "$");
}

// Every pattern compiled once.
struct Tables {
  PatternSet cores{PatternSet::Prefilter::kWholeRows};
  std::vector<Pattern> after, before;
  std::vector<std::optional<Pattern>> rejects;
  Pattern bare_count_before{Anchored(kBareCountBefore, false)};
  Pattern side{R"((?i)\b(right|left|bilateral)(?:ly)?\b)"};
  Pattern level{Expand(R"(\b({LEVELS})\b)")};
  Pattern contrast{
      R"((?i)\b(with\s+and\s+without|with\s*/\s*without|w/\s*wo|w/o|w/|without|with)\s+(?:IV\s+)?(?:contrast|gadolinium|dye)\b)"};
  Pattern schedule{Expand("(?i)" + std::string(kSchedule))};
  Pattern count{Expand(R"((?i)\bx\s*({NUM})|\b({NUM})(?:\s*\((\d+)\))?\s+(?:[a-z]+\s+){0,3}?{SESSIONS}\b)")};

  Tables() {
    for (const ProcedureRow& row : ProcedureTable()) {
      cores.Add(R"((?i)\b(?:)" + std::string(row.pattern) + R"()\b)");
      rejects.emplace_back();
      if (!row.reject_after.empty()) rejects.back().emplace("(?i)" + std::string(row.reject_after));
    }
    cores.Compile();
    for (std::string_view part : kAfterParts) after.push_back(Anchored(part, true));
    for (std::string_view part : kBeforeParts) before.push_back(Anchored(part, false));
  }
};

const Tables& TheTables() {
  static const Tables tables;
  return tables;
}

struct Candidate {
  size_t begin = 0, end = 0;
  size_t row = 0;
};

// Extends `c` over the words after it, up to the end of `text`. Returns
// whether they end in a sessions word with no number ("acupuncture sessions").
bool ExtendAfter(const Tables& t, std::string_view text, Candidate* c) {
  std::vector<bool> used(t.after.size(), false);
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < t.after.size() && !grew; ++i) {
      if (used[i]) continue;
      if (auto m = t.after[i].Find(text.substr(c->end))) {
        c->end = OffsetIn(text, m->group(0)) + m->group(0).size();
        used[i] = grew = true;
      }
    }
  }
  return used.back();
}

// The text from `page_begin` to `end`, at most 160 bytes, starting at a word.
std::string_view WindowBefore(std::string_view text, size_t page_begin, size_t end) {
  size_t begin = std::max(page_begin, end > 160 ? end - 160 : 0);
  if (begin > page_begin) {
    const size_t space = text.find_first_of(" \t\n", begin);
    begin = space == std::string_view::npos || space >= end ? end : space + 1;
  }
  return text.substr(begin, end - begin);
}

// Extends `c` over the words before it, back to `page_begin`.
void ExtendBefore(const Tables& t, std::string_view text, size_t page_begin, bool counted_after, Candidate* c) {
  std::vector<const Pattern*> parts;
  for (const Pattern& part : t.before) parts.push_back(&part);
  if (counted_after) parts.push_back(&t.bare_count_before);
  std::vector<bool> used(parts.size(), false);
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < parts.size() && !grew; ++i) {
      if (used[i]) continue;
      if (auto m = parts[i]->Find(WindowBefore(text, page_begin, c->begin))) {
        c->begin = OffsetIn(text, m->group(0));
        used[i] = grew = true;
      }
    }
  }
}

std::optional<int> NumberValue(std::string_view written) {
  static const std::map<std::string, int, std::less<>> kWords = {
      {"one", 1},      {"two", 2},     {"three", 3},     {"four", 4},     {"five", 5},    {"six", 6},
      {"seven", 7},    {"eight", 8},   {"nine", 9},      {"ten", 10},     {"eleven", 11}, {"twelve", 12},
      {"fourteen", 14}, {"sixteen", 16}, {"eighteen", 18}, {"twenty", 20}, {"twenty-four", 24},
      {"once", 1},     {"twice", 2},   {"thrice", 3}};
  if (written.empty()) return std::nullopt;
  if (std::all_of(written.begin(), written.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return std::stoi(std::string(written));
  }
  auto it = kWords.find(AsciiLower(written));
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

// count, and for a schedule frequency_per_week and weeks.
void ReadCount(const Tables& t, std::string_view phrase, Attributes* value) {
  if (auto m = t.schedule.Find(phrase)) {
    const auto per_week = NumberValue(m->has(1) ? m->group(1) : m->group(2));
    const auto weeks = NumberValue(m->group(3));
    if (per_week && weeks) {
      (*value)["frequency_per_week"] = std::to_string(*per_week);
      (*value)["weeks"] = std::to_string(*weeks);
      (*value)["count"] = std::to_string(*per_week * *weeks);
      return;
    }
  }
  if (auto m = t.count.Find(phrase)) {
    // "twelve (12) sessions": the digits are what was meant.
    const std::string_view written = m->has(1) ? m->group(1) : m->has(3) ? m->group(3) : m->group(2);
    if (auto count = NumberValue(written)) (*value)["count"] = std::to_string(*count);
  }
}

std::string ReadContrast(std::string_view written) {
  const std::string key = CompareKey(written);
  if (key.find("and") != std::string::npos || key.find("/ without") != std::string::npos ||
      key.find("/without") != std::string::npos || key.starts_with("w/ wo") || key.starts_with("w/wo")) {
    return "with_and_without";
  }
  return key.starts_with("without") || key.starts_with("w/o") ? "without" : "with";
}

// The first site written in `phrase`; the spine region of its level where it
// names no site or only "the spine".
std::string ReadBodySite(std::string_view phrase, std::string_view level) {
  const BodySite* site = BodySiteOfWords(phrase);
  const BodySite* spine = level.empty() ? nullptr : SpineSiteOfLevel(level);
  // "L4-5 facet injections": the level says which part of the spine.
  if (spine != nullptr && (site == nullptr || site->site == "spine")) site = spine;
  return site != nullptr ? std::string(site->site) : "";
}

Attributes ReadAttributes(const Tables& t, const ProcedureRow& row, std::string_view phrase) {
  Attributes value = {{"procedure", std::string(row.procedure)}, {"procedure_group", std::string(row.group)}};
  std::string level;
  if (auto m = t.level.Find(phrase)) value["level"] = level = CollapseWhitespace(m->group(1));
  if (std::string site = ReadBodySite(phrase, level); !site.empty()) value["body_site"] = site;
  if (auto m = t.side.Find(phrase)) value["laterality"] = AsciiLower(m->group(1));
  if (auto m = t.contrast.Find(phrase)) value["contrast"] = ReadContrast(m->group(1));
  ReadCount(t, phrase, &value);
  return value;
}

// Every core phrase of every row, grown over the words around it.
std::vector<Candidate> FindCandidates(const Tables& t, const StitchedText& s) {
  const std::string_view text = s.text;
  std::vector<Candidate> candidates;
  for (const int r : t.cores.Candidates(text)) {
    const size_t row = static_cast<size_t>(r);
    for (const Match& m : t.cores.Row(row).FindAll(text)) {
      const size_t begin = OffsetIn(text, m.group(0));
      Candidate c{begin, begin + m.group(0).size(), row};
      const auto [page_begin, page_end] = s.PieceBounds(c.begin, c.end);
      const std::string_view page = text.substr(0, page_end);
      if (t.rejects[row] && t.rejects[row]->Find(page.substr(c.end))) continue;
      const bool counted_after = ExtendAfter(t, page, &c);
      ExtendBefore(t, page, page_begin, counted_after, &c);
      candidates.push_back(c);
    }
  }
  return candidates;
}

}  // namespace

namespace {

bool Overlap(const Span& a, const Span& b) {
  return a.page_number == b.page_number && a.begin < b.end && b.begin < a.end;
}

// Procedures the vocabulary names beyond the request rows: a note's
// operations, studies and equipment. Where a row's fact lies inside a longer
// named procedure ("MRI" in "MRI head without contrast" is the row's; "left
// L5-S1 transforaminal epidural steroid block with fluoroscopy" the
// vocabulary's), the fact takes the longer words and keeps the row's values.
// A review letter's procedures are the rows' alone, as its diagnoses are the
// ones it states (diagnosis_extractor.cc).
// The facts of `facts` that may overlap `span`: `by_place` holds the indexes
// of facts with spans that do not overlap each other, ordered by page and
// begin, so those overlapping `span` are one run of it, found by a binary
// search (a region of thousands of procedures is not compared pairwise);
// `odd` the facts whose span is empty, looked at one by one.
std::vector<size_t> MayOverlap(const std::vector<Fact>& facts, const std::vector<size_t>& by_place,
                               const std::vector<size_t>& odd, const Span& span) {
  std::vector<size_t> out = odd;
  auto it = std::partition_point(by_place.begin(), by_place.end(), [&](size_t i) {
    const Span& s = facts[i].span;
    return std::tie(s.page_number, s.end) <= std::tie(span.page_number, span.begin);
  });
  for (; it != by_place.end() && facts[*it].span.page_number == span.page_number && facts[*it].span.begin < span.end;
       ++it) {
    out.push_back(*it);
  }
  return out;
}

void AddNamedProcedures(const Region& region, std::vector<Fact>* facts) {
  if (region.doc_type == "imr_final_determination" || region.doc_type == "ur_determination") return;
  const size_t from_rows = facts->size();
  // The rows' facts never overlap (KeepLongestPerSpan), and a row that takes
  // a named procedure's wider span keeps them so: the span held that row only.
  std::vector<size_t> by_place, odd;
  for (size_t i = 0; i < from_rows; ++i) ((*facts)[i].span.empty() ? odd : by_place).push_back(i);
  std::sort(by_place.begin(), by_place.end(), [&](size_t a, size_t b) {
    const Span& x = (*facts)[a].span;
    const Span& y = (*facts)[b].span;
    return std::tie(x.page_number, x.begin) < std::tie(y.page_number, y.begin);
  });
  for (size_t k = 1; k < by_place.size(); ++k) {
    if (Overlap((*facts)[by_place[k - 1]].span, (*facts)[by_place[k]].span)) {  // not as assumed: compare all
      odd.insert(odd.end(), by_place.begin(), by_place.end());
      by_place.clear();
    }
  }
  for (Fact& named : ExtractNamedProcedures(region)) {
    std::vector<size_t> inside;
    bool conflict = false;
    for (size_t i : MayOverlap(*facts, by_place, odd, named.span)) {
      const Fact& row = (*facts)[i];
      if (!Overlap(row.span, named.span)) continue;
      if (row.span.begin >= named.span.begin && row.span.end <= named.span.end && named.span.size() > row.span.size()) {
        inside.push_back(i);
      } else {
        conflict = true;
      }
    }
    if (conflict) continue;
    if (inside.size() == 1) {
      Fact& row = (*facts)[inside.front()];
      for (auto& [key, value] : named.value) row.value.emplace(key, value);
      row.span = named.span;
      row.text = named.text;
    } else if (inside.empty()) {
      facts->push_back(std::move(named));
    }
  }
  std::stable_sort(facts->begin(), facts->end(), [](const Fact& a, const Fact& b) {
    return std::tie(a.span.page_number, a.span.begin) < std::tie(b.span.page_number, b.span.begin);
  });
}

}  // namespace

std::vector<Fact> ExtractProcedures(const Region& region) {
  const Tables& t = TheTables();
  const std::string_view text = region.text.text;
  std::vector<Fact> facts;
  for (const Candidate& c : KeepLongestPerSpan(FindCandidates(t, region.text), EqualLength::kEarlierBeginWins)) {
    const ProcedureRow& row = ProcedureTable()[c.row];
    const std::string_view phrase = text.substr(c.begin, c.end - c.begin);
    Fact fact = MakeFact(region, phrase, "procedure", std::string(row.rule));
    fact.value = ReadAttributes(t, row, phrase);
    facts.push_back(std::move(fact));
  }
  AddNamedProcedures(region, &facts);
  return facts;
}

}  // namespace imr
