// Shared test helpers: where the sources, the binary and ../shared/data are.
//
//   std::string letters = imr::testing::SharedDataDir("dwc-letters");
//   if (letters.empty()) GTEST_SKIP() << "../shared/data/dwc-letters is absent";
#ifndef IMR_TESTS_TESTING_H_
#define IMR_TESTS_TESTING_H_

#include <string>
#include <vector>

#include "core/record.h"

namespace imr::testing {

// The project's source tree (IMR_SOURCE_DIR, set by ctest).
std::string SourceDir();

// The imr binary (IMR_BINARY, set by ctest).
std::string ImrBinary();

// ../shared/data/<name> beside the source tree, or "" when it is absent.
std::string SharedDataDir(const std::string& name);

std::string ReadFile(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `command` through /bin/sh, capturing stdout and stderr.
CommandResult RunShell(const std::string& command);

// What `record` quotes of its document (fact texts, request displays, field
// values) in runs long enough to tell apart from a file name or a date: what
// no log may contain.
std::vector<std::string> RecordQuotes(const Record& record);

}  // namespace imr::testing

#endif  // IMR_TESTS_TESTING_H_
