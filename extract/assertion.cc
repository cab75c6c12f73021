#include "extract/assertion.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace imr {
namespace {

// How far, in words, a trigger reaches when no terminator stops it first.
constexpr size_t kForwardWindow = 8;
constexpr size_t kBackwardWindow = 4;

struct Token {
  std::string text;  // lower case
  size_t begin = 0, end = 0;
  bool word = true;  // false for punctuation
};

bool IsWordByte(unsigned char c) {
  return std::isalnum(c) || c == '\'' || c == '/' || c >= 0x80;
}

// Words keep inner hyphens and slashes ("s/p", "x-ray"); a leading hyphen
// before a letter stays too ("-ve"). Punctuation that can end a scope is kept
// as its own token.
std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool leading_hyphen = c == '-' && i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1])) &&
                                (i == 0 || !IsWordByte(static_cast<unsigned char>(s[i - 1])));
    if (IsWordByte(c) || leading_hyphen) {
      size_t j = i + 1;
      while (j < s.size() && (IsWordByte(static_cast<unsigned char>(s[j])) ||
                              (s[j] == '-' && j + 1 < s.size() && IsWordByte(static_cast<unsigned char>(s[j + 1]))))) {
        ++j;
      }
      std::string text(s.substr(i, j - i));
      for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      tokens.push_back({std::move(text), i, j, true});
      i = j;
    } else {
      if (c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == ')') {
        tokens.push_back({std::string(1, static_cast<char>(c)), i, i + 1, false});
      }
      ++i;
    }
  }
  return tokens;
}

struct CompiledTrigger {
  std::vector<std::string> words;
  const TriggerRow* row;
};

// Triggers by first word, longest first.
const std::unordered_map<std::string, std::vector<CompiledTrigger>>& TriggerIndex() {
  static const auto index = [] {
    std::unordered_map<std::string, std::vector<CompiledTrigger>> out;
    for (const TriggerRow& row : AssertionTriggerTable()) {
      CompiledTrigger t{{}, &row};
      for (const Token& tok : Tokenize(row.phrase)) t.words.push_back(tok.text);
      out[t.words.front()].push_back(std::move(t));
    }
    for (auto& [first, list] : out) {
      std::stable_sort(list.begin(), list.end(), [](const CompiledTrigger& a, const CompiledTrigger& b) {
        return a.words.size() > b.words.size();
      });
    }
    return out;
  }();
  return index;
}

struct Found {
  const TriggerRow* row;
  size_t first = 0, last = 0;  // token indices, inclusive
};

// "week", "months", "eight-week", "2-year": a length of time.
bool IsDuration(const std::string& word) {
  for (std::string_view unit : {"day", "week", "month", "year"}) {
    const size_t at = word.rfind(unit);
    if (at == std::string::npos) continue;
    const std::string_view rest = std::string_view(word).substr(at + unit.size());
    if (rest.empty() || rest == "s") return at == 0 || word[at - 1] == '-';
  }
  return false;
}

std::vector<Found> FindTriggers(const std::vector<Token>& tokens, size_t target_first, size_t target_last) {
  const auto& index = TriggerIndex();
  std::vector<Found> found;
  for (size_t i = 0; i < tokens.size();) {
    if (i >= target_first && i <= target_last) { ++i; continue; }  // the target triggers nothing
    auto it = index.find(tokens[i].text);
    const CompiledTrigger* match = nullptr;
    if (it != index.end()) {
      for (const CompiledTrigger& t : it->second) {
        if (i + t.words.size() > tokens.size()) continue;
        bool same = true;
        for (size_t k = 0; k < t.words.size() && same; ++k) same = tokens[i + k].text == t.words[k];
        if (same) { match = &t; break; }
      }
    }
    if (!match) { ++i; continue; }
    // "a six-week history of", "a 2-year history of": the course of the
    // present illness, not a past one.
    if (match->row->kind == TriggerKind::kHistorical && match->words.front() == "history" && i > 0 &&
        IsDuration(tokens[i - 1].text)) {
      i += match->words.size();
      continue;
    }
    found.push_back({match->row, i, i + match->words.size() - 1});
    i += match->words.size();
  }
  return found;
}

