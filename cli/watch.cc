// `imr watch INBOX -o OUT`: records for the documents dropped into a folder,
// until stopped.
//
// A file at the top of INBOX is taken once it is complete: moved in
// (inotify IN_MOVED_TO), closed after writing (IN_CLOSE_WRITE, when it is
// not empty), or, where inotify says nothing (network shares) and for the
// files already there at start, when a poll of the folder has seen its size
// and modification time unchanged for --stable-seconds. It is claimed by a
// rename into INBOX/.processing/ under the name it keeps to the end
// (pipeline/inbox.h), run in a worker process (pipeline/worker.h), its record
// written to OUT/<stem>.json and indexed in OUT/imr.sqlite, and only then
// moved to INBOX/processed/, or to INBOX/failed/ with NAME.error.json beside
// it when no text at all could be read (NoTextCouldBeRead). Content already
// recorded by the same pipeline version is a duplicate: its record is the
// first one's with its own source path, and nothing runs again.
//
// The move out of .processing/ is the commit: a watcher killed at any point
// leaves the file in .processing/, and the next start handles it again. The
// record name depends only on the claimed name and the content, so the same
// record file is written again (not a second one), and a document whose
// record the store already holds is only moved on. One watcher per inbox:
// INBOX/.processing/.lock.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "decide/rulebook.h"
#include "pipeline/inbox.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "pipeline/store.h"
#include "pipeline/worker.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::atomic<bool> stop_requested{false};
int wake_write_fd = -1;  // the wake pipe: signals and finished documents wake the main loop

void Wake() {
  if (wake_write_fd >= 0) {
    const char c = 'w';
    (void)!write(wake_write_fd, &c, 1);
  }
}

void OnStopSignal(int) {
  stop_requested = true;
  Wake();
}

