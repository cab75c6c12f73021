#include "extract/literal_words.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

namespace imr {
namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr uint32_t kEnds = 1u << 31;  // in a transition: words end in the state

uint8_t Lower(uint8_t b) { return b >= 'A' && b <= 'Z' ? static_cast<uint8_t>(b - 'A' + 'a') : b; }

// A letter outside ASCII that RE2's case folding reads as an ASCII letter
// starts at text[i]: U+017F (long s, C5 BF) or U+212A (Kelvin sign, E2 84 AA).
bool FoldsOntoAscii(std::string_view text, size_t i) {
  const auto at = [&](size_t k) { return k < text.size() ? static_cast<uint8_t>(text[k]) : 0u; };
  if (at(i) == 0xC5) return at(i + 1) == 0xBF;
  if (at(i) == 0xE2) return at(i + 1) == 0x84 && at(i + 2) == 0xAA;
  return false;
}

}  // namespace

bool LiteralWords::CanHold(const std::vector<std::string>& words) {
  return std::all_of(words.begin(), words.end(), [](const std::string& word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](char c) { return static_cast<uint8_t>(c) < 0x80; });
  });
}

LiteralWords::LiteralWords(const std::vector<std::string>& words) : word_count_(words.size()) {
  if (!CanHold(words)) throw std::invalid_argument("LiteralWords: an empty word, or a byte outside ASCII");
  // Byte classes: one for each byte some word has (a letter's two cases in
  // one), and class 0 for the rest, which no state leaves the root on.
  for (const std::string& word : words) {
    for (char c : word) {
      const uint8_t lower = Lower(static_cast<uint8_t>(c));
      if (class_of_[lower] != 0) continue;
      class_of_[lower] = static_cast<uint8_t>(classes_);
      if (lower >= 'a' && lower <= 'z') class_of_[lower - 'a' + 'A'] = static_cast<uint8_t>(classes_);
      ++classes_;
    }
  }
  const size_t width = static_cast<size_t>(classes_);
  // The trie, state 0 its root.
  next_.assign(width, kNone);
  std::vector<std::vector<int>> ends(1);
  for (size_t w = 0; w < words.size(); ++w) {
    uint32_t state = 0;
    for (char c : words[w]) {
      const size_t slot = state * width + class_of_[Lower(static_cast<uint8_t>(c))];
      if (next_[slot] == kNone) {
        next_[slot] = static_cast<uint32_t>(ends.size());
        ends.emplace_back();
        next_.resize(next_.size() + width, kNone);
      }
      state = next_[slot];
    }
    ends[state].push_back(static_cast<int>(w));
  }
  // Breadth first, each state's fallback (the longest proper suffix of its
  // path that is a path too) completes its transitions and lends it the
  // words that end there.
  std::vector<uint32_t> fallback(ends.size(), 0);
  std::deque<uint32_t> queue;
  for (size_t c = 0; c < width; ++c) {
    uint32_t& to = next_[c];
    if (to == kNone) {
      to = 0;
    } else {
      queue.push_back(to);
    }
  }
  while (!queue.empty()) {
    const uint32_t state = queue.front();
    queue.pop_front();
    const std::vector<int>& lent = ends[fallback[state]];
    ends[state].insert(ends[state].end(), lent.begin(), lent.end());
    for (size_t c = 0; c < width; ++c) {
      uint32_t& to = next_[state * width + c];
      const uint32_t via_fallback = next_[fallback[state] * width + c];
      if (to == kNone) {
        to = via_fallback;
      } else {
        fallback[to] = via_fallback;
        queue.push_back(to);
      }
    }
  }
  first_word_.reserve(ends.size() + 1);
  for (std::vector<int>& e : ends) {
    std::sort(e.begin(), e.end());
    e.erase(std::unique(e.begin(), e.end()), e.end());
    first_word_.push_back(static_cast<uint32_t>(words_of_.size()));
    words_of_.insert(words_of_.end(), e.begin(), e.end());
  }
  first_word_.push_back(static_cast<uint32_t>(words_of_.size()));
  // A transition names its state as the state's row in next_, with kEnds
  // set where words end: the pass reads one table a byte.
  if (ends.size() * width >= kEnds) throw std::invalid_argument("LiteralWords: too many words");
  for (uint32_t& to : next_) {
    const bool has_words = first_word_[to] != first_word_[to + 1];
    to = static_cast<uint32_t>(to * width) | (has_words ? kEnds : 0);
  }
}

bool LiteralWords::FindIn(std::string_view text, std::vector<int>* found) const {
  found->clear();
  std::vector<bool> seen(word_count_, false);
  const size_t width = static_cast<size_t>(classes_);
  uint32_t row = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<uint8_t>(text[i]);
    if (b >= 0x80 && FoldsOntoAscii(text, i)) {
      found->clear();
      return false;
    }
    row = next_[(row & ~kEnds) + class_of_[b]];
    if ((row & kEnds) == 0) continue;
    const size_t state = (row & ~kEnds) / width;
    for (uint32_t k = first_word_[state]; k < first_word_[state + 1]; ++k) {
      const int word = words_of_[k];
      if (seen[static_cast<size_t>(word)]) continue;
      seen[static_cast<size_t>(word)] = true;
      found->push_back(word);
    }
  }
  std::sort(found->begin(), found->end());
  return true;
}

}  // namespace imr
