#include "extract/pattern.h"

#include <re2/re2.h>
#include <re2/filtered_re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <numeric>

#include <stdexcept>

#include "extract/clinical.h"  // BuildSearchProgramsAhead
#include "extract/literal_words.h"

namespace imr {
namespace {

std::optional<Match> Run(const re2::RE2& re, std::string_view text, size_t from,
                         re2::RE2::Anchor anchor) {
  if (!re.ok() || from > text.size()) return std::nullopt;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(n);
  if (!re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), anchor,
                pieces.data(), n)) {
    return std::nullopt;
  }
  Match m;
  for (const re2::StringPiece& p : pieces) m.groups.emplace_back(p.data(), p.size());
  return m;
}

// The piece `reference` (as a row writes it: "<SIDE>", "{MM}") names.
const PatternPiece& PieceNamed(const std::vector<PatternPiece>& pieces, std::string_view name,
                               std::string_view reference) {
  for (const PatternPiece& p : pieces) {
    if (p.name == name) return p;
  }
  throw std::invalid_argument("unknown pattern piece " + std::string(reference));
}

std::string ExpandToDepth(std::string_view pattern, const std::vector<PatternPiece>& pieces,
                          PieceSyntax syntax, int depth) {
  static const Pattern kAngleName(R"(<([A-Z][A-Z0-9_]*)>)");
  static const Pattern kBraceName(R"(\{([A-Z][A-Z0-9_]*)\})");
  if (depth > 8) throw std::invalid_argument("pattern pieces nest too deep");
  const bool grouped = syntax == PieceSyntax::kAngleGrouped;
  std::string out;
  size_t at = 0;
  for (const Match& m : (grouped ? kAngleName : kBraceName).FindAll(pattern)) {
    const size_t begin = static_cast<size_t>(m.group(0).data() - pattern.data());
    const PatternPiece& piece = PieceNamed(pieces, m.group(1), m.group(0));
    const std::string expanded = ExpandToDepth(piece.pattern, pieces, syntax, depth + 1);
    out.append(pattern.substr(at, begin - at));
    out += grouped ? "(?:" + expanded + ")" : expanded;
    at = begin + m.group(0).size();
  }
  out.append(pattern.substr(at));
  return out;
}

// Set by BuildSearchProgramsAhead.
std::atomic<bool> build_ahead{false};

// A search for where a match starts runs a second program, the pattern
// reversed, which RE2 compiles on its first match. Ahead means now.
void MaybeBuildAhead(const re2::RE2& re) {
  if (build_ahead.load(std::memory_order_relaxed)) re.ReverseProgramSize();
}

}  // namespace

void BuildSearchProgramsAhead() { build_ahead.store(true, std::memory_order_relaxed); }

std::string ExpandPattern(std::string_view pattern, const std::vector<PatternPiece>& pieces,
                          PieceSyntax syntax) {
  return ExpandToDepth(pattern, pieces, syntax, 0);
}

Pattern::Pattern(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  owned_ = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  re_ = owned_.get();
  // A pattern that does not compile is a bug in a table, never in the input:
  // fail loudly so the first test that reaches it says which one.
  if (!re_->ok()) throw std::invalid_argument("bad pattern: " + re_->error() + ": " + std::string(pattern));
  MaybeBuildAhead(*re_);
}

Pattern::Pattern(const re2::RE2* borrowed) : re_(borrowed) { MaybeBuildAhead(*re_); }

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;

bool Pattern::ok() const { return re_->ok(); }
const std::string& Pattern::error() const { return re_->error(); }

std::optional<Match> Pattern::Find(std::string_view text, size_t from) const {
  return Run(*re_, text, from, re2::RE2::UNANCHORED);
}

std::optional<Match> Pattern::FullMatch(std::string_view text) const {
  return Run(*re_, text, 0, re2::RE2::ANCHOR_BOTH);
}

std::vector<Match> Pattern::FindAll(std::string_view text) const {
  std::vector<Match> out;
  size_t from = 0;
  while (auto m = Find(text, from)) {
    const std::string_view whole = m->group(0);
    const size_t end = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    from = whole.empty() ? end + 1 : end;
    out.push_back(std::move(*m));
    if (from > text.size()) break;
  }
  return out;
}

// Literal words shorter than this are not worth looking for: "of" is on every
// page, and a row that needs only short words is a candidate everywhere.
constexpr int kShortestWord = 3;

