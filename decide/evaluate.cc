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
  // Values are mostly written in lower case already: copied only when not.
  const bool has_upper = std::any_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  const std::string lowered = has_upper ? Lower(value) : std::string();
  const std::string_view lower = has_upper ? std::string_view(lowered) : value;
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

// The combining forms that make a condition's name more specific without
// making it another condition: "osteo" + "arthritis", "spondylo" +
// "listhesis", "thoraco" + "lumbar", "physio" + "therapy".
bool IsCombiningForm(std::string_view prefix) {
  static constexpr std::string_view kForms[] = {
      "osteo", "spondylo", "antero", "retro", "thoraco", "cervico", "lumbo", "para", "sub", "trans", "poly", "mono",
      "hemi", "teno", "tri", "bi", "physio", "peri", "supra", "infra", "inter", "intra", "myo", "radiculo"};
  return std::find(std::begin(kForms), std::end(kForms), prefix) != std::end(kForms);
}

// Whether the text holds one of the words where a word (or a combining form)
// ends: "radicul" finds "radiculopathy" and "arthritis" "osteoarthritis", but
// "normal" is not in "abnormal", "fusion" not in "effusion", "acl" not in
// "baclofen". A word written with a leading space or symbol says where it
// starts.
bool HasWord(std::string_view text_lower, const std::vector<std::string>& words) {
  const auto at_word_start = [&](size_t at) {
    size_t word = at;
    while (word > 0 && std::isalnum(static_cast<unsigned char>(text_lower[word - 1]))) --word;
    return word == at || IsCombiningForm(text_lower.substr(word, at - word));
  };
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    for (size_t at = text_lower.find(w); at != std::string_view::npos; at = text_lower.find(w, at + 1)) {
      if (at_word_start(at) || !std::isalnum(static_cast<unsigned char>(w.front()))) return true;
    }
    return false;
  });
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

// How a fact stands to a test's site: not at the requested part; at it, as
// far as anyone can tell (the fact or the request names no site, so the site
// is assumed); or at it by its own words.
enum class SiteMatch { kNo, kAssumed, kSame };

SiteMatch SiteOf(const FactTest& test, const Fact& fact, const CaseView& view) {
  if (test.site.empty()) return SiteMatch::kSame;
  if (view.request_site_unknown) return SiteMatch::kNo;
  const FactRegions regions = RegionsOf(fact);
  if (view.request_region.empty()) return regions.region.empty() && test.site_required ? SiteMatch::kNo : SiteMatch::kAssumed;
  if (regions.region.empty()) return test.site_required ? SiteMatch::kNo : SiteMatch::kAssumed;
  return SameRegion(regions, view.request_region) ? SiteMatch::kSame : SiteMatch::kNo;
}

bool Matches(const FactTest& test, const UsableFact& usable, const CaseView& view, SiteMatch* site) {
  const Fact& fact = *usable.fact;
  if (!test.kinds.empty() && !Contains(test.kinds, fact.kind)) return false;
  for (const auto& [attribute, value_test] : test.is) {
    auto it = fact.value.find(attribute);
    if (it == fact.value.end() || !Passes(value_test, it->second)) return false;
  }
  if (!test.words.empty() && !HasWord(usable.lower, test.words)) return false;
  for (const auto& [attribute, detail] : test.same_as_request) {
    if (view.request == nullptr) return false;
    auto value = fact.value.find(attribute);
    auto wanted = view.request->details.find(detail);
    if (value == fact.value.end() || wanted == view.request->details.end()) return false;
    if (!SharesPart(value->second, wanted->second)) return false;
  }
  *site = SiteOf(test, fact, view);
  return *site != SiteMatch::kNo;
}

// Calls `visit` with each usable fact `test` may match, in the view's order:
// the facts of the test's kinds where the view keeps them by kind, else
// every fact (Matches reads the kind again). A packet of 200 pages has
// thousands of facts and each request's rule a few dozen tests.
template <typename Visit>
void ForFactsOfItsKinds(const FactTest& test, const CaseView& view, Visit visit) {
  if (test.kinds.empty() || view.by_kind == nullptr) {
    for (const UsableFact& usable : view.facts) visit(usable);
    return;
  }
  std::vector<size_t> places;
  for (const std::string& kind : test.kinds) {
    if (auto it = view.by_kind->find(kind); it != view.by_kind->end()) {
      places.insert(places.end(), it->second.begin(), it->second.end());
    }
  }
  if (test.kinds.size() > 1) {
    std::sort(places.begin(), places.end());
    places.erase(std::unique(places.begin(), places.end()), places.end());
  }
  for (size_t at : places) visit(view.facts[at]);
}

