#include "tests/browser.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include "tests/testing.h"

namespace imr::testing {
namespace {

std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    if (RunShell(std::string("command -v ") + name + " >/dev/null 2>&1").exit_code == 0) return name;
  }
  return "";
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// Flags for a machine without a display or a sandbox, and no network to use.
std::string Command(const std::string& chromium) {
  return chromium +
         " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars"
         " --window-size=1280,1000 --host-resolver-rules='MAP * ~NOTFOUND' --virtual-time-budget=3000";
}

}  // namespace

int BrowserRun::Drawn(const std::string& name) const {
  int n = 0;
  for (const DrawnElement& e : drawn) n += e.name == name && e.width > 0 && e.height > 0;
  return n;
}

int BrowserRun::ScrolledIntoView() const {
  int n = 0;
  for (const ScrollCheck& s : scrolls) n += s.found && !s.visible_before && s.visible_after;
  return n;
}

BrowserRun OpenInBrowser(const std::string& html, const std::string& screenshot) {
  BrowserRun run;
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    run.error = "no chromium (scripts/setup.sh installs Debian's chromium package)";
    return run;
  }
  run.browser_found = true;
  const std::string url = "file://" + std::filesystem::absolute(html).string();
  const CommandResult dom = RunShell(Command(chromium) + " --dump-dom " + Quoted(url + "#selftest") + " 2>/dev/null");
  static const std::regex kReport(R"re(<pre id="imr-selftest">([^<]*)</pre>)re");
  std::smatch m;
  if (!std::regex_search(dom.out, m, kReport)) {
    run.error = "the page's self-test wrote nothing (exit " + std::to_string(dom.exit_code) + ")";
    return run;
  }
  // The JSON was written as text, so the DOM dump escaped it.
  std::string text = m[1].str();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"},
                                 {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  const nlohmann::json report = nlohmann::json::parse(text, nullptr, false);
  if (report.is_discarded()) {
    run.error = "the self-test's report is not JSON";
    return run;
  }
  run.ran = true;
  for (const auto& c : report.value("checks", nlohmann::json::array())) {
    run.drawn.push_back({c.value("name", ""), c.value("width", 0.0), c.value("height", 0.0)});
  }
  for (const auto& s : report.value("scrolls", nlohmann::json::array())) {
    run.scrolls.push_back({s.value("to", ""), s.value("found", false), s.value("visible_before", false),
                           s.value("visible_after", false)});
  }
  run.resources = report.value("resources", -1);
  for (const auto& e : report.value("errors", nlohmann::json::array())) run.script_errors.push_back(e.get<std::string>());
  if (!screenshot.empty()) {
    std::filesystem::remove(screenshot);
    RunShell(Command(chromium) + " --screenshot=" + Quoted(screenshot) + " " + Quoted(url) + " >/dev/null 2>&1");
    std::error_code ec;
    const auto size = std::filesystem::file_size(screenshot, ec);
    run.screenshot_bytes = ec ? 0 : static_cast<size_t>(size);
  }
  return run;
}

}  // namespace imr::testing
