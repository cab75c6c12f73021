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
#include "extract/problem_terms.h"

namespace imr {

// The embedded files of extract/ (cmake/embed_files.cmake): the problem index
// made at build time.
const std::vector<EmbeddedFileRow>& ExtractEmbeddedFiles();

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
    std::vector<ProblemTerm> terms;
    std::string_view image;
    for (const EmbeddedFileRow& row : ExtractEmbeddedFiles()) {
      if (row.name == "problem_terms.idx") image = {row.begin, static_cast<size_t>(row.end - row.begin)};
    }
    const std::string_view problems = EmbeddedFile("problems.tsv"), icd = EmbeddedFile("icd10cm_terms.tsv");
    IndexProblemTerms(problems, icd, nullptr, &terms);
    // An image made from other tables would point past them (a build without
    // the tool has none): then index the terms now.
    if (std::optional<TermIndex> built = TermIndex::Load(image); built && built->PayloadBound() <= terms.size()) {
      v.index = std::move(*built);
    } else {
      terms.clear();
      IndexProblemTerms(problems, icd, &v.index, &terms);
      v.index.Freeze();
    }
    v.terms.reserve(terms.size());
    for (const ProblemTerm& t : terms) v.terms.push_back({t.code, t.problem_type, UseOf(t.use)});
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
  AddSiteAndSide(words, &value);
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
  const PhraseWords p = WordsOf(region);
  const std::vector<WordToken>& words = p.words;
  std::vector<Candidate> candidates;
  const std::vector<uint32_t> ids = v.index.WordIds(words);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::optional<TermIndex::Hit> hit = v.index.LongestAt(text, words, ids, i);
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
