#include "pipeline/worker.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include "core/text.h"
#include "pipeline/record_json.h"

extern char** environ;

namespace imr {
namespace {

using Clock = std::chrono::steady_clock;

// A worker that dies leaves its pipe closed; writing to it must be an error
// the parent handles, not a signal that ends the parent.
void IgnoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { signal(SIGPIPE, SIG_IGN); });
}

std::string ThisProgram() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "imr" : exe.string();
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string Frame(std::string_view payload) { return std::to_string(payload.size()) + "\n" + std::string(payload); }

void WaitOrKill(pid_t pid) {
  for (int i = 0; i < 200; ++i) {  // up to 2 s for a clean exit
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(10000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

// A one-page PDF of one line, read by a worker before its first request: it
// loads the PDF module and everything a document needs.
constexpr std::string_view kWarmUpPdf = R"pdf(%PDF-1.4
1 0 obj
<< /Type /Catalog /Pages 2 0 R >>
endobj
2 0 obj
<< /Type /Pages /Kids [3 0 R] /Count 1 >>
endobj
3 0 obj
<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>
endobj
4 0 obj
<< /Length 56 >>
stream
BT /F1 12 Tf 72 720 Td (Diagnosis: lumbar strain.) Tj ET
endstream
endobj
5 0 obj
<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>
endobj
xref
0 6
0000000000 65535 f 
0000000009 00000 n 
0000000058 00000 n 
0000000115 00000 n 
0000000241 00000 n 
0000000347 00000 n 
trailer
<< /Size 6 /Root 1 0 R >>
startxref
417
%%EOF
)pdf";

// The record a failed document gets: what the parent itself can say.
WorkerResult FailedRecord(const std::string& path, std::string code, std::string message) {
  Record record;
  record.document.source.path = path;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0) record.document.source.bytes = static_cast<uint64_t>(info.st_size);
  if (auto hash = Sha256OfFile(path)) record.document.source.sha256 = *hash;
  record.problems.push_back({Stage::kPipeline, std::move(code), 0, std::move(message)});
  std::string json = RecordToJson(record);
  return {std::move(record), std::move(json)};
}

}  // namespace

std::optional<std::string> Sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return std::nullopt;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (!in.eof()) return std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &size);
  return LowerHex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

Worker::Worker(WorkerOptions options) : options_(std::move(options)) { IgnoreSigpipe(); }

Worker::~Worker() { Stop(); }

bool Worker::Start() {
  if (pid_ > 0) return true;
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return false;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return false;
  }
  const std::string program = options_.program.empty() ? ThisProgram() : options_.program;
  std::vector<std::string> args = {program, "worker", "--memory-mb", std::to_string(options_.memory_mb)};
  if (!options_.ocr) args.push_back("--no-ocr");
  if (options_.max_pages > 0) {
    args.push_back("--max-pages");
    args.push_back(std::to_string(options_.max_pages));
  }
  if (!options_.rules_dir.empty()) {
    args.push_back("--rules");
    args.push_back(options_.rules_dir);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  // A process group of its own: a Ctrl-C at the terminal reaches the
  // parent, which finishes the documents in hand, not the worker reading one.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    return false;
  }
  pid_ = pid;
  to_child_ = in[1];
  from_child_ = out[0];
  return true;
}

void Worker::Stop() {
  if (pid_ <= 0) return;
  close(to_child_);  // the worker reads the end of its input and exits
  close(from_child_);
  WaitOrKill(pid_);
  pid_ = -1;
  to_child_ = from_child_ = -1;
}

std::optional<std::string> Worker::Exchange(const std::string& path, std::string* problem) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(options_.seconds);
  const auto died = [&](const char* how) {
    int status = 0;
    close(to_child_);
    close(from_child_);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    to_child_ = from_child_ = -1;
    *problem = how;
    if (WIFSIGNALED(status)) *problem += " (signal " + std::to_string(WTERMSIG(status)) + ")";
    return std::nullopt;
  };
  if (!WriteAll(to_child_, Frame(path))) return died("the worker process had stopped");
  std::string buffer;
  size_t expected = std::string::npos, header = 0;
  char chunk[1 << 16];
  while (expected == std::string::npos || buffer.size() < header + expected) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill(pid_, SIGKILL);
      died("");
      *problem = "time_limit";
      return std::nullopt;
    }
    pollfd fd{from_child_, POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t n = read(from_child_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return died("the worker process stopped");
    buffer.append(chunk, static_cast<size_t>(n));
    if (expected == std::string::npos) {
      const size_t newline = buffer.find('\n');
      if (newline == std::string::npos) continue;
      size_t size = 0;
      auto [end, ec] = std::from_chars(buffer.data(), buffer.data() + newline, size);
      if (ec != std::errc() || end != buffer.data() + newline) return died("the worker's answer was not a frame");
      expected = size;
      header = newline + 1;
    }
  }
  return buffer.substr(header, expected);
}

WorkerResult Worker::Run(const std::string& path) {
  if (!Start()) {
    return FailedRecord(path, "worker_unavailable", "no worker process could be started for the document");
  }
  std::string problem;
  const std::optional<std::string> json = Exchange(path, &problem);
  if (!json) {
    if (problem == "time_limit") {
      return FailedRecord(path, "time_limit",
                          "the document took longer than " + std::to_string(static_cast<long long>(options_.seconds)) +
                              " s and its worker was stopped");
    }
    return FailedRecord(path, "worker_crashed",
                        problem + " while reading the document (memory limit " +
                            std::to_string(options_.memory_mb) + " MB); the worker was replaced");
  }
  std::string error;
  if (std::optional<Record> record = RecordFromJson(*json, &error)) return {std::move(*record), *json};
  Stop();
  return FailedRecord(path, "worker_crashed", "the worker's record could not be read; the worker was replaced");
}

int ServeWorker(std::istream& in, std::ostream& out, const RunOptions& options) {
  // What every document needs (the rulebook, the vocabularies, the pattern
  // tables) is made on first use; make it while the parent is still listing
  // and hashing its inputs, not with the first document.
  RunDocument(kWarmUpPdf, "warm-up.pdf", options);
  std::string header;
  while (std::getline(in, header)) {
    size_t size = 0;
    auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), size);
    if (ec != std::errc() || end != header.data() + header.size()) return 2;
    std::string path(size, '\0');
    if (!in.read(path.data(), static_cast<std::streamsize>(size))) return 2;
    out << Frame(RecordToJson(RunFile(path, options)));
    out.flush();
    if (!out) return 1;
  }
  return 0;
}

}  // namespace imr