void AddEvidence(const std::vector<std::string>& ids, std::vector<std::string>* out) {
  for (const std::string& id : ids) {
    if (!Contains(*out, id)) out->push_back(id);
  }
}

// What one matching fact says for the test: stated where its site is its
// own (a test that accepts a planned or possible fact asked for one);
// inferred where the site is assumed; generic where any case has such a fact.
Basis BasisOf(const FactTest& test, SiteMatch site) {
  if (test.generic) return Basis::kGeneric;
  return site == SiteMatch::kAssumed ? Basis::kInferred : Basis::kStated;
}

// The place of the last of `ids` in the record, as (page, offset); (0, 0)
// when none is a usable fact.
std::pair<int, size_t> LatestOf(const std::vector<std::string>& ids, const CaseView& view) {
  std::pair<int, size_t> latest{0, 0};
  for (const UsableFact& u : view.facts) {
    if (Contains(ids, u.fact->id)) latest = std::max(latest, std::pair<int, size_t>{u.span.page_number, u.span.begin});
  }
  return latest;
}

bool Later(const Span& a, const Span& b) {
  return a.page_number != b.page_number ? a.page_number > b.page_number : a.begin > b.begin;
}

// Met by the facts the test accepts, unmet by the ones it counts against.
// When the record says both, the later statement stands: an examination that
// found a deficit and a later one that found none leave no deficit.
Outcome EvaluateFact(const FactTest& test, const CaseView& view) {
  Outcome met{Status::kMet, {}, Basis::kAbsent}, unmet{Status::kUnmet, {}, Basis::kAbsent};
  const UsableFact* last_met = nullptr;
  const UsableFact* last_unmet = nullptr;
  ForFactsOfItsKinds(test, view, [&](const UsableFact& usable) {
    SiteMatch site = SiteMatch::kNo;
    if (!Matches(test, usable, view, &site)) return;
    const Basis basis = BasisOf(test, site);
    if (Contains(test.assertions, usable.fact->assertion)) {
      met.evidence.push_back(usable.fact->id);
      met.basis = std::max(met.basis, basis);
      if (last_met == nullptr || Later(usable.span, last_met->span)) last_met = &usable;
    } else if (Contains(test.against, usable.fact->assertion)) {
      unmet.evidence.push_back(usable.fact->id);
      unmet.basis = std::max(unmet.basis, basis);
      if (last_unmet == nullptr || Later(usable.span, last_unmet->span)) last_unmet = &usable;
    }
  });
  if (last_met != nullptr && last_unmet != nullptr) return Later(last_unmet->span, last_met->span) ? unmet : met;
  if (last_met != nullptr) return met;
  if (last_unmet != nullptr) return unmet;
  return {};
}

Status StatusNamed(std::string_view name) {
  if (name == "met") return Status::kMet;
  if (name == "unmet") return Status::kUnmet;
  return Status::kNotDocumented;
}

// The request states its own details: what it says is stated.
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
  if (!test.words.empty()) combine(HasWord(Lower(request.DisplayText()), test.words) ? Status::kMet : Status::kUnmet);
  return {status, {}, status == Status::kNotDocumented ? Basis::kAbsent : Basis::kStated};
}

Outcome EvaluateSinceInjury(const SinceInjuryTest& test, const CaseView& view) {
  if (!view.days_since_injury) return {};
  const int days = *view.days_since_injury;
  const bool ok = (!test.min_days || days >= *test.min_days) && (!test.max_days || days <= *test.max_days);
  return {ok ? Status::kMet : Status::kUnmet, {}, view.request_date_estimated ? Basis::kInferred : Basis::kStated};
}

Outcome EvaluateTotal(const TotalTest& test, const CaseView& view) {
  if (view.request == nullptr) return {};
  auto wanted = view.request->details.find(test.detail);
  std::optional<double> requested = wanted == view.request->details.end() ? std::nullopt : Number(wanted->second);
  if (!requested) {
    const Status status = StatusNamed(test.missing);
    return {status, {}, status == Status::kNotDocumented ? Basis::kAbsent : Basis::kStated};
  }
  double prior = 0;
  std::string prior_id;
  for (const FactTest& of : test.of) {
    ForFactsOfItsKinds(of, view, [&](const UsableFact& usable) {
      SiteMatch site = SiteMatch::kNo;
      if (!Matches(of, usable, view, &site) || !Contains(of.assertions, usable.fact->assertion)) return;
      auto it = usable.fact->value.find(test.attribute);
      if (it == usable.fact->value.end()) return;
      if (std::optional<double> n = Number(it->second); n && *n > prior) {
        prior = *n;
        prior_id = usable.fact->id;
      }
    });
  }
  // The request states its quantity; a prior course the record does not
  // state counts as none, which is what the record says.
  Outcome out{*requested + prior <= test.max ? Status::kMet : Status::kUnmet, {}, Basis::kStated};
  if (!prior_id.empty()) out.evidence.push_back(prior_id);
  return out;
}

