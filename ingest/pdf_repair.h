// A PDF Poppler cannot open (or opens with pages damaged or none), looked at
// again by qpdf: qpdf tells a file that needs a password from one that is
// damaged, and rebuilds what it can of a damaged one (a broken
// cross-reference table, a stream gone wrong), written out unencrypted in
// memory for Poppler to read. Where qpdf's own rebuilding finds no trailer
// (a PDF 1.5 file keeps it in a cross-reference stream), the cross-reference
// is rebuilt here first (pdf_rebuild.h). Private to the PDF module.
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
  bool encrypted = false;          // the damaged file was encrypted (`bytes` no longer is)
  bool rebuilt_xref = false;       // qpdf read it only through a cross-reference rebuilt here
};

// Never throws; qpdf's warnings (which can quote the file) are not printed.
// Cost: qpdf 11.3 keeps every warning in memory, printed or not (it has no
// limit on them), so a damaged object stream of thousands of small objects
// costs much more than its size: a 38 KB mutation of
// corpus/errors/deep-page-tree.pdf made 606,818 warnings, 1.5 s and about
// 300 MB. The worker's memory limit (--memory-mb) is what bounds it.
// A password is asked for only of a file qpdf reads as it is: where the
// cross-reference had to be rebuilt here, an encryption the empty password
// does not open is as likely damaged (its /ID or /Encrypt hit) and the file
// is called damaged.
Repair RepairPdf(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_PDF_REPAIR_H_
