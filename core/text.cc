#include "core/text.h"

#include <cctype>

namespace imr {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool IsAllowedControl(unsigned char c) { return c == '\t' || c == '\n' || c == '\f'; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

}  // namespace

std::string SanitizeUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 && !IsAllowedControl(c)) {
      // \r\n and lone \r become \n so that line logic sees one convention.
      if (c == '\r') {
        if (i + 1 >= bytes.size() || bytes[i + 1] != '\n') out += '\n';
      } else {
        out += kReplacement;
      }
      ++i;
      continue;
    }
    if (c == 0x7F) { out += kReplacement; ++i; continue; }
    const size_t len = ValidSequenceLength(bytes, i);
    if (len == 0) { out += kReplacement; ++i; continue; }
    out.append(bytes.substr(i, len));
    i += len;
  }
  return out;
}

bool IsCleanUtf8(std::string_view bytes) { return SanitizeUtf8(bytes) == bytes; }

size_t ValidUtf8PrefixLength(std::string_view bytes) {
  size_t i = 0;
  for (size_t len = 0; i < bytes.size() && (len = ValidSequenceLength(bytes, i)) > 0;) i += len;
  return i;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) { pending_space = !out.empty(); continue; }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string CompareKey(std::string_view text) {
  // A hyphen that ended a line reads "right- sided" once lines are joined, and
  // "right-sided" where the writer kept the word whole: both become the latter.
  const std::string collapsed = AsciiLower(CollapseWhitespace(text));
  std::string out;
  out.reserve(collapsed.size());
  for (size_t i = 0; i < collapsed.size(); ++i) {
    if (collapsed[i] == ' ' && i > 0 && collapsed[i - 1] == '-') continue;
    out += collapsed[i];
  }
  return out;
}

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string AsciiLower(std::string_view text) {
  // A to Z only, as std::tolower does in the "C" locale imr runs in, without
  // its call per byte: every region's text is lowered once per pattern table.
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
  return out;
}

std::string LowerHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace imr
