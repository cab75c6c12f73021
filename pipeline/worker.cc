#include "pipeline/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "core/sanitizer.h"
#include "core/text.h"
#include "extract/clinical.h"
#include "pipeline/in_order.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "pipeline/warm_up.h"

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
  // Up to 2 s for a clean exit, looked at every millisecond: a worker that
  // has read the end of its input is gone in a few.
  for (int i = 0; i < 2000; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(1000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

bool ReadFull(int fd, char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// `imr worker` with the options a worker needs.
std::vector<std::string> WorkerArgs(const WorkerOptions& options) {
  const std::string program = options.program.empty() ? ThisProgram() : options.program;
  std::vector<std::string> args = {program, "worker", "--memory-mb", std::to_string(options.memory_mb)};
  if (!options.ocr) args.push_back("--no-ocr");
  args.push_back("--ocr-threads");
  args.push_back(std::to_string(options.ocr_threads));
  args.push_back("--document-threads");
  args.push_back(std::to_string(options.document_threads));
  if (options.read_ahead) args.push_back("--read-ahead");
  if (options.max_pages > 0) {
    args.push_back("--max-pages");
    args.push_back(std::to_string(options.max_pages));
  }
  if (options.max_text_mb > 0) {
    args.push_back("--max-text-mb");
    args.push_back(std::to_string(options.max_text_mb));
  }
  if (!options.rules_dir.empty()) {
    args.push_back("--rules");
    args.push_back(options.rules_dir);
  }
  return args;
}

// Starts `args` with `in` as its stdin and `out` (or this stdout, for -1) as
// its stdout, in a process group of its own: a Ctrl-C at the terminal
// reaches the parent, which finishes the documents in hand, not the worker
// reading one. Returns its pid, or -1.
pid_t Spawn(std::vector<std::string> args, int in, int out) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
  if (out >= 0) posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// A new worker's pid and the parent's two ends of its pipes, over the
// zygote's socket; the pipes travel as SCM_RIGHTS.
// One message: a pid, with room for two descriptors beside it.
struct PidAndTwoPipes {
  explicit PidAndTwoPipes(pid_t* pid) : data{pid, sizeof *pid} {
    header.msg_iov = &data;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = sizeof control;
  }
  PidAndTwoPipes(const PidAndTwoPipes&) = delete;
  PidAndTwoPipes& operator=(const PidAndTwoPipes&) = delete;

  iovec data;
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  msghdr header{};
};

bool SendWorker(int socket, pid_t pid, int to_child, int from_child) {
  PidAndTwoPipes message(&pid);
  cmsghdr* rights = CMSG_FIRSTHDR(&message.header);
  rights->cmsg_level = SOL_SOCKET;
  rights->cmsg_type = SCM_RIGHTS;
  rights->cmsg_len = CMSG_LEN(2 * sizeof(int));
  const int fds[2] = {to_child, from_child};
  std::memcpy(CMSG_DATA(rights), fds, sizeof fds);
  ssize_t n;
  do {
    n = sendmsg(socket, &message.header, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(sizeof pid);
}

bool ReceiveWorker(int socket, pid_t* pid, int* to_child, int* from_child) {
  PidAndTwoPipes message(pid);
  ssize_t n;
  do {
    n = recvmsg(socket, &message.header, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  const cmsghdr* rights = n == static_cast<ssize_t>(sizeof *pid) ? CMSG_FIRSTHDR(&message.header) : nullptr;
  if (rights == nullptr || rights->cmsg_type != SCM_RIGHTS || rights->cmsg_len != CMSG_LEN(2 * sizeof(int))) {
    return false;
  }
  int fds[2];
  std::memcpy(fds, CMSG_DATA(rights), sizeof fds);
  if (*pid <= 0) {
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  *to_child = fds[0];
  *from_child = fds[1];
  return true;
}

// A request: the document's path and, when the worker is to file its
// record, where. Its fields are separated by NUL bytes, which no path holds:
// a path is bytes, and one that is not UTF-8 (a Latin-1 file name) must reach
// the worker as it is, which JSON text could not carry.
//   path                                   read it and answer with the record
//   path NUL record_path NUL store_path NUL run_id NUL record_file NUL input_path NUL status
struct Request {
  std::string path;
  std::optional<Filing> filing;
};

std::string RequestText(const std::string& path, const Filing* filing) {
  std::string request = path;
  if (filing != nullptr) {
    for (const std::string& field :
         {filing->record_path, filing->store_path, std::to_string(filing->run_id), filing->input.record_file,
          filing->input.input_path, filing->input.status}) {
      request += '\0';
      request += field;
    }
  }
  return request;
}

std::optional<Request> ParseRequest(std::string_view text) {
  std::vector<std::string> fields;
  for (size_t at = 0;;) {
    const size_t nul = text.find('\0', at);
    fields.emplace_back(text.substr(at, nul == std::string_view::npos ? std::string_view::npos : nul - at));
    if (nul == std::string_view::npos) break;
    at = nul + 1;
  }
  if (fields.size() == 1) return Request{fields[0], std::nullopt};
  if (fields.size() != 7) return std::nullopt;
  Filing filing;
  filing.record_path = fields[1];
  filing.store_path = fields[2];
  const auto [end, ec] = std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), filing.run_id);
  if (ec != std::errc() || end != fields[3].data() + fields[3].size()) return std::nullopt;
  filing.input.record_file = fields[4];
  filing.input.input_path = fields[5];
  filing.input.status = fields[6];
  return Request{fields[0], std::move(filing)};
}

// Writes `json`, the record of `record`, where `filing` says, then indexes it
// in the store (kept open in `store` from one document to the next). The
// answer: why the filing stopped (or nothing), a NUL byte, and the record's
// page count and problems as a record's JSON, which the parent parses once
// (a path never holds a NUL byte, and a JSON text holds none raw).
std::string FileRecord(const Record& record, const std::string& json, const Filing& filing, double milliseconds,
                       std::unique_ptr<Store>* store) {
  std::string error;
  try {
    WritePrivateFile(filing.record_path, json, Sync::kLater);
    if (*store == nullptr || (*store)->path() != filing.store_path) *store = std::make_unique<Store>(filing.store_path);
    StoredInput input = filing.input;
    input.milliseconds = milliseconds;
    input.record_sha256 = Sha256Hex(json);
    (*store)->Add(filing.run_id, record, input);
  } catch (const std::exception& e) {
    error = e.what();  // a path and the system's or SQLite's words, never record text
  }
  Record summary;
  summary.document.source.page_count = record.document.source.page_count;
  summary.problems = record.problems;
  error.push_back('\0');
  return error + RecordToJson(summary);
}

// An input larger than this is not read ahead (ReadAhead).
constexpr uintmax_t kReadAheadBytes = uintmax_t{4} << 20;

// The requests a worker is sent, read from `in` on a thread of their own,
// which also reads and ingests each input (IngestInput: Poppler, OCR,
// layout) while the worker runs the stages after ingest on the one before:
// a worker that has the machine to itself (imr batch and watch run one
// unless told otherwise) keeps a second core busy with files of one short
// document, as a packet's document and page threads already do. One request
// waits at most. An input larger than kReadAheadBytes is not ingested ahead,
// and none is while the worker runs one of those: two large documents at once
// could pass the worker's memory limit where each alone would not (and a
// packet is read on every core anyway). The record does not depend on it:
// FinishInput(IngestInput(path)) is RunFile(path). Where no thread can be
// had (an address-space limit too small for its stack), Next reads each
// request itself, and nothing is read ahead.
class ReadAhead {
 public:
  struct Item {
    Request request;
    std::optional<IngestedInput> ingested;  // empty: run whole (RunFile)
    double milliseconds = 0;                // spent ingesting it
  };

  // Without options.read_ahead, Next reads each request itself.
  ReadAhead(std::istream& in, const RunOptions& options) : state_(std::make_shared<State>(in, options)) {
    if (!options.read_ahead) return;
    try {
      thread_ = std::thread([state = state_] { state->Read(); });
    } catch (const std::system_error&) {
      // Next reads in this thread.
    }
  }
  // Joins the thread once it has read to the end of `in`; a worker leaving
  // before that (its parent gone) lets it go, to end with the process.
  ~ReadAhead() {
    if (!thread_.joinable()) return;
    {
      const std::lock_guard<std::mutex> lock(state_->mutex);
      state_->stopping = true;
      state_->changed.notify_all();
      if (!state_->ended) {
        thread_.detach();
        return;
      }
    }
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // The next request, in order; nothing at the end of `in`, and nothing with
  // `*bad` set where a request was not a frame.
  std::optional<Item> Next(bool* bad) {
    State& s = *state_;
    if (!thread_.joinable()) return s.ReadOne(/*ahead=*/false, bad);
    std::unique_lock<std::mutex> lock(s.mutex);
    s.changed.wait(lock, [&] { return s.waiting || s.ended; });
    if (!s.waiting) {
      *bad = s.bad;
      return std::nullopt;
    }
    std::optional<Item> item = std::move(s.waiting);
    s.waiting.reset();
    s.changed.notify_all();
    took_large_ = !item->ingested;
    return item;
  }

  // The worker is done with the request Next gave last.
  void Done() {
    if (!took_large_) return;
    took_large_ = false;
    const std::lock_guard<std::mutex> lock(state_->mutex);
    state_->running_large = false;
    state_->changed.notify_all();
  }

 private:
  // What the reading thread shares with the worker's, and owns with it.
  struct State {
    State(std::istream& in_, const RunOptions& options_) : in(in_), options(options_) {}

    // Reads the next request from `in`; with `ahead`, ingests it when it is
    // small and no large one is running, waiting for that first.
    std::optional<Item> ReadOne(bool ahead, bool* bad) {
      std::string header;
      if (!std::getline(in, header)) return std::nullopt;
      size_t size = 0;
      auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), size);
      std::string text;
      bool framed = ec == std::errc() && end == header.data() + header.size();
      if (framed) {
        text.resize(size);
        framed = static_cast<bool>(in.read(text.data(), static_cast<std::streamsize>(size)));
      }
      std::optional<Request> request;
      if (framed) request = ParseRequest(text);
      if (!request) {
        *bad = true;
        return std::nullopt;
      }
      Item item{std::move(*request), std::nullopt, 0};
      if (!ahead) return item;
      std::error_code unsized;
      const uintmax_t bytes = std::filesystem::file_size(item.request.path, unsized);
      if (!unsized && bytes > kReadAheadBytes) return item;  // one that cannot be sized fails small
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return !running_large || stopping; });
        if (stopping) return item;
      }
      const auto began = Clock::now();
      item.ingested = IngestInput(item.request.path, options);
      item.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - began).count();
      return item;
    }

    void Read() {
      bool bad = false;
      try {
        while (std::optional<Item> item = ReadOne(/*ahead=*/true, &bad)) {
          std::unique_lock<std::mutex> lock(mutex);
          changed.wait(lock, [&] { return !waiting || stopping; });
          if (stopping) break;
          if (!item->ingested) running_large = true;  // nothing is ingested until the worker is done with it
          waiting = std::move(item);
          changed.notify_all();
        }
      } catch (const std::exception&) {
        bad = true;  // no memory for a request: the worker ends, and the parent reads what it held again
      }
      const std::lock_guard<std::mutex> lock(mutex);
      ended = true;
      this->bad = bad;
      changed.notify_all();
    }

    std::istream& in;
    const RunOptions options;  // a copy: a thread let go may outlive the caller's
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<Item> waiting;
    bool running_large = false;  // an input not ingested ahead is waiting or running (until Done)
    bool ended = false;
    bool bad = false;
    bool stopping = false;
  };

  std::shared_ptr<State> state_;
  std::thread thread_;
  bool took_large_ = false;  // what Next gave last was not ingested ahead
};

// Answers leave in the order their requests came, each once its record is
// filed, from a thread of their own (InOrder): the worker works on the next
// document, which the parent has already sent (Worker::Submit) and ReadAhead
// has read and ingested, while the last one's record is written and indexed.
int ServeRequests(std::istream& in, std::ostream& out, const RunOptions& options) {
  std::unique_ptr<Store> store;  // opened by the first filing, on the answering thread (never across a fork)
  // Only the answering thread writes to `out`: reading must not flush it
  // (std::cin flushes its tied std::cout before every read).
  in.tie(nullptr);
  InOrder answering;
  ReadAhead requests(in, options);
  try {
    bool bad = false;
    while (std::optional<ReadAhead::Item> item = requests.Next(&bad)) {
      const auto began = Clock::now();
      auto record = std::make_shared<const Record>(item->ingested
                                                       ? FinishInput(std::move(*item->ingested), options)
                                                       : RunFile(item->request.path, options));
      requests.Done();
      auto json = std::make_shared<std::string>(RecordToJson(*record));
      const double milliseconds =
          item->milliseconds + std::chrono::duration<double, std::milli>(Clock::now() - began).count();
      answering.Give([record, json, filing = std::move(item->request.filing), milliseconds, &store, &out] {
        out << Frame(filing ? FileRecord(*record, *json, *filing, milliseconds, &store) : *json);
        out.flush();
        if (!out) throw std::runtime_error("the answer could not be sent");
      });
    }
    if (bad) return 2;
    answering.Finish();
  } catch (const std::runtime_error&) {
    return 1;  // the parent has gone
  }
  return 0;
}

}  // namespace

