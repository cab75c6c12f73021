// `imr report`: being written (issue 14).
#include "cli/commands.h"

namespace imr {

int ReportCommand(const Args& args, std::ostream& out, std::ostream& err) {
  err << "imr: report: not built yet\n";
  return kExitUsage;
}

}  // namespace imr