// SIGINT and SIGTERM: the documents in hand are finished, nothing new is
// claimed, and the watcher exits 0.
void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  action.sa_flags = SA_RESTART;  // the wake pipe, not EINTR, tells the main loop
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void SyncDir(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

bool HasProblem(const Record& record, std::string_view code) {
  for (const Problem& p : record.problems) {
    if (p.code == code) return true;
  }
  return false;
}

// A failure of the run rather than of the document: a record that says so is
// no reason not to run the same content again (with other limits, or luck).
bool FailedForTheRun(const Record& record) {
  return HasProblem(record, "time_limit") || HasProblem(record, "worker_crashed") ||
         HasProblem(record, "worker_unavailable");
}

// The worker was stopped from outside (a Ctrl-C reaches the whole process
// group; a service manager may signal every process): the document is not to
// blame, and stays in .processing/ for the next start.
bool WorkerWasInterrupted(const Record& record) {
  for (const Problem& p : record.problems) {
    if (p.code == "worker_crashed" &&
        (p.message.find("(signal 2)") != std::string::npos || p.message.find("(signal 15)") != std::string::npos)) {
      return true;
    }
  }
  return false;
}

std::string ProblemCodes(const Record& record) {
  std::string codes;
  for (const Problem& p : record.problems) {
    if (codes.find(p.code) != std::string::npos) continue;
    codes += (codes.empty() ? "" : ",") + p.code;
  }
  return codes;
}

struct WatchOptions {
  std::string out_dir;
  double stable_seconds = 5;
  double poll_seconds = 2;
  int jobs = 1;
  WorkerOptions worker;
};

struct Tally {
  int64_t processed = 0, duplicates = 0, failed = 0, pages = 0, with_problems = 0;
};

// What became of one claimed document.
struct Made {
  Record record;
  std::string json;  // the record file's bytes, source path not yet set
  std::string status = "processed";  // processed, failed, duplicate
  std::string duplicate_of;
  bool failed = false;
  bool already_stored = false;  // an earlier start wrote and stored it
  bool interrupted = false;
  double milliseconds = 0;
};

// Handles claimed documents to their end, from any number of threads.
class Handler {
 public:
  Handler(Inbox& inbox, Store& store, int64_t run, const WatchOptions& options, std::ostream& err)
      : inbox_(inbox), store_(store), run_(run), options_(options), err_(err), version_(PipelineVersion()) {}

  // One log line: document id, stage, outcome, milliseconds. Never a word of
  // the document.
  void Log(std::string_view id, std::string_view stage, std::string_view outcome, double ms) {
    char tail[48];
    std::snprintf(tail, sizeof tail, " %.0f ms\n", ms);
    std::lock_guard<std::mutex> lock(log_mutex_);
    err_ << "imr: watch: " << id << " " << stage << " " << outcome << tail << std::flush;
  }

  // Makes the record of the claimed `name`, stores it and moves the file out
  // of .processing/. False when a record could not be written or stored: the
  // file stays claimed, and the watcher should stop (a restart finishes it).
  bool Handle(Worker& worker, std::string name, bool recovered);

  Tally tally() {
    std::lock_guard<std::mutex> lock(mutex_);
    return tally_;
  }

 private:
  Made Run(Worker& worker, const std::string& path);
  std::optional<Made> FromEarlierRecord(const std::string& record_file, bool as_duplicate);
  void Release(const std::string& record_file) {
    std::lock_guard<std::mutex> lock(mutex_);
    reserved_.erase(record_file);
  }

  Inbox& inbox_;
  Store& store_;
  const int64_t run_;
  const WatchOptions& options_;
  std::ostream& err_;
  const std::string version_;
  std::mutex mutex_;  // the store, reserved_ and tally_
  std::mutex log_mutex_;
  std::set<std::string> reserved_;  // record names being made now
  Tally tally_;
};

Made Handler::Run(Worker& worker, const std::string& path) {
  const auto began = Clock::now();
  Made made;
  for (int attempt = 0;; ++attempt) {
    WorkerResult result = worker.Run(path);
    made.record = std::move(result.record);
    made.json = std::move(result.json);
    if (!WorkerWasInterrupted(made.record)) break;
    // Stopped from outside: try once more unless the watcher is stopping too.
    if (stop_requested || attempt > 0) {
      made.interrupted = true;
      return made;
    }
  }
  made.milliseconds = MillisecondsSince(began);
  made.failed = NoTextCouldBeRead(made.record);
  made.status = made.failed ? "failed" : "processed";
  return made;
}

// What a symbolic link, FIFO or socket dropped in the inbox gets: a record
// from what lstat says, nothing opened.
Made NotARegularFile(const std::string& path) {
  Made made;
  made.record.document.source.path = path;
  made.record.problems.push_back({Stage::kPipeline, "not_a_regular_file", 0,
                                  "the inbox entry is a symbolic link, FIFO or socket; it was not opened or followed"});
  made.json = RecordToJson(made.record);
  made.failed = true;
  made.status = "failed";
  return made;
}

// The record OUT/`record_file` made before: this document's own (a start
// that died after storing it), or the first copy of its content.
std::optional<Made> Handler::FromEarlierRecord(const std::string& record_file, bool as_duplicate) {
  Made made;
  made.json = ReadWholeFile((fs::path(options_.out_dir) / record_file).string());
  std::string error;
  std::optional<Record> record = RecordFromJson(made.json, &error);
  if (!record) return std::nullopt;
  made.record = std::move(*record);
  made.failed = NoTextCouldBeRead(made.record);
  if (as_duplicate) {
    made.status = "duplicate";
    made.duplicate_of = record_file;
  } else {
    made.already_stored = true;
  }
  return made;
}

bool Handler::Handle(Worker& worker, std::string name, bool recovered) {
  const auto began = Clock::now();
  for (int placed = 0; placed < 100; ++placed) {
    const std::string path = inbox_.ProcessingPath(name);
    // A symbolic link is never followed (it could point anywhere: /etc/passwd,
    // another patient's file): it is neither hashed nor read, and ends in
    // failed/ with a record that says what it was.
    const bool regular = inbox_.ClaimedIsRegular(name);
    const std::string sha = regular ? Sha256OfFile(path).value_or("") : "";
    const std::vector<std::string> finals = {inbox_.FinalPath(name, false), inbox_.FinalPath(name, true)};
    std::string record_file;
    bool stored_before = false;
    std::optional<std::string> first;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      record_file = WatchRecordName(options_.out_dir, name, sha, finals, reserved_);
      reserved_.insert(record_file);
      try {
        stored_before = !sha.empty() && store_.Has(record_file, sha, version_) &&
                        RecordFileIsWhole((fs::path(options_.out_dir) / record_file).string(),
                                          store_.RecordSha256(record_file));
        if (!stored_before && !sha.empty()) first = store_.Find(sha, version_);
        if (first && (*first == record_file || !RecordFileIsWhole((fs::path(options_.out_dir) / *first).string(),
                                                                  store_.RecordSha256(*first)))) {
          first.reset();
        }
      } catch (const std::exception& e) {
        reserved_.erase(record_file);
        Log(record_file, "error", e.what(), MillisecondsSince(began));
        return false;
      }
    }
    Log(record_file, recovered ? "recovered" : "claimed", "sha256:" + sha.substr(0, 12), MillisecondsSince(began));

    std::optional<Made> made;
    if (stored_before) made = FromEarlierRecord(record_file, /*as_duplicate=*/false);
    if (!made && first) {
      made = FromEarlierRecord(*first, /*as_duplicate=*/true);
      if (made && FailedForTheRun(made->record)) made.reset();  // worth another run
    }
    if (!made) made = regular ? Run(worker, path) : NotARegularFile(path);
    if (made->interrupted) {
      Release(record_file);
      Log(record_file, "interrupted", "left_in_.processing", MillisecondsSince(began));
      return true;
    }

    const std::string final_path = inbox_.FinalPath(name, made->failed);
    // (No input can own failed/NAME.error.json: Inbox::Claim keeps such names
    // apart, so one there is this document's own, from a start that died.)
    const std::string report_path = inbox_.ErrorReportPath(name);
    struct stat info {};
    if (lstat(final_path.c_str(), &info) == 0) {
      // Someone else's file took this document's place meanwhile: it gets a
      // name of its own, and its record follows that name.
      Release(record_file);
      try {
        name = inbox_.Reclaim(name);
      } catch (const std::exception& e) {
        Log(record_file, "error", e.what(), MillisecondsSince(began));
        return false;
      }
      continue;
    }

    try {
      made->record.document.source.path = final_path;
      if (made->record.document.source.sha256.empty()) made->record.document.source.sha256 = sha;
      if (!made->already_stored) {
        const std::string json = WithSourcePath(made->json, final_path);
        WritePrivateFile((fs::path(options_.out_dir) / record_file).string(), json);
        SyncDir(options_.out_dir);
        std::lock_guard<std::mutex> lock(mutex_);
        store_.Add(run_, made->record,
                   {.record_file = record_file, .input_path = final_path, .status = made->status,
                    .milliseconds = made->milliseconds, .duplicate_of = made->duplicate_of,
                    .record_sha256 = Sha256Hex(json)});
      }
      if (made->failed) WritePrivateFile(report_path, ErrorReportJson(made->record, record_file));
      inbox_.Finish(name, made->failed);
    } catch (const std::exception& e) {
      Release(record_file);
      Log(record_file, "error", e.what(), MillisecondsSince(began));
      return false;
    }
    Release(record_file);

    std::string stage = made->status, outcome;
    if (made->already_stored) stage = made->failed ? "failed" : "processed";
    if (made->status == "duplicate") {
      outcome = "of:" + made->duplicate_of + (made->failed ? ",to_failed" : "");
    } else if (made->record.problems.empty()) {
      outcome = "clean";
    } else {
      outcome = "problems:" + ProblemCodes(made->record);
    }
    if (made->already_stored) outcome += ",recorded_before";
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++(made->status == "duplicate" ? tally_.duplicates : made->failed ? tally_.failed : tally_.processed);
      tally_.pages += made->record.document.source.page_count;
      tally_.with_problems += !made->record.problems.empty();
    }
    Log(record_file, stage, outcome, MillisecondsSince(began));
    return true;
  }
  Log(name, "error", "no_free_name", MillisecondsSince(began));
  return false;
}

