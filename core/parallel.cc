#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace imr {

void ForEachIndexPerThread(size_t count, int threads,
                           const std::function<std::function<void(size_t index)>()>& make_work) {
  if (count == 0) return;
  std::atomic<size_t> next{0};
  std::exception_ptr failure;  // the first thrown, thrown again below
  std::mutex failure_mutex;
  const auto take = [&] {
    try {
      const std::function<void(size_t)> work = make_work();
      for (size_t i = next++; i < count; i = next++) work(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;  // the others take no more
    }
  };
  const size_t helpers = std::min(static_cast<size_t>(std::max(threads, 1)), count) - 1;
  std::vector<std::thread> running;
  running.reserve(helpers);
  for (size_t t = 0; t < helpers; ++t) running.emplace_back(take);
  take();
  for (std::thread& t : running) t.join();
  if (failure) std::rethrow_exception(failure);
}

void ForEachIndex(size_t count, int threads, const std::function<void(size_t index)>& work) {
  ForEachIndexPerThread(count, threads, [&work] { return work; });
}

}  // namespace imr
