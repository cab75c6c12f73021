#include "report/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace imr {
namespace {

// No fetch of any kind: images are data: URIs, style and script are inline.
constexpr std::string_view kPolicy =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

constexpr std::string_view kHouseStyle = R"css(
:root { --ink: #1d2330; --muted: #5b6474; --rule: #d9dde4; --accent: #2f5d9e; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; color: var(--ink); background: var(--paper);
       font: 14px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 10px; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.chart { display: block; margin: 6px 0 18px; }
.chart text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
.chart .bar { fill: var(--accent); }
.chart .axis { stroke: var(--rule); }
a[data-scroll-to] { color: var(--accent); cursor: pointer; text-decoration: underline dotted; }
.flash { outline: 3px solid #f2a900; outline-offset: 2px; }
)css";

// Run when the page is opened with #selftest (see html.h).
constexpr std::string_view kSelfTest = R"js(
(function () {
  if (location.hash !== '#selftest') return;
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  function resetScroll() {
    window.scrollTo(0, 0);
    document.querySelectorAll('[data-scroll-container]').forEach(function (c) { c.scrollTop = 0; });
  }
  function visible(r) { return r.bottom > 0 && r.top < window.innerHeight; }
  function run() {
    var out = { checks: [], scrolls: [], resources: 0, errors: errors,
                viewport: [window.innerWidth, window.innerHeight] };
    document.querySelectorAll('[data-check]').forEach(function (e) {
      var r = e.getBoundingClientRect();
      out.checks.push({ name: e.getAttribute('data-check'), width: r.width, height: r.height });
    });
    var links = document.querySelectorAll('[data-scroll-to]');
    for (var i = 0; i < links.length && out.scrolls.length < 25; i += Math.max(1, Math.floor(links.length / 25))) {
      var link = links[i], id = link.getAttribute('data-scroll-to');
      var target = document.getElementById(id);
      resetScroll();
      var before = target ? visible(target.getBoundingClientRect()) : false;
      link.click();
      var after = target ? visible(target.getBoundingClientRect()) : false;
      out.scrolls.push({ to: id, found: !!target, visible_before: before, visible_after: after });
    }
    out.resources = performance.getEntriesByType('resource').length;
    var pre = document.createElement('pre');
    pre.id = 'imr-selftest';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
  if (document.readyState === 'complete') run(); else window.addEventListener('load', run);
})();
)js";

// Links marked data-scroll-to="ID" bring ID into view and flash it.
constexpr std::string_view kScrollLinks = R"js(
document.addEventListener('click', function (event) {
  var link = event.target.closest ? event.target.closest('[data-scroll-to]') : null;
  if (!link) return;
  var target = document.getElementById(link.getAttribute('data-scroll-to'));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center', inline: 'nearest' });
  target.classList.add('flash');
  setTimeout(function () { target.classList.remove('flash'); }, 1200);
});
)js";

std::string Attribute(std::string_view text) { return EscapeHtml(text); }

// At most `bytes` bytes of `label`, cut between characters, with an ellipsis
// when cut.
std::string Shorten(const std::string& label, size_t bytes) {
  if (label.size() <= bytes) return label;
  size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "…";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderPage(const HtmlPage& page) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kPolicy) + "\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + EscapeHtml(page.title) + "</title>\n<style>" + std::string(kHouseStyle) + page.css +
          "</style>\n</head>\n<body>\n";
  html += page.body;
  html += "\n<script>" + std::string(kScrollLinks) + page.script + "</script>\n";
  html += "<script>" + std::string(kSelfTest) + "</script>\n</body>\n</html>\n";
  return html;
}

std::string FormatNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", std::max(0, decimals), value);
  return buffer;
}

