#include "extract/pattern.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/clinical.h"  // BuildSearchProgramsAhead

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
  set.Add(R"((\d+)/5)");
  set.Add(R"(\bnever here\b)");
  set.Compile();
  ASSERT_EQ(set.size(), 3u);
  // A row with no literal word to look for (row 1) is always a candidate;
  // the others only where their words are, in any case.
  EXPECT_EQ(set.Candidates("Strength 5/5, no PAIN."), (std::vector<int>{0, 1}));
  EXPECT_EQ(set.Candidates("Strength normal."), std::vector<int>{1});
  EXPECT_EQ(set.Candidates("It was never here."), (std::vector<int>{1, 2}));
  EXPECT_EQ(set.Candidates(""), std::vector<int>{1});
  // The words are a necessary condition, not a match: the row decides.
  const std::vector<int> painless = set.Candidates("painless");
  ASSERT_TRUE(std::find(painless.begin(), painless.end(), 0) != painless.end());
  EXPECT_TRUE(set.Row(0).FindAll("painless").empty());
  const std::vector<Match> grades = set.Row(1).FindAll("4/5 and 5/5");
  ASSERT_EQ(grades.size(), 2u);
  EXPECT_EQ(grades[1].group(1), "5");
  EXPECT_EQ(&set.Row(1), &set.Row(1));  // compiled once
}

// Every row that matches a text is among its candidates, over the finding
// table's own rows and texts that name each of them in different case.
TEST(PatternSetTest, NoRowThatMatchesIsLeftOut) {
  PatternSet set;
  const std::vector<std::string> rows = {R"((?i)\bstraight\s+leg\s+rais\w*\b)", R"(\bSLR\b)",
                                         R"((?i)(?:positive|negative)\s+(?:spurling|phalen)\w*)",
                                         R"((?i)\b(?:ROM|range of motion)\b.{0,20}\blimited\b)"};
  for (const std::string& row : rows) set.Add(row);
  set.Compile();
  for (const std::string text : {"STRAIGHT LEG RAISING negative", "SLR neg", "slr", "Positive Phalen's test",
                                 "rom is LIMITED", "Range Of Motion: limited"}) {
    SCOPED_TRACE(text);
    const std::vector<int> candidates = set.Candidates(text);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (set.Row(i).Find(text)) EXPECT_TRUE(std::find(candidates.begin(), candidates.end(), int(i)) != candidates.end());
    }
  }
  EXPECT_EQ(set.Candidates("nothing of the kind"), std::vector<int>{});
}

// Whole rows as the prefilter: the candidates are exactly the rows that
// match somewhere, each row with its own flags.
TEST(PatternSetTest, WholeRowCandidatesAreExactlyTheRowsThatMatch) {
  PatternSet set(PatternSet::Prefilter::kWholeRows);
  const std::vector<std::string> rows = {R"((?i)\bpain\b)", R"((\d+)/5)", R"(\bnever here\b)", R"(\bSLR\b)",
                                         R"((?i)\b(?:ROM|range of motion)\b.{0,20}\blimited\b)"};
  for (const std::string& row : rows) set.Add(row);
  set.Compile();
  ASSERT_EQ(set.size(), rows.size());
  EXPECT_EQ(set.Candidates("Strength 5/5, no PAIN."), (std::vector<int>{0, 1}));
  EXPECT_EQ(set.Candidates("Strength normal."), std::vector<int>{});  // no row without words is kept
  EXPECT_EQ(set.Candidates("painless; slr; It was Never here"), std::vector<int>{});
  EXPECT_EQ(set.Candidates("rom is LIMITED, SLR negative, never here"), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(set.Candidates(""), std::vector<int>{});
  for (const std::string text : {"4/5 and 5/5", "Range Of Motion: limited by pain", "SLR 3/5", "nothing"}) {
    SCOPED_TRACE(text);
    std::vector<int> matching;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (set.Row(i).Find(text)) matching.push_back(static_cast<int>(i));
    }
    EXPECT_EQ(set.Candidates(text), matching);
  }
  const std::vector<Match> grades = set.Row(1).FindAll("4/5 and 5/5");
  ASSERT_EQ(grades.size(), 2u);
  EXPECT_EQ(grades[1].group(1), "5");
  EXPECT_THROW(set.Add("y"), std::invalid_argument);
  PatternSet bad(PatternSet::Prefilter::kWholeRows);
  EXPECT_THROW(bad.Add("(unclosed"), std::invalid_argument);
  EXPECT_EQ(bad.size(), 0u);
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

// A zygote builds each pattern whole when it is made (clinical.h,
// BuildSearchProgramsAhead); what the pattern finds stays as it was.
TEST(PatternTest, PatternsBuiltAheadFindWhatPatternsBuiltOnFirstMatchFind) {
  const std::vector<std::string> rows = {R"((?i)\b(right|left)\s+(knee|hip)\b)", R"((\d+)\s*/\s*10\b)",
                                         R"((?i)straight\s+leg\s+rais(?:e|ing)\s+(positive|negative))"};
  const std::vector<std::string> texts = {"Exam: Left knee swollen; right HIP stiff. Pain 7/10, was 9 / 10.",
                                          "Straight leg raising negative; straight leg raise POSITIVE on the left.",
                                          "nothing here", ""};
  auto everything_found = [&](const std::vector<Pattern>& patterns, const PatternSet& set) {
    std::vector<std::string> found;
    for (const std::string& text : texts) {
      for (const Pattern& pattern : patterns) {
        for (const Match& m : pattern.FindAll(text)) {
          for (size_t g = 0; g < m.groups.size(); ++g) {
            found.push_back(m.has(g) ? std::to_string(m.groups[g].data() - text.data()) + ":" + std::string(m.group(g))
                                     : "-");
          }
        }
      }
      for (int row : set.Candidates(text)) {
        for (const Match& m : set.Row(row).FindAll(text)) found.push_back("row " + std::string(m.group(0)));
      }
    }
    return found;
  };
  auto build = [&](std::vector<Pattern>* patterns, PatternSet* set) {
    for (const std::string& row : rows) {
      patterns->emplace_back(row);
      set->Add(row);
    }
    set->Compile();
  };
  std::vector<Pattern> on_first_match;
  PatternSet set_on_first_match;
  build(&on_first_match, &set_on_first_match);
  const std::vector<std::string> before = everything_found(on_first_match, set_on_first_match);

  BuildSearchProgramsAhead();
  std::vector<Pattern> ahead;
  PatternSet set_ahead;
  build(&ahead, &set_ahead);
  EXPECT_EQ(everything_found(ahead, set_ahead), before);
  EXPECT_GE(before.size(), 20u);  // the texts hold matches of every row
}

}  // namespace
}  // namespace imr
