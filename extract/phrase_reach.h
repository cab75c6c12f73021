// The words of clinical text as the vocabulary matchers read them, and how a
// matched term reaches out over the words around it that belong to its name.
// Private to extract/.
//
//   imr::PhraseWords words = imr::WordsOf(region);    // read once per region
//   imr::Reach reach{i, i + hit.word_count - 1};
//   imr::ReachLeft(words, {}, &reach);    // "severe left L5-S1 foraminal" stenosis
//   imr::ReachRight(words, {}, &reach);   // stenosis "at L5-S1 bilaterally"
//   // text.substr(words.words[reach.first].begin, ...)
//
// Before a term: sides, severity, course, position and kind ("chronic",
// "displaced", "distal"), words that read as adjectives ("tricompartmental"),
// body sites and spinal levels, joined by spaces or hyphens ("moderate to
// severe", "cervical and lumbar"). After it: a site or level joined by a
// preposition or a comma ("pain in the right knee", "osteoarthritis, left
// knee", "herniation at C5-6 and C6-7"), a side ("bilaterally", "on the
// left"), and for procedures the object of "of" ("removal of the old
// hardware"). Never across a line break or other punctuation.
#ifndef IMR_EXTRACT_PHRASE_REACH_H_
#define IMR_EXTRACT_PHRASE_REACH_H_

#include <initializer_list>
#include <string>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/term_index.h"

namespace imr {

struct RegionWords;
struct Region;

// A region's text and its words, borrowed from the region.
struct PhraseWords {
  std::string_view text;
  const std::vector<WordToken>& words;
  const std::vector<bool>& anatomy;
  const std::vector<bool>& level;
};

PhraseWords WordsOf(const Region& region);

// Reads the words of `text`, with which name sites and levels.
RegionWords ReadRegionWords(std::string_view text);

struct Reach {
  size_t first = 0, last = 0;  // words, inclusive
  bool qualified = false;      // words around the term were taken in
};

struct ReachRules {
  // Words that qualify this kind of term besides the common ones (normal
  // forms, core/term_index.h): "total", "arthroscopic" for procedures.
  bool (*extra_qualifier)(const std::string& norm) = nullptr;
  // Whether a word before the term that names a problem belongs to it
  // ("hernia repair", "tendon repair"): true for procedures.
  bool problem_before = false;
  // Whether "of" and a short noun phrase after the term belong to it
  // ("excision of the mass"), not only a site.
  bool object_after_of = false;
};

// The most words ReachLeft takes in before a term.
inline constexpr size_t kMaxWordsBefore = 12;

void ReachLeft(const PhraseWords& p, const ReachRules& rules, Reach* r);
void ReachRight(const PhraseWords& p, const ReachRules& rules, Reach* r);

// The normal forms of `words`, for word sets.
std::unordered_set<std::string> NormalForms(std::initializer_list<std::string_view> words);

// The body site (a key of the anatomy table) and the side the words of a
// reached phrase name, added to `value`: "right knee arthroscopy" gives
// body_site=knee laterality=right. The first of "bilateral", "left", "right"
// that starts a word is the side.
void AddSiteAndSide(std::string_view words, Attributes* value);

}  // namespace imr

#endif  // IMR_EXTRACT_PHRASE_REACH_H_
