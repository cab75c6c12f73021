// Running headers, footers and page numbers: the page furniture that repeats
// on every page and belongs to no section.
//
//   std::vector<imr::PageLayout> pages = ...;          // text, lines, height
//   std::vector<std::vector<imr::Span>> f = imr::FindFurniture(pages);
//   // f[0] holds the byte ranges of page 1's furniture lines
//
// A line counts as furniture when it sits in the top or bottom band of its
// page and either reads as a page number ("Page 2 of 4", "- 3 -", "3") or, with
// its digits masked, recurs in the same band on at least two pages.
#ifndef IMR_INGEST_FURNITURE_H_
#define IMR_INGEST_FURNITURE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "ingest/layout.h"

namespace imr {

struct PageLayout {
  int page_number = 1;
  const std::string* text = nullptr;  // borrowed
  std::vector<TextLine> lines;
  double height = 792;  // points; for text input, the line count
};

std::vector<std::vector<Span>> FindFurniture(const std::vector<PageLayout>& pages);

// True for the shapes page numbers take on their own line.
bool IsPageNumberLine(std::string_view line);

}  // namespace imr

#endif  // IMR_INGEST_FURNITURE_H_
