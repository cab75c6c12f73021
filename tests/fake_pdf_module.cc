// A stand-in for libimr_pdf.so, built three ways for pdf_module_test.cc:
//   IMR_FAKE_ABI=N      exports ImrPdfModuleAbi = N and the entry points; its
//                       reader reads nothing and says so with a problem
//                       ("fake_pdf_module"), so a test can tell it was used;
//   no IMR_FAKE_ABI     a shared object that is no imr PDF module at all
//                       (no ImrPdfModuleAbi).
#include <cstddef>

#include "ingest/pdf_module.h"
#include "ingest/pdf_text.h"

#ifdef IMR_FAKE_ABI
// (A declaration inside extern "C" has external linkage, const or not.)
extern "C" __attribute__((visibility("default"))) const int ImrPdfModuleAbi = IMR_FAKE_ABI;

extern "C" __attribute__((visibility("default"))) void ImrReadPdf(const char*, size_t, const imr::PdfOptions*,
                                                                 imr::PdfText* out) {
  out->problems.push_back({imr::Stage::kIngest, "fake_pdf_module", 0, "read by tests/fake_pdf_module.cc"});
}

extern "C" __attribute__((visibility("default"))) void ImrDrawPdfPages(const char*, size_t, const imr::DrawOptions*,
                                                                      imr::PagePictures* out) {
  out->problem = "drawn by tests/fake_pdf_module.cc";
}
#else
extern "C" __attribute__((visibility("default"))) int ImrNotAPdfModule() { return 0; }
#endif
