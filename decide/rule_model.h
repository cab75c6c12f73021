// The parsed form of a rule expression (decide/rulebook.h gives the JSON).
// Internal to decide/: the loader builds it, the evaluator walks it.
#ifndef IMR_DECIDE_RULE_MODEL_H_
#define IMR_DECIDE_RULE_MODEL_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace imr {

// Accepted values of one attribute: any of `values` (strings compared after
// lower-casing), or a number within [min, max].
struct ValueTest {
  std::vector<std::string> values;
  std::optional<double> min, max;
};

// {"fact": {...}}: some clinical fact of the record matches.
struct FactTest {
  std::vector<std::string> kinds;             // any of; empty: any kind
  std::map<std::string, ValueTest> is;        // every attribute must pass
  std::vector<std::string> words;             // the fact text holds one of these (lower case)
  std::vector<std::string> assertions = {"present"};  // what counts as met
  std::vector<std::string> against = {"absent"};      // what counts as unmet
  // "request": the fact's body site (or spinal level) lies in the request's
  // region; a fact with no site passes unless `site_required`.
  std::string site;
  bool site_required = false;
  // Met by facts any case of the kind has (a diagnosis with no words or
  // attributes asked of it, words such as "pain"): such a match is
  // Basis::kGeneric. Set by the loader, or by "generic": true in the file.
  bool generic = false;
  // {"generic": "drug"}: the fact's attribute shares a value with the
  // request's detail (a part of a "/"-list counts); no detail, no match.
  std::map<std::string, std::string> same_as_request;
};

// {"request": {...}}: the request's own details (quantity, visits, drug...).
struct RequestTest {
  std::map<std::string, ValueTest> details;
  std::vector<std::string> words;  // the request text holds one of these
  std::string missing = "not_documented";  // status when a named detail is absent
};

// {"since_injury": {"min_days": 28}}: days from the date of injury to the request.
struct SinceInjuryTest {
  std::optional<int> min_days, max_days;
};

// {"total": {"of": [fact tests], "attribute": "count", "detail": "visits", "max": 24}}:
// the largest `attribute` among the facts `of` matches (0 when none states
// one) plus the request's `detail` stays within `max`.
struct TotalTest {
  std::vector<FactTest> of;
  std::string attribute = "count";
  std::string detail = "visits";
  double max = 0;
  std::string missing = "not_documented";  // status when the request lacks `detail`
};

struct Expr {
    // kWeigh: children[0] is the evidence for, children[1] the evidence
  // against: met when `for` is met; unmet when `for` is unmet or `against`
  // is met; otherwise not_documented.
  // kUnless: met unless children[0] is met (then unmet, with its evidence):
  // for criteria that hold by default ("not already diagnosed").
  enum class Op { kAll, kAny, kNot, kWeigh, kUnless, kCriterion, kFact, kRequest, kSinceInjury, kTotal, kStatus };
  Op op = Op::kStatus;
  std::vector<std::shared_ptr<const Expr>> children;  // all, any, not, weigh, unless
  std::string name;  // criterion id, or the fixed status
  FactTest fact;
  RequestTest request;
  SinceInjuryTest since_injury;
  TotalTest total;
};

}  // namespace imr

#endif  // IMR_DECIDE_RULE_MODEL_H_
