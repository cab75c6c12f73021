// Every attribute key of real records has one JSON type (STYLE rule 15, the
// README's "What a record holds"): over the corpus records the golden tests
// make and, where ../shared/data/dwc-letters is present, its 74 letters, each
// facts[].value.<key> and requests[].details.<key> is a number in every record
// or a string in every record, the one IsNumericAttribute says. Reading the
// records back gives the attributes the pipeline made, so `imr eval` and a
// second decide see what the first saw.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "decide/determine.h"
#include "decide/rulebook.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// The corpus inputs as tests/golden_test.cc lists them, run from the source
// tree as it runs them.
std::vector<Record> CorpusRecords() {
  std::vector<std::string> inputs;
  const fs::path root = fs::path(testing::SourceDir()) / "corpus";
  for (const char* dir : {"", "errors"}) {
    for (const auto& e : fs::directory_iterator(root / dir)) {
      const std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name == "README.md" || name.ends_with(".sh")) continue;
      inputs.push_back(fs::relative(e.path(), testing::SourceDir()).string());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  const fs::path cwd = fs::current_path();
  fs::current_path(testing::SourceDir());
  std::vector<Record> out;
  for (const std::string& input : inputs) out.push_back(RunFile(input, {}));
  fs::current_path(cwd);
  return out;
}

std::vector<Record> LetterRecords(const std::string& dir) {
  std::vector<std::string> inputs;
  for (const auto& e : fs::directory_iterator(dir + "/pdf")) {
    if (e.path().extension() == ".pdf") inputs.push_back(e.path().string());
  }
  std::sort(inputs.begin(), inputs.end());
  std::vector<Record> out;
  for (const std::string& input : inputs) out.push_back(RunFile(input, {}));
  return out;
}

// "facts[].value.score" -> the JSON types it took and a record that shows each.
using TypesByPath = std::map<std::string, std::map<std::string, std::string>>;

void CollectTypes(const nlohmann::json& items, const std::string& object, const std::string& where,
                  TypesByPath* types) {
  const std::string prefix = (object == "value" ? "facts[]." : "requests[].") + object + ".";
  for (const nlohmann::json& item : items) {
    for (auto it = item.at(object).begin(); it != item.at(object).end(); ++it) {
      (*types)[prefix + it.key()].emplace(it->type_name(), where);
    }
  }
}

// The type a key's values must all have: numbers for the quantity keys,
// strings for the rest and for "<quantity key>_text".
std::string ExpectedType(const std::string& path) {
  const std::string key = path.substr(path.rfind('.') + 1);
  return IsNumericAttribute(key) ? "number" : "string";
}

void ExpectOneTypePerKey(const std::vector<Record>& records) {
  TypesByPath types;
  for (const Record& record : records) {
    const nlohmann::json json = nlohmann::json::parse(RecordToJson(record));
    const std::string where = record.document.source.path;
    CollectTypes(json.at("facts"), "value", where, &types);
    CollectTypes(json.at("requests"), "details", where, &types);
  }
  EXPECT_FALSE(types.empty());
  for (const auto& [path, seen] : types) {
    std::string found;
    for (const auto& [type, where] : seen) found += " " + type + " (" + where + ")";
    EXPECT_EQ(seen.size(), 1u) << path << " takes more than one type:" << found;
    EXPECT_EQ(seen.begin()->first, ExpectedType(path)) << path << ":" << found;
  }
}

// What decide and `imr eval` see after a record is read back.
void ExpectReadBackUnchanged(const std::vector<Record>& records) {
  for (const Record& record : records) {
    SCOPED_TRACE(record.document.source.path);
    std::string error;
    std::optional<Record> back = RecordFromJson(RecordToJson(record), &error);
    ASSERT_TRUE(back.has_value()) << error;
    ASSERT_EQ(back->facts.size(), record.facts.size());
    for (size_t i = 0; i < record.facts.size(); ++i) {
      EXPECT_EQ(back->facts[i].value, record.facts[i].value) << record.facts[i].id;
    }
    ASSERT_EQ(back->requests.size(), record.requests.size());
    for (size_t i = 0; i < record.requests.size(); ++i) {
      EXPECT_EQ(back->requests[i].details, record.requests[i].details) << record.requests[i].id;
    }
    // The record decided again from the attributes read back drafts the same.
    Record again = record;
    for (size_t i = 0; i < again.facts.size(); ++i) again.facts[i].value = back->facts[i].value;
    for (size_t i = 0; i < again.requests.size(); ++i) again.requests[i].details = back->requests[i].details;
    DetermineRequests(Rulebook::Builtin(), &again);
    EXPECT_EQ(RecordToJson(again), RecordToJson(record));
  }
}

TEST(RecordTypesTest, CorpusKeysHaveOneType) {
  const std::vector<Record> records = CorpusRecords();
  ExpectOneTypePerKey(records);
  ExpectReadBackUnchanged(records);
}

TEST(RecordTypesTest, RealLetterKeysHaveOneType) {
  const std::string dir = testing::SharedDataDir("dwc-letters");
  if (dir.empty() || !fs::is_directory(dir + "/pdf")) {
    GTEST_SKIP() << "../shared/data/dwc-letters/pdf is absent: real-letter type check skipped";
  }
  const std::vector<Record> records = LetterRecords(dir);
  EXPECT_EQ(records.size(), 74u);
  ExpectOneTypePerKey(records);
  ExpectReadBackUnchanged(records);
}

}  // namespace
}  // namespace imr
