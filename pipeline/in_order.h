// Tasks run one at a time, in the order they were given, on a thread of
// their own: the caller goes on with its next piece of work while the last
// one's output is written and synced. A record's two fsyncs (the file, then
// its folder) take about 8 ms here, a quarter of a one-worker batch's time
// over the dev letters; handed to an InOrder they overlap the next document.
//
//   imr::InOrder writing;
//   for (const std::string& path : paths) {
//     std::string json = RecordToJson(RunFile(path, options));
//     writing.Give([&writer, path, json = std::move(json)] { writer.Write(path, json); });
//   }
//   writing.Finish();   // every record written, or the first failure thrown
//
// At most one task waits while another runs: Give waits for the slot. A task
// that throws stops the ones after it; Give or Finish throws its exception in
// the caller's thread. Where no thread can be had (an address-space limit
// too small for its stack) each task runs inside Give.
#ifndef IMR_PIPELINE_IN_ORDER_H_
#define IMR_PIPELINE_IN_ORDER_H_

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace imr {

class InOrder {
 public:
  InOrder();
  // Waits for the tasks given; a failure not yet thrown is dropped.
  ~InOrder();
  InOrder(const InOrder&) = delete;
  InOrder& operator=(const InOrder&) = delete;

  void Give(std::function<void()> task);
  // Waits until every task given has run; throws the first failure.
  void Finish();

 private:
  void Loop();
  void ThrowFailure();  // with `mutex_` held

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> next_;  // the task to run next; empty when none waits
  bool running_ = false;
  bool done_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace imr

#endif  // IMR_PIPELINE_IN_ORDER_H_
