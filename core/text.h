// UTF-8 and whitespace helpers shared by every stage.
//
//   std::string clean = imr::SanitizeUtf8(raw_bytes);        // always valid UTF-8
//   imr::CompareKey("Right-\nsided  pain") == "right-sided pain"
//
// All functions are pure; string_view parameters are borrowed.
#ifndef IMR_CORE_TEXT_H_
#define IMR_CORE_TEXT_H_

#include <string>
#include <string_view>

namespace imr {

// Returns `bytes` with every invalid UTF-8 sequence, NUL and C0 control other
// than \t \n \f replaced by U+FFFD, so that any byte string becomes text a JSON
// writer accepts. Valid input comes back unchanged.
std::string SanitizeUtf8(std::string_view bytes);

// True when `bytes` is already what SanitizeUtf8 would return.
bool IsCleanUtf8(std::string_view bytes);

// How many bytes at the start of `bytes` are well-formed UTF-8 (no overlong
// form, surrogate or code point past U+10FFFF): the text up to the first
// sequence that is not. Control bytes, NUL among them, are well-formed.
//   ValidUtf8PrefixLength("caf\xC3\xA9\xFF!") == 5
size_t ValidUtf8PrefixLength(std::string_view bytes);

// Runs of whitespace (space, tab, newline, form feed) become one space; leading
// and trailing whitespace goes.
std::string CollapseWhitespace(std::string_view text);

// The form two quotes are compared in: ASCII lower case, whitespace collapsed,
// and the space after a hyphen dropped, so a word broken at a line-end hyphen
// ("right-\nsided", "right- sided") compares equal to "right-sided".
std::string CompareKey(std::string_view text);

std::string_view TrimView(std::string_view text);

// Lower-case hexadecimal of `bytes`, two digits a byte (a digest as printed).
std::string LowerHex(std::string_view bytes);
std::string AsciiLower(std::string_view text);

// Byte offsets of `view` inside `base`, assuming view points into base.
inline size_t OffsetIn(std::string_view base, std::string_view view) {
  return static_cast<size_t>(view.data() - base.data());
}

}  // namespace imr

#endif  // IMR_CORE_TEXT_H_
