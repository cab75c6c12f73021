#include "extract/pattern.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <mutex>
#include <numeric>

#include <stdexcept>

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

}  // namespace

std::string ExpandPattern(std::string_view pattern, const std::vector<PatternPiece>& pieces,
                          PieceSyntax syntax) {
  return ExpandToDepth(pattern, pieces, syntax, 0);
}

Pattern::Pattern(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  re_ = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  // A pattern that does not compile is a bug in a table, never in the input:
  // fail loudly so the first test that reaches it says which one.
  if (!re_->ok()) throw std::invalid_argument("bad pattern: " + re_->error() + ": " + std::string(pattern));
}

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

struct PatternSet::Automaton {
  re2::RE2::Set set{re2::RE2::Options(), re2::RE2::UNANCHORED};
};

struct PatternSet::LazyRow {
  std::string pattern;
  std::once_flag once;
  std::optional<Pattern> compiled;
};

PatternSet::PatternSet() : set_(std::make_unique<Automaton>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;

void PatternSet::Add(std::string_view pattern) {
  if (compiled_) throw std::invalid_argument("PatternSet::Add after Compile");
  std::string error;
  if (set_->set.Add(re2::StringPiece(pattern.data(), pattern.size()), &error) < 0) {
    throw std::invalid_argument("bad pattern: " + error + ": " + std::string(pattern));
  }
  rows_.push_back(std::make_unique<LazyRow>());
  rows_.back()->pattern = std::string(pattern);
}

void PatternSet::Compile() {
  if (!set_->set.Compile()) throw std::invalid_argument("pattern set does not compile");
  compiled_ = true;
}

std::vector<int> PatternSet::Candidates(std::string_view text) const {
  if (!compiled_) throw std::logic_error("PatternSet::Candidates before Compile");
  std::vector<int> found;
  re2::RE2::Set::ErrorInfo error;
  if (!set_->set.Match(re2::StringPiece(text.data(), text.size()), &found, &error) &&
      error.kind != re2::RE2::Set::kNoError) {
    found.resize(rows_.size());
    std::iota(found.begin(), found.end(), 0);
    return found;
  }
  std::sort(found.begin(), found.end());
  return found;
}

const Pattern& PatternSet::Row(size_t i) const {
  LazyRow& row = *rows_.at(i);
  std::call_once(row.once, [&row] { row.compiled.emplace(row.pattern); });
  return *row.compiled;
}

}  // namespace imr
