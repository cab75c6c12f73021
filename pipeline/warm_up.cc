#include "pipeline/warm_up.h"

#include <atomic>
#include <exception>
#include <functional>
#include <string_view>
#include <vector>

#include "decide/rulebook.h"
#include "extract/clinical.h"
#include "extract/region.h"
#include "ingest/ingest.h"
#include "normalize/request_category.h"

namespace imr {
namespace {

// A one-page PDF of one line: read by the near end, it loads the PDF module
// and goes through every stage.
constexpr std::string_view kOnePagePdf = R"pdf(%PDF-1.4
1 0 obj
<< /Type /Catalog /Pages 2 0 R >>
endobj
2 0 obj
<< /Type /Pages /Kids [3 0 R] /Count 1 >>
endobj
3 0 obj
<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>
endobj
4 0 obj
<< /Length 56 >>
stream
BT /F1 12 Tf 72 720 Td (Diagnosis: lumbar strain.) Tj ET
endstream
endobj
5 0 obj
<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>
endobj
xref
0 6
0000000000 65535 f 
0000000009 00000 n 
0000000058 00000 n 
0000000115 00000 n 
0000000241 00000 n 
0000000347 00000 n 
trailer
<< /Size 6 /Root 1 0 R >>
startxref
417
%%EOF
)pdf";

// Set by LeaveThroughExit.
std::atomic<bool> leaves_through_exit{false};

// A line of text, read once, in the regions the extractors take.
const std::vector<Region>& SampleRegions() {
  static const std::vector<Region> regions =
      TextRegions(IngestBytes("Diagnosis: lumbar strain. No tenderness.\n", "warm-up.txt", {.ocr = false}));
  return regions;
}

// One step of a warm-up: it builds one group of tables (each a
// function-local static, built whole by whichever thread reaches it first).
using Step = std::function<void(const RunOptions&)>;

Step Extractor(std::string_view kind) {
  return [kind](const RunOptions&) {
    for (const ClinicalExtractorRow& row : ClinicalExtractorTable()) {
      if (row.kind != kind) continue;
      for (const Region& region : SampleRegions()) row.extract(region);
    }
  };
}

void RequestTables(const RunOptions&) { NormalizeRequest("MRI of the lumbar spine"); }

void RulebookTables(const RunOptions& options) {
  if (options.rules == nullptr) Rulebook::Builtin();
}

void PdfModule(const RunOptions&) { IngestBytes(kOnePagePdf, "warm-up.pdf", {.ocr = false}); }

// The far end: what the near end reaches last, in the opposite order: the
// extractors last to first, then what only a request needs (its category
// tables, then the rulebook).
const std::vector<Step>& FarEndSteps() {
  static const std::vector<Step> steps = [] {
    std::vector<Step> out;
    const std::vector<ClinicalExtractorRow>& rows = ClinicalExtractorTable();
    for (auto row = rows.rbegin(); row != rows.rend(); ++row) out.push_back(Extractor(row->kind));
    out.push_back(RequestTables);
    out.push_back(RulebookTables);
    return out;
  }();
  return steps;
}

// Every step, the longest first. Milliseconds to build each on one thread
// of a zygote (2026-12-07, RelWithDebInfo): findings 32, treatment history
// 30, request tables 29, the PDF module 22 (loading its libraries),
// diagnoses 17, rulebook 16, procedures 11, then 6 and less. Two threads
// that each take the next step not yet taken finish within a step of each
// other; the two ends that met in the middle left one thread waiting on a
// table the other was building (the far end built 0.9 of the 1.0 billion
// instructions).
const std::vector<Step>& LargestFirstSteps() {
  static const std::vector<Step> steps = {
      Extractor("finding"),   Extractor("treatment_history"), RequestTables,
      PdfModule,              Extractor("diagnosis"),         RulebookTables,
      Extractor("procedure"), Extractor("functional_status"), Extractor("duration"),
      Extractor("date"),      Extractor("medication"),        Extractor("allergy"),
  };
  return steps;
}

// Runs `steps` from the shared `next` on until none is left or `stop` is set.
// A step is never cut short.
void TakeSteps(const std::vector<Step>& steps, std::atomic<size_t>* next, const std::atomic<bool>* stop,
               const RunOptions& options) {
  try {
    for (size_t i = (*next)++; i < steps.size() && !*stop; i = (*next)++) steps[i](options);
  } catch (const std::exception&) {
    // A table that fails to build fails again, with its problem, in the
    // document that needs it; nothing is lost by stopping here.
  }
}

}  // namespace

WarmUp::WarmUp(const RunOptions& options)
    : state_(std::make_shared<State>()),
      thread_([state = state_, options] { TakeSteps(FarEndSteps(), &state->next, &state->stop, options); }) {}

WarmUp::~WarmUp() {
  state_->stop = true;
  if (thread_.joinable()) thread_.join();
}

void LeaveThroughExit() { leaves_through_exit = true; }

void WarmUp::Stop() {
  state_->stop = true;
  if (!thread_.joinable()) return;
  if (leaves_through_exit) {
    thread_.detach();  // it holds its own share of the state; _exit ends it
  } else {
    thread_.join();
  }
}

void WarmUpNow(const RunOptions& options) {
  std::atomic<size_t> next{0};
  const std::atomic<bool> never{false};
  std::thread other(TakeSteps, std::cref(LargestFirstSteps()), &next, &never, std::cref(options));
  TakeSteps(LargestFirstSteps(), &next, &never, options);
  other.join();
  // What no step builds (the letter's tables, the assertion cues, the
  // normalizers): a one-page PDF through every stage.
  RunDocument(kOnePagePdf, "warm-up.pdf", options);
}

}  // namespace imr