// Claimed documents waiting for a thread, and the threads.
class Pool {
 public:
  Pool(Handler& handler, const WatchOptions& options) : handler_(handler) {
    for (int i = 0; i < options.jobs; ++i) threads_.emplace_back([this, &options] { Work(options.worker); });
  }

  ~Pool() { Close(); }

  void Push(std::string name, bool recovered) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back({std::move(name), recovered});
    ++in_flight_;
    ready_.notify_one();
  }

  int in_flight() {
    std::lock_guard<std::mutex> lock(mutex_);
    return in_flight_;
  }

  bool failed() const { return failed_; }

  // Lets the threads finish every claimed document (the work in hand: at
  // most --jobs, and what a crash left), and joins them. After a failure to
  // write, what is left stays in .processing/ for the next start.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  struct Item {
    std::string name;
    bool recovered = false;
  };

  void Work(const WorkerOptions& worker_options) {
    Worker worker(worker_options);
    for (;;) {
      Item item;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return closing_ || failed_ || !queue_.empty(); });
        if (failed_ || (closing_ && queue_.empty())) return;
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      const bool ok = handler_.Handle(worker, item.name, item.recovered);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        --in_flight_;
        if (!ok) {
          failed_ = true;
          stop_requested = true;
        }
      }
      ready_.notify_all();
      Wake();
    }
  }

  Handler& handler_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Item> queue_;
  int in_flight_ = 0;
  bool closing_ = false;
  std::atomic<bool> failed_{false};
  std::vector<std::thread> threads_;
};

