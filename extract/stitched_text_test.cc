#include "extract/stitched_text.h"

#include <gtest/gtest.h>

#include <string>

#include "core/record.h"

namespace imr {
namespace {

// Two pages; the section "body" is "second line" on page 1 and "third" on page 2,
// and "other" is "first" on page 1.
Document TwoPageDocument() {
  Document doc;
  doc.pages = {Page{1, "first\nsecond line\n", {}, {}, false}, Page{2, "third\nPage 2", {}, {}, false}};
  doc.sections = {{"other", 1, 0, 5}, {"body", 1, 6, 17}, {"body", 2, 0, 5}};
  return doc;
}

std::string DescribeSpan(const Span& span) {
  return span.empty() ? "-" : std::to_string(span.page_number) + ":" + std::to_string(span.begin) +
                                  "-" + std::to_string(span.end);
}

TEST(StitchSectionsTest, JoinsSegmentsWithOneNewline) {
  const StitchedText s = StitchSections(TwoPageDocument(), "body");
  EXPECT_EQ(s.text, "second line\nthird");
  ASSERT_EQ(s.pieces.size(), 2u);
  EXPECT_EQ(s.pieces[1].joined_begin, 12u);
  EXPECT_EQ(s.pieces[1].page_number, 2);
  EXPECT_TRUE(StitchSections(TwoPageDocument(), "missing").text.empty());
  EXPECT_EQ(StitchPages(TwoPageDocument()).text, "first\nsecond line\n\nthird\nPage 2");
}

TEST(StitchedTextTest, ToSpanMapsBackToPages) {
  const Document doc = TwoPageDocument();
  const StitchedText s = StitchSections(doc, "body");  // "second line\nthird"
  struct Row {
    size_t begin, end;
    std::string expected_span;
    std::string expected_words;
  };
  const Row rows[] = {
      {0, 6, "1:6-12", "second"},
      {7, 11, "1:13-17", "line"},
      {12, 17, "2:0-5", "third"},
      {14, 17, "2:2-5", "ird"},
      {7, 17, "1:13-17", "line"},  // clipped to the page where it starts
      {11, 12, "-", ""},           // the joint itself is on no page
      {0, 0, "-", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(s.text.substr(row.begin, row.end - row.begin));
    const Span span = s.ToSpan(row.begin, row.end);
    EXPECT_EQ(DescribeSpan(span), row.expected_span);
    EXPECT_EQ(Slice(doc.pages, span), row.expected_words);
  }
  EXPECT_TRUE(StitchedText{}.ToSpan(0, 3).empty());
}

TEST(StitchedTextTest, IsJointOnlyWhereALaterPageBegins) {
  const StitchedText s = StitchSections(TwoPageDocument(), "body");
  const std::pair<size_t, bool> rows[] = {{0, false}, {11, false}, {12, true}, {13, false}, {17, false}};
  for (const auto& [offset, joint] : rows) {
    SCOPED_TRACE(offset);
    EXPECT_EQ(s.IsJoint(offset), joint);
  }
  const StitchedText pages = StitchPages(TwoPageDocument());
  EXPECT_TRUE(pages.IsJoint(19));  // after "first\nsecond line\n" and the joining newline
  EXPECT_FALSE(pages.IsJoint(18));
}

TEST(StitchedTextTest, PieceBoundsIsThePagePartHoldingAnOffset) {
  const StitchedText s = StitchSections(TwoPageDocument(), "body");  // "second line\nthird"
  const std::pair<size_t, std::pair<size_t, size_t>> rows[] = {
      {0, {0, 11}}, {10, {0, 11}}, {11, {0, 11}},  // the joint belongs to the piece before it
      {12, {12, 17}}, {17, {12, 17}}, {40, {12, 17}}};
  for (const auto& [offset, bounds] : rows) {
    SCOPED_TRACE(offset);
    EXPECT_EQ(s.PieceBounds(offset), bounds);
  }
  StitchedText unpieced;
  unpieced.text = "no pieces";
  EXPECT_EQ(unpieced.PieceBounds(3), (std::pair<size_t, size_t>{0, 9}));
}

}  // namespace
}  // namespace imr

namespace imr {
namespace {

TEST(StitchedTextTest, PieceBoundsOfARangeReachTheEndOfItsLastPiece) {
  const StitchedText s = StitchSections(TwoPageDocument(), "body");  // "second line\nthird"
  EXPECT_EQ(s.PieceBounds(7, 11), (std::pair<size_t, size_t>{0, 11}));   // inside page 1
  EXPECT_EQ(s.PieceBounds(7, 15), (std::pair<size_t, size_t>{0, 17}));   // over the joint
  EXPECT_EQ(s.PieceBounds(13, 15), (std::pair<size_t, size_t>{12, 17}));  // inside page 2
  EXPECT_EQ(s.PieceBounds(7, 7), (std::pair<size_t, size_t>{0, 11}));    // empty range
}

}  // namespace
}  // namespace imr
