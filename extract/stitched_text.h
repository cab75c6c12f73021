// The pages of one section joined into a single string, with the way back from
// an offset in the joined string to a page and an offset in that page.
//
//   imr::StitchedText s = imr::StitchSections(doc, "decisions_and_rationales");
//   size_t at = s.text.find("Upheld");
//   imr::Span span = s.ToSpan(at, at + 6);   // page_number, page offsets
//
// Segments are joined with one "\n", so a paragraph broken by a page break
// reads on; `pieces` tells where each page's text begins for readers that must
// not run across a joint. Spans never cross pages: ToSpan clips a range to the
// page where it starts.
#ifndef IMR_EXTRACT_STITCHED_TEXT_H_
#define IMR_EXTRACT_STITCHED_TEXT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.h"

namespace imr {

struct StitchedText {
  struct Piece {
    size_t joined_begin = 0;  // where the piece starts in `text`
    int page_number = 1;
    size_t page_begin = 0;
    size_t size = 0;
  };
  std::string text;
  std::vector<Piece> pieces;

  Span ToSpan(size_t begin, size_t end) const;

  // The words ToSpan(begin, end) points at, exactly as the page has them:
  // the range clipped to the page where it starts.
  std::string_view Quote(size_t begin, size_t end) const;

  // The inverse of ToSpan for a span's start: where span.begin sits in `text`,
  // or npos when no piece holds it.
  size_t ToJoined(const Span& span) const;

  // True when `offset` is where a later piece (page) begins.
  bool IsJoint(size_t offset) const;

  // Where the piece (page part) holding `offset` begins and ends in `text`:
  // the last piece that starts at or before `offset`, its end capped at
  // text.size(). An offset in the joint after a piece belongs to that piece.
  // With no such piece (no pieces, or `offset` before the first), the whole
  // text: {0, text.size()}. For readers that must not run across a page.
  std::pair<size_t, size_t> PieceBounds(size_t offset) const;

  // The same for a range that may run over a joint ("... urine" at the foot of
  // one page, "toxicology screen" at the top of the next): from the start of
  // the piece holding `begin` to the end of the piece holding the range's last
  // byte, so a reader looking past the range's end stays inside the text.
  std::pair<size_t, size_t> PieceBounds(size_t begin, size_t end) const;
};

// Joins the segments of every section called `name`, in page order.
StitchedText StitchSections(const Document& doc, std::string_view name);

// Joins whole pages, for extractors that read everything.
StitchedText StitchPages(const Document& doc);

}  // namespace imr

#endif  // IMR_EXTRACT_STITCHED_TEXT_H_
