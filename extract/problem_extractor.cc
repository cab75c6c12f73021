#include "extract/problem_extractor.h"

#include <algorithm>
#include <cctype>

#include "core/anatomy.h"
#include "core/embedded_files.h"
#include "core/term_index.h"
#include "core/text.h"
#include "core/tsv.h"
#include "extract/keep_longest.h"
#include "extract/phrase_reach.h"

namespace imr {
namespace {

enum class Use { kAlways, kContext, kStop };

struct Term {
  std::string_view code;
  std::string_view problem_type;
  Use use = Use::kAlways;
};

struct Vocabulary {
  std::vector<Term> terms;
  TermIndex index;  // payload: index into terms; curated terms have the lower numbers
};

Use UseOf(std::string_view s) {
  if (s == "stop") return Use::kStop;
  if (s == "context") return Use::kContext;
  return Use::kAlways;
}

const Vocabulary& TheVocabulary() {
  static const Vocabulary vocabulary = [] {
    Vocabulary v;
    const TsvTable curated = ParseTsv(EmbeddedFile("problems.tsv"));
    const size_t term = curated.Column("term"), code = curated.Column("code"), type = curated.Column("problem_type"),
                 use = curated.Column("use");
    for (const auto& row : curated.rows) {
      std::string_view words = TsvTable::Cell(row, term);
      const bool case_sensitive = !words.empty() && words.front() == '=';
      if (case_sensitive) words.remove_prefix(1);
      v.index.Add(words, static_cast<uint32_t>(v.terms.size()), case_sensitive);
      v.terms.push_back({TsvTable::Cell(row, code), TsvTable::Cell(row, type), UseOf(TsvTable::Cell(row, use))});
    }
    const TsvTable icd = ParseTsv(EmbeddedFile("icd10cm_terms.tsv"));
    const size_t icd_term = icd.Column("term"), icd_code = icd.Column("code"), icd_type = icd.Column("problem_type");
    for (const auto& row : icd.rows) {
      v.index.Add(TsvTable::Cell(row, icd_term), static_cast<uint32_t>(v.terms.size()));
      v.terms.push_back({TsvTable::Cell(row, icd_code), TsvTable::Cell(row, icd_type), Use::kAlways});
    }
    v.index.Freeze();
    return v;
  }();
  return vocabulary;
}

// A term that ends in an operation's name ("laminectomy", "appendectomy")
// is the index's way to a complication or a status; in a note it names the
// operation, a procedure.
bool NamesOperation(std::string_view norm) {
  for (std::string_view end : {"ectomy", "otomy", "ostomy", "plasty", "oscopy", "pexy", "desis", "rrhaphy"}) {
    if (norm.size() > end.size() + 2 && norm.ends_with(end)) return true;
  }
  return false;
}

struct Candidate {
  size_t begin = 0, end = 0;
  uint32_t term = 0;
  Reach reach;
};

Attributes ValueOf(std::string_view words, const Term& term) {
  Attributes value;
  value["problem_type"] = std::string(term.problem_type);
  if (const BodySite* site = BodySiteOfWords(words)) value["body_site"] = std::string(site->site);
  const std::string lower = AsciiLower(words);
  for (std::string_view side : {"bilateral", "left", "right"}) {
    const size_t at = lower.find(side);
    if (at != std::string::npos && (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1])))) {
      value["laterality"] = std::string(side);
      break;
    }
  }
  return value;
}

}  // namespace

size_t ProblemVocabularySize() { return TheVocabulary().index.size(); }

bool NamesProblem(std::string_view phrase) {
  const Vocabulary& v = TheVocabulary();
  const std::vector<WordToken> words = TokenizeWords(phrase);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::optional<TermIndex::Hit> hit = v.index.LongestAt(phrase, words, i);
    if (hit && v.terms[hit->payloads.front()].use == Use::kAlways) return true;
  }
  return false;
}

std::vector<Fact> ExtractProblems(const Region& region) {
  const Vocabulary& v = TheVocabulary();
  const std::string_view text = region.text.text;
  const PhraseWords p = ReadPhraseWords(text);
  const std::vector<WordToken>& words = p.words;
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::optional<TermIndex::Hit> hit = v.index.LongestAt(text, words, i);
    if (!hit) continue;
    const uint32_t id = hit->payloads.front();
    const Term& term = v.terms[id];
    // A stop term's words are none of a problem's ("estimated blood loss").
    if (term.use == Use::kStop) {
      i += hit->word_count - 1;
      continue;
    }
    if (NamesOperation(words[i + hit->word_count - 1].norm)) continue;
    Reach reach{i, i + hit->word_count - 1, false};
    ReachLeft(p, {}, &reach);
    ReachRight(p, {}, &reach);
    if (term.use == Use::kContext && !reach.qualified) continue;
    candidates.push_back({words[reach.first].begin, words[reach.last].end, id, reach});
  }
  std::vector<Fact> facts;
  for (const Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    const Term& term = v.terms[c.term];
    Fact f = MakeFact(region, text.substr(c.begin, c.end - c.begin), "diagnosis", "diagnosis.vocabulary@1");
    f.value = ValueOf(f.text, term);
    if (!term.code.empty()) {
      f.code = Code{"ICD-10-CM", std::string(term.code)};
      f.value["code_source"] = "icd10cm_index";
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

}  // namespace imr
