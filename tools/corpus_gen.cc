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
// Exit status: 0 on success, 2 on bad usage, unreadable or malformed input, or
// an output file that cannot be written.
#include <cairo-pdf.h>
#include <cairo.h>

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

// A scanned document: each PNG becomes one US-letter page holding only the
// image, so the PDF has no text layer and readers must OCR it.
int WriteImagePdf(const std::vector<std::string>& pngs, const std::string& out) {
  cairo_surface_t* pdf =
      cairo_pdf_surface_create(out.c_str(), typeset::kPageWidth, typeset::kPageHeight);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "2017-01-01T00:00:00Z");
  cairo_t* cr = cairo_create(pdf);
  int status = 0;
  for (const std::string& png : pngs) {
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
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
  if (argc != 3) {
    std::cerr << "usage: imr_corpus_gen SRC.txt OUT.pdf\n"
                 "       imr_corpus_gen --images PAGE.png... OUT.pdf\n";
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