// Files found complete, in the order found, each once.
class ReadyList {
 public:
  void Add(const std::string& name) {
    if (names_.insert(name).second) order_.push_back(name);
  }
  bool empty() const { return order_.empty(); }
  std::string Take() {
    std::string name = std::move(order_.front());
    order_.pop_front();
    names_.erase(name);
    return name;
  }

 private:
  std::deque<std::string> order_;
  std::set<std::string> names_;
};

// Reads what inotify has to say: the names that are complete now. Sets
// `rescan` when events were lost.
void ReadInotify(int fd, const Inbox& inbox, ReadyList* ready, bool* rescan) {
  alignas(inotify_event) char buffer[16384];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return;
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) *rescan = true;
      if (event->len == 0 || (event->mask & IN_ISDIR)) continue;
      const std::string name(event->name);
      if (!IsInboxCandidate(name)) continue;
      struct stat info {};
      const std::string path = (fs::path(inbox.dir()) / name).string();
      if (lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
      // A file created and closed empty is often about to be written: the
      // size-stable check decides for it.
      if ((event->mask & IN_MOVED_TO) || ((event->mask & IN_CLOSE_WRITE) && info.st_size > 0)) ready->Add(name);
    }
  }
}

struct Watch {
  int inotify_fd = -1;
  int wake_read_fd = -1;
  ~Watch() {
    if (inotify_fd >= 0) close(inotify_fd);
    if (wake_read_fd >= 0) close(wake_read_fd);
    if (wake_write_fd >= 0) close(wake_write_fd);
    wake_write_fd = -1;
  }
};

