#include "extract/stitched_text.h"

#include <algorithm>

namespace imr {
namespace {

void Append(StitchedText* out, int page_number, std::string_view page_text, size_t begin,
            size_t end) {
  if (!out->text.empty()) out->text += '\n';
  out->pieces.push_back({out->text.size(), page_number, begin, end - begin});
  out->text.append(page_text.substr(begin, end - begin));
}

}  // namespace

Span StitchedText::ToSpan(size_t begin, size_t end) const {
  // The last piece that starts at or before `begin` holds it.
  auto it = std::upper_bound(pieces.begin(), pieces.end(), begin,
                             [](size_t at, const Piece& p) { return at < p.joined_begin; });
  if (it == pieces.begin()) return {};
  const Piece& piece = *(it - 1);
  const size_t local_begin = begin - piece.joined_begin;
  if (local_begin > piece.size) return {};  // inside a joint
  const size_t local_end = std::min(end - piece.joined_begin, piece.size);
  return {piece.page_number, piece.page_begin + local_begin, piece.page_begin + local_end};
}

std::string_view StitchedText::Quote(size_t begin, size_t end) const {
  const Span span = ToSpan(begin, end);
  return span.empty() ? std::string_view() : std::string_view(text).substr(begin, span.size());
}

size_t StitchedText::ToJoined(const Span& span) const {
  for (const Piece& p : pieces) {
    if (p.page_number == span.page_number && span.begin >= p.page_begin && span.begin <= p.page_begin + p.size) {
      return p.joined_begin + (span.begin - p.page_begin);
    }
  }
  return std::string::npos;
}

bool StitchedText::IsJoint(size_t offset) const {
  for (size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i].joined_begin == offset) return true;
  }
  return false;
}

std::pair<size_t, size_t> StitchedText::PieceBounds(size_t offset) const {
  std::pair<size_t, size_t> bounds = {0, text.size()};
  for (const Piece& piece : pieces) {
    if (piece.joined_begin > offset) break;
    bounds = {piece.joined_begin, std::min(piece.joined_begin + piece.size, text.size())};
  }
  return bounds;
}

std::pair<size_t, size_t> StitchedText::PieceBounds(size_t begin, size_t end) const {
  std::pair<size_t, size_t> bounds = PieceBounds(begin);
  if (end > begin) bounds.second = std::max(bounds.second, PieceBounds(end - 1).second);
  bounds.second = std::max(bounds.second, std::min(end, text.size()));
  return bounds;
}

StitchedText StitchSections(const Document& doc, std::string_view name) {
  StitchedText out;
  for (const Section* s : SectionsNamed(doc, name)) {
    Append(&out, s->page_number, doc.pages[s->page_number - 1].text, s->begin, s->end);
  }
  return out;
}

StitchedText StitchPages(const Document& doc) {
  StitchedText out;
  for (const Page& page : doc.pages) Append(&out, page.page_number, page.text, 0, page.text.size());
  return out;
}

}  // namespace imr
