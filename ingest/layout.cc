#include "ingest/layout.h"

#include <algorithm>
#include <cmath>

namespace imr {
namespace {

struct LineBuild {
  double y0 = 0, y1 = 0;
  std::vector<PlacedWord> words;
};

double Height(const PlacedWord& w) { return std::max(0.1, w.y1 - w.y0); }

// Share of the smaller box's height that the two vertical ranges overlap.
double VerticalOverlap(double a0, double a1, double b0, double b1) {
  const double overlap = std::min(a1, b1) - std::max(a0, b0);
  const double smaller = std::max(0.1, std::min(a1 - a0, b1 - b0));
  return overlap / smaller;
}

std::vector<LineBuild> GroupIntoLines(std::vector<PlacedWord> words) {
  std::stable_sort(words.begin(), words.end(), [](const PlacedWord& a, const PlacedWord& b) {
    return a.y0 + a.y1 < b.y0 + b.y1;
  });
  std::vector<LineBuild> lines;
  for (PlacedWord& word : words) {
    // Words arrive by vertical centre, so a word can only join one of the last
    // few lines; looking back a little tolerates sub- and superscripts.
    LineBuild* home = nullptr;
    for (size_t k = lines.size(); k > 0 && k + 3 > lines.size(); --k) {
      LineBuild& line = lines[k - 1];
      if (VerticalOverlap(line.y0, line.y1, word.y0, word.y1) > 0.5) { home = &line; break; }
    }
    if (home == nullptr) {
      lines.push_back({word.y0, word.y1, {}});
      home = &lines.back();
    }
    home->y0 = std::min(home->y0, word.y0);
    home->y1 = std::max(home->y1, word.y1);
    home->words.push_back(std::move(word));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const LineBuild& a, const LineBuild& b) { return a.y0 < b.y0; });
  for (LineBuild& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const PlacedWord& a, const PlacedWord& b) { return a.x0 < b.x0; });
  }
  return lines;
}

// A gap wider than about two ordinary spaces at this size separates table
// cells or columns, not words.
bool IsColumnGap(const PlacedWord& left, const PlacedWord& right) {
  const double gap = right.x0 - left.x1;
  return gap > 1.6 * std::max(Height(left), Height(right));
}

}  // namespace

namespace {

// Turns the boxes of a page printed sideways or upside down into the frame
// its words read in, so lines and reading order come out as on an upright
// page. The rotation most of the text has decides; the boxes are shifted to
// start at zero.
void TurnUpright(std::vector<PlacedWord>* words) {
  size_t chars[4] = {0, 0, 0, 0};
  for (const PlacedWord& w : *words) chars[w.rotation & 3] += w.text.size();
  const int turn = static_cast<int>(std::max_element(std::begin(chars), std::end(chars)) - std::begin(chars));
  if (turn == 0 || words->empty()) return;
  double min_x = 1e300, min_y = 1e300;
  for (PlacedWord& w : *words) {
    const PlacedWord b = w;
    if (turn == 1) {  // reads downward; the first line is the rightmost
      w.x0 = b.y0, w.x1 = b.y1, w.y0 = -b.x1, w.y1 = -b.x0;
    } else if (turn == 2) {  // upside down
      w.x0 = -b.x1, w.x1 = -b.x0, w.y0 = -b.y1, w.y1 = -b.y0;
    } else {  // reads upward; the first line is the leftmost
      w.x0 = -b.y1, w.x1 = -b.y0, w.y0 = b.x0, w.y1 = b.x1;
    }
    min_x = std::min(min_x, w.x0);
    min_y = std::min(min_y, w.y0);
  }
  for (PlacedWord& w : *words) {
    w.x0 -= min_x, w.x1 -= min_x, w.y0 -= min_y, w.y1 -= min_y;
    w.rotation = 0;
  }
}

}  // namespace

LaidOutPage LayOutWords(std::vector<PlacedWord> words) {
  TurnUpright(&words);
  LaidOutPage page;
  const std::vector<LineBuild> lines = GroupIntoLines(std::move(words));
  double previous_bottom = 0;
  double previous_height = 0;
  for (const LineBuild& line : lines) {
    if (line.words.empty()) continue;
    const double height = line.y1 - line.y0;
    if (!page.text.empty()) {
      page.text += '\n';
      // A gap taller than most of a line means the writer left a blank line.
      if (line.y0 - previous_bottom > 0.8 * std::max(height, previous_height)) page.text += '\n';
    }
    TextLine text_line{page.text.size(), page.text.size(), line.y0, line.y1};
    for (size_t i = 0; i < line.words.size(); ++i) {
      const PlacedWord& w = line.words[i];
      if (i > 0) page.text += IsColumnGap(line.words[i - 1], w) ? '\t' : ' ';
      const size_t begin = page.text.size();
      page.text += w.text;
      page.words.push_back({w.x0, w.y0, w.x1, w.y1, begin, page.text.size()});
    }
    text_line.end = page.text.size();
    page.lines.push_back(text_line);
    previous_bottom = line.y1;
    previous_height = height;
  }
  if (!page.text.empty()) page.text += '\n';
  return page;
}

std::vector<TextLine> SplitLines(const std::string& text) {
  std::vector<TextLine> lines;
  size_t begin = 0;
  double row = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back({begin, end, row, row + 1});
    row += 1;
    begin = end + 1;
  }
  return lines;
}

}  // namespace imr
