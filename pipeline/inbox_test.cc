#include "pipeline/inbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pipeline/output.h"
#include "pipeline/record_json.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

TEST(InboxCandidateTest, Table) {
  const std::pair<const char*, bool> rows[] = {
      {"CM16-0213037.pdf", true}, {"scan 12.PDF", true},       {"notes.txt", true},
      {"noext", true},            {".hidden.pdf", false},      {".", false},
      {"x.pdf.part", false},      {"x.PDF.PART", false},       {"x.tmp", false},
      {"x.pdf.crdownload", false}, {"x.part.pdf", true},       {"", false},
  };
  for (const auto& [name, taken] : rows) EXPECT_EQ(IsInboxCandidate(name), taken) << name;
}

TEST(NumberedNameTest, Table) {
  const std::tuple<const char*, int, const char*> rows[] = {
      {"x.pdf", 0, "x.pdf"}, {"x.pdf", 2, "x-2.pdf"}, {"x", 1, "x-1"}, {"x.tar.gz", 1, "x.tar-1.gz"},
  };
  for (const auto& [name, n, want] : rows) EXPECT_EQ(NumberedName(name, n), want) << name << " " << n;
}

TEST(StabilityTrackerTest, CompleteOnceUnchangedForTheStableTime) {
  using Clock = StabilityTracker::Clock;
  StabilityTracker tracker(5);
  const Clock::time_point t0 = Clock::now();
  const auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
  EXPECT_TRUE(tracker.Update({{"a.pdf", 10, 1}, {"b.pdf", 10, 1}}, at(0)).empty());
  EXPECT_TRUE(tracker.Update({{"a.pdf", 10, 1}, {"b.pdf", 20, 2}}, at(3)).empty());  // b grows
  EXPECT_EQ(tracker.Update({{"a.pdf", 10, 1}, {"b.pdf", 20, 2}}, at(5)), std::vector<std::string>{"a.pdf"});
  EXPECT_TRUE(tracker.Update({{"a.pdf", 10, 1}, {"b.pdf", 20, 2}}, at(6)).empty());  // a told once
  EXPECT_EQ(tracker.Update({{"a.pdf", 10, 1}, {"b.pdf", 20, 2}}, at(8)), std::vector<std::string>{"b.pdf"});
  // Claimed and forgotten, then a file of the same name, size and time again.
  tracker.Forget("a.pdf");
  EXPECT_TRUE(tracker.Update({{"a.pdf", 10, 1}}, at(9)).empty());
  EXPECT_EQ(tracker.Update({{"a.pdf", 10, 1}}, at(14)), std::vector<std::string>{"a.pdf"});
  // Only the modification time changes (rewritten in place, same size).
  EXPECT_TRUE(tracker.Update({{"a.pdf", 10, 7}}, at(20)).empty());
}

TEST(NoTextCouldBeReadTest, Table) {
  const auto record = [](std::string text, std::vector<std::string> codes) {
    Record r;
    if (!text.empty()) {
      Page page;
      page.text = std::move(text);
      r.document.pages.push_back(std::move(page));
    }
    for (std::string& c : codes) r.problems.push_back({Stage::kIngest, std::move(c), 0, ""});
    return r;
  };
  EXPECT_TRUE(NoTextCouldBeRead(record("", {"not_a_pdf"})));
  EXPECT_TRUE(NoTextCouldBeRead(record("", {"worker_crashed"})));
  EXPECT_TRUE(NoTextCouldBeRead(record(" \n\t", {"no_text_layer"})));
  EXPECT_TRUE(NoTextCouldBeRead(record("\xEF\xBF\xBD PK", {"binary_content"})));
  EXPECT_FALSE(NoTextCouldBeRead(record("", {})));  // read fine; the document is blank
  EXPECT_FALSE(NoTextCouldBeRead(record("Date of Injury", {"pdf_truncated"})));  // partial: processed
  EXPECT_FALSE(NoTextCouldBeRead(record("Date of Injury", {})));
}

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("imr-inbox-test-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    fs::create_directories(root_ / "out");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Drop(const std::string& name, const std::string& content) {
    std::ofstream(root_ / "in" / name, std::ios::binary) << content;
  }
  fs::path root_;
};

