// `imr report OUT [-o report.html] [--json]`: the quality report of a batch
// or of a night of the inbox, from the records OUT/*.json and, where there is
// one, the store OUT/imr.sqlite (report/batch_report.h computes and draws it;
// pipeline/report_io.h reads the store and writes the JSON).
//
// Exit codes: 0 the report was made from every record file; 1 it was made,
// but some record files could not be read (named on stderr, counted in the
// report); 2 usage, or OUT is no folder, or the page cannot be written.
#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "cli/flags.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/report_io.h"
#include "report/batch_report.h"

namespace imr {

int ReportCommand(const Args& args, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  Flags flags({"-o=", "--json"});
  if (!flags.Parse(args, err) || flags.positional().size() != 1) return Usage("report", err);
  const fs::path dir = flags.positional()[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    err << "imr: report: " << dir.string() << " is not a folder of records\n";
    return kExitUsage;
  }
  // The *.json files directly in OUT are its records (DESIGN.md), read one at
  // a time so that a night of thousands is never in memory at once.
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json" && e.is_regular_file()) files.push_back(e.path());
  }
  if (ec) {
    err << "imr: report: cannot list " << dir.string() << "\n";
    return kExitUsage;
  }
  std::sort(files.begin(), files.end());
  BatchReportBuilder builder(BuiltinRuleIds());
  std::vector<std::string> unreadable;
  for (const fs::path& file : files) {
    std::string error;
    const std::optional<Record> record = RecordFromJson(ReadWholeFile(file.string()), &error);
    if (!record) {
      err << "imr: report: " << file.filename().string() << ": " << error << "\n";
      unreadable.push_back(file.filename().string());
      continue;
    }
    builder.Add(file.stem().string(), *record);
  }
  builder.AddStore(ReadStore(dir));
  const BatchReport report = builder.Finish();

  if (const auto html = flags.Value("-o")) {
    try {
      WritePrivateFile(*html, BatchReportToHtml(report, FolderName(dir)));
    } catch (const std::exception& e) {
      err << "imr: report: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  if (flags.Has("--json")) out << ReportToJson(report, unreadable);
  else if (!flags.Value("-o")) out << BatchReportSummary(report);
  return unreadable.empty() ? kExitClean : kExitProblems;
}

}  // namespace imr
