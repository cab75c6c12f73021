#include "cli/flags.h"

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace imr {
namespace {

TEST(FlagsTest, Table) {
  struct Row {
    std::vector<std::string> args;
    bool ok;
    std::string out;  // "-o=<v>|json|positional,..."
  };
  const Row rows[] = {
      {{"a.pdf", "-o", "out"}, true, "out|0|a.pdf"},
      {{"-o=out", "a.pdf", "b.pdf"}, true, "out|0|a.pdf,b.pdf"},
      {{"--json", "a.pdf"}, true, "|1|a.pdf"},
      {{"--", "-o", "x"}, true, "|0|-o,x"},
      {{"-"}, true, "|0|-"},
      {{"-o"}, false, ""},
      {{"--nope"}, false, ""},
      {{"--json=1"}, false, ""},  // a switch takes no value
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(::testing::PrintToString(row.args));
    Flags flags({"-o=", "--json"});
    std::ostringstream err;
    const bool ok = flags.Parse(row.args, err);
    EXPECT_EQ(ok, row.ok) << err.str();
    if (!ok) {
      EXPECT_FALSE(err.str().empty());
      continue;
    }
    std::string positional;
    for (const std::string& p : flags.positional()) positional += (positional.empty() ? "" : ",") + p;
    EXPECT_EQ(flags.Value("-o").value_or("") + "|" + (flags.Has("--json") ? "1" : "0") + "|" + positional, row.out);
  }
}

TEST(FlagsTest, OcrThreads) {
  const std::pair<std::vector<std::string>, std::optional<int>> rows[] = {
      {{}, 3},  // absent: the fallback
      {{"--ocr-threads", "1"}, 1},
      {{"--ocr-threads=64"}, 64},
      {{"--ocr-threads", "0"}, std::nullopt},
      {{"--ocr-threads", "65"}, std::nullopt},
      {{"--ocr-threads", "two"}, std::nullopt},
      {{"--ocr-threads=-1"}, std::nullopt},
  };
  for (const auto& [args, expected] : rows) {
    SCOPED_TRACE(::testing::PrintToString(args));
    Flags flags({"--ocr-threads="});
    std::ostringstream err;
    ASSERT_TRUE(flags.Parse(args, err)) << err.str();
    EXPECT_EQ(OcrThreads(flags, 3), expected);
  }
}

}  // namespace
}  // namespace imr
