#include "decide/rationale.h"

#include <cctype>
#include <vector>

namespace imr {
namespace {

constexpr size_t kQuoteBytes = 90;

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// The fact's words on one line, cut at a word boundary (never inside a UTF-8
// sequence) when long.
std::string ShortQuote(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= kQuoteBytes) return out;
  size_t cut = out.rfind(' ', kQuoteBytes);
  if (cut == std::string::npos || cut < kQuoteBytes / 2) {
    cut = kQuoteBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  }
  return out.substr(0, cut) + " …";
}

// "(page 1: 'sensation all dermatomes as normal'; page 2: '…')", at most two.
std::string Quotes(const Outcome& outcome, const std::map<std::string, const UsableFact*>& facts) {
  std::vector<std::string> parts;
  for (const std::string& id : outcome.evidence) {
    auto it = facts.find(id);
    if (it == facts.end()) continue;
    parts.push_back("page " + std::to_string(it->second->span.page_number) + ": '" +
                    ShortQuote(it->second->text) + "'");
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
    case Status::kUnmet: said = c.unmet_text.empty() ? "the records speak against " + c.says : c.unmet_text; break;
    case Status::kNotDocumented:
      said = c.missing_text.empty() ? "the records do not document " + c.says : c.missing_text;
      break;
  }
  return Capitalized(said) + Quotes(o, facts) + ".";
}

std::string Conclusion(const std::string& outcome) {
  if (outcome == "medically_necessary") return "The request is therefore medically necessary.";
  if (outcome == "insufficient_documentation") {
    return "The documentation is not sufficient to decide the request either way.";
  }
  return "The request is therefore not medically necessary.";
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
      if (o.status == wanted) out += " " + CriterionSentence(c, o, *in.facts);
    }
  }
  return out + " " + Conclusion(in.outcome);
}

}  // namespace imr