int Precedence(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kNegation: return 5;
    case TriggerKind::kFamily: return 4;
    case TriggerKind::kHypothetical: return 3;
    case TriggerKind::kPossible: return 2;
    case TriggerKind::kHistorical: return 1;
    default: return 0;
  }
}

std::string_view AssertionName(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kNegation: return "absent";
    case TriggerKind::kFamily: return "family";
    case TriggerKind::kHypothetical: return "hypothetical";
    case TriggerKind::kPossible: return "possible";
    case TriggerKind::kHistorical: return "historical";
    default: return "present";
  }
}

// Words between two token positions, and whether a terminator stands there.
struct Between {
  size_t words = 0;
  bool terminated = false;
};

Between Inspect(const std::vector<Token>& tokens, const std::vector<Found>& triggers, size_t from, size_t to) {
  Between b;
  for (size_t i = from; i < to; ++i) b.words += tokens[i].word ? 1 : 0;
  for (const Found& f : triggers) {
    if (f.row->kind == TriggerKind::kTerminator && f.first >= from && f.last < to) b.terminated = true;
  }
  return b;
}

bool Reaches(const Found& f, const std::vector<Token>& tokens, const std::vector<Found>& triggers,
             size_t target_first, size_t target_last) {
  const TriggerDirection d = f.row->direction;
  if (f.last < target_first && d != TriggerDirection::kBackward) {
    const Between b = Inspect(tokens, triggers, f.last + 1, target_first);
    return !b.terminated && b.words <= (f.row->window ? f.row->window : kForwardWindow);
  }
  if (f.first > target_last && d != TriggerDirection::kForward) {
    const Between b = Inspect(tokens, triggers, target_last + 1, f.first);
    return !b.terminated && b.words <= (f.row->window ? f.row->window - 1 : kBackwardWindow);
  }
  return false;
}

TriggerKind SectionDefault(std::string_view section) {
  if (section == "family_history") return TriggerKind::kFamily;
  if (section == "past_medical_history") return TriggerKind::kHistorical;
  if (section == "treatment_plan" || section == "request_for_authorization") return TriggerKind::kHypothetical;
  return TriggerKind::kTerminator;  // no default
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

AssertionResult ClassifyAssertion(std::string_view sentence, size_t target_begin, size_t target_end,
                                  std::string_view section, bool problem) {
  target_end = std::min(target_end, sentence.size());
  target_begin = std::min(target_begin, target_end);
  const std::vector<Token> tokens = Tokenize(sentence);
  // The target's tokens: those overlapping its bytes.
  size_t first = tokens.size(), last = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].end > target_begin && tokens[i].begin < target_end) {
      first = std::min(first, i);
      last = i;
    }
  }
  AssertionResult result;
  const Found* best = nullptr;
  std::vector<Found> triggers;
  bool current = false;
  if (first < tokens.size()) {
    triggers = FindTriggers(tokens, first, last);
    for (const Found& f : triggers) {
      if (f.row->kind == TriggerKind::kCurrent && Reaches(f, tokens, triggers, first, last)) current = true;
      if (Precedence(f.row->kind) == 0 || (problem && f.row->treatment_only) ||
          !Reaches(f, tokens, triggers, first, last)) {
        continue;
      }
      if (!best || Precedence(f.row->kind) > Precedence(best->row->kind)) best = &f;
    }
  }
  const TriggerKind by_section = current ? TriggerKind::kTerminator : SectionDefault(section);
  if (best && Precedence(best->row->kind) >= Precedence(by_section)) {
    result.assertion = std::string(AssertionName(best->row->kind));
    result.cue = std::string(best->row->phrase);
  } else if (Precedence(by_section) > 0) {
    result.assertion = std::string(AssertionName(by_section));
    result.cue = "section:" + std::string(section);
  }
  return result;
}

