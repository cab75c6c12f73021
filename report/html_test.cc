#include "report/html.h"

#include <gtest/gtest.h>

#include <string>

namespace imr {
namespace {

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(HtmlTest, TextIsEscapedForElementsAndAttributes) {
  EXPECT_EQ(EscapeHtml(R"(<b a="1">Tom & Jerry's</b>)"), "&lt;b a=&quot;1&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;");
  EXPECT_EQ(EscapeHtml(""), "");
}

TEST(HtmlTest, APageForbidsEveryFetchAndCarriesTheSelfTest) {
  const std::string html = RenderPage({.title = "a <title>", .css = ".x{}", .body = "<p>body</p>", .script = "var y;"});
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("<title>a &lt;title&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>body</p>"), std::string::npos);
  EXPECT_NE(html.find("imr-selftest"), std::string::npos);
  EXPECT_LT(html.find("var y;"), html.find("imr-selftest"));  // the page's script first
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // no address but SVG's namespace
}

TEST(HtmlTest, BarsAreProportionalAndEachValueIsWritten) {
  const std::string svg = SvgBarChart({{"letter", 74}, {"rfa", 37}, {"none", 0}}, {.title = "Types", .width = 500});
  EXPECT_EQ(Count(svg, "<rect class=\"bar\""), 3u);
  // 500 - 260 - 70 = 170 px for the largest bar; half of it for half the value.
  EXPECT_NE(svg.find("width=\"170\" height=\"18\"><title>letter: 74</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"85\" height=\"18\"><title>rfa: 37</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"0\" height=\"18\"><title>none: 0</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("data-check=\"chart\""), std::string::npos);
  const std::string long_label = SvgBarChart({{std::string(40, 'x') + "é", 1}}, {.title = "t"});
  EXPECT_NE(long_label.find(std::string(34, 'x') + "…"), std::string::npos);
}

TEST(HtmlTest, AHistogramHasABarPerBinAndSaysItsCounts) {
  const std::string svg =
      SvgHistogram({"0-1", "1-2", "2-5"}, {3, 0, 1}, {.title = "Seconds", .check = "histogram", .width = 300});
  EXPECT_EQ(Count(svg, "<rect class=\"bar\""), 3u);
  EXPECT_NE(svg.find("<title>0-1: 3</title>"), std::string::npos);
  EXPECT_NE(svg.find("data-check=\"histogram\""), std::string::npos);
  EXPECT_EQ(FormatNumber(0.95, 3), "0.950");
}

}  // namespace
}  // namespace imr
