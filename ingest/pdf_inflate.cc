#include "ingest/pdf_inflate.h"

#define POINTERHOLDER_TRANSITION 4  // qpdf's std::shared_ptr interface, without its warning
#include <qpdf/Constants.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace imr {
namespace {

using XRef = std::map<QPDFObjGen, QPDFXRefEntry>;

// ---------------------------------------------------------------------------
// Counting: what qpdf's decoding writes, stream by stream.

struct LimitReached {};

// Counts what a stream inflates to, and stops the inflating past `limit`
// (qpdf catches what a pipeline throws and gives up on the stream).
class CountingPipeline : public Pipeline {
 public:
  CountingPipeline(uint64_t* total, uint64_t limit) : Pipeline("count", nullptr), total_(total), limit_(limit) {}
  void write(unsigned char const*, size_t size) override {
    *total_ += size;
    if (*total_ > limit_) throw LimitReached();
  }
  void finish() override {}

 private:
  uint64_t* total_;
  uint64_t limit_;
};

bool IsImage(QPDFObjectHandle& stream) {
  QPDFObjectHandle dict = stream.getDict();
  return dict.getKey("/Subtype").isNameAndEquals("/Image");
}

bool CountsPastLimit(std::string_view bytes, uint64_t limit) {
  uint64_t total = 0;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile("input", bytes.data(), bytes.size(), "");  // the empty user password
    // The streams the cross-reference table lists. An object kept inside an
    // object stream (an entry of type 2) is never a stream itself, so it is
    // not read at all: reading every object (getAllObjects) was two thirds of
    // this check's cost on an ordinary letter (callgrind).
    for (const auto& [id, entry] : pdf.getXRefTable()) {
      if (entry.getType() != 1) continue;
      QPDFObjectHandle object = pdf.getObject(id);
      if (!object.isStream() || IsImage(object)) continue;
      CountingPipeline count(&total, limit);
      object.pipeStreamData(&count, nullptr, 0, qpdf_dl_generalized, /*suppress_warnings=*/true);
      if (total > limit) return true;
    }
  } catch (...) {
    // Not readable by qpdf: Poppler's reading decides. (A LimitReached that
    // qpdf let through lands here too, with the total past the limit.)
  }
  return total > limit;
}

// ---------------------------------------------------------------------------
// Telling, from the file's bytes alone, that an object is not a stream.
//
// qpdf reads an object as a stream only when it is a dictionary and the token
// after the dictionary is `stream`. Parsing every object with qpdf to learn
// that a font's width array is not one cost more than half of the bound's
// reading (about 100,000 instructions an object). The scan below reads the
// object's tokens as qpdf's tokenizer does, and answers "not a stream" only
// on a plain object: the header `N G obj` qpdf expects at the offset, then a
// first token other than `<<`, or a dictionary made of names, numbers,
// references, booleans, null, strings, arrays and dictionaries followed by
// `endobj`. Anything else (a comment, a stray delimiter, a keyword, a byte
// outside printable ASCII between tokens, nesting past 64) is left to qpdf.
// On such a plain object the two tokenizers cut the same tokens, so the
// token qpdf reads after its parse of the object is one of the scanned
// tokens, none of which is `stream`.

bool IsWhite(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsDelimiter(char c) {
  switch (c) {
    case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}': case '/': case '%':
      return true;
    default:
      return false;
  }
}
bool IsRegular(char c) { return c > ' ' && c < 0x7f && !IsDelimiter(c); }
bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

class PlainObjectScan {
 public:
  PlainObjectScan(std::string_view bytes, size_t at) : s_(bytes), p_(at) {}

