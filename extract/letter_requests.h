// The disputed items of a review letter and what the letter decided on each.
//
//   std::vector<imr::Request> items = imr::ExtractLetterRequests(doc);
//   items[0].text;                      // "MRI of the right shoulder without contrast"
//   items[0].reference->decision;       // "upheld"
//   items[0].reference->guidelines;     // claims administrator's, reviewer's
//
// Item forms, one finder per letter layout:
//  - "<item>: Upheld|Overturned" (the "Case Number:" letters), where a partly
//    authorized item reads "X was the original request. Y was authorized ...
//    The remaining IMR eligible portion of the original request, Z is: Upheld"
//    and Z is the item; the whole statement is kept in the reference;
//  - "1. <item> is (not) medically necessary and appropriate." (MAXIMUS letters);
//  - "ISSUE AT DISPUTE: <item>" with "... is upheld/overturned" in the rationale
//    (MEDICAL PROFESSIONAL REVIEW letters).
#ifndef IMR_EXTRACT_LETTER_REQUESTS_H_
#define IMR_EXTRACT_LETTER_REQUESTS_H_

#include <vector>

#include "core/record.h"

namespace imr {

std::vector<Request> ExtractLetterRequests(const Document& doc);

}  // namespace imr

#endif  // IMR_EXTRACT_LETTER_REQUESTS_H_
