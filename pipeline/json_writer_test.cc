#include "pipeline/json_writer.h"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace imr {
namespace {

using Tree = nlohmann::ordered_json;

// What the writer must equal: nlohmann's dump with the record writer's arguments.
std::string NlohmannText(const Tree& tree, int indent) {
  return tree.dump(indent, ' ', /*ensure_ascii=*/false, Tree::error_handler_t::replace);
}

std::string Written(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

// Bytes as written in a test row ("\xC3\xA9"), as a string holding NULs too.
template <size_t N>
std::string Bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannEscapesThem) {
  const std::string rows[] = {
      "",
      "plain words, digits 0-9 and punctuation: ;.,!?()[]{}<>=+*&^%$#@~`|'",
      "a \"quoted\" word",
      "back\\slash and \\\\ two",
      "slash / is not escaped",
      "tab\there, new\nline, return\r, form\ffeed, back\bspace",
      Bytes("NUL\0 in the middle"),
      "\x01\x02\x1F\x0B\x0E\x19 other controls",
      "DEL \x7F passes",
      "caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 dash, \xE2\x80\x9Cquotes\xE2\x80\x9D",
      "four bytes: \xF0\x9F\x98\x80 and U+10FFFF \xF4\x8F\xBF\xBF",
      "U+FFFD \xEF\xBF\xBD and U+FEFF \xEF\xBB\xBF kept",
      // Invalid UTF-8 of every kind: nlohmann's replacement is the reference.
      "lone continuation \x80 byte",
      "lone lead \xC3 then ASCII",
      "overlong \xC0\xAF slash",
      "overlong \xE0\x80\xAF slash",
      "surrogate \xED\xA0\x80 half",
      "above U+10FFFF \xF4\x90\x80\x80",
      "above U+10FFFF \xF5\x80\x80\x80",
      "truncated at the end \xE2\x80",
      "\xFF\xFE\xFD",
      "mixed \xE2\x80\x94 valid then \xE2\x28\xA1 invalid \"quote\"\n",
      "\xC3",
  };
  for (const std::string& row : rows) {
    EXPECT_EQ(Written(row), NlohmannText(Tree(row), -1)) << "row of " << row.size() << " bytes";
  }
}

TEST(JsonWriterTest, ControlCharactersUseLowerCaseHex) {
  EXPECT_EQ(Written("\x1B"), "\"\\u001b\"");
  EXPECT_EQ(Written("a\tb"), "\"a\\tb\"");
}

// Random strings drawn from the bytes that matter (controls, quote,
// backslash, lead and continuation bytes, ASCII): every one must be written
// as nlohmann writes it, invalid sequences included.
TEST(JsonWriterTest, RandomStringsMatchNlohmann) {
  const unsigned char alphabet[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, ' ',  '"',  '/',  '\\', 'a',
                                    0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED,
                                    0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(15);
  std::uniform_int_distribution<size_t> length(0, 40);
  std::uniform_int_distribution<size_t> pick(0, sizeof alphabet - 1);
  for (int i = 0; i < 20000; ++i) {
    std::string s(length(random), '\0');
    for (char& c : s) c = static_cast<char>(alphabet[pick(random)]);
    ASSERT_EQ(Written(s), NlohmannText(Tree(s), -1)) << "string " << i;
  }
}

// Plain text is skipped 8 bytes at a time: a byte that needs a look is
// found at every position of a word, next to every other kind of byte.
TEST(JsonWriterTest, ByteThatNeedsALookIsFoundAnywhereInALongString) {
  const std::string specials[] = {"\"", "\\", "\n", "\x1F", std::string(1, '\0'), "\xC3\xA9",
                                 "\xC3", "\x80", "\x7F", " ", "~"};
  for (const std::string& special : specials) {
    for (size_t at = 0; at < 24; ++at) {
      std::string s(24, 'a');
      s.replace(at, 1, special);
      ASSERT_EQ(Written(s), NlohmannText(Tree(s), -1)) << "special byte at " << at;
    }
  }
}

// The same values written by the writer and built as a tree.
struct Sample {
  Tree tree;
  std::string pretty, compact;
};

Sample NestedSample() {
  Sample s;
  s.tree = Tree::object();
  s.tree["name"] = "x\"y";
  s.tree["empty_object"] = Tree::object();
  s.tree["empty_array"] = Tree::array();
  s.tree["numbers"] = {1, -2, uint64_t{18446744073709551615u}, 0};
  s.tree["flags"] = {true, false, nullptr};
  s.tree["nested"] = {{"list", {Tree::object(), Tree::array(), {{"k", "v"}}}}, {"n", 7}};
  s.tree["doubles"] = {93.0, 0.1, 87.5, 1e300, -0.0, std::nan(""), std::numeric_limits<double>::infinity()};
  for (int indent : {2, -1}) {
    JsonWriter w(indent);
    w.BeginObject();
    w.Key("name");
    w.String("x\"y");
    w.Key("empty_object");
    w.BeginObject();
    w.EndObject();
    w.Key("empty_array");
    w.BeginArray();
    w.EndArray();
    w.Key("numbers");
    w.BeginArray();
    w.Int(1);
    w.Int(-2);
    w.Uint(18446744073709551615u);
    w.RawNumber("0");
    w.EndArray();
    w.Key("flags");
    w.BeginArray();
    w.Bool(true);
    w.Bool(false);
    w.Null();
    w.EndArray();
    w.Key("nested");
    w.BeginObject();
    w.Key("list");
    w.BeginArray();
    w.BeginObject();
    w.EndObject();
    w.BeginArray();
    w.EndArray();
    w.BeginObject();
    w.Key("k");
    w.String("v");
    w.EndObject();
    w.EndArray();
    w.Key("n");
    w.Int(7);
    w.EndObject();
    w.Key("doubles");
    w.BeginArray();
    for (double d : {93.0, 0.1, 87.5, 1e300, -0.0, std::nan(""), std::numeric_limits<double>::infinity()}) w.Double(d);
    w.EndArray();
    w.EndObject();
    (indent < 0 ? s.compact : s.pretty) = std::move(w).Take();
  }
  return s;
}

TEST(JsonWriterTest, LayoutIsNlohmanns) {
  const Sample s = NestedSample();
  EXPECT_EQ(s.pretty, NlohmannText(s.tree, 2));
  EXPECT_EQ(s.compact, NlohmannText(s.tree, -1));
  EXPECT_NE(s.pretty.find("\"empty_object\": {},\n"), std::string::npos) << s.pretty;
}

TEST(JsonWriterTest, TopLevelScalarsAndEmptyContainers) {
  for (int indent : {2, -1}) {
    JsonWriter a(indent);
    a.BeginArray();
    a.EndArray();
    EXPECT_EQ(std::move(a).Take(), "[]");
    JsonWriter b(indent);
    b.String("s");
    EXPECT_EQ(std::move(b).Take(), "\"s\"");
  }
}

}  // namespace
}  // namespace imr
