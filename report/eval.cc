#include "report/eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>
#include <sstream>
#include <tuple>

#include "core/text.h"

namespace imr {
namespace {

void Check(const std::string& stem, const std::string& what, const std::string& expected,
           const std::string& got, Score* score, std::vector<Miss>* misses) {
  ++score->total;
  if (expected == got) {
    ++score->correct;
  } else {
    misses->push_back({stem, what, expected, got});
  }
}

std::string FieldValue(const Record& record, const std::string& name) {
  auto it = record.fields.find(name);
  return it == record.fields.end() ? std::string() : it->second.value;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// Compares guideline lines the way requests are compared.
std::string GuidelineKey(const std::optional<std::string>& s) { return s ? CompareKey(*s) : ""; }

void ScoreLetterFields(const GoldLetter& gold, const Record& record, EvalReport* report) {
  for (const std::string_view header_field : kHeaderFieldNames) {
    const std::string name(header_field);
    auto it = gold.fields.find(name);
    if (it == gold.fields.end()) continue;
    Check(gold.stem, name, it->second.value_or(""), FieldValue(record, name), &report->fields[name],
          &report->misses);
  }
  Check(gold.stem, "age", gold.age ? std::to_string(*gold.age) : "",
        record.patient.age ? std::to_string(*record.patient.age) : "", &report->fields["age"],
        &report->misses);
  Check(gold.stem, "sex", gold.sex.value_or(""), record.patient.sex, &report->fields["sex"],
        &report->misses);
  Check(gold.stem, "licensure", Join(gold.licensure), Join(record.reviewer.licensure),
        &report->fields["licensure"], &report->misses);
  Check(gold.stem, "specialty", CollapseWhitespace(gold.specialty.value_or("")),
        record.reviewer.specialty, &report->fields["specialty"], &report->misses);
}

void Add(const GoldRequest& gold, const Request& request, Agreement* agreement) {
  const std::string outcome = request.determination ? request.determination->outcome : "none";
  ++agreement->total;
  agreement->determined += request.determination.has_value();
  ++agreement->confusion[gold.decision][outcome];
  const bool approved = outcome == "medically_necessary";
  const bool overturned = gold.decision == "overturned";
  const bool agree = approved == overturned;
  agreement->pairs.emplace_back(overturned, approved);
  auto& [agreeing, total] = agreement->by_category[request.category];
  agreeing += agree;
  ++total;
  const auto tally = [&](Tally& t) {
    ++t.total;
    t.agree += agree;
    t.over += approved && !overturned;
    t.under += !approved && overturned;
  };
  tally(agreement->by_rule[request.determination ? request.determination->rule : "none"]);
  tally(agreement->by_confidence[request.determination && !request.determination->confidence.empty()
                                     ? request.determination->confidence
                                     : "none"]);
}

void ScoreDetermination(const std::string& stem, const GoldRequest& gold, const Request& request,
                        Agreement* agreement, Agreement* fold, std::vector<Miss>* misses) {
  Add(gold, request, agreement);
  Add(gold, request, fold);
  const std::string outcome = request.determination ? request.determination->outcome : "none";
  const bool agree = (outcome == "medically_necessary") == (gold.decision == "overturned");
  if (!agree) {
    misses->push_back({stem, "request.determination " + request.category,
                       gold.decision == "overturned" ? "medically_necessary" : "not_medically_necessary", outcome});
  }
}

void ScoreRequests(const GoldLetter& gold, const Record& record, Agreement* fold, EvalReport* report) {
  report->found_requests += static_cast<int>(record.requests.size());
  for (const Request& r : record.requests) ++report->request_categories[r.category];
  std::vector<bool> used(record.requests.size(), false);
  for (const GoldRequest& g : gold.requests) {
    const std::string key = CompareKey(g.text);
    const Request* match = nullptr;
    for (size_t i = 0; i < record.requests.size() && !match; ++i) {
      if (!used[i] && CompareKey(record.requests[i].text) == key) {
        used[i] = true;
        match = &record.requests[i];
      }
    }
    if (!match) {
      report->misses.push_back({gold.stem, "request", g.text, ""});
      continue;
    }
    ++report->matched_requests;
    const Reference ref = match->reference.value_or(Reference{});
    Check(gold.stem, "request.decision", g.decision, ref.decision, &report->decision, &report->misses);
    ScoreDetermination(gold.stem, g, *match, &report->agreement, fold, &report->misses);
    Check(gold.stem, "request.reviewer_guideline", GuidelineKey(g.reviewer_guideline),
          CompareKey(ref.reviewer_guideline), &report->reviewer_guideline, &report->misses);
    Check(gold.stem, "request.claims_administrator_guideline",
          GuidelineKey(g.claims_administrator_guideline), CompareKey(ref.claims_administrator_guideline),
          &report->claims_administrator_guideline, &report->misses);
  }
  for (size_t i = 0; i < record.requests.size(); ++i) {
    if (!used[i]) report->misses.push_back({gold.stem, "request.extra", "", record.requests[i].text});
  }
}

double Ratio(int a, int b) { return b ? static_cast<double>(a) / b : 0.0; }

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// True when `mention` holds at least half of the words of `entry`.
bool Covers(const std::vector<std::string>& mention, const std::vector<std::string>& entry) {
  if (entry.empty()) return false;
  size_t held = 0;
  for (const std::string& w : entry) held += std::count(mention.begin(), mention.end(), w) > 0;
  return 2 * held >= entry.size();
}

void ScoreDiagnoses(const GoldLetter& gold, const Record& record, EvalReport* report) {
  std::vector<std::vector<std::string>> mentions;
  for (const Fact& f : record.facts) {
    if (f.kind == "diagnosis" && f.section == "clinical_case_summary" && f.assertion == "present") {
      mentions.push_back(Words(f.text));
    }
  }
  std::vector<std::vector<std::string>> entries;
  for (const std::string& g : gold.diagnoses) entries.push_back(Words(g));
  report->gold_diagnoses += static_cast<int>(entries.size());
  report->diagnosis_facts += static_cast<int>(mentions.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const bool found = std::any_of(mentions.begin(), mentions.end(),
                                   [&](const auto& m) { return Covers(m, entries[i]); });
    report->found_gold_diagnoses += found;
    if (!found) report->misses.push_back({gold.stem, "diagnosis", gold.diagnoses[i], ""});
  }
  for (const auto& m : mentions) {
    const bool right = std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return Covers(m, e); });
    report->right_diagnosis_facts += right;
    if (!right) {
      std::string text;
      for (const std::string& w : m) text += (text.empty() ? "" : " ") + w;
      report->misses.push_back({gold.stem, "diagnosis.extra", "", text});
    }
  }
}

}  // namespace

