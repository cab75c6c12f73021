// RE2 behind a small interface for the extractors: compile once, find with
// offsets; and the named pieces pattern tables are written with. Private to
// extract/.
//
//   static const imr::Pattern kAge(R"((?i)(\d{1,3})[- ]year[- ]old)");
//   if (auto m = kAge.Find(text)) m->group(1);   // string_view into text
//
//   const std::vector<imr::PatternPiece> pieces = {{"SIDE", "right|left"}};
//   imr::ExpandPattern(R"(<SIDE>\s+knee)", pieces);   // "(?:right|left)\s+knee"
#ifndef IMR_EXTRACT_PATTERN_H_
#define IMR_EXTRACT_PATTERN_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace imr {

// One match: group(0) is the whole match; groups that did not take part are
// empty views with a null data pointer.
struct Match {
  std::vector<std::string_view> groups;
  std::string_view group(size_t i) const { return i < groups.size() ? groups[i] : std::string_view(); }
  bool has(size_t i) const { return i < groups.size() && groups[i].data() != nullptr; }
};

class Pattern {
 public:
  // Throws std::invalid_argument when `pattern` does not compile: patterns are
  // code, and a broken one must fail the first test that reaches it.
  explicit Pattern(std::string_view pattern);
  ~Pattern();
  Pattern(Pattern&&) noexcept;

  bool ok() const;
  const std::string& error() const;

  // First match at or after `from` in `text`; views point into `text`.
  std::optional<Match> Find(std::string_view text, size_t from = 0) const;

  // Whether the whole of `text` matches.
  std::optional<Match> FullMatch(std::string_view text) const;

  // Every non-overlapping match, left to right.
  std::vector<Match> FindAll(std::string_view text) const;

 private:
  friend class PatternSet;
  explicit Pattern(const re2::RE2* borrowed);

  std::unique_ptr<re2::RE2> owned_;  // null when the RE2 belongs to a PatternSet
  const re2::RE2* re_ = nullptr;
};

// The rows of a pattern table, with a cheap test of which of them can match
// a text: the table then runs only those, instead of scanning the text once
// per row. Each row is reduced to the literal words it cannot match without
// ("straight leg" or "slr", and "positive" or "negative"); one pass of a
// small automaton of those words over the text, blind to case, says which rows
// are candidates (an Aho-Corasick automaton, literal_words.h, or an RE2 set
// of the words where it cannot answer). A row with no such words (a bare
// "\d+/5") is always one.
// The answer may be too large (the words are there, the row still does not
// match: Row(i).FindAll then finds nothing) and is never too small.
//
// The first version ran every row together as one RE2::Set, whose automaton
// is built state by state over each text: over the dev letters' text the
// finding rows took 104 ms that way (set and candidate rows) against 46 ms
// through the words, for the same matches. Safe to share between threads
// once compiled.
//
//   imr::PatternSet set;
//   set.Add(R"((?i)\bpain\b)");
//   set.Add(R"(\d+/5)");
//   set.Compile();
//   for (int row : set.Candidates("strength 5/5"))   // {1}: nothing says "pain"
//     set.Row(row).FindAll("strength 5/5");
class PatternSet {
 public:
  // How Candidates chooses. Which a table takes is measured, table by table
  // (callgrind, `imr run` over the dev notes and the dev letters): the date,
  // duration, procedure, functional-status and diagnosis-statement rows go
  // faster as whole rows (the notes' run 11% fewer instructions); the finding
  // and treatment-history rows through their words (as whole rows the
  // findings alone made the notes' run 27% slower: their set's automaton
  // has too many states).
  enum class Prefilter {
    // By the rows' literal words, as above.
    kWords,
    // By the rows themselves, run together as one RE2::Set: exactly the rows
    // that match somewhere, in one pass.
    kWholeRows,
  };

  explicit PatternSet(Prefilter prefilter = Prefilter::kWords);
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;

  // Adds the next row (0, 1, ...). Throws std::invalid_argument when it does
  // not parse, or after Compile().
  void Add(std::string_view pattern);
  // Throws std::invalid_argument when the set does not compile.
  void Compile();

  size_t size() const { return size_; }
  // The rows that may match somewhere in `text` (every row that does, and
  // with kWords perhaps some that do not), ascending.
  std::vector<int> Candidates(std::string_view text) const;
  // Row `i` as a Pattern of its own. Throws std::out_of_range past the end
  // and std::logic_error before Compile().
  const Pattern& Row(size_t i) const;

 private:
  struct Filter;  // RE2's FilteredRE2 and a Set of its literal words, or a Set of the rows
  Prefilter prefilter_;
  std::unique_ptr<Filter> filter_;
  std::vector<Pattern> rows_;  // borrowed from filter_, made by Compile()
  size_t size_ = 0;
  bool compiled_ = false;
};

// A named piece of pattern that the rows of a table share. NAME is upper
// case, digits and '_', starting with a letter: "SIDE", "D_SLASH".
struct PatternPiece {
  std::string name;
  std::string pattern;
};

// How a table's rows name a piece, and what the name becomes.
enum class PieceSyntax {
  // <NAME> becomes (?:pattern): pieces may be bare alternations, and have no
  // capturing groups, so a row's groups are its own (finding, history).
  kAngleGrouped,
  // {NAME} becomes the pattern as written: each piece brings its own groups
  // (date, medication, procedure). A brace that opens no name, as in the
  // counted repetition {1,3}, is left alone.
  kBraceVerbatim,
};

// `pattern` with every named piece replaced by its pattern, pieces inside
// pieces included (a piece may name one listed before or after it). Throws std::invalid_argument on a name that
// `pieces` lacks, or on pieces nested more than 8 deep (a piece that names
// itself). Called once per row at start-up, never on document text.
std::string ExpandPattern(std::string_view pattern, const std::vector<PatternPiece>& pieces,
                          PieceSyntax syntax = PieceSyntax::kAngleGrouped);

}  // namespace imr

#endif  // IMR_EXTRACT_PATTERN_H_
