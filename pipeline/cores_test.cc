// How many threads a worker is given: the CPUs this process may run on (a
// cluster scheduler's cpuset, taskset), divided among the workers.
#include <gtest/gtest.h>
#include <sched.h>

#include "pipeline/run_document.h"
#include "pipeline/worker.h"

namespace imr {
namespace {

TEST(CoresPerWorkerTest, FollowsTheCpusThisProcessMayRunOn) {
  cpu_set_t all;
  CPU_ZERO(&all);
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  const int usable = CPU_COUNT(&all);
  EXPECT_EQ(UsableCores(), usable);
  EXPECT_EQ(CoresPerWorker(1), usable);
  EXPECT_EQ(CoresPerWorker(0), usable) << "no workers counts as one";
  EXPECT_EQ(CoresPerWorker(usable), 1);
  EXPECT_EQ(CoresPerWorker(usable * 4), 1) << "never less than one";

  // Down to one CPU, as `taskset -c N` or a job's one-core cpuset leaves a
  // process on a machine of many: one thread, not the machine's count.
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &all)) {
      CPU_SET(cpu, &one);
      break;
    }
  }
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  const int usable_on_one = UsableCores();
  const int per_worker_on_one = CoresPerWorker(1);
  ASSERT_EQ(sched_setaffinity(0, sizeof all, &all), 0);  // this thread's CPUs back before anything can fail
  EXPECT_EQ(usable_on_one, 1);
  EXPECT_EQ(per_worker_on_one, 1);
}

// One worker has every core for OCR, documents and pages, and reads ahead
// where there are two or more; as many workers as cores each OCR on one and
// read nothing ahead, but still read a packet on every core.
TEST(CoresPerWorkerTest, WorkersShareTheCoresAsBatchAndWatchDo) {
  const int usable = UsableCores();
  WorkerOptions one;
  ShareCores(1, &one);
  EXPECT_EQ(one.ocr_threads, usable);
  EXPECT_EQ(one.document_threads, usable);
  EXPECT_EQ(one.read_ahead, usable >= 2);
  WorkerOptions filled;
  ShareCores(usable, &filled);
  EXPECT_EQ(filled.ocr_threads, 1);
  EXPECT_EQ(filled.document_threads, usable);
  EXPECT_FALSE(filled.read_ahead);
}

}  // namespace
}  // namespace imr
