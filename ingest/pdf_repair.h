// A PDF Poppler cannot open, looked at again by qpdf: qpdf tells a file that
// needs a password from one that is damaged, and rebuilds what it can of a
// damaged one (a broken cross-reference table, a stream gone wrong), written
// out unencrypted in memory for Poppler to read. Private to the PDF module.
//
//   const imr::Repair r = imr::RepairPdf(bytes);
//   if (r.outcome == imr::RepairOutcome::kRepaired) Read(r.bytes);
#ifndef IMR_INGEST_PDF_REPAIR_H_
#define IMR_INGEST_PDF_REPAIR_H_

#include <string>
#include <string_view>

namespace imr {

enum class RepairOutcome {
  kRepaired,       // `bytes` holds the rebuilt PDF
  kNeedsPassword,  // it is encrypted, and the empty password is not its password
  kDamaged,        // too damaged for qpdf too
};

struct Repair {
  RepairOutcome outcome = RepairOutcome::kDamaged;
  std::string bytes;
};

// Never throws; qpdf's warnings (which can quote the file) are not printed.
Repair RepairPdf(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_PDF_REPAIR_H_
