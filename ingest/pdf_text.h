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

#include <string_view>
#include <vector>

#include "core/record.h"
#include "ingest/layout.h"

namespace imr {

// The version of what crosses between imr and libimr_pdf.so: the entry
// points' signatures and every type they pass by pointer (PdfOptions, PdfText,
// PdfPage, PlacedWord, Problem, DrawOptions, PagePictures and their members,
// std::string and std::vector among them). The module exports it as
// ImrPdfModuleAbi; the loader checks it right after dlopen and uses no module
// of another version (its records get pdf_reader_unavailable). Add one for any
// change to those types or signatures.
inline constexpr int kPdfModuleAbi = 1;

struct PdfOptions {
  bool ocr = true;
  int ocr_dpi = 300;
  int max_pages = 20000;
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
