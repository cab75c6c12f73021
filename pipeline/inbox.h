// The inbox `imr watch` serves: a folder that people and scanners drop
// documents into, with three folders of the watcher's own inside it.
//
//   INBOX/x.pdf                      dropped; taken once complete
//   INBOX/.processing/x.pdf          claimed (renamed here) while its record is made
//   INBOX/processed/x.pdf            done; its record is OUT/x.json
//   INBOX/failed/y.pdf               no text could be read (NoTextCouldBeRead);
//   INBOX/failed/y.pdf.error.json    says why, without quoting the document
//
//   imr::Inbox inbox("/srv/imr/inbox");                 // creates the folders (0700)
//   for (const imr::InboxEntry& e : inbox.List()) ...   // candidates at the top
//   std::optional<std::string> name = inbox.Claim("x.pdf");   // "x.pdf", or "x-1.pdf"
//   ... make and store the record of inbox.ProcessingPath(*name) ...
//   inbox.Finish(*name, /*failed=*/false);              // -> processed/x.pdf
//
// A claimed file keeps one name from its claim to its end: Claim picks a name
// that no file in .processing/, processed/ or failed/ has, so the move out
// never overwrites anything, and the name identifies the input across a crash
// and a restart. Nothing here deletes an input.
#ifndef IMR_PIPELINE_INBOX_H_
#define IMR_PIPELINE_INBOX_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// Whether a file named `file_name`, at the top of an inbox, is a document to
// take: not a dotfile, not a download or copy still under way (*.part, *.tmp,
// *.crdownload, any case).
bool IsInboxCandidate(std::string_view file_name);

// "x.pdf", 2 -> "x-2.pdf"; "x", 1 -> "x-1"; n == 0 gives the name unchanged.
std::string NumberedName(std::string_view file_name, int n);

struct InboxEntry {
  std::string name;
  uint64_t bytes = 0;
  int64_t mtime_ns = 0;
  // False for a symbolic link, a FIFO or a socket: never opened, never
  // followed; the watcher moves it to failed/ with a record that says so.
  bool regular = true;
};

class Inbox {
 public:
  // Opens the inbox at `dir` (which must exist) and creates .processing/,
  // processed/ and failed/ in it (mode 0700). Paths are made absolute, so
  // records name where their input lies whatever the working directory.
  // Throws std::runtime_error when `dir` is no directory, a folder cannot
  // be made, or one of the three is a symbolic link (inputs would leave the
  // inbox through it).
  explicit Inbox(const std::string& dir);

  const std::string& dir() const { return dir_; }
  std::string ProcessingDir() const;
  std::string ProcessingPath(std::string_view name) const;
  // Where a claimed file ends: processed/NAME or failed/NAME.
  std::string FinalPath(std::string_view name, bool failed) const;
  // failed/NAME.error.json.
  std::string ErrorReportPath(std::string_view name) const;

  // The entries at the top for which IsInboxCandidate holds, in no order:
  // regular files, and symbolic links, FIFOs and sockets (`regular` false,
  // their size and time their own, never their target's). Folders are left
  // alone.
  std::vector<InboxEntry> List() const;

  // The entries in .processing/ other than folders (claimed and not
  // finished: what a crash left), sorted by name; dotfiles (the lock) left
  // out.
  std::vector<std::string> Claimed() const;

  // Renames INBOX/`name` into .processing/ under a name no claimed, processed
  // or failed file has ("x.pdf", else "x-1.pdf", ...) and returns that name.
  // A symbolic link is renamed itself (rename never follows one). Nothing
  // when the entry is gone or is a folder; nothing with `error` set when the
  // rename fails for another reason (permissions).
  std::optional<std::string> Claim(const std::string& name, std::string* error);

  // Whether the claimed `name` is a regular file, looked at without
  // following a link: only then may it be opened.
  bool ClaimedIsRegular(const std::string& name) const;

  // Renames the claimed `name` to a free name in .processing/ and returns it:
  // for a file whose final place was taken meanwhile by someone else's file.
  std::string Reclaim(const std::string& name);

  // Moves the claimed `name` to processed/ or failed/, never over an existing
  // file. Returns the path it now has. Throws std::runtime_error on failure
  // (the file then stays in .processing/ and a restart finishes it).
  std::string Finish(const std::string& name, bool failed);

 private:
  bool NameIsFree(const std::string& name) const;
  std::string FreeName(const std::string& name) const;

  std::string dir_;
};

// Tells which of the files seen at each poll of a folder have stopped
// changing: a file whose size and modification time stayed the same for
// `stable_seconds` of observations is complete. Folders on network shares,
// where inotify says nothing, are read this way.
class StabilityTracker {
 public:
  using Clock = std::chrono::steady_clock;

  explicit StabilityTracker(double stable_seconds) : stable_seconds_(stable_seconds) {}

  // Records one listing taken at `now` and returns the names that are
  // complete, each once (until it changes or disappears and comes back).
  std::vector<std::string> Update(const std::vector<InboxEntry>& listing, Clock::time_point now);

  // Starts `name` afresh: called when it is claimed, so that another file
  // dropped later under the same name is watched from its own first sight.
  void Forget(const std::string& name);

 private:
  struct Seen {
    uint64_t bytes = 0;
    int64_t mtime_ns = 0;
    Clock::time_point since;
    bool reported = false;
  };
  double stable_seconds_;
  std::map<std::string, Seen> seen_;
};

// Whether no text at all could be read from the document behind `record`,
// so its input belongs in failed/: the record carries a problem and either
// no page holds any text or what was read is not text (binary_content).
// That covers not_a_pdf, empty_file, unreadable_file, encrypted_needs_password,
// pdf_damaged, pdf_truncated, too_large, a scan without OCR, worker_crashed, time_limit.
// A document with some text and some problems is processed, not failed.
bool NoTextCouldBeRead(const Record& record);


// failed/NAME.error.json: the input, its record file, its content hash and
// its problems (stage, code, page, message: never document text).
std::string ErrorReportJson(const Record& record, std::string_view record_file);

// The record file name, in `out_dir`, for the claimed input that ends at one
// of `final_paths` with content `sha256`: "<stem>.json" unless that file
// holds the record of another input or other content, then
// "<stem>-<8 hex of the content hash>.json", then "...-2.json" and so on.
// Names in `taken` (records being made now) count as held. The same input
// gets the same name after a restart: its record names it.
std::string WatchRecordName(const std::string& out_dir, std::string_view claimed_name, std::string_view sha256,
                            const std::vector<std::string>& final_paths, const std::set<std::string>& taken);

// Removes the temporary files WritePrivateFile leaves when its process dies
// ("<name>.tmp.<pid>" whose process is no longer running) directly in `dir`.
// Returns how many were removed.
int RemoveStaleTemporaryFiles(const std::string& dir);

// An exclusive lock on a file (flock), held while the object lives.
class FileLock {
 public:
  // Takes the lock on `path` (created 0600) without waiting. Nothing when
  // another process holds it or it cannot be made; `holder` then says which
  // process wrote its id into the file, or why.
  static std::optional<FileLock> TryLock(const std::string& path, std::string* holder);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace imr

#endif  // IMR_PIPELINE_INBOX_H_
