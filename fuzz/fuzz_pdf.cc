// libFuzzer target: arbitrary bytes as a .pdf input through ingest
// (ingest/ingest.h IngestBytes): libimr_pdf.so, loaded at run time as imr
// loads it, opens them with Poppler and, when Poppler cannot, names the damage
// or rebuilds the file with qpdf; then layout, furniture, sections and the
// document type.
//
//   build-fuzz/fuzz/fuzz_pdf -max_len=400000 -timeout=10 -rss_limit_mb=2048 \
//       build-fuzz/fuzz/corpus-pdf build-fuzz/fuzz/seeds/pdf
//
// OCR is off: Tesseract takes seconds a page, and a mutated page that loses
// its text would turn every run into an OCR run. IMR_FUZZ_OCR=1 turns it on.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/invariants.h"
#include "ingest/ingest.h"

namespace {

bool OcrWanted() {
  const char* env = std::getenv("IMR_FUZZ_OCR");
  return env != nullptr && env[0] == '1';
}

}  // namespace

// Loads libimr_pdf.so before fuzzing starts, so that libFuzzer counts the
// module's coverage from the first input (a PDF header is enough to load it).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  imr::IngestBytes("%PDF-1.4\n", "init.pdf", {.ocr = false});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool ocr = OcrWanted();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const imr::Document doc = imr::IngestBytes(bytes, "fuzz.pdf", {.ocr = ocr, .ocr_dpi = 150, .max_pages = 200});
  // Pages hold clean UTF-8, and word boxes, furniture and sections lie inside them.
  if (const std::string broken = imr::BrokenDocumentInvariant(doc); !broken.empty()) {
    std::fprintf(stderr, "document invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
