// Documents run in worker processes, so that one document cannot take the
// run down with it. A worker is this program serving `imr worker` (forked
// from an `imr worker --zygote` that has built every table once): it reads
// requests on its stdin and answers each with the record, framed, on its
// stdout, under an address-space limit it sets on itself; or, asked to file
// the record, writes and indexes it itself and answers with a summary. The
// parent gives each document a wall-time limit. A worker that overruns,
// crashes or runs out of memory is killed and replaced, and its document gets
// a record whose problem says so: one record per input, whatever happens.
//
//   imr::Worker worker({.seconds = 300, .memory_mb = 4096});
//   imr::WorkerResult r = worker.Run("in/CM16-0213037.pdf");   // never throws for the document
//   WritePrivateFile("out/CM16-0213037.json", r.json);          // byte for byte what `imr run` writes
//
//   imr::Filing filing{"out/CM16-0213037.json", "out/imr.sqlite", run, {"CM16-0213037.json", path}};
//   r = worker.Run(path, &filing);   // r.filed: written and indexed by the worker
//
// Frames, both ways: the payload's byte count in decimal, a newline, the
// payload. A request is the path, with the filing's fields after it when the
// worker files the record, each after a NUL byte (worker.cc, RequestText).
// An answer is the record's JSON; for a filed record, why the filing failed
// (or nothing), a NUL byte, and a summary record's JSON (FileRecord).
// Paths and records are never written to a log.
#ifndef IMR_PIPELINE_WORKER_H_
#define IMR_PIPELINE_WORKER_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "core/record.h"
#include "pipeline/run_document.h"
#include "pipeline/store.h"

namespace imr {

struct WorkerOptions {
  std::string program;        // the imr executable; "" for this process's own
  double seconds = 600;       // wall time per document
  uint64_t memory_mb = 4096;  // address space per worker process; 0 for none
  bool ocr = true;
  std::string rules_dir;      // "" for the builtin rulebook
  int max_pages = 0;          // pages read per input; 0 for the default
  int ocr_threads = 1;        // threads OCR'ing one document's pages (RunOptions)
  int document_threads = 1;   // threads reading a packet's documents (RunOptions)
  bool read_ahead = false;    // ingest the next document while finishing one (RunOptions)
  uint64_t max_text_mb = 0;   // text read per input, in MB; 0 for the default
  // Fork workers from a zygote that has built every table once (`imr worker
  // --zygote`), rather than spawn each one to build them again; a worker is
  // spawned where no zygote can be had.
  bool zygote = true;
};

// Where a worker files a document itself: it writes the record (atomically,
// owner-only) and indexes it in the store, and hands back a summary, so the
// record neither crosses the pipe nor is parsed again by the parent. Over the
// dev letters that parse was more than half of a batch process's own work,
// done while the other workers wanted the CPU. The record is written
// unsynced and stored with its SHA-256: the batch syncs its records in
// groups (SyncFiles) and checks one against its hash before trusting it.
struct Filing {
  std::string record_path;
  std::string store_path;
  int64_t run_id = 0;
  StoredInput input;  // record_file, input_path and status; the worker times it
};

// A document's record, and its JSON exactly as the worker wrote it (the
// record is read back for the store; the file is the worker's bytes). With
// a Filing the worker filed it: `filed` is set, `json` is empty and `record`
// holds only the page count and the problems; `filing_error` says why the
// record could not be written or indexed, when it could not.
struct WorkerResult {
  Record record;
  std::string json;
  bool filed = false;
  std::string filing_error;
};

// One worker process, started on first use and reused across documents.
// Not thread-safe: one thread drives one Worker.
class Worker {
 public:
  explicit Worker(WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // The record of `path`. When the worker cannot give one in time, or dies,
  // the record is made here from what the parent knows (path, size, content
  // hash) with a problem: time_limit, worker_crashed or worker_unavailable.
  // With `filing`, the worker writes and indexes the record itself; when it
  // cannot give one (the record above), nothing is filed. Nothing may be in
  // hand (Submit below) when it is called.
  WorkerResult Run(const std::string& path, const Filing* filing = nullptr);

  // Starts the worker process (or the zygote it will be forked from) now,
  // so that its start-up overlaps other work; false when it cannot be
  // started (Run then says so in a record).
  bool Start();

  // The same, in two halves, so that the worker can have the next document
  // in hand while it files the last one's record (ServeRequests): Submit
  // gives it `path` and returns at once; Collect waits for the oldest
  // document submitted and not yet collected, and gives its result as Run
  // would. Keep one or two submitted: a worker that dies with two in hand
  // is replaced, and the first is read again alone before it is blamed.
  //   worker.Submit(a, &filing_a);
  //   worker.Submit(b, &filing_b);
  //   WorkerResult ra = worker.Collect();   // then Submit(c), Collect() b...
  void Submit(const std::string& path, const Filing* filing = nullptr);
  WorkerResult Collect();
  size_t InHand() const { return in_flight_.size(); }

  // Stops the worker process (it finishes nothing: call between documents).
  void Stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct InFlight {
    std::string path;
    std::optional<Filing> filing;
    std::string request;
    bool sent = false;
    bool alone = false;  // read again after a worker died with it and another in hand
    Clock::time_point sent_at;
  };

  // A worker process now: forked from the zygote, or spawned.
  bool Launch();
  bool MaySend(size_t i) const;
  bool SendWhatMayGo();
  bool Send(InFlight* document);
  // The next answer, by `deadline`; nothing when the worker died or was
  // stopped for time ("time_limit" in `problem`).
  std::optional<std::string> Receive(Clock::time_point deadline, std::string* problem);
  // The worker process is gone: forget it, and send again what it held.
  void Died();

  WorkerOptions options_;
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::deque<InFlight> in_flight_;
  std::string received_;  // read from the worker and not yet an answer
  Clock::time_point last_answer_;
};

// How `jobs` workers share the cores this process may use (CoresPerWorker):
//   - each OCRs a document's pages on its share (`ocr_threads`), so N
//     workers never run more Tesseracts than cores;
//   - each reads a packet's documents and a long PDF's runs of pages on
//     every core (`document_threads`): such a thread holds little memory,
//     where every worker has a packet the threads take turns, and where one
//     has a batch's last it has the machine;
//   - a worker with a core to spare reads the next input ahead
//     (`read_ahead`); where the workers fill the cores, a second busy thread
//     in each only takes turns (--jobs 2 on two cores went 6-14% slower).
void ShareCores(int jobs, WorkerOptions* options);

// The worker side of `imr worker`: serves requests from `in` until it closes.
// Returns the process exit code.
int ServeWorker(std::istream& in, std::ostream& out, const RunOptions& options);

// The zygote side of `imr worker --zygote`: builds every table, then forks a
// worker (serving as above, under an address-space limit of `memory_bytes`,
// 0 for none) for each request byte read from `socket`, and sends back its
// pid and the parent's ends of its pipes. Returns when `socket` closes.
int ServeZygote(int socket, const RunOptions& options, uint64_t memory_bytes);

// Closes the zygotes this process started (their workers are gone by then)
// and waits for each to exit, so that none outlives the process: what their
// static owner did at exit(), which imr leaves through _exit instead.
void StopZygotes();

}  // namespace imr

#endif  // IMR_PIPELINE_WORKER_H_
