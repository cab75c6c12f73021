// `imr view`: being written (issue 14).
#include "cli/commands.h"

namespace imr {

int ViewCommand(const Args& args, std::ostream& out, std::ostream& err) {
  err << "imr: view: not built yet\n";
  return kExitUsage;
}

}  // namespace imr
