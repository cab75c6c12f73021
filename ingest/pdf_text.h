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

#include <memory>
#include <cstdint>
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
inline constexpr int kPdfModuleAbi = 2;

struct PdfOptions {
  bool ocr = true;
  int ocr_dpi = 300;
  int max_pages = 20000;
  int ocr_threads = 1;        // Tesseract instances, one thread each, per document
  // Threads reading a long document's text layers, each a run of pages at a
  // time through a Poppler document of its own; the words are the same on
  // any number (see ReadTextLayers).
  int page_threads = 1;
  double ocr_page_seconds = 60;  // a page still being read after this is cut short
  // Text read per document, in bytes (see IngestOptions); past it the page's
  // remaining words and the pages after it are left out, with a problem.
  uint64_t max_text_bytes = uint64_t{64} << 20;
};

struct PdfPage {
  std::vector<PlacedWord> words;
  double width = 612;
  double height = 792;
  bool ocr = false;
  double ocr_confidence = -1;  // mean word confidence, 0-100; -1 without OCR'd words
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

// What OCR read on one page image.
struct OcrPage {
  std::vector<PlacedWord> words;  // boxes in points
  double mean_confidence = -1;    // mean of the words' confidences, 0-100; -1 without words
  bool timed_out = false;         // the time limit cut the page short; words read so far kept
};

// One Tesseract, started once and reused for every page it is given: starting
// one loads its model, most of a second. Not for two threads at once; a
// document read on several threads has one engine per thread (ocr.cc).
class OcrEngine {
 public:
  OcrEngine();
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Starts Tesseract on the first call; false when it cannot (no model).
  bool Start();

  // Reads a rendered page (8-bit gray, row-major, borrowed for the call).
  // Recognition still running after `time_limit_ms` is cancelled through
  // Tesseract's monitor. Empty when the engine did not start.
  OcrPage Read(const unsigned char* gray, int width, int height, int bytes_per_line, int dpi,
               int time_limit_ms);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace imr

#endif  // IMR_INGEST_PDF_TEXT_H_
