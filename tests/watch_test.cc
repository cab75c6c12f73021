// `imr watch` as a service runs it: the built binary in the background, files
// dropped into its inbox, stopped with SIGTERM or killed with SIGKILL.
// Stability and poll intervals are set short, so each case takes seconds.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "pipeline/record_json.h"
#include "tests/testing.h"

extern char** environ;

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

// The regular files directly in `dir`, dotfiles left out, sorted.
std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && !name.starts_with(".")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> Records(const fs::path& out) {
  std::vector<std::string> records;
  for (const std::string& name : Names(out)) {
    if (name.ends_with(".json")) records.push_back(name);
  }
  return records;
}

bool WaitUntil(const std::function<bool()>& done, double seconds = 60) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return done();
}

// One SQL answer from the store, as text.
std::string Query(const fs::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string answer;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(s, 0);
      answer = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return answer;
}

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    root_ = fs::temp_directory_path() / ("imr-watch-" + std::to_string(getpid()) + "-" + test);
    in_ = root_ / "in";
    out_ = root_ / "out";
    stage_ = root_ / "stage";
    fs::remove_all(root_);
    fs::create_directories(in_);
    fs::create_directories(stage_);
  }
  void TearDown() override {
    for (pid_t pid : running_) {
      if (pid <= 0) continue;  // never kill(-1, ...)
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    if (!HasFailure()) fs::remove_all(root_);
  }

  // Starts `imr watch` in the background; its stderr goes to log-N.
  pid_t Start(std::vector<std::string> extra = {}, bool own_group = false) {
    std::vector<std::string> args = {testing::ImrBinary(), "watch", in_.string(), "-o", out_.string(),
                                     "--stable-seconds", "0.4", "--poll-seconds", "0.1", "--seconds", "60"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = (root_ / ("log-" + std::to_string(++starts_))).string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    if (own_group) {  // as a shell runs a job: a Ctrl-C reaches the watcher and its worker
      posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
      posix_spawnattr_setpgroup(&attributes, 0);
    }
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0 || pid <= 0) {
      ADD_FAILURE() << "cannot start " << argv[0] << ": " << std::strerror(rc);
      return 0;
    }
    running_.push_back(pid);
    return pid;
  }

  // Waits for run `n` to say it is watching (its signal handlers are set).
  bool Watching(int n) const {
    return WaitUntil([&] { return Log(n).find("imr: watch: watching") != std::string::npos; }, 30);
  }

  // Sends `sig` and returns the exit code (-signal when killed).
  int Stop(pid_t pid, int sig = SIGTERM) {
    if (pid <= 0) return -1000;  // not started; a kill(0 or -1, ...) would reach other processes
    kill(pid, sig);
    int status = 0;
    EXPECT_TRUE(WaitUntil([&] { return waitpid(pid, &status, WNOHANG) == pid; }, 60));
    std::erase(running_, pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  std::string Log(int n) const { return ReadFile((root_ / ("log-" + std::to_string(n))).string()); }

  // Copies a corpus file to the staging folder (same filesystem), then moves
  // it in: how a careful sender delivers.
  void MoveIn(const std::string& corpus_file, const std::string& name) {
    fs::copy_file(testing::SourceDir() + "/" + corpus_file, stage_ / name, fs::copy_options::overwrite_existing);
    fs::rename(stage_ / name, in_ / name);
  }

  bool Done(size_t n) const { return Names(in_ / "processed").size() + Names(in_ / "failed").size() >= n + Errors(); }
  size_t Errors() const {
    size_t n = 0;
    for (const std::string& name : Names(in_ / "failed")) n += name.ends_with(".error.json");
    return n;
  }
  std::vector<std::string> Claimed() const { return Names(in_ / ".processing"); }

  fs::path root_, in_, out_, stage_;
  int starts_ = 0;
  std::vector<pid_t> running_;
};

TEST_F(WatchTest, MovedInAndWrittenInPlaceAreEachProcessedOnce) {
  const pid_t pid = Start({"--stable-seconds", "2"});
  MoveIn("corpus/letter-layout2.pdf", "moved.pdf");
  // Written in place over a second, through one open descriptor: only its
  // close says it is complete.
  const std::string bytes = ReadFile(testing::SourceDir() + "/corpus/letter-layout3.pdf");
  {
    std::ofstream slow(in_ / "slow.pdf", std::ios::binary);
    for (size_t at = 0; at < bytes.size(); at += bytes.size() / 8 + 1) {
      slow.write(bytes.data() + at, static_cast<std::streamsize>(std::min(bytes.size() - at, bytes.size() / 8 + 1)));
      slow.flush();
      std::this_thread::sleep_for(std::chrono::milliseconds(120));
    }
  }
  ASSERT_TRUE(WaitUntil([&] { return Done(2); })) << Log(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // nothing more is to come
  EXPECT_EQ(Stop(pid), 0) << Log(1);

  EXPECT_EQ(Names(in_ / "processed"), (std::vector<std::string>{"moved.pdf", "slow.pdf"}));
  EXPECT_EQ(Names(in_), std::vector<std::string>{});
  EXPECT_EQ(Claimed(), std::vector<std::string>{});
  EXPECT_EQ(Records(out_), (std::vector<std::string>{"moved.json", "slow.json"}));
  EXPECT_EQ(ReadFile((in_ / "processed" / "slow.pdf").string()), bytes);  // taken whole
  const std::string slow = ReadFile((out_ / "slow.json").string());
  EXPECT_NE(slow.find("\"bytes\": " + std::to_string(bytes.size())), std::string::npos);
  EXPECT_NE(slow.find("\"path\": \"" + (in_ / "processed" / "slow.pdf").string() + "\""), std::string::npos);
  EXPECT_EQ(slow.find("\"problems\": [\n    {"), std::string::npos) << "a partial file was taken";
  struct stat info {};
  ASSERT_EQ(stat((out_ / "slow.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents WHERE status='processed'"), "2");

  const std::string log = Log(1);
  EXPECT_NE(log.find("moved.json claimed sha256:"), std::string::npos) << log;
  EXPECT_NE(log.find("slow.json processed "), std::string::npos) << log;
  EXPECT_EQ(log.find("Injury"), std::string::npos) << "document text in the log";
  EXPECT_EQ(log.find("Final Determination"), std::string::npos) << "document text in the log";
}

TEST_F(WatchTest, DotfilesAndUnfinishedNamesAreLeftAlone) {
  for (const char* name : {".hidden.pdf", "a.pdf.part", "b.tmp", "c.pdf.crdownload"}) {
    fs::copy_file(testing::SourceDir() + "/corpus/letter-layout2.pdf", in_ / name);
  }
  fs::create_directory(in_ / "folder.pdf");
  const pid_t pid = Start();
  MoveIn("corpus/rfa.pdf", "real.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(1); })) << Log(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // three stable periods
  EXPECT_EQ(Stop(pid), 0) << Log(1);
  EXPECT_EQ(Names(in_), (std::vector<std::string>{"a.pdf.part", "b.tmp", "c.pdf.crdownload"}));
  EXPECT_TRUE(fs::exists(in_ / ".hidden.pdf"));
  EXPECT_TRUE(fs::is_directory(in_ / "folder.pdf"));
  EXPECT_EQ(Records(out_), std::vector<std::string>{"real.json"});
}

TEST_F(WatchTest, SameContentAgainIsRecordedAsADuplicate) {
  const pid_t pid = Start();
  MoveIn("corpus/letter-layout2.pdf", "first.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(1); })) << Log(1);
  MoveIn("corpus/letter-layout2.pdf", "again.pdf");
  MoveIn("corpus/letter-layout2.pdf", "first.pdf");  // the same name as well: kept apart
  ASSERT_TRUE(WaitUntil([&] { return Done(3); })) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);

  EXPECT_EQ(Names(in_ / "processed"), (std::vector<std::string>{"again.pdf", "first-1.pdf", "first.pdf"}));
  EXPECT_EQ(Records(out_), (std::vector<std::string>{"again.json", "first-1.json", "first.json"}));
  const fs::path db = out_ / "imr.sqlite";
  EXPECT_EQ(Query(db, "SELECT status || ' ' || duplicate_of FROM documents WHERE record_file='again.json'"),
            "duplicate first.json");
  EXPECT_EQ(Query(db, "SELECT status FROM documents WHERE record_file='first-1.json'"), "duplicate");
  EXPECT_EQ(Query(db, "SELECT count(*) FROM documents"), "3");
  const std::string again = ReadFile((out_ / "again.json").string());
  EXPECT_NE(again.find("\"path\": \"" + (in_ / "processed" / "again.pdf").string() + "\""), std::string::npos);
  EXPECT_NE(Log(1).find("again.json duplicate of:first.json"), std::string::npos) << Log(1);
}

TEST_F(WatchTest, BrokenFileEndsInFailedWithItsErrorReportAndStillHasARecord) {
  const pid_t pid = Start();
  MoveIn("corpus/errors/junk.pdf", "junk.pdf");
  MoveIn("corpus/errors/empty.pdf", "empty.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(2); })) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);

  EXPECT_EQ(Names(in_ / "failed"),
            (std::vector<std::string>{"empty.pdf", "empty.pdf.error.json", "junk.pdf", "junk.pdf.error.json"}));
  EXPECT_EQ(Names(in_ / "processed"), std::vector<std::string>{});
  const std::string report = ReadFile((in_ / "failed" / "junk.pdf.error.json").string());
  EXPECT_NE(report.find("\"not_a_pdf\""), std::string::npos) << report;
  EXPECT_NE(report.find("\"record\": \"junk.json\""), std::string::npos) << report;
  struct stat info {};
  ASSERT_EQ(stat((in_ / "failed" / "junk.pdf.error.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_NE(ReadFile((out_ / "junk.json").string()).find("\"not_a_pdf\""), std::string::npos);
  EXPECT_NE(ReadFile((out_ / "empty.json").string()).find("\"empty_file\""), std::string::npos);
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents WHERE status='failed'"), "2");
  EXPECT_NE(Log(1).find("junk.json failed problems:not_a_pdf"), std::string::npos) << Log(1);
}

// A document over the time limit gets a record saying so, goes to failed/,
// and the watcher goes on; the same content again is run again, not taken as
// a duplicate of a record that failed for the run's sake.
TEST_F(WatchTest, DocumentOverTheTimeLimitGetsARecordAndTheWatcherGoesOn) {
  const pid_t pid = Start({"--seconds", "0.001"});
  MoveIn("corpus/letter-layout2.pdf", "slow.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(1); })) << Log(1);
  MoveIn("corpus/letter-layout2.pdf", "again.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(2); })) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);
  EXPECT_EQ(Names(in_ / "failed"),
            (std::vector<std::string>{"again.pdf", "again.pdf.error.json", "slow.pdf", "slow.pdf.error.json"}));
  EXPECT_NE(ReadFile((out_ / "slow.json").string()).find("\"time_limit\""), std::string::npos);
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT group_concat(status) FROM documents"), "failed,failed");
  EXPECT_NE(Log(1).find("again.json failed problems:time_limit"), std::string::npos) << Log(1);
}

// SIGKILL while a document is claimed; the restart gives it exactly one
// record and one original in processed/.
TEST_F(WatchTest, KilledWhileProcessingThenRestartedGivesOneRecordEach) {
  const char* files[] = {"corpus/letter-layout2.pdf", "corpus/letter-layout3.pdf", "corpus/rfa.pdf",
                         "corpus/progress-report.pdf", "corpus/ur-determination.pdf"};
  for (int i = 0; i < 5; ++i) {
    fs::copy_file(testing::SourceDir() + "/" + files[i], stage_ / ("doc" + std::to_string(i) + ".pdf"));
  }
  const pid_t first = Start();
  for (int i = 0; i < 5; ++i) fs::rename(stage_ / ("doc" + std::to_string(i) + ".pdf"), in_ / ("doc" + std::to_string(i) + ".pdf"));
  const bool caught = WaitUntil([&] { return !Claimed().empty(); }, 30);
  EXPECT_EQ(Stop(first, SIGKILL), -SIGKILL);
  ASSERT_TRUE(caught) << "no document was seen in .processing/\n" << Log(1);
  const std::vector<std::string> left = Claimed();
  EXPECT_FALSE(left.empty());

  const pid_t second = Start();
  ASSERT_TRUE(Watching(2)) << Log(2);
  ASSERT_TRUE(WaitUntil([&] { return Done(5); })) << Log(2);
  EXPECT_EQ(Stop(second), 0) << Log(2);
  EXPECT_EQ(Names(in_ / "processed"),
            (std::vector<std::string>{"doc0.pdf", "doc1.pdf", "doc2.pdf", "doc3.pdf", "doc4.pdf"}));
  EXPECT_EQ(Records(out_), (std::vector<std::string>{"doc0.json", "doc1.json", "doc2.json", "doc3.json", "doc4.json"}));
  EXPECT_EQ(Claimed(), std::vector<std::string>{});
  EXPECT_EQ(Names(out_), (std::vector<std::string>{"doc0.json", "doc1.json", "doc2.json", "doc3.json", "doc4.json",
                                                    "imr.sqlite"}))
      << "temporary files left";
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents"), "5");
  EXPECT_NE(Log(2).find(" recovered sha256:"), std::string::npos) << Log(2);
}

// The moments a kill can fall between, made by hand: the record written and
// stored but the original not yet moved; a record written but not stored; a
// temporary record file half written.
TEST_F(WatchTest, RestartFinishesWhatACrashLeftWithoutASecondRecord) {
  pid_t pid = Start();
  MoveIn("corpus/letter-layout2.pdf", "a.pdf");
  MoveIn("corpus/rfa.pdf", "b.pdf");
  ASSERT_TRUE(WaitUntil([&] { return Done(2); })) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);
  const std::string a_record = ReadFile((out_ / "a.json").string());

  fs::rename(in_ / "processed" / "a.pdf", in_ / ".processing" / "a.pdf");  // stored, not moved
  fs::rename(in_ / "processed" / "b.pdf", in_ / ".processing" / "b.pdf");  // written, not stored
  ASSERT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents"), "2");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((out_ / "imr.sqlite").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON; DELETE FROM documents WHERE record_file='b.json'", nullptr, nullptr,
                 nullptr);
    sqlite3_close(db);
  }
  std::ofstream(out_ / "b.json.tmp.999999999") << "{\"half";

  pid = Start();
  ASSERT_TRUE(Watching(2)) << Log(2);
  ASSERT_TRUE(WaitUntil([&] { return Done(2) && Claimed().empty(); })) << Log(2);
  EXPECT_EQ(Stop(pid), 0) << Log(2);
  EXPECT_EQ(Names(in_ / "processed"), (std::vector<std::string>{"a.pdf", "b.pdf"}));
  EXPECT_EQ(Names(out_), (std::vector<std::string>{"a.json", "b.json", "imr.sqlite"}));
  EXPECT_EQ(ReadFile((out_ / "a.json").string()), a_record);
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents"), "2");
  const std::string log = Log(2);
  EXPECT_NE(log.find("a.json processed clean,recorded_before"), std::string::npos) << log;
  EXPECT_NE(log.find("b.json processed "), std::string::npos) << log;
  EXPECT_NE(log.find("removed 1 temporary file"), std::string::npos) << log;
}

TEST_F(WatchTest, SigtermFinishesTheDocumentInHandAndExitsZero) {
  const pid_t pid = Start();
  ASSERT_TRUE(Watching(1)) << Log(1);
  const pid_t second = Start();  // one watcher per inbox
  ASSERT_GT(second, 0);
  int status = 0;
  ASSERT_TRUE(WaitUntil([&] { return waitpid(second, &status, WNOHANG) == second; }, 30));
  std::erase(running_, second);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2);
  EXPECT_NE(Log(2).find("another watcher serves"), std::string::npos) << Log(2);

  MoveIn("corpus/letter-layout3.pdf", "in-hand.pdf");
  const bool caught = WaitUntil([&] { return !Claimed().empty(); }, 30);
  EXPECT_EQ(Stop(pid, SIGTERM), 0) << Log(1);
  EXPECT_TRUE(caught);
  EXPECT_EQ(Claimed(), std::vector<std::string>{});
  EXPECT_EQ(Names(in_ / "processed"), std::vector<std::string>{"in-hand.pdf"});
  EXPECT_EQ(Records(out_), std::vector<std::string>{"in-hand.json"});
  EXPECT_NE(Log(1).find("stopped after"), std::string::npos) << Log(1);
}

// A Ctrl-C reaches the worker too, which dies of it: that is no fault of the
// document, which stays claimed and is done by the next start.
TEST_F(WatchTest, InterruptOfTheWholeGroupLeavesTheDocumentForTheNextStart) {
  const pid_t pid = Start({}, /*own_group=*/true);
  ASSERT_GT(pid, 0);
  MoveIn("corpus/letter-layout3.pdf", "a.pdf");
  ASSERT_TRUE(WaitUntil([&] { return !Claimed().empty(); }, 30)) << Log(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the worker has it
  kill(-pid, SIGINT);
  EXPECT_EQ(Stop(pid, SIGINT), 0) << Log(1);
  const size_t left = Claimed().size();
  EXPECT_EQ(left + Names(in_ / "processed").size(), 1u);
  EXPECT_EQ(ReadFile((out_ / "a.json").string()).find("worker_crashed"), std::string::npos) << Log(1);

  const pid_t again = Start();
  ASSERT_TRUE(Watching(2)) << Log(2);
  ASSERT_TRUE(WaitUntil([&] { return Done(1) && Claimed().empty(); })) << Log(2);
  EXPECT_EQ(Stop(again), 0) << Log(2);
  EXPECT_EQ(Names(in_ / "processed"), std::vector<std::string>{"a.pdf"});
  EXPECT_EQ(Records(out_), std::vector<std::string>{"a.json"});
  EXPECT_EQ(ReadFile((out_ / "a.json").string()).find("worker_crashed"), std::string::npos);
  if (left > 0) {
    EXPECT_NE(Log(1).find("a.json interrupted"), std::string::npos) << Log(1);
  }
}

// A symbolic link dropped in the inbox is never followed: not hashed, not
// read. It is moved itself (still a link) to failed/ with a record and an
// error report that say what it was, and the file it points at is untouched.
// A FIFO, which would block whoever opened it, goes the same way.
TEST_F(WatchTest, SymbolicLinksAndFifosAreNeverOpenedAndEndInFailed) {
  const fs::path secret = root_ / "secret.txt";
  const std::string words = "Secret words of another patient that must never be read";
  std::ofstream(secret) << words << "\n";
  fs::create_symlink(secret, stage_ / "link.pdf");
  fs::rename(stage_ / "link.pdf", in_ / "link.pdf");
  fs::create_symlink("/etc/passwd", in_ / "passwd.txt");
  ASSERT_EQ(mkfifo((in_ / "pipe.txt").c_str(), 0600), 0);
  const pid_t pid = Start();
  MoveIn("corpus/rfa.pdf", "real.pdf");
  // (Done() counts regular files; a FIFO is none.)
  ASSERT_TRUE(WaitUntil([&] { return Errors() == 3 && Names(in_ / "processed").size() == 1; })) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);

  EXPECT_EQ(Names(in_ / "processed"), std::vector<std::string>{"real.pdf"});
  EXPECT_TRUE(fs::is_symlink(in_ / "failed" / "link.pdf"));
  EXPECT_TRUE(fs::is_symlink(in_ / "failed" / "passwd.txt"));
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(in_ / "failed" / "pipe.txt")));
  EXPECT_EQ(ReadFile(secret.string()), words + "\n");
  EXPECT_EQ(Records(out_), (std::vector<std::string>{"link.json", "passwd.json", "pipe.json", "real.json"}));
  for (const char* stem : {"link", "passwd", "pipe"}) {
    SCOPED_TRACE(stem);
    const std::string record = ReadFile((out_ / (std::string(stem) + ".json")).string());
    EXPECT_NE(record.find("\"not_a_regular_file\""), std::string::npos) << record;
    EXPECT_NE(Log(1).find(std::string(stem) + ".json failed problems:not_a_regular_file"), std::string::npos) << Log(1);
  }
  const std::string report = ReadFile((in_ / "failed" / "link.pdf.error.json").string());
  EXPECT_NE(report.find("\"not_a_regular_file\""), std::string::npos) << report;
  for (const std::string& file : {Log(1), report, ReadFile((out_ / "link.json").string()),
                                  ReadFile((out_ / "passwd.json").string())}) {
    EXPECT_EQ(file.find("Secret words"), std::string::npos);
    EXPECT_EQ(file.find("root:x:0:0"), std::string::npos);
  }
  EXPECT_EQ(Query(out_ / "imr.sqlite", "SELECT count(*) FROM documents WHERE status='failed'"), "3");
}

// The watcher's own folders must be folders: one replaced by a symbolic link
// would carry every input out of the inbox.
TEST_F(WatchTest, AnInboxFolderThatIsASymbolicLinkIsRefused) {
  fs::create_directories(root_ / "elsewhere");
  fs::create_symlink(root_ / "elsewhere", in_ / "processed");
  const testing::CommandResult r = testing::RunShell("'" + testing::ImrBinary() + "' watch '" + in_.string() + "' -o '" +
                                                     out_.string() + "' 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("is a symbolic link"), std::string::npos) << r.out;
}

// The inputs are medical records: nothing the watcher logs (stderr, where a
// service's log file is written from) nor its error reports quote a record.
// Every quote of every record, of the corpus letters and notes as PDFs and
// text, is looked for in them.
TEST_F(WatchTest, NoRecordTextReachesTheLog) {
  const pid_t pid = Start({"--jobs", "2"});
  size_t inputs = 0;
  for (const auto& e : fs::directory_iterator(fs::path(testing::SourceDir()) / "corpus")) {
    if (e.path().extension() != ".pdf") continue;
    MoveIn("corpus/" + e.path().filename().string(), e.path().filename().string());
    ++inputs;
  }
  for (const auto& e : fs::directory_iterator(fs::path(testing::SourceDir()) / "corpus/src")) {
    MoveIn("corpus/src/" + e.path().filename().string(), "src-" + e.path().filename().string());
    ++inputs;
  }
  MoveIn("corpus/errors/truncated.pdf", "truncated.pdf");
  ++inputs;
  ASSERT_TRUE(WaitUntil([&] { return Done(inputs); }, 300)) << Log(1);
  EXPECT_EQ(Stop(pid), 0) << Log(1);
  ASSERT_EQ(Records(out_).size(), inputs) << Log(1);

  std::string said = Log(1);
  for (const std::string& name : Names(in_ / "failed")) {
    if (name.ends_with(".error.json")) said += ReadFile((in_ / "failed" / name).string());
  }
  size_t quotes = 0;
  for (const std::string& name : Records(out_)) {
    std::string error;
    const std::optional<Record> record = RecordFromJson(ReadFile((out_ / name).string()), &error);
    ASSERT_TRUE(record.has_value()) << name << ": " << error;
    for (const std::string& words : testing::RecordQuotes(*record)) {
      ++quotes;
      EXPECT_EQ(said.find(words), std::string::npos) << "the log quotes " << name << ": " << words;
    }
  }
  EXPECT_GT(quotes, 100u);
}

TEST_F(WatchTest, UsageErrors) {
  const testing::CommandResult none = testing::RunShell("'" + testing::ImrBinary() + "' watch");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage: imr watch"), std::string::npos) << none.err;
  const testing::CommandResult missing =
      testing::RunShell("'" + testing::ImrBinary() + "' watch '" + (root_ / "nowhere").string() + "' -o '" + out_.string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("is not a folder"), std::string::npos) << missing.err;
  const testing::CommandResult same =
      testing::RunShell("'" + testing::ImrBinary() + "' watch '" + in_.string() + "' -o '" + in_.string() + "/'");
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_NE(same.err.find("cannot go into the inbox"), std::string::npos) << same.err;
}

}  // namespace
}  // namespace imr