// The parent's side of an `imr worker --zygote` process: one per set of
// worker options, started on first use and shared by every Worker (and
// thread) of the process. A worker forked from it starts in a few
// milliseconds with every table already built, where a spawned one builds
// them all again (about 0.2 s of CPU).
class Zygote {
 public:
  Zygote() = default;
  ~Zygote() {
    close(socket_);  // the zygote reads the end of its requests and exits
    waitpid(pid_, nullptr, 0);
  }
  Zygote(const Zygote&) = delete;
  Zygote& operator=(const Zygote&) = delete;

  // The zygote for `options`, or null when none could be started or it has
  // stopped (workers are then spawned).
  static Zygote* For(const WorkerOptions& options) {
    std::vector<std::string> args = WorkerArgs(options);
    std::string key;
    for (const std::string& a : args) key += a + '\0';
    const std::lock_guard<std::mutex> lock(Started().mutex);
    auto [it, made] = Started().zygotes.try_emplace(key);
    if (made) it->second = Start(std::move(args));
    return it->second && it->second->alive_ ? it->second.get() : nullptr;
  }

  // Closes every zygote's socket and waits for each to exit.
  static void StopAll() {
    const std::lock_guard<std::mutex> lock(Started().mutex);
    Started().zygotes.clear();
  }

