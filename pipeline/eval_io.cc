#include "pipeline/eval_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/output.h"
#include "pipeline/record_json.h"

namespace imr {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

std::optional<std::string> OptionalString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> FilesEndingWith(const std::string& dir, std::string_view suffix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > suffix.size() && name.ends_with(suffix)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Json ScoreJson(const Score& s) { return {{"correct", s.correct}, {"total", s.total}, {"rate", s.rate()}}; }

Json AgreementJson(const Agreement& a) {
  Json by_category = Json::object();
  for (const auto& [category, counts] : a.by_category) {
    by_category[category] = {{"agree", counts.first}, {"total", counts.second}};
  }
  const auto tallies = [](const std::map<std::string, Tally>& rows) {
    Json out = Json::object();
    for (const auto& [name, t] : rows) {
      out[name] = {{"requests", t.total}, {"agree", t.agree}, {"over", t.over}, {"under", t.under}};
    }
    return out;
  };
  return {{"determined", a.determined},
          {"total", a.total},
          {"confusion", a.confusion},
          {"accuracy", a.Accuracy()},
          {"kappa", a.Kappa()},
          {"kappa_95", [&] {
             const auto [low, high] = a.KappaInterval();
             return Json::array({low, high});
           }()},
          {"overturn_recall", a.OverturnRecall()},
          {"overturn_precision", a.OverturnPrecision()},
          {"by_category", by_category},
          {"by_rule", tallies(a.by_rule)},
          {"by_confidence", tallies(a.by_confidence)}};
}

}  // namespace

std::optional<GoldLetter> GoldFromJson(std::string_view text, std::string stem, std::string* error) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  GoldLetter g;
  g.stem = std::move(stem);
  g.fields["case_number"] = OptionalString(j, "case_number");
  if (auto f = j.find("fields"); f != j.end() && f->is_object()) {
    for (const auto& [name, v] : f->items()) {
      g.fields[name] = v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
    }
  }
  if (auto p = j.find("patient"); p != j.end() && p->is_object()) {
    if (auto age = p->find("age"); age != p->end() && age->is_number_integer()) g.age = age->get<int>();
    g.sex = OptionalString(*p, "sex");
  }
  if (auto r = j.find("reviewer"); r != j.end() && r->is_object()) {
    if (auto l = r->find("licensure"); l != r->end() && l->is_array()) {
      for (const Json& s : *l) {
        if (s.is_string()) g.licensure.push_back(s.get<std::string>());
      }
    }
    g.specialty = OptionalString(*r, "specialty");
  }
  if (auto rs = j.find("requests"); rs != j.end() && rs->is_array()) {
    for (const Json& r : *rs) {
      g.requests.push_back({OptionalString(r, "text").value_or(""), OptionalString(r, "decision").value_or(""),
                            OptionalString(r, "claims_administrator_guideline"),
                            OptionalString(r, "maximus_guideline"),
                            OptionalString(r, "rationale_says").value_or("")});
    }
  }
  if (auto d = j.find("diagnoses"); d != j.end() && d->is_array()) {
    for (const Json& s : *d) {
      if (s.is_string()) g.diagnoses.push_back(s.get<std::string>());
    }
  }
  return g;
}

std::optional<GoldNote> GoldNoteFromJson(std::string_view text, std::string* error) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("note") || !j["note"].is_string()) {
    *error = "not a note gold object";
    return std::nullopt;
  }
  GoldNote g;
  g.stem = j["note"].get<std::string>();
  g.sha256 = OptionalString(j, "sha256").value_or("");
  g.fold = OptionalString(j, "fold").value_or("dev");
  if (auto age = j.find("age"); age != j.end() && age->is_number_integer()) g.age = age->get<int>();
  g.sex = OptionalString(j, "sex");
  if (auto ms = j.find("mentions"); ms != j.end() && ms->is_array()) {
    for (const Json& m : *ms) {
      if (!m.is_object() || !m.value("begin", Json()).is_number_unsigned() ||
          !m.value("end", Json()).is_number_unsigned()) {
        *error = "a mention without begin and end";
        return std::nullopt;
      }
      g.mentions.push_back({m["begin"].get<size_t>(), m["end"].get<size_t>(), OptionalString(m, "kind").value_or(""),
                            OptionalString(m, "assertion").value_or("present")});
    }
  }
  return g;
}

