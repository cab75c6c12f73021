// The result store: a SQLite database (WAL) beside the JSON records that
// indexes what they hold, so a night's work can be queried with plain SQL.
// The records stay the source of truth; the store can be rebuilt from them.
//
//   imr::Store store("out/imr.sqlite");                    // creates or migrates
//   int64_t run = store.BeginRun("batch", imr::PipelineVersion(), "0/1");
//   store.Add(run, record, {"CM16-0213037.json", "in/CM16-0213037.pdf", "processed", 812.0});
//   store.EndRun(run, summary);
//   // sqlite3 out/imr.sqlite "SELECT case_number, category, outcome FROM requests ..."
//
// Tables (schema version kStoreSchemaVersion; README "The store" has queries):
//   runs          one row per batch, watch session or merge
//   documents     one row per record file: input, content hash, pipeline version,
//                 doc type, case number, status (processed, failed, duplicate)
//   facts         every fact: kind, text, page and offsets, section, assertion,
//                 code, attributes as JSON
//   requests      every request with its category, body site, the letter's
//                 decision, and its drafted determination (outcome, confidence, rule)
//   criteria      every criterion of every determination (status, how)
//   packet_documents  the documents of each record file (a case packet holds
//                 several): type, pages, date, author, copy of; facts and
//                 requests name theirs in packet_document (schema 2)
//   problems      every problem (stage, code, page, message)
// documents.record_sha256 (schema 3) is what the record file held when
// written (batch and watch), for checking the file before trusting it.
// Child rows are deleted with their document, so indexing a record again
// replaces it. One Store is used from one thread at a time.
#ifndef IMR_PIPELINE_STORE_H_
#define IMR_PIPELINE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

inline constexpr int kStoreSchemaVersion = 3;

// The version that decides whether a stored record is still current: the
// build's source commit (set at configure time) and a hash of the rulebook
// and vocabularies compiled in (made at build time, cmake/data_hash.cmake). The same content under the same pipeline
// version is not processed twice.
const std::string& PipelineVersion();

// How a record came to be, beside the record itself.
struct StoredInput {
  std::string record_file;  // the record's file name in the output folder
  std::string input_path;
  std::string status = "processed";  // processed, failed, duplicate
  double milliseconds = 0;
  std::string duplicate_of{};  // for a duplicate: the record file of the first copy
  std::string record_sha256{};  // what the record file held when written, if known
};

struct RunSummary {
  int64_t documents = 0;
  int64_t pages = 0;
  int64_t problems = 0;  // records with at least one problem
  double seconds = 0;
  std::string outcome = "finished";  // finished, interrupted, failed
};

class Store {
 public:
  // Opens or creates the database at `path` (mode 0600, WAL), creating the
  // schema or migrating an older one. Throws std::runtime_error when the file
  // cannot be opened or holds a newer schema than this build knows.
  // Opens `path`, creating it or bringing its schema up to date; a schema
  // newer than this build's is refused. `up_to_version` stops the migrations
  // earlier, for tests that make a database of an earlier version.
  explicit Store(const std::string& path, int up_to_version = kStoreSchemaVersion);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;
  const std::string& path() const { return path_; }

  int64_t BeginRun(std::string_view command, std::string_view pipeline_version, std::string_view shard);
  void EndRun(int64_t run_id, const RunSummary& summary);

  // The record file already made from content `sha256` by `pipeline_version`
  // (a processed or failed document, not a duplicate, and not one whose
  // worker overran or crashed), if any.
  std::optional<std::string> Find(std::string_view sha256, std::string_view pipeline_version) const;

  // Whether `record_file` is stored as made from content `sha256` by
  // `pipeline_version`: the input is done and need not run again.
  bool Has(std::string_view record_file, std::string_view sha256, std::string_view pipeline_version) const;

  // The SHA-256 of the record file `record_file` as it was written, when the
  // store has it (rows written since schema 3). A caller about to
  // trust the file checks it against this first (RecordFileIsWhole): a
  // batch syncs its records in groups, and a crash before a group's sync
  // can leave a file torn or empty while its row survives.
  std::optional<std::string> RecordSha256(std::string_view record_file) const;

  // How many problems the stored document `record_file` has (0 when none or unknown).
  int64_t ProblemCount(std::string_view record_file) const;

  // Indexes `record` as the document `input.record_file`, in one transaction.
  void Add(int64_t run_id, const Record& record, const StoredInput& input);

  int64_t CountDocuments() const;
  int64_t CountRows(std::string_view table) const;

  // Copies every run and document of the store at `other_path` into this
  // one (documents already here, by record file, are replaced). `imr merge`.
  void MergeFrom(const std::string& other_path);

 private:
  struct Db;
  std::unique_ptr<Db> db_;
  std::string path_;
};

}  // namespace imr

#endif  // IMR_PIPELINE_STORE_H_
