#include "normalize/spine_levels.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

TEST(ExpandSpinalLevelsTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"L4-S1", "L4-L5 L5-S1"},
      {"L4-5", "L4-L5"},
      {"L4-5, L5-S1", "L4-L5 L5-S1"},
      {"L4-L5 and L5-S1", "L4-L5 L5-S1"},
      {"C5-7", "C5-C6 C6-C7"},
      {"C5 - C7", "C5-C6 C6-C7"},
      {"C6-T1", "C6-C7 C7-T1"},
      {"T12-L1", "T12-L1"},
      {"T11-12", "T11-T12"},
      {"L3-S1", "L3-L4 L4-L5 L5-S1"},
      {"L5/S1", "L5-S1"},
      {"L2", "L2"},
      {"the L2 area", "L2"},
      {"L4-5 and L4-5", "L4-L5"},  // said twice, one segment
      // Ranges that run backwards or past the column name nothing.
      {"L5-4", ""},
      {"L5-6", ""},
      {"C8", ""},
      {"S2", ""},
      {"T13", ""},
      // Not levels.
      {"5/5 strength", ""},
      {"CPT 72148", ""},
      {"", ""},
  };
  for (const auto& [printed, expected] : rows) {
    SCOPED_TRACE(printed);
    std::string got;
    for (const std::string& s : ExpandSpinalLevels(printed)) got += (got.empty() ? "" : " ") + s;
    EXPECT_EQ(got, expected);
  }
}

TEST(SpinalRegionTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"C5-6", "cervical"}, {"C7-T1", "cervicothoracic"}, {"T8", "thoracic"}, {"T12-L1", "thoracolumbar"},
      {"L4-5", "lumbar"},   {"L4-S1", "lumbosacral"},     {"S1", "sacral"},   {"knee", ""},
  };
  for (const auto& [printed, region] : rows) EXPECT_EQ(SpinalRegion(printed), region) << printed;
}

TEST(NormalizeSpinalLevelsTest, AddsSegmentsToFactsWithALevel) {
  std::vector<Fact> facts(3);
  facts[0].value["level"] = "L4-S1";
  facts[1].value["body_site"] = "knee";
  facts[2].value["level"] = "L9";
  NormalizeSpinalLevels(&facts);
  EXPECT_EQ(facts[0].value.at("segments"), "L4-L5,L5-S1");
  EXPECT_EQ(facts[0].value.at("spinal_region"), "lumbosacral");
  EXPECT_EQ(facts[1].value.count("segments"), 0u);
  EXPECT_EQ(facts[2].value.count("segments"), 0u);
}

}  // namespace
}  // namespace imr
