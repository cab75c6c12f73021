// Work spread over a few threads: every index of a list, each taken once, by
// whichever thread is free first. What is read apart (the documents of a
// packet, the scanned pages of a document) is read at once on the cores a
// process has, and put together afterwards in its own order, so the result
// does not depend on the number of threads.
//
//   std::vector<Result> results(parts.size());
//   imr::ForEachIndex(parts.size(), 2, [&](size_t i) { results[i] = Read(parts[i]); });
//
//   // State a thread keeps from index to index (one OCR engine a thread),
//   // made, used and destroyed on that thread:
//   imr::ForEachIndexPerThread(pages.size(), 2, [&] {
//     return [&, engine = std::make_shared<Engine>()](size_t i) { engine->Read(pages[i]); };
//   });
#ifndef IMR_CORE_PARALLEL_H_
#define IMR_CORE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace imr {

// Calls work(i) once for each i in [0, count), on `threads` threads at most
// (the caller's among them, and never more than `count`; 1 or less is the
// caller's alone). Indexes are taken in order, each by the first thread
// free. The first exception thrown stops the taking of indexes and is thrown
// again here once every thread has stopped; indexes taken before it are done.
void ForEachIndex(size_t count, int threads, const std::function<void(size_t index)>& work);

// The same, with the work made by make_work() once on each thread that takes
// part, and destroyed there when that thread is done.
void ForEachIndexPerThread(size_t count, int threads,
                           const std::function<std::function<void(size_t index)>()>& make_work);

}  // namespace imr

#endif  // IMR_CORE_PARALLEL_H_
