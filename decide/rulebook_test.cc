#include "decide/rulebook.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

// A minimal valid rule file with `rules` spliced in.
std::string SetWith(const std::string& rules, const std::string& categories = R"(["imaging.mri.knee"])") {
  return R"({"rule_set": "t", "version": 1, "categories": )" + categories + R"(, "rules": [)" + rules + "]}";
}

std::string RuleWith(const std::string& eras, const std::string& test, const std::string& extra = "") {
  return R"({"id": "r", "eras": )" + eras + R"(, "provenance": "R", "summary": "s",
             "citations": [{"source": "S", "chapter": "C", "pages": "1-2"}],
             "criteria": [{"id": "c", "says": "x", "test": )" + test + "}]" + extra + "}";
}

const std::string kAllEras = R"(["acoem_2004", "chronic_pain_2009", "chronic_pain_2016", "acoem_2017"])";
const std::string kGoodTest = R"({"fact": {"kind": "finding", "is": {"finding_type": "red_flag"}}})";
const std::vector<std::string> kCategories = {"imaging.mri.knee", "imaging.mri.lumbar", "other"};

std::vector<std::string> Check(const std::vector<RuleFile>& files) { return CheckRuleFiles(files, kCategories); }

const std::string kCapped = R"(, "at_most": "insufficient_documentation", "position": "none encoded")";

std::vector<RuleFile> WithGeneral(RuleFile file) {
  return {std::move(file), {"general.json", SetWith(RuleWith(kAllEras, kGoodTest, kCapped), R"(["*"])")}};
}

TEST(RulebookTest, BuiltinRulesPassTheCheck) {
  // The same check `imr rules check` runs, against the real taxonomy, is in
  // cli_test; here only what decide/ knows: every file parses cleanly.
  std::vector<std::string> errors;
  Rulebook book = Rulebook::Parse(BuiltinRuleFiles(), &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_GE(book.sets().size(), 2u);
  ASSERT_NE(book.ForCategory("some.unknown.category"), nullptr);
  EXPECT_EQ(book.ForCategory("some.unknown.category")->name, "general");
}

TEST(RulebookTest, AValidFileChecksClean) {
  EXPECT_EQ(Check(WithGeneral({"t.json", SetWith(RuleWith(kAllEras, kGoodTest))})), std::vector<std::string>{});
}

struct BadCase {
  std::string why;
  std::string file;
  std::string expected;  // a substring of some error
};

TEST(RulebookTest, EachSchemaErrorIsReported) {
  const std::vector<BadCase> cases = {
      {"not json", "{", "not valid JSON"},
      {"unknown fact kind", SetWith(RuleWith(kAllEras, R"({"fact": {"kind": "vibe"}})")), "unknown fact kind"},
      {"unknown attribute", SetWith(RuleWith(kAllEras, R"({"fact": {"kind": "finding", "is": {"colour": "red"}}})")),
       "attribute \"colour\""},
      {"unknown era", SetWith(RuleWith(R"(["bronze_age"])", kGoodTest)), "unknown era"},
      {"no citation", R"({"rule_set": "t", "version": 1, "categories": ["imaging.mri.knee"], "rules": [{"id": "r",
         "eras": ["acoem_2017"], "provenance": "R", "summary": "s", "citations": [],
         "criteria": [{"id": "c", "says": "x", "test": {"status": "met"}}]}]})",
       "citations"},
      {"unknown expression", SetWith(RuleWith(kAllEras, R"({"maybe": []})")), "unknown expression"},
      {"unknown request detail", SetWith(RuleWith(kAllEras, R"({"request": {"colour": "red"}})")),
       "unknown request detail"},
      {"bare name outside necessary_when", SetWith(RuleWith(kAllEras, R"("c")")), "only in necessary_when"},
      {"necessary_when names nothing", SetWith(RuleWith(kAllEras, kGoodTest, R"(, "necessary_when": "nope")")),
       "names no criterion"},
      {"overlapping eras", SetWith(RuleWith(kAllEras, kGoodTest) + "," + RuleWith(R"(["acoem_2017"])", kGoodTest)),
       "two rules apply to era acoem_2017"},
      {"missing era", SetWith(RuleWith(R"(["acoem_2017"])", kGoodTest)), "no rule for era acoem_2004"},
      {"unknown category", SetWith(RuleWith(kAllEras, kGoodTest), R"(["imaging.mri.tail"])"),
       "not in the request taxonomy"},
      {"undefined use", SetWith(RuleWith(kAllEras, R"({"use": "nothing_here"})")), "no definition"},
      {"bad provenance", SetWith(RuleWith(kAllEras, kGoodTest)).replace(
           SetWith(RuleWith(kAllEras, kGoodTest)).find("\"R\""), 3, "\"Q\""), "provenance"},
      {"a cap without the missing position", SetWith(RuleWith(kAllEras, kGoodTest, R"(, "at_most": "insufficient_documentation")")),
       "\"position\""},
      {"an unknown cap", SetWith(RuleWith(kAllEras, kGoodTest, R"(, "at_most": "approved", "position": "p")")), "at_most"},
      {"generic not a boolean", SetWith(RuleWith(kAllEras, R"({"fact": {"kind": "diagnosis", "generic": "yes"}})")),
       "\"generic\""},
  };
  for (const BadCase& c : cases) {
    const std::vector<std::string> errors = Check(WithGeneral({"t.json", c.file}));
    bool found = false;
    for (const std::string& e : errors) found = found || e.find(c.expected) != std::string::npos;
    EXPECT_TRUE(found) << c.why << ": expected an error with '" << c.expected << "', got " << errors.size()
                       << " errors" << (errors.empty() ? "" : ", first: " + errors.front());
  }
}

