#include "pipeline/output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace imr {
namespace {

namespace fs = std::filesystem;

TEST(FileStemTest, Table) {
  const std::pair<std::string, std::string> rows[] = {
      {"in/CM16-0213037.pdf", "CM16-0213037"}, {"x.tar.gz", "x.tar"}, {"noext", "noext"}, {"/a/b/c.txt", "c"}};
  for (const auto& [path, stem] : rows) EXPECT_EQ(FileStem(path), stem) << path;
}

TEST(RecordWriterTest, PrivateFilesAndDistinctNamesForCollidingStems) {
  const fs::path dir = fs::temp_directory_path() / ("imr-writer-" + std::to_string(getpid()));
  fs::remove_all(dir);
  RecordWriter writer((dir / "deep" / "out").string());
  const std::string a = writer.Write("a/x.pdf", "{\"n\":1}\n");
  const std::string b = writer.Write("b/x.pdf", "{\"n\":2}\n");
  const std::string a_again = writer.Write("a/x.pdf", "{\"n\":3}\n");
  EXPECT_EQ(fs::path(a).filename(), "x.json");
  EXPECT_NE(a, b);
  EXPECT_EQ(a, a_again);  // the same input keeps its name
  EXPECT_TRUE(fs::path(b).filename().string().starts_with("x-"));
  std::ifstream in(a);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "{\"n\":3}\n");
  struct stat info {};
  ASSERT_EQ(stat(b.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "deep" / "out")) {
    EXPECT_EQ(e.path().extension(), ".json") << "temporary file left behind: " << e.path();
    ++files;
  }
  EXPECT_EQ(files, 2u);
  fs::remove_all(dir);
}

// Written for a later sync, a file is the same file: renamed into place
// whole, owner-only, nothing temporary left; SyncFiles then syncs it, and
// names a file it cannot sync.
TEST(WritePrivateFileTest, ALaterSyncWritesTheSameFileAndSyncFilesSyncsIt) {
  const fs::path dir = fs::temp_directory_path() / ("imr-later-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string later = (dir / "later.json").string(), now = (dir / "now.json").string();
  WritePrivateFile(later, "{\"n\":1}\n", Sync::kLater);
  WritePrivateFile(now, "{\"n\":1}\n", Sync::kNow);
  for (const std::string& path : {later, now}) {
    std::ifstream in(path);
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}), "{\"n\":1}\n") << path;
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << path;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
  EXPECT_NO_THROW(SyncFiles({later, now}));
  EXPECT_NO_THROW(SyncFiles({}));
  try {
    SyncFiles({later, (dir / "gone.json").string()});
    ADD_FAILURE() << "a file that is not there was synced";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("gone.json"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

TEST(RecordWriterTest, UnwritableDirectoryThrows) {
  EXPECT_THROW(RecordWriter("/proc/imr-cannot-exist/out"), std::runtime_error);
}

}  // namespace
}  // namespace imr