int Agreement::Count(const std::string& gold, bool approved) const {
  auto row = confusion.find(gold);
  if (row == confusion.end()) return 0;
  int n = 0;
  for (const auto& [outcome, count] : row->second) n += (outcome == "medically_necessary") == approved ? count : 0;
  return n;
}

double Agreement::DeterminedShare() const { return Ratio(determined, total); }

double Agreement::Accuracy() const { return Ratio(Count("overturned", true) + Count("upheld", false), total); }

double Agreement::Kappa() const {
  if (total == 0) return 0.0;
  const double n = total;
  const double gold_yes = Count("overturned", true) + Count("overturned", false);
  const double said_yes = Count("overturned", true) + Count("upheld", true);
  const double expected = (gold_yes / n) * (said_yes / n) + ((n - gold_yes) / n) * ((n - said_yes) / n);
  return expected < 1.0 ? (Accuracy() - expected) / (1.0 - expected) : 0.0;
}

std::pair<double, double> Agreement::KappaInterval(int resamples) const {
  if (pairs.empty() || resamples <= 0) return {0.0, 0.0};
  // Kappa of a 2x2 table: [reviewer overturned][draft approved].
  const auto kappa = [](const int (&cell)[2][2], double n) {
    const double gold_yes = cell[1][0] + cell[1][1], said_yes = cell[0][1] + cell[1][1];
    const double observed = (cell[1][1] + cell[0][0]) / n;
    const double expected = (gold_yes / n) * (said_yes / n) + ((n - gold_yes) / n) * ((n - said_yes) / n);
    return expected < 1.0 ? (observed - expected) / (1.0 - expected) : 0.0;
  };
  std::mt19937_64 random(20140101);  // fixed: an interval is reproducible
  std::uniform_int_distribution<size_t> pick(0, pairs.size() - 1);
  std::vector<double> kappas;
  kappas.reserve(static_cast<size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    int cell[2][2] = {{0, 0}, {0, 0}};
    for (size_t i = 0; i < pairs.size(); ++i) {
      const auto& [overturned, approved] = pairs[pick(random)];
      ++cell[overturned][approved];
    }
    kappas.push_back(kappa(cell, static_cast<double>(pairs.size())));
  }
  std::sort(kappas.begin(), kappas.end());
  const auto at = [&](double q) { return kappas[static_cast<size_t>(q * static_cast<double>(kappas.size() - 1) + 0.5)]; };
  return {at(0.025), at(0.975)};
}

double Agreement::OverturnRecall() const {
  return Ratio(Count("overturned", true), Count("overturned", true) + Count("overturned", false));
}

double Agreement::OverturnPrecision() const {
  return Ratio(Count("overturned", true), Count("overturned", true) + Count("upheld", true));
}

