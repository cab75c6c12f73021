#include "core/term_index.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace imr {
namespace {

// Bytes of non-word characters outside ASCII that start at text[i]: general
// punctuation (U+2000-U+206F: curly quotes, dashes, bullets) and the no-break
// space. 0 when text[i] starts a letter or is ASCII.
size_t WideSeparatorLength(std::string_view text, size_t i) {
  const auto at = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  if (at(i) == 0xE2 && (at(i + 1) == 0x80 || at(i + 1) == 0x81)) return 3;
  if (at(i) == 0xC2 && (at(i + 1) == 0xA0 || at(i + 1) == 0xB7)) return 2;
  return 0;
}

bool IsWordByteAt(std::string_view text, size_t i) {
  const auto u = static_cast<unsigned char>(text[i]);
  if (u < 0x80) return std::isalnum(u) != 0;
  return WideSeparatorLength(text, i) == 0;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Plurals Latin and Greek give medicine, which no suffix rule folds, and the
// lengths they span: a word of another length skips the lookup (most words of
// medicine are longer than any plural here).
struct IrregularPlurals {
  std::unordered_map<std::string_view, std::string_view> singular;
  size_t shortest = 0;
  size_t longest = 0;
};

const IrregularPlurals& Irregulars() {
  static const IrregularPlurals table = [] {
    IrregularPlurals t;
    t.singular = {
      {"metastases", "metastasis"}, {"diagnoses", "diagnosis"}, {"stenoses", "stenosis"},
      {"prostheses", "prosthesis"}, {"anastomoses", "anastomosis"}, {"vertebrae", "vertebra"},
      {"bursae", "bursa"}, {"phalanges", "phalanx"}, {"foramina", "foramen"}, {"sequelae", "sequela"},
      {"emboli", "embolus"}, {"thrombi", "thrombus"}, {"calculi", "calculus"}, {"fungi", "fungus"},
      {"bacteria", "bacterium"}, {"teeth", "tooth"}, {"feet", "foot"}, {"men", "man"}, {"women", "woman"},
      {"children", "child"}, {"lice", "louse"}, {"apices", "apex"}, {"indices", "index"},
      {"cervices", "cervix"}, {"testes", "testis"}, {"analyses", "analysis"}, {"neuroses", "neurosis"},
      {"psychoses", "psychosis"}, {"scapulae", "scapula"}, {"fistulae", "fistula"}, {"ova", "ovum"},
    };
    t.shortest = SIZE_MAX;
    for (const auto& [plural, singular] : t.singular) {
      t.shortest = std::min(t.shortest, plural.size());
      t.longest = std::max(t.longest, plural.size());
    }
    return t;
  }();
  return table;
}

std::string_view IrregularSingular(std::string_view w) {
  const IrregularPlurals& t = Irregulars();
  if (w.size() < t.shortest || w.size() > t.longest) return {};
  auto it = t.singular.find(w);
  return it == t.singular.end() ? std::string_view() : it->second;
}

// Singular and plural to one form: a final "s" or "es" goes, and then a final
// "e" ("headaches" and "headache" -> "headach", "injuries" -> "injury",
// "reflexes" -> "reflex"). Words that end in "ss", "us", "is", "os" or "as"
// keep their "s"; short words stay as they are.
std::string FoldPlural(std::string w) {
  if (std::string_view irregular = IrregularSingular(w); !irregular.empty()) return std::string(irregular);
  if (w.size() < 4) return w;
  if (EndsWith(w, "ies")) {
    w.resize(w.size() - 2);
    w.back() = 'y';
    return w;
  }
  if (w.back() == 's' && !(EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is") || EndsWith(w, "os") ||
                           EndsWith(w, "as"))) {
    w.pop_back();
  }
  if (w.back() == 'e' && w.size() > 4) w.pop_back();
  return w;
}

}  // namespace

std::string NormalizeWord(std::string_view word) {
  std::string w(word);
  bool has_digit = false;
  for (char& c : w) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // ASCII only, as in the C locale
    has_digit = has_digit || (c >= '0' && c <= '9');
  }
  if (!has_digit) w = FoldPlural(std::move(w));
  if (w == "disk") return "disc";
  return w;
}