std::vector<GoldLetter> ReadGoldDir(const std::string& dir, std::vector<std::string>* errors,
                                    std::vector<GoldNote>* notes) {
  std::vector<GoldLetter> out;
  constexpr std::string_view kSuffix = ".gold.json";
  for (const fs::path& path : FilesEndingWith(dir, kSuffix)) {
    const std::string name = path.filename().string();
    std::string error;
    const std::string text = ReadAll(path);
    if (text.find("\"note\"") != std::string::npos) {
      if (notes == nullptr) continue;
      if (auto note = GoldNoteFromJson(text, &error)) {
        notes->push_back(std::move(*note));
      } else {
        errors->push_back(path.string() + ": " + error);
      }
      continue;
    }
    auto gold = GoldFromJson(text, name.substr(0, name.size() - kSuffix.size()), &error);
    if (gold) {
      out.push_back(std::move(*gold));
    } else {
      errors->push_back(path.string() + ": " + error);
    }
  }
  return out;
}

std::optional<PacketTruth> PacketTruthFromJson(std::string_view text, std::string stem, std::string* error) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("documents") || !j["documents"].is_array()) {
    *error = "not a packet truth object";
    return std::nullopt;
  }
  PacketTruth truth;
  truth.stem = std::move(stem);
  truth.page_count = j.value("page_count", 0);
  for (const Json& d : j["documents"]) {
    if (!d.is_object() || !d.contains("first_page") || !d.contains("last_page")) {
      *error = "a document without its pages";
      return std::nullopt;
    }
    PacketDocument doc;
    doc.id = OptionalString(d, "id").value_or("");
    doc.doc_type = OptionalString(d, "doc_type").value_or("other");
    doc.first_page = d.value("first_page", 0);
    doc.last_page = d.value("last_page", 0);
    doc.duplicate_of = OptionalString(d, "duplicate_of").value_or("");
    truth.documents.push_back(std::move(doc));
  }
  return truth;
}

std::vector<PacketTruth> ReadPacketTruthDir(const std::string& dir, std::vector<std::string>* errors) {
  static constexpr std::string_view kSuffix = ".truth.json";
  std::vector<PacketTruth> out;
  for (const fs::path& path : FilesEndingWith(dir, kSuffix)) {
    const std::string name = path.filename().string();
    std::string error;
    if (auto truth = PacketTruthFromJson(ReadAll(path), name.substr(0, name.size() - kSuffix.size()), &error)) {
      out.push_back(std::move(*truth));
    } else {
      errors->push_back(path.string() + ": " + error);
    }
  }
  return out;
}

std::map<std::string, Record> ReadRecordDir(const std::string& dir, std::vector<std::string>* errors) {
  std::map<std::string, Record> out;
  for (const fs::path& path : FilesEndingWith(dir, ".json")) {
    if (path.filename().string().ends_with(".gold.json")) continue;
    std::string error;
    auto record = RecordFromJson(ReadAll(path), &error);
    if (!record) {
      errors->push_back(path.string() + ": " + error);
      continue;
    }
    const std::string stem = FileStem(record->document.source.path);
    out.emplace(stem.empty() ? path.stem().string() : stem, std::move(*record));
  }
  return out;
}

Json MentionScoreJson(const MentionScore& s) {
  return {{"gold", s.gold},          {"found", s.found_gold},       {"facts", s.facts},
          {"right", s.right_facts},  {"precision", s.Precision()},  {"recall", s.Recall()},
          {"f1", s.F1()},            {"assertion", s.AssertionAccuracy()},
          {"exact", {{"found", s.exact_gold}, {"right", s.exact_facts}, {"precision", s.ExactPrecision()},
                     {"recall", s.ExactRecall()}, {"f1", s.ExactF1()}}}};
}

Json NotesJson(const NotesReport& n) {
  Json folds = Json::object();
  for (const auto& [fold, f] : n.by_fold) {
    Json kinds = Json::object();
    for (const auto& [kind, s] : f.kinds) kinds[kind] = MentionScoreJson(s);
    folds[fold] = {{"notes", f.notes},
                   {"kinds", kinds},
                   {"age", ScoreJson(f.age)},
                   {"sex", ScoreJson(f.sex)},
                   {"problem_assertions", f.problem_assertions}};
  }
  Json misses = Json::array();
  for (const Miss& m : n.misses) {
    misses.push_back({{"stem", m.stem}, {"what", m.what}, {"expected", m.expected}, {"got", m.got}});
  }
  return {{"folds", folds}, {"skipped", n.skipped}, {"misses", misses}};
}

