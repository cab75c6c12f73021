// imr: evidence-linked facts and drafted determinations from workers'
// compensation medical-review PDFs. See `imr help` and DESIGN.md.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Tesseract's OpenMP threads spin against each other on small machines
  // (measured: 22 s against 6 s for a two-page scan on 2 cores); imr
  // parallelizes across documents instead. The OpenMP runtime reads its limit
  // when it loads, so set it and start again; a limit the user set wins.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: carry on as we are
  }
  umask(077);  // records are medical: nothing imr writes is world-readable
  try {
    return imr::RunCommand(imr::Args(argv + 1, argv + argc), std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "imr: " << e.what() << "\n";
    return imr::kExitUsage;
  }
}
