#include "ingest/ingest.h"

#include <algorithm>

#include "core/text.h"
#include "ingest/furniture.h"
#include "ingest/packet.h"
#include "ingest/layout.h"
#include "ingest/ocr_repair.h"
#include "ingest/pdf_text.h"
#include "ingest/sections.h"

namespace imr {
namespace {

// Text with more replacement characters than this share of its bytes is
// binary data, not a document.
constexpr double kMaxBinaryShare = 0.05;

Problem IngestProblem(std::string code, std::string message) {
  return {Stage::kIngest, std::move(code), 0, std::move(message)};
}

bool HasPdfExtension(std::string_view path) {
  return path.size() >= 4 && AsciiLower(path.substr(path.size() - 4)) == ".pdf";
}

size_t CountReplacements(std::string_view text) {
  size_t n = 0;
  for (size_t pos = text.find("\xEF\xBF\xBD"); pos != std::string_view::npos;
       pos = text.find("\xEF\xBF\xBD", pos + 3)) {
    ++n;
  }
  return n;
}

// The words of every page as read: the rn/m repair trusts a word the
// document prints elsewhere (ocr_repair.h).
OcrLexicon DocumentLexicon(const PdfText& pdf) {
  std::vector<std::string_view> words;
  for (const PdfPage& page : pdf.pages) {
    for (const PlacedWord& w : page.words) words.push_back(w.text);
  }
  return OcrLexicon(words);
}

void AddPdfPages(const PdfText& pdf, Document* doc, std::vector<PageLayout>* layouts) {
  const bool any_ocr = std::any_of(pdf.pages.begin(), pdf.pages.end(), [](const PdfPage& p) { return p.ocr; });
  const OcrLexicon lexicon = any_ocr ? DocumentLexicon(pdf) : OcrLexicon();
  for (size_t i = 0; i < pdf.pages.size(); ++i) {
    // An OCR'd page is laid out from its repaired words: its text is the
    // repaired text, and every span quotes it.
    LaidOutPage laid = LayOutWords(pdf.pages[i].ocr ? RepairOcrWords(pdf.pages[i].words, lexicon)
                                                    : pdf.pages[i].words);
    const int page_number = static_cast<int>(i) + 1;
    Page page;
    page.page_number = page_number;
    page.text = std::move(laid.text);
    page.words = std::move(laid.words);
    page.ocr = pdf.pages[i].ocr;
    page.ocr_confidence = pdf.pages[i].ocr_confidence;
    if (page.ocr) doc->source.ocr_pages.push_back(page.page_number);
    doc->pages.push_back(std::move(page));
    layouts->push_back({page_number, nullptr, std::move(laid.lines), pdf.pages[i].height});
  }
}

// The first `max_bytes` of a text file, cut at the last line break within
// them (or, in a line longer than a few KiB, between two characters).
std::string_view TextWithin(std::string_view bytes, uint64_t max_bytes) {
  if (bytes.size() <= max_bytes) return bytes;
  size_t cut = static_cast<size_t>(max_bytes);
  if (const size_t newline = bytes.rfind('\n', cut - 1); newline != std::string_view::npos && cut - newline < 4096) {
    cut = newline + 1;
  }
  while (cut > 0 && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return bytes.substr(0, cut);
}

void AddTextPage(std::string_view bytes, Document* doc, std::vector<PageLayout>* layouts) {
  Page page;
  page.text = SanitizeUtf8(bytes);
  const size_t bad = CountReplacements(page.text) + std::count(bytes.begin(), bytes.end(), '\0');
  if (bad > kMaxBinaryShare * static_cast<double>(bytes.size())) {
    doc->problems.push_back(IngestProblem(
        "binary_content", "input is neither a PDF nor UTF-8 text; invalid bytes were replaced"));
  }
  std::vector<TextLine> lines = SplitLines(page.text);
  const double height = static_cast<double>(lines.size());
  doc->pages.push_back(std::move(page));
  layouts->push_back({1, nullptr, std::move(lines), height});
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Document IngestBytes(std::string_view bytes, std::string_view path, const IngestOptions& options) {
  Document doc;
  doc.source.path = std::string(path);
  doc.source.bytes = bytes.size();
  std::vector<PageLayout> layouts;
  if (bytes.empty()) {
    doc.problems.push_back(IngestProblem("empty_file", "input is empty"));
  } else if (LooksLikePdf(bytes)) {
    PdfText pdf = ReadPdf(bytes, {.ocr = options.ocr,
                                  .ocr_dpi = options.ocr_dpi,
                                  .max_pages = options.max_pages,
                                  .ocr_threads = options.ocr_threads,
                                  .page_threads = options.page_threads,
                                  .ocr_page_seconds = options.ocr_page_seconds,
                                  .max_text_bytes = options.max_text_bytes});
    doc.source.encrypted = pdf.encrypted;
    doc.source.pdf = true;
    doc.source.page_count = pdf.page_count;
    doc.problems = std::move(pdf.problems);
    AddPdfPages(pdf, &doc, &layouts);
  } else if (HasPdfExtension(path)) {
    doc.problems.push_back(IngestProblem("not_a_pdf", "file is named .pdf but is not a PDF"));
  } else {
    const std::string_view text = TextWithin(bytes, options.max_text_bytes);
    AddTextPage(text, &doc, &layouts);
    doc.source.page_count = 1;
    if (text.size() < bytes.size()) {
      doc.problems.push_back({Stage::kIngest, "text_too_large", 1,
                              "the text passes the limit of " + std::to_string(options.max_text_bytes) +
                                  " bytes; what follows was not read"});
    }
  }
  for (size_t i = 0; i < layouts.size(); ++i) layouts[i].text = &doc.pages[i].text;
  std::vector<std::vector<Span>> furniture = FindFurniture(layouts);
  for (size_t i = 0; i < doc.pages.size(); ++i) doc.pages[i].furniture = std::move(furniture[i]);
  doc.sections = FindSections(doc.pages);
  doc.doc_type = DocumentType(doc.pages, doc.sections);
  return doc;
}

}  // namespace imr
