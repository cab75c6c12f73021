// Examination findings read from a region by a table of RE2 rows, and the
// small row-table machinery the other clinical extractors share
// (history_extractor.h).
//
//   imr::Region region = imr::RegionOfText("Strength 4+/5 in the right EHL. Antalgic gait.");
//   for (const imr::Fact& f : imr::ExtractFindings(region)) {
//     f.text;                   // "Strength 4+/5 in the right EHL", then "Antalgic gait"
//     f.value.at("finding_type");  // "motor", then "gait"
//   }
//
// Extractors quote phrases; they never decide whether a phrase is asserted.
// "No tenderness" gives the fact "tenderness", and the assertion module marks
// it absent later. A test's result is a value ("result": "negative"), not an
// assertion.
#ifndef IMR_EXTRACT_FINDING_EXTRACTOR_H_
#define IMR_EXTRACT_FINDING_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "extract/pattern.h"
#include "extract/region.h"

namespace imr {

// Facts of kind "finding": motor grades, reflexes, sensation, range of motion,
// tenderness, spasm, straight-leg raise, named special tests, gait, pain
// scores, red flags, neurological deficit, radiation of pain and imaging
// results. value["finding_type"] names which; other values as the row sets
// them (grade, result, test, score, score_max, body_site, laterality...).
// Sorted by span begin; of overlapping phrases the longest is kept.
std::vector<Fact> ExtractFindings(const Region& region);

// ---------------------------------------------------------------------------
// Row tables. Add a rule by adding a row; every row has a test that fires and
// a near miss that must not.

// Turns the words of a capture group into an attribute value.
using PhraseNormalizer = std::string (*)(std::string_view words);

// value[key] from capture group `group` when that group took part. When two
// captures name one key, the first that took part wins. A null normalizer
// keeps the words in lower case with whitespace collapsed.
struct PhraseCapture {
  std::string_view key = {};
  int group = 0;
  PhraseNormalizer normalize = nullptr;
};

struct PhraseRule {
  std::string id = {};       // "finding.motor_grade@1": the fact's rule
  std::string pattern = {};  // RE2; may name shared pieces as <NAME> (PatternPiece, pattern.h)
  Attributes fixed = {};     // set on every fact of the row
  std::vector<PhraseCapture> captures = {};
  int phrase_group = 0;  // the group the fact quotes: context outside it is not quoted
  // RE2 has no look-around. A row that must not fire beside some words
  // ("valley fever") matches them in a veto group; a row that fires only with
  // one of several cues (a result, "test", "sign") lists the cue groups.
  std::vector<int> veto_groups = {};
  std::vector<int> needs_any_group = {};
};

// A phrase a row found: byte offsets into the text searched.
struct PhraseHit {
  size_t begin = 0;
  size_t end = 0;
  const PhraseRule* rule = nullptr;
  Attributes value;
};

// A table compiled once (a PatternSet: one pass finds the rows that can
// match). Throws std::invalid_argument naming the first row that does not
// parse.
class PhraseRuleTable {
 public:
  PhraseRuleTable(std::vector<PhraseRule> rules, const std::vector<PatternPiece>& pieces,
                  PatternSet::Prefilter prefilter = PatternSet::Prefilter::kWords);

  // Every hit of every row, row by row; hits of one row do not overlap. A
  // phrase that is part of a date or a dose ("5/5/2016", "10/325", "on 4/5")
  // is dropped.
  std::vector<PhraseHit> FindAll(std::string_view text) const;

 private:
  std::vector<PhraseRule> rules_;
  PatternSet patterns_;  // beside rules_, same order
};

// Of hits that overlap, keeps the longest; on a tie the one earlier in `hits`
// (FindAll gives hits row by row, so the earlier row). Sorted by begin.
// KeepLongestPerSpan (keep_longest.h) with EqualLength::kEarlierFoundWins.
std::vector<PhraseHit> KeepLongestHits(std::vector<PhraseHit> hits);

// Facts of `kind` quoting each hit; hit offsets are into region.text.text.
std::vector<Fact> HitsToFacts(const Region& region, const std::vector<PhraseHit>& hits,
                              std::string_view kind);

// The words in lower case with runs of whitespace as one space.
std::string NormalizePhraseWords(std::string_view words);

// "right", "left" or "bilateral" for rt/right, lt/left, bilateral(ly)/both.
std::string NormalizeLaterality(std::string_view words);

// The rows and pieces behind ExtractFindings, for tests.
const std::vector<PhraseRule>& FindingRules();
const std::vector<PatternPiece>& FindingPieces();

}  // namespace imr

#endif  // IMR_EXTRACT_FINDING_EXTRACTOR_H_
