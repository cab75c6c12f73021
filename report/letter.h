// The drafted determination of a record as a letter a licensed reviewer edits
// and signs, in the structure of the IMR final determination letters: a header
// table of the claim's fields, a clinical case summary in our own sentences,
// and per disputed item "<request>:  Upheld" (or "Overturned"), the guidelines
// relied upon and a decision rationale. Every statement points at the record's
// words (page and quote); the letter is marked a DRAFT throughout.
//
//   imr::LetterOptions options;
//   options.is_decision_section = imr::IsDecisionSection;   // decide/determine.h
//   imr::DraftLetter letter = imr::DraftLetterFor(record, options);
//   WritePrivateFile("draft.html", imr::LetterHtml(letter));
//   if (imr::CanTypesetLetterPdf()) WritePrivateFile("draft.pdf", imr::LetterPdf(letter, opens_section));
//
// The PDF is written to be read back by our own letter extractor
// (extract/letter_requests.h) as an IMR letter with the same requests, in the
// same order, each decided as drafted: `imr run draft.pdf` gives them back.
#ifndef IMR_REPORT_LETTER_H_
#define IMR_REPORT_LETTER_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.h"

namespace imr {

// Words of the record a statement rests on.
struct LetterEvidence {
  std::string id;       // "E3", as the letter prints it; the HTML anchor is "evidence-E3"
  std::string source;   // the fact id ("f12") or field name ("date_of_injury") quoted
  int page_number = 0;  // of the record's input
  std::string section;  // the record's section name, or ""
  std::string quote;    // the record's words, whitespace collapsed, long ones cut
};

// One sentence of ours with the evidence it rests on.
struct LetterSentence {
  std::string text;
  std::vector<std::string> evidence;  // LetterEvidence ids
};

struct LetterCriterion {
  std::string status;  // met, unmet, not_documented
  std::string says;    // what the criterion asks, in the rulebook's words
  std::vector<std::string> evidence;
};

// One disputed item and its drafted decision.
struct LetterItem {
  std::string request_id;
  std::string text;      // the request as the record names it, whitespace collapsed
  std::string outcome;   // the determination's outcome, or "" when none was drafted
  std::string decision;  // LetterDecision(outcome): "Upheld", "Overturned" or ""
  std::string confidence;
  std::vector<std::string> citations;  // source, chapter, pages: never guideline text
  std::string claims_administrator_guideline;  // as the record quotes it, or ""
  std::string rationale;
  std::vector<LetterCriterion> criteria;
};

struct DraftLetter {
  std::string case_number;  // or ""
  std::vector<std::pair<std::string, std::string>> header;  // label ("Date of Injury:"), value
  std::vector<LetterSentence> summary;
  std::vector<LetterItem> items;
  std::vector<LetterEvidence> evidence;  // in the order first cited
};

struct LetterOptions {
  // True for a section whose words are a decision already made (an IMR
  // letter's rationale): the summary never retells them, and evidence is
  // quoted from elsewhere where the fact is stated again. Null: none is.
  std::function<bool(std::string_view section)> is_decision_section;
  // What each criterion asks, by rule id then criterion id; a criterion not
  // found here is named by its id.
  std::map<std::string, std::map<std::string, std::string>> criterion_says;
};

// The letter's decision line for a drafted outcome: a request found not
// medically necessary, or too thinly documented to decide, leaves the denial
// "Upheld"; one found medically necessary is "Overturned"; "" for anything else.
std::string_view LetterDecision(std::string_view outcome);

// Everything the letter says about `record`. Never fails: a record with no
// facts or requests gives a letter that says so.
DraftLetter DraftLetterFor(const Record& record, const LetterOptions& options);

// A self-contained page (report/html.h): the header table (data-check
// "header"), one block per item (data-check "decision"), and evidence links
// (data-scroll-to) to an appendix that quotes the record by page.
std::string LetterHtml(const DraftLetter& letter);

// False when imr was built without cairo; LetterPdf then throws.
bool CanTypesetLetterPdf();

// The letter typeset as a PDF (US letter, DejaVu fonts, selectable text, a
// DRAFT footer and page numbers on every page), its bytes. `opens_section`
// says whether a printed line would read as opening a section of a letter
// (ingest's sectioner, passed in by the caller); a wrapped line that would is
// wrapped otherwise, so the letter reads back as written. Null: lines are
// wrapped as they fall. Throws std::runtime_error, with no record text in the
// message, when it cannot.
std::string LetterPdf(const DraftLetter& letter,
                      const std::function<bool(std::string_view line)>& opens_section = nullptr);

}  // namespace imr

#endif  // IMR_REPORT_LETTER_H_
