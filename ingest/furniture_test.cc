#include "ingest/furniture.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

TEST(IsPageNumberLineTest, Table) {
  const std::pair<std::string, bool> rows[] = {
      {"Page 2 of 4", true}, {"page 10", true}, {"- 3 -", true}, {"3", true},
      {"Page two", false},   {"2016", true},    {"12345", false}, {"Page 2 of", false},
      {"MRI 2 of 3 levels", false}, {"", false},
  };
  for (const auto& [line, expected] : rows) {
    SCOPED_TRACE(line);
    EXPECT_EQ(IsPageNumberLine(line), expected);
  }
}

TEST(FindFurnitureTest, RepeatedHeaderAndPageNumbersButNotBody) {
  const std::string p1 = "CM17-0900002\nBody text one.\nmore\nPage 1 of 2";
  const std::string p2 = "CM17-0900002\nBody text two.\nmore\nPage 2 of 2";
  auto lines_of = [](const std::string& t) { return SplitLines(t); };
  std::vector<PageLayout> pages = {{1, &p1, lines_of(p1), 4}, {2, &p2, lines_of(p2), 4}};
  // Bands are a share of the height: put the lines at the page's top and bottom.
  for (PageLayout& p : pages) {
    p.height = 100;
    p.lines[0].y0 = 2; p.lines[0].y1 = 6;
    p.lines[1].y0 = 40; p.lines[1].y1 = 44;
    p.lines[2].y0 = 50; p.lines[2].y1 = 54;
    p.lines[3].y0 = 95; p.lines[3].y1 = 99;
  }
  const auto found = FindFurniture(pages);
  ASSERT_EQ(found.size(), 2u);
  ASSERT_EQ(found[0].size(), 2u);
  EXPECT_EQ(p1.substr(found[0][0].begin, found[0][0].end - found[0][0].begin), "CM17-0900002");
  EXPECT_EQ(p1.substr(found[0][1].begin, found[0][1].end - found[0][1].begin), "Page 1 of 2");
  EXPECT_EQ(found[1][1].page_number, 2);
}

TEST(FindFurnitureTest, SinglePageTitleIsNotFurniture) {
  const std::string p1 = "PROGRESS REPORT\nBody\nSigned";
  std::vector<PageLayout> pages = {{1, &p1, SplitLines(p1), 100}};
  pages[0].lines[0].y0 = 2; pages[0].lines[0].y1 = 6;
  pages[0].lines[2].y0 = 95; pages[0].lines[2].y1 = 99;
  EXPECT_TRUE(FindFurniture(pages)[0].empty());
}

}  // namespace
}  // namespace imr