// The literal words, found in the text as it is: FilteredRE2 gives them in
// lower case, and a case-blind set reads "Straight Leg" as "straight leg"
// without a lower-case copy of every text it is asked about.
re2::RE2::Options CaseBlind() {
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

// A set's automaton that runs out of memory on a text is not an error to
// print: Candidates then answers every row.
re2::RE2::Options Quiet() {
  re2::RE2::Options options;
  options.set_log_errors(false);
  return options;
}

struct PatternSet::Filter {
  re2::FilteredRE2 rows{kShortestWord};
  // The literal words, found by an Aho-Corasick automaton (literal_words.h);
  // a text it cannot answer for, and a table with a word it cannot hold, go
  // to the RE2 set of the same words.
  std::unique_ptr<LiteralWords> literal;
  re2::RE2::Set words{CaseBlind(), re2::RE2::UNANCHORED};
  bool any_words = false;
  // kWholeRows: each row compiled on its own, and all of them as one set.
  std::vector<std::unique_ptr<re2::RE2>> whole_rows;
  re2::RE2::Set row_set{Quiet(), re2::RE2::UNANCHORED};
};

PatternSet::PatternSet(Prefilter prefilter) : prefilter_(prefilter), filter_(std::make_unique<Filter>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;

void PatternSet::Add(std::string_view pattern) {
  if (compiled_) throw std::invalid_argument("PatternSet::Add after Compile");
  re2::RE2::Options options;
  options.set_log_errors(false);
  if (prefilter_ == Prefilter::kWholeRows) {
    auto row = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    std::string error;
    if (!row->ok() || filter_->row_set.Add(re2::StringPiece(pattern.data(), pattern.size()), &error) < 0) {
      throw std::invalid_argument("bad pattern: " + (row->ok() ? error : row->error()) + ": " + std::string(pattern));
    }
    filter_->whole_rows.push_back(std::move(row));
    ++size_;
    return;
  }
  int id = -1;
  if (filter_->rows.Add(re2::StringPiece(pattern.data(), pattern.size()), options, &id) != re2::RE2::NoError) {
    // FilteredRE2 keeps no failed row; compile it here for RE2's own words.
    const re2::RE2 failed(re2::StringPiece(pattern.data(), pattern.size()), options);
    throw std::invalid_argument("bad pattern: " + failed.error() + ": " + std::string(pattern));
  }
  ++size_;
}

void PatternSet::Compile() {
  if (compiled_) return;
  if (prefilter_ == Prefilter::kWholeRows) {
    if (size_ > 0 && !filter_->row_set.Compile()) throw std::invalid_argument("pattern set does not compile");
    for (const auto& row : filter_->whole_rows) rows_.push_back(Pattern(row.get()));
    compiled_ = true;
    return;
  }
  if (size_ > 0) {
    std::vector<std::string> words;
    filter_->rows.Compile(&words);  // in lower case; the set reads them blind to case
    for (const std::string& word : words) {
      if (filter_->words.Add(re2::RE2::QuoteMeta(word), nullptr) < 0) {
        throw std::invalid_argument("pattern set: a literal word does not compile");
      }
    }
    filter_->any_words = !words.empty();
    if (filter_->any_words && !filter_->words.Compile()) throw std::invalid_argument("pattern set does not compile");
    if (filter_->any_words && LiteralWords::CanHold(words)) filter_->literal = std::make_unique<LiteralWords>(words);
  }
  for (size_t i = 0; i < size_; ++i) rows_.push_back(Pattern(&filter_->rows.GetRE2(static_cast<int>(i))));
  compiled_ = true;
}

std::vector<int> PatternSet::Candidates(std::string_view text) const {
  if (!compiled_) throw std::logic_error("PatternSet::Candidates before Compile");
  std::vector<int> found;
  if (size_ == 0) return found;
  if (prefilter_ == Prefilter::kWholeRows) {
    re2::RE2::Set::ErrorInfo error;
    if (!filter_->row_set.Match(re2::StringPiece(text.data(), text.size()), &found, &error) &&
        error.kind != re2::RE2::Set::kNoError) {
      found.resize(size_);  // out of memory on this text: every row may match
      std::iota(found.begin(), found.end(), 0);
    }
    std::sort(found.begin(), found.end());
    return found;
  }
  std::vector<int> words;
  const bool found_by_automaton = filter_->literal != nullptr && filter_->literal->FindIn(text, &words);
  if (!found_by_automaton && filter_->any_words) {
    re2::RE2::Set::ErrorInfo error;
    if (!filter_->words.Match(re2::StringPiece(text.data(), text.size()), &words, &error) &&
        error.kind != re2::RE2::Set::kNoError) {
      // The automaton ran out of memory on this text: every row may match.
      found.resize(size_);
      std::iota(found.begin(), found.end(), 0);
      return found;
    }
  }
  filter_->rows.AllPotentials(words, &found);
  std::sort(found.begin(), found.end());
  return found;
}

const Pattern& PatternSet::Row(size_t i) const {
  if (!compiled_) throw std::logic_error("PatternSet::Row before Compile");
  return rows_.at(i);
}

}  // namespace imr
