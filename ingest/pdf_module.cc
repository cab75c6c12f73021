// Loads libimr_pdf.so (Poppler and Tesseract) on first use; see pdf_text.h.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/pdf_text.h"

namespace imr {
namespace {

using ReadFunction = void (*)(const char*, size_t, const PdfOptions*, PdfText*);

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

ReadFunction LoadModule() {
  // Tesseract's OpenMP threads spin against each other on a small machine
  // (measured: 22 s against 6 s for a two-page scan on 2 cores); imr
  // parallelizes across documents instead. The OpenMP runtime reads its limit
  // when the module loads it, so set it now; a limit the user set wins.
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  for (const std::string& path : ModuleCandidates()) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) continue;
    if (auto fn = reinterpret_cast<ReadFunction>(dlsym(handle, "ImrReadPdf"))) return fn;
  }
  return nullptr;
}

}  // namespace

PdfText ReadPdf(std::string_view bytes, const PdfOptions& options) {
  static std::once_flag once;
  static ReadFunction read = nullptr;
  std::call_once(once, [] { read = LoadModule(); });
  PdfText out;
  if (!read) {
    out.problems.push_back({Stage::kIngest, "pdf_reader_unavailable", 0,
                            "libimr_pdf.so (Poppler) could not be loaded; set IMR_PDF_MODULE"});
    return out;
  }
  read(bytes.data(), bytes.size(), &options, &out);
  return out;
}

}  // namespace imr
