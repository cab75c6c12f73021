// Three-valued evaluation of rule expressions over one request's case.
// Internal to decide/ (determine.cc builds the case, rationale.cc reads the
// results).
//
//   imr::CaseView view = ...;                       // facts that may be used
//   imr::Outcome o = imr::Evaluate(*criterion.test, view, nullptr);
//   o.status == imr::Status::kUnmet; o.evidence == {"f12"};
//
// all: unmet if any part is unmet, met if every part is met, else
// not_documented. any: met if any part is met, unmet if every part is
// unmet, else not_documented. not: swaps met and unmet.
#ifndef IMR_DECIDE_EVALUATE_H_
#define IMR_DECIDE_EVALUATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "decide/rule_model.h"

namespace imr {

enum class Status { kMet, kUnmet, kNotDocumented };

std::string_view StatusName(Status status);

// A fact the determination may read, at the place it may be quoted from (its
// first place outside any decision section).
struct UsableFact {
  const Fact* fact = nullptr;
  Span span;
  std::string text;
};

// Everything a rule may look at for one request.
struct CaseView {
  std::vector<UsableFact> facts;
  const Request* request = nullptr;
  std::string request_region;     // region (core/anatomy.h) of the request's body site, or ""
  std::optional<int> days_since_injury;  // from the injury to the request date
};

struct Outcome {
  Status status = Status::kNotDocumented;
  std::vector<std::string> evidence;  // fact ids, in record order, no repeats
};

// `criteria`: the statuses of the rule's criteria, for the names that
// necessary_when uses; null elsewhere.
Outcome Evaluate(const Expr& expr, const CaseView& view, const std::map<std::string, Outcome>* criteria);

}  // namespace imr

#endif  // IMR_DECIDE_EVALUATE_H_
