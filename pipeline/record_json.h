// The record as JSON ("imr.record/1"), both ways.
//
//   std::string json = imr::RecordToJson(record);            // pretty, stable order
//   std::optional<imr::Record> back = imr::RecordFromJson(json, &error);
//
// Writing never throws: text is valid UTF-8 by the time it gets here, and any
// stray invalid byte is replaced rather than rejected. Reading restores what
// `imr eval` and `imr report` need (source, doc_type, pages, sections, fields,
// patient, reviewer, facts, requests, problems).
#ifndef IMR_PIPELINE_RECORD_JSON_H_
#define IMR_PIPELINE_RECORD_JSON_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/record.h"

namespace imr {

inline constexpr std::string_view kRecordSchema = "imr.record/1";

std::string RecordToJson(const Record& record);

// `imr text --json`: the source and its pages with sections, no facts.
std::string DocumentToJson(const Document& document);

// Parses a record written by RecordToJson. On failure returns nothing and sets
// `error` (which never quotes the input).
std::optional<Record> RecordFromJson(std::string_view json, std::string* error);

}  // namespace imr

#endif  // IMR_PIPELINE_RECORD_JSON_H_
