// imr_poppler_text: Poppler alone, the floor under `imr batch`. One process
// opens every PDF it is given and asks each page for its text boxes, the same
// call ingest makes (ingest/pdf_text.cc, TextLayerWords), and nothing else: no
// layout, no OCR, no records. bench/pipeline.sh divides batch's pages/s by
// this program's to show what the pipeline costs on top of reading the PDF.
//
//   imr_poppler_text a.pdf b.pdf          # or: imr_poppler_text @list.txt
//   imr_poppler_text: 2 files (0 unreadable), 7 pages, 2380 boxes, 41812 bytes of text in 0.083 s (84.3 pages/s)
//
// A bench tool, not a stage: it names Poppler outside ingest/ on purpose,
// because the point is to measure Poppler without our code around it.
// A file that cannot be read is counted and the run goes on.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
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
std::vector<std::string> ExpandArguments(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
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
void ReadOnePdf(const std::string& path, Tally* tally) {
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
  const std::vector<std::string> paths = ExpandArguments(argc, argv);
  if (paths.empty()) {
    std::cerr << "usage: imr_poppler_text FILE.pdf... | @LIST\n";
    return 2;
  }
  // As ingest: Poppler's syntax warnings quote the file, and would also be timed.
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  Tally tally;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& path : paths) ReadOnePdf(path, &tally);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("imr_poppler_text: %d files (%d unreadable), %lld pages, %lld boxes, %lld bytes of text in %.3f s "
              "(%.1f pages/s)\n",
              tally.files, tally.unreadable, tally.pages, tally.boxes, tally.text_bytes, seconds,
              seconds > 0 ? tally.pages / seconds : 0.0);
  return tally.unreadable > 0 ? 1 : 0;
}