  // A new worker; false when the zygote cannot give one (it is then
  // considered gone).
  bool Fork(pid_t* pid, int* to_child, int* from_child) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!alive_) return false;
    if (!WriteAll(socket_, "F") || !ReceiveWorker(socket_, pid, to_child, from_child)) {
      alive_ = false;
      *pid = -1;
      return false;
    }
    return true;
  }

 private:
  static std::unique_ptr<Zygote> Start(std::vector<std::string> args) {
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) return nullptr;
    // Workers are the zygote's grandchildren, orphaned at birth: this
    // process adopts them, to wait for them as for its own.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    args.push_back("--zygote");
    const pid_t pid = Spawn(std::move(args), ends[1], -1);
    close(ends[1]);
    if (pid < 0) {
      close(ends[0]);
      return nullptr;
    }
    auto zygote = std::make_unique<Zygote>();
    zygote->pid_ = pid;
    zygote->socket_ = ends[0];
    return zygote;
  }

  // The zygotes this process started, by their workers' arguments.
  struct Zygotes {
    std::mutex mutex;
    std::map<std::string, std::unique_ptr<Zygote>> zygotes;
  };
  static Zygotes& Started() {
    static Zygotes started;
    return started;
  }

  std::mutex mutex_;
  pid_t pid_ = -1;
  int socket_ = -1;
  bool alive_ = true;
};

