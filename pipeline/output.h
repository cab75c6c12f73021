// Where records go: one `<stem>.json` per input in an output directory,
// written atomically and readable by the owner only.
//
//   imr::RecordWriter out("results/");
//   std::string path = out.Write("in/CM16-0213037.pdf", json);  // results/CM16-0213037.json
//
// Two inputs with the same stem ("a/x.pdf", "b/x.pdf") get distinct names: the
// second gets a short hash of its input path appended ("x-1a2b3c4d.json").
#ifndef IMR_PIPELINE_OUTPUT_H_
#define IMR_PIPELINE_OUTPUT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

class RecordWriter {
 public:
  // Creates `dir` (mode 0700) if needed. Throws std::runtime_error when it
  // cannot: a usage error the caller reports.
  explicit RecordWriter(std::string dir);

  // The file name a record of `input_path` gets; stable for the same input.
  std::string NameFor(std::string_view input_path);

  // Writes `content` as the record of `input_path` (temp file, fsync, rename,
  // mode 0600). Returns the path written. Throws std::runtime_error on I/O failure.
  std::string Write(std::string_view input_path, std::string_view content);

 private:
  std::string dir_;
  std::map<std::string, std::string> owner_of_name_;  // file name -> input path
};

// When a file written is made durable. A batch writes thousands of records
// and syncs them in groups (SyncFiles) on a thread of its own: a record
// synced as written cost its worker two fsyncs, of the file and of its
// folder (~1.3 ms each here); in a group of 32 the folder is synced once.
enum class Sync {
  kNow,    // synced, and its folder, before the call returns
  kLater,  // the caller syncs it (SyncFiles) before it says it is written
};

// Writes `content` to `path` atomically with mode 0600: a temporary file,
// renamed over `path`. Throws on failure.
void WritePrivateFile(const std::string& path, std::string_view content, Sync sync = Sync::kNow);

// Syncs each of `paths` to disk, then each folder they are in, so that what
// was written with Sync::kLater survives a power cut. Throws
// std::runtime_error naming the first file or folder that cannot be synced.
void SyncFiles(const std::vector<std::string>& paths);

// Whether the file at `path` is there and, when `sha256` is given, still
// holds what had that lower-case hex SHA-256 when it was written: a record
// written Sync::kLater may have been left torn or empty by a crash before
// its sync, while the store's row for it survived.
bool RecordFileIsWhole(const std::string& path, const std::optional<std::string>& sha256);

// "in/CM16-0213037.pdf" -> "CM16-0213037".
std::string FileStem(std::string_view path);

}  // namespace imr

#endif  // IMR_PIPELINE_OUTPUT_H_
