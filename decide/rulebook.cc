#include "decide/rulebook.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "decide/rule_model.h"

namespace imr {
namespace {

using Json = nlohmann::json;

// What facts can say: their kinds and the attributes extract/ and normalize/
// give them. A rule naming anything else would never match, so it is an error.
const std::map<std::string, std::set<std::string>>& KnownFactAttributes() {
  static const std::map<std::string, std::set<std::string>> known = {
      {"age", {"years"}},
      {"sex", {"sex"}},
      {"date", {"date", "precision", "printed_form", "role", "relative", "amount", "unit", "direction", "anchor"}},
      {"duration", {"amount", "amount_min", "amount_max", "unit", "since", "start", "days"}},
      {"diagnosis", {"body_site", "laterality", "level", "segments", "spinal_region", "code_source"}},
      {"procedure", {"procedure", "procedure_group", "body_site", "laterality", "level", "segments",
                     "spinal_region", "contrast", "count", "frequency_per_week", "weeks"}},
      {"medication", {"generic", "brand", "drug_class", "strength", "strength_per_unit_mg", "unit", "form",
                      "frequency", "doses_per_day", "units_per_dose", "units_per_day", "daily_dose_mg",
                      "dose", "quantity", "route", "med_mg_per_day", "mme_factor", "mme_edition", "med_missing"}},
      {"finding", {"finding_type", "state", "result", "test", "red_flag", "body_site", "laterality", "level",
                   "segments", "spinal_region", "grade", "score", "score_max", "score_low", "score_high",
                   "degrees", "degrees_normal", "motion", "severity", "gait", "aid", "trigger_point"}},
      {"treatment_history", {"treatment", "response", "count", "procedure", "relief_percent"}},
      {"functional_status", {"work_status", "adl", "activity", "functional_improvement", "lift_limit_lbs"}},
  };
  return known;
}

const std::set<std::string>& KnownRequestDetails() {
  static const std::set<std::string> known = {
      "body_site", "laterality", "level", "segments", "visits", "frequency_per_week", "weeks", "months",
      "days", "hours", "quantity", "refills", "drug", "strength", "unit", "course", "contrast"};
  return known;
}

const std::set<std::string>& KnownAssertions() {
  static const std::set<std::string> known = {"present", "absent", "possible", "historical", "hypothetical",
                                              "family"};
  return known;
}

const std::set<std::string>& KnownStatuses() {
  static const std::set<std::string> known = {"met", "unmet", "not_documented"};
  return known;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Collects schema errors for one file; the parse goes on after each so that
// one run of `imr rules check` lists them all.
class Parser {
 public:
  // `definitions`: the named expressions of the definition files, by name;
  // `used`: their parsed forms, shared by every file's parser so that each
  // definition is parsed once.
  Parser(std::string file, const std::map<std::string, Json>* definitions,
         std::map<std::string, std::shared_ptr<const Expr>>* used)
      : file_(std::move(file)), definitions_(definitions), used_(*used) {}

  // Parses every definition once, for its errors (unused ones included).
  void CheckDefinitions() {
    for (const auto& [name, body] : *definitions_) Use(name, "definition " + name);
  }

  std::optional<RuleSet> ParseSet(const Json& j) {
    RuleSet set;
    if (!j.is_object()) return Fail("", "the file must hold one JSON object");
    set.name = String(j, "rule_set", "", true);
    set.version = j.contains("version") && j["version"].is_number_integer() ? j["version"].get<int>() : 0;
    if (set.version <= 0) Error(set.name, "\"version\" must be a positive integer");
    set.categories = Strings(j, "categories", set.name);
    if (set.categories.empty()) Error(set.name, "\"categories\" must list at least one category");
    AllowKeys(j, {"rule_set", "version", "categories", "rules", "description"}, set.name);
    if (!j.contains("rules") || !j["rules"].is_array() || j["rules"].empty()) {
      Error(set.name, "\"rules\" must be a non-empty array");
    } else {
      for (const Json& r : j["rules"]) set.rules.push_back(ParseRule(r, set));
    }
    return set;
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::optional<RuleSet> Fail(const std::string& where, const std::string& what) {
    Error(where, what);
    return std::nullopt;
  }

  void Error(const std::string& where, const std::string& what) {
    errors_.push_back(file_ + (where.empty() ? "" : " (" + where + ")") + ": " + what);
  }

  void AllowKeys(const Json& j, std::initializer_list<const char*> keys, const std::string& where) {
    for (const auto& item : j.items()) {
      // Not a structured binding: clang before 16 cannot capture one in a lambda.
      const std::string& key = item.key();
      if (std::find_if(keys.begin(), keys.end(), [&](const char* k) { return key == k; }) == keys.end()) {
        Error(where, "unknown key \"" + key + "\"");
      }
    }
  }

  std::string String(const Json& j, const char* key, const std::string& where, bool required) {
    if (!j.contains(key)) {
      if (required) Error(where, std::string("\"") + key + "\" is required");
      return "";
    }
    if (!j[key].is_string() || (required && j[key].get<std::string>().empty())) {
      Error(where, std::string("\"") + key + "\" must be a non-empty string");
      return "";
    }
    return j[key].get<std::string>();
  }

  std::vector<std::string> Strings(const Json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    const Json& v = j[key];
    if (v.is_string()) return {v.get<std::string>()};
    if (!v.is_array()) {
      Error(where, std::string("\"") + key + "\" must be a string or an array of strings");
      return out;
    }
    for (const Json& s : v) {
      if (s.is_string()) {
        out.push_back(s.get<std::string>());
      } else {
        Error(where, std::string("\"") + key + "\" must hold strings only");
      }
    }
    return out;
  }

  Rule ParseRule(const Json& j, const RuleSet& set) {
    Rule rule;
    const std::string where = set.name + "/" + (j.is_object() && j.contains("id") && j["id"].is_string()
                                                    ? j["id"].get<std::string>() : std::string("?"));
    if (!j.is_object()) {
      Error(where, "a rule must be an object");
      return rule;
    }
    AllowKeys(j, {"id", "eras", "when", "summary", "citations", "criteria", "necessary_when", "if_undocumented",
                  "provenance", "note", "at_most", "position"},
              where);
    rule.id = set.name + "." + String(j, "id", where, true) + "@" + std::to_string(set.version);
    for (const std::string& name : Strings(j, "eras", where)) {
      if (auto era = EraFromName(name)) {
        rule.eras.push_back(*era);
      } else {
        Error(where, "unknown era \"" + name + "\"");
      }
    }
    if (rule.eras.empty()) Error(where, "\"eras\" must name at least one era");
    rule.summary = String(j, "summary", where, true);
    rule.provenance = String(j, "provenance", where, true);
    if (!rule.provenance.empty() && rule.provenance != "V" && rule.provenance != "R" && rule.provenance != "U") {
      Error(where, "\"provenance\" must be V, R or U");
    }
    rule.if_undocumented = j.value("if_undocumented", std::string("not_medically_necessary"));
    if (rule.if_undocumented != "not_medically_necessary" && rule.if_undocumented != "insufficient_documentation") {
      Error(where, "\"if_undocumented\" must be not_medically_necessary or insufficient_documentation");
    }
    rule.at_most = j.value("at_most", std::string("medically_necessary"));
    if (rule.at_most != "medically_necessary" && rule.at_most != "insufficient_documentation") {
      Error(where, "\"at_most\" must be medically_necessary or insufficient_documentation");
    }
    rule.position = String(j, "position", where, false);
    if (rule.at_most != "medically_necessary" && rule.position.empty()) {
      Error(where, "a rule that caps its outcome (\"at_most\") says in \"position\" which guideline position is missing");
    }
    ParseCitations(j, where, &rule);
    std::set<std::string> ids;
    if (!j.contains("criteria") || !j["criteria"].is_array() || j["criteria"].empty()) {
      Error(where, "\"criteria\" must be a non-empty array");
    } else {
      for (const Json& c : j["criteria"]) {
        Criterion criterion = ParseCriterion(c, where);
        if (!ids.insert(criterion.id).second) Error(where, "criterion \"" + criterion.id + "\" is listed twice");
        rule.criteria.push_back(std::move(criterion));
      }
    }
    if (j.contains("when")) rule.when = ParseExpr(j["when"], where + " when", nullptr);
    if (j.contains("necessary_when")) rule.necessary_when = ParseExpr(j["necessary_when"], where, &ids);
    return rule;
  }

  void ParseCitations(const Json& j, const std::string& where, Rule* rule) {
    if (!j.contains("citations") || !j["citations"].is_array() || j["citations"].empty()) {
      Error(where, "\"citations\" must list at least one citation");
      return;
    }
    for (const Json& c : j["citations"]) {
      if (!c.is_object()) {
        Error(where, "a citation must be an object");
        continue;
      }
      AllowKeys(c, {"source", "chapter", "topic", "pages"}, where + " citation");
      Citation citation{String(c, "source", where, true), String(c, "chapter", where, false),
                        String(c, "topic", where, false), String(c, "pages", where, false)};
      if (citation.chapter.empty() && citation.topic.empty()) {
        Error(where, "a citation needs a chapter or a topic");
      }
      rule->citations.push_back(std::move(citation));
    }
  }

  Criterion ParseCriterion(const Json& j, const std::string& rule_where) {
    Criterion c;
    if (!j.is_object()) {
      Error(rule_where, "a criterion must be an object");
      return c;
    }
    c.id = String(j, "id", rule_where, true);
    const std::string where = rule_where + " criterion " + c.id;
    AllowKeys(j, {"id", "says", "test", "met_text", "unmet_text", "missing_text"}, where);
    c.says = String(j, "says", where, true);
    c.met_text = String(j, "met_text", where, false);
    c.unmet_text = String(j, "unmet_text", where, false);
    c.missing_text = String(j, "missing_text", where, false);
    if (!j.contains("test")) {
      Error(where, "\"test\" is required");
    } else {
      c.test = ParseExpr(j["test"], where, nullptr);
    }
    return c;
  }

  // `criteria`: the ids a necessary_when may name; null where bare strings
  // are not allowed.
  std::shared_ptr<const Expr> ParseExpr(const Json& j, const std::string& where,
                                        const std::set<std::string>* criteria) {
    auto e = std::make_shared<Expr>();
    if (j.is_string()) {
      const std::string name = j.get<std::string>();
      if (criteria == nullptr) {
        Error(where, "a bare name (\"" + name + "\") is allowed only in necessary_when");
      } else if (!criteria->contains(name)) {
        Error(where, "necessary_when names no criterion \"" + name + "\"");
      }
      e->op = Expr::Op::kCriterion;
      e->name = name;
      return e;
    }
    if (!j.is_object() || j.size() != 1) {
      Error(where, "an expression is an object with exactly one key");
      return e;
    }
    // The one key and its value. (A structured binding to *j.items().begin()
    // would bind to a temporary iterator gone by the next line.)
    const std::string key = j.begin().key();
    const Json& value = j.begin().value();
    if (key == "all" || key == "any") {
      e->op = key == "all" ? Expr::Op::kAll : Expr::Op::kAny;
      if (!value.is_array() || value.empty()) Error(where, "\"" + key + "\" needs a non-empty array");
      if (value.is_array()) {
        for (const Json& child : value) e->children.push_back(ParseExpr(child, where, criteria));
      }
    } else if (key == "not") {
      e->op = Expr::Op::kNot;
      e->children.push_back(ParseExpr(value, where, criteria));
    } else if (key == "use") {
      if (!value.is_string()) {
        Error(where, "\"use\" names a definition");
        return e;
      }
      return Use(value.get<std::string>(), where);
    } else if (key == "unless") {
      e->op = Expr::Op::kUnless;
      e->children.push_back(ParseExpr(value, where, criteria));
    } else if (key == "weigh") {
      e->op = Expr::Op::kWeigh;
      if (!value.is_object() || !value.contains("for") || !value.contains("against") || value.size() != 2) {
        Error(where, "\"weigh\" needs exactly {\"for\": …, \"against\": …}");
      } else {
        e->children.push_back(ParseExpr(value["for"], where, criteria));
        e->children.push_back(ParseExpr(value["against"], where, criteria));
      }
    } else if (key == "fact") {
      e->op = Expr::Op::kFact;
      e->fact = ParseFactTest(value, where);
    } else if (key == "request") {
      e->op = Expr::Op::kRequest;
      e->request = ParseRequestTest(value, where);
    } else if (key == "since_injury") {
      e->op = Expr::Op::kSinceInjury;
      if (!value.is_object()) Error(where, "\"since_injury\" needs an object");
      if (value.is_object()) {
        AllowKeys(value, {"min_days", "max_days"}, where);
        if (value.contains("min_days")) e->since_injury.min_days = value["min_days"].get<int>();
        if (value.contains("max_days")) e->since_injury.max_days = value["max_days"].get<int>();
      }
    } else if (key == "total") {
      e->op = Expr::Op::kTotal;
      e->total = ParseTotalTest(value, where);
    } else if (key == "status") {
      e->op = Expr::Op::kStatus;
      e->name = value.is_string() ? value.get<std::string>() : "";
      if (!KnownStatuses().contains(e->name)) Error(where, "\"status\" must be met, unmet or not_documented");
    } else {
      Error(where, "unknown expression \"" + key + "\"");
    }
    return e;
  }

  ValueTest ParseValueTest(const Json& v, const std::string& where) {
    ValueTest t;
    if (v.is_string()) {
      t.values.push_back(Lower(v.get<std::string>()));
    } else if (v.is_array()) {
      for (const Json& s : v) {
        if (s.is_string()) t.values.push_back(Lower(s.get<std::string>()));
        else Error(where, "a value list must hold strings");
      }
    } else if (v.is_object()) {
      AllowKeys(v, {"min", "max"}, where);
      if (v.contains("min") && v["min"].is_number()) t.min = v["min"].get<double>();
      if (v.contains("max") && v["max"].is_number()) t.max = v["max"].get<double>();
      if (!t.min && !t.max) Error(where, "a numeric test needs \"min\" or \"max\"");
    } else {
      Error(where, "a value test is a string, a list of strings or {min, max}");
    }
    return t;
  }

  FactTest ParseFactTest(const Json& j, const std::string& where) {
    FactTest t;
    if (!j.is_object()) {
      Error(where, "\"fact\" needs an object");
      return t;
    }
    AllowKeys(j, {"kind", "is", "words", "assertion", "against", "site", "site_required", "same_as_request", "generic"},
              where);
    t.kinds = Strings(j, "kind", where);
    for (const std::string& kind : t.kinds) {
      if (!KnownFactAttributes().contains(kind)) Error(where, "unknown fact kind \"" + kind + "\"");
    }
    if (j.contains("is")) {
      if (!j["is"].is_object()) Error(where, "\"is\" needs an object");
      for (const auto& item : j["is"].items()) {
        const std::string& attribute = item.key();  // captured below: no structured binding (clang 14)
        const Json& test = item.value();
        const bool known = std::any_of(t.kinds.begin(), t.kinds.end(), [&](const std::string& kind) {
          auto k = KnownFactAttributes().find(kind);
          return k != KnownFactAttributes().end() && k->second.contains(attribute);
        });
        if (!known) Error(where, "no fact kind named here has the attribute \"" + attribute + "\"");
        t.is[attribute] = ParseValueTest(test, where);
      }
    }
    for (const std::string& w : Strings(j, "words", where)) t.words.push_back(Lower(w));
    if (j.contains("assertion")) t.assertions = Strings(j, "assertion", where);
    if (j.contains("against")) t.against = Strings(j, "against", where);
    for (const auto* list : {&t.assertions, &t.against}) {
      for (const std::string& a : *list) {
        if (!KnownAssertions().contains(a)) Error(where, "unknown assertion \"" + a + "\"");
      }
    }
    t.site = String(j, "site", where, false);
    if (!t.site.empty() && t.site != "request") Error(where, "\"site\" can only be \"request\"");
    t.site_required = j.value("site_required", false);
    if (j.contains("same_as_request")) {
      if (!j["same_as_request"].is_object()) Error(where, "\"same_as_request\" maps fact attributes to request details");
      for (const auto& [attribute, detail] : j["same_as_request"].items()) {
        if (!detail.is_string() || !KnownRequestDetails().contains(detail.get<std::string>())) {
          Error(where, "\"same_as_request\" names no request detail for \"" + attribute + "\"");
          continue;
        }
        t.same_as_request[attribute] = detail.get<std::string>();
      }
    }
    bool generic = false;
    if (j.contains("generic")) {
      if (j["generic"].is_boolean()) generic = j["generic"].get<bool>();
      else Error(where, "\"generic\" is true or false");
    }
    t.generic = generic || AnyCaseHasIt(t);
    return t;
  }

  // A diagnosis test that asks nothing of the diagnosis but its site, or only
  // words every injured worker's record holds: any case of the kind meets it.
  static bool AnyCaseHasIt(const FactTest& t) {
    static const std::set<std::string> kEveryCase = {"pain", "ache", "aching", "discomfort", "sore", "soreness",
                                                     "strain", "sprain", "injury"};
    if (t.kinds != std::vector<std::string>{"diagnosis"} || !t.is.empty() || !t.same_as_request.empty()) return false;
    return std::all_of(t.words.begin(), t.words.end(), [](const std::string& w) { return kEveryCase.contains(w); });
  }

  TotalTest ParseTotalTest(const Json& j, const std::string& where) {
    TotalTest t;
    if (!j.is_object() || !j.contains("of") || !j["of"].is_array() || !j.contains("max") || !j["max"].is_number()) {
      Error(where, "\"total\" needs {\"of\": [fact tests], \"max\": n}");
      return t;
    }
    AllowKeys(j, {"of", "attribute", "detail", "max", "missing"}, where);
    for (const Json& f : j["of"]) {
      if (!f.is_object() || !f.contains("fact")) {
        Error(where, "\"total\" sums facts: each of \"of\" is {\"fact\": …}");
        continue;
      }
      t.of.push_back(ParseFactTest(f["fact"], where));
    }
    t.attribute = j.value("attribute", t.attribute);
    t.detail = j.value("detail", t.detail);
    if (!KnownRequestDetails().contains(t.detail)) Error(where, "\"total\" names no request detail " + t.detail);
    t.max = j["max"].get<double>();
    t.missing = j.value("missing", t.missing);
    if (!KnownStatuses().contains(t.missing)) Error(where, "\"missing\" must be a status");
    return t;
  }

  RequestTest ParseRequestTest(const Json& j, const std::string& where) {
    RequestTest t;
    if (!j.is_object()) {
      Error(where, "\"request\" needs an object");
      return t;
    }
    for (const auto& [key, value] : j.items()) {
      if (key == "words") {
        for (const std::string& w : Strings(j, "words", where)) t.words.push_back(Lower(w));
      } else if (key == "missing") {
        t.missing = value.is_string() ? value.get<std::string>() : "";
        if (!KnownStatuses().contains(t.missing)) Error(where, "\"missing\" must be a status");
      } else if (KnownRequestDetails().contains(key)) {
        t.details[key] = ParseValueTest(value, where);
      } else {
        Error(where, "unknown request detail \"" + key + "\"");
      }
    }
    if (t.details.empty() && t.words.empty()) Error(where, "\"request\" tests nothing");
    return t;
  }

  // The parsed expression a definition names (parsed once, cycles reported).
 public:
  std::shared_ptr<const Expr> Use(const std::string& name, const std::string& where) {
    if (auto it = used_.find(name); it != used_.end()) {
      if (!it->second) Error(where, "definition \"" + name + "\" uses itself");
      return it->second ? it->second : std::make_shared<Expr>();
    }
    auto body = definitions_->find(name);
    if (body == definitions_->end()) {
      Error(where, "no definition \"" + name + "\"");
      return std::make_shared<Expr>();
    }
    used_[name] = nullptr;  // in progress: a use of it from inside is a cycle
    auto parsed = ParseExpr(body->second, "definition " + name, nullptr);
    used_[name] = parsed;
    return parsed;
  }

 private:

  std::string file_;
  const std::map<std::string, Json>* definitions_;
  std::map<std::string, std::shared_ptr<const Expr>>& used_;
  std::vector<std::string> errors_;
};

bool EraOverlapWithoutWhen(const RuleSet& set, std::string* era_name) {
  for (size_t a = 0; a < set.rules.size(); ++a) {
    for (size_t b = a + 1; b < set.rules.size(); ++b) {
      if (set.rules[a].when || set.rules[b].when) continue;
      for (GuidelineEra e : set.rules[a].eras) {
        if (std::find(set.rules[b].eras.begin(), set.rules[b].eras.end(), e) != set.rules[b].eras.end()) {
          *era_name = std::string(EraName(e));
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

std::string Citation::Render() const {
  std::string out = source;
  for (const std::string* part : {&chapter, &topic}) {
    if (!part->empty()) out += ", " + *part;
  }
  if (!pages.empty()) out += (pages.find('-') != std::string::npos ? ", pp. " : ", p. ") + pages;
  return out;
}

std::vector<const Rule*> RuleSet::ForEra(GuidelineEra era) const {
  std::vector<const Rule*> out;
  for (const Rule& r : rules) {
    if (std::find(r.eras.begin(), r.eras.end(), era) != r.eras.end()) out.push_back(&r);
  }
  return out;
}

Rulebook Rulebook::Parse(const std::vector<RuleFile>& files, std::vector<std::string>* errors) {
  Rulebook book;
  // First the definition files ({"definitions": {name: expression}}), which
  // rule sets share through {"use": name}.
  std::map<std::string, Json> definitions;
  std::map<std::string, std::shared_ptr<const Expr>> used;
  std::vector<std::pair<const RuleFile*, Json>> sets;
  for (const RuleFile& file : files) {
    Json j = Json::parse(file.text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      errors->push_back(file.name + ": not valid JSON");
    } else if (j.is_object() && j.contains("definitions")) {
      if (!j["definitions"].is_object() || j.size() > 2 || (j.size() == 2 && !j.contains("description"))) {
        errors->push_back(file.name + ": a definition file holds {\"definitions\": {name: expression}} only");
        continue;
      }
      for (const auto& [name, body] : j["definitions"].items()) {
        if (!definitions.emplace(name, body).second) {
          errors->push_back(file.name + ": definition \"" + name + "\" is defined twice");
        }
      }
    } else {
      sets.emplace_back(&file, std::move(j));
    }
  }
  {
    Parser parser("definitions", &definitions, &used);
    try {
      parser.CheckDefinitions();
      if (parser.errors().empty()) {
        for (const auto& [name, body] : definitions) book.definitions_[name] = parser.Use(name, name);
      }
    } catch (const Json::exception&) {
      errors->push_back("definitions: a value has the wrong type");
    }
    errors->insert(errors->end(), parser.errors().begin(), parser.errors().end());
  }
  for (const auto& [file_ptr, j] : sets) {
    const RuleFile& file = *file_ptr;
    Parser parser(file.name, &definitions, &used);
    std::optional<RuleSet> set;
    try {
      set = parser.ParseSet(j);
    } catch (const Json::exception&) {
      errors->push_back(file.name + ": a value has the wrong type");
      continue;
    }
    if (!parser.errors().empty()) {
      errors->insert(errors->end(), parser.errors().begin(), parser.errors().end());
      continue;
    }
    if (set) book.sets_.push_back(std::move(*set));
  }
  return book;
}

const Rulebook& Rulebook::Builtin() {
  static const Rulebook book = [] {
    std::vector<std::string> errors;
    return Parse(BuiltinRuleFiles(), &errors);
  }();
  return book;
}

const Expr* Rulebook::Definition(std::string_view name) const {
  auto it = definitions_.find(name);
  return it == definitions_.end() ? nullptr : it->second.get();
}

const RuleSet* Rulebook::ForCategory(std::string_view category) const {
  const RuleSet* best = nullptr;
  size_t best_length = 0;
  const RuleSet* general = nullptr;
  for (const RuleSet& set : sets_) {
    for (const std::string& key : set.categories) {
      if (key == category) return &set;
      if (key == "*") general = &set;
      if (key.size() > 2 && key.ends_with(".*")) {
        const std::string_view prefix = std::string_view(key).substr(0, key.size() - 1);  // "family."
        if (category.starts_with(prefix) && prefix.size() > best_length) {
          best = &set;
          best_length = prefix.size();
        }
      }
    }
  }
  return best != nullptr ? best : general;
}

std::vector<RuleFile> ReadRuleFiles(const std::string& dir, std::string* error) {
  namespace fs = std::filesystem;
  std::vector<RuleFile> files;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({entry.path().filename().string(), text.str()});
  }
  if (ec) *error = "cannot read the rule directory " + dir;
  std::sort(files.begin(), files.end(), [](const RuleFile& a, const RuleFile& b) { return a.name < b.name; });
  return files;
}

namespace {

bool IsKnownCategory(const std::string& key, const std::vector<std::string>& known) {
  if (key == "*") return true;
  if (key.ends_with(".*")) {
    const std::string prefix = key.substr(0, key.size() - 1);
    return std::any_of(known.begin(), known.end(), [&](const std::string& k) { return k.starts_with(prefix); });
  }
  return std::find(known.begin(), known.end(), key) != known.end();
}

}  // namespace

std::vector<std::string> CheckRuleFiles(const std::vector<RuleFile>& files,
                                        const std::vector<std::string>& known_categories) {
  std::vector<std::string> errors;
  Rulebook book = Rulebook::Parse(files, &errors);
  std::map<std::string, std::string> owner;  // category -> rule set
  bool general = false;
  for (const RuleSet& set : book.sets()) {
    std::string era;
    if (EraOverlapWithoutWhen(set, &era)) {
      errors.push_back(set.name + ": two rules apply to era " + era + " and neither has a \"when\"");
    }
    const bool lists_general = std::find(set.categories.begin(), set.categories.end(), "*") != set.categories.end();
    for (const Rule& rule : set.rules) {
      // The general rule is no guideline's position on any request: it may
      // find a request reasonable, never medically necessary.
      if (lists_general && rule.at_most == "medically_necessary") {
        errors.push_back(rule.id + ": a rule of the general set (\"*\") must say \"at_most\": \"insufficient_documentation\"");
      }
    }
    for (const std::string& category : set.categories) {
      general = general || category == "*";
      if (!IsKnownCategory(category, known_categories)) {
        errors.push_back(set.name + ": category " + category + " is not in the request taxonomy");
      }
      auto [it, inserted] = owner.emplace(category, set.name);
      if (!inserted) errors.push_back(set.name + ": category " + category + " is also claimed by " + it->second);
    }
    for (GuidelineEra e : {GuidelineEra::kAcoem2004, GuidelineEra::kChronicPain2009, GuidelineEra::kChronicPain2016,
                           GuidelineEra::kAcoem2017}) {
      const auto rules = set.ForEra(e);
      if (rules.empty()) {
        errors.push_back(set.name + ": no rule for era " + std::string(EraName(e)));
      } else if (rules.back()->when) {
        errors.push_back(set.name + ": the last rule for era " + std::string(EraName(e)) +
                         " has a \"when\", so some requests would get no rule");
      }
    }
  }
  if (!files.empty() && !general) errors.push_back("no rule set lists \"*\": categories without a set get no rule");
  return errors;
}

}  // namespace imr