TEST(RulebookTest, CategoryClaimedTwiceAndMissingGeneralAreReported) {
  const RuleFile a{"a.json", SetWith(RuleWith(kAllEras, kGoodTest))};
  const std::vector<std::string> errors = Check({a, a});
  ASSERT_GE(errors.size(), 2u);
  EXPECT_NE(errors[0].find("also claimed"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("\"*\""), std::string::npos) << errors[1];
}

TEST(RulebookTest, TheGeneralSetMustCapItsOutcome) {
  const std::vector<RuleFile> uncapped = {{"t.json", SetWith(RuleWith(kAllEras, kGoodTest))},
                                          {"general.json", SetWith(RuleWith(kAllEras, kGoodTest), R"(["*"])")}};
  const std::vector<std::string> errors = Check(uncapped);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("at_most"), std::string::npos) << errors[0];
}

// A structured binding to *j.items().begin() once left the key and value of
// every expression dangling (AddressSanitizer: stack-use-after-scope in the
// expression parser). Parsing expressions of every shape, with their keys
// read back through the errors they cause, runs that path under the
// sanitized build (IMR_SANITIZE, build-asan).
TEST(RulebookTest, ExpressionKeysSurviveParsing) {
  const std::string nested = R"({"all": [{"any": [{"not": {"fact": {"kind": "finding"}}}, {"unless": {"status": "met"}}]},
                                          {"weigh": {"for": {"since_injury": {"min_days": 1}}, "against": {"status": "unmet"}}},
                                          {"request": {"visits": {"max": 6}}}]})";
  EXPECT_EQ(Check(WithGeneral({"t.json", SetWith(RuleWith(kAllEras, nested))})), std::vector<std::string>{});
  const std::vector<std::string> errors =
      Check(WithGeneral({"t.json", SetWith(RuleWith(kAllEras, R"({"all": [{"perhaps_a_very_long_unknown_key": 1}]})"))}));
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.front().find("perhaps_a_very_long_unknown_key"), std::string::npos) << errors.front();
}

TEST(RulebookTest, DefinitionsAreSharedAndCyclesCaught) {
  const RuleFile defs{"_d.json", R"({"definitions": {"flag": {"fact": {"kind": "finding"}}}})"};
  const RuleFile set{"t.json", SetWith(RuleWith(kAllEras, R"({"use": "flag"})"))};
  std::vector<RuleFile> files = WithGeneral(set);
  files.push_back(defs);
  EXPECT_EQ(Check(files), std::vector<std::string>{});
  const RuleFile cycle{"_c.json", R"({"definitions": {"a": {"use": "b"}, "b": {"not": {"use": "a"}}}})"};
  files.push_back(cycle);
  const std::vector<std::string> errors = Check(files);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.front().find("uses itself"), std::string::npos) << errors.front();
}

TEST(RulebookTest, CategoryLookupPrefersExactThenLongestPrefix) {
  std::vector<std::string> errors;
  const Rulebook book = Rulebook::Parse(
      {{"a.json", R"({"rule_set": "exact", "version": 1, "categories": ["imaging.mri.knee"], "rules": [)" +
                      RuleWith(kAllEras, kGoodTest) + "]}"},
       {"b.json", R"({"rule_set": "mri", "version": 1, "categories": ["imaging.mri.*"], "rules": [)" +
                      RuleWith(kAllEras, kGoodTest) + "]}"},
       {"c.json", R"({"rule_set": "imaging", "version": 1, "categories": ["imaging.*"], "rules": [)" +
                      RuleWith(kAllEras, kGoodTest) + "]}"}},
      &errors);
  ASSERT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(book.ForCategory("imaging.mri.knee")->name, "exact");
  EXPECT_EQ(book.ForCategory("imaging.mri.hip")->name, "mri");
  EXPECT_EQ(book.ForCategory("imaging.ct.hip")->name, "imaging");
  EXPECT_EQ(book.ForCategory("therapy.physical"), nullptr);
}

TEST(RulebookTest, CitationsRenderSourceChapterTopicPages) {
  EXPECT_EQ((Citation{"MTUS ACOEM", "Chapter 12", "Special Studies", "303-304"}.Render()),
            "MTUS ACOEM, Chapter 12, Special Studies, pp. 303-304");
  EXPECT_EQ((Citation{"CPMTG", "", "Opioids", "78"}.Render()), "CPMTG, Opioids, p. 78");
}

}  // namespace
}  // namespace imr
