// imr_corpus_gen: typesets a small markup file into a US-letter PDF, so the
// sample corpus is made of real PDFs (embedded fonts, positioned glyphs, page
// headers and footers) without shipping anyone's documents.
//
//   imr_corpus_gen corpus/src/letter-layout1-lumbar.txt corpus/letter-layout1-lumbar.pdf
//
// Markup, one directive per line (see corpus/README.md):
//   @running-header TEXT    small text at the top of every page
//   @running-footer TEXT    bottom of every page; {page} and {pages} are replaced
//   @encrypt                no typesetting effect; corpus/make_corpus.sh reads it
//   @pagebreak              start a new page
//   = TEXT                  bold heading, centered
//   == TEXT                 bold heading, left aligned
//   | a | b | c | d |       a row of the two-column header table; "\n" in a
//                           cell breaks the line inside that cell
//   - TEXT                  bulleted item with a hanging indent
//   (blank line)            paragraph break
//   anything else           paragraph text; consecutive lines are joined, and
//                           a line ending in " \" ends its printed line too
//
// The typesetting itself (layout, fonts, painting) lives in typeset.h, shared
// with imr_packet_gen.
//
//   imr_corpus_gen --images PAGE.png... OUT.pdf       each picture a page, no text layer
//   imr_corpus_gen --scan SEED PAGE.png... OUT.pdf    the same, each picture first
//                                                     "scanned": skewed, blurred, specked
//
// --scan turns each page by up to 1.5 degrees and shifts it a few pixels, softens
// it with a 3x3 blur in sixteen greys, greys the paper and sprinkles dark specks
// and a faint streak, all from SEED: the same SEED and pictures give the same PDF
// (corpus/make_scanned.sh).
//
// Exit status: 0 on success, 2 on bad usage, unreadable or malformed input, or
// an output file that cannot be written.
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "typeset.h"

namespace {

using typeset::InputError;
using typeset::Markup;
using typeset::PageLayout;
using typeset::TextMeasurer;
using typeset::TextRun;

// Running lines are not wrapped; one that would run off the paper is an
// authoring error. Checked with the widest page number, before any output.
void CheckRunningLinesFit(const Markup& markup, int page_count, TextMeasurer& measurer) {
  constexpr double kMaxWidth = typeset::kPageWidth - typeset::kMargin;
  for (const std::string& text : {markup.running_header, markup.running_footer}) {
    std::string expanded = typeset::ExpandPageFields(text, page_count, page_count);
    if (measurer.Width(expanded, typeset::FontStyle::kSmall) > kMaxWidth) {
      throw InputError("running line '" + text + "' is wider than the page");
    }
  }
}

void PaintPage(cairo_t* cr, const PageLayout& page, const Markup& markup, int page_number,
               int page_count, TextMeasurer& measurer) {
  std::string header = typeset::ExpandPageFields(markup.running_header, page_number, page_count);
  std::string footer = typeset::ExpandPageFields(markup.running_footer, page_number, page_count);
  typeset::ShowRunningLine(cr, measurer, header, typeset::kHeaderBaseline);
  for (const TextRun& run : page.runs) typeset::ShowRun(cr, run);
  typeset::ShowRunningLine(cr, measurer, footer, typeset::kFooterBaseline);
  cairo_show_page(cr);
}

// Writes the pages to `path`. Throws InputError when cairo cannot.
void PaintPdf(const std::vector<PageLayout>& pages, const Markup& markup, TextMeasurer& measurer,
              const std::string& path) {
  const int page_count = static_cast<int>(pages.size());
  CheckRunningLinesFit(markup, page_count, measurer);
  typeset::SurfacePtr surface(
      cairo_pdf_surface_create(path.c_str(), typeset::kPageWidth, typeset::kPageHeight));
  typeset::SetFixedMetadata(surface.get(), "imr_corpus_gen");
  typeset::ContextPtr cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  for (int index = 0; index < page_count; ++index) {
    PaintPage(cr.get(), pages[index], markup, index + 1, page_count, measurer);
  }
  // Drawing errors stick to the context, output errors to the surface.
  cairo_status_t status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    throw InputError("cannot write " + path + ": " + cairo_status_to_string(status));
  }
}

std::string ReadFile(const std::string& path) {
  // An ifstream opens a directory without complaint and reads it as empty.
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw InputError("cannot read " + path + ": not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw InputError("cannot read " + path);
  return contents.str();
}

}  // namespace

// splitmix64: the scan's randomness, the same on every machine.
class ScanRandom {
 public:
  explicit ScanRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

// The gray of an RGB24 pixel, and a gray written back.
int GrayAt(const unsigned char* data, int stride, int x, int y) {
  return static_cast<int>(reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride)[x] & 0xFF);
}
void SetGray(unsigned char* data, int stride, int x, int y, int gray) {
  const uint32_t g = static_cast<uint32_t>(std::clamp(gray, 0, 255));
  reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride)[x] = 0xFF000000u | (g << 16) | (g << 8) | g;
}

