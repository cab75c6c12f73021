#include "pipeline/in_order.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace imr {
namespace {

TEST(InOrderTest, TasksRunOneAtATimeInTheOrderGivenOffTheCallersThread) {
  std::vector<int> ran;  // touched only by the tasks, one at a time
  std::atomic<int> at_once{0}, most_at_once{0};
  std::atomic<bool> on_caller{false};
  const std::thread::id caller = std::this_thread::get_id();
  {
    InOrder in_order;
    for (int i = 0; i < 50; ++i) {
      in_order.Give([&, i] {
        most_at_once = std::max(most_at_once.load(), ++at_once);
        if (std::this_thread::get_id() == caller) on_caller = true;
        if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ran.push_back(i);
        --at_once;
      });
    }
    in_order.Finish();
    ASSERT_EQ(ran.size(), 50u);
  }
  for (int i = 0; i < 50; ++i) EXPECT_EQ(ran[static_cast<size_t>(i)], i);
  EXPECT_EQ(most_at_once.load(), 1);
  EXPECT_FALSE(on_caller.load());
}

TEST(InOrderTest, AFailureIsThrownToTheCallerAndStopsTheTasksAfterIt) {
  InOrder in_order;
  std::atomic<int> after{0};
  in_order.Give([] { throw std::runtime_error("disk full"); });
  bool thrown = false;
  try {
    for (int i = 0; i < 100; ++i) in_order.Give([&] { ++after; });
    in_order.Finish();
  } catch (const std::runtime_error& e) {
    thrown = true;
    EXPECT_EQ(std::string(e.what()), "disk full");
  }
  EXPECT_TRUE(thrown);
  EXPECT_LE(after.load(), 1) << "tasks given after a failure kept running";
}

TEST(InOrderTest, TheDestructorRunsWhatWasGiven) {
  int ran = 0;
  {
    InOrder in_order;
    for (int i = 0; i < 5; ++i) in_order.Give([&] { ++ran; });
  }
  EXPECT_EQ(ran, 5);
}

}  // namespace
}  // namespace imr
