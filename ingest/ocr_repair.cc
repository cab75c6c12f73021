#include "ingest/ocr_repair.h"

#include <algorithm>
#include <cctype>

#include "core/embedded_files.h"
#include "core/text.h"

namespace imr {
namespace {

constexpr size_t kMinLetters = 4;  // letter confusions: shorter words are too often real in both forms
constexpr size_t kMinKnownLetters = 3;  // the shortest word the vocabulary keeps

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

// Every run of kMinKnownLetters or more ASCII letters in `text`, lower case, into `out`.
void AddLetterRuns(std::string_view text, std::unordered_set<std::string>* out) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsLetter(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsLetter(text[j])) ++j;
    if (j - i >= kMinKnownLetters) out->insert(AsciiLower(text.substr(i, j - i)));
    i = j;
  }
}

// English (vocab/ocr_words.tsv) and the clinical vocabularies' words, whose
// names OCR misreads as often as any. Built once, on the first OCR'd page.
const std::unordered_set<std::string>& Vocabulary() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> out;
    for (const char* name : {"ocr_words.tsv", "icd10cm_terms.tsv", "problems.tsv", "procedures.tsv", "anatomy.tsv",
                             "drugs.tsv", "fda_drug_names.tsv", "hcpcs_terms.tsv", "drug_tcodes.tsv"}) {
      std::string_view file = EmbeddedFile(name);
      while (!file.empty()) {
        const size_t end = std::min(file.find('\n'), file.size());
        const std::string_view line = file.substr(0, end);
        if (!line.starts_with('#')) AddLetterRuns(line, &out);
        file.remove_prefix(std::min(end + 1, file.size()));
      }
    }
    return out;
  }();
  return words;
}

// Letters OCR reads for others, as {read, printed}: "rn" for "m" and the
// reverse ("Califomia"), "n" for "r" and the reverse ("Centification" in a
// scan of "Certification"), "m" for "n" and the reverse ("Califormia"), "cl"
// for "d", "vv" for "w". Each is undone once,
// in a run of at least `shortest` letters: one letter swapped in a short word
// too often gives another real word, or a name ("Bennard" is no misread
// "Bernard").
struct Confusion {
  std::string_view read;
  std::string_view printed;
  size_t shortest;
};
constexpr Confusion kConfusions[] = {{"rn", "m", kMinLetters}, {"m", "rn", kMinLetters}, {"n", "r", 9}, {"r", "n", 9},
                                     {"m", "n", 9},           {"n", "m", 9},           {"cl", "d", 6}, {"vv", "w", kMinLetters}};

// `printed` in the case of the letter it replaces.
std::string InCaseOf(char replaced, std::string_view printed) {
  std::string out(printed);
  if (IsUpper(replaced)) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// `run` (letters only) with one confusion above undone, when the run is no
// word of the vocabulary and exactly one such repair is a known word.
std::string RepairLetterRun(std::string_view run, const OcrLexicon& lexicon) {
  const std::string core(run);
  const std::string lower = AsciiLower(core);
  if (core.size() < kMinLetters || lexicon.InVocabulary(lower)) return core;
  std::vector<std::string> repairs;
  for (const Confusion& c : kConfusions) {
    if (core.size() < c.shortest) continue;
    for (size_t at = lower.find(c.read); at != std::string::npos; at = lower.find(c.read, at + 1)) {
      std::string candidate = core.substr(0, at) + InCaseOf(core[at], c.printed) + core.substr(at + c.read.size());
      if (lexicon.Knows(AsciiLower(candidate)) &&
          std::find(repairs.begin(), repairs.end(), candidate) == repairs.end()) {
        repairs.push_back(std::move(candidate));
      }
    }
  }
  return repairs.size() == 1 ? repairs.front() : core;  // none, or no telling which
}

// --- digits ---------------------------------------------------------------

// The digit OCR confuses `c` with, or `c` itself.
char AsDigit(char c) {
  switch (c) {
    case 'O': case 'o': return '0';
    case 'l': case 'I': case '|': return '1';
    default: return c;
  }
}

bool AllDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

// "11/03/2016", "3-1-16", "2016-11-03".
bool IsDate(std::string_view s) {
  for (const char sep : {'/', '-'}) {
    const size_t a = s.find(sep);
    if (a == std::string_view::npos) continue;
    const size_t b = s.find(sep, a + 1);
    if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) continue;
    const std::string_view d1 = s.substr(0, a), d2 = s.substr(a + 1, b - a - 1), d3 = s.substr(b + 1);
    if (!AllDigits(d1) || !AllDigits(d2) || !AllDigits(d3)) continue;
    if (d1.size() <= 2 && d2.size() <= 2 && d3.size() >= 2 && d3.size() <= 4) return true;
    if (sep == '-' && d1.size() == 4 && d2.size() == 2 && d3.size() == 2) return true;
  }
  return false;
}

