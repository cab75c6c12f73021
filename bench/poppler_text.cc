// imr_poppler_text: Poppler alone, the floor under `imr batch`. One process
// opens every PDF it is given and reads each page's words, and nothing else:
// no layout, no OCR, no records. bench/pipeline.sh divides batch's pages/s by
// this program's to show what the pipeline costs on top of reading the PDF.
// Two ways to read them:
//   (default) Poppler's core API, the calls ingest makes (ingest/pdf_text.cc,
//     PdfDocument and TextLayerWords): Poppler's global settings made once, a
//     PDFDoc over the bytes in memory, one TextOutputDev for the document's
//     pages (so Poppler's cache of ICC colour spaces lasts from page to page)
//     whose colour profile is CIE Lab (no sRGB conversion built for text),
//     each word's UTF-8 as Poppler gives it;
//   --cpp  poppler-cpp's page::text_list, which ingest used before: the same
//     calls, plus each word through UTF-16 and back (iconv twice a word).
//
//   imr_poppler_text a.pdf b.pdf          # or: imr_poppler_text [--cpp] @list.txt
//   imr_poppler_text: core: 2 files (0 unreadable), 7 pages, 2380 boxes, 41812 bytes of text in 0.083 s (84.3 pages/s)
//
// A bench tool, not a stage: it names Poppler outside ingest/ on purpose,
// because the point is to measure Poppler without our code around it.
// A file that cannot be read is counted and the run goes on.
#include <Catalog.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <lcms2.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Tally {
  int files = 0;
  int unreadable = 0;
  long long pages = 0;
  long long boxes = 0;
  long long text_bytes = 0;
};

// "@list" names a file of paths, one a line; anything else is a path.
std::vector<std::string> ExpandArguments(int first, int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() > 1 && arg[0] == '@') {
      std::ifstream list(arg.substr(1));
      if (!list) std::cerr << "imr_poppler_text: cannot read " << arg.substr(1) << "\n";
      for (std::string line; std::getline(list, line);) {
        if (!line.empty()) paths.push_back(line);
      }
    } else {
      paths.push_back(arg);
    }
  }
  return paths;
}

std::string ReadWholeFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  *ok = static_cast<bool>(in) || in.eof();
  return bytes.str();
}

// Loads from memory as ingest does (it reads the bytes, then Poppler parses
// them), so file reading is timed the same way on both sides of the ratio.
void ReadOnePdfCore(const std::string& path, Tally* tally) {
  ++tally->files;
  bool ok = false;
  const std::string bytes = ReadWholeFile(path, &ok);
  if (!ok || bytes.size() < 10) {
    ++tally->unreadable;
    return;
  }
  PDFDoc doc(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)), GooString(""),
             GooString(""));
  if (!doc.isOk()) {
    ++tally->unreadable;
    return;
  }
  static const GfxLCMSProfilePtr lab = make_GfxLCMSProfilePtr(cmsCreateLab4Profile(nullptr));
  TextOutputDev device(nullptr, false, 0, false, false);
  device.setDisplayProfile(lab);  // as ingest: no colour is read, so none is converted to sRGB
  for (int i = 0; i < doc.getNumPages(); ++i) {
    const ::Page* page = doc.getCatalog()->getPage(i + 1);
    if (!page) continue;
    ++tally->pages;
    doc.displayPageSlice(&device, i + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr, nullptr,
                         nullptr, true);
    const std::unique_ptr<TextWordList> words = device.makeWordList();
    for (int w = 0; words && w < words->getLength(); ++w) {
      const TextWord* word = words->get(w);
      const std::unique_ptr<GooString> text(word->getText());
      double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      word->getBBox(&x0, &y0, &x1, &y1);
      ++tally->boxes;
      tally->text_bytes += text->getLength();  // summed, so the work is not optimized away
    }
  }
}

void ReadOnePdfCpp(const std::string& path, Tally* tally) {
  ++tally->files;
  bool ok = false;
  const std::string bytes = ReadWholeFile(path, &ok);
  const std::unique_ptr<poppler::document> doc(
      ok ? poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())) : nullptr);
  if (!doc || doc->is_locked()) {
    ++tally->unreadable;
    return;
  }
  for (int i = 0; i < doc->pages(); ++i) {
    const std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    ++tally->pages;
    // Converting each box to UTF-8 is part of getting the text out (ingest
    // does it too); summing the sizes keeps the work from being optimized away.
    for (const poppler::text_box& box : page->text_list()) {
      ++tally->boxes;
      tally->text_bytes += static_cast<long long>(box.text().to_utf8().size());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool cpp = argc > 1 && std::string(argv[1]) == "--cpp";
  const std::vector<std::string> paths = ExpandArguments(cpp ? 2 : 1, argc, argv);
  if (paths.empty()) {
    std::cerr << "usage: imr_poppler_text [--cpp] FILE.pdf... | @LIST\n";
    return 2;
  }
  // As ingest: Poppler's syntax warnings quote the file, and would also be timed.
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  Tally tally;
  const auto start = std::chrono::steady_clock::now();
  // Made once for the run, as ingest makes them once for the process (timed:
  // ingest pays for them too). poppler-cpp makes its own with each document.
  std::optional<GlobalParamsIniter> settings;
  if (!cpp) settings.emplace([](ErrorCategory, Goffset, const char*) {});
  for (const std::string& path : paths) cpp ? ReadOnePdfCpp(path, &tally) : ReadOnePdfCore(path, &tally);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("imr_poppler_text: %s: %d files (%d unreadable), %lld pages, %lld boxes, %lld bytes of text in %.3f s "
              "(%.1f pages/s)\n",
              cpp ? "poppler-cpp" : "core", tally.files, tally.unreadable, tally.pages, tally.boxes, tally.text_bytes,
              seconds, seconds > 0 ? tally.pages / seconds : 0.0);
  return tally.unreadable > 0 ? 1 : 0;
}