void StopZygotes() { Zygote::StopAll(); }

namespace {

// The record a failed document gets: what the parent itself can say.
WorkerResult FailedRecord(const std::string& path, std::string code, std::string message) {
  Record record;
  record.document.source.path = path;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0) record.document.source.bytes = static_cast<uint64_t>(info.st_size);
  if (auto hash = Sha256OfFile(path)) record.document.source.sha256 = *hash;
  record.problems.push_back({Stage::kPipeline, std::move(code), 0, std::move(message)});
  WorkerResult result;
  result.json = RecordToJson(record);
  result.record = std::move(record);
  return result;
}

}  // namespace

Worker::Worker(WorkerOptions options) : options_(std::move(options)) { IgnoreSigpipe(); }

Worker::~Worker() { Stop(); }

bool Worker::Start() {
  if (pid_ > 0) return true;
  // The zygote builds its tables now; the worker is forked at the first
  // document, when they are built.
  if (options_.zygote && Zygote::For(options_) != nullptr) return true;
  return Launch();
}

bool Worker::Launch() {
  if (pid_ > 0) return true;
  if (options_.zygote) {
    if (Zygote* zygote = Zygote::For(options_); zygote && zygote->Fork(&pid_, &to_child_, &from_child_)) return true;
  }
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return false;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return false;
  }
  const pid_t pid = Spawn(WorkerArgs(options_), in[0], out[1]);
  close(in[0]);
  close(out[1]);
  if (pid < 0) {
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
  const pid_t pid = pid_;
  Died();  // the worker reads the end of its input and exits
  WaitOrKill(pid);
}