// "100", "1,250", "2.5".
bool IsNumber(std::string_view s) {
  if (s.empty() || !IsDigit(s.front()) || !IsDigit(s.back())) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsDigit(s[i])) continue;
    if ((s[i] == '.' || s[i] == ',') && IsDigit(s[i - 1]) && IsDigit(s[i + 1])) continue;
    return false;
  }
  return true;
}

// "16-0213037", the part of a case number after its letters.
bool IsCaseDigits(std::string_view s) {
  return s.size() >= 7 && s.size() <= 11 && AllDigits(s.substr(0, 2)) && s[2] == '-' && AllDigits(s.substr(3));
}

std::string MapDigits(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsDigit(c);
  return out;
}

size_t CountDigits(std::string_view s) { return static_cast<size_t>(std::count_if(s.begin(), s.end(), IsDigit)); }

// The repaired core of a word, or empty when it is no date, number or case
// number with a confusable letter.
std::string RepairedDigitCore(std::string_view core) {
  const std::string mapped = MapDigits(core);
  if (mapped == core) return "";
  if (CountDigits(core) == 0) return "";  // "lO" and "Ol" are no numbers
  if (IsDate(mapped)) return mapped;
  if (IsDigit(core.front()) && core.size() >= 2 && IsNumber(mapped)) return mapped;
  for (const size_t letters : {size_t{2}, size_t{3}}) {
    if (core.size() <= letters || !std::all_of(core.begin(), core.begin() + static_cast<long>(letters), IsUpper)) continue;
    const std::string rest = MapDigits(core.substr(letters));
    if (IsCaseDigits(rest)) return std::string(core.substr(0, letters)) + rest;
  }
  return "";
}

// --- one line -------------------------------------------------------------

bool IsRuleChar(std::string_view word, size_t at, size_t* length) {
  if (word.substr(at).starts_with("\xC2\xA6")) {  // ¦
    *length = 2;
    return true;
  }
  *length = 1;
  return word[at] == '|';
}

// The word without rule characters glued to its ends ("Date:|" → "Date:").
std::string StripGluedRules(std::string_view word) {
  size_t length = 0;
  while (!word.empty() && IsRuleChar(word, 0, &length)) word.remove_prefix(length);
  while (!word.empty()) {
    if (word.back() == '|') {
      word.remove_suffix(1);
    } else if (word.ends_with("\xC2\xA6")) {
      word.remove_suffix(2);
    } else {
      break;
    }
  }
  return std::string(word);
}

// Brackets alone are the sides of a table cell, never words.
bool IsTableRule(std::string_view word) { return word.empty() || word == "[" || word == "]"; }

PlacedWord Joined(const PlacedWord& a, const PlacedWord& b) {
  PlacedWord out = a;
  out.text = a.text + b.text;
  out.x0 = std::min(a.x0, b.x0), out.y0 = std::min(a.y0, b.y0);
  out.x1 = std::max(a.x1, b.x1), out.y1 = std::max(a.y1, b.y1);
  return out;
}

// A word as the punctuation around it and its core: "(11/O3/2016)." → "(",
// "11/O3/2016", ")."
struct DigitWord {
  std::string_view prefix, core, suffix;
};

DigitWord SplitDigits(std::string_view word) {
  size_t begin = 0, end = word.size();
  while (begin < end && (word[begin] == '(' || word[begin] == '#')) ++begin;
  while (end > begin && std::string_view(".,;:)").find(word[end - 1]) != std::string_view::npos) --end;
  return {word.substr(0, begin), word.substr(begin, end - begin), word.substr(end)};
}

