// `imr eval -o eval.html`: the scores of records against gold annotations as
// a page to read (report/html.h), with the same figures as `imr eval --json`:
// fields, requests, decisions, diagnoses, notes' mentions (overlapping and
// exact), assertion confusion, determination agreement (confusion matrix,
// accuracy, kappa with its bootstrap interval, overturn recall, by category,
// rule, confidence and fold), what moved against a baseline, and every miss
// with its letter and the words at issue.
//
//   std::string html = imr::EvalReportToHtml(report, &notes, &comparison);  // both may be null
#ifndef IMR_REPORT_EVAL_HTML_H_
#define IMR_REPORT_EVAL_HTML_H_

#include <string>

#include "report/eval.h"
#include "report/notes_eval.h"

namespace imr {

std::string EvalReportToHtml(const EvalReport& report, const NotesReport* notes,
                             const BaselineComparison* baseline);

}  // namespace imr

#endif  // IMR_REPORT_EVAL_HTML_H_
