// Words as a dictionary sees them, and a dictionary of multi-word terms that
// finds the longest term at any word of a text.
//
//   imr::TermIndex index;
//   index.Add("low back pain", 7);            // payload: the caller's row number
//   index.Add("pain", 8);
//   index.Freeze();
//   std::vector<imr::WordToken> words = imr::TokenizeWords("Chronic low-back pains.");
//   auto hit = index.LongestAt("Chronic low-back pains.", words, 1);
//   // hit->word_count == 3, payloads {7}: "low-back pains" is "low back pain"
//
// Words are runs of letters and digits (bytes of UTF-8 letters included).
// Hyphens, slashes and other punctuation separate words and are otherwise
// ignored; "'s" belongs to no word. A word's normal form is lower case with a
// final plural folded ("injuries" -> "injury", "reflexes" -> "reflex",
// "metastases" -> "metastasis") and "disk" read as "disc". "the" and "an" are
// not words of a term: "fracture of the femur" is the term "fracture of femur".
//
// A TermIndex is built once (Add ... Freeze) and then only read, so one index
// may serve every thread. Matching starts in the run of entries the word at
// hand begins (an array lookup), and costs a binary search within the run
// per further word of the match.
#ifndef IMR_CORE_TERM_INDEX_H_
#define IMR_CORE_TERM_INDEX_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

struct WordToken {
  size_t begin = 0;  // byte offsets of the word in the text tokenized
  size_t end = 0;
  std::string norm;  // normal form
};

// The words of `text` that terms are made of ("the" and "an" left out).
std::vector<WordToken> TokenizeWords(std::string_view text);

// A name as an RE2 piece for pattern tables: its words (runs of letters and
// digits) joined by `separator` (a pattern such as R"([\s/-]*)"), its last
// word's plural optional ("extremity" -> "extremit(?:y|ies)", "reflex" ->
// "reflex(?:es)?"). No capturing groups.
std::string NameRegex(std::string_view name, std::string_view separator);

// The normal form of one word.
std::string NormalizeWord(std::string_view word);

class TermIndex {
 public:
  struct Hit {
    size_t first_word = 0;  // index into the token vector searched
    size_t word_count = 0;
    std::vector<uint32_t> payloads;  // every payload the term was added with
  };

  // Adds `term` with `payload`. A term whose words match only with its case as
  // written (`case_sensitive`, for abbreviations that are also words: "ASA")
  // is checked against the text's own letters. Empty terms are ignored. Must
  // not be called after Freeze().
  void Add(std::string_view term, uint32_t payload, bool case_sensitive = false);
  void Freeze();

  // The longest term whose words start at words[i] of `text`, if any.
  std::optional<Hit> LongestAt(std::string_view text, const std::vector<WordToken>& words, size_t i) const;

  // The index's ids of `words` (0: a word no term has), for a caller that
  // looks at every word: each word is then looked up once, not once per term
  // it might start.
  std::vector<uint32_t> WordIds(const std::vector<WordToken>& words) const;
  std::optional<Hit> LongestAt(std::string_view text, const std::vector<WordToken>& words,
                               const std::vector<uint32_t>& ids, size_t i) const;

  // Left to right, the longest term at each word; a hit's words are not
  // searched again.
  std::vector<Hit> FindAll(std::string_view text, const std::vector<WordToken>& words) const;

  size_t size() const { return entries_.size(); }
  // One more than the largest payload (0 when empty): an index loaded from an
  // image is checked against the table its payloads point into.
  uint32_t PayloadBound() const;

  // A frozen index as bytes, and back: a large vocabulary is indexed once, at
  // build time, and loaded in milliseconds (extract/problem_terms.h). Load
  // returns nothing for bytes Save did not write.
  std::string Save() const;
  static std::optional<TermIndex> Load(std::string_view bytes);

 private:
  struct Entry {
    uint32_t first = 0;   // into ids_
    uint16_t count = 0;   // words
    bool case_sensitive = false;
    uint32_t payload = 0;
    uint32_t raw = 0;     // into raws_, for case-sensitive entries
  };
  uint32_t IdOf(std::string_view norm) const;
  uint32_t Intern(const std::string& norm);
  bool CaseHolds(const Entry& e, std::string_view text, const std::vector<WordToken>& words, size_t i) const;
  void IndexFirstWords();

  // Normal forms and their ids (1, 2, ... as interned; 0: unknown), by open
  // addressing over one string of every word: a lookup is a probe or two
  // and a comparison in place. A node-based map cost a cache miss for the
  // bucket and another for the node, and IdOf was a tenth of extraction's
  // time over the dev notes (perf, imr_bench_stages extract/notes).
  class WordTable {
   public:
    uint32_t Find(std::string_view word) const;
    uint32_t Intern(std::string_view word);  // its id, the next when new
    size_t size() const { return words_.size(); }
    std::string_view Word(uint32_t id) const;  // id in 1..size()

   private:
    struct Slot {
      uint32_t hash = 0;
      uint32_t id = 0;  // 0: empty
      uint32_t offset = 0;
      uint32_t length = 0;
    };
    static uint32_t HashOf(std::string_view word);
    const Slot* SlotOf(std::string_view word, uint32_t hash) const;
    void Place(const Slot& slot);

    std::vector<Slot> slots_;  // a power of two, at most half full
    std::string chars_;
    std::vector<uint32_t> words_;  // by id - 1: the slot's index
  };
  WordTable ids_of_;
  std::vector<uint32_t> ids_;
  std::vector<Entry> entries_;
  std::vector<std::string> raws_;
  // The entries whose first word has id w are [first_word_end_[w],
  // first_word_end_[w + 1]) (made by Freeze and Load).
  std::vector<uint32_t> first_word_end_;
  bool frozen_ = false;
};

}  // namespace imr

#endif  // IMR_CORE_TERM_INDEX_H_