// A word's text with its surrounding punctuation kept and its digits repaired.
std::string RepairDigitWord(std::string_view word) {
  const DigitWord w = SplitDigits(word);
  const std::string repaired = RepairedDigitCore(w.core);
  if (repaired.empty()) return std::string(word);
  return std::string(w.prefix) + repaired + std::string(w.suffix);
}

bool IsDateWord(std::string_view word) {
  const std::string_view core = SplitDigits(word).core;
  return IsDate(core) || IsDate(RepairedDigitCore(core));
}

bool EndsInSeparator(std::string_view s) { return s.ends_with('/') || s.ends_with('-'); }
bool StartsWithSeparator(std::string_view s) { return s.starts_with('/') || s.starts_with('-'); }

// Whether `next` sits close enough after `word` to be part of it: a stray
// space, not a column gap.
bool Adjacent(const PlacedWord& word, const PlacedWord& next) {
  const double height = std::max(word.y1 - word.y0, next.y1 - next.y0);
  return next.x0 - word.x1 < 1.5 * height;
}

// Pieces of a date split at its separators ("11/" "03/2016") made one word.
void JoinBrokenDates(std::vector<PlacedWord>* line) {
  for (size_t i = 0; i < line->size(); ++i) {
    PlacedWord joined = (*line)[i];
    for (size_t j = i + 1; j < line->size() && j <= i + 2; ++j) {
      const PlacedWord& next = (*line)[j];
      if (!Adjacent(joined, next) || !(EndsInSeparator(joined.text) || StartsWithSeparator(next.text))) break;
      joined = Joined(joined, next);
      if (IsDateWord(joined.text)) {
        (*line)[i] = joined;
        line->erase(line->begin() + static_cast<long>(i) + 1, line->begin() + static_cast<long>(j) + 1);
        break;
      }
    }
  }
}

// A lone "l", "I" or "!" between "Label:" and a value starting with a digit
// is the rule between their cells.
void DropRulesBetweenLabelAndValue(std::vector<PlacedWord>* line) {
  for (size_t i = 1; i + 1 < line->size(); ++i) {
    const std::string& t = (*line)[i].text;
    if ((t == "l" || t == "I" || t == "!") && (*line)[i - 1].text.ends_with(':') &&
        IsDigit((*line)[i + 1].text.front())) {
      line->erase(line->begin() + static_cast<long>(i));
    }
  }
}

size_t LeadingLetters(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsLetter(s[n])) ++n;
  return n;
}

// A capital split from the rest of its word by kerning ("New Y ork",
// "T exas,", "Texas, A rizona") joined again: when the rest is no word and
// the whole is. "A" and "I" are words of their own, but a word after them
// that is none is no word of theirs either.
void JoinSplitCapitals(std::vector<PlacedWord>* line, const OcrLexicon& lexicon) {
  for (size_t i = 0; i + 1 < line->size(); ++i) {
    // The capital ends the word, alone or after punctuation ("Oregon,W" "yoming").
    const std::string& word = (*line)[i].text;
    const char capital = word.back();
    if (!IsUpper(capital)) continue;
    if (word.size() > 1 && IsLetter(word[word.size() - 2])) continue;
    const PlacedWord& next = (*line)[i + 1];
    const size_t letters = LeadingLetters(next.text);
    if (letters < 2 || !IsLower(next.text[0]) || !Adjacent((*line)[i], next)) continue;
    const std::string rest = AsciiLower(std::string_view(next.text).substr(0, letters));
    if (lexicon.InVocabulary(rest) || !lexicon.Knows(std::string(1, static_cast<char>(std::tolower(capital))) + rest)) continue;
    (*line)[i] = Joined((*line)[i], next);
    line->erase(line->begin() + static_cast<long>(i) + 1);
  }
}

