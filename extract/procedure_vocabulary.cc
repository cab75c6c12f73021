#include "extract/procedure_vocabulary.h"

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

struct Entry {
  std::string procedure;
  std::string group;
  Use use = Use::kAlways;
};

struct Vocabulary {
  std::vector<Entry> entries;
  TermIndex index;  // payload: index into entries; the lexicon's rows come first
};

Use UseOf(std::string_view s) {
  if (s == "stop") return Use::kStop;
  if (s == "context") return Use::kContext;
  return Use::kAlways;
}

const Vocabulary& TheVocabulary() {
  static const Vocabulary vocabulary = [] {
    Vocabulary v;
    const TsvTable t = ParseTsv(EmbeddedFile("procedures.tsv"));
    const size_t term = t.Column("term"), procedure = t.Column("procedure"), group = t.Column("group"),
                 use = t.Column("use");
    for (const auto& row : t.rows) {
      std::string_view words = TsvTable::Cell(row, term);
      const bool case_sensitive = !words.empty() && words.front() == '=';
      if (case_sensitive) words.remove_prefix(1);
      v.index.Add(words, static_cast<uint32_t>(v.entries.size()), case_sensitive);
      v.entries.push_back({std::string(TsvTable::Cell(row, procedure)), std::string(TsvTable::Cell(row, group)),
                           UseOf(TsvTable::Cell(row, use))});
    }
    const TsvTable h = ParseTsv(EmbeddedFile("hcpcs_terms.tsv"));
    const size_t h_term = h.Column("term"), h_kind = h.Column("kind");
    for (const auto& row : h.rows) {
      if (TsvTable::Cell(row, h_kind) != "equipment") continue;
      std::string key = std::string(TsvTable::Cell(row, h_term));
      std::replace(key.begin(), key.end(), ' ', '_');
      v.index.Add(TsvTable::Cell(row, h_term), static_cast<uint32_t>(v.entries.size()));
      v.entries.push_back({key, "dme", Use::kAlways});
    }
    v.index.Freeze();
    return v;
  }();
  return vocabulary;
}

// The group a word formed like a procedure's name belongs to, or "".
std::string_view FormedGroup(std::string_view norm) {
  struct Ending {
    std::string_view suffix;
    std::string_view group;
  };
  static constexpr Ending kEndings[] = {
      {"ectomy", "surgery"}, {"otomy", "surgery"},  {"ostomy", "surgery"}, {"oscopy", "surgery"},
      {"plasty", "surgery"}, {"pexy", "surgery"},   {"desis", "surgery"},  {"rrhaphy", "surgery"},
      {"tripsy", "surgery"}, {"lysis", "surgery"},  {"centesis", "surgery"}, {"graphy", "imaging"},
      {"gram", "imaging"},
  };
  for (const Ending& e : kEndings) {
    if (norm.size() > e.suffix.size() + 2 && norm.ends_with(e.suffix)) return e.group;
  }
  return "";
}

// Words that qualify a procedure besides the common ones.
bool IsProcedureQualifier(const std::string& norm) {
  static const std::unordered_set<std::string> kWords = NormalForms(
      {"total", "partial", "hemi", "revision", "arthroscopic", "endoscopic", "percutaneous", "laparoscopic",
       "minimally", "invasive", "diagnostic", "therapeutic", "intraoperative", "operative", "transforaminal",
       "interlaminar", "caudal", "selective", "microscopic", "microsurgical", "radical", "simple", "extensive",
       "staged", "repeat", "serial", "emergent", "elective", "outpatient", "inpatient", "bedside",
       "stereotactic", "split", "thickness", "allograft", "autograft", "instrumented", "interbody",
       "posterolateral", "cemented", "uncemented", "bipolar", "unipolar", "reverse", "primary", "flexible",
       "rigid", "upper", "lower", "screening", "contrast", "whole", "single", "double",
       "four", "three", "two", "vessel", "level", "further", "multiple", "prior", "previous", "old", "new"});
  return kWords.count(norm) > 0;
}

struct Candidate {
  size_t begin = 0, end = 0;
  std::string procedure;
  std::string group;
};

// Under an ANESTHESIA heading, "General." or "Local with sedation" name the
// anesthesia given.
void AddAnesthesiaKinds(const PhraseWords& p, std::vector<Candidate>* out) {
  static const std::unordered_set<std::string> kKinds =
      NormalForms({"general", "local", "spinal", "regional", "epidural", "mac", "sedation", "endotracheal"});
  for (size_t i = 0; i < p.words.size(); ++i) {
    if (!kKinds.count(p.words[i].norm)) continue;
    size_t last = i;
    while (last + 1 < p.words.size() && kKinds.count(p.words[last + 1].norm) &&
           TrimView(p.text.substr(p.words[last].end, p.words[last + 1].begin - p.words[last].end)).empty()) {
      ++last;
    }
    out->push_back({p.words[i].begin, p.words[last].end, AsciiLower(p.words[i].norm) + "_anesthesia", "anesthesia"});
    i = last;
  }
}

Attributes ValueOf(std::string_view words, const Candidate& c) {
  Attributes value;
  value["procedure"] = c.procedure;
  value["procedure_group"] = c.group;
  AddSiteAndSide(words, &value);
  return value;
}

}  // namespace

std::vector<Fact> ExtractNamedProcedures(const Region& region) {
  const Vocabulary& v = TheVocabulary();
  const std::string_view text = region.text.text;
  const PhraseWords p = WordsOf(region);
  const ReachRules rules{.extra_qualifier = IsProcedureQualifier, .problem_before = true, .object_after_of = true};
  std::vector<Candidate> candidates;
  if (region.section == "anesthesia") AddAnesthesiaKinds(p, &candidates);
  const std::vector<uint32_t> ids = v.index.WordIds(p.words);
  for (size_t i = 0; i < p.words.size(); ++i) {
    const std::optional<TermIndex::Hit> hit = v.index.LongestAt(text, p.words, ids, i);
    Reach reach{i, i, false};
    std::string procedure, group;
    Use use = Use::kAlways;
    if (hit) {
      const Entry& e = v.entries[hit->payloads.front()];
      if (e.use == Use::kStop) continue;
      reach.last = i + hit->word_count - 1;
      procedure = e.procedure;
      group = e.group;
      use = e.use;
    } else if (std::string_view formed = FormedGroup(p.words[i].norm); !formed.empty()) {
      procedure = p.words[i].norm;
      group = std::string(formed);
    } else {
      continue;
    }
    ReachLeft(p, rules, &reach);
    ReachRight(p, rules, &reach);
    if (use == Use::kContext && !reach.qualified) continue;
    candidates.push_back({p.words[reach.first].begin, p.words[reach.last].end, procedure, group});
  }
  std::vector<Fact> facts;
  for (const Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    Fact f = MakeFact(region, text.substr(c.begin, c.end - c.begin), "procedure", "procedure.vocabulary@1");
    f.value = ValueOf(f.text, c);
    facts.push_back(std::move(f));
  }
  return facts;
}

}  // namespace imr