std::vector<WordToken> TokenizeWords(std::string_view text) {
  std::vector<WordToken> words;
  for (size_t i = 0; i < text.size();) {
    if (!IsWordByteAt(text, i)) {
      i += std::max<size_t>(1, WideSeparatorLength(text, i));
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByteAt(text, j)) ++j;
    const std::string_view raw = text.substr(i, j - i);
    // "Spurling's", "Spurling’s": the possessive's "s" is no word.
    const bool possessive_s = (raw == "s" || raw == "S") && i > 0 &&
                              (text[i - 1] == '\'' || static_cast<unsigned char>(text[i - 1]) == 0x99);
    if (!possessive_s) {
      std::string norm = NormalizeWord(raw);
      if (norm != "the" && norm != "an") words.push_back({i, j, std::move(norm)});
    }
    i = j;
  }
  return words;
}

std::string NameRegex(std::string_view name, std::string_view separator) {
  std::string out;
  bool in_word = false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
      in_word = true;
    } else if (in_word) {
      out += separator;
      in_word = false;
    }
  }
  while (!separator.empty() && out.ends_with(separator)) out.resize(out.size() - separator.size());
  if (out.ends_with("y")) return out.substr(0, out.size() - 1) + "(?:y|ies)";
  if (out.ends_with("s") || out.ends_with("x") || out.ends_with("ch") || out.ends_with("sh")) return out + "(?:es)?";
  return out + "(?:e?s)?";
}

uint32_t TermIndex::WordTable::HashOf(std::string_view word) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

const TermIndex::WordTable::Slot* TermIndex::WordTable::SlotOf(std::string_view word, uint32_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return &slot;
    if (slot.hash == hash && std::string_view(chars_).substr(slot.offset, slot.length) == word) return &slot;
  }
}

void TermIndex::WordTable::Place(const Slot& slot) {
  const size_t mask = slots_.size() - 1;
  size_t i = slot.hash & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = slot;
  words_[slot.id - 1] = static_cast<uint32_t>(i);
}

uint32_t TermIndex::WordTable::Find(std::string_view word) const {
  const Slot* slot = SlotOf(word, HashOf(word));
  return slot == nullptr ? 0 : slot->id;
}

uint32_t TermIndex::WordTable::Intern(std::string_view word) {
  const uint32_t hash = HashOf(word);
  if (const Slot* slot = SlotOf(word, hash); slot != nullptr && slot->id != 0) return slot->id;
  if (2 * (words_.size() + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, 2 * old.size()), Slot{});
    for (const Slot& s : old) {
      if (s.id != 0) Place(s);
    }
  }
  const Slot slot{hash, static_cast<uint32_t>(words_.size() + 1), static_cast<uint32_t>(chars_.size()),
                  static_cast<uint32_t>(word.size())};
  chars_.append(word);
  words_.push_back(0);
  Place(slot);
  return slot.id;
}

std::string_view TermIndex::WordTable::Word(uint32_t id) const {
  const Slot& slot = slots_[words_[id - 1]];
  return std::string_view(chars_).substr(slot.offset, slot.length);
}

uint32_t TermIndex::IdOf(std::string_view norm) const { return ids_of_.Find(norm); }

uint32_t TermIndex::Intern(const std::string& norm) { return ids_of_.Intern(norm); }

void TermIndex::Add(std::string_view term, uint32_t payload, bool case_sensitive) {
  if (frozen_) throw std::logic_error("TermIndex::Add after Freeze");
  const std::vector<WordToken> words = TokenizeWords(term);
  if (words.empty() || words.size() > 0xFFFF) return;
  Entry e;
  e.first = static_cast<uint32_t>(ids_.size());
  e.count = static_cast<uint16_t>(words.size());
  e.payload = payload;
  e.case_sensitive = case_sensitive;
  for (const WordToken& w : words) ids_.push_back(Intern(w.norm));
  if (case_sensitive) {
    std::string raw;
    for (const WordToken& w : words) raw += std::string(term.substr(w.begin, w.end - w.begin)) + " ";
    e.raw = static_cast<uint32_t>(raws_.size());
    raws_.push_back(std::move(raw));
  }
  entries_.push_back(e);
}

