#include "ingest/furniture.h"

#include <cctype>
#include <map>
#include <set>

#include "core/text.h"

namespace imr {
namespace {

// Share of the page height, from the top and from the bottom, where running
// headers and footers live.
constexpr double kBand = 0.09;
// How many lines from either end may be furniture, at most.
constexpr size_t kMaxLines = 2;

std::string MaskDigits(std::string_view line) {
  std::string key = AsciiLower(CollapseWhitespace(line));
  for (char& c : key) {
    if (std::isdigit(static_cast<unsigned char>(c))) c = '#';
  }
  return key;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool InBand(const PageLayout& page, const TextLine& line) {
  return line.y1 <= page.height * kBand || line.y0 >= page.height * (1 - kBand);
}

// Indices of the first and last few lines of a page that lie inside the bands.
std::vector<size_t> BandLines(const PageLayout& page) {
  std::vector<size_t> out;
  const size_t n = page.lines.size();
  for (size_t i = 0; i < n; ++i) {
    const bool near_end = i < kMaxLines || i + kMaxLines >= n;
    if (near_end && InBand(page, page.lines[i])) out.push_back(i);
  }
  return out;
}

std::string_view LineText(const PageLayout& page, const TextLine& line) {
  return std::string_view(*page.text).substr(line.begin, line.end - line.begin);
}

}  // namespace

bool IsPageNumberLine(std::string_view line) {
  std::string s = AsciiLower(CollapseWhitespace(line));
  std::string_view v = s;
  if (v.starts_with("page ")) v.remove_prefix(5);
  if (v.starts_with("- ") && v.ends_with(" -")) v = v.substr(2, v.size() - 4);
  const size_t of = v.find(" of ");
  if (of != std::string_view::npos) return AllDigits(v.substr(0, of)) && AllDigits(v.substr(of + 4));
  return AllDigits(v) && v.size() <= 4;
}

std::vector<std::vector<Span>> FindFurniture(const std::vector<PageLayout>& pages) {
  // Count on how many pages each masked band line appears.
  std::map<std::string, std::set<int>> seen_on;
  for (const PageLayout& page : pages) {
    for (size_t i : BandLines(page)) {
      seen_on[MaskDigits(LineText(page, page.lines[i]))].insert(page.page_number);
    }
  }
  std::vector<std::vector<Span>> out(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    const PageLayout& page = pages[p];
    for (size_t i : BandLines(page)) {
      const TextLine& line = page.lines[i];
      const std::string_view text = LineText(page, line);
      const bool repeats = pages.size() > 1 && seen_on[MaskDigits(text)].size() >= 2;
      if ((IsPageNumberLine(text) || repeats) && !TrimView(text).empty()) {
        out[p].push_back({page.page_number, line.begin, line.end});
      }
    }
  }
  return out;
}

}  // namespace imr
