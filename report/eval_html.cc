#include "report/eval_html.h"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "report/html.h"

namespace imr {
namespace {

std::string Cell(const std::string& text, bool number = false) {
  return std::string(number ? "<td class=\"num\">" : "<td>") + EscapeHtml(text) + "</td>";
}

std::string Rate(double value) { return FormatNumber(value, 3); }

std::string OfTotal(int correct, int total) { return std::to_string(correct) + " / " + std::to_string(total); }

// A table with a header row; rows are already <tr> strings.
std::string Table(const std::vector<std::string>& headers, const std::vector<std::string>& rows,
                  const std::string& check = "") {
  std::string html = check.empty() ? "<table><tr>" : "<table data-check=\"" + check + "\"><tr>";
  for (const std::string& h : headers) html += "<th>" + EscapeHtml(h) + "</th>";
  html += "</tr>";
  for (const std::string& row : rows) html += row;
  return html + "</table>";
}

std::string LettersSection(const EvalReport& r) {
  std::string html = "<h2 id=\"letters\">Letters</h2><p>" + std::to_string(r.gold_letters) + " gold letters, " +
                     std::to_string(r.records_found) + " with a record.</p>";
  std::vector<std::pair<std::string, double>> bars;
  std::vector<std::string> rows;
  for (const auto& [name, score] : r.fields) {
    bars.emplace_back(name, score.rate());
    rows.push_back("<tr>" + Cell(name) + Cell(Rate(score.rate()), true) + Cell(OfTotal(score.correct, score.total), true) +
                   "</tr>");
  }
  html += "<h3>Header fields, patient and reviewer (exact)</h3>";
  html += SvgBarChart(bars, {.title = "Share exactly right", .decimals = 3});
  html += Table({"field", "rate", "right / gold"}, rows);
  html += "<h3>Requests and the letters' decisions</h3>";
  html += Table({"measure", "value", "of"},
                {"<tr>" + Cell("requests precision") + Cell(Rate(r.RequestPrecision()), true) +
                     Cell(OfTotal(r.matched_requests, r.found_requests), true) + "</tr>",
                 "<tr>" + Cell("requests recall") + Cell(Rate(r.RequestRecall()), true) +
                     Cell(OfTotal(r.matched_requests, r.gold_requests), true) + "</tr>",
                 "<tr>" + Cell("requests F1") + Cell(Rate(r.RequestF1()), true) + Cell("") + "</tr>",
                 "<tr>" + Cell("decision (matched requests)") + Cell(Rate(r.decision.rate()), true) +
                     Cell(OfTotal(r.decision.correct, r.decision.total), true) + "</tr>",
                 "<tr>" + Cell("reviewer's guideline line") + Cell(Rate(r.reviewer_guideline.rate()), true) +
                     Cell(OfTotal(r.reviewer_guideline.correct, r.reviewer_guideline.total), true) + "</tr>",
                 "<tr>" + Cell("claims administrator's guideline line") +
                     Cell(Rate(r.claims_administrator_guideline.rate()), true) +
                     Cell(OfTotal(r.claims_administrator_guideline.correct, r.claims_administrator_guideline.total),
                          true) +
                     "</tr>",
                 "<tr>" + Cell("case-summary diagnoses F1 (half the words)") + Cell(Rate(r.DiagnosisF1()), true) +
                     Cell("P " + Rate(r.DiagnosisPrecision()) + ", R " + Rate(r.DiagnosisRecall()), true) + "</tr>",
                 "<tr>" + Cell("requests with a category") + Cell(Rate(r.CategorizedShare()), true) + Cell("") +
                     "</tr>"});
  return html;
}

std::string Tallies(const char* title, const std::map<std::string, Tally>& rows) {
  std::vector<std::string> out;
  for (const auto& [name, t] : rows) {
    out.push_back("<tr>" + Cell(name) + Cell(std::to_string(t.total), true) + Cell(std::to_string(t.agree), true) +
                  Cell(std::to_string(t.over), true) + Cell(std::to_string(t.under), true) + "</tr>");
  }
  return std::string("<h3>") + title + "</h3>" + Table({"", "requests", "agree", "over", "under"}, out);
}

std::string AgreementSection(const EvalReport& r) {
  const Agreement& a = r.agreement;
  const auto [low, high] = a.KappaInterval();
  std::string html = "<h2 id=\"determinations\">Drafted determinations against the reviewers</h2>";
  html += "<p>" + std::to_string(a.determined) + " of " + std::to_string(a.total) +
          " matched requests drafted. A reviewer who upheld the denial found the request not medically necessary; "
          "insufficient documentation sides with the denial.</p>";
  static const char* kOutcomes[] = {"medically_necessary", "not_medically_necessary", "insufficient_documentation",
                                    "none"};
  std::vector<std::string> rows;
  for (const std::string gold : {"upheld", "overturned"}) {
    std::string row = "<tr>" + Cell("reviewer " + gold);
    auto it = a.confusion.find(gold);
    for (const char* outcome : kOutcomes) {
      int n = 0;
      if (it != a.confusion.end()) {
        auto cell = it->second.find(outcome);
        n = cell == it->second.end() ? 0 : cell->second;
      }
      row += Cell(std::to_string(n), true);
    }
    rows.push_back(row + "</tr>");
  }
  html += Table({"", "drafted necessary", "not necessary", "insufficient documentation", "none"}, rows, "confusion");
  html += SvgBarChart({{"accuracy", a.Accuracy()},
                       {"Cohen's kappa", a.Kappa()},
                       {"kappa 95% low", low},
                       {"kappa 95% high", high},
                       {"overturn recall", a.OverturnRecall()},
                       {"overturn precision", a.OverturnPrecision()}},
                      {.title = "Agreement with the reviewers", .decimals = 3});
  html += "<p>Cohen's kappa " + Rate(a.Kappa()) + ", 95% bootstrap interval " + Rate(low) + " to " + Rate(high) +
          " (2,000 resamples of the matched requests).</p>";
  std::vector<std::pair<std::string, double>> by_category;
  std::vector<std::string> category_rows;
  for (const auto& [category, counts] : a.by_category) {
    const double share = counts.second ? static_cast<double>(counts.first) / counts.second : 0;
    by_category.emplace_back(category, share);
    category_rows.push_back("<tr>" + Cell(category) + Cell(OfTotal(counts.first, counts.second), true) + "</tr>");
  }
  html += "<h3>By request category</h3>" +
          SvgBarChart(by_category, {.title = "Share agreeing, by category", .decimals = 2}) +
          Table({"category", "agree / requests"}, category_rows);
  html += "<p class=\"muted\">over: drafted medically necessary where the reviewer upheld the denial; under: the "
          "reverse.</p>";
  html += Tallies("By rule", a.by_rule) + Tallies("By confidence", a.by_confidence);
  if (!r.folds.empty()) {
    std::vector<std::string> fold_rows;
    for (size_t k = 0; k < r.folds.size(); ++k) {
      const Agreement& f = r.folds[k];
      fold_rows.push_back("<tr>" + Cell(std::to_string(k + 1)) + Cell(std::to_string(f.total), true) +
                          Cell(Rate(f.Accuracy()), true) + Cell(Rate(f.Kappa()), true) +
                          Cell(Rate(f.OverturnRecall()), true) + "</tr>");
    }
    html += "<h3>By fold (case number)</h3>" +
            Table({"fold", "requests", "accuracy", "kappa", "overturn recall"}, fold_rows);
  }
  return html;
}

std::string NotesSection(const NotesReport& n) {
  std::string html = "<h2 id=\"notes\">Clinical notes</h2>";
  for (const auto& [fold, f] : n.by_fold) {
    html += "<h3>Fold " + EscapeHtml(fold) + " (" + std::to_string(f.notes) + " notes)</h3>";
    std::vector<std::pair<std::string, double>> bars;
    std::vector<std::string> rows;
    for (const auto& [kind, s] : f.kinds) {
      bars.emplace_back(kind + " F1, overlap", s.F1());
      bars.emplace_back(kind + " F1, exact", s.ExactF1());
      rows.push_back("<tr>" + Cell(kind) + Cell(Rate(s.Precision()), true) + Cell(Rate(s.Recall()), true) +
                     Cell(Rate(s.F1()), true) + Cell(Rate(s.ExactPrecision()), true) +
                     Cell(Rate(s.ExactRecall()), true) + Cell(Rate(s.ExactF1()), true) +
                     Cell(Rate(s.AssertionAccuracy()), true) + Cell(std::to_string(s.gold), true) + "</tr>");
    }
    html += SvgBarChart(bars, {.title = "Mentions found, fold " + fold, .decimals = 3});
    html += Table({"kind", "P", "R", "F1", "exact P", "exact R", "exact F1", "assertion", "gold"}, rows);
    std::set<std::string> said;
    for (const auto& [gold, row] : f.problem_assertions) {
      for (const auto& [record, count] : row) said.insert(record);
    }
    std::vector<std::string> headers = {"gold \\ record"};
    headers.insert(headers.end(), said.begin(), said.end());
    std::vector<std::string> confusion;
    for (const auto& [gold, row] : f.problem_assertions) {
      std::string tr = "<tr>" + Cell(gold);
      for (const std::string& record : said) {
        auto it = row.find(record);
        tr += Cell(std::to_string(it == row.end() ? 0 : it->second), true);
      }
      confusion.push_back(tr + "</tr>");
    }
    html += "<h3>Assertion of the problems found, fold " + EscapeHtml(fold) + "</h3>" + Table(headers, confusion);
  }
  return html;
}

std::string MissRows(const std::vector<Miss>& misses, const std::string& id_prefix) {
  std::vector<std::string> rows;
  std::set<std::string> first_of_kind;
  for (size_t i = 0; i < misses.size(); ++i) {
    const Miss& m = misses[i];
    const bool first = first_of_kind.insert(m.what).second;
    const std::string id = first ? " id=\"" + id_prefix + EscapeHtml(m.what) + "\"" : "";
    rows.push_back("<tr" + id + ">" + Cell(m.stem) + Cell(m.what) + Cell(m.expected) + Cell(m.got) + "</tr>");
  }
  return Table({"document", "what", "expected", "got"}, rows, "misses");
}

// One link per kind of miss, to its first row: a reader starts from the kind.
std::string MissIndex(const std::vector<Miss>& misses, const std::string& id_prefix) {
  std::map<std::string, int> counts;
  for (const Miss& m : misses) ++counts[m.what];
  std::string html = "<p>";
  for (const auto& [what, n] : counts) {
    html += "<a data-scroll-to=\"" + id_prefix + EscapeHtml(what) + "\">" + EscapeHtml(what) + "</a> (" +
            std::to_string(n) + ") &nbsp; ";
  }
  return html + "</p>";
}

std::string BaselineSection(const BaselineComparison& b) {
  std::string html = "<h2 id=\"baseline\">Against the baseline</h2><p>" + std::to_string(b.improved.size()) +
                     " measures improved, " + std::to_string(b.regressed.size()) + " regressed, " +
                     std::to_string(b.unchanged) + " unchanged; " + std::to_string(b.fixed.size()) +
                     " misses fixed, " + std::to_string(b.new_misses.size()) + " new.</p>";
  const auto changes = [](const std::vector<MeasureChange>& list) {
    std::vector<std::string> rows;
    for (const MeasureChange& c : list) {
      rows.push_back("<tr>" + Cell(c.measure) + Cell(Rate(c.before), true) + Cell(Rate(c.after), true) +
                     Cell((c.after > c.before ? "+" : "") + Rate(c.after - c.before), true) + "</tr>");
    }
    return Table({"measure", "baseline", "today", "change"}, rows);
  };
  html += "<h3>Regressed</h3>" + changes(b.regressed) + "<h3>Improved</h3>" + changes(b.improved);
  html += "<h3>New misses</h3>" + MissRows(b.new_misses, "new-") + "<h3>Fixed misses</h3>" +
          MissRows(b.fixed, "fixed-");
  return html;
}

}  // namespace

std::string EvalReportToHtml(const EvalReport& report, const NotesReport* notes,
                             const BaselineComparison* baseline) {
  HtmlPage page{.title = "imr eval"};
  page.body = "<h1>imr eval: records against gold annotations</h1>";
  page.body += "<p><a data-scroll-to=\"letters\">letters</a> · <a data-scroll-to=\"determinations\">determinations</a>";
  if (notes != nullptr) page.body += " · <a data-scroll-to=\"notes\">notes</a>";
  if (baseline != nullptr) page.body += " · <a data-scroll-to=\"baseline\">baseline</a>";
  page.body += " · <a data-scroll-to=\"misses\">misses</a></p>";
  if (baseline != nullptr) page.body += BaselineSection(*baseline);
  if (report.gold_letters > 0) page.body += LettersSection(report) + AgreementSection(report);
  if (notes != nullptr) page.body += NotesSection(*notes);
  std::vector<Miss> misses = report.misses;
  if (notes != nullptr) misses.insert(misses.end(), notes->misses.begin(), notes->misses.end());
  page.body += "<h2 id=\"misses\">Misses (" + std::to_string(misses.size()) + ")</h2>" + MissIndex(misses, "miss-") +
               MissRows(misses, "miss-");
  return RenderPage(page);
}

}  // namespace imr
