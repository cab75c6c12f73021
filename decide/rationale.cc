#include "decide/rationale.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace imr {
namespace {

constexpr size_t kQuoteBytes = 90;

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

bool IsQuoteMark(char c) { return c == '\'' || c == '"' || c == '`'; }

// The fact's words on one line, without quote marks at either end (the
// rationale adds its own) and with apostrophes typeset as such, cut at a word boundary (never inside a UTF-8
// sequence) when long.
std::string ShortQuote(std::string_view text) {
  while (!text.empty() && (IsQuoteMark(text.front()) || std::isspace(static_cast<unsigned char>(text.front())))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (IsQuoteMark(text.back()) || std::isspace(static_cast<unsigned char>(text.back())))) {
    text.remove_suffix(1);
  }
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == '\'') {
      out += "\u2019";  // the record's apostrophe, never read as the quote's end
    } else {
      out += c;
    }
  }
  if (out.size() <= kQuoteBytes) return out;
  size_t cut = out.rfind(' ', kQuoteBytes);
  if (cut == std::string::npos || cut < kQuoteBytes / 2) {
    cut = kQuoteBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  }
  return out.substr(0, cut) + " …";
}

// "(page 1: 'sensation all dermatomes as normal'; page 2: '…')", at most two,
// never the same words from the same page twice.
std::string Quotes(const Outcome& outcome, const std::map<std::string, const UsableFact*>& facts) {
  std::vector<std::string> parts;
  for (const std::string& id : outcome.evidence) {
    auto it = facts.find(id);
    if (it == facts.end()) continue;
    std::string part = "page " + std::to_string(it->second->span.page_number) + ": '" +
                       ShortQuote(it->second->text) + "'";
    if (std::find(parts.begin(), parts.end(), part) != parts.end()) continue;
    parts.push_back(std::move(part));
    if (parts.size() == 2) break;
  }
  if (parts.empty()) return "";
  std::string out = " (";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out + ")";
}

std::string CriterionSentence(const Criterion& c, const Outcome& o,
                              const std::map<std::string, const UsableFact*>& facts) {
  std::string said;
  switch (o.status) {
    case Status::kMet: said = c.met_text.empty() ? "the records document " + c.says : c.met_text; break;
    case Status::kUnmet:
      said = c.unmet_text.empty() ? "the criterion '" + c.says + "' is not met" : c.unmet_text;
      break;
    case Status::kNotDocumented:
      said = c.missing_text.empty() ? "the records do not document " + c.says : c.missing_text;
      break;
  }
  return Capitalized(said) + Quotes(o, facts) + ".";
}

std::string Conclusion(std::string_view outcome) {
  if (outcome == "medically_necessary") return "The request is therefore medically necessary.";
  if (outcome == "insufficient_documentation") {
    return "The documentation is not sufficient to decide the request either way.";
  }
  return "The request is therefore not medically necessary.";
}

// Why criteria that held do not make the request medically necessary: the
// rule is no guideline's position on it, or they held only by inference.
std::string WhyNotShown(const RationaleInput& in) {
  const Rule& rule = *in.rule;
  if (rule.at_most != "medically_necessary") {
    return "No guideline position on this request was found: " + rule.position +
           " Until one is, the records can show no more than that the request may be reasonable.";
  }
  std::vector<std::string> inferred;
  for (const Criterion& c : rule.criteria) {
    const Outcome& o = in.criteria->at(c.id);
    if (o.status == Status::kMet && o.basis == Basis::kInferred) inferred.push_back(c.says);
  }
  if (inferred.empty()) {
    return "What the records show (a diagnosis at the body part, nothing written against the request) is what "
           "any such case shows, which cannot by itself establish that this request is needed.";
  }
  std::string said;
  for (size_t i = 0; i < inferred.size(); ++i) {
    said += (i == 0 ? "" : i + 1 == inferred.size() ? " and " : ", ") + inferred[i];
  }
  return "The records support " + said +
         " only by inference (the body part is not written with it, or a date is assumed), "
         "not by a statement specific to this request.";
}

}  // namespace

std::string WriteRationale(const RationaleInput& in) {
  const Rule& rule = *in.rule;
  std::string out = in.era_note;
  if (!out.empty()) out += " ";
  std::string cited;
  for (size_t i = 0; i < rule.citations.size() && i < 2; ++i) {
    cited += (i ? "; " : "") + rule.citations[i].Render();
  }
  out += "Guidelines (" + cited + "): " + rule.summary;
  if (!out.ends_with(".")) out += ".";
  // Deciding criteria first: unmet, then not documented, then met.
  for (Status wanted : {Status::kUnmet, Status::kNotDocumented, Status::kMet}) {
    for (const Criterion& c : rule.criteria) {
      const Outcome& o = in.criteria->at(c.id);
      if (o.status == wanted) out.append(" ").append(CriterionSentence(c, o, *in.facts));
    }
  }
  if (in.criteria_met && in.outcome != "medically_necessary") out.append(" ").append(WhyNotShown(in));
  return out.append(" ").append(Conclusion(in.outcome));
}

std::string AmendRationale(std::string_view rationale, std::string_view sentence,
                           const std::string& outcome) {
  for (std::string_view before : {"medically_necessary", "not_medically_necessary", "insufficient_documentation"}) {
    const std::string ending = std::string(" ").append(Conclusion(before));
    if (rationale.ends_with(ending)) {
      rationale.remove_suffix(ending.size());
      break;
    }
  }
  return std::string(rationale).append(" ").append(sentence).append(" ").append(Conclusion(outcome));
}

}  // namespace imr
