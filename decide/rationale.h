// The rationale a reviewer would write for one determination: the guideline's
// position in our words with its citation, then each criterion with the
// record's own words quoted by page, then the conclusion.
//
//   "Guidelines (MTUS ACOEM …, pp. 303-304) support lumbar MRI when … The
//    records do not document a red flag for serious pathology. No neurological
//    deficit was found on examination (page 1: 'sensation all dermatomes as
//    normal'). The request is therefore not medically necessary."
//
// Internal to decide/. Quotes come from the medical record only, never from a
// guideline, and are cut to a short phrase.
#ifndef IMR_DECIDE_RATIONALE_H_
#define IMR_DECIDE_RATIONALE_H_

#include <map>
#include <string>
#include <string_view>

#include "core/record.h"
#include "decide/evaluate.h"
#include "decide/rulebook.h"

namespace imr {

struct RationaleInput {
  const Rule* rule = nullptr;
  const std::map<std::string, Outcome>* criteria = nullptr;  // by criterion id
  const std::map<std::string, const UsableFact*>* facts = nullptr;  // by fact id
  std::string outcome;
  std::string era_note;  // said first when the era was assumed, else empty
  bool criteria_met = false;  // the rule's criteria held (the outcome may still be capped)
};

std::string WriteRationale(const RationaleInput& in);

// A written rationale with `sentence` said before its conclusion, concluded
// anew for `outcome` (a later step, such as a service following its surgery,
// may change the outcome; the conclusion always comes last).
std::string AmendRationale(std::string_view rationale, std::string_view sentence,
                           const std::string& outcome);

}  // namespace imr

#endif  // IMR_DECIDE_RATIONALE_H_
