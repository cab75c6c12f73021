// Page text rebuilt from word boxes, in reading order.
//
//   std::vector<imr::PlacedWord> words = ...;   // from Poppler or OCR
//   imr::LaidOutPage page = imr::LayOutWords(words);
//   page.text   -> "Date Assigned:\t11/18/2016\tDate of Injury:\t10/10/2016\n..."
//
// Words whose boxes share a baseline band form a line, left to right. A gap
// wider than a column gutter becomes a tab, so two-column tables (letter
// headers print labels and values as separate blocks) read label, tab, value.
// A blank line marks a vertical gap larger than the line spacing.
#ifndef IMR_INGEST_LAYOUT_H_
#define IMR_INGEST_LAYOUT_H_

#include <string>
#include <vector>

#include "core/record.h"

namespace imr {

// A word and its box in points, origin top-left, as a PDF or OCR placed it.
struct PlacedWord {
  std::string text;  // valid UTF-8, no whitespace inside
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  // Quarter turns of the word's baseline from left-to-right (Poppler's text
  // rotation): 1 reads top to bottom, 2 upside down, 3 bottom to top. A page
  // whose words mostly turn is laid out in their frame (a sideways page).
  int rotation = 0;
};

// One text line of a laid-out page: byte range in `text` and vertical extent.
struct TextLine {
  size_t begin = 0;
  size_t end = 0;  // excludes the trailing newline
  double y0 = 0, y1 = 0;
};

struct LaidOutPage {
  std::string text;
  std::vector<Word> words;  // same order as text; boxes and byte offsets
  std::vector<TextLine> lines;
};

// Lays out `words` (any order). Empty input gives empty text. Pure function.
LaidOutPage LayOutWords(std::vector<PlacedWord> words);

// Lines of plain text (a text file's page): boxes are line numbers.
std::vector<TextLine> SplitLines(const std::string& text);

}  // namespace imr

#endif  // IMR_INGEST_LAYOUT_H_