TEST_F(InboxTest, ClaimKeepsOneNameAndFinishNeverOverwrites) {
  Inbox inbox((root_ / "in").string());
  EXPECT_TRUE(fs::is_directory(root_ / "in" / ".processing"));
  struct stat info {};
  ASSERT_EQ(stat((root_ / "in" / "failed").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);

  Drop("x.pdf", "one");
  Drop(".x.pdf", "hidden");
  Drop("x.pdf.part", "partial");
  fs::create_directory(root_ / "in" / "folder.pdf");
  fs::create_symlink(root_ / "in" / "x.pdf", root_ / "in" / "link.pdf");
  // The link is listed, as an entry that is not a regular file (the watcher
  // moves it to failed/ unread); the folder, the dotfile and the .part are not.
  std::vector<InboxEntry> listing = inbox.List();
  std::sort(listing.begin(), listing.end(), [](const InboxEntry& a, const InboxEntry& b) { return a.name < b.name; });
  ASSERT_EQ(listing.size(), 2u);
  EXPECT_EQ(listing[0].name, "link.pdf");
  EXPECT_FALSE(listing[0].regular);
  EXPECT_EQ(listing[1].name, "x.pdf");
  EXPECT_TRUE(listing[1].regular);
  EXPECT_EQ(listing[1].bytes, 3u);
  fs::remove(root_ / "in" / "link.pdf");

  std::string error;
  EXPECT_EQ(inbox.Claim("x.pdf", &error), "x.pdf");
  EXPECT_EQ(inbox.Claimed(), std::vector<std::string>{"x.pdf"});
  EXPECT_EQ(inbox.Finish("x.pdf", false), (root_ / "in" / "processed" / "x.pdf").string());

  // The same name again: processed/x.pdf is taken, so the newcomer is x-1.pdf
  // from its claim on; a third, while x-1.pdf is still claimed, x-2.pdf.
  Drop("x.pdf", "two");
  EXPECT_EQ(inbox.Claim("x.pdf", &error), "x-1.pdf");
  Drop("x.pdf", "three");
  EXPECT_EQ(inbox.Claim("x.pdf", &error), "x-2.pdf");
  inbox.Finish("x-1.pdf", true);
  EXPECT_EQ(inbox.Claim("link.pdf", &error), std::nullopt);  // a symbolic link is no input
  EXPECT_EQ(inbox.Claim("gone.pdf", &error), std::nullopt);
  EXPECT_TRUE(error.empty());

  // Someone puts a file where x-2.pdf was to go: Finish refuses to overwrite
  // it, and Reclaim gives the document another name.
  std::ofstream(root_ / "in" / "processed" / "x-2.pdf") << "someone else's";
  EXPECT_THROW(inbox.Finish("x-2.pdf", false), std::runtime_error);
  const std::string renamed = inbox.Reclaim("x-2.pdf");
  EXPECT_EQ(renamed, "x-2-1.pdf");
  inbox.Finish(renamed, false);
  std::ifstream kept(root_ / "in" / "processed" / "x-2.pdf");
  std::string content((std::istreambuf_iterator<char>(kept)), {});
  EXPECT_EQ(content, "someone else's");
  EXPECT_TRUE(inbox.Claimed().empty());
}

TEST_F(InboxTest, ErrorReportNamesNeverMeetAnInput) {
  Inbox inbox((root_ / "in").string());
  std::string error;
  Drop("y.pdf.error.json", "an input that looks like a report");
  EXPECT_EQ(inbox.Claim("y.pdf.error.json", &error), "y.pdf.error.json");
  inbox.Finish("y.pdf.error.json", true);
  Drop("y.pdf", "junk");
  EXPECT_EQ(inbox.Claim("y.pdf", &error), "y-1.pdf");  // failed/y.pdf.error.json is an input's
}

TEST_F(InboxTest, RecordNameIsStableForTheSameInputAndHashedForAnother) {
  Inbox inbox((root_ / "in").string());
  const std::string out = (root_ / "out").string();
  const std::vector<std::string> finals = {inbox.FinalPath("x.pdf", false), inbox.FinalPath("x.pdf", true)};
  const std::string sha(64, 'a');
  EXPECT_EQ(WatchRecordName(out, "x.pdf", sha, finals, {}), "x.json");
  EXPECT_EQ(WatchRecordName(out, "x.pdf", sha, finals, {"x.json"}), "x-aaaaaaaa.json");  // being made

  Record mine;
  mine.document.source.path = finals[0];
  mine.document.source.sha256 = sha;
  WritePrivateFile(out + "/x.json", RecordToJson(mine));
  EXPECT_EQ(WatchRecordName(out, "x.pdf", sha, finals, {}), "x.json");  // its own, after a restart
  // Another content under the same final name (processed/ was emptied since).
  const std::string other(64, 'b');
  EXPECT_EQ(WatchRecordName(out, "x.pdf", other, finals, {}), "x-bbbbbbbb.json");
  // Another input with the same stem (x.txt).
  const std::vector<std::string> txt = {inbox.FinalPath("x.txt", false), inbox.FinalPath("x.txt", true)};
  EXPECT_EQ(WatchRecordName(out, "x.txt", sha, txt, {}), "x-aaaaaaaa.json");
  WritePrivateFile(out + "/x-aaaaaaaa.json", "not json");
  EXPECT_EQ(WatchRecordName(out, "x.txt", sha, txt, {}), "x-aaaaaaaa-2.json");
}

TEST_F(InboxTest, SourcePathRewrittenAsTheWriterWritesAndErrorReportQuotesNoText) {
  Record record;
  record.document.source.path = "/in/.processing/x.pdf";
  record.document.source.sha256 = std::string(64, 'c');
  Page page;
  page.text = "PATIENT TEXT";
  record.document.pages.push_back(page);
  record.problems.push_back({Stage::kIngest, "not_a_pdf", 0, "file is named .pdf but is not a PDF"});
  const std::string json = RecordToJson(record);
  Record moved = record;
  moved.document.source.path = "/in/failed/x.pdf";
  EXPECT_EQ(WithSourcePath(json, "/in/failed/x.pdf"), RecordToJson(moved));
  EXPECT_THROW(WithSourcePath("{", "/x"), std::runtime_error);

  const std::string report = ErrorReportJson(moved, "x.json");
  EXPECT_NE(report.find("\"not_a_pdf\""), std::string::npos) << report;
  EXPECT_NE(report.find("\"/in/failed/x.pdf\""), std::string::npos) << report;
  EXPECT_EQ(report.find("PATIENT"), std::string::npos) << report;
}

TEST_F(InboxTest, StaleTemporaryFilesGoLiveOnesStay) {
  const std::string out = (root_ / "out").string();
  const std::string mine = out + "/a.json.tmp." + std::to_string(getpid());
  const std::string dead = out + "/b.json.tmp.999999999";
  std::ofstream(mine) << "x";
  std::ofstream(dead) << "x";
  std::ofstream(out + "/c.json") << "{}";
  EXPECT_EQ(RemoveStaleTemporaryFiles(out), 1);
  EXPECT_TRUE(fs::exists(mine));
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(out + "/c.json"));
}

TEST_F(InboxTest, OneLockHolder) {
  const std::string path = (root_ / "lock").string();
  std::string holder;
  std::optional<FileLock> first = FileLock::TryLock(path, &holder);
  ASSERT_TRUE(first.has_value()) << holder;
  // flock locks belong to the open file: a second open in this process is
  // refused like another process would be.
  EXPECT_FALSE(FileLock::TryLock(path, &holder).has_value());
  EXPECT_NE(holder.find(std::to_string(getpid())), std::string::npos) << holder;
  first.reset();
  EXPECT_TRUE(FileLock::TryLock(path, &holder).has_value());
}

}  // namespace
}  // namespace imr
