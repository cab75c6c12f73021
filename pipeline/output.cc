#include "pipeline/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "pipeline/run_document.h"

namespace imr {

std::string FileStem(std::string_view path) {
  return std::filesystem::path(std::string(path)).stem().string();
}

namespace {

// Syncs the folder `dir` ("" for the working one), which holds the names
// that renames made. 0, or the errno of what failed.
int SyncFolder(const std::string& dir) {
  const int dfd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return errno;
  const int error = fsync(dfd) == 0 ? 0 : errno;
  close(dfd);
  return error;
}

std::string FolderOf(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

}  // namespace

void WritePrivateFile(const std::string& path, std::string_view content, Sync sync) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + temp + ": " + std::strerror(errno));
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      unlink(temp.c_str());
      throw std::runtime_error("cannot write " + temp + ": " + std::strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  fchmod(fd, 0600);  // whatever the umask said
  if (sync == Sync::kNow) fsync(fd);
  close(fd);
  if (rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    throw std::runtime_error("cannot rename to " + path + ": " + std::strerror(errno));
  }
  // The rename lives in the directory: sync it too, so a record reported
  // written survives a power cut.
  if (sync == Sync::kNow) SyncFolder(FolderOf(path));
}

void SyncFiles(const std::vector<std::string>& paths) {
  std::set<std::string> folders;
  for (const std::string& path : paths) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path + " to sync it: " + std::strerror(errno));
    const int synced = fsync(fd);
    const int error = errno;
    close(fd);
    if (synced != 0) throw std::runtime_error("cannot sync " + path + ": " + std::strerror(error));
    folders.insert(FolderOf(path));
  }
  for (const std::string& folder : folders) {
    if (const int error = SyncFolder(folder); error != 0) {
      throw std::runtime_error("cannot sync the folder " + (folder.empty() ? std::string(".") : folder) + ": " +
                               std::strerror(error));
    }
  }
}

bool RecordFileIsWhole(const std::string& path, const std::optional<std::string>& sha256) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return false;
  return !sha256 || Sha256OfFile(path) == *sha256;
}

RecordWriter::RecordWriter(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  // Made owner-only whatever the umask: the folder will hold records.
  if (std::filesystem::create_directories(dir_, ec)) {
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, ec);
  }
  if (!std::filesystem::is_directory(dir_)) {
    throw std::runtime_error("cannot create output directory " + dir_);
  }
}

std::string RecordWriter::NameFor(std::string_view input_path) {
  const std::string stem = FileStem(input_path);
  std::string name = stem + ".json";
  auto [it, inserted] = owner_of_name_.emplace(name, std::string(input_path));
  if (inserted || it->second == input_path) return name;
  name = stem + "-" + Sha256Hex(input_path).substr(0, 8) + ".json";
  owner_of_name_.emplace(name, std::string(input_path));
  return name;
}

std::string RecordWriter::Write(std::string_view input_path, std::string_view content) {
  const std::string path = (std::filesystem::path(dir_) / NameFor(input_path)).string();
  WritePrivateFile(path, content);
  return path;
}

}  // namespace imr