double EvalReport::DiagnosisPrecision() const { return Ratio(right_diagnosis_facts, diagnosis_facts); }
double EvalReport::DiagnosisRecall() const { return Ratio(found_gold_diagnoses, gold_diagnoses); }
double EvalReport::DiagnosisF1() const { return F1(DiagnosisPrecision(), DiagnosisRecall()); }

double EvalReport::CategorizedShare() const {
  int other = 0, total = 0;
  for (const auto& [category, n] : request_categories) {
    total += n;
    if (category == "other") other += n;
  }
  return Ratio(total - other, total);
}

double EvalReport::RequestPrecision() const { return Ratio(matched_requests, found_requests); }
double EvalReport::RequestRecall() const { return Ratio(matched_requests, gold_requests); }
double EvalReport::RequestF1() const {
  return F1(RequestPrecision(), RequestRecall());
}

int FoldOf(std::string_view case_number, int folds) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : case_number) {
    hash ^= c;
    hash *= 16777619u;
  }
  return folds > 0 ? static_cast<int>(hash % static_cast<uint32_t>(folds)) + 1 : 1;
}

EvalReport Evaluate(const std::vector<GoldLetter>& gold, const std::map<std::string, Record>& records,
                    const EvalOptions& options) {
  EvalReport report;
  report.folds.resize(std::max(options.folds, 1));
  report.only_fold = options.only_fold;
  const Record empty;
  for (const GoldLetter& g : gold) {
    auto number = g.fields.find("case_number");
    const std::string key = number != g.fields.end() && number->second ? *number->second : g.stem;
    const int fold = FoldOf(key, static_cast<int>(report.folds.size()));
    if (options.only_fold != 0 && fold != options.only_fold) continue;
    ++report.gold_letters;
    report.gold_requests += static_cast<int>(g.requests.size());
    auto it = records.find(g.stem);
    if (it == records.end()) report.misses.push_back({g.stem, "record", "present", "missing"});
    const Record& record = it == records.end() ? empty : it->second;
    if (it != records.end()) ++report.records_found;
    ScoreLetterFields(g, record, &report);
    ScoreRequests(g, record, &report.folds[fold - 1], &report);
    ScoreDiagnoses(g, record, &report);
  }
  return report;
}

namespace {

std::string FormatAgreement(const Agreement& a) {
  std::ostringstream out;
  char line[260];
  std::snprintf(line, sizeof line,
                "\ndeterminations (matched requests): %d of %d determined (%.1f%%)\n"
                "  reviewer \\ drafted      medically_necessary  not_medically_necessary  insufficient_documentation  none\n",
                a.determined, a.total, 100 * a.DeterminedShare());
  out << line;
  for (const std::string gold : {"upheld", "overturned"}) {
    auto row = a.confusion.find(gold);
    const auto cell = [&](const char* outcome) {
      if (row == a.confusion.end()) return 0;
      auto it = row->second.find(outcome);
      return it == row->second.end() ? 0 : it->second;
    };
    std::snprintf(line, sizeof line, "  %-22s %19d  %23d  %26d  %4d\n", gold.c_str(), cell("medically_necessary"),
                  cell("not_medically_necessary"), cell("insufficient_documentation"), cell("none"));
    out << line;
  }
  const auto [kappa_low, kappa_high] = a.KappaInterval();
  std::snprintf(line, sizeof line,
                "  accuracy %.3f  kappa %.3f (95%% bootstrap %.3f to %.3f)  overturn recall %.3f  overturn precision %.3f"
                "  (always \"upheld\": accuracy %.3f, kappa 0)\n",
                a.Accuracy(), a.Kappa(), kappa_low, kappa_high, a.OverturnRecall(), a.OverturnPrecision(),
                Ratio(a.Count("upheld", true) + a.Count("upheld", false), a.total));
  out << line << "  agreement by request category:\n";
  for (const auto& [category, counts] : a.by_category) {
    std::snprintf(line, sizeof line, "    %-38s %3d / %-3d\n", category.c_str(), counts.first, counts.second);
    out << line;
  }
  const auto tallies = [&](const char* title, const std::map<std::string, Tally>& rows) {
    std::snprintf(line, sizeof line, "  %-58s %8s %6s %6s %6s\n", title, "requests", "agree", "over", "under");
    out << line;
    for (const auto& [name, t] : rows) {
      std::snprintf(line, sizeof line, "    %-56s %8d %6d %6d %6d\n", name.c_str(), t.total, t.agree, t.over, t.under);
      out << line;
    }
  };
  out << "  (over: drafted medically necessary, reviewer upheld the denial; under: the reverse)\n";
  tallies("agreement by rule:", a.by_rule);
  tallies("agreement by confidence:", a.by_confidence);
  return out.str();
}

std::string FormatFolds(const std::vector<Agreement>& folds, int only_fold) {
  std::ostringstream out;
  char line[260];
  std::snprintf(line, sizeof line, "\n%zu folds by case number (report/eval.h FoldOf)%s\n", folds.size(),
                only_fold ? ", this run scored one fold alone" : "");
  out << line << "  fold  requests  accuracy  kappa   overturn recall  overturn precision  all-upheld accuracy\n";
  std::vector<double> accuracy, kappa;
  for (size_t k = 0; k < folds.size(); ++k) {
    const Agreement& a = folds[k];
    if (a.total == 0) continue;
    std::snprintf(line, sizeof line, "  %4zu  %8d  %8.3f  %6.3f  %15.3f  %18.3f  %19.3f\n", k + 1, a.total, a.Accuracy(),
                  a.Kappa(), a.OverturnRecall(), a.OverturnPrecision(),
                  Ratio(a.Count("upheld", true) + a.Count("upheld", false), a.total));
    out << line;
    accuracy.push_back(a.Accuracy());
    kappa.push_back(a.Kappa());
  }
  if (accuracy.size() > 1) {
    const auto summary = [](const std::vector<double>& v) {
      double sum = 0;
      for (double x : v) sum += x;
      return std::make_tuple(sum / v.size(), *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()));
    };
    const auto [am, alo, ahi] = summary(accuracy);
    const auto [km, klo, khi] = summary(kappa);
    std::snprintf(line, sizeof line, "  mean accuracy %.3f (range %.3f-%.3f), mean kappa %.3f (range %.3f-%.3f)\n", am,
                  alo, ahi, km, klo, khi);
    out << line;
  }
  return out.str();
}

}  // namespace

