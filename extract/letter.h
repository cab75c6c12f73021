// What a review letter states about itself: header fields, the patient's age
// and sex, the reviewer, and the disputed items with the decision on each.
//
//   imr::Document doc = imr::IngestBytes(bytes, path, {});
//   imr::LetterFacts letter = imr::ExtractLetter(doc);
//   letter.fields["date_of_injury"].value;   // "10/13/2016", as printed
//   letter.requests[0].reference->decision;  // "upheld"
//
// Values are as printed; normalize/ turns dates into ISO. Every field and
// request carries the span of its words. Works on the three IMR letter layouts
// (the "Case Number:" letters, the older "MAXIMUS FEDERAL SERVICES, INC."
// letters, and "MEDICAL PROFESSIONAL REVIEW") and finds nothing, without
// error, in documents that are not letters.
#ifndef IMR_EXTRACT_LETTER_H_
#define IMR_EXTRACT_LETTER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

struct LetterFacts {
  std::map<std::string, Field> fields;
  Patient patient;
  Reviewer reviewer;
  std::vector<Fact> facts;         // age and sex mentions, ids left empty
  std::vector<Request> requests;   // ids "r1", "r2", ... in letter order
};

LetterFacts ExtractLetter(const Document& doc);

// Row of the header-field table: group 1 of `pattern` is the value.
struct FieldPatternRow {
  std::string_view field;
  std::string_view pattern;
};
const std::vector<FieldPatternRow>& LetterFieldTable();

}  // namespace imr

#endif  // IMR_EXTRACT_LETTER_H_
