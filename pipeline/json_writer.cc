#include "pipeline/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include <nlohmann/json.hpp>

namespace imr {
namespace {

// What the string writer does with a byte: copy it, escape it, or check the
// UTF-8 sequence it starts.
enum ByteClass : uint8_t { kCopy, kEscape, kMultiByte };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    if (c < 0x20 || c == '"' || c == '\\') {
      classes[c] = kEscape;
    } else if (c >= 0x80) {
      classes[c] = kMultiByte;
    } else {
      classes[c] = kCopy;
    }
  }
  return classes;
}

constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

// The length of the well-formed UTF-8 sequence at `p` (Unicode's table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0 when the
// bytes there are not one. nlohmann's decoder accepts exactly these.
size_t Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const auto follows = [&](size_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return p + i < end && p[i] >= low && p[i] <= high;
  };
  const unsigned char c = p[0];
  if (c >= 0xC2 && c <= 0xDF) return follows(1) ? 2 : 0;
  if (c == 0xE0) return follows(1, 0xA0) && follows(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return follows(1) && follows(2) ? 3 : 0;
  if (c == 0xED) return follows(1, 0x80, 0x9F) && follows(2) ? 3 : 0;
  if (c == 0xF0) return follows(1, 0x90) && follows(2) && follows(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return follows(1) && follows(2) && follows(3) ? 4 : 0;
  if (c == 0xF4) return follows(1, 0x80, 0x8F) && follows(2) && follows(3) ? 4 : 0;
  return 0;
}

// Writes the escape of byte `c` (below 0x20, '"' or '\\').
template <typename Out>
void AppendEscaped(unsigned char c, Out& out) {
  switch (c) {
    case '"': out.Append("\\\"", 2); return;
    case '\\': out.Append("\\\\", 2); return;
    case '\b': out.Append("\\b", 2); return;
    case '\f': out.Append("\\f", 2); return;
    case '\n': out.Append("\\n", 2); return;
    case '\r': out.Append("\\r", 2); return;
    case '\t': out.Append("\\t", 2); return;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.Append(escape, sizeof escape);
    }
  }
}

// True when one of the 8 bytes in `word` needs a look: below 0x20, '"',
// '\\' or 0x80 and above. Never false when one does (the tests below have
// no false negatives; a false positive only sends the bytes to the slow
// path). Text is mostly plain ASCII, skipped 8 bytes at a time.
bool AnyByteNeedsALook(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101u, kHighBits = 0x8080808080808080u;
  const auto has_zero_byte = [](uint64_t v) { return (v - kOnes) & ~v; };
  const uint64_t below_space = (word - kOnes * 0x20) & ~word;
  return ((below_space | has_zero_byte(word ^ (kOnes * '"')) | has_zero_byte(word ^ (kOnes * '\\')) | word) &
          kHighBits) != 0;
}

// Writes `text` escaped, without quotes, to `out` (anything with
// Append(const char*, size_t)); false, with some of it written, when `text`
// holds invalid UTF-8. Runs of bytes that need nothing are appended whole.
template <typename Out>
bool AppendEscapedText(std::string_view text, Out& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  const auto* run = p;
  while (p < end) {
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, sizeof word);
      if (!AnyByteNeedsALook(word)) {
        p += 8;
        continue;
      }
    }
    switch (kByteClasses[*p]) {
      case kCopy:
        ++p;
        break;
      case kMultiByte:
        if (const size_t length = Utf8SequenceLength(p, end); length > 0) {
          p += length;
          break;
        }
        return false;
      default:
        out.Append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
        AppendEscaped(*p, out);
        run = ++p;
    }
  }
  out.Append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
  return true;
}

struct StringOut {
  std::string* text;
  void Append(const char* p, size_t n) { text->append(p, n); }
};

// nlohmann's own text for a value this writer leaves to it.
std::string NlohmannDump(const nlohmann::json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  const size_t start = out->size();
  out->push_back('"');
  StringOut sink{out};
  if (!AppendEscapedText(text, sink)) {
    // Invalid UTF-8, rare (ingest repairs page text): nlohmann's own
    // replacement rules decide which bytes become U+FFFD.
    out->resize(start);
    out->append(NlohmannDump(std::string(text)));
    return;
  }
  out->push_back('"');
}

// The buffer grows by doubling.
char* JsonWriter::Grow(size_t n) {
  buffer_.resize(std::max(2 * buffer_.size(), size_ + n + 256));
  return buffer_.data() + size_;
}

void JsonWriter::Reserve(size_t bytes) {
  if (buffer_.size() - size_ < bytes) buffer_.resize(size_ + bytes);
}

std::string JsonWriter::Take() && {
  buffer_.resize(size_);
  return std::move(buffer_);
}

void JsonWriter::WriteString(std::string_view text) {
  const size_t start = size_;
  Put('"');
  struct Sink {
    JsonWriter* writer;
    void Append(const char* p, size_t n) { writer->Append(p, n); }
  } sink{this};
  if (!AppendEscapedText(text, sink)) {
    size_ = start;
    const std::string escaped = NlohmannDump(std::string(text));  // see AppendJsonString
    Append(escaped.data(), escaped.size());
    return;
  }
  Put('"');
}

void JsonWriter::NewLineAndIndent(size_t depth) {
  const size_t spaces = depth * static_cast<size_t>(indent_);
  char* at = Room(spaces + 1);
  at[0] = '\n';
  std::memset(at + 1, ' ', spaces);
  size_ += spaces + 1;
}

// Writes what comes before a value: nothing after a key or at the top, a
// comma (and, indented, a new line) between the items of an array.
void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()) Put(',');
  open_.back() = true;
  if (indent_ >= 0) NewLineAndIndent(open_.size());
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  Put(bracket);
  open_.push_back(false);
}

// An empty object or array closes on its own line ("{}", "[]"); a full one
// closes on a new line at its opening's depth.
void JsonWriter::Close(char bracket) {
  const bool any = open_.back();
  open_.pop_back();
  if (any && indent_ >= 0) NewLineAndIndent(open_.size());
  Put(bracket);
}

void JsonWriter::BeginObject() { Open('{'); }
void JsonWriter::EndObject() { Close('}'); }
void JsonWriter::BeginArray() { Open('['); }
void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  WriteString(key);
  indent_ >= 0 ? Append(": ", 2) : Put(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  WriteString(text);
}

void JsonWriter::Int(int64_t number) {
  BeforeValue();
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  Append(digits, static_cast<size_t>(end - digits));
}

void JsonWriter::Uint(uint64_t number) {
  BeforeValue();
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  Append(digits, static_cast<size_t>(end - digits));
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  value ? Append("true", 4) : Append("false", 5);
}

void JsonWriter::Null() {
  BeforeValue();
  Append("null", 4);
}

void JsonWriter::Double(double number) {
  BeforeValue();
  const std::string text = NlohmannDump(number);  // rare in a record: an OCR page's confidence
  Append(text.data(), text.size());
}

void JsonWriter::RawNumber(std::string_view text) {
  BeforeValue();
  Append(text.data(), text.size());
}

}  // namespace imr
