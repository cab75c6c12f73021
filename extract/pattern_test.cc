#include "extract/pattern.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace imr {
namespace {

TEST(ExpandPatternTest, AngleNamesBecomeGroupsBraceNamesStayAsWritten) {
  const std::vector<PatternPiece> angle = {{"SIDE", "right|left"}, {"AT", R"(at\s+the\s+<SIDE>)"}};
  EXPECT_EQ(ExpandPattern(R"(x{1,2}<AT>)", angle), R"(x{1,2}(?:at\s+the\s+(?:right|left)))");

  const std::vector<PatternPiece> brace = {{"MM", "(?:1[0-2]|0?[1-9])"}, {"D_SLASH", R"({MM}/{DD})"},
                                           {"DD", "(?:3[01]|[12][0-9]|0?[1-9])"}};
  // Pieces may name pieces listed after them; counted repetitions stay.
  EXPECT_EQ(ExpandPattern(R"(\b{D_SLASH}\d{2,4}{x})", brace, PieceSyntax::kBraceVerbatim),
            R"(\b(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])\d{2,4}{x})");
  // Each syntax reads only its own marks.
  EXPECT_EQ(ExpandPattern("<MM>", brace, PieceSyntax::kBraceVerbatim), "<MM>");
  EXPECT_EQ(ExpandPattern("{SIDE}", angle), "{SIDE}");
}

TEST(ExpandPatternTest, AnUnknownOrSelfNamingPieceIsABugInTheTable) {
  const std::vector<PatternPiece> pieces = {{"LOOP", "a<LOOP>"}, {"BRACE_LOOP", "b{BRACE_LOOP}"}};
  EXPECT_THROW(ExpandPattern("<MISSING>", pieces), std::invalid_argument);
  EXPECT_THROW(ExpandPattern("{MISSING}", pieces, PieceSyntax::kBraceVerbatim), std::invalid_argument);
  EXPECT_THROW(ExpandPattern("<LOOP>", pieces), std::invalid_argument);
  EXPECT_THROW(ExpandPattern("{BRACE_LOOP}", pieces, PieceSyntax::kBraceVerbatim), std::invalid_argument);
}

TEST(PatternSetTest, CandidatesAreTheRowsThatMatchAndEachRowFindsItsOwn) {
  PatternSet set;
  set.Add(R"((?i)\bpain\b)");
  set.Add(R"((\d)/5)");
  set.Add(R"(\bnever here\b)");
  set.Compile();
  ASSERT_EQ(set.size(), 3u);
  EXPECT_EQ(set.Candidates("Strength 5/5, no PAIN."), (std::vector<int>{0, 1}));
  EXPECT_EQ(set.Candidates("painless"), std::vector<int>{});  // \b holds in the set too
  EXPECT_EQ(set.Candidates(""), std::vector<int>{});
  const std::vector<Match> grades = set.Row(1).FindAll("4/5 and 5/5");
  ASSERT_EQ(grades.size(), 2u);
  EXPECT_EQ(grades[1].group(1), "5");
  EXPECT_EQ(&set.Row(1), &set.Row(1));  // compiled once
}

TEST(PatternSetTest, ABadRowFailsWhenAddedAndTheSetIsFrozenOnceCompiled) {
  PatternSet set;
  EXPECT_THROW(set.Add("(unclosed"), std::invalid_argument);
  EXPECT_THROW(set.Candidates("x"), std::logic_error);  // not compiled yet
  set.Add("x");
  set.Compile();
  EXPECT_THROW(set.Add("y"), std::invalid_argument);
  EXPECT_THROW(set.Row(5), std::out_of_range);
}

}  // namespace
}  // namespace imr
