// Decompression bombs: a PDF of a few kilobytes whose streams inflate to
// gigabytes (a stream deflated twice grows a million-fold). Poppler inflates
// a page's content as it reads it and keeps every character the content
// shows, so such a page takes the worker's memory and time before anything
// can be said about it. qpdf inflates the streams first, counting the bytes
// and stopping at the limit, and a bomb is refused with a named problem.
// Private to the PDF module.
//
//   if (imr::InflatesTooFar(bytes)) return Refuse("pdf_decompression_bomb");
//
// Only what a reader of text inflates counts: page contents, forms, fonts,
// character maps; images are drawn for OCR only, at a fixed resolution, and
// are left out (a real scan's images are most of its inflated bytes).
#ifndef IMR_INGEST_PDF_INFLATE_H_
#define IMR_INGEST_PDF_INFLATE_H_

#include <cstdint>
#include <string_view>

namespace imr {

// Real documents inflate a few times over (fonts about 2, page contents 3 to
// 10): a bomb inflates past both a floor no page needs and this ratio to the
// file's own size.
inline constexpr uint64_t kInflateFloorBytes = uint64_t{64} << 20;
inline constexpr uint64_t kInflateRatio = 100;

// True when the streams of the PDF in `bytes` (other than images) inflate,
// together, past max(kInflateFloorBytes, kInflateRatio x its size); inflating
// stops there. False when they do not, or when qpdf cannot read the file
// (Poppler's reading decides then; the worker's memory limit still holds).
// Never throws; prints nothing.
//
// Most files are cleared without inflating anything: each stream's length
// times its filters' worst growth (deflate 1032 to 1) bounds what it can
// inflate to, and when the bounds add up to less than the limit, so does
// the inflating. Only a file the bound cannot clear is inflated and counted.
bool InflatesTooFar(std::string_view bytes);

// How the check decided, for tests and measurements:
//   kBoundedUnder  the bound cleared it, nothing was inflated;
//   kCountedUnder  counted, and under the limit (or qpdf cannot read it);
//   kCountedPast   counted, and past the limit: InflatesTooFar is true.
enum class InflateVerdict { kBoundedUnder, kCountedUnder, kCountedPast };
InflateVerdict CheckInflation(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_PDF_INFLATE_H_
