#include "pipeline/run_document.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "decide/determine.h"
#include "decide/rulebook.h"
#include "extract/clinical.h"
#include "extract/letter.h"
#include "ingest/ingest.h"
#include "normalize/date_facts.h"
#include "normalize/dates.h"
#include "normalize/fact_merge.h"
#include "normalize/hcpcs.h"
#include "normalize/icd10.h"
#include "normalize/medication_normal.h"
#include "normalize/request_category.h"
#include "normalize/spine_levels.h"

namespace imr {
namespace {

void NumberFacts(Record* record) {
  for (size_t i = 0; i < record->facts.size(); ++i) record->facts[i].id = "f" + std::to_string(i + 1);
}

void RunStages(std::string_view bytes, std::string_view path, const RunOptions& options,
               Record* record) {
  record->document = IngestBytes(bytes, path, {options.ocr, 300, 2000});
  record->document.source.sha256 = Sha256Hex(bytes);
  LetterFacts letter = ExtractLetter(record->document);
  record->fields = std::move(letter.fields);
  record->patient = letter.patient;
  record->reviewer = std::move(letter.reviewer);
  record->requests = std::move(letter.requests);
  record->facts = std::move(letter.facts);
  for (Fact& f : ExtractClinicalFacts(record->document)) record->facts.push_back(std::move(f));
  NumberFacts(record);
  NormalizeDateFields(&record->fields, &record->problems);
  NormalizeDateFacts(record->document, record->fields, &record->facts);
  NormalizeMedicationFacts(&record->facts);
  CodeDiagnosisFacts(&record->facts);
  NormalizeSpinalLevels(&record->facts);
  MergeRepeatedFacts(&record->facts);
  record->timeline = BuildTimeline(record->fields, record->facts);
  for (Request& r : record->requests) {
    RequestNormal normal = NormalizeRequest(r.text);
    r.category = std::move(normal.category);
    r.details = std::move(normal.details);
    if (auto hcpcs = HcpcsForRequest(r.category, r.details, r.text)) r.codes.push_back(*hcpcs);
    const std::string& words = r.reference ? r.reference->statement : r.text;
    for (Code& c : CptCodesWritten(words)) r.codes.push_back(std::move(c));
  }
  // The rulebook is parsed on first use: documents with no request never pay for it.
  if (!record->requests.empty()) {
    DetermineRequests(options.rules != nullptr ? *options.rules : Rulebook::Builtin(), record);
  }
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

Record RunDocument(std::string_view bytes, std::string_view path, const RunOptions& options) {
  Record record;
  try {
    RunStages(bytes, path, options, &record);
  } catch (const std::exception& e) {
    // The message of a library exception can quote input; keep only its kind.
    record.problems.push_back({Stage::kPipeline, "internal_error", 0,
                               "a stage failed unexpectedly; the record is partial"});
  }
  record.document.source.path = std::string(path);
  record.document.source.bytes = bytes.size();
  // The document's own problems come first, then those of later stages.
  record.problems.insert(record.problems.begin(), record.document.problems.begin(),
                         record.document.problems.end());
  return record;
}

namespace {

// Reads `path` into `bytes`, or returns a record that says why it could not.
std::optional<Record> ReadInput(const std::string& path, const RunOptions& options, std::string* bytes) {
  const auto failed = [&](std::string code, std::string message, uint64_t size) {
    Record record;
    record.document.source.path = path;
    record.document.source.bytes = size;
    record.problems.push_back({Stage::kPipeline, std::move(code), 0, std::move(message)});
    return record;
  };
  struct stat info {};
  if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return failed("unreadable_file", "input is not a readable file", 0);
  }
  if (static_cast<uint64_t>(info.st_size) > options.max_input_bytes) {
    return failed("too_large", "input is larger than the configured limit", static_cast<uint64_t>(info.st_size));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) return failed("unreadable_file", "input could not be read", 0);
  *bytes = buffer.str();
  return std::nullopt;
}

}  // namespace

Record RunFile(const std::string& path, const RunOptions& options) {
  std::string bytes;
  if (auto failed = ReadInput(path, options, &bytes)) return std::move(*failed);
  return RunDocument(bytes, path, options);
}

Record IngestFile(const std::string& path, const RunOptions& options) {
  std::string bytes;
  if (auto failed = ReadInput(path, options, &bytes)) return std::move(*failed);
  Record record;
  record.document = IngestBytes(bytes, path, {options.ocr, 300, 2000});
  record.document.source.sha256 = Sha256Hex(bytes);
  record.problems = record.document.problems;
  return record;
}

}  // namespace imr
