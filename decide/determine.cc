#include "decide/determine.h"

#include "core/anatomy.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "core/calendar.h"
#include "core/text.h"
#include "decide/evaluate.h"
#include "decide/rationale.h"
#include "decide/rule_model.h"

namespace imr {
namespace {

std::optional<YearMonthDay> ParseIsoDay(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  try {
    YearMonthDay d{std::stoi(std::string(iso.substr(0, 4))), std::stoi(std::string(iso.substr(5, 2))),
                   std::stoi(std::string(iso.substr(8, 2)))};
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
    return d;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

long Days(const YearMonthDay& d) { return DaysFromCivil(d.year, d.month, d.day); }

// A request's words on one line, cut short for a rationale.
std::string CollapsedRequestText(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 80) {
    size_t cut = out.rfind(' ', 80);
    out = out.substr(0, cut == std::string::npos ? 80 : cut) + " …";
  }
  return out;
}

// The facts a determination may read: each at its first place outside the
// sections that hold a decision. Dates and demographic facts are kept too;
// the rules decide what they need.
std::vector<UsableFact> UsableFacts(const std::vector<const Fact*>& facts) {
  std::vector<UsableFact> out;
  for (const Fact* fact : facts) {
    const Fact& f = *fact;
    if (!IsDecisionSection(f.section)) {
      out.push_back({&f, f.span, f.text, AsciiLower(f.text)});
      continue;
    }
    auto other = std::find_if(f.also.begin(), f.also.end(),
                              [](const Evidence& e) { return !IsDecisionSection(e.section); });
    if (other != f.also.end()) out.push_back({&f, other->span, other->text, AsciiLower(other->text)});
  }
  return out;
}

std::string FieldValue(const Record& record, const char* name) {
  auto it = record.fields.find(name);
  return it == record.fields.end() ? "" : it->second.value;
}

// The latest full date of the usable date facts with one of `roles`.
std::string LatestDated(const std::vector<UsableFact>& facts, std::initializer_list<std::string_view> roles) {
  std::string best;
  for (const UsableFact& u : facts) {
    if (u.fact->kind != "date") continue;
    auto role = u.fact->value.find("role");
    auto date = u.fact->value.find("date");
    if (role == u.fact->value.end() || date == u.fact->value.end() || !ParseIsoDay(date->second)) continue;
    if (std::find(roles.begin(), roles.end(), role->second) == roles.end()) continue;
    if (date->second > best) best = date->second;
  }
  return best;
}

// The latest full date of any usable date fact.
std::string LatestDate(const std::vector<UsableFact>& facts) {
  std::string best;
  for (const UsableFact& u : facts) {
    auto date = u.fact->value.find("date");
    if (u.fact->kind == "date" && date != u.fact->value.end() && ParseIsoDay(date->second) && date->second > best) {
      best = date->second;
    }
  }
  return best;
}

struct RequestDate {
  std::string date;
  bool estimated = false;  // the latest date of the record, not a request or review date
};

// The request's date, which picks the guideline era: the date of the RFA or
// UR notice that states the request; else the UR decision date the header
// states, else the latest utilization-review or request date the
// clinical text gives, else (estimated) the latest date the record gives at
// all, since a request is made no earlier than the visit that leads to it.
RequestDate FindRequestDate(const Record& record, const std::vector<UsableFact>& facts) {
  // An RFA dates the treatments it asks for, a UR notice the decisions it
  // makes: the record of one such document (or a packet's view of one).
  if (record.documents.size() == 1) {
    const PacketDocument& own = record.documents[0];
    if ((own.doc_type == "rfa" || own.doc_type == "ur_determination") && ParseIsoDay(own.date)) return {own.date, false};
  }
  if (std::string ur = FieldValue(record, "ur_denial_date"); ParseIsoDay(ur)) return {ur, false};
  if (std::string dated = LatestDated(facts, {"utilization_review", "request"}); !dated.empty()) return {dated, false};
  return {LatestDate(facts), true};
}

std::string InjuryDate(const Record& record, const std::vector<UsableFact>& facts) {
  if (std::string doi = FieldValue(record, "date_of_injury"); ParseIsoDay(doi)) return doi;
  std::string earliest;
  for (const UsableFact& u : facts) {
    if (u.fact->kind != "date") continue;
    auto role = u.fact->value.find("role");
    auto date = u.fact->value.find("date");
    if (role == u.fact->value.end() || role->second != "injury" || date == u.fact->value.end()) continue;
    if (ParseIsoDay(date->second) && (earliest.empty() || date->second < earliest)) earliest = date->second;
  }
  return earliest;
}

const Rule* PickRule(const RuleSet& set, GuidelineEra era, const CaseView& view) {
  for (const Rule* rule : set.ForEra(era)) {
    if (!rule->when || Evaluate(*rule->when, view, nullptr).status == Status::kMet) return rule;
  }
  return nullptr;
}

// The burden of proof is the requester's: a request is medically necessary
// only when the record states what the rule asks. Met by inference alone (a
// site assumed, a default, a fact every case has) it is not yet shown; and a
// rule that is no guideline's position on the request drafts no further than
// insufficient documentation.
std::string OutcomeOf(const Rule& rule, const Outcome& overall) {
  std::string outcome;
  switch (overall.status) {
    case Status::kMet:
      outcome = overall.basis == Basis::kStated ? "medically_necessary" : "insufficient_documentation";
      break;
    case Status::kUnmet: outcome = "not_medically_necessary"; break;
    case Status::kNotDocumented: outcome = rule.if_undocumented; break;
  }
  if (outcome == "medically_necessary" && rule.at_most != outcome) outcome = rule.at_most;
  return outcome;
}

// How far a reviewer can trust the draft at a glance. strong: decided by
// stated facts, and every criterion rests on the record's own words (or on
// silence where silence is the test); moderate: decided by stated facts,
// some criterion inferred or undocumented; weak: decided by inference or by
// absence, or capped for want of a guideline position.
std::string ConfidenceOf(const Rule& rule, const std::string& outcome, const Outcome& overall,
                         const std::map<std::string, Outcome>& results) {
  if (overall.basis != Basis::kStated) return "weak";
  if (outcome != "medically_necessary" && outcome != "not_medically_necessary") return "weak";
  const bool every_said = std::all_of(rule.criteria.begin(), rule.criteria.end(), [&](const Criterion& c) {
    const Basis b = results.at(c.id).basis;
    return b == Basis::kStated || b == Basis::kGeneric || b == Basis::kDefault;
  });
  return every_said ? "strong" : "moderate";
}

struct CaseDates {
  RequestDate request;
  std::string injury_date;
};

std::string EraNote(const RequestDate& date, bool parsed) {
  if (!parsed) return "No request or review date was found, so the current guidelines were applied.";
  if (date.estimated) {
    return "No request or review date was found; the guidelines in force on the latest date in the records (" +
           date.date + ") were applied.";
  }
  return "";
}

std::optional<Determination> Determine(const Rulebook& rules, const std::vector<UsableFact>& facts,
                                       const FactsByKind& by_kind, const CaseDates& dates, const Request& request) {
  const RuleSet* set = rules.ForCategory(request.category);
  if (set == nullptr) return std::nullopt;
  CaseView view;
  view.facts = facts;
  view.by_kind = &by_kind;
  view.request = &request;
  if (auto site = request.details.find("body_site"); site != request.details.end()) {
    view.request_region = RegionOfSite(site->second);
    view.request_site_unknown = view.request_region.empty();
  }
  view.request_date_estimated = dates.request.estimated;
  const std::optional<YearMonthDay> requested = ParseIsoDay(dates.request.date);
  const std::optional<YearMonthDay> injured = ParseIsoDay(dates.injury_date);
  if (requested && injured) view.days_since_injury = static_cast<int>(Days(*requested) - Days(*injured));
  // Without a request date the current guidelines are the ones a reviewer would apply.
  const GuidelineEra era = requested ? GuidelineEraFor(*requested) : GuidelineEra::kAcoem2017;
  const Rule* rule = PickRule(*set, era, view);
  if (rule == nullptr) return std::nullopt;

  std::map<std::string, Outcome> results;
  std::vector<Outcome> parts;
  for (const Criterion& c : rule->criteria) parts.push_back(results[c.id] = Evaluate(*c.test, view, nullptr));
  const Outcome overall = rule->necessary_when ? Evaluate(*rule->necessary_when, view, &results) : AllOf(parts);

  Determination d;
  d.outcome = OutcomeOf(*rule, overall);
  d.confidence = ConfidenceOf(*rule, d.outcome, overall, results);
  d.rule = rule->id;
  d.guideline_era = std::string(EraName(era));
  d.request_date = requested ? dates.request.date : "";
  for (const Criterion& c : rule->criteria) {
    const Outcome& o = results[c.id];
    d.criteria.push_back({c.id, std::string(StatusName(o.status)), o.evidence, std::string(HowName(o.basis))});
  }
  for (const Citation& c : rule->citations) d.citations.push_back(c.Render());
  // The rationale quotes the facts its criteria cite, a handful of the
  // thousands a packet's request may read: only those are looked up.
  std::set<std::string_view> cited;
  for (const auto& [id, outcome] : results) cited.insert(outcome.evidence.begin(), outcome.evidence.end());
  std::map<std::string, const UsableFact*> by_id;
  for (const UsableFact& u : view.facts) {
    if (cited.contains(u.fact->id)) by_id[u.fact->id] = &u;
  }
  RationaleInput in{rule, &results, &by_id, d.outcome, EraNote(dates.request, requested.has_value()),
                    overall.status == Status::kMet};
  d.rationale = WriteRationale(in);
  return d;
}

}  // namespace

bool IsDecisionSection(std::string_view section) {
  return section == "decisions_and_rationales" || section == "rationale" || section == "determination" ||
         section == "guidelines_relied_upon" || section == "issue_at_dispute";
}

namespace {

// Services that go with a surgery (clearance, assistant, post-operative
// equipment) follow it: when the case also asks for the surgery and that is
// not medically necessary, neither are they. The words that mark such a
// request are the rulebook's definition "associated_service_request".
void FollowPrimarySurgery(const Rulebook& rules, Record* record) {
  const Expr* associated = rules.Definition("associated_service_request");
  if (associated == nullptr) return;
  std::vector<bool> is_associated;
  for (const Request& r : record->requests) {
    CaseView view;
    view.request = &r;
    is_associated.push_back(Evaluate(*associated, view, nullptr).status == Status::kMet);
  }
  std::vector<const Request*> primaries;
  for (size_t i = 0; i < record->requests.size(); ++i) {
    const Request& r = record->requests[i];
    if (!is_associated[i] && r.category.starts_with("surgery.") && r.determination) primaries.push_back(&r);
  }
  if (primaries.empty()) return;
  const auto necessary = std::find_if(primaries.begin(), primaries.end(), [](const Request* p) {
    return p->determination->outcome == "medically_necessary";
  });
  for (size_t i = 0; i < record->requests.size(); ++i) {
    Request& r = record->requests[i];
    if (!is_associated[i] || !r.determination) continue;
    Determination& d = *r.determination;
    const bool met = necessary != primaries.end();
    d.criteria.push_back({"primary_surgery", met ? "met" : "unmet", {}, "stated"});
    const Request& primary = met ? **necessary : *primaries.front();
    const std::string named = "the surgery requested ('" + CollapsedRequestText(primary.DisplayText()) + "')";
    if (!met) d.outcome = "not_medically_necessary";
    d.rationale = AmendRationale(
        d.rationale,
        met ? "This service goes with " + named + ", which is medically necessary."
            : "This service goes with " + named + ", which is not medically necessary, so the service is not needed either.",
        d.outcome);
  }
}

}  // namespace

void DetermineRequests(const Rulebook& rules, Record* record) {
  std::vector<const Fact*> all;
  for (const Fact& f : record->facts) all.push_back(&f);
  DetermineRequests(rules, all, record);
}

void DetermineRequests(const Rulebook& rules, const std::vector<const Fact*>& evidence, Record* record) {
  const std::vector<UsableFact> facts = UsableFacts(evidence);
  FactsByKind by_kind;
  for (size_t i = 0; i < facts.size(); ++i) by_kind[facts[i].fact->kind].push_back(i);
  const CaseDates dates{FindRequestDate(*record, facts), InjuryDate(*record, facts)};
  for (Request& request : record->requests) {
    request.determination = Determine(rules, facts, by_kind, dates, request);
    auto site = request.details.find("body_site");
    if (request.determination && site != request.details.end() && RegionOfSite(site->second).empty()) {
      record->problems.push_back({Stage::kDecide, "unknown_body_site", request.span.page_number,
                                  "request " + request.id +
                                      " names a body site the anatomy table (vocab/anatomy.tsv) does not know; "
                                      "criteria at the requested site were not met"});
    }
  }
  FollowPrimarySurgery(rules, record);
}

}  // namespace imr
