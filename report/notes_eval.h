// `imr eval` on clinical notes: records scored against mention-level gold made
// of offsets into the notes (corpus/notes-gold/GUIDE.md).
//
//   std::vector<imr::GoldNote> gold = ...;        // pipeline/eval_io.h reads them
//   imr::NotesReport report = imr::EvaluateNotes(gold, records);
//   report.by_fold["all"].kinds["problem"].F1();
//
// A gold mention is found when one fact of its kind covers at least half of
// its words (a word is a run of letters and digits; covered when it lies
// inside the fact's span or one of its `also` spans). A fact is right when it
// covers half of some gold mention's words. Gold kinds map to fact kinds:
// problem -> diagnosis, procedure -> procedure, medication -> medication,
// allergy -> allergy. Assertion is scored on the gold mentions found: the
// fact covering most of the mention's words says it.
#ifndef IMR_REPORT_NOTES_EVAL_H_
#define IMR_REPORT_NOTES_EVAL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "report/eval.h"

namespace imr {

struct GoldMention {
  size_t begin = 0, end = 0;  // byte offsets into the note
  std::string kind;           // problem, procedure, medication, allergy
  std::string assertion;
};

struct GoldNote {
  std::string stem;    // the note id, also the stem of its record
  std::string sha256;  // of the note's bytes: offsets hold only for those bytes
  std::string fold;    // dev or check
  std::optional<int> age;
  std::optional<std::string> sex;
  std::vector<GoldMention> mentions;
};

struct MentionScore {
  int gold = 0, found_gold = 0;     // recall side
  int facts = 0, right_facts = 0;   // precision side
  int asserted = 0, right_assertion = 0;  // on found gold mentions
  // Exact match: a fact's span is the gold mention's very bytes.
  int exact_gold = 0, exact_facts = 0;
  double Precision() const;  // overlap: half of the mention's words
  double Recall() const;
  double F1() const;
  double AssertionAccuracy() const;
  double ExactPrecision() const;
  double ExactRecall() const;
  double ExactF1() const;
};

struct FoldScore {
  int notes = 0;
  std::map<std::string, MentionScore> kinds;  // problem, procedure, medication, allergy
  Score age, sex;
  // gold assertion -> record assertion -> count, for problems found.
  std::map<std::string, std::map<std::string, int>> problem_assertions;
};

struct NotesReport {
  std::map<std::string, FoldScore> by_fold;  // "dev", "check", and "all"
  std::vector<Miss> misses;                   // dev notes only: check misses are not for reading
  std::vector<std::string> skipped;           // notes without a record, or whose bytes differ
};

// `records` maps a stem to its record. Pure.
NotesReport EvaluateNotes(const std::vector<GoldNote>& gold, const std::map<std::string, Record>& records);

// One table: per fold and kind P/R/F1, assertion, age and sex; then dev misses.
std::string FormatNotesTable(const NotesReport& report, bool with_misses);

}  // namespace imr

#endif  // IMR_REPORT_NOTES_EVAL_H_
