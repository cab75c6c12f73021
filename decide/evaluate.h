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
#include <span>
#include <string>
#include <vector>

#include "core/record.h"
#include "decide/rule_model.h"

namespace imr {

enum class Status { kMet, kUnmet, kNotDocumented };

std::string_view StatusName(Status status);

// What a status rests on, weakest first. kStated: facts that say it (at the
// requested body part where the test asks for one), or the request itself.
// kInferred: a weighing, a fact whose site is assumed, a date estimated.
// kGeneric: stated facts any case of the kind has (a diagnosis at the body
// part, "pain"); kDefault: an exclusion that holds by silence ("unless": no
// contraindication written). Those two ride along with stated facts but
// cannot carry a conclusion alone. kAbsent: nothing speaks to it.
enum class Basis { kAbsent, kDefault, kGeneric, kInferred, kStated };

// CriterionResult::how: "stated" (kStated, kGeneric), "inferred" (kInferred,
// kDefault) or "absent".
std::string_view HowName(Basis basis);

// A fact the determination may read, at the place it may be quoted from (its
// first place outside any decision section).
struct UsableFact {
  const Fact* fact = nullptr;
  Span span;
  std::string text;
  std::string lower;  // text in lower case, as word tests read it
};

// The places in a case's usable facts of the facts of each kind, ascending.
using FactsByKind = std::map<std::string, std::vector<size_t>, std::less<>>;

// Everything a rule may look at for one request.
struct CaseView {
  std::span<const UsableFact> facts;  // the case's, shared by each of its requests' views
  // `facts` by kind, or null: a fact test then reads every fact for its kinds.
  const FactsByKind* by_kind = nullptr;
  const Request* request = nullptr;
  std::string request_region;     // region (core/anatomy.h) of the request's body site, or ""
  // The request names a body site the anatomy table does not know: a test at
  // the requested site cannot be met (never an open filter).
  bool request_site_unknown = false;
  std::optional<int> days_since_injury;  // from the injury to the request date
  bool request_date_estimated = false;   // days_since_injury counts to an assumed date
};

struct Outcome {
  Status status = Status::kNotDocumented;
  std::vector<std::string> evidence;  // fact ids, in record order, no repeats
  Basis basis = Basis::kAbsent;       // kAbsent exactly when not documented
};

// Parts that must all hold, as {"all": [...]} combines them.
Outcome AllOf(const std::vector<Outcome>& parts);

// `criteria`: the statuses of the rule's criteria, for the names that
// necessary_when uses; null elsewhere.
Outcome Evaluate(const Expr& expr, const CaseView& view, const std::map<std::string, Outcome>* criteria);

}  // namespace imr

#endif  // IMR_DECIDE_EVALUATE_H_
