#include "typeset.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <sstream>

namespace typeset {
namespace {

// ---------------------------------------------------------------------------
// Markup parser

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "| a | b | c | d |" -> {"a", "b", "c", "d"}. Exactly four cells, because
// every sample header table has two label/value pairs per row.
std::array<std::string, 4> ParseTableRow(std::string_view line, const std::string& where) {
  std::vector<std::string> cells;
  std::string_view rest = Trim(line);
  if (rest.size() < 2 || rest.back() != '|') {
    throw InputError(where + ": table row must end with '|'");
  }
  rest = rest.substr(1, rest.size() - 2);
  while (true) {
    size_t bar = rest.find('|');
    cells.emplace_back(Trim(rest.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    rest = rest.substr(bar + 1);
  }
  if (cells.size() != 4) {
    throw InputError(where + ": table row needs 4 cells, found " + std::to_string(cells.size()));
  }
  return {cells[0], cells[1], cells[2], cells[3]};
}

// Handles one "@..." line: a document setting or a page break.
void ParseDirective(std::string_view line, const std::string& where, Markup& markup) {
  std::string_view name = line.substr(0, line.find(' '));
  std::string_view argument = Trim(line.substr(name.size()));
  if (name == "@running-header") {
    markup.running_header = std::string(argument);
  } else if (name == "@running-footer") {
    markup.running_footer = std::string(argument);
  } else if (name == "@encrypt") {
    markup.encrypt = true;
  } else if (name == "@pagebreak") {
    markup.blocks.push_back({BlockKind::kPageBreak, "", {}, where});
  } else {
    throw InputError(where + ": unknown directive '" + std::string(name) + "'");
  }
}

// Text lines continue the paragraph or bullet item just before them, the way
// a hard-wrapped source file reads. A line ending in a space and a backslash
// ends its printed line too (kept as '\n' in Block::text), for label lines such as
// "State(s) of Licensure: ..." that letters print one under another.
void AppendText(std::string_view text, const std::string& where, Markup& markup) {
  bool hard_break = text.size() >= 2 && text.substr(text.size() - 2) == " \\";
  if (hard_break) text = Trim(text.substr(0, text.size() - 1));
  Block* open = nullptr;
  if (!markup.blocks.empty()) {
    Block& last = markup.blocks.back();
    if (last.kind == BlockKind::kParagraph || last.kind == BlockKind::kBullet) open = &last;
  }
  if (open == nullptr) {
    markup.blocks.push_back({BlockKind::kParagraph, "", {}, where});
    open = &markup.blocks.back();
  } else if (open->text.back() != '\n') {
    open->text += ' ';
  }
  open->text += text;
  if (hard_break) open->text += '\n';
}

// `where` ("file:line") prefixes any error message.
void ParseLine(std::string_view raw_line, const std::string& where, Markup& markup) {
  std::string_view line = Trim(raw_line);
  if (line.empty()) {
    // Runs of blank lines make one gap, and a gap never opens the document.
    if (!markup.blocks.empty() && markup.blocks.back().kind != BlockKind::kGap) {
      markup.blocks.push_back({BlockKind::kGap, "", {}, where});
    }
  } else if (line[0] == '@') {
    ParseDirective(line, where, markup);
  } else if (StartsWith(line, "== ")) {
    std::string text(Trim(line.substr(3)));
    markup.blocks.push_back({BlockKind::kLeftHeading, std::move(text), {}, where});
  } else if (StartsWith(line, "= ")) {
    std::string text(Trim(line.substr(2)));
    markup.blocks.push_back({BlockKind::kCenteredHeading, std::move(text), {}, where});
  } else if (line[0] == '|') {
    markup.blocks.push_back({BlockKind::kTableRow, "", ParseTableRow(line, where), where});
  } else if (StartsWith(line, "- ")) {
    markup.blocks.push_back({BlockKind::kBullet, std::string(Trim(line.substr(2))), {}, where});
  } else {
    AppendText(line, where, markup);
  }
}

// ---------------------------------------------------------------------------
// Fonts

constexpr double kGapHeight = 10;  // enough for pdftotext -layout to show a blank line
constexpr double kHeadingSpaceBefore = 6;
constexpr double kBulletIndent = 18;
constexpr double kBulletTextIndent = 36;

struct FontSpec {
  const char* family;
  cairo_font_weight_t weight;
  double size;
  double line_height;  // baseline to baseline, for blocks set in this style
};

FontSpec SpecFor(FontStyle style) {
  switch (style) {
    case FontStyle::kBody:
      return {"DejaVu Serif", CAIRO_FONT_WEIGHT_NORMAL, kBodySize, kLineHeight};
    case FontStyle::kBold:
      return {"DejaVu Serif", CAIRO_FONT_WEIGHT_BOLD, kBodySize, kLineHeight};
    case FontStyle::kSmall:
      return {"DejaVu Sans", CAIRO_FONT_WEIGHT_NORMAL, 8, 10};
    case FontStyle::kTitle:
      return {"DejaVu Sans", CAIRO_FONT_WEIGHT_BOLD, 14, 18};
    case FontStyle::kMono:
      return {"DejaVu Sans Mono", CAIRO_FONT_WEIGHT_NORMAL, 8.5, 10.5};
    case FontStyle::kFax:
      return {"DejaVu Sans Mono", CAIRO_FONT_WEIGHT_NORMAL, 7.5, 9};
  }
  return {"DejaVu Serif", CAIRO_FONT_WEIGHT_NORMAL, kBodySize, kLineHeight};
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream stream{std::string(text)};
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

// One '\n'-free stretch of text, filled greedily.
std::vector<std::string> WrapLine(std::string_view text, double width, FontStyle style,
                                  TextMeasurer& measurer) {
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& word : SplitWords(text)) {
    std::string candidate = line.empty() ? word : line + ' ' + word;
    if (!line.empty() && measurer.Width(candidate, style) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitOn(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    size_t end = text.find(separator, begin);
    parts.emplace_back(text.substr(begin, end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + separator.size();
  }
}

std::vector<std::string> SplitCellLines(std::string_view cell) {
  std::vector<std::string> lines;
  for (const std::string& line : SplitOn(cell, "\\n")) lines.emplace_back(Trim(line));
  return lines;
}

// ---------------------------------------------------------------------------
// Layout: blocks -> pages of positioned text runs.

class Layouter {
 public:
  explicit Layouter(TextMeasurer& measurer) : measurer_(measurer) { StartPage(); }

  // Single use: hands over the pages it built.
  std::vector<PageLayout> LayOut(const std::vector<Block>& blocks) && {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& block = blocks[i];
      switch (block.kind) {
        case BlockKind::kCenteredHeading:
        case BlockKind::kLeftHeading:
          LayOutHeading(block);
          break;
        case BlockKind::kTableRow:
          i = LayOutTable(blocks, i) - 1;
          break;
        case BlockKind::kParagraph:
          LayOutLines(WrapText(block.text, kTextWidth, FontStyle::kBody, measurer_), kMargin);
          break;
        case BlockKind::kBullet:
          LayOutBullet(block);
          break;
        case BlockKind::kGap:
          if (!AtPageTop()) top_ += kGapHeight;
          break;
        case BlockKind::kPageBreak:
          StartPage();
          break;
        case BlockKind::kTitle:
          LayOutStyledLines(block.text, FontStyle::kTitle, /*centered=*/true, /*wrap=*/true);
          break;
        case BlockKind::kSmallCentered:
          LayOutStyledLines(block.text, FontStyle::kSmall, /*centered=*/true, /*wrap=*/true);
          break;
        case BlockKind::kSmallLeft:
          LayOutStyledLines(block.text, FontStyle::kSmall, /*centered=*/false, /*wrap=*/true);
          break;
        case BlockKind::kPreformatted:
          LayOutStyledLines(block.text, FontStyle::kMono, /*centered=*/false, /*wrap=*/false);
          break;
      }
    }
    return std::move(pages_);
  }

 private:
  bool AtPageTop() const { return top_ == kMargin; }

  void StartPage() {
    pages_.emplace_back();
    top_ = kMargin;
  }

  // Starts a new page unless `height` more points fit on this one.
  void EnsureRoom(double height) {
    if (!AtPageTop() && top_ + height > kBodyBottom) StartPage();
  }

  // Places one line at the cursor and moves the cursor down one line.
  void PlaceLine(double x, FontStyle style, std::string text) {
    EnsureRoom(kLineHeight);
    pages_.back().runs.push_back({x, top_ + kBodySize, style, std::move(text)});
    top_ += kLineHeight;
  }

  void LayOutLines(const std::vector<std::string>& lines, double x) {
    for (const std::string& line : lines) PlaceLine(x, FontStyle::kBody, line);
  }

  // A heading keeps its first two body lines with it, as a word processor's
  // "keep with next" does; a heading alone at a page foot reads as a break.
  void LayOutHeading(const Block& block) {
    std::vector<std::string> lines = WrapText(block.text, kTextWidth, FontStyle::kBold, measurer_);
    if (!AtPageTop()) top_ += kHeadingSpaceBefore;
    EnsureRoom((lines.size() + 2) * kLineHeight);
    for (const std::string& line : lines) {
      double x = kMargin;
      if (block.kind == BlockKind::kCenteredHeading) {
        x += (kTextWidth - measurer_.Width(line, FontStyle::kBold)) / 2;
      }
      PlaceLine(x, FontStyle::kBold, line);
    }
  }

  // Lines in a style with its own size and line height (titles, small print,
  // monospaced listings).
  void LayOutStyledLines(const std::string& text, FontStyle style, bool centered, bool wrap) {
    FontSpec spec = SpecFor(style);
    std::vector<std::string> lines =
        wrap ? WrapText(text, kTextWidth, style, measurer_) : SplitOn(text, "\n");
    for (const std::string& line : lines) {
      EnsureRoom(spec.line_height);
      double x = kMargin;
      if (centered) x += (kTextWidth - measurer_.Width(line, style)) / 2;
      if (!line.empty()) pages_.back().runs.push_back({x, top_ + spec.size, style, line});
      top_ += spec.line_height;
    }
  }

  void LayOutBullet(const Block& block) {
    std::vector<std::string> lines =
        WrapText(block.text, kTextWidth - kBulletTextIndent, FontStyle::kBody, measurer_);
    if (lines.empty()) return;
    EnsureRoom(kLineHeight);
    TextRun bullet{kMargin + kBulletIndent, top_ + kBodySize, FontStyle::kBody, "\u2022"};
    pages_.back().runs.push_back(std::move(bullet));
    LayOutLines(lines, kMargin + kBulletTextIndent);
  }

  // Lays out the run of table rows starting at blocks[first]; returns the
  // index just past it.
  size_t LayOutTable(const std::vector<Block>& blocks, size_t first) {
    std::vector<const Block*> rows;
    size_t end = first;
    for (; end < blocks.size() && blocks[end].kind == BlockKind::kTableRow; ++end) {
      rows.push_back(&blocks[end]);
    }
    // Rows that do not fit continue the table on the next page.
    std::vector<const Block*> chunk;
    std::vector<double> chunk_tops;
    double chunk_top = top_;
    for (const Block* row : rows) {
      double height = RowHeight(*row);
      if (!chunk.empty() && chunk_top + height > kBodyBottom) {
        EmitTableColumns(chunk, chunk_tops);
        chunk.clear();
        chunk_tops.clear();
        StartPage();
        chunk_top = top_;
      }
      chunk.push_back(row);
      chunk_tops.push_back(chunk_top);
      chunk_top += height;
    }
    EmitTableColumns(chunk, chunk_tops);
    top_ = chunk_top;
    return end;
  }

  static double RowHeight(const Block& row) {
    size_t line_count = 1;
    for (const std::string& cell : row.cells) {
      line_count = std::max(line_count, SplitCellLines(cell).size());
    }
    return line_count * kLineHeight;
  }

  // Word writes a table column by column, so text extraction in stream order
  // yields the label block and then the value block; the samples copy that so
  // readers are tested on pairing labels with values by position.
  void EmitTableColumns(const std::vector<const Block*>& rows, const std::vector<double>& tops) {
    for (size_t column = 0; column < kColumnX.size(); ++column) {
      for (size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::string> lines = SplitCellLines(rows[r]->cells[column]);
        for (size_t k = 0; k < lines.size(); ++k) {
          if (lines[k].empty()) continue;
          CheckFitsColumn(lines[k], column, rows[r]->where);
          double baseline = tops[r] + k * kLineHeight + kBodySize;
          pages_.back().runs.push_back({kColumnX[column], baseline, FontStyle::kBody, lines[k]});
        }
      }
    }
  }

  // Overlapping cells would print as one run of words and make the sample
  // useless for label/value pairing, so the author must break long cells.
  void CheckFitsColumn(const std::string& text, size_t column, const std::string& where) {
    if (kColumnX[column] + measurer_.Width(text, FontStyle::kBody) > ColumnLimit(column)) {
      throw InputError(where + ": table cell '" + text +
                       "' is wider than its column; break it with \\n");
    }
  }

  TextMeasurer& measurer_;
  std::vector<PageLayout> pages_;
  double top_ = kMargin;  // top of the next line box on the current page
};

}  // namespace

// ---------------------------------------------------------------------------
// Public functions

double ColumnLimit(size_t column) {
  constexpr double kColumnGap = 4;
  return column + 1 < kColumnX.size() ? kColumnX[column + 1] - kColumnGap : kPageWidth - kMargin;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x06 ? 2
                    : (c >> 4) == 0x0E ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > s.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

Markup ParseMarkup(std::string_view source, const std::string& source_name) {
  Markup markup;
  int line_number = 0;
  size_t begin = 0;
  while (begin < source.size()) {
    size_t end = source.find('\n', begin);
    if (end == std::string_view::npos) end = source.size();
    std::string_view line = source.substr(begin, end - begin);
    ++line_number;
    const std::string where = source_name + ":" + std::to_string(line_number);
    if (!IsValidUtf8(line)) throw InputError(where + ": not valid UTF-8");
    ParseLine(line, where, markup);
    begin = end + 1;
  }
  return markup;
}

void SelectFont(cairo_t* cr, FontStyle style) {
  FontSpec spec = SpecFor(style);
  cairo_select_font_face(cr, spec.family, CAIRO_FONT_SLANT_NORMAL, spec.weight);
  cairo_set_font_size(cr, spec.size);
}

TextMeasurer::TextMeasurer()
    : surface_(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr)),
      cr_(cairo_create(surface_.get())) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr_.get(), options);
  cairo_font_options_destroy(options);
}

double TextMeasurer::Width(std::string_view text, FontStyle style) {
  SelectFont(cr_.get(), style);
  std::string owned(text);
  cairo_text_extents_t extents;
  cairo_text_extents(cr_.get(), owned.c_str(), &extents);
  return extents.x_advance;
}

std::vector<std::string> WrapText(std::string_view text, double width, FontStyle style,
                                  TextMeasurer& measurer) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = std::min(text.find('\n', begin), text.size());
    for (std::string& line : WrapLine(text.substr(begin, end - begin), width, style, measurer)) {
      lines.push_back(std::move(line));
    }
    begin = end + 1;
  }
  return lines;
}

std::vector<PageLayout> LayOutPages(const std::vector<Block>& blocks, TextMeasurer& measurer) {
  return Layouter(measurer).LayOut(blocks);
}

std::string ExpandPageFields(std::string_view text, int page_number, int page_count) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (StartsWith(text.substr(i), "{page}")) {
      out += std::to_string(page_number);
      i += 6;
    } else if (StartsWith(text.substr(i), "{pages}")) {
      out += std::to_string(page_count);
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

TextRun CenteredRun(TextMeasurer& measurer, std::string_view text, double baseline,
                    FontStyle style) {
  double width = measurer.Width(text, style);
  return {(kPageWidth - width) / 2, baseline, style, std::string(text)};
}

void ShowRun(cairo_t* cr, const TextRun& run) {
  SelectFont(cr, run.style);
  cairo_move_to(cr, run.x, run.baseline);
  cairo_show_text(cr, run.text.c_str());
}

// Running lines are centered so they never collide with the body's margins.
void ShowRunningLine(cairo_t* cr, TextMeasurer& measurer, std::string_view text, double baseline) {
  if (text.empty()) return;
  ShowRun(cr, CenteredRun(measurer, text, baseline, FontStyle::kSmall));
}

void SetFixedMetadata(cairo_surface_t* pdf_surface, const char* creator) {
  constexpr const char* kDate = "2017-01-01T00:00:00Z";
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_CREATE_DATE, kDate);
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_MOD_DATE, kDate);
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_CREATOR, creator);
}

}  // namespace typeset
