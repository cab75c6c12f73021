// The record as JSON ("imr.record/1"), both ways.
//
//   std::string json = imr::RecordToJson(record);            // pretty, stable order
//   std::optional<imr::Record> back = imr::RecordFromJson(json, &error);
//
// Writing never throws: text is valid UTF-8 by the time it gets here, and any
// stray invalid byte is replaced rather than rejected. Reading restores what
// `imr eval` and `imr report` need (source, doc_type, pages, sections, fields,
// patient, reviewer, facts, requests, problems).
//
// Attribute values (a fact's `value`, a request's `details`) are strings in
// memory; in JSON each key has one type in every record: a number for the
// quantity keys IsNumericAttribute names, a string for every other key. A
// quantity key's value that is no plain number ("several") is written as a
// string under "<key>_text" instead, and read back under its key.
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

// True for the attribute keys written as JSON numbers ("visits", "score",
// "daily_dose_mg", ...); false for every other key, known or not.
bool IsNumericAttribute(std::string_view key);

// Attributes (a fact's value, a request's details) as one compact JSON
// object, typed as the record types them: the store keeps them so.
std::string AttributesToJson(const Attributes& attributes);

// A record's JSON (as RecordToJson wrote it) naming `path` as its source,
// everything else byte for byte as it was: the record of a second copy of
// content already read. Throws std::runtime_error when `record_json` is not
// a JSON object.
std::string WithSourcePath(std::string_view record_json, std::string_view path);

// Parses a record written by RecordToJson. On failure returns nothing and sets
// `error` (which never quotes the input).
std::optional<Record> RecordFromJson(std::string_view json, std::string* error);

}  // namespace imr

#endif  // IMR_PIPELINE_RECORD_JSON_H_
