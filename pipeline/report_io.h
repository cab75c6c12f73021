// What `imr report` reads and writes beside the records: the store of a batch
// or an inbox (read-only), and the report as canonical JSON.
//
//   imr::BatchReportBuilder builder(imr::BuiltinRuleIds());
//   ... builder.Add(stem, record) for each record ...
//   builder.AddStore(imr::ReadStore(out_dir));
//   std::cout << imr::ReportToJson(builder.Finish(), {});
#ifndef IMR_PIPELINE_REPORT_IO_H_
#define IMR_PIPELINE_REPORT_IO_H_

#include <filesystem>
#include <string>
#include <vector>

#include "report/batch_report.h"

namespace imr {

// Every rule id of the builtin rulebook: what "rules that never fired" is
// counted against.
std::vector<std::string> BuiltinRuleIds();

// The store of `dir` (imr.sqlite, or its shard stores before `imr merge`),
// opened read-only; an empty view with a note when there is none.
StoreView ReadStore(const std::filesystem::path& dir);

// "night" for "/srv/records/night/" as for "night".
std::string FolderName(const std::filesystem::path& dir);

// The report as JSON with a stable key order. Everything that varies from run
// to run (times, throughput, the timeline, the pipeline version) is under
// "run", which a golden comparison leaves out.
std::string ReportToJson(const BatchReport& report, const std::vector<std::string>& unreadable);

}  // namespace imr

#endif  // IMR_PIPELINE_REPORT_IO_H_
