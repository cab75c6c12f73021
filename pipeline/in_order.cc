#include "pipeline/in_order.h"

#include <system_error>
#include <utility>

namespace imr {

InOrder::InOrder() {
  try {
    thread_ = std::thread([this] { Loop(); });
  } catch (const std::system_error&) {
    // No thread: Give runs each task itself.
  }
}

InOrder::~InOrder() {
  if (!thread_.joinable()) return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;  // the thread runs what was given, then ends
  }
  changed_.notify_all();
  thread_.join();
}

void InOrder::ThrowFailure() {
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void InOrder::Give(std::function<void()> task) {
  if (!thread_.joinable()) {
    task();
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !next_ || failure_; });
  ThrowFailure();
  next_ = std::move(task);
  changed_.notify_all();
}

void InOrder::Finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !thread_.joinable() || (!next_ && !running_); });
  ThrowFailure();
}

void InOrder::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return next_ || done_; });
    if (!next_) return;
    std::function<void()> task;
    task.swap(next_);  // the slot is free for the next task
    running_ = true;
    changed_.notify_all();
    lock.unlock();
    std::exception_ptr failure;
    try {
      task();
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    running_ = false;
    if (failure && !failure_) failure_ = failure;
    if (failure_) next_ = nullptr;  // what came after a failure is not run
    changed_.notify_all();
  }
}

}  // namespace imr
