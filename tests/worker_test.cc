// Workers forked from a zygote, against workers spawned one by one: the same
// records, and every worker that ends (stopped for time, or at the end) is
// this process's child to wait for, so none is left a zombie.
#include "pipeline/worker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// The command lines of this process's children, "Z" first for a zombie.
std::vector<std::string> Children() {
  std::vector<std::string> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long parent = 0;
    if (sscanf(line.c_str() + close + 1, " %c %ld", &state, &parent) != 2 || parent != getpid()) continue;
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string words((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    for (char& c : words) c = c == '\0' ? ' ' : c;
    children.push_back((state == 'Z' ? "Z " : "") + words);
  }
  return children;
}

bool AnyContains(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(WorkerTest, AWorkerForkedFromTheZygoteWritesTheSpawnedWorkersRecord) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout2.pdf";
  WorkerResult forked, spawned;
  {
    Worker worker({.program = testing::ImrBinary(), .max_pages = 100, .zygote = true});
    forked = worker.Run(letter);
    EXPECT_TRUE(AnyContains(Children(), "--zygote")) << "the worker did not come from a zygote";
  }
  {
    Worker worker({.program = testing::ImrBinary(), .max_pages = 101, .zygote = false});
    spawned = worker.Run(letter);
  }
  EXPECT_TRUE(forked.record.problems.empty()) << forked.json.substr(0, 400);
  EXPECT_FALSE(forked.record.requests.empty());
  EXPECT_EQ(forked.json, spawned.json);
  EXPECT_FALSE(AnyContains(Children(), "Z ")) << "a worker was left a zombie";
}

TEST(WorkerTest, WorkersStoppedForTimeAreReplacedFromTheZygoteAndWaitedFor) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout3.pdf";
  Worker worker({.program = testing::ImrBinary(), .seconds = 0.001, .max_pages = 102, .zygote = true});
  for (int i = 0; i < 3; ++i) {
    const WorkerResult result = worker.Run(letter);
    ASSERT_EQ(result.record.problems.size(), 1u);
    EXPECT_EQ(result.record.problems[0].code, "time_limit");
  }
  worker.Stop();
  const std::vector<std::string> children = Children();
  EXPECT_TRUE(AnyContains(children, "--zygote"));
  EXPECT_FALSE(AnyContains(children, "Z ")) << "a stopped worker was left a zombie";
}

}  // namespace
}  // namespace imr
