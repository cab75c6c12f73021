// The treatments a Request for Authorization asks for, and what a
// utilization-review notice decided on each: the requests of a case before
// it reaches IMR.
//
//   std::vector<imr::Request> asked = imr::ExtractRfaRequests(rfa_doc);
//   asked[0].text;                       // "MRI lumbar spine without contrast, CPT 72148, quantity 1"
//   std::vector<imr::Request> decided = imr::ExtractUrRequests(ur_doc);
//   decided[0].reference->decision;      // "non_certified"
//
// An RFA lists its items numbered under a "Requested Treatment" heading
// ("1. X. Other information: ..."); an item is its first sentence. A UR notice
// gives each item a block ("Request 1: X" / "Item 1: X", then "Decision: Y"),
// or only a summary list ("- X: Non-certified"). Decisions are written as
// certified, non_certified, modified, delayed or withdrawn.
#ifndef IMR_EXTRACT_FORM_REQUESTS_H_
#define IMR_EXTRACT_FORM_REQUESTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

std::vector<Request> ExtractRfaRequests(const Document& doc);
std::vector<Request> ExtractUrRequests(const Document& doc);

// "Non-certified", "denied", "Approved", "Modified to ..." as a decision
// keyword; "" for none.
std::string UrDecision(std::string_view words);

}  // namespace imr

#endif  // IMR_EXTRACT_FORM_REQUESTS_H_
