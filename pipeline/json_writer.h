// JSON written straight from values, with no tree in between: the text
// nlohmann's `dump(indent, ' ', /*ensure_ascii=*/false,
// error_handler_t::replace)` gives for the same values in the same order,
// byte for byte, at a fraction of the cost (the record writer's hot path:
// every page's whole text goes through it).
//
//   JsonWriter w(/*indent=*/2);
//   w.BeginObject();
//   w.Key("name");
//   w.String("Tab\there");
//   w.Key("pages");
//   w.BeginArray();
//   w.Int(1);
//   w.EndArray();
//   w.EndObject();
//   std::string text = std::move(w).Take();
//   // {
//   //   "name": "Tab\there",
//   //   "pages": [
//   //     1
//   //   ]
//   // }
//
// With indent -1 the text is compact: {"name":"Tab\there","pages":[1]}.
//
// The caller keeps the calls well formed (a Key before each value inside an
// object, none inside an array, Begin and End paired); the writer does not
// check. It never throws on text: valid UTF-8 is copied as it is and invalid
// bytes become U+FFFD exactly as nlohmann's `replace` handler writes them.
#ifndef IMR_PIPELINE_JSON_WRITER_H_
#define IMR_PIPELINE_JSON_WRITER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

class JsonWriter {
 public:
  // `indent`: spaces per level, or -1 for compact text.
  explicit JsonWriter(int indent = -1) : indent_(indent) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  void String(std::string_view text);
  void Int(int64_t number);
  void Uint(uint64_t number);
  void Bool(bool value);
  void Null();
  // Printed as nlohmann prints a double (shortest text that reads back the
  // same; "null" for NaN and infinities).
  void Double(double number);
  // A number already in the form JSON prints it ("12", "7.5"), copied as it is.
  void RawNumber(std::string_view text);

  // Room for `bytes` more, when the caller knows roughly how long the text gets.
  void Reserve(size_t bytes);
  std::string Take() &&;

 private:
  void Append(const char* p, size_t n) {
    std::memcpy(Room(n), p, n);
    size_ += n;
  }
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);
  void NewLineAndIndent(size_t depth);
  void WriteString(std::string_view text);
  // Room for `n` more bytes at the end of the text; where they go.
  char* Room(size_t n) { return buffer_.size() - size_ >= n ? buffer_.data() + size_ : Grow(n); }
  char* Grow(size_t n);
  void Put(char c) {
    *Room(1) = c;
    ++size_;
  }

  // The text is written straight into `buffer_` (no append's bookkeeping
  // per piece); its first `size_` bytes are the text so far.
  std::string buffer_;
  size_t size_ = 0;
  int indent_;
  // One entry per open object or array: whether it holds anything yet.
  std::vector<bool> open_;
  bool after_key_ = false;
};

// Appends `text` as a JSON string, quotes included, escaped as nlohmann
// escapes it with ensure_ascii off and the `replace` error handler:
// \" \\ \b \f \n \r \t, other bytes below 0x20 as \u00xx (lower-case hex),
// everything else (DEL, '/', valid UTF-8) as it is; a string holding
// invalid UTF-8 is handed to nlohmann itself.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace imr

#endif  // IMR_PIPELINE_JSON_WRITER_H_
