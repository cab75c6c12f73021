// Loads libimr_pdf.so (Poppler and Tesseract) on first use; see pdf_text.h.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "ingest/pdf_text.h"

namespace imr {
namespace {

using ReadFunction = void (*)(const char*, size_t, const PdfOptions*, PdfText*);

// Beside the executable first (an installed or copied imr), then where the
// build put it (test binaries live in other folders), then IMR_PDF_MODULE.
std::vector<std::string> ModuleCandidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("IMR_PDF_MODULE")) out.push_back(env);
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back((exe.parent_path() / "libimr_pdf.so").string());
  out.push_back(IMR_PDF_MODULE_BUILD_PATH);
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