std::string EvalReportToJson(const EvalReport& r, const NotesReport* notes) {
  Json fields = Json::object();
  for (const auto& [name, score] : r.fields) fields[name] = ScoreJson(score);
  Json misses = Json::array();
  for (const Miss& m : r.misses) {
    misses.push_back({{"stem", m.stem}, {"what", m.what}, {"expected", m.expected}, {"got", m.got}});
  }
  Json out = {
      {"schema", "imr.eval/1"},
      {"letters", r.gold_letters},
      {"records_found", r.records_found},
      {"fields", fields},
      {"requests",
       {{"gold", r.gold_requests},
        {"found", r.found_requests},
        {"matched", r.matched_requests},
        {"precision", r.RequestPrecision()},
        {"recall", r.RequestRecall()},
        {"f1", r.RequestF1()},
        {"decision", ScoreJson(r.decision)},
        {"reviewer_guideline", ScoreJson(r.reviewer_guideline)},
        {"claims_administrator_guideline", ScoreJson(r.claims_administrator_guideline)}}},
      {"request_categories", {{"categorized_share", r.CategorizedShare()}, {"counts", r.request_categories}}},
      {"determinations", AgreementJson(r.agreement)},
      {"folds", [&] {
         Json folds = Json::array();
         for (const Agreement& a : r.folds) folds.push_back(AgreementJson(a));
         return folds;
       }()},
      {"diagnoses",
       {{"gold", r.gold_diagnoses},
        {"found", r.found_gold_diagnoses},
        {"facts", r.diagnosis_facts},
        {"right", r.right_diagnosis_facts},
        {"precision", r.DiagnosisPrecision()},
        {"recall", r.DiagnosisRecall()},
        {"f1", r.DiagnosisF1()}}},
      {"misses", misses},
  };
  if (notes != nullptr) out["notes"] = NotesJson(*notes);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

// Keys whose numbers are better higher.
bool HigherIsBetter(std::string_view key) {
  static constexpr std::string_view kKeys[] = {"precision", "recall",          "f1",        "rate",
                                               "accuracy",  "kappa",           "assertion", "overturn_recall",
                                               "overturn_precision", "categorized_share"};
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

void FlattenMeasures(const Json& j, const std::string& path, std::map<std::string, double>* out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      const std::string child = path.empty() ? key : path + "." + key;
      if (value.is_number() && HigherIsBetter(key)) {
        (*out)[child] = value.get<double>();
      } else if (key != "misses") {
        FlattenMeasures(value, child, out);
      }
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) FlattenMeasures(j[i], path + "." + std::to_string(i), out);
  }
}

// Every miss of a report (letters' and notes'), keyed without what was got:
// a miss whose wrong answer changed is still the same miss.
std::map<std::string, Miss> MissesOf(const Json& report) {
  std::map<std::string, Miss> out;
  const auto add = [&](const Json& misses) {
    if (!misses.is_array()) return;
    for (const Json& m : misses) {
      Miss miss{m.value("stem", ""), m.value("what", ""), m.value("expected", ""), m.value("got", "")};
      out.emplace(miss.stem + '\0' + miss.what + '\0' + miss.expected + '\0' +
                      (miss.expected.empty() ? miss.got : ""),
                  std::move(miss));
    }
  };
  add(report.value("misses", Json::array()));
  if (report.contains("notes")) add(report["notes"].value("misses", Json::array()));
  return out;
}

}  // namespace

std::optional<BaselineComparison> CompareToBaseline(std::string_view today, std::string_view baseline,
                                                    std::string* error) {
  const Json now = Json::parse(today, nullptr, false);
  const Json before = Json::parse(baseline, nullptr, false);
  for (const Json* j : {&now, &before}) {
    if (j->is_discarded() || !j->is_object() || j->value("schema", "") != "imr.eval/1") {
      *error = "not an imr eval --json report (schema imr.eval/1)";
      return std::nullopt;
    }
  }
  std::map<std::string, double> after_measures, before_measures;
  FlattenMeasures(now, "", &after_measures);
  FlattenMeasures(before, "", &before_measures);
  BaselineComparison out;
  for (const auto& [measure, after] : after_measures) {
    auto it = before_measures.find(measure);
    if (it == before_measures.end()) continue;
    const double delta = after - it->second;
    if (std::abs(delta) < 1e-9) {
      ++out.unchanged;
    } else {
      (delta > 0 ? out.improved : out.regressed).push_back({measure, it->second, after});
    }
  }
  const auto by_size = [](const MeasureChange& a, const MeasureChange& b) {
    return std::abs(a.after - a.before) > std::abs(b.after - b.before);
  };
  std::stable_sort(out.improved.begin(), out.improved.end(), by_size);
  std::stable_sort(out.regressed.begin(), out.regressed.end(), by_size);
  const std::map<std::string, Miss> misses_now = MissesOf(now), misses_before = MissesOf(before);
  for (const auto& [key, miss] : misses_before) {
    if (!misses_now.count(key)) out.fixed.push_back(miss);
  }
  for (const auto& [key, miss] : misses_now) {
    if (!misses_before.count(key)) out.new_misses.push_back(miss);
  }
  return out;
}

}  // namespace imr
