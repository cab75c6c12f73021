#include "ingest/layout.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

PlacedWord W(std::string text, double x0, double y0, double x1, double h = 10) {
  return {std::move(text), x0, y0, x1, y0 + h};
}

TEST(LayOutWordsTest, HeaderTableReadsLabelTabValueRowByRow) {
  // The order a Word-made letter gives: the label column, then the values.
  std::vector<PlacedWord> words = {
      W("Date", 72, 108, 95), W("Assigned:", 99, 108, 152),
      W("Decision", 72, 121, 117), W("Date:", 121, 121, 148),
      W("11/18/2016", 179, 108, 235), W("12/19/2016", 179, 121, 235),
      W("Date", 329, 108, 353), W("of", 356, 108, 366), W("Injury:", 369, 108, 403),
      W("10/10/2016", 427, 108, 483),
  };
  const LaidOutPage page = LayOutWords(words);
  EXPECT_EQ(page.text,
            "Date Assigned:\t11/18/2016\tDate of Injury:\t10/10/2016\n"
            "Decision Date:\t12/19/2016\n");
  ASSERT_EQ(page.lines.size(), 2u);
  ASSERT_EQ(page.words.size(), words.size());
  for (const Word& w : page.words) {
    EXPECT_LT(w.begin, w.end);
    EXPECT_NE(page.text.substr(w.begin, w.end - w.begin).find_first_of(" \t\n"), 0u);
  }
}

TEST(LayOutWordsTest, BlankLineMarksAParagraphGap) {
  const LaidOutPage page = LayOutWords({W("one", 72, 100, 90), W("two", 72, 113, 90),
                                        W("three", 72, 140, 100)});
  EXPECT_EQ(page.text, "one\ntwo\n\nthree\n");
}

TEST(LayOutWordsTest, SlightlyRaisedWordStaysOnItsLine) {
  const LaidOutPage page = LayOutWords({W("pain", 72, 100, 95), W("2", 98, 97, 102, 8),
                                        W("today", 105, 100, 130)});
  EXPECT_EQ(page.text, "pain 2 today\n");
}

TEST(LayOutWordsTest, EmptyPageIsEmptyText) {
  EXPECT_EQ(LayOutWords({}).text, "");
}

TEST(SplitLinesTest, LinesOfPlainText) {
  const std::vector<TextLine> lines = SplitLines("a\n\nbc\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].begin, 3u);
  EXPECT_EQ(lines[2].end, 5u);
}

}  // namespace
}  // namespace imr

namespace imr {
namespace {

// A page printed sideways: its words read top to bottom (Poppler's rotation
// 1), the first line the rightmost column. Laid out in the words' own frame
// it reads as the upright page would.
TEST(LayOutWordsTest, ASidewaysPageReadsInItsWordsOwnFrame) {
  std::vector<PlacedWord> words = {
      // line 1 at x 500..512, words going down the page
      {"PROGRESS", 500, 100, 512, 160, 1}, {"REPORT", 500, 165, 512, 210, 1},
      // line 2 at x 480..492
      {"Pain", 480, 100, 492, 130, 1}, {"is", 480, 134, 492, 146, 1}, {"better.", 480, 150, 492, 195, 1},
  };
  EXPECT_EQ(LayOutWords(words).text, "PROGRESS REPORT\nPain is better.\n");
  // Reading upward (rotation 3): the leftmost column first, each from the bottom.
  EXPECT_EQ(LayOutWords({{"first", 100, 300, 112, 340, 3}, {"line", 100, 250, 112, 290, 3},
                         {"second", 120, 300, 132, 350, 3}})
                .text,
            "first line\nsecond\n");
}

}  // namespace
}  // namespace imr