// A 3x3 box blur, as a scanner's optics soften print, in sixteen greys.
void Blur(cairo_surface_t* image) {
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  std::vector<unsigned char> gray(static_cast<size_t>(w) * static_cast<size_t>(h));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) gray[static_cast<size_t>(y) * w + x] = static_cast<unsigned char>(GrayAt(data, stride, x, y));
  }
  for (int y = 1; y + 1 < h; ++y) {
    for (int x = 1; x + 1 < w; ++x) {
      int sum = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) sum += gray[static_cast<size_t>(y + dy) * w + (x + dx)];
      }
      // Sixteen grey levels, as a fax-grade scanner returns: a page of a few
      // hundred kilobytes, not megabytes.
      SetGray(data, stride, x, y, sum / 9 / 17 * 17);
    }
  }
  cairo_surface_mark_dirty(image);
}

// Dark specks (one pixel in 2,500), a few small blots and a faint streak
// down the page, like a flatbed scan of a faxed letter.
void Speckle(cairo_surface_t* image, ScanRandom& random) {
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  for (int n = w * h / 2500; n > 0; --n) {
    const int x = random.Below(w), y = random.Below(h), gray = 40 + random.Below(120);
    SetGray(data, stride, x, y, std::min(gray, GrayAt(data, stride, x, y)));
  }
  for (int n = 12; n > 0; --n) {
    const int cx = random.Below(w), cy = random.Below(h), r = 1 + random.Below(3);
    for (int y = std::max(0, cy - r); y <= std::min(h - 1, cy + r); ++y) {
      for (int x = std::max(0, cx - r); x <= std::min(w - 1, cx + r); ++x) SetGray(data, stride, x, y, 60);
    }
  }
  const int streak = random.Below(w);
  for (int y = 0; y < h; ++y) SetGray(data, stride, streak, y, std::min(GrayAt(data, stride, streak, y), 215));
  cairo_surface_mark_dirty(image);
}

// `page` as a scanner would return it: on grey paper, turned and shifted a
// little, blurred and specked. The caller owns the result.
cairo_surface_t* Scan(cairo_surface_t* page, ScanRandom& random) {
  const int w = cairo_image_surface_get_width(page), h = cairo_image_surface_get_height(page);
  cairo_surface_t* out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  typeset::ContextPtr cr(cairo_create(out));
  cairo_set_source_rgb(cr.get(), 0.96, 0.96, 0.96);
  cairo_paint(cr.get());
  const double degrees = random.Uniform(-1.5, 1.5);
  cairo_translate(cr.get(), w / 2.0 + random.Uniform(-8, 8), h / 2.0 + random.Uniform(-8, 8));
  cairo_rotate(cr.get(), degrees * M_PI / 180);
  cairo_translate(cr.get(), -w / 2.0, -h / 2.0);
  cairo_set_source_surface(cr.get(), page, 0, 0);
  cairo_set_operator(cr.get(), CAIRO_OPERATOR_MULTIPLY);  // ink darkens the grey paper
  cairo_paint(cr.get());
  cr.reset();
  Blur(out);
  Speckle(out, random);
  return out;
}

// A scanned document: each PNG becomes one US-letter page holding only the
// image, so the PDF has no text layer and readers must OCR it. With `random`,
// each picture is first scanned (Scan).
int WriteImagePdf(const std::vector<std::string>& pngs, const std::string& out, ScanRandom* random = nullptr) {
  cairo_surface_t* pdf =
      cairo_pdf_surface_create(out.c_str(), typeset::kPageWidth, typeset::kPageHeight);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "2017-01-01T00:00:00Z");
  cairo_t* cr = cairo_create(pdf);
  int status = 0;
  for (const std::string& png : pngs) {
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    if (random && cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
      cairo_surface_t* scanned = Scan(image, *random);
      cairo_surface_destroy(image);
      image = scanned;
    }
    if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
      std::cerr << "imr_corpus_gen: cannot read " << png << "\n";
      status = 2;
    } else {
      cairo_save(cr);
      cairo_scale(cr, typeset::kPageWidth / cairo_image_surface_get_width(image),
                  typeset::kPageHeight / cairo_image_surface_get_height(image));
      cairo_set_source_surface(cr, image, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      cairo_show_page(cr);
    }
    cairo_surface_destroy(image);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  cairo_surface_destroy(pdf);
  return status;
}

int main(int argc, char** argv) {
  if (argc >= 4 && std::string(argv[1]) == "--images") {
    return WriteImagePdf(std::vector<std::string>(argv + 2, argv + argc - 1), argv[argc - 1]);
  }
  if (argc >= 5 && std::string(argv[1]) == "--scan") {
    char* end = nullptr;
    const unsigned long long seed = std::strtoull(argv[2], &end, 10);
    if (end == argv[2] || *end != '\0') {
      std::cerr << "imr_corpus_gen: --scan takes a number as its seed\n";
      return 2;
    }
    ScanRandom random(seed);
    return WriteImagePdf(std::vector<std::string>(argv + 3, argv + argc - 1), argv[argc - 1], &random);
  }
  if (argc != 3) {
    std::cerr << "usage: imr_corpus_gen SRC.txt OUT.pdf\n"
                 "       imr_corpus_gen --images PAGE.png... OUT.pdf\n"
                 "       imr_corpus_gen --scan SEED PAGE.png... OUT.pdf\n";
    return 2;
  }
  const std::string source_path = argv[1];
  try {
    Markup markup = typeset::ParseMarkup(ReadFile(source_path), source_path);
    TextMeasurer measurer;
    std::vector<PageLayout> pages = typeset::LayOutPages(markup.blocks, measurer);
    PaintPdf(pages, markup, measurer, argv[2]);
  } catch (const InputError& error) {
    std::cerr << "imr_corpus_gen: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