// The main loop: find complete files, claim them as threads come free,
// sleep until something happens or the next poll is due.
void ServeInbox(Inbox& inbox, Pool& pool, Handler& handler, const WatchOptions& options, Watch& watch) {
  StabilityTracker tracker(options.stable_seconds);
  ReadyList ready;
  std::map<std::string, std::pair<uint64_t, int64_t>> refused;  // name -> size, mtime when a claim failed
  auto next_poll = Clock::now();
  while (!stop_requested) {
    const auto now = Clock::now();
    if (now >= next_poll) {
      const std::vector<InboxEntry> listing = inbox.List();
      std::map<std::string, std::pair<uint64_t, int64_t>> still_refused;
      for (const InboxEntry& e : listing) {
        if (const auto it = refused.find(e.name); it != refused.end() && it->second == std::pair(e.bytes, e.mtime_ns)) {
          still_refused.insert(*it);
        }
      }
      refused = std::move(still_refused);
      for (const std::string& name : tracker.Update(listing, now)) ready.Add(name);
      next_poll = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.poll_seconds));
    }
    while (!ready.empty() && !stop_requested && pool.in_flight() < options.jobs) {
      const std::string name = ready.Take();
      if (refused.count(name) > 0) continue;
      tracker.Forget(name);
      std::string error;
      if (std::optional<std::string> claimed = inbox.Claim(name, &error)) {
        pool.Push(*claimed, /*recovered=*/false);
      } else if (!error.empty()) {
        struct stat info {};
        if (lstat((fs::path(inbox.dir()) / name).c_str(), &info) == 0) {
          refused[name] = {static_cast<uint64_t>(info.st_size),
                           static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
        }
        handler.Log(name, "refused", "cannot_claim:" + error, 0);
      }
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_poll - Clock::now()).count();
    pollfd fds[2] = {{watch.wake_read_fd, POLLIN, 0}, {watch.inotify_fd, POLLIN, 0}};
    poll(fds, watch.inotify_fd >= 0 ? 2 : 1, static_cast<int>(std::clamp<long long>(wait, 0, 60000)));
    char drain[64];
    while (read(watch.wake_read_fd, drain, sizeof drain) > 0) {
    }
    bool rescan = false;
    if (watch.inotify_fd >= 0) ReadInotify(watch.inotify_fd, inbox, &ready, &rescan);
    if (rescan) next_poll = Clock::now();
  }
}

}  // namespace

int WatchCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"-o=", "--jobs=", "--no-ocr", "--rules=", "--seconds=", "--memory-mb=", "--stable-seconds=",
               "--poll-seconds=", "--max-pages=", "--ocr-threads=", "--max-text-mb="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1 || !flags.Value("-o") || !MaxPagesValid(flags) ||
      !OcrThreads(flags, 1) || !MaxTextValid(flags)) {
    return Usage("watch", err);
  }
  CatchStopSignals();  // from the start: a stop during start-up is a clean stop too
  WatchOptions options;
  const std::optional<double> jobs = PositiveNumber(flags.Value("--jobs"), 1);
  const std::optional<double> seconds = PositiveNumber(flags.Value("--seconds"), 600);
  const std::optional<double> memory = PositiveNumber(flags.Value("--memory-mb"), 4096);
  const std::optional<double> stable = PositiveNumber(flags.Value("--stable-seconds"), 5);
  const std::optional<double> poll_every = PositiveNumber(flags.Value("--poll-seconds"), 2);
  if (!jobs || !seconds || !memory || !stable || !poll_every || *jobs > 256) {
    err << "imr: watch: --jobs (up to 256), --seconds, --memory-mb, --stable-seconds and --poll-seconds take "
           "positive numbers\n";
    return kExitUsage;
  }
  if (const auto dir = flags.Value("--rules")) {
    Rulebook check;
    if (!LoadSiteRules(*dir, err, &check)) return kExitUsage;
  }
  options.jobs = static_cast<int>(*jobs);
  options.stable_seconds = *stable;
  options.poll_seconds = *poll_every;
  options.worker.seconds = *seconds;
  options.worker.memory_mb = static_cast<uint64_t>(*memory);
  options.worker.ocr = !flags.Has("--no-ocr");
  options.worker.rules_dir = flags.Value("--rules").value_or("");
  options.worker.max_pages = MaxPages(flags).value_or(0);
  ShareCores(options.jobs, &options.worker);  // as imr batch does
  options.worker.ocr_threads = *OcrThreads(flags, options.worker.ocr_threads);
  options.worker.max_text_mb = MaxTextBytes(flags).value_or(0) >> 20;

  std::unique_ptr<Inbox> inbox;
  try {
    inbox = std::make_unique<Inbox>(flags.positional()[0]);
  } catch (const std::exception& e) {
    err << "imr: watch: " << e.what() << "\n";
    return kExitUsage;
  }
  options.out_dir = fs::absolute(*flags.Value("-o")).lexically_normal().string();
  while (options.out_dir.size() > 1 && options.out_dir.back() == '/') options.out_dir.pop_back();
  if (options.out_dir == inbox->dir()) {
    err << "imr: watch: the records cannot go into the inbox itself; give another -o\n";
    return kExitUsage;
  }
  // A watcher just killed can leave its lock held for a moment (a worker it
  // was starting has it until its exec): wait a little before refusing.
  std::string holder;
  std::optional<FileLock> lock;
  for (int attempt = 0; attempt < 30 && !(lock = FileLock::TryLock(inbox->ProcessingDir() + "/.lock", &holder)); ++attempt) {
    usleep(100000);
  }
  if (!lock) {
    err << "imr: watch: another watcher serves " << inbox->dir() << " (" << holder << "); not started\n";
    return kExitUsage;
  }
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (!fs::is_directory(options.out_dir)) {
    err << "imr: watch: cannot create output directory " << options.out_dir << "\n";
    return kExitUsage;
  }
  // What a watcher killed while writing left behind.
  const int stale = RemoveStaleTemporaryFiles(options.out_dir) +
                    RemoveStaleTemporaryFiles((fs::path(inbox->dir()) / "failed").string());

  std::unique_ptr<Store> store;
  try {
    store = std::make_unique<Store>((fs::path(options.out_dir) / "imr.sqlite").string());
  } catch (const std::exception& e) {
    err << "imr: watch: " << e.what() << "\n";
    return kExitRetry;
  }
  const int64_t run = store->BeginRun("watch", PipelineVersion(), "");

  Watch watch;
  int wake[2];
  if (pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0) {
    err << "imr: watch: cannot make a pipe\n";
    return kExitRetry;
  }
  watch.wake_read_fd = wake[0];
  wake_write_fd = wake[1];
  watch.inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (watch.inotify_fd >= 0 &&
      inotify_add_watch(watch.inotify_fd, inbox->dir().c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR) < 0) {
    close(watch.inotify_fd);
    watch.inotify_fd = -1;
  }
  char line[400];
  std::snprintf(line, sizeof line,
                "imr: watch: watching %s into %s (pipeline %s; %s; complete after %.3g s unchanged, polled every "
                "%.3g s; %d job%s)\n",
                inbox->dir().c_str(), options.out_dir.c_str(), PipelineVersion().c_str(),
                watch.inotify_fd >= 0 ? "inotify" : "no inotify, polling only", options.stable_seconds,
                options.poll_seconds, options.jobs, options.jobs == 1 ? "" : "s");
  err << line;
  if (stale > 0) err << "imr: watch: removed " << stale << " temporary files a stopped watcher left\n";

  const auto start = Clock::now();
  Handler handler(*inbox, *store, run, options, err);
  bool failed = false;
  {
    Pool pool(handler, options);
    // A crash left these claimed: each is handled again, before anything new.
    for (const std::string& name : inbox->Claimed()) pool.Push(name, /*recovered=*/true);
    ServeInbox(*inbox, pool, handler, options, watch);
    pool.Close();
    failed = pool.failed();
  }

  const Tally tally = handler.tally();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  RunSummary summary;
  summary.documents = tally.processed + tally.duplicates + tally.failed;
  summary.pages = tally.pages;
  summary.problems = tally.with_problems;
  summary.seconds = elapsed;
  summary.outcome = failed ? "failed" : "finished";
  try {
    store->EndRun(run, summary);
  } catch (const std::exception& e) {
    err << "imr: watch: " << e.what() << "\n";
  }
  std::snprintf(line, sizeof line,
                "imr: watch: stopped after %.1f s: %lld processed, %lld duplicates, %lld failed; %lld pages; %lld "
                "with problems\n",
                elapsed, static_cast<long long>(tally.processed), static_cast<long long>(tally.duplicates),
                static_cast<long long>(tally.failed), static_cast<long long>(tally.pages),
                static_cast<long long>(tally.with_problems));
  err << line;
  out << std::flush;
  if (failed) {
    err << "imr: watch: a record could not be written or stored; the document stays in " << inbox->ProcessingDir()
        << " and the next start finishes it\n";
    return kExitRetry;
  }
  return kExitClean;
}

}  // namespace imr
