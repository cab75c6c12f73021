#include "decide/evaluate.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/anatomy.h"

namespace imr {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> Number(std::string_view s) {
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) return std::nullopt;
  return value;
}

bool Passes(const ValueTest& test, std::string_view value) {
  if (test.min || test.max) {
    std::optional<double> n = Number(value);
    return n && (!test.min || *n >= *test.min) && (!test.max || *n <= *test.max);
  }
  const std::string lower = Lower(value);
  // A list value ("hydrocodone/acetaminophen", "L4-L5,L5-S1") passes when
  // the whole or any part of it is accepted.
  return std::any_of(test.values.begin(), test.values.end(), [&](const std::string& v) {
    if (lower == v) return true;
    size_t at = lower.find(v);
    while (at != std::string::npos) {
      const bool starts = at == 0 || lower[at - 1] == '/' || lower[at - 1] == ',';
      const size_t end = at + v.size();
      const bool ends = end == lower.size() || lower[end] == '/' || lower[end] == ',';
      if (starts && ends) return true;
      at = lower.find(v, at + 1);
    }
    return false;
  });
}

// "hydrocodone/acetaminophen" and "hydrocodone": some "/"- or ","-separated
// part is the same, ignoring case.
bool SharesPart(std::string_view a, std::string_view b) {
  const auto parts = [](std::string_view s) {
    std::vector<std::string> out(1);
    for (char c : s) {
      if (c == '/' || c == ',') out.emplace_back();
      else out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  };
  for (const std::string& x : parts(a)) {
    for (const std::string& y : parts(b)) {
      if (!x.empty() && x == y) return true;
    }
  }
  return false;
}

bool HasWord(std::string_view text_lower, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return text_lower.find(w) != std::string_view::npos; });
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

struct FactRegions {
  std::string region;        // the part of the body the fact speaks about
  std::string nerve_region;  // the spinal region whose roots supply it
};

// The regions a fact speaks about (core/anatomy.h), from its site, then its
// spinal level.
FactRegions RegionsOf(const Fact& fact) {
  for (const char* key : {"body_site", "segments", "level", "spinal_region"}) {
    auto it = fact.value.find(key);
    if (it == fact.value.end()) continue;
    if (std::string region = RegionOfSite(it->second); !region.empty()) {
      return {region, NerveRegionOfSite(it->second)};
    }
  }
  return {};
}

bool IsSpineRegion(std::string_view region) {
  return region == "cervical" || region == "thoracic" || region == "lumbar" || region == "spine";
}

// Whether a fact about `fact` speaks to a request about `request`: the same
// part of the body; the spine unnamed ("paraspinal") and any part of it; or,
// for a spine request, a limb its roots supply ("numbness of the foot" for a
// lumbar request).
bool SameRegion(const FactRegions& fact, std::string_view request) {
  if (fact.region == request) return true;
  if ((fact.region == "spine" && IsSpineRegion(request)) || (request == "spine" && IsSpineRegion(fact.region))) {
    return true;
  }
  return IsSpineRegion(request) && fact.nerve_region == request;
}

bool SitePasses(const FactTest& test, const Fact& fact, const CaseView& view) {
  if (test.site.empty() || view.request_region.empty()) return true;
  const FactRegions regions = RegionsOf(fact);
  if (regions.region.empty()) return !test.site_required;
  return SameRegion(regions, view.request_region);
}

bool Matches(const FactTest& test, const UsableFact& usable, const CaseView& view) {
  const Fact& fact = *usable.fact;
  if (!test.kinds.empty() && !Contains(test.kinds, fact.kind)) return false;
  for (const auto& [attribute, value_test] : test.is) {
    auto it = fact.value.find(attribute);
    if (it == fact.value.end() || !Passes(value_test, it->second)) return false;
  }
  if (!test.words.empty() && !HasWord(Lower(usable.text), test.words)) return false;
  for (const auto& [attribute, detail] : test.same_as_request) {
    if (view.request == nullptr) return false;
    auto value = fact.value.find(attribute);
    auto wanted = view.request->details.find(detail);
    if (value == fact.value.end() || wanted == view.request->details.end()) return false;
    if (!SharesPart(value->second, wanted->second)) return false;
  }
  return SitePasses(test, fact, view);
}

void AddEvidence(const std::vector<std::string>& ids, std::vector<std::string>* out) {
  for (const std::string& id : ids) {
    if (!Contains(*out, id)) out->push_back(id);
  }
}

Outcome EvaluateFact(const FactTest& test, const CaseView& view) {
  Outcome met{Status::kMet, {}}, unmet{Status::kUnmet, {}};
  for (const UsableFact& usable : view.facts) {
    if (!Matches(test, usable, view)) continue;
    if (Contains(test.assertions, usable.fact->assertion)) met.evidence.push_back(usable.fact->id);
    else if (Contains(test.against, usable.fact->assertion)) unmet.evidence.push_back(usable.fact->id);
  }
  if (!met.evidence.empty()) return met;
  if (!unmet.evidence.empty()) return unmet;
  return {};
}

Status StatusNamed(std::string_view name) {
  if (name == "met") return Status::kMet;
  if (name == "unmet") return Status::kUnmet;
  return Status::kNotDocumented;
}