void TermIndex::Freeze() {
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    const auto* pa = ids_.data() + a.first;
    const auto* pb = ids_.data() + b.first;
    if (std::lexicographical_compare(pa, pa + a.count, pb, pb + b.count)) return true;
    if (std::lexicographical_compare(pb, pb + b.count, pa, pa + a.count)) return false;
    return a.payload < b.payload;
  });
  IndexFirstWords();
  frozen_ = true;
}

void TermIndex::IndexFirstWords() {
  // Sorted, the entries that start with one word are a run: its bounds by
  // the word's id, so a lookup starts in that run, not with two binary
  // searches of the whole index (a large vocabulary's, a cache miss a step).
  first_word_end_.assign(ids_of_.size() + 2, 0);
  for (const Entry& e : entries_) ++first_word_end_[ids_[e.first] + 1];
  for (size_t id = 1; id < first_word_end_.size(); ++id) first_word_end_[id] += first_word_end_[id - 1];
}

bool TermIndex::CaseHolds(const Entry& e, std::string_view text, const std::vector<WordToken>& words,
                          size_t i) const {
  if (!e.case_sensitive) return true;
  std::string raw;
  for (size_t k = 0; k < e.count; ++k) raw += std::string(text.substr(words[i + k].begin, words[i + k].end - words[i + k].begin)) + " ";
  return raw == raws_[e.raw];
}

uint32_t TermIndex::PayloadBound() const {
  uint32_t bound = 0;
  for (const Entry& e : entries_) bound = std::max(bound, e.payload + 1);
  return bound;
}

std::vector<uint32_t> TermIndex::WordIds(const std::vector<WordToken>& words) const {
  std::vector<uint32_t> ids(words.size());
  for (size_t i = 0; i < words.size(); ++i) ids[i] = IdOf(words[i].norm);
  return ids;
}

std::optional<TermIndex::Hit> TermIndex::LongestAt(std::string_view text, const std::vector<WordToken>& words,
                                                  size_t i) const {
  std::vector<uint32_t> ids;
  for (size_t k = i; k < words.size(); ++k) {
    ids.push_back(IdOf(words[k].norm));
    if (ids.back() == 0) break;
  }
  ids.insert(ids.begin(), i, 0);
  return LongestAt(text, words, ids, i);
}

std::optional<TermIndex::Hit> TermIndex::LongestAt(std::string_view text, const std::vector<WordToken>& words,
                                                  const std::vector<uint32_t>& ids, size_t i) const {
  if (i >= ids.size() || ids[i] == 0 || ids[i] + 1 >= first_word_end_.size()) return std::nullopt;
  size_t lo = first_word_end_[ids[i]], hi = first_word_end_[ids[i] + 1];
  std::optional<Hit> best;
  for (size_t depth = 0; i + depth < ids.size() && lo < hi; ++depth) {
    const uint32_t id = ids[i + depth];
    if (id == 0) break;
    // Entries in [lo, hi) share the first `depth` words; those with exactly
    // `depth` words sort first. Keep the ones whose next word is `id`.
    while (lo < hi && entries_[lo].count == depth) ++lo;
    const auto word_at = [&](const Entry& e) { return ids_[e.first + depth]; };
    lo = static_cast<size_t>(std::partition_point(entries_.begin() + lo, entries_.begin() + hi,
                                                  [&](const Entry& e) { return word_at(e) < id; }) -
                             entries_.begin());
    hi = static_cast<size_t>(std::partition_point(entries_.begin() + lo, entries_.begin() + hi,
                                                  [&](const Entry& e) { return word_at(e) <= id; }) -
                             entries_.begin());
    // Terms that end here.
    Hit hit{i, depth + 1, {}};
    for (size_t k = lo; k < hi && entries_[k].count == depth + 1; ++k) {
      if (CaseHolds(entries_[k], text, words, i)) hit.payloads.push_back(entries_[k].payload);
    }
    if (!hit.payloads.empty()) best = std::move(hit);
  }
  return best;
}

