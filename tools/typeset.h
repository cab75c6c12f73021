// typeset: the small cairo typesetter behind the corpus tools. A document is a
// list of blocks (headings, paragraphs, bullets, four-cell header tables, ...);
// LayOutPages() fixes every line on US-letter pages, and ShowRun() paints the
// lines as real PDF text (embedded fonts, positioned glyphs).
//
//   typeset::TextMeasurer measurer;
//   std::vector<typeset::Block> blocks;
//   blocks.push_back({typeset::BlockKind::kCenteredHeading, "PROGRESS NOTE"});
//   blocks.push_back({typeset::BlockKind::kParagraph, "Seen today for low back pain."});
//   std::vector<typeset::PageLayout> pages = typeset::LayOutPages(blocks, measurer);
//   typeset::SurfacePtr pdf(cairo_pdf_surface_create("out.pdf", typeset::kPageWidth,
//                                                    typeset::kPageHeight));
//   typeset::SetFixedMetadata(pdf.get(), "my_tool");
//   typeset::ContextPtr cr(cairo_create(pdf.get()));
//   for (const typeset::TextRun& run : pages[0].runs) typeset::ShowRun(cr.get(), run);
//   cairo_show_page(cr.get());
//
// Users: imr_corpus_gen (corpus/src/*.txt markup, ParseMarkup), imr_packet_gen
// (synthetic case packets, blocks built in code) and `imr letter --pdf`
// (report/letter.cc, the drafted determination letter). Errors in the input (a table cell wider than its
// column, invalid UTF-8 in markup) throw InputError with a "where: what" message.
#ifndef IMR_TOOLS_TYPESET_H_
#define IMR_TOOLS_TYPESET_H_

#include <cairo.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace typeset {

// ---------------------------------------------------------------------------
// Page geometry (points; origin at the top-left corner)

constexpr double kPageWidth = 612;
constexpr double kPageHeight = 792;
constexpr double kMargin = 72;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin;
constexpr double kHeaderBaseline = 42;
constexpr double kFooterBaseline = kPageHeight - 36;
constexpr double kBodySize = 11;
constexpr double kLineHeight = 13.5;
// Header table column origins, as in the letters' Word tables.
constexpr std::array<double, 4> kColumnX = {72, 190, 330, 440};

// Right edge a table cell of `column` may reach without touching the next one.
double ColumnLimit(size_t column);

// ---------------------------------------------------------------------------
// Blocks

enum class BlockKind {
  kCenteredHeading,  // bold body font, centered
  kLeftHeading,      // bold body font, left aligned
  kTableRow,         // one row of the four-cell header table (cells)
  kParagraph,        // wrapped body text; '\n' ends a printed line
  kBullet,           // bulleted item with a hanging indent
  kGap,              // vertical space; none at a page top
  kPageBreak,
  // Used by imr_packet_gen only; imr_corpus_gen's markup has no syntax for them.
  kTitle,          // large bold sans, centered (letterheads, form titles)
  kSmallCentered,  // small sans lines, centered ('\n' separates lines)
  kSmallLeft,      // small sans lines, left aligned
  kPreformatted,   // monospaced lines printed as given, never wrapped
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;                  // everything but table rows
  std::array<std::string, 4> cells;  // table rows: label, value, label, value;
                                     // "\n" (backslash, n) breaks a cell's line
  std::string where;                 // origin for messages ("file:line"), may be empty
};

// Thrown for input that cannot be typeset.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------
// The corpus markup (corpus/README.md, "Source markup")

struct Markup {
  std::string running_header;
  std::string running_footer;
  bool encrypt = false;
  std::vector<Block> blocks;
};

// Parses a whole markup source. Throws InputError naming source_name and the
// line at fault.
Markup ParseMarkup(std::string_view source, const std::string& source_name);

// Cairo puts a surface into a permanent error state on invalid UTF-8, which
// would surface only as a broken PDF; callers check text up front instead.
bool IsValidUtf8(std::string_view s);

// ---------------------------------------------------------------------------
// Fonts and measuring

enum class FontStyle {
  kBody,   // DejaVu Serif 11
  kBold,   // DejaVu Serif Bold 11
  kSmall,  // DejaVu Sans 8
  kTitle,  // DejaVu Sans Bold 14
  kMono,   // DejaVu Sans Mono 8.5
  kFax,    // DejaVu Sans Mono 7.5, for fax machine header lines
};

void SelectFont(cairo_t* cr, FontStyle style);

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

// Measures text widths exactly as the PDF surface will place the glyphs: a
// recording surface is a vector surface, so advances are not hinted to pixels.
class TextMeasurer {
 public:
  TextMeasurer();
  double Width(std::string_view text, FontStyle style);

 private:
  SurfacePtr surface_;
  ContextPtr cr_;
};

// Greedy line filling by measured width; '\n' in text ends a line. A word
// wider than the line gets a line of its own rather than being cut.
std::vector<std::string> WrapText(std::string_view text, double width, FontStyle style,
                                  TextMeasurer& measurer);

// ---------------------------------------------------------------------------
// Layout and painting

struct TextRun {
  double x = 0;
  double baseline = 0;
  FontStyle style = FontStyle::kBody;
  std::string text;
};

struct PageLayout {
  std::vector<TextRun> runs;
};

// Fixes every line's page and position, so the page count is known before
// painting fills in page numbers. Running headers and footers are the caller's
// to add. Throws InputError for a table cell wider than its column.
std::vector<PageLayout> LayOutPages(const std::vector<Block>& blocks, TextMeasurer& measurer);

// Replaces every "{page}" and "{pages}" in a running footer or header.
std::string ExpandPageFields(std::string_view text, int page_number, int page_count);

// A run of `text` centered on the page at `baseline`.
TextRun CenteredRun(TextMeasurer& measurer, std::string_view text, double baseline,
                    FontStyle style);

void ShowRun(cairo_t* cr, const TextRun& run);

// Small text centered at `baseline`, for running lines; nothing for "".
void ShowRunningLine(cairo_t* cr, TextMeasurer& measurer, std::string_view text, double baseline);

// Fixed dates keep regenerated PDFs byte-identical.
void SetFixedMetadata(cairo_surface_t* pdf_surface, const char* creator);

}  // namespace typeset

#endif  // IMR_TOOLS_TYPESET_H_
