#include "pipeline/json_writer.h"

#include <array>
#include <charconv>

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

void AppendEscaped(unsigned char c, std::string* out) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out->append(escape, sizeof escape);
    }
  }
}

// nlohmann's own text for a value this writer leaves to it.
std::string NlohmannDump(const nlohmann::json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  const size_t start = out->size();
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  // Runs of bytes that need nothing are appended whole.
  const auto* run = p;
  while (p < end) {
    switch (kByteClasses[*p]) {
      case kCopy:
        ++p;
        break;
      case kMultiByte:
        if (const size_t length = Utf8SequenceLength(p, end); length > 0) {
          p += length;
          break;
        }
        // Invalid UTF-8, rare (ingest repairs page text): nlohmann's own
        // replacement rules decide which bytes become U+FFFD.
        out->resize(start);
        out->append(NlohmannDump(std::string(text)));
        return;
      default:
        out->append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
        AppendEscaped(*p, out);
        run = ++p;
    }
  }
  out->append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
  out->push_back('"');
}

void JsonWriter::NewLineAndIndent(size_t depth) {
  out_.push_back('\n');
  out_.append(depth * static_cast<size_t>(indent_), ' ');
}

// Writes what comes before a value: nothing after a key or at the top, a
// comma (and, indented, a new line) between the items of an array.
void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()) out_.push_back(',');
  open_.back() = true;
  if (indent_ >= 0) NewLineAndIndent(open_.size());
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  open_.push_back(false);
}

// An empty object or array closes on its own line ("{}", "[]"); a full one
// closes on a new line at its opening's depth.
void JsonWriter::Close(char bracket) {
  const bool any = open_.back();
  open_.pop_back();
  if (any && indent_ >= 0) NewLineAndIndent(open_.size());
  out_.push_back(bracket);
}

void JsonWriter::BeginObject() { Open('{'); }
void JsonWriter::EndObject() { Close('}'); }
void JsonWriter::BeginArray() { Open('['); }
void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(key, &out_);
  out_.append(indent_ >= 0 ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(text, &out_);
}

void JsonWriter::Int(int64_t number) {
  BeforeValue();
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  out_.append(digits, end);
}

void JsonWriter::Uint(uint64_t number) {
  BeforeValue();
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  out_.append(digits, end);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

void JsonWriter::Double(double number) {
  BeforeValue();
  out_.append(NlohmannDump(number));  // rare in a record: an OCR page's confidence
}

void JsonWriter::RawNumber(std::string_view text) {
  BeforeValue();
  out_.append(text);
}

}  // namespace imr
