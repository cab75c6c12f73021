#include "pipeline/warm_up.h"

#include <atomic>
#include <exception>
#include <string_view>

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

// The far end: what the near end reaches last, in the opposite order: the
// extractors last to first, then what only a request needs (its category
// tables, then the rulebook). Between two steps it stops once `stop` is set:
// a one-file run whose document names no request ends without building the
// request tables and the rulebook nobody asked for. A step is never cut short
// (a table is a function-local static, built whole).
void BuildFromTheFarEnd(const RunOptions& options, const std::atomic<bool>* stop) {
  try {
    const Document doc = IngestBytes("Diagnosis: lumbar strain. No tenderness.\n", "warm-up.txt", {.ocr = false});
    const std::vector<Region> regions = TextRegions(doc);
    const std::vector<ClinicalExtractorRow>& rows = ClinicalExtractorTable();
    for (auto row = rows.rbegin(); row != rows.rend() && !*stop; ++row) {
      for (const Region& region : regions) row->extract(region);
    }
    if (!*stop) NormalizeRequest("MRI of the lumbar spine");
    if (!*stop && options.rules == nullptr) Rulebook::Builtin();
  } catch (const std::exception&) {
    // A table that fails to build fails again, with its problem, in the
    // document that needs it; nothing is lost by stopping here.
  }
}

}  // namespace

WarmUp::WarmUp(const RunOptions& options) : thread_(BuildFromTheFarEnd, options, &stop_) {}

WarmUp::~WarmUp() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void WarmUp::Finish() {
  if (thread_.joinable()) thread_.join();
}

void WarmUpNow(const RunOptions& options) {
  WarmUp far_end(options);
  RunDocument(kOnePagePdf, "warm-up.pdf", options);
  far_end.Finish();  // all of it: every worker forked from here shares it
}

}  // namespace imr
