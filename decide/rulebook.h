// The rulebook: medical-necessity criteria as data, one rule set per family of
// request categories, read from decide/rules/*.json.
//
//   std::vector<std::string> errors;
//   imr::Rulebook book = imr::Rulebook::Parse(imr::BuiltinRuleFiles(), &errors);
//   const imr::RuleSet* set = book.ForCategory("imaging.mri.lumbar");
//   const imr::Rule* rule = set->ForEra(imr::GuidelineEra::kChronicPain2009, ...);
//
// A rule file holds one rule set:
//
//   {"rule_set": "imaging.mri.spine", "version": 1,
//    "categories": ["imaging.mri.lumbar", "imaging.mri.cervical"],
//    "rules": [{"id": "cpmtg", "eras": ["chronic_pain_2009", "chronic_pain_2016"],
//               "summary": "…our words…", "citations": [{"source": …, "chapter": …, "pages": …}],
//               "criteria": [{"id": "red_flags", "says": "a red flag", "test": {…}}],
//               "necessary_when": {"any": ["red_flags", "neuro_deficit"]}}]}
//
// Tests (criteria, `when`, `necessary_when`) are expressions, each three-valued
// (met, unmet, not_documented): {"all": […]}, {"any": […]}, {"not": x},
// {"weigh": {"for": x, "against": y}} (y met makes it unmet unless x is met),
// {"unless": x} (met unless x is met), a
// criterion id (inside necessary_when), {"use": name} (a shared expression
// from a file of {"definitions": {name: expression}}), {"fact": {kind, is, site, assertion, …}},
// {"request": {detail: {…}}}, {"since_injury": {"min_days": n}}, {"status": s}.
// decide/rules/README.md is the full reference; `imr rules check` validates.
// The rule text is ours: it paraphrases guidelines and cites them by source,
// chapter and page, never quoting them.
#ifndef IMR_DECIDE_RULEBOOK_H_
#define IMR_DECIDE_RULEBOOK_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decide/era.h"

namespace imr {

// One rule file as read: its name (for messages) and its JSON text.
struct RuleFile {
  std::string name;
  std::string text;
};

// The rule files compiled into the binary (decide/rules/*.json at build time).
const std::vector<RuleFile>& BuiltinRuleFiles();

// The *.json files of `dir`, sorted by name; `error` says why when it cannot be read.
std::vector<RuleFile> ReadRuleFiles(const std::string& dir, std::string* error);

struct Expr;  // decide/rule_model.h

struct Citation {
  std::string source;   // "MTUS ACOEM Practice Guidelines, 2nd ed. (2004)"
  std::string chapter;  // "Chapter 12, Low Back Complaints"
  std::string topic;    // "Special Studies"
  std::string pages;    // "303-304", or empty where the source has no pages
  std::string Render() const;  // "MTUS ACOEM …, Chapter 12 …, Special Studies, pp. 303-304"
};

struct Criterion {
  std::string id;
  std::string says;  // what the criterion asks, as a noun phrase in our words
  std::string met_text, unmet_text, missing_text;  // optional overrides for the rationale
  std::shared_ptr<const Expr> test;
};

struct Rule {
  std::string id;  // rule_set.id@version when qualified
  std::vector<GuidelineEra> eras;
  std::shared_ptr<const Expr> when;  // null: always applies
  std::string summary;               // the guideline's position, paraphrased
  std::vector<Citation> citations;
  std::vector<Criterion> criteria;
  std::shared_ptr<const Expr> necessary_when;  // null: every criterion met
  std::string if_undocumented = "not_medically_necessary";  // or insufficient_documentation
  // The best outcome the rule may draft: "insufficient_documentation" for a
  // rule that is no guideline's position on the request (the general rule),
  // whose `position` then says what a reviewer must find first.
  std::string at_most = "medically_necessary";
  std::string position;
  std::string provenance;  // V, R or U as in the domain notes
};

struct RuleSet {
  std::string name;
  int version = 0;
  std::vector<std::string> categories;  // exact keys, or "family.*" prefixes
  std::vector<Rule> rules;

  // The rules written for `era`, in file order (a rule's `when` picks among them).
  std::vector<const Rule*> ForEra(GuidelineEra era) const;
};

class Rulebook {
 public:
  // Parses every file; a file with errors is left out and each error appended
  // to `errors` as "<file>: <what>". Never throws.
  static Rulebook Parse(const std::vector<RuleFile>& files, std::vector<std::string>* errors);

  // The builtin rules, parsed once. Errors in them are a build defect that
  // `imr rules check` and the tests report; here they are skipped.
  static const Rulebook& Builtin();

  // The set for `category`: an exact key first, then the longest "x.*"
  // prefix, then the set that lists "*" (the general rule). Null if none.
  const RuleSet* ForCategory(std::string_view category) const;

  const std::vector<RuleSet>& sets() const { return sets_; }

  // A named expression of the definition files, or null.
  const Expr* Definition(std::string_view name) const;

 private:
  std::vector<RuleSet> sets_;
  std::map<std::string, std::shared_ptr<const Expr>, std::less<>> definitions_;
};

// Everything `imr rules check` verifies: each file parses against the schema,
// names known fact kinds, attributes, assertions and eras, cites a source,
// has no two rules of a set for the same era with no `when` to tell them
// apart, every era has a rule, no category is claimed by two sets and each
// is one of `known_categories` (the taxonomy of normalize/; "x.*" must prefix
// one). One message per problem; empty when all is well.
std::vector<std::string> CheckRuleFiles(const std::vector<RuleFile>& files,
                                        const std::vector<std::string>& known_categories);

}  // namespace imr

#endif  // IMR_DECIDE_RULEBOOK_H_
