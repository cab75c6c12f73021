// `imr eval`: records scored against hand-made gold annotations.
//
//   std::vector<imr::GoldLetter> gold = ...;      // pipeline/gold_json.h reads them
//   std::map<std::string, imr::Record> records;   // by input stem
//   imr::EvalReport report = imr::Evaluate(gold, records);
//   std::cout << imr::FormatEvalTable(report);
//
// Fields, patient and reviewer are scored exactly (a gold null expects no
// value); requests are matched one to one by CompareKey (whitespace and
// line-break hyphens normalized) and scored by precision, recall and F1, then
// the letter's decision and guideline lines are scored on the matched pairs.
// Every disagreement is listed as a miss.
#ifndef IMR_REPORT_EVAL_H_
#define IMR_REPORT_EVAL_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

struct GoldRequest {
  std::string text;
  std::string decision;                                    // upheld, overturned
  std::optional<std::string> claims_administrator_guideline;  // nullopt: gold null
  std::optional<std::string> reviewer_guideline;
  std::string rationale_says;
};

struct GoldLetter {
  std::string stem;  // the file name before ".gold.json"
  std::map<std::string, std::optional<std::string>> fields;  // case_number and header fields
  std::optional<int> age;
  std::optional<std::string> sex;
  std::vector<std::string> licensure;
  std::optional<std::string> specialty;
  std::vector<GoldRequest> requests;
  std::vector<std::string> diagnoses;
};

struct Score {
  int correct = 0;
  int total = 0;
  double rate() const { return total ? static_cast<double>(correct) / total : 0.0; }
};

struct Miss {
  std::string stem;
  std::string what;      // "date_of_injury", "request", "request.decision", ...
  std::string expected;
  std::string got;
};

// The drafted determinations against the reviewers' decisions, on matched
// requests. A reviewer who upheld the denial found the request not medically
// necessary; one who overturned it found it necessary. `insufficient_documentation`
// sides with the denial (the burden is on the requester), and a request with
// no determination counts as "none" in the matrix and as a denial in the scores.
// Requests drafted one way or another, for a row of the per-rule and
// per-confidence tables: over-approvals are drafted medically necessary where
// the reviewer upheld the denial; under-approvals drafted otherwise where the
// reviewer overturned it.
struct Tally {
  int total = 0, agree = 0, over = 0, under = 0;
};

struct Agreement {
  // gold decision ("upheld", "overturned") -> outcome -> count
  std::map<std::string, std::map<std::string, int>> confusion;
  int determined = 0, total = 0;  // matched requests with a determination, all matched
  // by request category: [agreeing, total]
  std::map<std::string, std::pair<int, int>> by_category;
  std::map<std::string, Tally> by_rule;        // rule id ("none": no determination)
  std::map<std::string, Tally> by_confidence;  // determination confidence ("none")

  int Count(const std::string& gold, bool approved) const;  // approved: medically_necessary
  double DeterminedShare() const;
  double Accuracy() const;
  double Kappa() const;           // Cohen's kappa, approve vs deny
  // Kappa's 95% interval by the percentile bootstrap: the 2.5th and 97.5th
  // percentiles of kappa over `resamples` draws, with replacement, of the
  // matched requests (`pairs`). The seed is fixed, so the same records give
  // the same interval.
  std::pair<double, double> KappaInterval(int resamples = 2000) const;
  // Per matched request, in order: (the reviewer overturned the denial, the
  // draft found the request medically necessary).
  std::vector<std::pair<bool, bool>> pairs;
  double OverturnRecall() const;  // overturned found medically necessary
  double OverturnPrecision() const;
};

// Letters fall into folds by a hash of their case number (FoldOf), so a
// letter stays in its fold however the set grows. A k-fold check scores the
// rules fold by fold, each with the rulebook as it was before that fold's
// misses were read (decide/rules/CHANGES.md).
struct EvalOptions {
  int folds = 5;
  int only_fold = 0;  // 1..folds: score the letters of that fold alone; 0: all
};

// The fold (1..folds) of a letter: FNV-1a of its case number (its stem when
// it has none), modulo `folds`.
int FoldOf(std::string_view case_number, int folds);

struct EvalReport {
  int gold_letters = 0;
  int records_found = 0;
  std::map<std::string, Score> fields;  // by field name, plus age, sex, licensure, specialty
  int gold_requests = 0, found_requests = 0, matched_requests = 0;
  Score decision;                       // on matched requests
  Score reviewer_guideline;             // on matched requests
  Score claims_administrator_guideline; // on matched requests
  // Diagnoses of the clinical case summary: a gold entry is found when a
  // present diagnosis fact of that section covers at least half of its words;
  // a fact is right when it covers half of some gold entry's words.
  std::map<std::string, int> request_categories;  // over every request found
  Agreement agreement;
  std::vector<Agreement> folds;  // folds[k - 1]: the letters of fold k
  int only_fold = 0;
  int gold_diagnoses = 0, found_gold_diagnoses = 0;
  int diagnosis_facts = 0, right_diagnosis_facts = 0;
  std::vector<Miss> misses;

  double RequestPrecision() const;
  double RequestRecall() const;
  double RequestF1() const;
  double DiagnosisPrecision() const;
  double DiagnosisRecall() const;
  double DiagnosisF1() const;
  // Share of the requests found whose category is not "other".
  double CategorizedShare() const;
};

// One measure in two eval reports (`imr eval --json` today and a baseline).
struct MeasureChange {
  std::string measure;  // its path in the JSON: "requests.f1", "notes.folds.all.kinds.problem.exact.f1"
  double before = 0, after = 0;
};

// What moved between a baseline report and today's. Only measures where
// higher is better are compared (rates, precision, recall, F1, accuracy,
// kappa, overturn recall and precision); counts are not.
struct BaselineComparison {
  std::vector<MeasureChange> improved, regressed;
  int unchanged = 0;
  // Misses (stem, what, expected) of the baseline that are gone today, and
  // today's that the baseline did not have.
  std::vector<Miss> fixed, new_misses;
};

// `records` maps an input stem to its record. Letters without a record count
// as wrong on everything and are listed as misses.
EvalReport Evaluate(const std::vector<GoldLetter>& gold, const std::map<std::string, Record>& records,
                    const EvalOptions& options = {});

// Human-readable table with one line per measure, then the misses.
std::string FormatEvalTable(const EvalReport& report);

// What moved against a baseline: regressions first, then improvements, then
// new and fixed misses, a line each.
std::string FormatBaselineComparison(const BaselineComparison& comparison);

}  // namespace imr

#endif  // IMR_REPORT_EVAL_H_