std::string SvgBarChart(const std::vector<std::pair<std::string, double>>& bars, const ChartOptions& options) {
  constexpr int kLabelWidth = 260, kValueWidth = 70, kGap = 4, kTop = 22;  // 34 characters of label
  const int bar_area = std::max(60, options.width - kLabelWidth - kValueWidth);
  double largest = 0;
  for (const auto& [label, value] : bars) largest = std::max(largest, value);
  const int height = kTop + static_cast<int>(bars.size()) * (options.bar_height + kGap) + 4;
  std::string svg = "<svg class=\"chart\" role=\"img\" data-check=\"" + Attribute(options.check) + "\" aria-label=\"" +
                    Attribute(options.title) + "\" width=\"" + std::to_string(options.width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(options.width) + " " +
                    std::to_string(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<text x=\"0\" y=\"14\" font-weight=\"600\">" + EscapeHtml(options.title) + "</text>";
  int y = kTop;
  for (const auto& [label, value] : bars) {
    const double share = largest > 0 ? value / largest : 0;
    const int width = value > 0 ? std::max(1, static_cast<int>(std::lround(share * bar_area))) : 0;
    const std::string shown = FormatNumber(value, options.decimals) + options.unit;
    const int middle = y + options.bar_height / 2 + 4;
    svg += "<text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(middle) +
           "\" text-anchor=\"end\">" + EscapeHtml(Shorten(label, 34)) + "</text>";
    svg += "<rect class=\"bar\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(width) + "\" height=\"" + std::to_string(options.bar_height) + "\"><title>" +
           EscapeHtml(label) + ": " + EscapeHtml(shown) + "</title></rect>";
    svg += "<text x=\"" + std::to_string(kLabelWidth + width + 6) + "\" y=\"" + std::to_string(middle) + "\">" +
           EscapeHtml(shown) + "</text>";
    y += options.bar_height + kGap;
  }
  svg += "<line class=\"axis\" x1=\"" + std::to_string(kLabelWidth) + "\" y1=\"" + std::to_string(kTop - 2) +
         "\" x2=\"" + std::to_string(kLabelWidth) + "\" y2=\"" + std::to_string(height - 2) + "\"/></svg>";
  return svg;
}

std::string SvgHistogram(const std::vector<std::string>& labels, const std::vector<double>& counts,
                         const ChartOptions& options) {
  constexpr int kTop = 22, kBottom = 34, kLeft = 8;
  const size_t n = std::min(labels.size(), counts.size());
  double largest = 0;
  for (size_t i = 0; i < n; ++i) largest = std::max(largest, counts[i]);
  const int plot = std::max(40, options.height - kTop - kBottom);
  const double step = n ? static_cast<double>(options.width - 2 * kLeft) / static_cast<double>(n) : 0;
  std::string svg = "<svg class=\"chart\" role=\"img\" data-check=\"" + Attribute(options.check) + "\" aria-label=\"" +
                    Attribute(options.title) + "\" width=\"" + std::to_string(options.width) + "\" height=\"" +
                    std::to_string(options.height) + "\" viewBox=\"0 0 " + std::to_string(options.width) + " " +
                    std::to_string(options.height) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<text x=\"0\" y=\"14\" font-weight=\"600\">" + EscapeHtml(options.title) + "</text>";
  const int base = kTop + plot;
  for (size_t i = 0; i < n; ++i) {
    const int h = counts[i] > 0 ? std::max(1, static_cast<int>(std::lround(counts[i] / largest * (plot - 14)))) : 0;
    const int x = kLeft + static_cast<int>(std::lround(static_cast<double>(i) * step));
    const int w = std::max(1, static_cast<int>(step) - 2);
    const std::string shown = FormatNumber(counts[i], options.decimals) + options.unit;
    svg += "<rect class=\"bar\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(base - h) + "\" width=\"" +
           std::to_string(w) + "\" height=\"" + std::to_string(h) + "\"><title>" + EscapeHtml(labels[i]) + ": " +
           EscapeHtml(shown) + "</title></rect>";
    if (counts[i] > 0) {
      svg += "<text x=\"" + std::to_string(x + w / 2) + "\" y=\"" + std::to_string(base - h - 3) +
             "\" text-anchor=\"middle\">" + EscapeHtml(shown) + "</text>";
    }
    // Labels under every bar when they fit, else under every few.
    const size_t every = std::max<size_t>(1, static_cast<size_t>(std::ceil(48.0 / std::max(step, 1.0))));
    if (i % every == 0) {
      svg += "<text x=\"" + std::to_string(x + w / 2) + "\" y=\"" + std::to_string(base + 14) +
             "\" text-anchor=\"middle\">" + EscapeHtml(labels[i]) + "</text>";
    }
  }
  svg += "<line class=\"axis\" x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(base) + "\" x2=\"" +
         std::to_string(options.width - kLeft) + "\" y2=\"" + std::to_string(base) + "\"/></svg>";
  return svg;
}

}  // namespace imr
