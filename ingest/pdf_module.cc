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

// The module's entry points; null where it could not be loaded, and then
// `error` says why.
struct ModuleEntries {
  ReadFunction read = nullptr;
  DrawFunction draw = nullptr;
  std::string error;
};

// IMR_PDF_MODULE alone when it is set (an explicit choice: a module there
// that does not load is an error, not a reason to load another); else beside
// the executable (the build tree puts imr and libimr_pdf.so in one folder, and
// so may a copied imr); then where `cmake --install` puts it, relative to the
// executable's folder (IMR_PDF_MODULE_FROM_BIN, "../lib/imr/libimr_pdf.so"),
// so an install works under any prefix; last the build's own path, for
// executables inside the build tree only (test binaries live in its
// subfolders): an installed imr never loads the module of whatever build it
// came from.
std::vector<std::string> ModuleCandidates() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("IMR_PDF_MODULE"); env && *env) return {env};
  std::vector<std::string> out;
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

// The loader's own words (dlerror names the file, never a document's text).
std::string LoaderError() {
  const char* error = dlerror();
  return error ? error : "unknown dynamic loader error";
}

// Opens one candidate and checks its ABI version before anything else of it is
// used; a module of another version is closed again.
ModuleEntries LoadModuleAt(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return {.error = LoaderError()};
  dlerror();
  const auto* abi = static_cast<const int*>(dlsym(handle, "ImrPdfModuleAbi"));
  if (!abi) {
    ModuleEntries out{.error = LoaderError() + " (not an imr PDF module, or one older than its ABI check)"};
    dlclose(handle);
    return out;
  }
  if (*abi != kPdfModuleAbi) {
    ModuleEntries out{.error = path + ": PDF module ABI version " + std::to_string(*abi) + ", this imr needs " +
                               std::to_string(kPdfModuleAbi) + " (a module and an imr of different builds)"};
    dlclose(handle);
    return out;
  }
  const auto read = reinterpret_cast<ReadFunction>(dlsym(handle, "ImrReadPdf"));
  const auto draw = reinterpret_cast<DrawFunction>(dlsym(handle, "ImrDrawPdfPages"));
  if (!read || !draw) {
    ModuleEntries out{.error = LoaderError()};
    dlclose(handle);
    return out;
  }
  return {read, draw, ""};
}

ModuleEntries LoadModule() {
  // Tesseract's OpenMP threads spin against each other on a small machine
  // (measured: 22 s against 6 s for a two-page scan on 2 cores); imr
  // parallelizes across documents (workers) and a document's pages
  // (PdfOptions::ocr_threads) instead. The OpenMP runtime reads its limit
  // when the module loads it, so set it now; a limit the user set wins.
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  const std::vector<std::string> candidates = ModuleCandidates();
  // Why each candidate that is there failed; where none is there, where we
  // looked.
  std::string errors, looked;
  for (const std::string& path : candidates) {
    ModuleEntries entries = LoadModuleAt(path);
    if (entries.read) return entries;
    if (std::error_code ec; std::filesystem::exists(path, ec) || candidates.size() == 1) {
      errors += (errors.empty() ? "" : "; ") + entries.error;
    }
    looked += (looked.empty() ? "" : ", ") + path;
  }
  return {.error = errors.empty() ? "no libimr_pdf.so in " + looked : errors};
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
                            "libimr_pdf.so (Poppler) could not be loaded: " + Module().error});
    return out;
  }
  read(bytes.data(), bytes.size(), &options, &out);
  return out;
}

PagePictures DrawPdfPages(std::string_view bytes, const DrawOptions& options) {
  const DrawFunction draw = Module().draw;
  PagePictures out;
  if (!draw) {
    out.problem = "libimr_pdf.so (Poppler) could not be loaded: " + Module().error;
    return out;
  }
  draw(bytes.data(), bytes.size(), &options, &out);
  return out;
}

}  // namespace imr
