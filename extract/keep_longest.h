// One fact per stretch of text: of candidates that overlap, the longest stays.
// Private to extract/.
//
//   struct Candidate { size_t begin = 0, end = 0; size_t row = 0; };
//   std::vector<Candidate> found = ...;   // every row's matches, row by row
//   for (const Candidate& c : imr::KeepLongestPerSpan(std::move(found), imr::EqualLength::kEarlierBeginWins))
//     facts.push_back(imr::MakeFact(region, text.substr(c.begin, c.end - c.begin), ...));
//
// Candidates are read while still offsets into one region's text, before
// MakeFact clips them to a page: overlap is judged on those offsets.
#ifndef IMR_EXTRACT_KEEP_LONGEST_H_
#define IMR_EXTRACT_KEEP_LONGEST_H_

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

namespace imr {

// Which of two overlapping candidates of the same length stays.
enum class EqualLength {
  // The one that begins first; on the same begin, the one earlier in the
  // input (dates, medications, procedures).
  kEarlierBeginWins,
  // The one earlier in the input, wherever it begins: phrase tables give hits
  // row by row, so the earlier row wins (findings, treatment history).
  kEarlierFoundWins,
};

// Keeps, longest first, each candidate that overlaps none already kept, and
// returns the kept ones sorted by begin (then end). `Candidate` is any type
// with size_t members `begin` and `end` (offsets into one text, begin <= end);
// ranges that merely touch ([0,5) and [5,9)) do not overlap. Empty input
// gives empty output. The candidates are moved, never copied.
template <typename Candidate>
std::vector<Candidate> KeepLongestPerSpan(std::vector<Candidate> all, EqualLength tie) {
  std::stable_sort(all.begin(), all.end(), [tie](const Candidate& a, const Candidate& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return tie == EqualLength::kEarlierBeginWins && a.begin < b.begin;
  });
  // The kept ranges that are not empty, begin -> end. They never overlap, so
  // in begin order their ends rise too, and the one that begins last before
  // c.end is the only one that can reach past c.begin: a look-up, where
  // comparing with every kept range was quadratic in a run of thousands of
  // terms (fuzz/README.md). Empty candidates sort last and block nothing.
  std::map<size_t, size_t> taken;
  std::vector<Candidate> kept;
  for (Candidate& c : all) {
    auto after = taken.lower_bound(c.end);
    const bool overlaps = after != taken.begin() && std::prev(after)->second > c.begin;
    if (overlaps) continue;
    if (c.begin < c.end) taken.emplace(c.begin, c.end);
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  return kept;
}

}  // namespace imr

#endif  // IMR_EXTRACT_KEEP_LONGEST_H_
