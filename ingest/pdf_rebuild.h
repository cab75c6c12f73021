// A new cross-reference for a PDF whose own is lost or wrong, when neither
// Poppler nor qpdf can rebuild one. Both rebuild by scanning for "N G obj"
// and for the keyword `trailer`; a PDF 1.5 file (as the real letters are)
// keeps its trailer in a cross-reference stream and most of its objects in
// object streams, so their scan finds no trailer and none of the compressed
// objects, and they give up (qpdf 11.3: "unable to find trailer dictionary";
// Poppler 22.12: "Couldn't find trailer dictionary"). Private to the PDF
// module.
//
//   if (std::optional<std::string> fixed = imr::RebuildCrossReference(bytes)) Read(*fixed);
//
// What it does, all from the bytes as they are:
//   - every "N G obj" header is an object at that offset (the last one wins,
//     as in an incremental update);
//   - the trailer's keys (/Root, /Encrypt, /Info, /ID) come from the last
//     cross-reference stream dictionary or `trailer` that has each;
//   - object streams are read through qpdf (decrypted with the empty password
//     when the file is encrypted) for the objects they hold, as far as they
//     inflate;
//   - with no /Root left (the end of a file cut off), the catalog is the last
//     object that says /Type /Catalog; with none, a new page tree lists every
//     page object found, in file order.
// The original bytes are kept; a cross-reference stream and startxref
// pointing at it are appended.
#ifndef IMR_INGEST_PDF_REBUILD_H_
#define IMR_INGEST_PDF_REBUILD_H_

#include <optional>
#include <string>
#include <string_view>

namespace imr {

// The PDF in `bytes` with a new cross-reference appended, or nullopt when no
// object, or neither a catalog nor a page, is found. Inflating object streams
// stops past max(64 MB, 100 x the file's size) in all (the bound of the
// decompression-bomb check). Never throws; prints nothing.
std::optional<std::string> RebuildCrossReference(std::string_view bytes);

}  // namespace imr

#endif  // IMR_INGEST_PDF_REBUILD_H_
