// Reading gold annotations and results for `imr eval`, and writing its JSON.
//
//   std::vector<imr::GoldLetter> gold = imr::ReadGoldDir("gold/", &errors);
//   std::map<std::string, imr::Record> records = imr::ReadRecordDir("out/", &errors);
//   std::string json = imr::EvalReportToJson(imr::Evaluate(gold, records));
//
// Unreadable files are named in `errors` (never their content) and skipped.
#ifndef IMR_PIPELINE_EVAL_IO_H_
#define IMR_PIPELINE_EVAL_IO_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "report/eval.h"
#include "report/notes_eval.h"
#include "report/packet_eval.h"

namespace imr {

// Parses one `<stem>.gold.json` (DESIGN.md, "Gold annotations").
std::optional<GoldLetter> GoldFromJson(std::string_view json, std::string stem, std::string* error);

// Parses one note's gold (corpus/notes-gold/GUIDE.md): a gold file with a "note" key.
std::optional<GoldNote> GoldNoteFromJson(std::string_view json, std::string* error);

// Every `*.gold.json` directly in `dir`, sorted by stem: letters, and notes
// (files with a "note" key) when `notes` is given.
std::vector<GoldLetter> ReadGoldDir(const std::string& dir, std::vector<std::string>* errors,
                                    std::vector<GoldNote>* notes = nullptr);

// Every `*.json` record directly in `dir`, keyed by the stem of its source path.
std::map<std::string, Record> ReadRecordDir(const std::string& dir, std::vector<std::string>* errors);

// Parses one packet truth file (corpus/README.md, "Packets").
std::optional<PacketTruth> PacketTruthFromJson(std::string_view json, std::string stem, std::string* error);

// Every `*.truth.json` directly in `dir`, sorted by stem.
std::vector<PacketTruth> ReadPacketTruthDir(const std::string& dir, std::vector<std::string>* errors);

// The letters' report, and the notes' under "notes" when there are any.
std::string EvalReportToJson(const EvalReport& report, const NotesReport* notes = nullptr);

// Compares two EvalReportToJson texts; nothing, with `error` set, when either
// is not such a report.
std::optional<BaselineComparison> CompareToBaseline(std::string_view today, std::string_view baseline,
                                                    std::string* error);

}  // namespace imr

#endif  // IMR_PIPELINE_EVAL_IO_H_
