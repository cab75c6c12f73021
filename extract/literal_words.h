// Which of a fixed list of literal words occur in a text, blind to case, in
// one pass: an Aho-Corasick automaton over bytes. PatternSet (pattern.h)
// asks it which of its rows' literal words a text holds.
//
//   imr::LiteralWords words({"straight leg", "slr", "positive"});
//   std::vector<int> found;
//   words.FindIn("Positive SLR on the left.", &found);   // {1, 2}
//
// It took the place of an RE2::Set of the same words (many matches,
// unanchored), run once per text and table: over the dev notes that set's
// passes were 4.3% of extraction's samples, and this automaton's are 2.4%
// (perf, imr_bench_stages extract/notes), for the same words found.
//
// "Blind to case" is ASCII's: a word's letters A-Z match a-z. RE2, which the
// rows are matched with, also folds two letters outside ASCII onto ASCII ones
// (U+017F long s onto s, U+212A Kelvin sign onto k). FindIn answers false for
// a text that holds either, and the caller asks RE2. A word with a byte
// outside ASCII is refused when built: RE2 folds its case, and this does not.
#ifndef IMR_EXTRACT_LITERAL_WORDS_H_
#define IMR_EXTRACT_LITERAL_WORDS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

class LiteralWords {
 public:
  // Whether every word is one the automaton holds: not empty, ASCII only.
  static bool CanHold(const std::vector<std::string>& words);
  // Throws std::invalid_argument unless CanHold(words).
  explicit LiteralWords(const std::vector<std::string>& words);

  // The indices into the words of those that occur in `text`, ascending,
  // each once. False (and `found` empty) when `text` holds a letter outside
  // ASCII that RE2 would read as an ASCII one (above).
  bool FindIn(std::string_view text, std::vector<int>* found) const;

  size_t size() const { return word_count_; }

 private:
  std::array<uint8_t, 256> class_of_{};  // byte -> class; 0: no word has it
  int classes_ = 1;
  std::vector<uint32_t> next_;         // state * classes_ + class -> the next state's row (state * classes_)
  std::vector<uint32_t> first_word_;   // by state: its words in words_of_,
  std::vector<int> words_of_;          //   first_word_[s] to first_word_[s + 1]
  size_t word_count_ = 0;
};

}  // namespace imr

#endif  // IMR_EXTRACT_LITERAL_WORDS_H_
