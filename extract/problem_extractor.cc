#include "extract/problem_extractor.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "core/anatomy.h"
#include "core/embedded_files.h"
#include "core/term_index.h"
#include "core/text.h"
#include "core/tsv.h"
#include "extract/keep_longest.h"

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

// The normal forms (core/term_index.h) of `words`.
std::unordered_set<std::string> NormalForms(std::initializer_list<std::string_view> words) {
  std::unordered_set<std::string> out;
  for (std::string_view w : words) out.insert(NormalizeWord(w));
  return out;
}

// Words that qualify a problem written before it (or between its site words).
bool IsQualifier(const std::string& w) {
  static const std::unordered_set<std::string> kWords = NormalForms({
      // side
      "left", "right", "bilateral", "unilateral", "ipsilateral", "contralateral",
      // severity and extent
      "mild", "moderate", "severe", "marked", "minimal", "minor", "significant", "extensive", "advanced",
      "slight", "profound", "gross", "small", "large", "massive", "tiny", "multiple", "multilevel",
      "diffuse", "focal", "generalized", "localized", "global", "widespread", "scattered", "early",
      // course
      "acute", "chronic", "subacute", "recurrent", "intermittent", "persistent", "progressive",
      "worsening", "increasing", "increased", "decreased", "new", "ongoing", "constant", "longstanding",
      "episodic", "occasional", "residual", "late", "end", "stage", "old", "recent", "frequent",
      "postoperative", "postop", "post", "op", "perioperative", "preoperative", "posttraumatic",
      "traumatic", "nontraumatic", "atraumatic", "congenital", "idiopathic", "primary", "secondary",
      "mechanical", "axial", "radicular", "referred", "sharp", "dull", "burning", "aching", "stabbing",
      "shooting", "throbbing", "cramping", "nagging", "excruciating", "debilitating",
      // kind
      "degenerative", "displaced", "nondisplaced", "non", "comminuted", "compound", "open", "closed",
      "complete", "incomplete", "partial", "full", "thickness", "avulsion", "stress", "pathologic",
      "pathological", "metastatic", "malignant", "benign", "active", "inflammatory", "infectious",
      "septic", "necrotizing", "obstructive", "hemorrhagic", "ischemic", "occlusive", "unstable",
      "stable", "spastic", "flaccid", "sensory", "motor", "sensorimotor", "peripheral", "central",
      "paracentral", "foraminal", "broad", "based", "annular", "circumferential", "concentric",
      "osteophytic", "hypertrophic", "calcified", "sided", "grade", "type",
      // position
      "anterior", "posterior", "lateral", "medial", "distal", "proximal", "superior", "inferior",
      "upper", "lower", "mid", "deep", "superficial", "dorsal", "volar", "plantar", "palmar", "midline",
      "intra", "extra", "articular", "transverse", "oblique", "spiral", "segmental",
  });
  return kWords.count(w) > 0;
}

bool IsPreposition(const std::string& w) {
  static const std::unordered_set<std::string> kWords = NormalForms(
      {"of", "in", "to", "at", "involving", "over", "on", "along", "about", "around", "within", "affecting", "into"});
  return kWords.count(w) > 0;
}

// A word that reads as an adjective ("tricompartmental", "subtentorial",
// "calcific") qualifies the problem it stands before, unless it is one of
// the common adjectives that say nothing about a problem.
bool LooksAdjectival(std::string_view text, const WordToken& w) {
  static const std::unordered_set<std::string> kNot = NormalForms(
      {"normal", "several", "total", "usual", "general", "medical", "physical", "clinical", "surgical", "original",
       "final", "initial", "additional", "potential", "typical", "actual", "social", "personal", "optimal",
       "critical", "specific", "basic", "public", "various", "previous", "obvious", "serious", "numerous",
       "positive", "negative", "conservative", "effective", "relative", "alternative", "excessive",
       "subjective", "objective", "similar", "regular", "particular", "popular", "ordinary", "necessary",
       "primary", "secondary", "temporary", "voluntary", "present", "recent", "frequent", "current",
       "patient", "consistent", "different", "significant", "important", "evident", "apparent", "constant",
       "pertinent", "relevant", "independent", "dependent", "intermittent", "prominent", "resident"});
  std::string lower = AsciiLower(text.substr(w.begin, w.end - w.begin));
  if (lower.size() < 6 || kNot.count(w.norm)) return false;
  for (std::string_view end : {"al", "ic", "ous", "ive", "ar", "ary", "ory", "oid", "ile", "otic", "atic", "eal"}) {
    if (lower.ends_with(end)) return true;
  }
  return false;
}

// "c5", "l4", "s1", "t12": a spinal level.
bool IsLevelWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 3) return false;
  if (w[0] != 'c' && w[0] != 't' && w[0] != 'l' && w[0] != 's') return false;
  return std::all_of(w.begin() + 1, w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// What each word of a region is, for reaching out from a term.
struct WordRoles {
  std::vector<bool> anatomy;  // part of a body-site name
  std::vector<bool> level;    // a spinal level, or the number after "C5-"
};

WordRoles RolesOf(std::string_view text, const std::vector<WordToken>& words) {
  WordRoles roles{std::vector<bool>(words.size()), std::vector<bool>(words.size())};
  for (const BodySiteMention& m : FindBodySites(text)) {
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].begin >= m.begin && words[i].end <= m.end) roles.anatomy[i] = true;
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (IsLevelWord(words[i].norm)) {
      roles.level[i] = true;
    } else if (i > 0 && roles.level[i - 1] && IsNumber(words[i].norm) && words[i].norm.size() <= 2 &&
               text.substr(words[i - 1].end, words[i].begin - words[i - 1].end) == "-") {
      roles.level[i] = true;  // "C5-6"
    }
  }
  return roles;
}

