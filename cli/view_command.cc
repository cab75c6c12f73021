// `imr view RECORD.json [-o case.html] [--pdf FILE.pdf] [--pages A-B]`: one
// record's pages drawn with every fact boxed, beside its facts and requests
// (report/view.h). A record keeps no word boxes, so its source PDF is read
// again (with OCR where the record used it) for the words, and drawn by the
// PDF module (ingest/pdf_module.h) for the pictures.
#include <charconv>
#include <exception>
#include <filesystem>
#include <optional>

#include "cli/commands.h"
#include "cli/flags.h"
#include "ingest/ingest.h"
#include "ingest/pdf_module.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "report/view.h"

namespace imr {
namespace {

// Pages drawn unless --pages says: a case packet runs to thousands of pages,
// and each page drawn adds about 100 KB to the file.
constexpr int kDefaultPageCount = 60;
// Legible on a screen at about 100 KB a page (grayscale PNG).
constexpr int kDpi = 100;

struct PageRange {
  int first = 1;
  int last = kDefaultPageCount;
};

std::optional<int> PageNumber(std::string_view text) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

// --pages "A-B" or "A"; the first 60 pages when absent; nothing when malformed.
std::optional<PageRange> ParsePageRange(const std::optional<std::string>& value) {
  if (!value) return PageRange{};
  const size_t dash = value->find('-');
  const std::optional<int> first = PageNumber(std::string_view(*value).substr(0, dash));
  const std::optional<int> last =
      dash == std::string::npos ? first : PageNumber(std::string_view(*value).substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  return PageRange{*first, *last};
}

// "out/x.json" -> "out/x.html": the view beside its record.
std::string DefaultOutputPath(const std::string& record_path) {
  return std::filesystem::path(record_path).replace_extension(".html").string();
}

std::optional<Record> ReadRecord(const std::string& path, std::ostream& err) {
  const std::string json = ReadWholeFile(path);
  if (json.empty()) {
    err << "imr: view: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::string error;
  std::optional<Record> record = RecordFromJson(json, &error);
  if (!record) err << "imr: view: " << path << " is not a record: " << error << "\n";
  return record;
}

// The drawn pages with their words read again; `differ` counts the pages
// that read otherwise than the record says.
std::vector<ViewPage> ViewPages(const Record& record, const std::string& bytes, const std::string& pdf_path,
                                PagePictures pictures, int last_page, int* differ) {
  IngestOptions options;
  options.ocr = !record.document.source.ocr_pages.empty();  // a record made without OCR has none
  options.max_pages = last_page;
  const Document read = IngestBytes(bytes, pdf_path, options);
  std::vector<ViewPage> pages;
  for (PagePicture& picture : pictures.pages) {
    ViewPage page;
    page.page_number = picture.page_number;
    page.png = std::move(picture.png);
    page.width = picture.width;
    page.height = picture.height;
    page.word_x = picture.word_x;
    page.word_y = picture.word_y;
    if (picture.page_number <= static_cast<int>(read.pages.size())) {
      page.read = read.pages[static_cast<size_t>(picture.page_number - 1)];
    }
    if (!ReadsAsRecorded(record, page)) ++*differ;
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace

int ViewCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"-o=", "--pdf=", "--pages="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1) return Usage("view", err);
  const std::optional<PageRange> range = ParsePageRange(flags.Value("--pages"));
  if (!range) {
    err << "imr: view: --pages takes A-B or A, page numbers from 1\n";
    return kExitUsage;
  }
  const std::string& record_path = flags.positional()[0];
  const std::optional<Record> record = ReadRecord(record_path, err);
  if (!record) return kExitUsage;
  const int page_count = static_cast<int>(record->document.pages.size());
  if (range->first > page_count) {
    err << "imr: view: " << record_path << " has " << page_count << " pages; nothing to draw\n";
    return kExitUsage;
  }
  const std::string pdf_path = flags.Value("--pdf").value_or(record->document.source.path);
  const std::string bytes = ReadWholeFile(pdf_path);
  if (bytes.empty() || !LooksLikePdf(bytes)) {
    err << "imr: view: " << (bytes.empty() ? "cannot read " : "not a PDF: ") << pdf_path
        << " (imr view draws the record's source PDF; name it with --pdf)\n";
    return kExitUsage;
  }
  const int last = std::min(range->last, page_count);
  PagePictures pictures = DrawPdfPages(bytes, {range->first, last, kDpi});
  if (!pictures.problem.empty()) {
    err << "imr: view: cannot draw the pages of " << pdf_path << ": " << pictures.problem << "\n";
    return kExitUsage;
  }

  ViewOptions options;
  options.title = std::filesystem::path(record->document.source.path).filename().string();
  const std::string& made_from = record->document.source.sha256;
  const bool same_file = made_from.empty() || Sha256Hex(bytes) == made_from;
  if (!same_file) {
    options.notes.push_back(pdf_path + " is not the file this record was made from (its SHA-256 differs): boxes "
                            "are drawn only on pages that read as the record has them.");
  }
  if (range->first > 1 || last < page_count) {
    const std::string drawn = range->first == last ? "Page " + std::to_string(last) + " of " +
                                                         std::to_string(page_count) + " is drawn"
                                                   : "Pages " + std::to_string(range->first) + "–" +
                                                         std::to_string(last) + " of " +
                                                         std::to_string(page_count) + " are drawn";
    options.notes.push_back(drawn + "; imr view --pages A-B draws others.");
  }
  int differ = 0;
  const std::vector<ViewPage> pages = ViewPages(*record, bytes, pdf_path, std::move(pictures), last, &differ);

  const std::string out_path = flags.Value("-o").value_or(DefaultOutputPath(record_path));
  try {
    WritePrivateFile(out_path, RenderView(*record, pages, options));
  } catch (const std::exception&) {
    err << "imr: view: cannot write " << out_path << "\n";
    return kExitUsage;
  }
  if (!same_file) err << "imr: view: " << pdf_path << " is not the file " << record_path << " was made from\n";
  if (differ > 0) {
    err << "imr: view: " << differ << " pages of " << pdf_path << " read otherwise than the record; no boxes on them\n";
    return kExitProblems;
  }
  return kExitClean;
}

}  // namespace imr
