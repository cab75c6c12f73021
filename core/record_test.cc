#include "core/record.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

TEST(SliceTest, QuotesTheSpanOrNothing) {
  Page page{1, "Date of Injury: 10/13/2016", {}, {}, false};
  EXPECT_EQ(Slice(page, {1, 16, 26}), "10/13/2016");
  EXPECT_EQ(Slice(page, {1, 0, 0}), "");
  EXPECT_EQ(Slice(page, {1, 20, 99}), "");  // past the end
  EXPECT_EQ(Slice(page, {1, 9, 5}), "");    // reversed

  std::vector<Page> pages = {page, Page{2, "second", {}, {}, false}};
  EXPECT_EQ(Slice(pages, {2, 0, 6}), "second");
  EXPECT_EQ(Slice(pages, {3, 0, 1}), "");
  EXPECT_EQ(Slice(pages, {0, 0, 1}), "");
}

TEST(StageNameTest, NamesEveryStage) {
  EXPECT_EQ(StageName(Stage::kIngest), "ingest");
  EXPECT_EQ(StageName(Stage::kDecide), "decide");
  EXPECT_EQ(StageName(Stage::kPipeline), "pipeline");
}

}  // namespace
}  // namespace imr
