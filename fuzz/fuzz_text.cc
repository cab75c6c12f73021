// libFuzzer target: arbitrary bytes as a text document through every stage
// `imr run` runs on a .txt input (pipeline/run_document.h): ingest as text,
// the letter's fields and requests, all clinical extractors with assertion,
// normalize, and decide with the builtin rulebook.
//
//   build-fuzz/fuzz/fuzz_text -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
//       build-fuzz/fuzz/corpus-text build-fuzz/fuzz/seeds/text
//
// Inputs that start like a PDF are left to fuzz_pdf: here they would only
// test that Poppler rejects them, at Poppler's speed.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/invariants.h"
#include "ingest/ingest.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (imr::LooksLikePdf(bytes)) return -1;  // not added to the corpus
  const imr::Record record = imr::RunDocument(bytes, "fuzz.txt", {.ocr = false});
  // Every span quotes its words exactly (the record contract).
  if (const std::string broken = imr::BrokenRecordInvariant(record); !broken.empty()) {
    std::fprintf(stderr, "record invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  // A stage or extractor that threw is a bug, though the pipeline turns it
  // into a problem and the record stays whole: stop on it here.
  for (const std::string& thrown : imr::ThrownProblems(record)) {
    std::fprintf(stderr, "a stage threw: %s\n", thrown.c_str());
    std::abort();
  }
  // And the record serializes, as imr writes it.
  if (imr::RecordToJson(record).empty()) std::abort();
  return 0;
}