// The text between two words, when it joins them within a phrase: spaces, a
// hyphen or a slash, and the articles that are no words of a term ("in the
// knee"); never a line break or punctuation.
bool JoinedInPhrase(std::string_view gap) {
  size_t letters = 0;
  for (size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == ' ' || c == '-' || c == '/') continue;
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    ++letters;
  }
  if (letters == 0) return gap.size() <= 3;
  const std::string words = AsciiLower(CollapseWhitespace(gap));
  return words == "the" || words == "an";
}

struct Reach {
  size_t first = 0, last = 0;  // words, inclusive
  bool qualified = false;      // words around the term were taken in
};

std::string_view Gap(std::string_view text, const std::vector<WordToken>& w, size_t a, size_t b) {
  return text.substr(w[a].end, w[b].begin - w[a].end);
}

// Takes in qualifiers, sites and levels written before the term.
void ReachLeft(std::string_view text, const std::vector<WordToken>& w, const WordRoles& roles, Reach* r) {
  while (r->first > 0) {
    const size_t j = r->first - 1;
    if (!JoinedInPhrase(Gap(text, w, j, r->first))) break;
    const std::string& word = w[j].norm;
    const bool joins_like = (word == "to" || word == "and" || word == "or") && j > 0 &&
                            (IsQualifier(w[j - 1].norm) || roles.anatomy[j - 1] || roles.level[j - 1]) &&
                            JoinedInPhrase(Gap(text, w, j - 1, j));
    if (!(IsQualifier(w[j].norm) || roles.anatomy[j] || roles.level[j] || joins_like ||
          LooksAdjectival(text, w[j]))) {
      break;
    }
    r->first = j;
    r->qualified = true;
  }
  // A phrase starts with a qualifier or site, never with "and" or "to".
  while (r->first < r->last && (w[r->first].norm == "and" || w[r->first].norm == "to" || w[r->first].norm == "or")) {
    ++r->first;
  }
}

// Takes in a site or level written after the term: "in the right knee",
// ", left knee", "at C5-6 and C6-7", "bilaterally", "on the left".
void ReachRight(std::string_view text, const std::vector<WordToken>& w, const WordRoles& roles, Reach* r) {
  const size_t n = w.size();
  size_t k = r->last + 1;
  if (k >= n) return;
  const std::string_view gap = Gap(text, w, r->last, k);
  const std::string& word = w[k].norm;
  if (JoinedInPhrase(gap) && (word == "bilaterally" || word == "bilateral")) {
    r->last = k;
    r->qualified = true;
    return;
  }
  const bool comma = TrimView(gap) == ",";
  const bool preposition = JoinedInPhrase(gap) && IsPreposition(word);
  if (!comma && !preposition) return;
  size_t j = preposition ? k + 1 : k;
  // "on the left": a side alone.
  if (preposition && word == "on" && j < n && (w[j].norm == "left" || w[j].norm == "right") &&
      JoinedInPhrase(Gap(text, w, k, j))) {
    r->last = j;
    r->qualified = true;
    return;
  }
  size_t last_site = 0;
  bool found = false;
  for (size_t prev = j - 1; j < n && j - k < 8; prev = j, ++j) {
    if (j > k && !JoinedInPhrase(Gap(text, w, prev, j)) &&
        !(TrimView(Gap(text, w, prev, j)) == "," && roles.level[j])) {
      break;
    }
    const std::string& x = w[j].norm;
    if (roles.anatomy[j] || roles.level[j]) {
      last_site = j;
      found = true;
    } else if (!(IsQualifier(x) || x == "and" || x == "or" || x == "his" || x == "her" || x == "both" ||
                 x == "bilaterally")) {
      break;
    }
    if (x == "bilaterally" && found) last_site = j;
  }
  if (found) {
    r->last = last_site;
    r->qualified = true;
  }
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
  const std::vector<WordToken> words = TokenizeWords(text);
  if (words.empty()) return {};
  const WordRoles roles = RolesOf(text, words);
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::optional<TermIndex::Hit> hit = v.index.LongestAt(text, words, i);
    if (!hit) continue;
    const uint32_t id = hit->payloads.front();
    const Term& term = v.terms[id];
    if (term.use == Use::kStop) continue;
    Reach reach{i, i + hit->word_count - 1, false};
    ReachLeft(text, words, roles, &reach);
    ReachRight(text, words, roles, &reach);
    if (term.use == Use::kContext && !reach.qualified) continue;
    candidates.push_back({words[reach.first].begin, words[reach.last].end, id, reach});
  }
  std::vector<Fact> facts;
  for (const Candidate& c : KeepLongestPerSpan(std::move(candidates), EqualLength::kEarlierBeginWins)) {
    const Term& term = v.terms[c.term];
    Fact f = MakeFact(region, text.substr(c.begin, c.end - c.begin), "diagnosis", "diagnosis.vocabulary@1");
    f.value = ValueOf(f.text, term);
    if (!term.code.empty()) f.code = Code{"ICD-10-CM", std::string(term.code)};
    facts.push_back(std::move(f));
  }
  return facts;
}

}  // namespace imr
