#include "extract/keep_longest.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace imr
