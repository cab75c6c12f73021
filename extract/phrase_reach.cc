#include "extract/phrase_reach.h"

#include <algorithm>
#include <cctype>

#include "core/anatomy.h"
#include "core/text.h"
#include "extract/region.h"
#include "extract/problem_extractor.h"

namespace imr {
namespace {


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
      "episodic", "occasional", "residual", "late", "end", "stage", "recent", "frequent",
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


std::string_view Gap(const PhraseWords& p, size_t a, size_t b) {
  return p.text.substr(p.words[a].end, p.words[b].begin - p.words[a].end);
}

bool Qualifies(const PhraseWords& p, const ReachRules& rules, size_t j) {
  const std::string& w = p.words[j].norm;
  return IsQualifier(w) || (rules.extra_qualifier && rules.extra_qualifier(w)) || p.anatomy[j] || p.level[j] ||
         LooksAdjectival(p.text, p.words[j]) ||
         (rules.problem_before && NamesProblem(p.text.substr(p.words[j].begin, p.words[j].end - p.words[j].begin)));
}

bool IsConjunction(const std::string& w) { return w == "and" || w == "to" || w == "or"; }

// Words that end the object of "of": verbs and function words.
bool EndsObject(const std::string& w) {
  static const std::unordered_set<std::string> kWords = NormalForms(
      {"was", "were", "is", "are", "be", "been", "with", "without", "using", "under", "for", "from", "by", "which",
       "that", "then", "in", "on", "at", "to", "after", "before", "through", "into", "as", "and", "or", "but",
       "he", "she", "it", "they", "we", "this", "these", "there", "who", "had", "has", "have", "did", "done",
       "performed", "placed", "made", "obtained", "noted", "showed", "revealed", "because", "due", "secondary",
       "if", "when", "while", "where", "until", "per", "via", "so", "also", "not", "no"});
  return kWords.count(w) > 0;
}

}  // namespace

// Takes in qualifiers, sites and levels written before the term.
void ReachLeft(const PhraseWords& p, const ReachRules& rules, Reach* r) {
  // A term's qualifiers are a short phrase ("severe left L5-S1 foraminal"):
  // at most kMaxWordsBefore words, as ReachRight takes at most eight after.
  // Unbounded, every term in a long run of qualifying words ("chiropractic
  // chiropractic ...", each word a term and an adjective) walked back to the
  // run's start: quadratic, 20 s for 256 KB of text (fuzz/README.md).
  const size_t floor = r->first > kMaxWordsBefore ? r->first - kMaxWordsBefore : 0;
  while (r->first > floor) {
    const size_t j = r->first - 1;
    if (!JoinedInPhrase(Gap(p, j, r->first))) break;
    const bool joins_like = IsConjunction(p.words[j].norm) && j > 0 && Qualifies(p, rules, j - 1) &&
                            JoinedInPhrase(Gap(p, j - 1, j));
    if (!(Qualifies(p, rules, j) || joins_like)) break;
    r->first = j;
    r->qualified = true;
  }
  // A phrase starts with a qualifier or site, never with "and" or "to".
  while (r->first < r->last && IsConjunction(p.words[r->first].norm)) ++r->first;
}

namespace {

// "of the old hardware": the object of the term, up to five words.
bool ReachObject(const PhraseWords& p, Reach* r) {
  const size_t n = p.words.size();
  const size_t of = r->last + 1;
  if (of + 1 >= n || p.words[of].norm != "of" || !JoinedInPhrase(Gap(p, r->last, of))) return false;
  size_t last = of;
  for (size_t j = of + 1; j < n && j <= of + 5; ++j) {
    if (!JoinedInPhrase(Gap(p, j - 1, j)) || EndsObject(p.words[j].norm)) break;
    last = j;
  }
  if (last == of) return false;
  r->last = last;
  r->qualified = true;
  return true;
}

}  // namespace

void ReachRight(const PhraseWords& p, const ReachRules& rules, Reach* r) {
  const std::vector<WordToken>& w = p.words;
  const size_t n = w.size();
  size_t k = r->last + 1;
  if (k >= n) return;
  const std::string_view gap = Gap(p, r->last, k);
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
      JoinedInPhrase(Gap(p, k, j))) {
    r->last = j;
    r->qualified = true;
    return;
  }
  size_t last_site = 0;
  bool found = false;
  for (size_t prev = j - 1; j < n && j - k < 8; prev = j, ++j) {
    if (j > k && !JoinedInPhrase(Gap(p, prev, j)) && !(TrimView(Gap(p, prev, j)) == "," && p.level[j])) break;
    const std::string& x = w[j].norm;
    if (p.anatomy[j] || p.level[j]) {
      last_site = j;
      found = true;
    } else if (!(IsQualifier(x) || (rules.extra_qualifier && rules.extra_qualifier(x)) || x == "and" || x == "or" ||
                 x == "his" || x == "her" || x == "both" || x == "bilaterally")) {
      break;
    }
    if (x == "bilaterally" && found) last_site = j;
  }
  if (found) {
    r->last = last_site;
    r->qualified = true;
    return;
  }
  if (rules.object_after_of) ReachObject(p, r);
}

RegionWords ReadRegionWords(std::string_view text) {
  RegionWords r{TokenizeWords(text), {}, {}};
  const size_t n = r.words.size();
  r.anatomy.assign(n, false);
  r.level.assign(n, false);
  size_t i = 0;
  for (const BodySiteMention& m : FindBodySites(text, r.words)) {
    while (i < n && r.words[i].begin < m.begin) ++i;
    for (size_t k = i; k < n && r.words[k].end <= m.end; ++k) r.anatomy[k] = true;
  }
  for (size_t k = 0; k < n; ++k) {
    if (IsLevelWord(r.words[k].norm)) {
      r.level[k] = true;
    } else if (k > 0 && r.level[k - 1] && IsNumber(r.words[k].norm) && r.words[k].norm.size() <= 2 &&
               text.substr(r.words[k - 1].end, r.words[k].begin - r.words[k - 1].end) == "-") {
      r.level[k] = true;  // "C5-6"
    }
  }
  return r;
}

PhraseWords WordsOf(const Region& region) {
  const RegionWords& w = region.Words();
  return {region.text.text, w.words, w.anatomy, w.level};
}

std::unordered_set<std::string> NormalForms(std::initializer_list<std::string_view> words) {
  std::unordered_set<std::string> out;
  for (std::string_view w : words) out.insert(NormalizeWord(w));
  return out;
}

void AddSiteAndSide(std::string_view words, Attributes* value) {
  if (const BodySite* site = BodySiteOfWords(words)) (*value)["body_site"] = std::string(site->site);
  const std::string lower = AsciiLower(words);
  for (std::string_view side : {"bilateral", "left", "right"}) {
    const size_t at = lower.find(side);
    if (at != std::string::npos && (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1])))) {
      (*value)["laterality"] = std::string(side);
      return;
    }
  }
}

}  // namespace imr
