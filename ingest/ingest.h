// Ingest: the bytes of one input become a Document of pages, sections and type.
//
//   std::string bytes = ReadWholeFile("in/CM16-0213037.pdf");
//   imr::Document doc = imr::IngestBytes(bytes, "in/CM16-0213037.pdf", {});
//   doc.pages[0].text;     // reading-order text, valid UTF-8, word boxes kept
//   doc.problems;          // why a page or the file could not be read
//
// A PDF is read through Poppler (an empty user password opens the usual
// encrypted letters); any other input is UTF-8 text and becomes one page.
// Nothing here throws for bad input: an empty, truncated, locked, non-PDF or
// binary input gives a Document whose problems say why.
#ifndef IMR_INGEST_INGEST_H_
#define IMR_INGEST_INGEST_H_

#include <string_view>

#include "core/record.h"

namespace imr {

struct IngestOptions {
  bool ocr = true;        // run OCR on PDF pages without a text layer
  int ocr_dpi = 300;
  int max_pages = 20000;  // pages past this are left out, with a problem
  // Tesseract instances reading one document's pages at once (threads); the
  // caller divides the machine among its workers (pipeline/run_document.h).
  int ocr_threads = 1;
  // A page OCR has not finished in this time is left with the words read so
  // far and a problem "ocr_timeout".
  double ocr_page_seconds = 60;
};

// `bytes` is borrowed for the call. `path` is recorded in source.path and its
// extension tells a mislabelled file (".pdf" that is not a PDF). source.sha256
// is left to the caller.
Document IngestBytes(std::string_view bytes, std::string_view path, const IngestOptions& options);

// True when `bytes` starts like a PDF ("%PDF-" within the first KiB).
bool LooksLikePdf(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_INGEST_H_
