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

}  // namespace
}  // namespace imr
