// The subcommands of `imr`, as a table of {name, usage, help, function}.
//
//   int code = imr::RunCommand({"run", "letter.pdf"}, std::cout, std::cerr);
//
// Exit codes: 0 all clean, 1 some records carry problems (all were still
// written), 2 usage or configuration error.
#ifndef IMR_CLI_COMMANDS_H_
#define IMR_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

inline constexpr int kExitClean = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

using Args = std::vector<std::string>;

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view help;
  int (*run)(const Args& args, std::ostream& out, std::ostream& err);
};

const std::vector<Command>& CommandTable();

// Dispatches args[0] to its command; prints usage for none or an unknown one.
int RunCommand(const Args& args, std::ostream& out, std::ostream& err);

// For the commands' own files (cli/*.cc).
inline constexpr int kExitRetry = 75;  // EX_TEMPFAIL: not finished; running it again finishes it
int Usage(std::string_view name, std::ostream& err);

// The bytes of the file at `path`; "" where it cannot be read.
std::string ReadWholeFile(const std::string& path);
class Rulebook;
// The rule files of `dir`, checked and parsed into `book`; false, with every
// problem on `err`.
bool LoadSiteRules(const std::string& dir, std::ostream& err, Rulebook* book);

int BatchCommand(const Args& args, std::ostream& out, std::ostream& err);
int WatchCommand(const Args& args, std::ostream& out, std::ostream& err);
int MergeCommand(const Args& args, std::ostream& out, std::ostream& err);
int WorkerCommand(const Args& args, std::ostream& out, std::ostream& err);
int ReportCommand(const Args& args, std::ostream& out, std::ostream& err);  // cli/report_command.cc
int ViewCommand(const Args& args, std::ostream& out, std::ostream& err);    // cli/view_command.cc
int LetterCommand(const Args& args, std::ostream& out, std::ostream& err);  // cli/letter_command.cc

}  // namespace imr

#endif  // IMR_CLI_COMMANDS_H_
