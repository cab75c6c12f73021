// imr: evidence-linked facts and drafted determinations from workers'
// compensation medical-review PDFs. See `imr help` and DESIGN.md.
#include <sys/stat.h>
#include <unistd.h>

#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "core/sanitizer.h"
#include "pipeline/warm_up.h"
#include "pipeline/worker.h"

int main(int argc, char** argv) {
  umask(077);  // records are medical: nothing imr writes is world-readable
  imr::LeaveThroughExit();  // see the end
  int code = imr::kExitUsage;
  try {
    code = imr::RunCommand(imr::Args(argv + 1, argv + argc), std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "imr: " << e.what() << "\n";
  }
  // A command has written and closed all it writes when it returns. What is
  // left is the process's tables, which die with it, perhaps a warm-up
  // thread still building one nobody asked for, and the zygotes a batch
  // started, which are stopped and waited for: imr leaves at once instead of
  // taking its tables down one by one (tens of milliseconds of a one-file
  // run).
  std::cout.flush();
  std::cerr.flush();
  imr::StopZygotes();  // none is left running behind us
  imr::CheckLeaksNow();
  _exit(code);
}
