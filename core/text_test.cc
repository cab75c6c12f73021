#include "core/text.h"

#include <gtest/gtest.h>

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
