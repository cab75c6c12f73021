#include "report/view.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "report/html.h"

namespace imr {
namespace {

// A page of two lines, 5 points a character:
//   "right shoulder\npain today\n"
//    0    5 6      14 15  19 20  25
Page TwoLinePage() {
  Page page;
  page.page_number = 1;
  page.text = "right shoulder\npain today\n";
  page.words = {{10, 100, 35, 110, 0, 5},
                {45, 100, 85, 110, 6, 14},
                {10, 115, 30, 125, 15, 19},
                {35, 115, 60, 125, 20, 25}};
  return page;
}

std::string Compact(const std::vector<Box>& boxes) {
  std::string out;
  for (const Box& b : boxes) {
    out += (out.empty() ? "" : " ") + std::string("[") + FormatNumber(b.x0, 0) + "," + FormatNumber(b.y0, 0) + "," +
           FormatNumber(b.x1, 0) + "," + FormatNumber(b.y1, 0) + "]";
  }
  return out;
}

TEST(SpanBoxesTest, OneBoxPerLineOfTheWordsTheSpanTouches) {
  const struct {
    size_t begin, end;
    std::string boxes;
  } kCases[] = {
      {0, 14, "[10,100,85,110]"},                   // "right shoulder": two words, one line
      {6, 19, "[45,100,85,110] [10,115,30,125]"},   // "shoulder\npain": two lines, two boxes
      {0, 25, "[10,100,85,110] [10,115,60,125]"},   // everything
      {6, 10, "[45,100,65,110]"},                   // "shou": part of a word, cut by its characters
      {8, 19, "[55,100,85,110] [10,115,30,125]"},   // "oulder\npain"
      {5, 6, ""},                                   // the space between two words
      {26, 30, ""},                                 // past the text
  };
  const Page page = TwoLinePage();
  for (const auto& c : kCases) {
    EXPECT_EQ(Compact(SpanBoxes(page, c.begin, c.end)), c.boxes)
        << "span [" << c.begin << ", " << c.end << ") of " << page.text;
  }
}

TEST(SpanBoxesTest, CharactersNotBytesCutAWord) {
  Page page;
  page.text = "née 10\n";  // é is two bytes
  page.words = {{0, 0, 30, 10, 0, 4}, {40, 0, 50, 10, 5, 7}};
  EXPECT_EQ(Compact(SpanBoxes(page, 1, 4)), "[10,0,30,10]");  // "ée": the last two of three characters
}

// A record of one page with three facts, one of them absent and one over two
// lines, and a request whose determination cites two of them and one fact id
// the record does not have.
Record SampleRecord() {
  Record record;
  record.document.source.path = "in/letter.pdf";
  Page page = TwoLinePage();
  page.words.clear();
  record.document.pages = {page};
  record.documents = {{"d1", "progress_report", 1, 1, "", "", ""}};
  Fact shoulder;
  shoulder.id = "f1", shoulder.kind = "diagnosis", shoulder.text = "right shoulder", shoulder.span = {1, 0, 14};
  Fact pain;
  pain.id = "f2", pain.kind = "finding", pain.text = "shoulder\npain", pain.span = {1, 6, 19};
  pain.assertion = "absent";
  Fact today;
  today.id = "f3", today.kind = "date", today.text = "today", today.span = {1, 20, 25};
  record.facts = {shoulder, pain, today};
  Request request;
  request.id = "r1", request.text = "right shoulder", request.span = {1, 0, 14};
  request.category = "imaging.mri.shoulder";
  Determination d;
  d.outcome = "not_medically_necessary";
  d.criteria = {{"red_flags", "unmet", {"f1", "f2"}, "stated"}, {"neuro", "not_documented", {"f9"}, "absent"}};
  request.determination = d;
  record.requests = {request};
  return record;
}

ViewPage DrawnPage(const Record& record) {
  ViewPage page;
  page.page_number = 1;
  page.png = "ab";
  page.read = TwoLinePage();
  page.read.text = record.document.pages[0].text;
  return page;
}

ViewOptions Titled(const std::string& title) {
  ViewOptions options;
  options.title = title;
  return options;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::vector<std::string> Matches(const std::string& html, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

TEST(RenderViewTest, EveryFactGetsItsBoxesAndNegatedOnesAreHatched) {
  const Record record = SampleRecord();
  const std::string html = RenderView(record, {DrawnPage(record)}, Titled("letter.pdf"));
  for (const std::string id : {"f1", "f2", "f3", "r1"}) {
    EXPECT_EQ(Count(html, "id=\"box-" + std::string(id) + "\""), 1u) << id;
  }
  EXPECT_EQ(Count(html, "id=\"box-f2-2\""), 1u);  // its second line
  EXPECT_EQ(Count(html, "data-check=\"highlight\""), 5u);  // f1, f2 twice, f3, r1
  EXPECT_EQ(Count(html, "class=\"hl k-finding neg\""), 2u) << "the absent finding is hatched on both lines";
  EXPECT_EQ(Count(html, "class=\"hl k-diagnosis\""), 1u);
  EXPECT_NE(html.find("repeating-linear-gradient"), std::string::npos);
  // The box of "right shoulder" ([10,100,85,110], a point of margin) over a 612 x 792 page.
  EXPECT_NE(html.find("id=\"box-f1\" data-check=\"highlight\" title=\"diagnosis: right shoulder [f1]\" "
                      "style=\"left:1.471%;top:12.500%;width:12.582%;height:1.515%\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("src=\"data:image/png;base64,YWI=\""), std::string::npos);
}

TEST(RenderViewTest, IdsAreUniqueAndEveryLinkPointsAtOne) {
  const Record record = SampleRecord();
  const std::string html = RenderView(record, {DrawnPage(record)}, Titled("letter.pdf"));
  const std::vector<std::string> ids = Matches(html, R"re( id="([^"]+)")re");
  const std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  const std::vector<std::string> links = Matches(html, R"re(data-scroll-to="([^"]+)")re");
  // Documents' first pages, the request, its evidence f1 and f2, and f1..f3 in the facts list.
  EXPECT_EQ(links.size(), 7u) << html;
  for (const std::string& target : links) EXPECT_TRUE(unique.count(target)) << target;
  // The criterion's evidence links to the boxes of its facts; a fact the
  // record lacks is named, not linked.
  EXPECT_NE(html.find("data-scroll-to=\"box-f2\">“shoulder\npain”</a>"), std::string::npos);
  EXPECT_NE(html.find("f9 (not in the record)"), std::string::npos);
}

TEST(RenderViewTest, APageThatReadsOtherwiseGetsNoBoxes) {
  const Record record = SampleRecord();
  ViewPage page = DrawnPage(record);
  page.read.text = "right shoulder\npain today!\n";
  EXPECT_FALSE(ReadsAsRecorded(record, page));
  const std::string html = RenderView(record, {page}, Titled("letter.pdf"));
  EXPECT_EQ(Count(html, "data-check=\"highlight\""), 0u);
  EXPECT_EQ(Count(html, "data-scroll-to=\"box-"), 0u);  // quotes without boxes are not links
  EXPECT_NE(html.find("differs from the record's"), std::string::npos);
  EXPECT_TRUE(ReadsAsRecorded(record, DrawnPage(record)));
}

TEST(RenderViewTest, FactsOnPagesNotDrawnAreCountedAndTurnedPagesShiftTheirBoxes) {
  Record record = SampleRecord();
  record.document.pages.push_back(record.document.pages[0]);
  record.document.pages[1].page_number = 2;
  record.facts[2].span.page_number = 2;
  ViewPage page = DrawnPage(record);
  page.word_x = 100;  // a page ingest turned upright and shifted to start at zero
  const std::string html = RenderView(record, {page}, Titled("letter.pdf"));
  EXPECT_EQ(Count(html, "id=\"box-f3\""), 0u);
  EXPECT_NE(html.find("1 more fact on pages not drawn"), std::string::npos);
  EXPECT_NE(html.find("id=\"box-f1\" data-check=\"highlight\" title=\"diagnosis: right shoulder [f1]\" "
                      "style=\"left:17.810%"),
            std::string::npos);
}

TEST(RenderViewTest, RecordTextIsEscaped) {
  Record record = SampleRecord();
  record.document.pages[0].text = "<b>x</b> shoulder\npain today\n";
  record.facts = {};
  record.facts.push_back({});
  record.facts[0].id = "f1", record.facts[0].kind = "diagnosis\"><script>", record.facts[0].text = "<b>x</b>";
  record.facts[0].span = {1, 0, 8};
  const std::string html = RenderView(record, {DrawnPage(record)}, Titled("a<b>.pdf"));
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("\"><script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
}

}  // namespace
}  // namespace imr
