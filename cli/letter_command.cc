// `imr letter`: being written (issue 14).
#include "cli/commands.h"

namespace imr {

int LetterCommand(const Args& args, std::ostream& out, std::ostream& err) {
  err << "imr: letter: not built yet\n";
  return kExitUsage;
}

}  // namespace imr
