// PDF pages as word boxes, through Poppler; OCR through Tesseract where a page
// has no text layer. Private to ingest/: other stages see only core types.
//
//   imr::PdfText pdf = imr::ReadPdf(bytes, {.ocr = true});
//   if (pdf.opened) for (auto& words : pdf.pages) LayOutWords(words);
//
// Poppler, Tesseract and the seventy libraries they bring live in a module,
// libimr_pdf.so, loaded the first time a PDF is read: commands that never read
// a PDF (`imr assertion`, `imr eval`) start in a few milliseconds instead of
// thirty. ReadPdf loads it; ReadPdfInModule is the module's own entry.
#ifndef IMR_INGEST_PDF_TEXT_H_
#define IMR_INGEST_PDF_TEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "ingest/layout.h"

namespace imr {

struct PdfOptions {
  bool ocr = true;
  int ocr_dpi = 300;
  int max_pages = 20000;
  // Text read per document, in bytes (see IngestOptions); past it the page's
  // remaining words and the pages after it are left out, with a problem.
  uint64_t max_text_bytes = uint64_t{64} << 20;
};

struct PdfPage {
  std::vector<PlacedWord> words;
  double width = 612;
  double height = 792;
  bool ocr = false;
};

struct PdfText {
  bool opened = false;
  bool encrypted = false;
  int page_count = 0;
  std::vector<PdfPage> pages;
  std::vector<Problem> problems;
};

// Reads `bytes` (borrowed for the call). Never throws for bad input: an
// unreadable, locked or truncated file comes back with problems; when the
// module cannot be loaded the problem says so.
PdfText ReadPdf(std::string_view bytes, const PdfOptions& options);

// The module's implementation of ReadPdf (pdf_text.cc).
PdfText ReadPdfInModule(std::string_view bytes, const PdfOptions& options);

// OCR of one rendered page image (8-bit gray, row-major) into word boxes in
// points. Empty when Tesseract finds nothing or cannot start.
std::vector<PlacedWord> RecognizeWords(const unsigned char* gray, int width, int height,
                                       int bytes_per_line, int dpi, bool* started);

}  // namespace imr

#endif  // IMR_INGEST_PDF_TEXT_H_
