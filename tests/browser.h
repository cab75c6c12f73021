// An HTML page of ours opened in headless Chromium (Debian's chromium
// package), as a reader would open it: its self-test (report/html.h) measures
// what is drawn and clicks its evidence links, and a screenshot is taken.
//
//   imr::testing::BrowserRun run = imr::testing::OpenInBrowser("/tmp/x/report.html", "/tmp/x/report.png");
//   if (!run.browser_found) GTEST_SKIP() << run.error;
//   EXPECT_GE(run.Drawn("chart"), 3);       // charts with a non-zero size
//   EXPECT_EQ(run.resources, 0);            // the page fetched nothing
#ifndef IMR_TESTS_BROWSER_H_
#define IMR_TESTS_BROWSER_H_

#include <string>
#include <vector>

namespace imr::testing {

struct DrawnElement {
  std::string name;  // its data-check
  double width = 0, height = 0;
};

struct ScrollCheck {
  std::string to;  // the id the link names
  bool found = false, visible_before = false, visible_after = false;
};

struct BrowserRun {
  bool browser_found = false;
  bool ran = false;    // the self-test wrote its report
  std::string error;   // why not
  std::vector<DrawnElement> drawn;
  std::vector<ScrollCheck> scrolls;
  int resources = -1;  // fetches the page made (performance entries)
  std::vector<std::string> script_errors;
  size_t screenshot_bytes = 0;

  // Elements named `name` drawn with a non-zero width and height.
  int Drawn(const std::string& name) const;
  // Links that brought a target out of sight into view.
  int ScrolledIntoView() const;
};

// Opens `html` (a file) with #selftest, and when `screenshot` is not empty
// writes a PNG of the page's top there (1280 px wide).
BrowserRun OpenInBrowser(const std::string& html, const std::string& screenshot);

}  // namespace imr::testing

#endif  // IMR_TESTS_BROWSER_H_
