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

#include <cstdint>
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
  // Threads reading the text layers of a long PDF, a run of pages each at a
  // time (pdf_text.h); the document reads the same on any number.
  int page_threads = 1;
  // A page OCR has not finished in this time is left with the words read so
  // far and a problem "ocr_timeout".
  double ocr_page_seconds = 60;
  // Text read per document: each word and a separator (a PDF), or the bytes
  // (a text file). What passes it is not read, and a text_too_large problem
  // names the page where reading stopped. 64 MB is some 20,000 dense pages;
  // the stages after ingest take about 30 bytes of memory per byte of text.
  uint64_t max_text_bytes = uint64_t{64} << 20;
};

// `bytes` is borrowed for the call. `path` is recorded in source.path and its
// extension tells a mislabelled file (".pdf" that is not a PDF). source.sha256
// is left to the caller.
Document IngestBytes(std::string_view bytes, std::string_view path, const IngestOptions& options);

// True when `bytes` starts like a PDF ("%PDF-" within the first KiB).
bool LooksLikePdf(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_INGEST_H_
