#include "ingest/pdf_repair.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <qpdf/Buffer.hh>
#include <qpdf/Constants.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>
#include <optional>

#include "ingest/pdf_rebuild.h"

namespace imr {
namespace {

// qpdf reads `bytes` (rebuilding its cross-reference if it can) and writes
// them out again, decrypted.
Repair RewriteWithQpdf(std::string_view bytes) {
  Repair out;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(true);
    pdf.processMemoryFile("input", bytes.data(), bytes.size(), "");  // the empty user password
    out.encrypted = pdf.isEncrypted();
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setPreserveEncryption(false);
    // Streams are copied as they are (decrypted, never decoded): no filter
    // runs here on damaged data, and no stream is inflated.
    writer.setDecodeLevel(qpdf_dl_none);
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    out.bytes.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    out.outcome = RepairOutcome::kRepaired;
  } catch (const QPDFExc& e) {
    out.outcome = e.getErrorCode() == qpdf_e_password ? RepairOutcome::kNeedsPassword : RepairOutcome::kDamaged;
  } catch (const std::exception&) {
    out.outcome = RepairOutcome::kDamaged;
  }
  return out;
}

}  // namespace

Repair RepairPdf(std::string_view bytes) {
  Repair out = RewriteWithQpdf(bytes);
  if (out.outcome != RepairOutcome::kDamaged) return out;
  std::optional<std::string> rebuilt;
  try {
    rebuilt = RebuildCrossReference(bytes);
  } catch (const std::exception&) {  // std::bad_alloc; RebuildCrossReference catches qpdf's own
  }
  if (!rebuilt) return out;
  Repair again = RewriteWithQpdf(*rebuilt);
  again.rebuilt_xref = true;
  if (again.outcome == RepairOutcome::kRepaired) return again;
  // qpdf cannot write the rebuilt copy out; Poppler may still read it as it
  // is (unless it is encrypted, which Poppler would need the keys for that
  // qpdf just failed to use).
  if (again.outcome == RepairOutcome::kNeedsPassword) return out;
  again.outcome = RepairOutcome::kRepaired;
  again.encrypted = bytes.find("/Encrypt") != std::string_view::npos;
  again.bytes = std::move(*rebuilt);
  return again;
}

}  // namespace imr