AssertionResult ClassifyTarget(std::string_view sentence, std::string_view target, std::string_view section) {
  // Compare with runs of whitespace folded. Sentences that mark their target
  // print it in capitals ("Denies ALCOHOL or drugs"), and the same words may
  // also stand elsewhere ("ALLERGIES: no known ALLERGIES"): an occurrence
  // written exactly as the target wins, then one in capitals, then any.
  std::string hay, needle;
  std::vector<size_t> hay_at;
  for (size_t i = 0; i < sentence.size(); ++i) {
    const bool space = IsSpace(sentence[i]);
    if (space && (hay.empty() || hay.back() == ' ')) continue;
    hay += space ? ' ' : sentence[i];
    hay_at.push_back(i);
  }
  for (char c : target) {
    const bool space = IsSpace(c);
    if (space && (needle.empty() || needle.back() == ' ')) continue;
    needle += space ? ' ' : c;
  }
  while (!needle.empty() && needle.back() == ' ') needle.pop_back();
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  // An occurrence followed by a colon is a label ("ALLERGIES: ..."), not the
  // mention; it is taken only when there is no other.
  const auto find = [](const std::string& h, const std::string& n) {
    size_t first = h.find(n);
    for (size_t at = first; at != std::string::npos; at = h.find(n, at + 1)) {
      const size_t after = at + n.size();
      const bool label = after < h.size() && (h[after] == ':' || (h[after] == ' ' && after + 1 < h.size() && h[after + 1] == ':'));
      if (!label) return at;
    }
    return first;
  };
  size_t at = needle.empty() ? std::string::npos : find(hay, needle);
  if (at == std::string::npos && !needle.empty()) at = find(hay, upper(needle));
  if (at == std::string::npos && !needle.empty()) at = find(lower(hay), lower(needle));
  if (at == std::string::npos) return ClassifyAssertion(sentence, 0, sentence.size(), section);
  const size_t begin = hay_at[at];
  const size_t end = hay_at[at + needle.size() - 1] + 1;
  return ClassifyAssertion(sentence, begin, end, section);
}

std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t begin, size_t end) {
  static constexpr std::string_view kAbbreviations[] = {"dr", "mr", "mrs", "ms", "vs", "no", "st", "approx",
                                                        "e.g", "i.e", "etc", "pt", "jr", "sr", "fig"};
  const auto is_boundary = [&](size_t i) {  // text[i] ends a sentence
    const char c = text[i];
    if (c == '\n') return i + 1 < text.size() && text[i + 1] == '\n';
    if (c != '.' && c != '?' && c != '!') return false;
    if (i + 1 < text.size() && !IsSpace(text[i + 1])) return false;  // "7.5", "e.g."
    if (c == '.') {
      size_t w = i;
      while (w > 0 && (std::isalpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '.')) --w;
      std::string word(text.substr(w, i - w));
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (std::string_view a : kAbbreviations) {
        if (word == a) return false;
      }
    }
    return true;
  };
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  // A sentence reaches at most kMaxSentenceReach bytes either side of what it
  // holds (see assertion.h), cut at a space so that no word is split.
  const size_t floor = begin > kMaxSentenceReach ? begin - kMaxSentenceReach : 0;
  const size_t ceiling = std::min(text.size(), end + kMaxSentenceReach);
  size_t start = begin;
  while (start > floor && !is_boundary(start - 1)) --start;
  if (start > 0 && !is_boundary(start - 1)) {
    while (start < begin && !IsSpace(text[start - 1])) ++start;
  }
  size_t stop = end;
  while (stop < ceiling && !is_boundary(stop)) ++stop;
  if (stop < text.size() && !is_boundary(stop)) {
    while (stop > end && !IsSpace(text[stop])) --stop;
  } else if (stop < text.size()) {
    ++stop;  // keep the full stop
  }
  while (start < stop && IsSpace(text[start])) ++start;
  return {start, stop};
}

}  // namespace imr
