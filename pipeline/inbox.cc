#include "pipeline/inbox.h"

#include "pipeline/record_json.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "pipeline/output.h"
#include "pipeline/run_document.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::string_view kErrorSuffix = ".error.json";

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool Exists(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0;
}

std::string Join(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

// The entries directly in `dir` other than folders, looked at without
// following symbolic links; `special` false leaves out all but regular files.
std::vector<InboxEntry> EntriesIn(const std::string& dir, bool special) {
  std::vector<InboxEntry> out;
  struct CloseDir {
    void operator()(DIR* d) const { closedir(d); }
  };
  std::unique_ptr<DIR, CloseDir> d(opendir(dir.c_str()));
  if (!d) return out;
  const int fd = dirfd(d.get());
  while (const dirent* e = readdir(d.get())) {
    struct stat info {};
    if (fstatat(fd, e->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(info.st_mode)) continue;
    const bool regular = S_ISREG(info.st_mode);
    if (!regular && !special) continue;
    out.push_back({e->d_name, static_cast<uint64_t>(info.st_size),
                   static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec, regular});
  }
  return out;
}

std::vector<InboxEntry> RegularFilesIn(const std::string& dir) { return EntriesIn(dir, /*special=*/false); }

void MakePrivateDir(const std::string& path) {
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    throw std::runtime_error(path + (S_ISLNK(info.st_mode) ? " is a symbolic link; inputs would leave the inbox through it"
                                                          : " is not a folder"));
  }
}

// Renames `from` to `to` unless `to` exists (EEXIST then). Filesystems
// without RENAME_NOREPLACE get a check first: only the watcher, which holds
// the inbox lock, writes the folders this is used for.
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  if (Exists(to)) return EEXIST;
  return rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

// A rename is durable once its folder is synced.
void SyncDir(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool ProcessRunsImr(pid_t pid) {
  if (kill(pid, 0) != 0 && errno != EPERM) return false;
  std::string comm = ReadSmallFile("/proc/" + std::to_string(pid) + "/comm");
  while (!comm.empty() && comm.back() == '\n') comm.pop_back();
  return comm == "imr";
}

}  // namespace

bool IsInboxCandidate(std::string_view file_name) {
  if (file_name.empty() || file_name.front() == '.') return false;
  const std::string lower = Lower(file_name);
  for (std::string_view suffix : {".part", ".tmp", ".crdownload"}) {
    if (lower.ends_with(suffix)) return false;
  }
  return true;
}

std::string NumberedName(std::string_view file_name, int n) {
  if (n == 0) return std::string(file_name);
  const size_t dot = file_name.rfind('.');
  std::string number = "-";
  number.append(std::to_string(n));
  if (dot == std::string_view::npos || dot == 0) return std::string(file_name) + number;
  return std::string(file_name.substr(0, dot)) + number + std::string(file_name.substr(dot));
}

Inbox::Inbox(const std::string& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  dir_ = p.string();
  struct stat info {};
  if (stat(dir_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    throw std::runtime_error(dir + " is not a folder");
  }
  for (const char* sub : {".processing", "processed", "failed"}) MakePrivateDir(Join(dir_, sub));
}

std::string Inbox::ProcessingDir() const { return Join(dir_, ".processing"); }

std::string Inbox::ProcessingPath(std::string_view name) const { return Join(ProcessingDir(), name); }

std::string Inbox::FinalPath(std::string_view name, bool failed) const {
  return Join(Join(dir_, failed ? "failed" : "processed"), name);
}

std::string Inbox::ErrorReportPath(std::string_view name) const {
  return FinalPath(std::string(name) + std::string(kErrorSuffix), /*failed=*/true);
}

std::vector<InboxEntry> Inbox::List() const {
  std::vector<InboxEntry> out = EntriesIn(dir_, /*special=*/true);
  std::erase_if(out, [](const InboxEntry& e) { return !IsInboxCandidate(e.name); });
  return out;
}

std::vector<std::string> Inbox::Claimed() const {
  std::vector<std::string> names;
  for (const InboxEntry& e : EntriesIn(ProcessingDir(), /*special=*/true)) {
    if (!e.name.starts_with(".")) names.push_back(e.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Free: no claimed, processed or failed file has the name, none has it as its
// error report (NAME.error.json), and a NAME that looks like an error report
// is nobody's. So no two inputs can ever want the same place in failed/.
bool Inbox::NameIsFree(const std::string& name) const {
  for (const char* sub : {".processing", "processed", "failed"}) {
    const std::string dir = Join(dir_, sub);
    if (Exists(Join(dir, name)) || Exists(Join(dir, name + std::string(kErrorSuffix)))) return false;
    if (name.ends_with(kErrorSuffix) && Exists(Join(dir, name.substr(0, name.size() - kErrorSuffix.size())))) {
      return false;
    }
  }
  return true;
}

std::string Inbox::FreeName(const std::string& name) const {
  for (int n = 0;; ++n) {
    std::string candidate = NumberedName(name, n);
    if (NameIsFree(candidate)) return candidate;
  }
}

std::optional<std::string> Inbox::Claim(const std::string& name, std::string* error) {
  const std::string from = Join(dir_, name);
  struct stat info {};
  if (lstat(from.c_str(), &info) != 0 || S_ISDIR(info.st_mode)) return std::nullopt;
  const std::string claimed = FreeName(name);
  const std::string to = ProcessingPath(claimed);
  if (rename(from.c_str(), to.c_str()) != 0) {
    if (errno != ENOENT) *error = std::strerror(errno);
    return std::nullopt;
  }
  // Swapped for a folder between the look and the rename: put it back.
  if (lstat(to.c_str(), &info) != 0 || S_ISDIR(info.st_mode)) {
    RenameNoReplace(to, from);
    return std::nullopt;
  }
  return claimed;
}

bool Inbox::ClaimedIsRegular(const std::string& name) const {
  struct stat info {};
  return lstat(ProcessingPath(name).c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::string Inbox::Reclaim(const std::string& name) {
  const std::string renamed = FreeName(name);
  if (rename(ProcessingPath(name).c_str(), ProcessingPath(renamed).c_str()) != 0) {
    throw std::runtime_error("cannot rename in " + ProcessingDir() + ": " + std::strerror(errno));
  }
  return renamed;
}

std::string Inbox::Finish(const std::string& name, bool failed) {
  const std::string to = FinalPath(name, failed);
  if (const int e = RenameNoReplace(ProcessingPath(name), to); e != 0) {
    throw std::runtime_error("cannot move to " + to + ": " + std::strerror(e));
  }
  SyncDir(Join(dir_, failed ? "failed" : "processed"));
  return to;
}

std::vector<std::string> StabilityTracker::Update(const std::vector<InboxEntry>& listing, Clock::time_point now) {
  std::vector<std::string> complete;
  std::map<std::string, Seen> next;
  for (const InboxEntry& e : listing) {
    Seen seen{e.bytes, e.mtime_ns, now, false};
    if (const auto it = seen_.find(e.name);
        it != seen_.end() && it->second.bytes == e.bytes && it->second.mtime_ns == e.mtime_ns) {
      seen = it->second;
    }
    if (!seen.reported && std::chrono::duration<double>(now - seen.since).count() >= stable_seconds_) {
      seen.reported = true;
      complete.push_back(e.name);
    }
    next.emplace(e.name, seen);
  }
  seen_ = std::move(next);
  return complete;
}

void StabilityTracker::Forget(const std::string& name) { seen_.erase(name); }

bool NoTextCouldBeRead(const Record& record) {
  if (record.problems.empty()) return false;
  for (const Problem& p : record.problems) {
    if (p.code == "binary_content") return true;
  }
  for (const Page& page : record.document.pages) {
    if (std::any_of(page.text.begin(), page.text.end(), [](unsigned char c) { return !std::isspace(c); })) {
      return false;
    }
  }
  return true;
}

std::string ErrorReportJson(const Record& record, std::string_view record_file) {
  const Source& src = record.document.source;
  Json problems = Json::array();
  for (const Problem& p : record.problems) {
    problems.push_back({{"stage", StageName(p.stage)}, {"code", p.code}, {"page_number", p.page_number},
                        {"message", p.message}});
  }
  Json j = {{"schema", "imr.watch_error/1"},
            {"input", src.path},
            {"record", std::string(record_file)},
            {"sha256", src.sha256},
            {"bytes", src.bytes},
            {"why", "no text could be read from the input"},
            {"problems", problems}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string WatchRecordName(const std::string& out_dir, std::string_view claimed_name, std::string_view sha256,
                            const std::vector<std::string>& final_paths, const std::set<std::string>& taken) {
  const std::string stem = FileStem(claimed_name);
  const std::string hash = (sha256.empty() ? Sha256Hex(claimed_name) : std::string(sha256)).substr(0, 8);
  for (int n = 0;; ++n) {
    std::string name = stem;
    if (n > 0) name.append("-").append(hash);
    if (n > 1) name.append("-").append(std::to_string(n));
    name.append(".json");
    if (taken.count(name) > 0) continue;
    const std::string path = Join(out_dir, name);
    if (!Exists(path)) return name;
    // The file is this input's own record when it names this input and content.
    const Json j = Json::parse(ReadSmallFile(path), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("source") || !j["source"].is_object()) continue;
    const Json& source = j["source"];
    const std::string path_in = source.value("path", "");
    const std::string sha_in = source.value("sha256", "");
    if (sha_in == sha256 && std::find(final_paths.begin(), final_paths.end(), path_in) != final_paths.end()) {
      return name;
    }
  }
}

int RemoveStaleTemporaryFiles(const std::string& dir) {
  int removed = 0;
  for (const InboxEntry& e : RegularFilesIn(dir)) {
    const size_t at = e.name.rfind(".tmp.");
    if (at == std::string::npos) continue;
    const std::string_view digits = std::string_view(e.name).substr(at + 5);
    long long pid = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (digits.empty() || end != digits.data() + digits.size()) continue;
    const bool alive = ec == std::errc() && pid > 0 && pid <= 0x7fffffff &&
                       (pid == getpid() || ProcessRunsImr(static_cast<pid_t>(pid)));
    if (!alive && unlink(Join(dir, e.name).c_str()) == 0) ++removed;
  }
  return removed;
}

std::optional<FileLock> FileLock::TryLock(const std::string& path, std::string* holder) {
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    *holder = "cannot open " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    char buffer[32] = {};
    const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
    std::string pid(buffer, n > 0 ? static_cast<size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    *holder = e == EWOULDBLOCK ? "process " + (pid.empty() ? std::string("?") : pid) + " holds " + path
                               : "cannot lock " + path + ": " + std::strerror(e);
    close(fd);
    return std::nullopt;
  }
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0) (void)!pwrite(fd, pid.data(), pid.size(), 0);
  return FileLock(fd);
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace imr
