#include "core/record.h"
#include "core/calendar.h"

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

namespace imr {
namespace {

TEST(CalendarTest, DaysFromCivilCountsAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2016, 11, 3) - DaysFromCivil(2016, 10, 1), 33);
  EXPECT_EQ(DaysFromCivil(2016, 3, 1) - DaysFromCivil(2016, 2, 28), 2);  // 2016 is a leap year
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);  // 1900 is not
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);  // 2000 is
}

}  // namespace
}  // namespace imr
