// Self-contained HTML pages for the reports people read (`imr eval -o`,
// `imr report`, `imr view`, `imr letter`): one file with its CSS, its SVG
// charts and its images inline, that opens from a disk or an e-mail with no
// network. The page's Content-Security-Policy forbids every fetch, so a page
// that tried one would show it broken rather than leak that it was opened.
//
//   imr::HtmlPage page{.title = "imr report"};
//   page.body = "<h1>" + imr::EscapeHtml(name) + "</h1>" +
//               imr::SvgBarChart({{"letter", 74}, {"rfa", 3}}, {.title = "Documents by type"});
//   WritePrivateFile("report.html", imr::RenderPage(page));
//
// Every page carries the same self-test, run when the page is opened with
// "#selftest" (tests/browser_test.sh, in headless Chromium): it measures each
// element marked data-check="NAME" and clicks each data-scroll-to="ID" link,
// then writes what it saw as JSON into <pre id="imr-selftest">, where
// Chromium's --dump-dom hands it to the test.
#ifndef IMR_REPORT_HTML_H_
#define IMR_REPORT_HTML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace imr {

// Text made safe inside an element or a quoted attribute.
std::string EscapeHtml(std::string_view text);

struct HtmlPage {
  std::string title;
  std::string css;     // added after the house style
  std::string body;    // inner HTML of <body>
  std::string script;  // the page's own script, run before the self-test
};

// The whole document: doctype, CSP, house style, body, scripts.
std::string RenderPage(const HtmlPage& page);

struct ChartOptions {
  std::string title;        // above the chart, and its accessible name
  std::string check = "chart";  // the data-check name the self-test measures
  int width = 640;          // px
  int bar_height = 18;      // px per bar (bar charts)
  int height = 180;         // px (histograms and timelines)
  std::string unit;         // after each value ("%", " s")
  int decimals = 0;
};

// Horizontal bars, one per label, with the value written beside each bar.
std::string SvgBarChart(const std::vector<std::pair<std::string, double>>& bars, const ChartOptions& options);

// Vertical bars over consecutive bins: labels[i] under counts[i].
std::string SvgHistogram(const std::vector<std::string>& labels, const std::vector<double>& counts,
                         const ChartOptions& options);

// A number as written in the pages: `decimals` places, no trailing zeros
// lost ("0.950" for 3).
std::string FormatNumber(double value, int decimals);

}  // namespace imr

#endif  // IMR_REPORT_HTML_H_
