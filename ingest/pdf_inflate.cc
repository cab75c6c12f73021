#include "ingest/pdf_inflate.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <qpdf/Constants.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <exception>

namespace imr {
namespace {

struct LimitReached {};

// Counts what a stream inflates to, and stops the inflating past `limit`
// (qpdf catches what a pipeline throws and gives up on the stream).
class CountingPipeline : public Pipeline {
 public:
  CountingPipeline(uint64_t* total, uint64_t limit) : Pipeline("count", nullptr), total_(total), limit_(limit) {}
  void write(unsigned char const*, size_t size) override {
    *total_ += size;
    if (*total_ > limit_) throw LimitReached();
  }
  void finish() override {}

 private:
  uint64_t* total_;
  uint64_t limit_;
};

bool IsImage(QPDFObjectHandle& stream) {
  QPDFObjectHandle dict = stream.getDict();
  return dict.getKey("/Subtype").isNameAndEquals("/Image");
}

}  // namespace

bool InflatesTooFar(std::string_view bytes) {
  const uint64_t limit = std::max<uint64_t>(kInflateFloorBytes, kInflateRatio * bytes.size());
  uint64_t total = 0;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile("input", bytes.data(), bytes.size(), "");  // the empty user password
    // The streams the cross-reference table lists. An object kept inside an
    // object stream (an entry of type 2) is never a stream itself, so it is
    // not read at all: reading every object (getAllObjects) was two thirds of
    // this check's cost on an ordinary letter (callgrind).
    for (const auto& [id, entry] : pdf.getXRefTable()) {
      if (entry.getType() != 1) continue;
      QPDFObjectHandle object = pdf.getObject(id);
      if (!object.isStream() || IsImage(object)) continue;
      CountingPipeline count(&total, limit);
      object.pipeStreamData(&count, nullptr, 0, qpdf_dl_generalized, /*suppress_warnings=*/true);
      if (total > limit) return true;
    }
  } catch (...) {
    // Not readable by qpdf: Poppler's reading decides. (A LimitReached that
    // qpdf let through lands here too, with the total past the limit.)
  }
  return total > limit;
}

}  // namespace imr