// all: unmet if a part is unmet, met if every part is; any: met if a part
// is, unmet if every part is. The basis follows the parts that decided: for
// all met, inferred if any part is, else stated if any part is (generic and
// default parts ride along with a stated one, they cannot stand alone), else
// generic; for any met, the strongest met part; for unmet, the strongest
// unmet part.
Outcome CombineParts(bool all, const std::vector<Outcome>& parts) {
  const Status decisive = all ? Status::kUnmet : Status::kMet;
  const Status complete = all ? Status::kMet : Status::kUnmet;
  Outcome out;
  const auto with = [&](Status s) {
    for (const Outcome& p : parts) {
      if (p.status == s) AddEvidence(p.evidence, &out.evidence);
    }
  };
  const auto strongest = [&](Status s) {
    Basis b = Basis::kAbsent;
    for (const Outcome& p : parts) {
      if (p.status == s) b = std::max(b, p.basis);
    }
    return b;
  };
  if (std::any_of(parts.begin(), parts.end(), [&](const Outcome& p) { return p.status == decisive; })) {
    out.status = decisive;
    out.basis = strongest(decisive);
    with(decisive);
  } else if (std::all_of(parts.begin(), parts.end(), [&](const Outcome& p) { return p.status == complete; })) {
    out.status = complete;
    with(complete);
    if (complete == Status::kMet) {
      const auto any_is = [&](Basis b) {
        return std::any_of(parts.begin(), parts.end(), [&](const Outcome& p) { return p.basis == b; });
      };
      out.basis = any_is(Basis::kInferred) ? Basis::kInferred : any_is(Basis::kStated) ? Basis::kStated : Basis::kGeneric;
    } else {
      out.basis = strongest(complete);
    }
  } else {
    out.status = Status::kNotDocumented;
    with(complete);  // what is there, for the rationale
  }
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
  return CombineParts(expr.op == Expr::Op::kAll, parts);
}

}  // namespace

Outcome AllOf(const std::vector<Outcome>& parts) { return CombineParts(/*all=*/true, parts); }

std::string_view HowName(Basis basis) {
  switch (basis) {
    case Basis::kStated:
    case Basis::kGeneric: return "stated";
    case Basis::kInferred:
    case Basis::kDefault: return "inferred";
    case Basis::kAbsent: return "absent";
  }
  return "absent";
}

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
      // Met by default: nothing in the record says otherwise. An exclusion
      // (no contraindication, no aberrant behaviour) holds by silence, and
      // rides along with what is stated; it cannot carry a conclusion alone.
      Outcome inner = Evaluate(*expr.children[0], view, criteria);
      if (inner.status == Status::kMet) return {Status::kUnmet, inner.evidence, inner.basis};
      return {Status::kMet, {}, Basis::kDefault};
    }
    case Expr::Op::kWeigh: {
      Outcome for_it = Evaluate(*expr.children[0], view, criteria);
      Outcome against = Evaluate(*expr.children[1], view, criteria);
      if (for_it.status == Status::kMet && against.status == Status::kMet) {
        // Both said: the later statement stands ("improved" in March,
        // "no functional improvement" in June).
        if (LatestOf(against.evidence, view) > LatestOf(for_it.evidence, view)) {
          return {Status::kUnmet, against.evidence, against.basis};
        }
        return for_it;
      }
      if (for_it.status != Status::kNotDocumented) return for_it;
      if (against.status == Status::kMet) return {Status::kUnmet, against.evidence, Basis::kInferred};
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
    case Expr::Op::kStatus: {
      // A fixed status is the rule's own statement (a drug the guideline does
      // not recommend at all).
      const Status status = StatusNamed(expr.name);
      return {status, {}, status == Status::kNotDocumented ? Basis::kAbsent : Basis::kStated};
    }
  }
  return {};
}

}  // namespace imr
