#include "core/text.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <cerrno>
#include <vector>

namespace imr {
namespace {

struct SanitizeRow {
  std::string input;
  std::string expected;
};

TEST(SanitizeUtf8Test, Table) {
  const std::string fffd = "\xEF\xBF\xBD";
  const SanitizeRow rows[] = {
      {"plain ascii", "plain ascii"},
      {"caf\xC3\xA9", "caf\xC3\xA9"},                       // valid 2-byte
      {"\xE2\x80\x93 dash", "\xE2\x80\x93 dash"},           // valid 3-byte
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},             // valid 4-byte
      {"bad \xC3", "bad " + fffd},                          // truncated sequence
      {"\xC0\xAF", fffd + fffd},                            // overlong
      {"\xED\xA0\x80", fffd + fffd + fffd},                 // surrogate
      {std::string("nul\0byte", 8), "nul" + fffd + "byte"}, // NUL
      {"bell\x07", "bell" + fffd},
      {"del\x7F", "del" + fffd},
      {"tab\tnl\nff\f", "tab\tnl\nff\f"},
      {"crlf\r\nline", "crlf\nline"},
      {"cr\rline", "cr\nline"},
      {"\xFF\xFE", fffd + fffd},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(testing::PrintToString(row.input));
    const std::string out = SanitizeUtf8(row.input);
    EXPECT_EQ(out, row.expected);
    EXPECT_TRUE(IsCleanUtf8(out));
  }
}

TEST(ValidUtf8PrefixLengthTest, Table) {
  const std::pair<std::string, size_t> rows[] = {
      {"", 0},
      {"plain", 5},
      {"caf\xC3\xA9\xFF!", 5},               // stops at a byte no sequence starts with
      {std::string("a\0b", 3), 3},            // NUL is well-formed
      {"ab\xC3", 2},                          // cut short at the end
      {"\xC0\x80", 0},                        // overlong NUL
      {"x\xED\xA0\x80y", 1},                  // a surrogate
      {"\xF4\x8F\xBF\xBF\xF4\x90\x80\x80", 4},  // U+10FFFF, then past it
  };
  for (const auto& [input, expected] : rows) {
    SCOPED_TRACE(testing::PrintToString(input));
    EXPECT_EQ(ValidUtf8PrefixLength(input), expected);
  }
}

// What poppler-cpp 22.12 made of a word's UTF-8 (ustring::from_utf8, then
// to_utf8): glibc's iconv to UTF-16LE and back, keeping what converted before
// a failure. ingest/pdf_text.cc keeps ValidUtf8PrefixLength bytes instead.
class IconvRoundTrip {
 public:
  IconvRoundTrip() : in_(iconv_open("UTF-16LE", "UTF-8")), out_(iconv_open("UTF-8", "UTF-16LE")) {}
  ~IconvRoundTrip() {
    if (in_ != kBad) iconv_close(in_);
    if (out_ != kBad) iconv_close(out_);
  }
  bool ok() const { return in_ != kBad && out_ != kBad; }
  std::string operator()(std::string_view utf8) {
    const std::string utf16 = Convert(in_, utf8);
    return Convert(out_, utf16);
  }

 private:
  static inline const iconv_t kBad = reinterpret_cast<iconv_t>(-1);
  // What `cd` converts of `bytes` before it stops.
  static std::string Convert(iconv_t cd, std::string_view bytes) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    std::vector<char> out(bytes.size() * 4 + 4);
    char* in_data = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char* out_data = out.data();
    size_t out_left = out.size();
    iconv(cd, &in_data, &in_left, &out_data, &out_left);
    return std::string(out.data(), out.size() - out_left);
  }
  iconv_t in_;
  iconv_t out_;
};

TEST(ValidUtf8PrefixLengthTest, KeepsWhatIconvKeepsThroughUtf16) {
  IconvRoundTrip round_trip;
  if (!round_trip.ok()) GTEST_SKIP() << "iconv has no UTF-16LE here";
  std::vector<std::string> inputs;
  for (int a = 1; a < 0x100; ++a) inputs.push_back(std::string{'<', static_cast<char>(a), 'z'});
  for (int a = 0xC0; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) inputs.push_back(std::string{'<', static_cast<char>(a), static_cast<char>(b)});
  }
  // Every three-byte sequence a lead byte E0-EF starts, and four-byte ones
  // around the continuation bytes' edges.
  for (int a = 0xE0; a < 0xF0; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      for (int c = 0; c < 0x100; ++c) {
        inputs.push_back(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), 'z'});
      }
    }
  }
  const int edges[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
  for (int a = 0xF0; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      for (int c : edges) {
        for (int d : edges) {
          inputs.push_back(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                                       static_cast<char>(d), 'z'});
        }
      }
    }
  }
  size_t differ = 0;
  for (const std::string& input : inputs) {
    const std::string expected = round_trip(input);
    const std::string kept = input.substr(0, ValidUtf8PrefixLength(input));
    if (kept != expected && ++differ <= 10) ADD_FAILURE() << testing::PrintToString(input);
  }
  EXPECT_EQ(differ, 0u) << "of " << inputs.size();
}

TEST(CompareKeyTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"MRI of the  lumbar\nspine", "mri of the lumbar spine"},
      {"right-\nsided pain", "right-sided pain"},
      {"right- sided pain", "right-sided pain"},
      {"  Facet joint injections L4-5, L5-S1 ", "facet joint injections l4-5, l5-s1"},
      {"a - b", "a -b"},
      {"", ""},
  };
  for (const auto& [input, expected] : rows) {
    SCOPED_TRACE(input);
    EXPECT_EQ(CompareKey(input), expected);
  }
}

TEST(TrimViewTest, StripsBothEnds) {
  EXPECT_EQ(TrimView("  \n word \t"), "word");
  EXPECT_EQ(TrimView(" \n "), "");
  EXPECT_EQ(CollapseWhitespace(" a \n\n b "), "a b");
}

}  // namespace
}  // namespace imr

namespace imr {
namespace {

TEST(LowerHexTest, TwoDigitsAByte) {
  EXPECT_EQ(LowerHex(std::string_view("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(LowerHex(""), "");
}

TEST(AsciiLowerTest, LowersAToZOnlyAndKeepsEveryOtherByte) {
  EXPECT_EQ(AsciiLower("MRI of the L-Spine, 2016 [AZ@[`{]"), "mri of the l-spine, 2016 [az@[`{]");
  // UTF-8 passes through byte for byte: "É" stays "É", and offsets stay put.
  const std::string accented = "\xC3\x89TAT \xE2\x80\x94 Ok";
  EXPECT_EQ(AsciiLower(accented), "\xC3\x89tat \xE2\x80\x94 ok");
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string lowered = AsciiLower(every_byte);
  ASSERT_EQ(lowered.size(), 256u);
  for (int b = 0; b < 256; ++b) {
    const int expected = (b >= 'A' && b <= 'Z') ? b + 32 : b;
    EXPECT_EQ(static_cast<unsigned char>(lowered[static_cast<size_t>(b)]), expected) << "byte " << b;
  }
}

}  // namespace
}  // namespace imr
