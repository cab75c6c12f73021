#include "normalize/icd10.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace imr {
namespace {

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Word tables. Keys are lower-case words as printed (and, failing that, as
// stemmed); values are the canonical words they stand for ("" drops a word).

const std::unordered_map<std::string_view, std::string_view>& WordMap() {
  static const std::unordered_map<std::string_view, std::string_view> map = {
      // Discs.
      {"disk", "disc"}, {"hnp", "disc herniation"}, {"herniated", "herniation"}, {"hernated", "herniation"},
      {"protrusion", "herniation"}, {"protruding", "herniation"}, {"protruded", "herniation"},
      {"bulge", "herniation"}, {"bulging", "herniation"}, {"extrusion", "herniation"},
      {"extruded", "herniation"}, {"displacement", "herniation"}, {"prolapse", "herniation"},
      {"prolapsed", "herniation"}, {"degenerative", "degeneration"}, {"degenerated", "degeneration"},
      {"ddd", "disc degeneration"}, {"djd", "osteoarthritis"}, {"osteoarthrosis", "osteoarthritis"},
      {"arthrosis", "osteoarthritis"}, {"spondylotic", "spondylotic"},
      // Nerve roots.
      {"radicular", "radiculopathy"}, {"radiculitis", "radiculopathy"}, {"radiculopathie", "radiculopathy"},
      // Tendons.
      {"tendonitis", "tendinitis"}, {"tendinosis", "tendinitis"}, {"tendonosis", "tendinitis"},
      {"tendinopathy", "tendinitis"}, {"tendonopathy", "tendinitis"},
      // Injury words.
      {"sprained", "sprain"}, {"strained", "strain"}, {"torn", "tear"}, {"tearing", "tear"},
      {"rupture", "tear"}, {"ruptured", "tear"}, {"fractured", "fracture"}, {"fx", "fracture"},
      {"bruise", "contusion"}, {"bruised", "contusion"}, {"bruising", "contusion"}, {"contused", "contusion"},
      {"lacerated", "laceration"}, {"dislocated", "dislocation"}, {"separated", "separation"},
      // Head.
      {"depressed", "depression"}, {"depressive", "depression"}, {"cephalgia", "headache"}, {"cephalalgia", "headache"}, {"postconcussional", "postconcussion"},
      {"postconcussive", "postconcussion"}, {"tbi", "traumatic brain injury"}, {"loc", "loss consciousness"},
      // Sites.
      {"neck", "cervical"}, {"lumbosacral", "lumbosacral lumbar"}, {"cervicothoracic", "cervicothoracic cervical"},
      {"thoracolumbar", "thoracolumbar thoracic lumbar"}, {"midback", "thoracic"}, {"femur", "femoral"},
      {"meniscal", "meniscus"}, {"menisci", "meniscus"}, {"labral", "labrum"}, {"patellar", "patella"},
      {"tibial", "tibia"}, {"fibular", "fibula"}, {"clavicular", "clavicle"}, {"humeral", "humerus"},
      {"calcaneal", "calcaneus"}, {"paravertebral", "paraspinal"}, {"paraspinous", "paraspinal"},
      {"myoligamentous", "musculoligamentous"}, {"feet", "foot"}, {"calves", "calf"}, {"5th", "fifth"},
      {"1st", "first"},
      // Sides and encounters (read before stop words go).
      {"rt", "right"}, {"lt", "left"}, {"bilaterally", "bilateral"}, {"sequelae", "sequela"},
      // Medicine.
      {"opiate", "opioid"}, {"narcotic", "opioid"}, {"htn", "hypertension"}, {"dm", "diabetes"},
      {"dm2", "type 2 diabetes"}, {"t2dm", "type 2 diabetes"}, {"niddm", "type 2 diabetes"},
      {"iddm", "type 1 diabetes"}, {"t1dm", "type 1 diabetes"}, {"ii", "2"}, {"reflux", "gerd"},
      {"gastroesophageal", ""}, {"osa", "obstructive sleep apnea"}, {"snhl", "sensorineural hearing loss"},
      {"rsd", "crps"}, {"postsurgical", "postoperative"}, {"postprocedural", "postoperative"},
  };
  return map;
}

// Multi-word phrases that mean one thing, applied in order after WordMap.
const std::vector<std::pair<std::string_view, std::string_view>>& PhraseRules() {
  static const std::vector<std::pair<std::string_view, std::string_view>> rules = {
      {"low back", "lumbar"}, {"lower back", "lumbar"}, {"mid back", "thoracic"}, {"middle back", "thoracic"},
      {"upper back", "thoracic"}, {"c spine", "cervical"}, {"t spine", "thoracic"}, {"l spine", "lumbar"},
      {"post traumatic", "posttraumatic"}, {"post concussion", "postconcussion"},
      {"post postconcussion", "postconcussion"}, {"post laminectomy", "postlaminectomy"},
      {"post operative", "postoperative"}, {"posttraumatic stress disorder", "ptsd"},
      {"nucleus pulposus", "disc"}, {"degeneration joint disease", "osteoarthritis"},
      {"anterior cruciate ligament", "acl"}, {"anterior cruciate", "acl"},
      {"posterior cruciate ligament", "pcl"}, {"posterior cruciate", "pcl"},
      {"medial collateral ligament", "mcl"}, {"lateral collateral ligament", "lcl"},
      {"anterior talofibular ligament", "atfl"}, {"ac joint", "acromioclavicular"},
      {"acromioclavicular joint", "acromioclavicular"}, {"si joint", "sacroiliac"},
      {"sacroiliac joint", "sacroiliac"}, {"it band", "itband"}, {"iliotibial band", "itband"},
      {"iliotibial", "itband"}, {"complex regional pain syndrome", "crps"},
      {"reflex sympathetic dystrophy", "crps"}, {"high blood pressure", "hypertension"},
      {"type i", "type 1"}, {"b l", "bilateral"}, {"non insulin dependent", "noninsulin dependent"},
      {"anti inflammatory", "antiinflammatory"},
      {"nonsteroidal antiinflammatory drug", "nsaid"}, {"nonsteroidal antiinflammatory", "nsaid"},
  };
  return rules;
}

bool IsStopWord(std::string_view w) {
  static const std::unordered_set<std::string_view> stop = {
      "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "with", "for", "from", "by", "as",
      "is", "was", "s", "de", "spine", "region", "area", "level", "site", "part", "vertebral", "vertebra",
      "vertebrae", "intervertebral", "mellitus", "secondary", "due", "sided", "side", "initial",
      "encounter", "current", "its", "his", "her", "their"};
  return stop.count(w) > 0;
}

// Words that say little about which condition: they count once, others twice.
int WordWeight(std::string_view w) {
  static const std::unordered_set<std::string_view> generic = {
      "pain", "disorder", "syndrome", "injury", "disease", "unspecified", "other", "muscle", "tendon",
      "fascia", "ligament", "acute", "joint", "nerve", "condition", "problem", "lesion", "post", "without"};
  return generic.count(w) ? 1 : 2;
}

std::string Stem(const std::string& w) {
  if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) {
    return w.substr(0, w.size() - 1);
  }
  return w;
}

// ---------------------------------------------------------------------------
// Spinal levels: "L5", "L4-5", "L5-S1", "C5/C6".

struct Level {
  char letter = 0;
  int number = 0;
};

std::optional<Level> ParseLevel(std::string_view w, char default_letter) {
  Level l;
  size_t i = 0;
  if (!w.empty() && (w[0] == 'c' || w[0] == 't' || w[0] == 'l' || w[0] == 's')) {
    l.letter = w[0];
    i = 1;
  } else {
    l.letter = default_letter;
  }
  if (l.letter == 0 || i >= w.size() || w.size() - i > 2) return std::nullopt;
  for (size_t k = i; k < w.size(); ++k) {
    if (!IsAsciiDigit(w[k])) return std::nullopt;
    l.number = l.number * 10 + (w[k] - '0');
  }
  const int max = l.letter == 'c' ? 8 : l.letter == 't' ? 12 : 5;
  if (l.number < 1 || l.number > max) return std::nullopt;
  return l;
}

// The region words a level implies, then the level's own token ("c5c6").
std::vector<std::string> LevelWords(const Level& a, const std::optional<Level>& b) {
  std::vector<std::string> out;
  const char last = b ? b->letter : a.letter;
  const bool lumbosacral = (a.letter == 'l' && a.number == 5) || a.letter == 's' || last == 's';
  if (a.letter == 'c' && last == 't') {
    out = {"cervicothoracic", "cervical"};
  } else if (a.letter == 'c') {
    out = {"cervical"};
  } else if (a.letter == 't' && last == 'l') {
    out = {"thoracolumbar", "thoracic", "lumbar"};
  } else if (a.letter == 't') {
    out = {"thoracic"};
  } else if (lumbosacral) {
    out = {"lumbosacral", "lumbar"};
  } else {
    out = {"lumbar"};
  }
  std::string token = std::string(1, a.letter) + std::to_string(a.number);
  if (b) token += std::string(1, b->letter) + std::to_string(b->number);
  out.push_back(token);
  return out;
}

// ---------------------------------------------------------------------------
// A phrase as words.

struct RawToken {
  std::string word;
  std::string separator_before;
};

std::vector<RawToken> Tokenize(std::string_view text) {
  std::vector<RawToken> out;
  std::string separator;
  std::string word;
  for (char c : text) {
    if (c == '\'') continue;  // "de Quervain's" -> quervains
    if (IsAsciiAlnum(c)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (!word.empty()) {
      out.push_back({word, separator});
      word.clear();
      separator.clear();
    }
    separator += c;
  }
  if (!word.empty()) out.push_back({word, separator});
  return out;
}

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A word broken at a line-end hyphen ("radicul-\nopathy") is one word when
// the joined word is one the vocabulary knows and the halves are not both
// words it knows ("sprain- strain" stays two).
bool IsKnownWord(const std::string& w);

std::vector<RawToken> JoinBrokenWords(std::vector<RawToken> tokens) {
  std::vector<RawToken> out;
  for (RawToken& t : tokens) {
    const std::string_view sep = t.separator_before;
    const bool broken = sep.size() >= 2 && sep[0] == '-' && Trimmed(sep.substr(1)).empty();
    if (broken && !out.empty()) {
      const std::string joined = out.back().word + t.word;
      if (IsKnownWord(joined) && !(IsKnownWord(out.back().word) && IsKnownWord(t.word))) {
        out.back().word = joined;
        continue;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

void AppendCanonical(const std::string& raw, std::vector<std::string>* out) {
  const auto& map = WordMap();
  std::string_view canonical;
  if (auto it = map.find(raw); it != map.end()) {
    canonical = it->second;
  } else if (auto stemmed = map.find(Stem(raw)); stemmed != map.end()) {
    canonical = stemmed->second;
  } else {
    out->push_back(Stem(raw));
    return;
  }
  for (std::string& w : SplitWords(canonical)) out->push_back(std::move(w));
}

// Words with levels read and WordMap applied.
std::vector<std::string> CanonicalWords(std::string_view text) {
  std::vector<RawToken> tokens = JoinBrokenWords(Tokenize(text));
  std::vector<std::string> words;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (auto a = ParseLevel(tokens[i].word, 0)) {
      std::optional<Level> b;
      if (i + 1 < tokens.size()) {
        const std::string_view sep = Trimmed(tokens[i + 1].separator_before);
        if (sep == "-" || sep == "/") b = ParseLevel(tokens[i + 1].word, a->letter);
      }
      for (std::string& w : LevelWords(*a, b)) words.push_back(std::move(w));
      if (b) ++i;
      continue;
    }
    AppendCanonical(tokens[i].word, &words);
  }
  return words;
}

std::vector<std::string> ApplyPhraseRules(std::vector<std::string> words) {
  static const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> rules = [] {
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> out;
    for (const auto& [from, to] : PhraseRules()) out.emplace_back(SplitWords(from), SplitWords(to));
    return out;
  }();
  for (const auto& [from, to] : rules) {
    for (size_t i = 0; i + from.size() <= words.size();) {
      if (std::equal(from.begin(), from.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
        words.erase(words.begin() + static_cast<std::ptrdiff_t>(i),
                    words.begin() + static_cast<std::ptrdiff_t>(i + from.size()));
        words.insert(words.begin() + static_cast<std::ptrdiff_t>(i), to.begin(), to.end());
        i += to.size();
      } else {
        ++i;
      }
    }
  }
  return words;
}

// What a phrase says, as the matcher reads it.
struct Reading {
  std::set<std::string> words;
  std::string laterality;  // right, left, bilateral, or "" (not said, or both sides named)
  bool subsequent = false;
  bool sequela = false;
};

Reading Read(std::string_view text) {
  Reading r;
  const std::vector<std::string> words = ApplyPhraseRules(CanonicalWords(text));
  bool right = false, left = false, bilateral = false;
  for (const std::string& w : words) {
    if (w == "right") {
      right = true;
    } else if (w == "left") {
      left = true;
    } else if (w == "bilateral" || w == "both") {
      bilateral = true;
    } else if (w == "subsequent") {
      r.subsequent = true;
    } else if (w == "sequela") {
      r.sequela = true;
    } else if (!IsStopWord(w)) {
      r.words.insert(w);
    }
  }
  if (bilateral) {
    r.laterality = "bilateral";
  } else if (right != left) {
    r.laterality = right ? "right" : "left";
  }
  return r;
}

// ---------------------------------------------------------------------------
// The vocabulary, read once.

struct Term {
  std::vector<std::string> words;
  int weight = 0;
};

struct CompiledEntry {
  const Icd10Entry* entry = nullptr;
  std::vector<Term> terms;
};

const std::vector<CompiledEntry>& CompiledTable() {
  static const std::vector<CompiledEntry> compiled = [] {
    std::vector<CompiledEntry> out;
    for (const Icd10Entry& e : Icd10Table()) {
      if (!e.billable || e.terms.empty()) continue;
      CompiledEntry c{&e, {}};
      size_t from = 0;
      while (from <= e.terms.size()) {
        size_t bar = e.terms.find('|', from);
        if (bar == std::string_view::npos) bar = e.terms.size();
        const Reading r = Read(e.terms.substr(from, bar - from));
        Term t{{r.words.begin(), r.words.end()}, 0};
        for (const std::string& w : t.words) t.weight += WordWeight(w);
        if (!t.words.empty()) c.terms.push_back(std::move(t));
        from = bar + 1;
      }
      out.push_back(std::move(c));
    }
    return out;
  }();
  return compiled;
}

bool IsKnownWord(const std::string& w) {
  static const std::unordered_set<std::string> known = [] {
    std::unordered_set<std::string> out;
    for (const Icd10Entry& e : Icd10Table()) {
      std::string terms(e.terms);
      std::replace(terms.begin(), terms.end(), '|', ' ');
      for (std::string& word : SplitWords(terms)) out.insert(std::move(word));
    }
    for (const auto& [key, value] : WordMap()) out.emplace(key);
    return out;
  }();
  return known.count(w) > 0 || known.count(Stem(w)) > 0;
}

std::string CompactCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c != '.') out += Upper(c);
  }
  return out;
}

// Side preference: the row for the stated side, then a row with no side,
// then the side-unspecified row. A row for another side never matches.
std::optional<int> SideBonus(std::string_view stated, std::string_view row) {
  if (row.empty()) return 2;
  if (row == "unspecified") return stated.empty() ? 2 : 1;
  if (row == stated) return 3;
  return std::nullopt;
}

std::string WithEncounter(std::string code, const Reading& r) {
  const bool injury = (code[0] == 'S' || code[0] == 'T') && code.size() == 8 && code.back() == 'A';
  if (!injury) return code;
  if (r.subsequent) {
    code.back() = 'D';
  } else if (r.sequela) {
    code.back() = 'S';
  }
  return code;
}

// Rows of CompiledTable() by the first word of each of their terms.
const std::unordered_map<std::string, std::vector<size_t>>& RowsByFirstWord() {
  static const std::unordered_map<std::string, std::vector<size_t>> index = [] {
    std::unordered_map<std::string, std::vector<size_t>> out;
    const std::vector<CompiledEntry>& table = CompiledTable();
    for (size_t row = 0; row < table.size(); ++row) {
      for (const Term& t : table[row].terms) {
        if (!t.words.empty()) out[t.words.front()].push_back(row);
      }
    }
    return out;
  }();
  return index;
}

// The site and level words `anatomy` gives ("lumbar_spine", "L4-5").
std::set<std::string> AnatomyWords(const Attributes& anatomy) {
  std::string words;
  if (auto it = anatomy.find("body_site"); it != anatomy.end()) words += it->second + " ";
  if (auto it = anatomy.find("level"); it != anatomy.end()) words += it->second;
  std::replace(words.begin(), words.end(), '_', ' ');
  return Read(words).words;
}

std::string StatedSide(const Reading& text, const Attributes& anatomy) {
  if (auto it = anatomy.find("laterality"); it != anatomy.end() && !it->second.empty()) return it->second;
  return text.laterality;
}

// The row whose best term is wholly among the words, ranked by the term's
// weight, then by the weight of its words the text itself says (anatomy
// only adds), then by side. Ties go to the earlier row.
const Icd10Entry* BestEntry(const Reading& text, const std::set<std::string>& anatomy_words,
                            std::string_view side) {
  std::set<std::string> words = text.words;
  words.insert(anatomy_words.begin(), anatomy_words.end());
  // Only the rows with a term whose first word is among the words can match;
  // they are tried in table order, so ties still go to the earlier row.
  const std::vector<CompiledEntry>& table = CompiledTable();
  std::vector<size_t> rows;
  for (const std::string& w : words) {
    if (auto it = RowsByFirstWord().find(w); it != RowsByFirstWord().end()) {
      rows.insert(rows.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  const Icd10Entry* best = nullptr;
  std::tuple<int, int, int> best_rank{0, 0, 0};
  for (size_t row : rows) {
    const CompiledEntry& c = table[row];
    const std::optional<int> side_bonus = SideBonus(side, c.entry->laterality);
    if (!side_bonus) continue;
    for (const Term& t : c.terms) {
      const bool all =
          std::all_of(t.words.begin(), t.words.end(), [&](const std::string& w) { return words.count(w) > 0; });
      if (!all || t.weight < 2) continue;
      int own = 0;
      for (const std::string& w : t.words) own += text.words.count(w) ? WordWeight(w) : 0;
      const std::tuple<int, int, int> rank{t.weight, own, *side_bonus};
      if (rank > best_rank) {
        best_rank = rank;
        best = c.entry;
      }
    }
  }
  return best;
}

}  // namespace

bool IsWellFormedIcd10Cm(std::string_view code) {
  if (code.size() < 3) return false;
  const char first = Upper(code[0]);
  if (first < 'A' || first > 'Z') return false;
  if (first == 'U' && code[1] != '0') return false;  // U00-U09: codes for special purposes only
  if (!IsAsciiDigit(code[1]) || !IsAsciiAlnum(code[2])) return false;
  std::string_view rest = code.substr(3);
  if (rest.empty()) return true;
  if (rest[0] == '.') {
    rest.remove_prefix(1);
    if (rest.empty()) return false;
  }
  return rest.size() <= 4 && std::all_of(rest.begin(), rest.end(), IsAsciiAlnum);
}

const Icd10Entry* FindIcd10(std::string_view code) {
  static const std::unordered_map<std::string, const Icd10Entry*> index = [] {
    std::unordered_map<std::string, const Icd10Entry*> out;
    for (const Icd10Entry& e : Icd10Table()) out.emplace(CompactCode(e.code), &e);
    return out;
  }();
  if (!IsWellFormedIcd10Cm(code)) return nullptr;
  std::string key = CompactCode(code);
  if (auto it = index.find(key); it != index.end()) return it->second;
  // Another encounter of an injury row: D (subsequent) and S (sequela) for
  // any injury; fracture rows also take the healing variants (G, K, P) and
  // the open-fracture initial encounter (B).
  if (key.size() != 7 || (key[0] != 'S' && key[0] != 'T')) return nullptr;
  const char encounter = key.back();
  key.back() = 'A';
  auto it = index.find(key);
  if (it == index.end()) return nullptr;
  const bool fracture = it->second->description.find("racture") != std::string_view::npos;
  const std::string_view allowed = fracture ? "BDGKPS" : "DS";
  return allowed.find(encounter) != std::string_view::npos ? it->second : nullptr;
}

std::optional<Code> CodeDiagnosis(std::string_view diagnosis_text, const Attributes& anatomy) {
  const Reading text = Read(diagnosis_text);
  const Icd10Entry* best = BestEntry(text, AnatomyWords(anatomy), StatedSide(text, anatomy));
  if (!best) return std::nullopt;
  return Code{"ICD-10-CM", WithEncounter(std::string(best->code), text)};
}

void CodeDiagnosisFacts(std::vector<Fact>* facts) {
  for (Fact& f : *facts) {
    // A fact already coded (code_source set) keeps its code: running twice
    // changes nothing.
    if (f.kind != "diagnosis") continue;
    // The Alphabetic Index's code for a problem's words (extract/): the
    // vocabulary below knows sides and encounters, and wins where it codes.
    if (auto source = f.value.find("code_source"); source != f.value.end() && source->second == "icd10cm_index") {
      if (std::optional<Code> code = CodeDiagnosis(f.text, f.value)) {
        f.code = std::move(code);
        source->second = "vocabulary";
      }
      continue;
    }
    if (f.value.count("code_source")) continue;
    if (f.code && IsWellFormedIcd10Cm(f.code->code)) {
      f.value["code_source"] = "text";
      f.value["code_in_vocabulary"] = FindIcd10(f.code->code) ? "true" : "false";
      continue;
    }
    if (f.code) {
      f.value["code_problem"] = "malformed";
      f.value["code_written"] = f.code->code;
      f.code.reset();
    }
    if (std::optional<Code> code = CodeDiagnosis(f.text, f.value)) {
      f.code = std::move(code);
      f.value["code_source"] = "vocabulary";
    }
  }
}

}  // namespace imr
