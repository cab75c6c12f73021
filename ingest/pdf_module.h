// Pages of a PDF drawn as pictures for a reader (`imr view`), by the same
// Poppler module ingest reads PDFs with (libimr_pdf.so, see pdf_text.h).
//
//   imr::PagePictures drawn = imr::DrawPdfPages(bytes, {.first_page = 1, .last_page = 60});
//   if (!drawn.problem.empty()) return Fail(drawn.problem);
//   for (const imr::PagePicture& p : drawn.pages) Show(p.png, p.width, p.height);
//
// Pictures are grayscale PNGs, written in memory (no temporary file holds a
// page of a medical record). A page whose text runs sideways or upside down is
// drawn turned the way its words read: ingest lays such a page's word boxes out
// in that frame, shifted to start at zero (ingest/layout.h), and `word_x`,
// `word_y` put them back on the picture.
#ifndef IMR_INGEST_PDF_MODULE_H_
#define IMR_INGEST_PDF_MODULE_H_

#include <string>
#include <string_view>
#include <vector>

namespace imr {

struct DrawOptions {
  int first_page = 1;  // 1-based, inclusive
  int last_page = 60;  // inclusive; past the end means up to the last page
  int dpi = 100;
};

struct PagePicture {
  int page_number = 0;
  std::string png;               // empty: this page could not be drawn
  double width = 0, height = 0;  // the picture's extent in points
  // Where a word box of ingest's (points) lands on the picture: add these to
  // its x and y. Zero for a page that reads upright.
  double word_x = 0, word_y = 0;
};

struct PagePictures {
  std::vector<PagePicture> pages;  // first_page..last_page that exist, in order
  // Why nothing was drawn (no module, a build without a PNG writer, a PDF that
  // does not open); empty when pages were drawn. Never quotes the document.
  std::string problem;
};

// Draws the pages of the PDF in `bytes` (borrowed for the call). Never throws
// for bad input.
PagePictures DrawPdfPages(std::string_view bytes, const DrawOptions& options);

// The module's implementation of DrawPdfPages (pdf_text.cc).
PagePictures DrawPdfPagesInModule(std::string_view bytes, const DrawOptions& options);

}  // namespace imr

#endif  // IMR_INGEST_PDF_MODULE_H_
