#include "normalize/fact_merge.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

Fact MakeFact(std::string id, std::string kind, std::string text, Span span, Attributes value = {},
              std::string assertion = "present") {
  Fact f;
  f.id = std::move(id);
  f.kind = std::move(kind);
  f.text = std::move(text);
  f.span = span;
  f.value = std::move(value);
  f.assertion = std::move(assertion);
  f.section = "clinical_case_summary";
  return f;
}

TEST(SameFactKeyTest, Table) {
  struct Row {
    Fact a, b;
    bool same;
  };
  const Row rows[] = {
      {MakeFact("f1", "diagnosis", "Lumbar  strain", {}), MakeFact("f2", "diagnosis", "lumbar strain", {}), true},
      {MakeFact("f1", "diagnosis", "right- sided pain", {}), MakeFact("f2", "diagnosis", "right-sided pain", {}), true},
      {MakeFact("f1", "diagnosis", "lumbar strain", {}), MakeFact("f2", "diagnosis", "lumbar strain", {}, {}, "absent"),
       false},
      {MakeFact("f1", "date", "10/13/2016", {}, {{"date", "2016-10-13"}}),
       MakeFact("f2", "date", "October 13, 2016", {}, {{"date", "2016-10-13"}}), true},
      {MakeFact("f1", "medication", "Norco 10/325", {}, {{"generic", "hydrocodone/acetaminophen"}, {"strength", "10/325"}}),
       MakeFact("f2", "medication", "NORCO 10/325 mg", {}, {{"generic", "hydrocodone/acetaminophen"}, {"strength", "10/325"}}),
       true},
      {MakeFact("f1", "medication", "Norco 10/325", {}, {{"generic", "hydrocodone/acetaminophen"}, {"strength", "10/325"}}),
       MakeFact("f2", "medication", "Norco 5/325", {}, {{"generic", "hydrocodone/acetaminophen"}, {"strength", "5/325"}}),
       false},
      {MakeFact("f1", "procedure", "MRI of the right knee", {}, {{"procedure", "mri"}, {"body_site", "knee"}, {"laterality", "right"}}),
       MakeFact("f2", "procedure", "right knee MRI", {}, {{"procedure", "mri"}, {"body_site", "knee"}, {"laterality", "right"}}),
       true},
      {MakeFact("f1", "procedure", "MRI of the right knee", {}, {{"procedure", "mri"}, {"body_site", "knee"}, {"laterality", "right"}}),
       MakeFact("f2", "procedure", "MRI of the left knee", {}, {{"procedure", "mri"}, {"body_site", "knee"}, {"laterality", "left"}}),
       false},
      {MakeFact("f1", "finding", "spasm", {}), MakeFact("f2", "diagnosis", "spasm", {}), false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.a.text + " ~ " + row.b.text);
    EXPECT_EQ(SameFactKey(row.a) == SameFactKey(row.b), row.same);
  }
}

TEST(MergeRepeatedFactsTest, LaterMentionsBecomeEvidenceAndIdsAndAnchorsFollow) {
  std::vector<Fact> facts = {
      MakeFact("f1", "medication", "Norco", {1, 10, 15}, {{"generic", "hydrocodone/acetaminophen"}}),
      MakeFact("f2", "date", "10/13/2016", {1, 20, 30}, {{"date", "2016-10-13"}}),
      MakeFact("f3", "medication", "norco", {2, 5, 10}, {{"generic", "hydrocodone/acetaminophen"}, {"quantity", "90"}}),
      MakeFact("f4", "date", "three weeks later", {2, 40, 57}, {{"date", "2016-11-03"}, {"anchor", "f2"}}),
  };
  MergeRepeatedFacts(&facts);
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[0].id, "f1");
  ASSERT_EQ(facts[0].also.size(), 1u);
  EXPECT_EQ(facts[0].also[0].span, (Span{2, 5, 10}));
  EXPECT_EQ(facts[0].also[0].text, "norco");
  EXPECT_EQ(facts[0].value.at("quantity"), "90");  // a later mention's detail is kept
  EXPECT_EQ(facts[2].id, "f3");
  EXPECT_EQ(facts[2].value.at("anchor"), "f2");
}

TEST(BuildTimelineTest, FieldsAndDatesInOrder) {
  std::map<std::string, Field> fields = {{"date_of_injury", {"2016-10-13", {}}},
                                         {"decision_date", {"2017-01-05", {}}},
                                         {"priority", {"standard", {}}}};
  std::vector<Fact> facts = {
      MakeFact("f2", "date", "November 2016", {}, {{"date", "2016-11"}, {"precision", "month"}}),
      MakeFact("f10", "date", "11/3/2016", {}, {{"date", "2016-11-03"}, {"precision", "day"}, {"role", "imaging"}}),
      MakeFact("f9", "date", "11/3/2016", {}, {{"date", "2016-11-03"}, {"precision", "day"}}),
      MakeFact("f11", "date", "02/30/2016", {}),  // not a calendar date: not on the timeline
      MakeFact("f12", "diagnosis", "strain", {}),
  };
  std::string got;
  for (const TimelineEntry& t : BuildTimeline(fields, facts)) got += t.date + ":" + t.source + ":" + t.role + " ";
  EXPECT_EQ(got,
            "2016-10-13:date_of_injury:injury 2016-11:f2: 2016-11-03:f9: 2016-11-03:f10:imaging "
            "2017-01-05:decision_date:imr_decision ");
}

}  // namespace
}  // namespace imr
