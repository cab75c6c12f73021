// One input through every stage, in order: ingest, extract, normalize, decide.
//
//   imr::Record record = imr::RunFile("in/CM16-0213037.pdf", {});
//   std::string json = imr::RecordToJson(record);      // record_json.h
//
// Invariant: one record per input, whatever happens. Any exception a stage
// throws is caught here, once per document, and becomes a problem.
#ifndef IMR_PIPELINE_RUN_DOCUMENT_H_
#define IMR_PIPELINE_RUN_DOCUMENT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

class Rulebook;

struct RunOptions {
  bool ocr = true;
  // The criteria determinations apply (borrowed); null for the builtin rulebook.
  const Rulebook* rules = nullptr;
  // Inputs larger than this are not read; the record says why.
  uint64_t max_input_bytes = uint64_t{1} << 30;
  // Pages past this are not read, with a problem: a safety valve well above
  // real case packets, which reach several thousand pages.
  int max_pages = 20000;
  // Threads reading one document's scanned pages, a Tesseract each
  // (CoresPerWorker divides the machine among a batch's workers).
  int ocr_threads = 1;
  // Threads reading a packet's documents, a document each at a time, and a
  // long PDF's text layers before that, a run of pages each (imr batch and
  // watch give each worker all the cores: see batch.cc). The record is the
  // same on any number.
  int document_threads = 1;
  // Text read per input (ingest.h, IngestOptions): past it, a text_too_large
  // problem and the rest is not read.
  uint64_t max_text_bytes = uint64_t{64} << 20;
  // A worker reads and ingests the next input while it runs the stages
  // after ingest on the one before (worker.cc, ReadAhead): for a worker
  // with a core to spare (imr batch and watch set it when the cores are more
  // than the workers). Nothing else reads it.
  bool read_ahead = false;
};

// The cores this process may use: its CPU affinity (a cluster scheduler's
// cpuset, taskset), not the machine's count.
int UsableCores();

// The threads (for OCR, for a packet's documents) each of `workers`
// processes sharing this machine gets: its usable cores divided among them,
// at least one. `imr batch --jobs 2` on two cores gives 1: the workers
// already keep both cores busy with a document each.
int CoresPerWorker(int workers);

// Runs the pipeline on `bytes` (borrowed for the call), recording `path`.
Record RunDocument(std::string_view bytes, std::string_view path, const RunOptions& options);

// Reads `path` and runs it. A file that cannot be read still gives a record.
Record RunFile(const std::string& path, const RunOptions& options);

// RunFile in two halves, so that a worker can read and ingest the next input
// (Poppler, OCR, layout) while it runs the stages after ingest on the one
// before: FinishInput(IngestInput(path, options), options) is RunFile(path,
// options), byte for byte. Neither throws for the input.
struct IngestedInput {
  std::string path;
  uint64_t bytes = 0;
  Record record;               // its document as ingest made it
  bool unread = false;         // the file could not be read: `record` says why, and is final
  bool ingest_failed = false;  // ingest threw: `record` holds the problem, and no stage runs after it
};
IngestedInput IngestInput(const std::string& path, const RunOptions& options);
Record FinishInput(IngestedInput ingested, const RunOptions& options);

// Reads and ingests `path` only (pages, sections, type): what `imr text`
// shows. The record's facts, fields and requests are left empty.
Record IngestFile(const std::string& path, const RunOptions& options);

// The normalize stage of one document's extraction, as RunDocument runs it:
// ISO dates of fields and facts, medications, diagnosis codes, spinal levels,
// repeated facts merged. (bench/ times it alone.)
void NormalizeDocumentFacts(const Document& doc, std::map<std::string, Field>* fields, std::vector<Fact>* facts,
                            std::vector<Problem>* problems);

// A request's category, details and codes, from its words.
void NormalizeRequestWords(Request* request);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of the file at `path`, read in pieces; nothing when
// it cannot be read.
std::optional<std::string> Sha256OfFile(const std::string& path);

}  // namespace imr

#endif  // IMR_PIPELINE_RUN_DOCUMENT_H_
