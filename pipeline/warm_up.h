// What every document needs and a process builds once: the pattern tables of
// the extractors, the vocabularies, the request tables, the rulebook. Built
// on first use, they cost a one-file run more than the document itself
// (about 1.0 billion instructions against 0.05 for a two-page letter), so
// they are built on two threads: for one document, from the two ends of the
// stage list, which meet in the middle; for a zygote, by two threads that
// each take the next step not yet taken, the largest first. Each table is
// built once (a function-local static), by whichever thread reaches it first.
//
//   imr::WarmUp warm(options);       // the other end starts on its own thread
//   imr::Record r = imr::RunFile(path, options);   // waits only for what it needs
//   // leaving scope stops the far end at its next step: what no document
//   // needed (a note's run never needs the request tables) is never built
//   warm.Stop();                     // the same; in a process that leaves
//                                    // through _exit, without waiting
//
//   imr::WarmUpNow(options);         // both ends, returns when all is built
#ifndef IMR_PIPELINE_WARM_UP_H_
#define IMR_PIPELINE_WARM_UP_H_

#include <atomic>
#include <memory>
#include <thread>

#include "pipeline/run_document.h"

namespace imr {

// Builds from the far end (the extractors last to first, then the request
// tables and the rulebook) on a thread of its own. The caller's first
// document builds from the near end.
class WarmUp {
 public:
  explicit WarmUp(const RunOptions& options);
  // Stops the far end at its next step, and joins it.
  ~WarmUp();
  // Stops the far end at its next step. In a process that leaves through
  // _exit (LeaveThroughExit), without waiting for the step in hand: a table
  // no document asked for, up to 30 ms. Elsewhere it waits, as the
  // destructor does: the step may still be using what exit() destroys.
  void Stop();
  WarmUp(const WarmUp&) = delete;
  WarmUp& operator=(const WarmUp&) = delete;

 private:
  struct State {
    std::atomic<bool> stop{false};
    std::atomic<size_t> next{0};  // the next step to take
  };
  std::shared_ptr<State> state_;  // before thread_, which reads it from its start
  std::thread thread_;
};

// Says that this process leaves through _exit once its work is done, and
// never through exit() or a return from main while a WarmUp's thread may run
// (imr's main). Off unless called.
void LeaveThroughExit();

// Every step, on the calling thread and one more, then a one-page PDF
// through every stage for what no step builds; returns with every table
// built and no thread left, so the process may fork.
void WarmUpNow(const RunOptions& options);

}  // namespace imr

#endif  // IMR_PIPELINE_WARM_UP_H_