void RepairLine(std::vector<PlacedWord>* line, const OcrLexicon& lexicon) {
  std::vector<PlacedWord> kept;
  for (PlacedWord& w : *line) {
    w.text = StripGluedRules(w.text);
    if (!IsTableRule(w.text)) kept.push_back(std::move(w));
  }
  *line = std::move(kept);
  JoinBrokenDates(line);
  for (PlacedWord& w : *line) w.text = RepairDigitWord(w.text);
  DropRulesBetweenLabelAndValue(line);
  JoinSplitCapitals(line, lexicon);
  for (PlacedWord& w : *line) w.text = RepairLetters(w.text, lexicon);
}

// The last word of `line` broken at its hyphen and continued by the first of
// `next`, joined when the whole is a word and its first half is not.
void JoinHyphenated(std::vector<PlacedWord>* line, std::vector<PlacedWord>* next, const OcrLexicon& lexicon) {
  if (line->empty() || next->empty()) return;
  PlacedWord& a = line->back();
  const PlacedWord& b = next->front();
  if (a.text.size() < 3 || a.text.back() != '-' || !IsLower(a.text[a.text.size() - 2])) return;
  size_t stem_begin = a.text.size() - 1;
  while (stem_begin > 0 && IsLetter(a.text[stem_begin - 1])) --stem_begin;
  size_t rest_end = 0;
  while (rest_end < b.text.size() && IsLetter(b.text[rest_end])) ++rest_end;
  if (rest_end < 2 || !IsLower(b.text.front())) return;
  if (b.x0 > a.x0 || b.y0 - a.y1 > 1.5 * (a.y1 - a.y0)) return;  // not the start of the next line below
  const std::string stem = AsciiLower(std::string_view(a.text).substr(stem_begin, a.text.size() - 1 - stem_begin));
  const std::string rest = AsciiLower(std::string_view(b.text).substr(0, rest_end));
  if (!lexicon.InVocabulary(stem + rest)) return;
  // A stem that is a word may be the first half of a compound ("follow-up",
  // "self-reported"), whose hyphen is the writer's.
  if (lexicon.InVocabulary(stem)) return;
  a.text = a.text.substr(0, a.text.size() - 1) + b.text;
  next->erase(next->begin());
}

}  // namespace

OcrLexicon::OcrLexicon(const std::vector<std::string_view>& document_words) {
  for (std::string_view w : document_words) AddLetterRuns(w, &document_);
}

bool OcrLexicon::InVocabulary(std::string_view lower_word) const {
  return Vocabulary().count(std::string(lower_word)) > 0;
}

bool OcrLexicon::Knows(std::string_view lower_word) const {
  return InVocabulary(lower_word) || document_.count(std::string(lower_word)) > 0;
}

std::string RepairDigits(std::string_view word) { return RepairDigitWord(word); }

std::string RepairLetters(std::string_view word, const OcrLexicon& lexicon) {
  // Each run of letters on its own: a list printed without spaces
  // ("Arizona,Califomia") is one word to OCR.
  std::string out;
  size_t i = 0;
  while (i < word.size()) {
    size_t j = i;
    const bool letters = IsLetter(word[i]);
    while (j < word.size() && IsLetter(word[j]) == letters) ++j;
    out += letters ? RepairLetterRun(word.substr(i, j - i), lexicon) : std::string(word.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<PlacedWord> RepairOcrWords(const std::vector<PlacedWord>& words, const OcrLexicon& lexicon) {
  const LaidOutPage laid = LayOutWords(words);
  std::vector<std::vector<PlacedWord>> lines;
  size_t w = 0;
  for (const TextLine& line : laid.lines) {
    lines.emplace_back();
    for (; w < laid.words.size() && laid.words[w].end <= line.end; ++w) {
      const Word& box = laid.words[w];
      lines.back().push_back({laid.text.substr(box.begin, box.end - box.begin), box.x0, box.y0, box.x1, box.y1});
    }
  }
  for (std::vector<PlacedWord>& line : lines) RepairLine(&line, lexicon);
  for (size_t i = 0; i + 1 < lines.size(); ++i) JoinHyphenated(&lines[i], &lines[i + 1], lexicon);
  std::vector<PlacedWord> out;
  for (std::vector<PlacedWord>& line : lines) {
    for (PlacedWord& word : line) out.push_back(std::move(word));
  }
  return out;
}

}  // namespace imr
