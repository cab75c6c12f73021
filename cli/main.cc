// imr: evidence-linked facts and drafted determinations from workers'
// compensation medical-review PDFs. See `imr help` and DESIGN.md.
#include <sys/stat.h>

#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  umask(077);  // records are medical: nothing imr writes is world-readable
  try {
    return imr::RunCommand(imr::Args(argv + 1, argv + argc), std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "imr: " << e.what() << "\n";
    return imr::kExitUsage;
  }
}
