#include "extract/keep_longest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace imr {
namespace {

struct Candidate {
  size_t begin = 0, end = 0;
  std::string name;
};

// "b:2-10 d:12-15": the kept candidates, in the order returned.
std::string Describe(const std::vector<Candidate>& kept) {
  std::string out;
  for (const Candidate& c : kept) {
    out += (out.empty() ? "" : " ") + c.name + ":" + std::to_string(c.begin) + "-" + std::to_string(c.end);
  }
  return out;
}

TEST(KeepLongestPerSpanTest, LongestStaysAndTheRestComeBackSortedByBegin) {
  const std::vector<Candidate> found = {{0, 5, "a"}, {2, 10, "b"}, {12, 15, "c"}, {10, 12, "d"}, {20, 21, "e"}};
  // d touches b and c without overlapping either.
  EXPECT_EQ(Describe(KeepLongestPerSpan(found, EqualLength::kEarlierBeginWins)), "b:2-10 d:10-12 c:12-15 e:20-21");
  EXPECT_EQ(Describe(KeepLongestPerSpan(found, EqualLength::kEarlierFoundWins)), "b:2-10 d:10-12 c:12-15 e:20-21");
  EXPECT_EQ(Describe(KeepLongestPerSpan(std::vector<Candidate>{}, EqualLength::kEarlierBeginWins)), "");
}

TEST(KeepLongestPerSpanTest, EqualLengthsGoByTheTieRule) {
  // Equally long and overlapping: "late" was found first, "early" begins first.
  const std::vector<Candidate> found = {{4, 8, "late"}, {2, 6, "early"}, {2, 6, "early_again"}};
  EXPECT_EQ(Describe(KeepLongestPerSpan(found, EqualLength::kEarlierBeginWins)), "early:2-6");
  EXPECT_EQ(Describe(KeepLongestPerSpan(found, EqualLength::kEarlierFoundWins)), "late:4-8");
}

TEST(KeepLongestPerSpanTest, EmptyCandidatesStayUnlessInsideAKeptOne) {
  const std::vector<Candidate> found = {{0, 10, "a"}, {11, 19, "b"}, {9, 12, "c"}, {10, 11, "d"},
                                        {5, 5, "inside"}, {10, 10, "at_a_boundary"}, {25, 25, "alone"}};
  // c overlaps a and b; d only touches them; an empty one inside a is dropped.
  EXPECT_EQ(Describe(KeepLongestPerSpan(found, EqualLength::kEarlierBeginWins)),
            "a:0-10 at_a_boundary:10-10 d:10-11 b:11-19 alone:25-25");
}

// The same choice as comparing each candidate with every kept one, which was
// quadratic (a 256 KB run of "EMG/NCS" took 17.6 s): the look-up must give
// exactly what that gave, over many random candidates.
TEST(KeepLongestPerSpanTest, AgreesWithComparingEveryKeptCandidate) {
  uint32_t state = 12345;
  auto next = [&state](uint32_t n) { return (state = state * 1103515245u + 12345u) / 65536u % n; };
  std::vector<Candidate> found;
  for (int i = 0; i < 3000; ++i) {
    const size_t begin = next(20000);
    found.push_back({begin, begin + 1 + next(12), std::to_string(i)});  // not empty: no two kept share a range
  }
  for (EqualLength tie : {EqualLength::kEarlierBeginWins, EqualLength::kEarlierFoundWins}) {
    std::vector<Candidate> sorted = found;
    std::stable_sort(sorted.begin(), sorted.end(), [tie](const Candidate& a, const Candidate& b) {
      if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
      return tie == EqualLength::kEarlierBeginWins && a.begin < b.begin;
    });
    std::vector<Candidate> expected;
    for (const Candidate& c : sorted) {
      if (std::none_of(expected.begin(), expected.end(),
                       [&c](const Candidate& k) { return c.begin < k.end && k.begin < c.end; })) {
        expected.push_back(c);
      }
    }
    std::sort(expected.begin(), expected.end(), [](const Candidate& a, const Candidate& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    EXPECT_EQ(Describe(KeepLongestPerSpan(found, tie)), Describe(expected));
  }
}

}  // namespace
}  // namespace imr