std::string FormatEvalTable(const EvalReport& r) {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "letters %d, records found %d\n\n", r.gold_letters, r.records_found);
  out << line;
  out << "measure                                   correct / total    rate\n";
  auto row = [&](const std::string& name, const Score& s) {
    std::snprintf(line, sizeof line, "%-40s %7d / %-7d %6.1f%%\n", name.c_str(), s.correct, s.total,
                  100 * s.rate());
    out << line;
  };
  for (const auto& [name, score] : r.fields) row("field " + name, score);
  row("request decision (matched)", r.decision);
  row("request reviewer guideline (matched)", r.reviewer_guideline);
  row("request claims admin guideline (matched)", r.claims_administrator_guideline);
  std::snprintf(line, sizeof line,
                "\nrequests: gold %d, found %d, matched %d; precision %.3f recall %.3f F1 %.3f\n",
                r.gold_requests, r.found_requests, r.matched_requests, r.RequestPrecision(),
                r.RequestRecall(), r.RequestF1());
  out << line;
  std::snprintf(line, sizeof line,
                "diagnoses (case summary): gold %d, found %d; facts %d, right %d; precision %.3f recall %.3f F1 %.3f\n",
                r.gold_diagnoses, r.found_gold_diagnoses, r.diagnosis_facts, r.right_diagnosis_facts,
                r.DiagnosisPrecision(), r.DiagnosisRecall(), r.DiagnosisF1());
  out << line;
  std::snprintf(line, sizeof line, "request categories: %.1f%% not other\n", 100 * r.CategorizedShare());
  out << line;
  for (const auto& [category, n] : r.request_categories) {
    std::snprintf(line, sizeof line, "  %-40s %d\n", category.c_str(), n);
    out << line;
  }
  out << FormatAgreement(r.agreement);
  out << FormatFolds(r.folds, r.only_fold);
  if (!r.misses.empty()) out << "\nmisses (" << r.misses.size() << "):\n";
  for (const Miss& m : r.misses) {
    out << "  " << m.stem << "  " << m.what << "\n    expected: " << m.expected
        << "\n    got:      " << m.got << "\n";
  }
  return out.str();
}

std::string FormatBaselineComparison(const BaselineComparison& c) {
  std::ostringstream out;
  char line[300];
  std::snprintf(line, sizeof line,
                "\nagainst the baseline, measures: %zu regressed, %zu improved, %d unchanged; misses: %zu new, %zu fixed\n",
                c.regressed.size(), c.improved.size(), c.unchanged, c.new_misses.size(), c.fixed.size());
  out << line;
  for (const auto& [title, list] : {std::pair{"regressed", &c.regressed}, {"improved", &c.improved}}) {
    for (const MeasureChange& m : *list) {
      std::snprintf(line, sizeof line, "  %-9s %-60s %.3f -> %.3f\n", title, m.measure.c_str(), m.before, m.after);
      out << line;
    }
  }
  for (const auto& [title, list] : {std::pair{"new miss", &c.new_misses}, {"fixed", &c.fixed}}) {
    for (const Miss& m : *list) {
      out << "  " << title << " " << m.stem << " " << m.what << ": expected '" << m.expected << "' got '" << m.got
          << "'\n";
    }
  }
  return out.str();
}

}  // namespace imr