  // True when the object at the offset is surely not a stream (see above).
  bool NotAStream(QPDFObjGen id) {
    if (!Number(id.getObj()) || !White() || !Number(id.getGen()) || !White() || Word() != "obj") return false;
    SkipWhite();
    if (p_ >= s_.size()) return false;
    if (s_.compare(p_, 2, "<<") == 0) {
      if (!Dictionary()) return false;
      SkipWhite();
      return s_.compare(p_, 6, "endobj") == 0;
    }
    // Not a dictionary, so not a stream: a first token qpdf reads as this
    // scan does (it starts with a printable byte that is not a comment).
    return s_[p_] > ' ' && s_[p_] < 0x7f && s_[p_] != '%';
  }

 private:
  void SkipWhite() {
    while (p_ < s_.size() && IsWhite(s_[p_])) ++p_;
  }
  bool White() {
    const size_t before = p_;
    SkipWhite();
    return p_ > before;
  }
  std::string_view Word() {
    const size_t begin = p_;
    while (p_ < s_.size() && IsRegular(s_[p_])) ++p_;
    return s_.substr(begin, p_ - begin);
  }
  bool Number(int expected) {
    const std::string_view word = Word();
    if (word.empty() || word.size() > 10) return false;
    int64_t value = 0;
    for (char c : word) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    return value == expected;
  }
  // From `<<` to its `>>`, leaving the scan after it.
  bool Dictionary() {
    std::vector<char> open;  // '<' for a dictionary, '[' for an array
    while (true) {
      SkipWhite();
      if (p_ >= s_.size()) return false;
      const char c = s_[p_];
      if (c == '<' && s_.compare(p_, 2, "<<") == 0) {
        if (open.size() >= 64) return false;
        open.push_back('<');
        p_ += 2;
      } else if (c == '>') {
        if (s_.compare(p_, 2, ">>") != 0 || open.empty() || open.back() != '<') return false;
        open.pop_back();
        p_ += 2;
        if (open.empty()) return true;
      } else if (c == '[') {
        if (open.size() >= 64) return false;
        open.push_back('[');
        ++p_;
      } else if (c == ']') {
        if (open.empty() || open.back() != '[') return false;
        open.pop_back();
        ++p_;
      } else if (c == '<') {
        if (!HexString()) return false;
      } else if (c == '(') {
        if (!LiteralString()) return false;
      } else if (c == '/') {
        ++p_;
        Word();
      } else if (IsRegular(c)) {
        const std::string_view word = Word();
        const bool number = word.find_first_not_of("0123456789+-.") == std::string_view::npos;
        if (!number && word != "R" && word != "true" && word != "false" && word != "null") return false;
      } else {
        return false;
      }
    }
  }
  bool HexString() {
    for (++p_; p_ < s_.size(); ++p_) {
      if (s_[p_] == '>') {
        ++p_;
        return true;
      }
      if (!IsHexDigit(s_[p_]) && !IsWhite(s_[p_])) return false;
    }
    return false;
  }
  bool LiteralString() {
    int depth = 0;
    for (; p_ < s_.size(); ++p_) {
      const char c = s_[p_];
      if (c == '\\') {
        ++p_;  // the escaped byte, whatever it is
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        ++p_;
        return true;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t p_;
};

// ---------------------------------------------------------------------------
// Bounding: how far a stream can inflate, from its dictionary alone.
//
// A stream's raw bytes are the `/Length` bytes after its `stream` keyword
// (when qpdf had to recover another length, it warned, and the bound gives
// up). Decrypting does not lengthen them by more than 16 (RC4 keeps the
// length; AES drops a 16-byte IV and pads at most a block). Each decoding
// filter then writes at most so many bytes for each byte it reads:
//   FlateDecode 1032: the shortest deflate code for output is a match, at
//     least 2 bits (a length and a distance code of 1 bit each) for at most
//     258 bytes; that is zlib's own figure for its largest ratio;
//   RunLengthDecode 64: 2 bytes repeat a byte at most 128 times;
//   ASCII85Decode 4: `z` is four zero bytes;
//   ASCIIHexDecode 1: two digits a byte.
// A predictor writes at most a row more than it reads (qpdf pads a partial
// last row). qpdf decodes the filters in order, so their bounds compose, and
// each bound is at least its input, so a chain qpdf decodes only in part, or
// not at all (it then writes the raw bytes), stays under it. Any filter
// whose worst case is not known here (LZW, image codecs, Crypt, a name
// qpdf does not know) leaves the stream to counting.

// out <= times * in + plus
struct Growth {
  uint64_t times = 1;
  uint64_t plus = 0;
};

constexpr uint64_t kBoundCap = uint64_t{1} << 62;  // past any limit; products saturate here

uint64_t Saturating(uint64_t times, uint64_t in, uint64_t plus) {
  if (in != 0 && times > kBoundCap / in) return kBoundCap;
  return std::min(kBoundCap, times * in + plus);
}

// A value qpdf reads the same whatever the encryption key: written in the
// object itself, or an indirect object outside any object stream (objects in
// an object stream are read through its decryption).
bool Plain(QPDFObjectHandle value, const XRef& xref) {
  if (!value.isIndirect()) return true;
  const auto entry = xref.find(value.getObjGen());
  return entry != xref.end() && entry->second.getType() == 1;
}

// A positive integer up to `max`, `fallback` when absent; nullopt otherwise.
std::optional<uint64_t> Parameter(QPDFObjectHandle parms, const char* key, uint64_t fallback, uint64_t max,
                                  const XRef& xref) {
  QPDFObjectHandle value = parms.getKey(key);
  if (!Plain(value, xref)) return std::nullopt;
  if (value.isNull()) return fallback;
  if (!value.isInteger() || value.getIntValue() < 1 || static_cast<uint64_t>(value.getIntValue()) > max) {
    return std::nullopt;
  }
  return static_cast<uint64_t>(value.getIntValue());
}

// The bytes a predictor may add: one row (Predictor 2 or 10 to 15).
std::optional<uint64_t> PredictorRow(QPDFObjectHandle parms, const XRef& xref) {
  if (!Plain(parms, xref)) return std::nullopt;
  if (parms.isNull()) return 0;
  if (!parms.isDictionary()) return std::nullopt;
  const auto predictor = Parameter(parms, "/Predictor", 1, 1 << 20, xref);
  if (!predictor) return std::nullopt;
  if (*predictor == 1) return 0;
  const auto columns = Parameter(parms, "/Columns", 1, 1 << 24, xref);
  const auto colors = Parameter(parms, "/Colors", 1, 1 << 8, xref);
  const auto bits = Parameter(parms, "/BitsPerComponent", 8, 64, xref);
  if (!columns || !colors || !bits) return std::nullopt;
  return (*columns * *colors * *bits + 7) / 8;
}

std::optional<Growth> FilterGrowth(QPDFObjectHandle filter, QPDFObjectHandle parms, const XRef& xref) {
  if (!Plain(filter, xref) || !filter.isName()) return std::nullopt;
  const std::string name = filter.getName();
  if (name == "/FlateDecode" || name == "/Fl") {
    const auto row = PredictorRow(parms, xref);
    if (!row) return std::nullopt;
    return Growth{1032, *row};
  }
  if (name == "/RunLengthDecode" || name == "/RL") return Growth{64, 0};
  if (name == "/ASCII85Decode" || name == "/A85") return Growth{4, 0};
  if (name == "/ASCIIHexDecode" || name == "/AHx") return Growth{1, 0};
  return std::nullopt;
}

// At most how many bytes qpdf's decoding of `stream` writes; nullopt when
// that cannot be told from its dictionary.
std::optional<uint64_t> InflatesAtMost(QPDFObjectHandle dict, const XRef& xref) {
  QPDFObjectHandle length = dict.getKey("/Length");
  if (!Plain(length, xref) || !length.isInteger() || length.getIntValue() < 0) return std::nullopt;
  // An abbreviated key qpdf may or may not read as /DecodeParms.
  if (dict.hasKey("/DP")) return std::nullopt;
  QPDFObjectHandle filters = dict.getKey("/Filter");
  QPDFObjectHandle parms = dict.getKey("/DecodeParms");
  if (!Plain(filters, xref) || !Plain(parms, xref)) return std::nullopt;
  std::vector<std::pair<QPDFObjectHandle, QPDFObjectHandle>> chain;
  if (filters.isName()) {
    if (parms.isArray()) return std::nullopt;
    chain.emplace_back(filters, parms);
  } else if (filters.isArray()) {
    const int n = filters.getArrayNItems();
    if (!parms.isNull() && !(parms.isArray() && parms.getArrayNItems() == n)) return std::nullopt;
    for (int i = 0; i < n; ++i) {
      chain.emplace_back(filters.getArrayItem(i), parms.isNull() ? parms : parms.getArrayItem(i));
    }
  } else if (!filters.isNull()) {
    return std::nullopt;
  }
  uint64_t bound = Saturating(1, static_cast<uint64_t>(length.getIntValue()), 16);
  for (auto& [filter, filter_parms] : chain) {
    const auto growth = FilterGrowth(filter, filter_parms, xref);
    if (!growth) return std::nullopt;
    bound = Saturating(growth->times, bound, growth->plus);
  }
  return bound;
}

// True when the streams qpdf would count surely inflate, together, to at
// most `limit`; false when that cannot be shown without inflating them.
//
// qpdf reads the file with a made-up encryption key given as the key itself,
// which skips the password checks (about a third of qpdf's reading of an
// encrypted letter). Nothing the bound reads depends on the key: the
// cross-reference, the objects outside object streams, the names, integers
// and lengths of their dictionaries (only strings and stream data are
// encrypted). A value from inside an object stream, which would be read
// through the wrong key, is refused (Plain). Whatever qpdf warns about
// (a damaged file, a length it had to recover) leaves the file to counting.
bool BoundStaysUnder(std::string_view bytes, uint64_t limit) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setPasswordIsHexKey(true);
    pdf.processMemoryFile("input", bytes.data(), bytes.size(), std::string(64, '0').c_str());
    if (pdf.anyWarnings()) return false;
    const XRef xref = pdf.getXRefTable();
    // qpdf's offsets count from the header when bytes come before it.
    const bool scannable = bytes.substr(0, 5) == "%PDF-";
    uint64_t total = 0;
    for (const auto& [id, entry] : xref) {
      if (entry.getType() != 1) continue;
      if (scannable && entry.getOffset() > 0 && static_cast<uint64_t>(entry.getOffset()) < bytes.size() &&
          PlainObjectScan(bytes, static_cast<size_t>(entry.getOffset())).NotAStream(id)) {
        continue;
      }
      QPDFObjectHandle object = pdf.getObject(id);
      if (!object.isStream()) continue;
      QPDFObjectHandle dict = object.getDict();
      QPDFObjectHandle subtype = dict.getKey("/Subtype");
      if (!Plain(subtype, xref)) return false;
      if (subtype.isNameAndEquals("/Image")) continue;
      const auto bound = InflatesAtMost(dict, xref);
      if (!bound) return false;
      total = std::min(kBoundCap, total + *bound);
      if (total > limit || pdf.anyWarnings()) return false;
    }
    return !pdf.anyWarnings();
  } catch (...) {
    return false;
  }
}

}  // namespace

InflateVerdict CheckInflation(std::string_view bytes) {
  const uint64_t limit = std::max<uint64_t>(kInflateFloorBytes, kInflateRatio * bytes.size());
  if (BoundStaysUnder(bytes, limit)) return InflateVerdict::kBoundedUnder;
  return CountsPastLimit(bytes, limit) ? InflateVerdict::kCountedPast : InflateVerdict::kCountedUnder;
}

bool InflatesTooFar(std::string_view bytes) { return CheckInflation(bytes) == InflateVerdict::kCountedPast; }

}  // namespace imr
