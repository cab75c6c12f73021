#include "tests/testing.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace imr::testing {

// ctest sets the environment; the compiled-in defaults serve test discovery
// and a test binary started by hand.
std::string SourceDir() {
  const char* dir = std::getenv("IMR_SOURCE_DIR");
  return dir ? dir : IMR_DEFAULT_SOURCE_DIR;
}

std::string ImrBinary() {
  const char* bin = std::getenv("IMR_BINARY");
  return bin ? bin : IMR_DEFAULT_BINARY;
}

std::string SharedDataDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(SourceDir()) / ".." / "shared" / "data" / name;
  return std::filesystem::is_directory(dir) ? dir.lexically_normal().string() : std::string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult RunShell(const std::string& command) {
  char out_template[] = "/tmp/imr-test-out-XXXXXX";
  char err_template[] = "/tmp/imr-test-err-XXXXXX";
  const int out_fd = mkstemp(out_template);
  const int err_fd = mkstemp(err_template);
  close(out_fd);
  close(err_fd);
  const std::string full = "(" + command + ") >" + out_template + " 2>" + err_template + " </dev/null";
  const int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_template);
  result.err = ReadFile(err_template);
  std::filesystem::remove(out_template);
  std::filesystem::remove(err_template);
  return result;
}

std::vector<std::string> RecordQuotes(const Record& record) {
  std::vector<std::string> quotes;
  const auto add = [&](const std::string& words) {
    if (words.size() >= 10) quotes.push_back(words);  // "left", a date: too short to tell apart
  };
  for (const Fact& f : record.facts) add(f.text);
  for (const Request& r : record.requests) add(r.display);
  for (const auto& [field, value] : record.fields) add(value.value);
  return quotes;
}

}  // namespace imr::testing
