// The determination stage: a drafted medical-necessity determination for each
// request, from the record's clinical facts and the request itself.
//
//   imr::DetermineRequests(imr::Rulebook::Builtin(), &record);
//   record.requests[0].determination->outcome  // "not_medically_necessary"
//
// The guideline era is picked by the request's date (the UR decision date, or
// the latest dated utilization review or request mention); the rule set by the
// request's category; the rule by era and its `when`. Each criterion is met,
// unmet (a fact contradicts it) or not_documented, with the ids of the facts
// that decided it, and the rationale quotes those facts with their page.
//
// Never decides from a decision: facts found only in sections that hold a
// decision already made (an IMR letter's decisions and rationales, a UR
// letter's rationale or determination) are invisible here, and so are the
// requests' `reference` and every field but the injury and request dates.
#ifndef IMR_DECIDE_DETERMINE_H_
#define IMR_DECIDE_DETERMINE_H_

#include <string_view>

#include "core/record.h"
#include "decide/rulebook.h"

namespace imr {

// Sets `determination` on every request of `record` (replacing any). A request
// whose category has no rule set gets none.
void DetermineRequests(const Rulebook& rules, Record* record);

// The same on the facts `evidence` (borrowed) instead of the record's own:
// a packet decides each document's requests on the records of its claim.
void DetermineRequests(const Rulebook& rules, const std::vector<const Fact*>& evidence, Record* record);

// True for the sections whose text is a decision about a request.
bool IsDecisionSection(std::string_view section);

}  // namespace imr

#endif  // IMR_DECIDE_DETERMINE_H_