void Worker::Died() {
  close(to_child_);
  close(from_child_);
  pid_ = -1;
  to_child_ = from_child_ = -1;
  received_.clear();
  // What it held goes to the next worker again (Collect reads a suspect
  // again alone).
  for (InFlight& d : in_flight_) d.sent = false;
}

bool Worker::Send(InFlight* document) {
  if (!WriteAll(to_child_, Frame(document->request))) return false;
  document->sent = true;
  document->sent_at = Clock::now();
  return true;
}

std::optional<std::string> Worker::Receive(Clock::time_point deadline, std::string* problem) {
  const auto died = [&](const char* how) {
    int status = 0;
    const pid_t pid = pid_;
    Died();
    waitpid(pid, &status, 0);
    *problem = how;
    if (WIFSIGNALED(status)) *problem += " (signal " + std::to_string(WTERMSIG(status)) + ")";
    return std::nullopt;
  };
  size_t expected = std::string::npos, header = 0;
  char chunk[1 << 16];
  for (;;) {
    if (expected == std::string::npos) {
      if (const size_t newline = received_.find('\n'); newline != std::string::npos) {
        size_t size = 0;
        auto [end, ec] = std::from_chars(received_.data(), received_.data() + newline, size);
        if (ec != std::errc() || end != received_.data() + newline) return died("the worker's answer was not a frame");
        expected = size;
        header = newline + 1;
      }
    }
    if (expected != std::string::npos && received_.size() >= header + expected) break;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill(pid_, SIGKILL);
      died("");
      *problem = "time_limit";
      return std::nullopt;
    }
    pollfd fd{from_child_, POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready <= 0) continue;  // interrupted, or nothing yet
    const ssize_t n = read(from_child_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return died("the worker process stopped");
    received_.append(chunk, static_cast<size_t>(n));
  }
  std::string answer = received_.substr(header, expected);
  received_.erase(0, header + expected);  // the next answer may have come with it
  return answer;
}

// A document may go to the worker when every one before it has gone, and
// none of them is being read again alone.
bool Worker::MaySend(size_t i) const {
  return std::all_of(in_flight_.begin(), in_flight_.begin() + static_cast<std::ptrdiff_t>(i),
                     [](const InFlight& d) { return d.sent && !d.alone; });
}

// Sends every document in hand that may go, in order; false when the worker
// died taking one (each is then sent again later).
bool Worker::SendWhatMayGo() {
  for (size_t i = 0; i < in_flight_.size(); ++i) {
    if (in_flight_[i].sent) continue;
    if (!MaySend(i)) break;
    if (!Launch()) return false;
    if (!Send(&in_flight_[i])) {
      const pid_t pid = pid_;
      Died();
      waitpid(pid, nullptr, 0);
      return false;
    }
  }
  return true;
}

void Worker::Submit(const std::string& path, const Filing* filing) {
  // Sent now when it may go, so the worker has it in hand when it finishes
  // the one before.
  InFlight document;
  document.path = path;
  if (filing != nullptr) document.filing = *filing;
  document.request = RequestText(path, filing);
  in_flight_.push_back(std::move(document));
  SendWhatMayGo();
}

