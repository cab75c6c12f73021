#include "ingest/pdf_repair.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <qpdf/Buffer.hh>
#include <qpdf/Constants.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

namespace imr {

Repair RepairPdf(std::string_view bytes) {
  Repair out;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(true);
    pdf.processMemoryFile("input", bytes.data(), bytes.size(), "");  // the empty user password
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

}  // namespace imr
