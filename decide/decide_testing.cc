#include "decide/decide_testing.h"

#include <gtest/gtest.h>

#include <sstream>

#include "decide/determine.h"

namespace imr::testing {
namespace {

std::string Trim(std::string s) {
  const size_t b = s.find_first_not_of(' ');
  const size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "a | b | c" -> {"a", "b", "c"}, always three parts.
std::vector<std::string> Parts(const std::string& spec) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(spec);
  while (std::getline(in, part, '|')) parts.push_back(Trim(part));
  parts.resize(3);
  return parts;
}

Attributes ParseAttributes(const std::string& words) {
  Attributes out;
  std::istringstream in(words);
  std::string pair;
  while (in >> pair) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    std::string value = pair.substr(eq + 1);
    for (char& c : value) c = c == '~' ? ' ' : c;
    out[pair.substr(0, eq)] = value;
  }
  return out;
}

}  // namespace

Record CaseRecord(const RuleCase& c) {
  Record record;
  record.document.doc_type = "imr_final_determination";
  Page page;
  for (size_t i = 0; i < c.facts.size(); ++i) {
    const std::vector<std::string> parts = Parts(c.facts[i]);
    Fact f;
    f.id = "f" + std::to_string(i + 1);
    const size_t slash = parts[0].find('/');
    f.kind = parts[0].substr(0, slash);
    if (slash != std::string::npos) f.assertion = parts[0].substr(slash + 1);
    f.text = parts[1].empty() ? f.kind : parts[1];
    f.section = c.section;
    f.value = ParseAttributes(parts[2]);
    f.span = {1, page.text.size(), page.text.size() + f.text.size()};
    page.text += f.text + "\n";
    record.facts.push_back(std::move(f));
  }
  record.document.pages.push_back(std::move(page));
  if (!c.request_date.empty()) record.fields["ur_denial_date"] = {c.request_date, {}};
  if (!c.injury_date.empty()) record.fields["date_of_injury"] = {c.injury_date, {}};
  const std::vector<std::string> request = Parts(c.request);
  Request r;
  r.id = "r1";
  r.category = request[0];
  r.text = request[1];
  r.details = ParseAttributes(request[2]);
  record.requests.push_back(std::move(r));
  return record;
}

Determination Decide(const RuleCase& c) {
  Record record = CaseRecord(c);
  DetermineRequests(Rulebook::Builtin(), &record);
  return record.requests[0].determination.value_or(Determination{});
}

std::string Describe(const Determination& d) {
  std::string out = d.outcome + " " + d.guideline_era;
  for (const CriterionResult& c : d.criteria) out += " " + c.id + "=" + c.status;
  return out;
}

std::string StatusOf(const Determination& d, const std::string& criterion) {
  for (const CriterionResult& c : d.criteria) {
    if (c.id == criterion) return c.status;
  }
  return "missing";
}

std::string MismatchedRuleRows(const std::vector<RuleRow>& rows) {
  std::string out;
  for (const RuleRow& row : rows) {
    const Determination d = Decide(row.c);
    std::string wrong;
    if (Describe(d) != row.expected) wrong += "\n  got:  " + Describe(d) + "\n  want: " + row.expected;
    if (!row.rule.empty() && d.rule != row.rule) wrong += "\n  rule " + d.rule + ", want " + row.rule;
    if (!row.quote.empty() && d.rationale.find(row.quote) == std::string::npos) {
      wrong += "\n  the rationale lacks: " + row.quote;
    }
    if (!wrong.empty()) out += "[" + row.description + "]" + wrong + "\n  rationale: " + d.rationale + "\n";
  }
  return out;
}

}  // namespace imr::testing