WorkerResult Worker::Collect() {
  InFlight& head = in_flight_.front();
  const std::string path = head.path;
  const auto finish = [&](WorkerResult result) {
    in_flight_.pop_front();
    SendWhatMayGo();
    return result;
  };
  if (!head.sent && (!SendWhatMayGo() || !head.sent)) {
    if (pid_ <= 0 && !Launch()) {
      return finish(FailedRecord(path, "worker_unavailable", "no worker process could be started for the document"));
    }
    return finish(FailedRecord(path, "worker_crashed",
                               "the worker process stopped as the document was given to it (memory limit " +
                                   std::to_string(options_.memory_mb) + " MB); the worker was replaced"));
  }
  // The worker began on this document when it had sent the answer before
  // (or when it was sent, if later): the time limit counts from there.
  const auto deadline = std::max(head.sent_at, last_answer_) + std::chrono::duration_cast<Clock::duration>(
                                                                   std::chrono::duration<double>(options_.seconds));
  const bool others_in_hand = in_flight_.size() > 1 && in_flight_[1].sent;
  std::string problem;
  const std::optional<std::string> answer = Receive(deadline, &problem);
  if (!answer) {
    if (problem == "time_limit") {
      return finish(FailedRecord(path, "time_limit",
                                 "the document took longer than " +
                                     std::to_string(static_cast<long long>(options_.seconds)) +
                                     " s and its worker was stopped"));
    }
    // A worker that died with two documents in hand may have died of the
    // other one: this one is read again, alone, before it is blamed.
    if (others_in_hand && !head.alone) {
      head.alone = true;
      return Collect();
    }
    return finish(FailedRecord(path, "worker_crashed",
                               problem + " while reading the document (memory limit " +
                                   std::to_string(options_.memory_mb) + " MB); the worker was replaced"));
  }
  last_answer_ = Clock::now();
  std::string error;
  if (!head.filing) {
    if (std::optional<Record> record = RecordFromJson(*answer, &error)) {
      WorkerResult result;
      result.record = std::move(*record);
      result.json = *answer;
      return finish(std::move(result));
    }
  } else {
    // The filing error, a NUL byte, the summary (FileRecord).
    if (const size_t nul = answer->find('\0'); nul != std::string::npos) {
      if (std::optional<Record> summary = RecordFromJson(std::string_view(*answer).substr(nul + 1), &error)) {
        WorkerResult result;
        result.record = std::move(*summary);
        result.filed = true;
        result.filing_error = answer->substr(0, nul);
        return finish(std::move(result));
      }
    }
  }
  const pid_t pid = pid_;
  Died();
  WaitOrKill(pid);
  return finish(FailedRecord(path, "worker_crashed", "the worker's record could not be read; the worker was replaced"));
}

WorkerResult Worker::Run(const std::string& path, const Filing* filing) {
  Submit(path, filing);
  return Collect();
}

void ShareCores(int jobs, WorkerOptions* options) {
  options->ocr_threads = CoresPerWorker(jobs);
  options->document_threads = CoresPerWorker(1);
  options->read_ahead = CoresPerWorker(jobs) >= 2;
}

int ServeWorker(std::istream& in, std::ostream& out, const RunOptions& options) {
  // What every document needs (the rulebook, the vocabularies, the pattern
  // tables) is made on first use; make it while the parent is still listing
  // and hashing its inputs, not with the first document.
  WarmUpNow(options);
  return ServeRequests(in, out, options);
}

int ServeZygote(int socket, const RunOptions& options, uint64_t memory_bytes) {
  BuildSearchProgramsAhead();
  WarmUpNow(options);  // every table built once, here, shared by every worker
  char request = 0;
  while (ReadFull(socket, &request, 1)) {
    int in[2], out[2], report[2];
    if (pipe2(in, 0) != 0 || pipe2(out, 0) != 0 || pipe2(report, 0) != 0) return 1;
    const pid_t middle = fork();
    if (middle == 0) {
      const pid_t worker = fork();
      if (worker == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close_range(3, ~0U, 0);  // the socket, the parent's ends, the report pipe
        if (memory_bytes > 0 && kAddressSpaceLimitsWork) {
          const rlimit limit{memory_bytes, memory_bytes};
          setrlimit(RLIMIT_AS, &limit);
        }
        std::cout.flush();
        const int code = ServeRequests(std::cin, std::cout, options);
        std::cout.flush();
        CheckLeaksNow();
        _exit(code);
      }
      // The middle process exits at once, so the worker is orphaned and
      // becomes the parent's child (it is the subreaper): the parent waits
      // for it and reads how it ended, as it does for a worker it spawned.
      WriteAll(report[1], std::string_view(reinterpret_cast<const char*>(&worker), sizeof worker));
      _exit(worker > 0 ? 0 : 1);
    }
    pid_t worker = -1;
    if (middle > 0) {
      waitpid(middle, nullptr, 0);
      close(report[1]);
      report[1] = -1;
      if (!ReadFull(report[0], reinterpret_cast<char*>(&worker), sizeof worker)) worker = -1;
    }
    const bool sent = SendWorker(socket, worker, in[1], out[0]);
    for (int fd : {in[0], in[1], out[0], out[1], report[0], report[1]}) {
      if (fd >= 0) close(fd);
    }
    if (!sent) return 1;
  }
  return 0;
}

}  // namespace imr
