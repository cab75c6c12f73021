#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace imr {
namespace {

TEST(ForEachIndexTest, EveryIndexOnceAtAnyNumberOfThreads) {
  for (int threads : {-1, 0, 1, 2, 3, 8}) {
    for (size_t count : {0u, 1u, 2u, 7u, 100u}) {
      std::vector<std::atomic<int>> seen(count);
      ForEachIndex(count, threads, [&](size_t i) { ++seen[i]; });
      for (size_t i = 0; i < count; ++i) EXPECT_EQ(seen[i], 1) << "index " << i << " of " << count << ", " << threads;
    }
  }
}

TEST(ForEachIndexTest, UsesTheThreadsItIsGivenAndNoMoreThanThereIsWork) {
  // Each index waits until two threads have arrived: with two threads both
  // get there; a lone thread would wait forever, so the wait is bounded and
  // what was seen is counted.
  std::mutex mutex;
  std::set<std::thread::id> ids;
  ForEachIndex(8, 2, [&](size_t) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      ids.insert(std::this_thread::get_id());
    }
    for (int spin = 0; spin < 2000; ++spin) {
      {
        const std::lock_guard<std::mutex> lock(mutex);
        if (ids.size() >= 2) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_TRUE(ids.count(std::this_thread::get_id())) << "the caller works too";

  ids.clear();
  ForEachIndex(1, 4, [&](size_t) {
    const std::lock_guard<std::mutex> lock(mutex);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(ids, std::set<std::thread::id>{std::this_thread::get_id()}) << "one index is the caller's alone";
}

TEST(ForEachIndexTest, TheFirstFailureIsThrownAgainAfterEveryThreadStops) {
  // On one thread the order is fixed: indexes 0 to 2 are done, 3 throws,
  // and nothing after it is taken.
  std::atomic<int> done{0};
  const auto throw_at_3 = [&](size_t i) {
    if (i == 3) throw std::runtime_error("index 3");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++done;
  };
  EXPECT_THROW(ForEachIndex(1000, 1, throw_at_3), std::runtime_error);
  EXPECT_EQ(done.load(), 3);
  // On two, the other thread finishes what it holds and takes little more
  // (an index takes a millisecond; without the stop, all 999 would be done).
  done = 0;
  EXPECT_THROW(ForEachIndex(1000, 2, throw_at_3), std::runtime_error);
  EXPECT_LT(done.load(), 100);
}

TEST(ForEachIndexTest, PerThreadWorkIsMadeOnceOnEachThreadAndDestroyedThere) {
  struct Tally {
    std::mutex mutex;
    std::multiset<std::thread::id> made, destroyed;
  } tally;
  struct Engine {
    Tally* tally;
    explicit Engine(Tally* t) : tally(t) {
      const std::lock_guard<std::mutex> lock(tally->mutex);
      tally->made.insert(std::this_thread::get_id());
    }
    ~Engine() {
      const std::lock_guard<std::mutex> lock(tally->mutex);
      tally->destroyed.insert(std::this_thread::get_id());
    }
  };
  std::vector<std::atomic<int>> seen(50);
  ForEachIndexPerThread(seen.size(), 2, [&] {
    return [&, engine = std::make_shared<Engine>(&tally)](size_t i) {
      ++seen[i];
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    };
  });
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 1) << i;
  EXPECT_LE(tally.made.size(), 2u);
  EXPECT_GE(tally.made.size(), 1u);
  EXPECT_EQ(tally.made, tally.destroyed) << "each engine ends on the thread that made it";
  for (const std::thread::id& id : tally.made) EXPECT_EQ(tally.made.count(id), 1u) << "one engine a thread";
}

}  // namespace
}  // namespace imr
