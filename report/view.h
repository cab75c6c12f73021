// One record as a reviewer reads it (`imr view`): the pages as pictures with
// every fact's words boxed, and beside them the documents, the facts by kind
// and the requests with their drafted determinations, each quote a link that
// scrolls to its box. One self-contained HTML page (report/html.h).
//
//   std::vector<imr::ViewPage> pages = ...;  // per page drawn: picture, words read again
//   imr::ViewOptions options;
//   options.title = "letter-layout2.pdf";
//   std::string html = imr::RenderView(record, pages, options);
//
// A record keeps no word boxes, so the caller reads the source PDF again; a
// page's boxes are used only where the text read again is the record's text
// of that page byte for byte, so that the record's offsets name the same words.
// Box ids are "box-" and the fact's or request's id for its first box
// ("box-f12", "box-r1"), then "box-f12-2", "box-f12-3"... for its other lines
// and the places it is stated again; every box is marked
// data-check="highlight" for the page's self-test.
#ifndef IMR_REPORT_VIEW_H_
#define IMR_REPORT_VIEW_H_

#include <string>
#include <vector>

#include "core/record.h"

namespace imr {

// A rectangle on a page in points, origin top-left.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The boxes of the words of `page` that overlap [begin, end): one box per text
// line, the union of that line's words; a word only partly inside the range is
// cut in proportion to its characters. Empty when no word overlaps.
std::vector<Box> SpanBoxes(const Page& page, size_t begin, size_t end);

// One page drawn for the view.
struct ViewPage {
  int page_number = 1;
  std::string png;                   // the page as a PNG; empty when it could not be drawn
  double width = 612, height = 792;  // the picture's extent in points
  double word_x = 0, word_y = 0;     // added to a word's box to place it on the picture
  Page read;                         // the page as ingest reads it now: text and word boxes
};

// True when `page` was read again as the record has it (the same text), so
// its word boxes can place the record's spans.
bool ReadsAsRecorded(const Record& record, const ViewPage& page);

struct ViewOptions {
  std::string title;               // the source file's name
  std::vector<std::string> notes;  // said first: pages not drawn, a PDF that differs
};

// The whole page. Only the pages in `pages` are drawn; the side panel lists the
// facts and requests on them and counts the others. Never fails: a fact on a
// page not drawn, or not read as recorded, is listed without a link.
std::string RenderView(const Record& record, const std::vector<ViewPage>& pages, const ViewOptions& options);

}  // namespace imr

#endif  // IMR_REPORT_VIEW_H_
