// `imr batch`, `imr merge` and `imr worker`: many documents unattended.
//
// A batch lists its inputs, sorts them, names every record from the whole
// list (so each shard names an input the same way), takes its shard, and
// runs each input in a worker process (pipeline/worker.h) on --jobs threads.
// Each record is written atomically, then indexed in the shard's store; an
// input whose record the store holds for the same content and pipeline
// version is done and is skipped, so a batch killed half-way and started
// again finishes the rest only. Records are synced to disk in groups, the last
// before the run ends; a stored record counts only while its file holds what
// the store says was written (a crash may have torn one not yet synced).
#include <signal.h>
#include <sys/resource.h>
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
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/flags.h"
#include "core/sanitizer.h"
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

void OnStopSignal(int) { stop_requested = true; }

// SIGINT and SIGTERM let the documents in hand finish; the batch then exits
// with kExitRetry and a later run finishes the rest.
void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool IsInputFile(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".pdf" || ext == ".txt";
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

// Every PDF and text file under `dir` (hidden files and folders left out),
// or every path listed in the file after '@' (one a line; blank lines and
// lines starting with '#' skipped). Sorted, without repeats.
std::optional<std::vector<std::string>> ListInputs(const std::string& source, std::ostream& err) {
  std::vector<std::string> inputs;
  if (source.starts_with("@")) {
    std::ifstream list(source.substr(1));
    if (!list) {
      err << "imr: batch: cannot read the list " << source.substr(1) << "\n";
      return std::nullopt;
    }
    for (std::string line; std::getline(list, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty() && line.front() != '#') inputs.push_back(line);
    }
  } else {
    std::error_code ec;
    if (!fs::is_directory(source, ec)) {
      err << "imr: batch: " << source << " is not a folder (a list is written @LIST)\n";
      return std::nullopt;
    }
    fs::recursive_directory_iterator it(source, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (IsHidden(it->path())) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && IsInputFile(it->path())) inputs.push_back(it->path().string());
    }
    if (ec) {
      err << "imr: batch: cannot list " << source << "\n";
      return std::nullopt;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
  return inputs;
}

struct Shard {
  int k = 0, n = 1;
};

std::optional<Shard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard s;
  const auto k = std::from_chars(text.data(), text.data() + slash, s.k);
  const auto n = std::from_chars(text.data() + slash + 1, text.data() + text.size(), s.n);
  if (k.ec != std::errc() || k.ptr != text.data() + slash || n.ec != std::errc() || n.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  if (s.n < 1 || s.k < 0 || s.k >= s.n) return std::nullopt;
  return s;
}

std::string StoreName(const std::optional<Shard>& shard) {
  if (!shard) return "imr.sqlite";
  char name[64];
  std::snprintf(name, sizeof name, "imr-shard-%d-of-%d.sqlite", shard->k, shard->n);
  return name;
}

// What the terminal (or a log) sees while the batch runs.
class Progress {
 public:
  Progress(std::ostream& err, size_t total) : err_(err), total_(total), tty_(isatty(STDERR_FILENO) == 1) {}

  void Done(int pages, bool problem, bool skipped) {
    ++done_;
    if (skipped) ++skipped_;
    pages_ += pages;
    problems_ += problem;
    const auto now = Clock::now();
    const double every = tty_ ? 0.2 : 10.0;
    if (done_ < total_ && std::chrono::duration<double>(now - last_).count() < every) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const size_t ran = done_ - skipped_;
    const double per_doc = ran > 0 ? seconds / static_cast<double>(ran) : 0;
    const double eta = per_doc * static_cast<double>(total_ - done_);
    char line[200];
    if (tty_) {
      constexpr int kWidth = 24;
      const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
      std::snprintf(line, sizeof line, "\r[%-*s] %zu/%zu  %.1f pages/s  ETA %d:%02d  problems %zu ", kWidth,
                    std::string(static_cast<size_t>(filled), '#').c_str(), done_, total_,
                    seconds > 0 ? pages_ / seconds : 0.0, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60,
                    problems_);
      err_ << line << (done_ == total_ ? "\n" : "") << std::flush;
    } else {
      std::snprintf(line, sizeof line, "imr: batch: %zu/%zu done, %.1f pages/s, %zu with problems\n", done_, total_,
                    seconds > 0 ? pages_ / seconds : 0.0, problems_);
      err_ << line << std::flush;
    }
  }

 private:
  std::ostream& err_;
  size_t total_, done_ = 0, skipped_ = 0, problems_ = 0;
  double pages_ = 0;
  bool tty_;
  Clock::time_point start_ = Clock::now(), last_ = Clock::now();
};

struct Tally {
  int64_t processed = 0, skipped = 0, duplicates = 0, pages = 0, with_problems = 0;
  std::map<std::string, int> problems_by_code;
  bool write_failed = false;
};

// Syncs the batch's record files to disk in groups, on a thread of its own.
// Synced as written, a record cost its worker two fsyncs (~1.3 ms each here,
// of the file and of its folder); here the folder is synced once a group,
// the files off the workers' path, and the run waits at its end for the last
// group only. A failure stops the batch: what it writes next would not reach
// the disk either.
class RecordSyncer {
 public:
  explicit RecordSyncer(std::string out_dir) : out_dir_(std::move(out_dir)), thread_([this] { Run(); }) {}
  ~RecordSyncer() { Finish(); }
  RecordSyncer(const RecordSyncer&) = delete;
  RecordSyncer& operator=(const RecordSyncer&) = delete;

  // A record file written unsynced, to sync. Thread-safe.
  void Add(std::string record_file) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(std::move(record_file));
    if (pending_.size() >= kGroup) wake_.notify_one();
  }

  // Syncs what is left and stops. The first failure, or "".
  std::string Finish() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finishing_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  static constexpr size_t kGroup = 32;

  void Run() {
    for (;;) {
      std::vector<std::string> group;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return finishing_ || pending_.size() >= kGroup; });
        group.swap(pending_);
        if (group.empty() && finishing_) return;
      }
      if (!error_.empty()) continue;  // what failed once is reported once
      std::vector<std::string> paths;
      for (const std::string& name : group) paths.push_back((fs::path(out_dir_) / name).string());
      try {
        SyncFiles(paths);
      } catch (const std::exception& e) {
        error_ = e.what();  // a path and the system's words
        stop_requested = true;
      }
    }
  }

  const std::string out_dir_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::string> pending_;
  bool finishing_ = false;
  std::string error_;  // read once the thread has ended
  std::thread thread_;  // last: it starts on the members above
};

}  // namespace

int WorkerCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"--memory-mb=", "--no-ocr", "--rules=", "--max-pages=", "--max-text-mb=", "--zygote", "--ocr-threads=",
               "--document-threads=", "--read-ahead"});
  if (!flags.Parse(args, err) || !flags.positional().empty() || !MaxPagesValid(flags) || !MaxTextValid(flags) ||
      !OcrThreads(flags, 1) || !ThreadsFlag(flags, "--document-threads", 1)) {
    return Usage("worker", err);
  }
  rlim_t memory_bytes = 0;
  if (const auto mb = flags.Value("--memory-mb"); mb && *mb != "0") {
    const std::optional<double> limit = PositiveNumber(mb, 0);
    if (!limit) return Usage("worker", err);
    memory_bytes = static_cast<rlim_t>(*limit) * 1024 * 1024;
  }
  // A zygote's limit is its workers': it sets it in each after the fork.
  if (memory_bytes > 0 && !flags.Has("--zygote") && kAddressSpaceLimitsWork) {
    const rlimit r{memory_bytes, memory_bytes};
    setrlimit(RLIMIT_AS, &r);
  }
  RunOptions options;
  options.ocr = !flags.Has("--no-ocr");
  options.max_pages = MaxPages(flags).value_or(options.max_pages);
  options.ocr_threads = *OcrThreads(flags, 1);
  options.document_threads = *ThreadsFlag(flags, "--document-threads", 1);
  options.read_ahead = flags.Has("--read-ahead");
  options.max_text_bytes = MaxTextBytes(flags).value_or(options.max_text_bytes);
  Rulebook site_rules;
  if (const auto dir = flags.Value("--rules")) {
    if (!LoadSiteRules(*dir, err, &site_rules)) return kExitUsage;
    options.rules = &site_rules;
  }
  // Records go to the parent through stdout; make sure nothing else does.
  std::ios::sync_with_stdio(false);
  if (flags.Has("--zygote")) return ServeZygote(STDIN_FILENO, options, memory_bytes);
  return ServeWorker(std::cin, out, options);
}

int BatchCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"-o=", "--jobs=", "--shard=", "--no-ocr", "--rules=", "--seconds=", "--memory-mb=", "--max-pages=",
               "--ocr-threads=", "--max-text-mb="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1 || !flags.Value("-o") || !MaxPagesValid(flags) ||
      !OcrThreads(flags, 1) || !MaxTextValid(flags)) {
    return Usage("batch", err);
  }
  const std::string out_dir = *flags.Value("-o");
  const std::optional<double> jobs = PositiveNumber(flags.Value("--jobs"), 1);
  const std::optional<double> seconds = PositiveNumber(flags.Value("--seconds"), 600);
  const std::optional<double> memory = PositiveNumber(flags.Value("--memory-mb"), 4096);
  std::optional<Shard> shard;
  if (const auto s = flags.Value("--shard")) {
    shard = ParseShard(*s);
    if (!shard) {
      err << "imr: batch: --shard is K/N with 0 <= K < N, N given explicitly\n";
      return kExitUsage;
    }
  }
  if (!jobs || !seconds || !memory) {
    err << "imr: batch: --jobs, --seconds and --memory-mb take positive numbers\n";
    return kExitUsage;
  }
  if (const auto dir = flags.Value("--rules")) {
    Rulebook check;
    if (!LoadSiteRules(*dir, err, &check)) return kExitUsage;
  }
  // The workers start now, reading their vocabularies and rulebook while
  // this process lists and names the inputs.
  WorkerOptions worker_options;
  worker_options.seconds = *seconds;
  worker_options.memory_mb = static_cast<uint64_t>(*memory);
  worker_options.ocr = !flags.Has("--no-ocr");
  worker_options.rules_dir = flags.Value("--rules").value_or("");
  worker_options.max_pages = MaxPages(flags).value_or(0);
  ShareCores(static_cast<int>(*jobs), &worker_options);
  worker_options.ocr_threads = *OcrThreads(flags, worker_options.ocr_threads);
  worker_options.max_text_mb = MaxTextBytes(flags).value_or(0) >> 20;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < static_cast<int>(*jobs); ++i) {
    workers.push_back(std::make_unique<Worker>(worker_options));
    workers.back()->Start();
  }
  const std::optional<std::vector<std::string>> all = ListInputs(flags.positional()[0], err);
  if (!all) return kExitUsage;

  std::vector<std::string> names;  // record file names, from the whole sorted list
  std::unique_ptr<RecordWriter> writer;
  try {
    writer = std::make_unique<RecordWriter>(out_dir);
  } catch (const std::exception& e) {
    err << "imr: batch: " << e.what() << "\n";
    return kExitUsage;
  }
  for (const std::string& input : *all) names.push_back(writer->NameFor(input));
  std::vector<size_t> mine;  // indexes into *all: every n-th from k
  for (size_t i = 0; i < all->size(); ++i) {
    if (!shard || static_cast<int>(i % static_cast<size_t>(shard->n)) == shard->k) mine.push_back(i);
  }
  // The largest files first: the workers then finish together instead of
  // one of them reading the last long document alone. (Names and outputs do
  // not depend on the order.)
  {
    std::vector<uintmax_t> size(all->size(), 0);
    for (size_t i : mine) {
      std::error_code ec;
      size[i] = fs::file_size((*all)[i], ec);
    }
    std::stable_sort(mine.begin(), mine.end(), [&](size_t a, size_t b) { return size[a] > size[b]; });
  }

  // A batch killed while writing a record leaves its temporary file; a
  // shard leaves them alone, since another host's shard may be writing to
  // the same folder.
  if (!shard) RemoveStaleTemporaryFiles(out_dir);
  std::unique_ptr<Store> store;
  try {
    store = std::make_unique<Store>((fs::path(out_dir) / StoreName(shard)).string());
  } catch (const std::exception& e) {
    err << "imr: batch: " << e.what() << "\n";
    return kExitRetry;
  }
  const std::string version = PipelineVersion();
  const std::string shard_text = shard ? std::to_string(shard->k) + "/" + std::to_string(shard->n) : "";
  const int64_t run = store->BeginRun("batch", version, shard_text);
  CatchStopSignals();

  const auto start = Clock::now();
  std::mutex mutex;  // the store, the tally, the progress line and what is being read
  Tally tally;
  // Stopped or finished, what was written reaches the disk before the run
  // ends. A crash may leave the last records unsynced, torn or empty, while
  // their rows survive: a later run checks a record against its hash before
  // it counts its input done (RecordFileIsWhole).
  RecordSyncer syncer(out_dir);
  Progress progress(err, mine.size());
  std::atomic<size_t> next{0};
  // The content hashes of the documents in workers' hands, and a signal when
  // one is done: an input with the same content waits for that record, to
  // be its duplicate instead of being read twice.
  std::map<std::string, int> reading;
  std::condition_variable read_one;
  // A document given to a worker; `began` when it was.
  struct Pending {
    std::string name;
    fs::path record_path;
    StoredInput stored;
    Clock::time_point began;
    std::string sha;
  };
  // Tallies a document's result, filing its record here when the worker did
  // not (the worker could not give one, or the input is a duplicate).
  const auto finish = [&](Pending& p, WorkerResult result) {
    p.stored.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - p.began).count();
    std::string failure = result.filing_error;
    bool written = result.filed && failure.empty();
    if (!result.filed) {
      try {
        WritePrivateFile(p.record_path.string(), result.json, Sync::kLater);
        p.stored.record_sha256 = Sha256Hex(result.json);
        written = true;
      } catch (const std::exception& e) {
        failure = e.what();
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (written) syncer.Add(p.name);
    if (!p.sha.empty() && --reading[p.sha] == 0) {
      reading.erase(p.sha);
      read_one.notify_all();
    }
    try {
      if (failure.empty() && !result.filed) store->Add(run, result.record, p.stored);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty()) {
      err << "imr: batch: " << p.name << ": " << failure << "\n";
      tally.write_failed = true;
      stop_requested = true;
      return;
    }
    const bool problem = !result.record.problems.empty();
    ++(p.stored.status == "duplicate" ? tally.duplicates : tally.processed);
    tally.pages += result.record.document.source.page_count;
    tally.with_problems += problem;
    for (const Problem& pr : result.record.problems) ++tally.problems_by_code[pr.code];
    progress.Done(result.record.document.source.page_count, problem, /*skipped=*/false);
  };
  // Two documents in each worker's hands: it reads the second while it
  // files the first one's record (Worker::Submit). Near the end of the list
  // a worker takes one at a time, so that no worker holds two while another
  // has none.
  const auto in_hand = [&] { return next + workers.size() < mine.size() ? size_t{2} : size_t{1}; };
  const auto work = [&](Worker& worker) {
    std::deque<Pending> pending;
    const auto collect = [&] {
      WorkerResult result = worker.Collect();
      finish(pending.front(), std::move(result));
      pending.pop_front();
    };
    for (;;) {
      for (size_t slot; pending.size() < in_hand() && !stop_requested && (slot = next++) < mine.size();) {
        const std::string& input = (*all)[mine[slot]];
        Pending p;
        p.name = names[mine[slot]];
        p.record_path = fs::path(out_dir) / p.name;
        p.stored = StoredInput{.record_file = p.name, .input_path = input};
        p.began = Clock::now();
        p.sha = Sha256OfFile(input).value_or("");
        std::optional<std::string> first;  // the record of the same content, when there is one
        {
          std::unique_lock<std::mutex> lock(mutex);
          if (reading.count(p.sha) > 0) {
            // Its content is in a worker's hands: wait for that record,
            // holding none in hand here (so no two threads wait on each other).
            lock.unlock();
            while (!pending.empty()) collect();
            lock.lock();
            read_one.wait(lock, [&] { return reading.count(p.sha) == 0; });
          }
          if (!p.sha.empty() && store->Has(p.name, p.sha, version) &&
              RecordFileIsWhole(p.record_path.string(), store->RecordSha256(p.name))) {
            ++tally.skipped;
            const bool problem = store->ProblemCount(p.name) > 0;
            tally.with_problems += problem;
            progress.Done(0, problem, /*skipped=*/true);
            continue;
          }
          if (!p.sha.empty()) first = store->Find(p.sha, version);
          if (first && (*first == p.name ||
                        !RecordFileIsWhole((fs::path(out_dir) / *first).string(), store->RecordSha256(*first)))) {
            first.reset();
          }
          if (!p.sha.empty() && !first) ++reading[p.sha];
        }
        if (first) {
          // The same content already made a record: this input gets that
          // record under its own name, without running again.
          WorkerResult result;
          result.json = WithSourcePath(ReadWholeFile((fs::path(out_dir) / *first).string()), input);
          std::string error;
          result.record = RecordFromJson(result.json, &error).value_or(Record{});
          p.stored.status = "duplicate";
          p.stored.duplicate_of = *first;
          p.sha.clear();  // never counted as being read
          finish(p, std::move(result));
          continue;
        }
        // The worker writes the record, then its rows: a document is done
        // once the store holds it. When the worker could not give a record,
        // the record made here is filed by `finish` the same way.
        const Filing filing{p.record_path.string(), store->path(), run, p.stored};
        worker.Submit(input, &filing);
        pending.push_back(std::move(p));
      }
      if (pending.empty()) break;
      collect();
    }
    worker.Stop();  // out of work: this worker ends while the others finish theirs
  };
  std::vector<std::thread> threads;
  for (auto& worker : workers) threads.emplace_back(work, std::ref(*worker));
  for (std::thread& t : threads) t.join();
  workers.clear();

  if (const std::string failure = syncer.Finish(); !failure.empty()) {
    err << "imr: batch: " << failure << "\n";
    tally.write_failed = true;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const bool finished = !stop_requested && !tally.write_failed;
  RunSummary summary;
  summary.documents = tally.processed + tally.duplicates;
  summary.pages = tally.pages;
  summary.problems = tally.with_problems;
  summary.seconds = elapsed;
  summary.outcome = tally.write_failed ? "failed" : finished ? "finished" : "interrupted";
  try {
    store->EndRun(run, summary);
  } catch (const std::exception& e) {
    err << "imr: batch: " << e.what() << "\n";
  }
  char line[240];
  std::snprintf(line, sizeof line,
                "imr: batch: %zu inputs%s: %lld processed, %lld duplicates, %lld already done; %lld pages in %.1f s "
                "(%.1f pages/s); %lld with problems\n",
                mine.size(), shard ? (" in shard " + shard_text).c_str() : "", static_cast<long long>(tally.processed),
                static_cast<long long>(tally.duplicates), static_cast<long long>(tally.skipped),
                static_cast<long long>(tally.pages), elapsed, elapsed > 0 ? tally.pages / elapsed : 0.0,
                static_cast<long long>(tally.with_problems));
  err << line;
  for (const auto& [code, n] : tally.problems_by_code) err << "imr: batch:   " << code << ": " << n << "\n";
  out << std::flush;
  if (!finished) {
    err << "imr: batch: not finished (" << (tally.write_failed ? "a record could not be written" : "stopped")
        << "); run the same command again to finish\n";
    return kExitRetry;
  }
  return tally.with_problems > 0 ? kExitProblems : kExitClean;
}

int MergeCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({});
  if (!flags.Parse(args, err) || flags.positional().empty()) return Usage("merge", err);
  const fs::path target_dir = flags.positional()[0];
  try {
    Store target((target_dir / "imr.sqlite").string());
    int merged = 0;
    for (const std::string& dir : flags.positional()) {
      std::vector<fs::path> stores;
      std::error_code ec;
      for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        const bool shard_store = name.starts_with("imr-shard-") && name.ends_with(".sqlite");
        const bool other_store = name == "imr.sqlite" && fs::path(dir) != target_dir;
        if (shard_store || other_store) stores.push_back(e.path());
      }
      if (ec) {
        err << "imr: merge: cannot list " << dir << "\n";
        return kExitUsage;
      }
      std::sort(stores.begin(), stores.end());
      for (const fs::path& s : stores) {
        target.MergeFrom(s.string());
        ++merged;
      }
      // Records written to another folder join the target's.
      if (fs::path(dir) != target_dir) {
        for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
          if (e.path().extension() == ".json" && e.is_regular_file()) {
            WritePrivateFile((target_dir / e.path().filename()).string(), ReadWholeFile(e.path().string()));
          }
        }
      }
    }
    out << "imr: merge: " << merged << " stores into " << (target_dir / "imr.sqlite").string() << ": "
        << target.CountDocuments() << " documents\n";
  } catch (const std::exception& e) {
    err << "imr: merge: " << e.what() << "\n";
    return kExitRetry;
  }
  return kExitClean;
}

}  // namespace imr