Outcome EvaluateRequest(const RequestTest& test, const Request& request) {
  Status status = Status::kMet;
  const auto combine = [&](Status s) {
    if (s == Status::kUnmet || status == Status::kUnmet) status = Status::kUnmet;
    else if (s == Status::kNotDocumented) status = Status::kNotDocumented;
  };
  for (const auto& [detail, value_test] : test.details) {
    auto it = request.details.find(detail);
    if (it == request.details.end()) combine(StatusNamed(test.missing));
    else combine(Passes(value_test, it->second) ? Status::kMet : Status::kUnmet);
  }
  if (!test.words.empty()) combine(HasWord(Lower(request.text), test.words) ? Status::kMet : Status::kUnmet);
  return {status, {}};
}

Outcome EvaluateSinceInjury(const SinceInjuryTest& test, const CaseView& view) {
  if (!view.days_since_injury) return {};
  const int days = *view.days_since_injury;
  const bool ok = (!test.min_days || days >= *test.min_days) && (!test.max_days || days <= *test.max_days);
  return {ok ? Status::kMet : Status::kUnmet, {}};
}

Outcome EvaluateTotal(const TotalTest& test, const CaseView& view) {
  if (view.request == nullptr) return {};
  auto wanted = view.request->details.find(test.detail);
  std::optional<double> requested = wanted == view.request->details.end() ? std::nullopt : Number(wanted->second);
  if (!requested) return {StatusNamed(test.missing), {}};
  double prior = 0;
  std::string prior_id;
  for (const FactTest& of : test.of) {
    for (const UsableFact& usable : view.facts) {
      if (!Matches(of, usable, view) || !Contains(of.assertions, usable.fact->assertion)) continue;
      auto it = usable.fact->value.find(test.attribute);
      if (it == usable.fact->value.end()) continue;
      if (std::optional<double> n = Number(it->second); n && *n > prior) {
        prior = *n;
        prior_id = usable.fact->id;
      }
    }
  }
  Outcome out{*requested + prior <= test.max ? Status::kMet : Status::kUnmet, {}};
  if (!prior_id.empty()) out.evidence.push_back(prior_id);
  return out;
}

Outcome Combine(const Expr& expr, const CaseView& view, const std::map<std::string, Outcome>* criteria) {
  std::vector<Outcome> parts;
  for (const auto& child : expr.children) parts.push_back(Evaluate(*child, view, criteria));
  if (expr.op == Expr::Op::kNot) {
    Outcome o = parts.front();
    if (o.status == Status::kMet) o.status = Status::kUnmet;
    else if (o.status == Status::kUnmet) o.status = Status::kMet;
    return o;
  }
  const Status decisive = expr.op == Expr::Op::kAll ? Status::kUnmet : Status::kMet;
  const Status complete = expr.op == Expr::Op::kAll ? Status::kMet : Status::kUnmet;
  Outcome out;
  const auto with = [&](Status s) {
    for (const Outcome& p : parts) {
      if (p.status == s) AddEvidence(p.evidence, &out.evidence);
    }
  };
  if (std::any_of(parts.begin(), parts.end(), [&](const Outcome& p) { return p.status == decisive; })) {
    out.status = decisive;
    with(decisive);
  } else if (std::all_of(parts.begin(), parts.end(), [&](const Outcome& p) { return p.status == complete; })) {
    out.status = complete;
    with(complete);
  } else {
    out.status = Status::kNotDocumented;
    with(complete);  // what is there, for the rationale
  }
  return out;
}

}  // namespace

std::string_view StatusName(Status status) {
  switch (status) {
    case Status::kMet: return "met";
    case Status::kUnmet: return "unmet";
    case Status::kNotDocumented: return "not_documented";
  }
  return "not_documented";
}

Outcome Evaluate(const Expr& expr, const CaseView& view, const std::map<std::string, Outcome>* criteria) {
  switch (expr.op) {
    case Expr::Op::kAll:
    case Expr::Op::kAny:
    case Expr::Op::kNot: return Combine(expr, view, criteria);
    case Expr::Op::kUnless: {
      Outcome inner = Evaluate(*expr.children[0], view, criteria);
      if (inner.status == Status::kMet) return {Status::kUnmet, inner.evidence};
      return {Status::kMet, {}};
    }
    case Expr::Op::kWeigh: {
      Outcome for_it = Evaluate(*expr.children[0], view, criteria);
      if (for_it.status != Status::kNotDocumented) return for_it;
      Outcome against = Evaluate(*expr.children[1], view, criteria);
      if (against.status == Status::kMet) return {Status::kUnmet, against.evidence};
      return {};
    }
    case Expr::Op::kCriterion: {
      if (criteria == nullptr) return {};
      auto it = criteria->find(expr.name);
      return it == criteria->end() ? Outcome{} : it->second;
    }
    case Expr::Op::kFact: return EvaluateFact(expr.fact, view);
    case Expr::Op::kRequest:
      return view.request == nullptr ? Outcome{} : EvaluateRequest(expr.request, *view.request);
    case Expr::Op::kSinceInjury: return EvaluateSinceInjury(expr.since_injury, view);
    case Expr::Op::kTotal: return EvaluateTotal(expr.total, view);
    case Expr::Op::kStatus: return {StatusNamed(expr.name), {}};
  }
  return {};
}

}  // namespace imr
