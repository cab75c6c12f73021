#include "extract/literal_words.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace imr {
namespace {

std::vector<int> Found(const LiteralWords& words, std::string_view text) {
  std::vector<int> found;
  EXPECT_TRUE(words.FindIn(text, &found)) << text;
  return found;
}

// The words of `words` that occur in `text`, ASCII letters in either case,
// by looking for each at every offset.
std::vector<int> FoundByLookingEverywhere(const std::vector<std::string>& words, std::string_view text) {
  const auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  const std::string haystack = lower(std::string(text));
  std::vector<int> found;
  for (size_t w = 0; w < words.size(); ++w) {
    if (haystack.find(lower(words[w])) != std::string::npos) found.push_back(static_cast<int>(w));
  }
  return found;
}

TEST(LiteralWordsTest, WordsInsideWordsAndAcrossCase) {
  const LiteralWords words({"straight leg", "slr", "positive", "leg", "ical", "radicul", "SPASM"});
  EXPECT_EQ(Found(words, "Positive SLR on the left."), (std::vector<int>{1, 2}));
  // A word that ends inside a longer one, words inside words, case either way.
  EXPECT_EQ(Found(words, "STRAIGHT LEG raise; radiculopathy, clinical spasm"),
            (std::vector<int>{0, 3, 4, 5, 6}));
  EXPECT_EQ(Found(words, "straight  leg"), (std::vector<int>{3}));  // two spaces: not the phrase
  EXPECT_EQ(Found(words, ""), std::vector<int>{});
  EXPECT_EQ(Found(words, "nothing here"), std::vector<int>{});
  // Bytes no word has, bytes outside ASCII and NULs between the words.
  EXPECT_EQ(Found(words, std::string("\xff\xfeslr\0leg\xc3\xa9", 11)), (std::vector<int>{1, 3}));
}

TEST(LiteralWordsTest, TheSameWordTwiceIsFoundUnderBothIndices) {
  const LiteralWords words({"pain", "knee", "pain"});
  EXPECT_EQ(Found(words, "knee pain, pain"), (std::vector<int>{0, 1, 2}));
}

TEST(LiteralWordsTest, ATextWithALetterRe2FoldsOntoAsciiIsLeftToRe2) {
  // RE2 blind to case reads U+017F (long s) as s and U+212A (Kelvin sign) as
  // k; the automaton does not, so it does not answer.
  const LiteralWords words({"spasm", "knee"});
  std::vector<int> found = {7};
  EXPECT_FALSE(words.FindIn("\xc5\xbfpasm", &found));
  EXPECT_TRUE(found.empty());
  EXPECT_FALSE(words.FindIn("right \xe2\x84\xaanee", &found));
  EXPECT_TRUE(found.empty());
  // Their neighbours in UTF-8 are answered.
  EXPECT_EQ(Found(words, "\xc5\xbe spasm \xe2\x84\xa2"), std::vector<int>{0});
}

TEST(LiteralWordsTest, WordsItCannotHoldAreRefused) {
  EXPECT_FALSE(LiteralWords::CanHold({"pain", ""}));
  EXPECT_FALSE(LiteralWords::CanHold({"caf\xc3\xa9"}));
  EXPECT_TRUE(LiteralWords::CanHold({"pain", "l4-5", "5/5"}));
  EXPECT_THROW(LiteralWords({"pain", ""}), std::invalid_argument);
  EXPECT_THROW(LiteralWords({"caf\xc3\xa9"}), std::invalid_argument);
}

TEST(LiteralWordsTest, FindsWhatLookingEverywhereFinds) {
  // Words over a small alphabet share prefixes and suffixes and sit inside
  // one another, which is where an automaton's fallbacks go wrong.
  std::mt19937 random(7);
  const std::string alphabet = "abcAB -";
  const auto some = [&](size_t length) {
    std::string s;
    for (size_t i = 0; i < length; ++i) s += alphabet[random() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> words;
    const size_t count = 1 + random() % 30;
    for (size_t w = 0; w < count; ++w) words.push_back(some(1 + random() % 6));
    const LiteralWords automaton(words);
    for (int t = 0; t < 20; ++t) {
      const std::string text = some(random() % 80);
      ASSERT_EQ(Found(automaton, text), FoundByLookingEverywhere(words, text)) << "round " << round << ": " << text;
    }
  }
}

}  // namespace
}  // namespace imr