namespace {

constexpr std::string_view kImageMagic = "imr.term_index/1\n";

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), sizeof v); }

bool GetU32(std::string_view* in, uint32_t* v) {
  if (in->size() < sizeof *v) return false;
  std::memcpy(v, in->data(), sizeof *v);
  in->remove_prefix(sizeof *v);
  return true;
}

bool GetString(std::string_view* in, std::string* s) {
  uint32_t n = 0;
  if (!GetU32(in, &n) || in->size() < n) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

}  // namespace

std::string TermIndex::Save() const {
  std::string out(kImageMagic);
  PutU32(&out, static_cast<uint32_t>(ids_of_.size()));
  for (uint32_t id = 1; id <= ids_of_.size(); ++id) {
    const std::string_view word = ids_of_.Word(id);
    PutU32(&out, static_cast<uint32_t>(word.size()));
    out += word;
  }
  PutU32(&out, static_cast<uint32_t>(ids_.size()));
  for (uint32_t id : ids_) PutU32(&out, id);
  PutU32(&out, static_cast<uint32_t>(entries_.size()));
  for (const Entry& e : entries_) {
    PutU32(&out, e.first);
    PutU32(&out, static_cast<uint32_t>(e.count) | (e.case_sensitive ? 0x10000u : 0u));
    PutU32(&out, e.payload);
    PutU32(&out, e.raw);
  }
  PutU32(&out, static_cast<uint32_t>(raws_.size()));
  for (const std::string& raw : raws_) {
    PutU32(&out, static_cast<uint32_t>(raw.size()));
    out += raw;
  }
  return out;
}

std::optional<TermIndex> TermIndex::Load(std::string_view in) {
  if (!in.starts_with(kImageMagic)) return std::nullopt;
  in.remove_prefix(kImageMagic.size());
  TermIndex index;
  uint32_t n = 0;
  if (!GetU32(&in, &n)) return std::nullopt;
  for (uint32_t id = 1; id <= n; ++id) {
    std::string norm;
    if (!GetString(&in, &norm) || index.ids_of_.Intern(norm) != id) return std::nullopt;  // twice: not Save's
  }
  if (!GetU32(&in, &n) || in.size() / sizeof(uint32_t) < n) return std::nullopt;
  index.ids_.resize(n);
  std::memcpy(index.ids_.data(), in.data(), n * sizeof(uint32_t));
  in.remove_prefix(n * sizeof(uint32_t));
  if (!GetU32(&in, &n)) return std::nullopt;
  index.entries_.resize(n);
  for (Entry& e : index.entries_) {
    uint32_t count = 0;
    if (!GetU32(&in, &e.first) || !GetU32(&in, &count) || !GetU32(&in, &e.payload) || !GetU32(&in, &e.raw)) {
      return std::nullopt;
    }
    e.count = static_cast<uint16_t>(count & 0xFFFF);
    e.case_sensitive = (count & 0x10000u) != 0;
    if (e.count == 0 || e.first + e.count > index.ids_.size()) return std::nullopt;
  }
  if (!GetU32(&in, &n)) return std::nullopt;
  index.raws_.resize(n);
  for (std::string& raw : index.raws_) {
    if (!GetString(&in, &raw)) return std::nullopt;
  }
  if (!in.empty()) return std::nullopt;
  for (uint32_t id : index.ids_) {
    if (id == 0 || id > index.ids_of_.size()) return std::nullopt;
  }
  index.IndexFirstWords();
  index.frozen_ = true;
  return index;
}

std::vector<TermIndex::Hit> TermIndex::FindAll(std::string_view text, const std::vector<WordToken>& words) const {
  std::vector<Hit> hits;
  const std::vector<uint32_t> ids = WordIds(words);
  for (size_t i = 0; i < words.size();) {
    if (auto hit = LongestAt(text, words, ids, i)) {
      i += hit->word_count;
      hits.push_back(std::move(*hit));
    } else {
      ++i;
    }
  }
  return hits;
}

}  // namespace imr
