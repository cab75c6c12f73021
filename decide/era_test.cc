#include "decide/era.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

TEST(GuidelineEraTest, BoundariesPickTheRightEdition) {
  struct Row {
    YearMonthDay date;
    std::string_view era;
  };
  const Row rows[] = {
      {{2008, 1, 10}, "acoem_2004"},
      {{2009, 7, 17}, "acoem_2004"},
      {{2009, 7, 18}, "chronic_pain_2009"},
      {{2014, 3, 1}, "chronic_pain_2009"},
      {{2016, 7, 28}, "chronic_pain_2009"},
      {{2016, 7, 29}, "chronic_pain_2016"},
      {{2017, 11, 30}, "chronic_pain_2016"},
      {{2017, 12, 1}, "acoem_2017"},
      {{2024, 5, 5}, "acoem_2017"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(testing::Message() << row.date.year << "-" << row.date.month << "-" << row.date.day);
    EXPECT_EQ(EraName(GuidelineEraFor(row.date)), row.era);
    EXPECT_EQ(EraFromName(row.era), GuidelineEraFor(row.date));
  }
  EXPECT_FALSE(EraFromName("odg_2030").has_value());
}

}  // namespace
}  // namespace imr
