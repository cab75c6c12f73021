// Loads libimr_pdf.so (Poppler and Tesseract) on first use; see pdf_text.h
// and pdf_module.h.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/pdf_module.h"
#include "ingest/pdf_text.h"

namespace imr {
namespace {

using ReadFunction = void (*)(const char*, size_t, const PdfOptions*, PdfText*);
using DrawFunction = void (*)(const char*, size_t, const DrawOptions*, PagePictures*);

// The module's entry points; null where it could not be loaded.
struct ModuleEntries {
  ReadFunction read = nullptr;
  DrawFunction draw = nullptr;
};

// IMR_PDF_MODULE first (an explicit choice); then beside the executable (the
// build tree puts imr and libimr_pdf.so in one folder, and so may a copied
// imr); then where `cmake --install` puts it, relative to the executable's
// folder (IMR_PDF_MODULE_FROM_BIN, "../lib/imr/libimr_pdf.so"), so an install
// works under any prefix; last the build's own path, for executables inside
// the build tree only (test binaries live in its subfolders): an installed imr
// never loads the module of whatever build it came from.
std::vector<std::string> ModuleCandidates() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (const char* env = std::getenv("IMR_PDF_MODULE")) out.push_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    out.push_back(IMR_PDF_MODULE_BUILD_PATH);
    return out;
  }
  out.push_back((exe.parent_path() / "libimr_pdf.so").string());
  out.push_back((exe.parent_path() / IMR_PDF_MODULE_FROM_BIN).lexically_normal().string());
  const std::string build_dir = fs::path(IMR_PDF_MODULE_BUILD_PATH).parent_path().string() + "/";
  if (exe.string().starts_with(build_dir)) out.push_back(IMR_PDF_MODULE_BUILD_PATH);
  return out;
}

ModuleEntries LoadModule() {
  // Tesseract's OpenMP threads spin against each other on a small machine
  // (measured: 22 s against 6 s for a two-page scan on 2 cores); imr
  // parallelizes across documents (workers) and a document's pages
  // (PdfOptions::ocr_threads) instead. The OpenMP runtime reads its limit
  // when the module loads it, so set it now; a limit the user set wins.
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  for (const std::string& path : ModuleCandidates()) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) continue;
    if (auto read = reinterpret_cast<ReadFunction>(dlsym(handle, "ImrReadPdf"))) {
      return {read, reinterpret_cast<DrawFunction>(dlsym(handle, "ImrDrawPdfPages"))};
    }
  }
  return {};
}

const ModuleEntries& Module() {
  static const ModuleEntries entries = LoadModule();
  return entries;
}

}  // namespace

PdfText ReadPdf(std::string_view bytes, const PdfOptions& options) {
  const ReadFunction read = Module().read;
  PdfText out;
  if (!read) {
    out.problems.push_back({Stage::kIngest, "pdf_reader_unavailable", 0,
                            "libimr_pdf.so (Poppler) could not be loaded; set IMR_PDF_MODULE"});
    return out;
  }
  read(bytes.data(), bytes.size(), &options, &out);
  return out;
}

PagePictures DrawPdfPages(std::string_view bytes, const DrawOptions& options) {
  const DrawFunction draw = Module().draw;
  PagePictures out;
  if (!draw) {
    out.problem = "libimr_pdf.so (Poppler) could not be loaded, or is older than this imr; set IMR_PDF_MODULE";
    return out;
  }
  draw(bytes.data(), bytes.size(), &options, &out);
  return out;
}

}  // namespace imr
