// `imr batch` and `imr merge` as a user runs them: the built binary over a
// folder of copies of the corpus, its records, its store and its exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "pipeline/store.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("imr-batch-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in/sub");
    const fs::path corpus = fs::path(testing::SourceDir()) / "corpus";
    // Text letters under several names, a PDF, a broken file, a nested one, a
    // hidden one that is no input, and two copies of one content.
    int n = 0;
    for (const auto& e : fs::directory_iterator(corpus / "src")) {
      fs::copy_file(e.path(), dir_ / "in" / ("doc" + std::to_string(n++) + ".txt"));
    }
    fs::copy_file(corpus / "letter-layout2.pdf", dir_ / "in/sub/layout2.pdf");
    fs::copy_file(corpus / "errors/junk.pdf", dir_ / "in/junk.pdf");
    fs::copy_file(corpus / "src/rfa.txt", dir_ / "in/rfa-copy.txt");
    std::ofstream(dir_ / "in/.hidden.pdf") << "not an input";
    std::ofstream(dir_ / "in/notes.doc") << "not an input either";
    inputs_ = n + 3;
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::CommandResult Batch(const std::string& args) {
    return RunShell("cd '" + testing::SourceDir() + "' && '" + testing::ImrBinary() + "' batch '" +
                    (dir_ / "in").string() + "' " + args + " 2>&1");
  }
  std::set<std::string> Records(const fs::path& out) const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(out)) {
      if (e.path().extension() == ".json") names.insert(e.path().filename().string());
    }
    return names;
  }

  fs::path dir_;
  int inputs_ = 0;
};

// Copies of one content given to two workers, two documents in each one's
// hands: one copy is read, and every other waits for its record and becomes
// its duplicate (before, copies read at the same moment were all processed).
TEST_F(BatchTest, CopiesInSeveralWorkersHandsAreReadOnce) {
  fs::remove_all(dir_ / "in");
  fs::create_directories(dir_ / "in");
  const fs::path letter = fs::path(testing::SourceDir()) / "corpus/letter-layout2.pdf";
  for (int i = 0; i < 6; ++i) fs::copy_file(letter, dir_ / "in" / ("copy" + std::to_string(i) + ".pdf"));
  const fs::path out = dir_ / "out";
  const testing::CommandResult run = Batch("-o '" + out.string() + "' --jobs 2");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("1 processed, 5 duplicates"), std::string::npos) << run.out;
  EXPECT_EQ(Records(out).size(), 6u);
  Store store((out / "imr.sqlite").string());
  EXPECT_EQ(store.CountDocuments(), 6);
}

// The store names a record of the same content whose file is gone: the
// copies are read again, once (fixed bug: such a copy was never counted as
// being read, the count went below zero, and the next copy waited forever).
// Nothing of a batch outlives it: once `imr batch` has exited, no process
// holds its output any more (its zygote, which shares it, has been waited
// for; before, imr left it to exit on its own).
TEST_F(BatchTest, NothingOfTheBatchOutlivesIt) {
  int pipe_ends[2];
  ASSERT_EQ(pipe(pipe_ends), 0);
  const std::string in = (dir_ / "in").string(), out = (dir_ / "out").string(), imr = testing::ImrBinary();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(pipe_ends[1], STDOUT_FILENO);
    dup2(pipe_ends[1], STDERR_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    execl(imr.c_str(), "imr", "batch", in.c_str(), "-o", out.c_str(), "--jobs", "2", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_ends[1]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 1);  // the broken inputs have problems
  // Drain what the batch wrote; then the pipe says end of file at once,
  // which it does only when no process has it open for writing.
  ASSERT_EQ(fcntl(pipe_ends[0], F_SETFL, O_NONBLOCK), 0);
  char buffer[4096];
  ssize_t got = 0;
  while ((got = read(pipe_ends[0], buffer, sizeof buffer)) > 0) {
  }
  const int error = got < 0 ? errno : 0;
  close(pipe_ends[0]);
  EXPECT_EQ(got, 0) << "a process of the batch still holds its output (errno " << error << ")";
}

TEST_F(BatchTest, ContentWhoseRecordFileIsGoneIsReadAgainOnce) {
  fs::remove_all(dir_ / "in");
  fs::create_directories(dir_ / "in");
  const fs::path letter = fs::path(testing::SourceDir()) / "corpus/letter-layout2.pdf";
  fs::copy_file(letter, dir_ / "in/copy0.pdf");
  const fs::path out = dir_ / "out";
  ASSERT_EQ(Batch("-o '" + out.string() + "' --jobs 1").exit_code, 0);
  fs::remove(out / "copy0.json");
  fs::remove(dir_ / "in/copy0.pdf");
  for (int i = 1; i <= 3; ++i) fs::copy_file(letter, dir_ / "in" / ("copy" + std::to_string(i) + ".pdf"));
  const testing::CommandResult again =
      RunShell("cd '" + testing::SourceDir() + "' && timeout 120 '" + testing::ImrBinary() + "' batch '" +
               (dir_ / "in").string() + "' -o '" + out.string() + "' --jobs 1 2>&1");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("1 processed, 2 duplicates"), std::string::npos) << again.out;
  EXPECT_EQ(Records(out).size(), 3u);
}

TEST_F(BatchTest, OneRecordPerInputDuplicatesByContentAndAResumeRedoesNothing) {
  const fs::path out = dir_ / "out";
  const testing::CommandResult first = Batch("-o '" + out.string() + "' --jobs 1");
  EXPECT_EQ(first.exit_code, 1) << first.out;  // the junk file's record carries a problem
  EXPECT_EQ(Records(out).size(), static_cast<size_t>(inputs_)) << first.out;
  EXPECT_NE(first.out.find("1 duplicates"), std::string::npos) << first.out;
  for (const auto& e : fs::directory_iterator(out)) {
    struct stat info {};
    ASSERT_EQ(stat(e.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0077, 0u) << e.path();
  }
  {
    Store store((out / "imr.sqlite").string());
    EXPECT_EQ(store.CountDocuments(), inputs_);
  }
  // The copy's record is the first copy's, naming its own source.
  const std::string copy = testing::ReadFile((out / "rfa-copy.json").string());
  EXPECT_NE(copy.find("rfa-copy.txt"), std::string::npos);

  const testing::CommandResult again = Batch("-o '" + out.string() + "'");
  EXPECT_EQ(again.exit_code, 1) << again.out;
  EXPECT_NE(again.out.find("0 processed, 0 duplicates, " + std::to_string(inputs_) + " already done"),
            std::string::npos)
      << again.out;
}

// The inputs are medical records: what a batch prints (progress, summary,
// problems, on stdout and stderr) names files and codes, never their words.
// Every quote of every record, of ten letters and more, is looked for in it.
TEST_F(BatchTest, NoRecordTextReachesTheLog) {
  const fs::path out = dir_ / "out";
  const testing::CommandResult run = Batch("-o '" + out.string() + "' --jobs 2");
  ASSERT_EQ(Records(out).size(), static_cast<size_t>(inputs_)) << run.out;
  size_t quotes = 0;
  for (const std::string& name : Records(out)) {
    std::string error;
    const std::optional<Record> record = RecordFromJson(testing::ReadFile((out / name).string()), &error);
    ASSERT_TRUE(record.has_value()) << name << ": " << error;
    for (const std::string& words : testing::RecordQuotes(*record)) {
      ++quotes;
      EXPECT_EQ(run.out.find(words), std::string::npos) << "the log quotes " << name << ": " << words;
    }
  }
  EXPECT_GT(quotes, 100u);
}

// A batch syncs its records in groups, the last before its run ends. A
// crash before a group's sync (a power cut) may leave a record torn while
// its row survives: the next run reads that input again instead of trusting
// the file, skips the rest, which still hold what was written, and makes no
// copy of a torn record for another input of its content.
TEST_F(BatchTest, ARecordACrashMayHaveTornIsReadAgain) {
  const fs::path out = dir_ / "out";
  const testing::CommandResult first = Batch("-o '" + out.string() + "' --jobs 2");
  ASSERT_EQ(first.exit_code, 1) << first.out;  // the junk file's record carries a problem
  // The record of the input that rfa-copy.txt copies (the inputs are docN.txt).
  std::string rfa_name;
  const std::string rfa_text = testing::ReadFile((dir_ / "in/rfa-copy.txt").string());
  for (const auto& e : fs::directory_iterator(dir_ / "in")) {
    if (e.path().filename() != "rfa-copy.txt" && testing::ReadFile(e.path().string()) == rfa_text) {
      rfa_name = e.path().stem().string() + ".json";
    }
  }
  ASSERT_FALSE(rfa_name.empty());
  const std::string layout = testing::ReadFile((out / "layout2.json").string());
  const std::string rfa = testing::ReadFile((out / rfa_name).string());
  {
    Store store((out / "imr.sqlite").string());
    for (const std::string& name : Records(out)) {
      EXPECT_EQ(store.RecordSha256(name), Sha256Hex(testing::ReadFile((out / name).string()))) << name;
    }
  }

  // Torn: a record of its own, and the first of two copies of one content,
  // whose other copy's record is gone.
  fs::resize_file(out / "layout2.json", layout.size() / 2);
  fs::resize_file(out / rfa_name, 0);
  fs::remove(out / "rfa-copy.json");
  const testing::CommandResult again = Batch("-o '" + out.string() + "' --jobs 1");
  EXPECT_EQ(again.exit_code, 1) << again.out;
  EXPECT_NE(again.out.find("2 processed, 1 duplicates, " + std::to_string(inputs_ - 3) + " already done"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(Sha256Hex(testing::ReadFile((out / "layout2.json").string())), Sha256Hex(layout)) << "made again whole";
  EXPECT_EQ(Sha256Hex(testing::ReadFile((out / rfa_name).string())), Sha256Hex(rfa)) << "made again whole";
  std::string error;
  const std::optional<Record> copy = RecordFromJson(testing::ReadFile((out / "rfa-copy.json").string()), &error);
  ASSERT_TRUE(copy.has_value()) << error;
  EXPECT_NE(copy->document.source.path.find("rfa-copy.txt"), std::string::npos);
}

TEST_F(BatchTest, AKilledBatchStartedAgainFinishesTheRestOnly) {
  // Enough work to be caught half-way: the letters many times over.
  for (int i = 0; i < 60; ++i) {
    fs::copy_file(fs::path(testing::SourceDir()) / "corpus/letter-layout3.pdf",
                  dir_ / "in" / ("many" + std::to_string(i) + ".pdf"));
    std::ofstream(dir_ / "in" / ("many" + std::to_string(i) + ".pdf"), std::ios::app) << "\n% " << i << "\n";
  }
  const int total = inputs_ + 60;
  const fs::path out = dir_ / "out";
  const std::string command = "cd '" + testing::SourceDir() + "' && exec '" + testing::ImrBinary() + "' batch '" +
                              (dir_ / "in").string() + "' -o '" + out.string() + "' --jobs 1 > /dev/null 2>&1";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
    _exit(127);
  }
  // Stop it once a few records are there, as a scheduler or an operator would.
  for (int i = 0; i < 400 && (!fs::exists(out) || Records(out).size() < 5); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  const size_t done_before = Records(out).size();
  if (WEXITSTATUS(status) == 75) {
    EXPECT_LT(done_before, static_cast<size_t>(total)) << "stopped, yet everything was done";
  } else {
    GTEST_SKIP() << "the batch finished before it could be stopped (exit " << WEXITSTATUS(status) << ")";
  }
  // What a batch killed mid-write leaves (no live process has this pid).
  std::ofstream(out / "many3.json.tmp.4194303") << "{";
  const testing::CommandResult rest = Batch("-o '" + out.string() + "' --jobs 2");
  EXPECT_EQ(rest.exit_code, 1) << rest.out;
  EXPECT_EQ(Records(out).size(), static_cast<size_t>(total));
  // What the first run finished is not run again.
  EXPECT_NE(rest.out.find(std::to_string(done_before) + " already done"), std::string::npos) << rest.out;
  for (const auto& e : fs::directory_iterator(out)) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "temporary file left: " << e.path();
  }
}

TEST_F(BatchTest, ShardsTakeEveryInputOnceAndMergeEqualsOneRun) {
  const fs::path single = dir_ / "single", sharded = dir_ / "sharded";
  ASSERT_EQ(Batch("-o '" + single.string() + "'").exit_code, 1);
  for (int k = 0; k < 3; ++k) {
    const testing::CommandResult r = Batch("-o '" + sharded.string() + "' --shard " + std::to_string(k) + "/3");
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.out;
  }
  EXPECT_EQ(Records(sharded), Records(single));
  const testing::CommandResult merge = RunShell("'" + testing::ImrBinary() + "' merge '" + sharded.string() + "'");
  EXPECT_EQ(merge.exit_code, 0) << merge.err;
  Store one((single / "imr.sqlite").string()), merged((sharded / "imr.sqlite").string());
  for (const char* table : {"documents", "facts", "requests", "criteria", "problems"}) {
    EXPECT_EQ(merged.CountRows(table), one.CountRows(table)) << table;
  }
  for (const std::string& name : Records(single)) {
    EXPECT_EQ(testing::ReadFile((sharded / name).string()), testing::ReadFile((single / name).string())) << name;
  }
}

// Every bad input of corpus/errors/ (the hostile PDFs among them) and a text
// past --max-text-mb, through worker processes under a memory limit: one
// record each, with the problem that names what was wrong ("" for the hostile
// structures Poppler reads past: their page is read), and the batch ends with
// exit 1 (done; some records carry problems).
TEST_F(BatchTest, HostileInputsEachGetARecordWithTheirProblem) {
  const fs::path in = dir_ / "hostile", out = dir_ / "hostile-out";
  fs::create_directories(in);
  for (const auto& e : fs::directory_iterator(fs::path(testing::SourceDir()) / "corpus/errors")) {
    fs::copy_file(e.path(), in / e.path().filename());
  }
  {
    std::ofstream big(in / "big-note.txt");
    for (int i = 0; big.tellp() < (3 << 19); ++i) big << "Progress note line " << i << ": low back pain, no change.\n";
  }
  const testing::CommandResult run = RunShell("'" + testing::ImrBinary() + "' batch '" + in.string() + "' -o '" +
                                              out.string() + "' --jobs 2 --memory-mb 2048 --max-text-mb 1 2>&1");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const std::map<std::string, std::string> expected = {
      {"big-note.json", "text_too_large"},
      {"binary-junk.json", "binary_content"},
      {"damaged-stream.json", "page_damaged"},
      {"deep-nesting.json", ""},
      {"deep-page-tree.json", ""},
      {"empty.json", "empty_file"},
      {"encrypted-spliced.json", "pdf_repaired"},
      {"encrypted-startxref.json", "pdf_repaired"},
      {"encrypted-truncated.json", "pdf_truncated"},
      {"form-loop.json", ""},
      {"inflate-bomb.json", "pdf_decompression_bomb"},
      {"junk.json", "not_a_pdf"},
      {"misplaced-stream.json", "pdf_repaired"},
      {"no-pages.json", "pdf_no_pages"},
      {"page-tree-loop.json", "page_unreadable page_unreadable"},
      {"password.json", "encrypted_needs_password"},
      {"text-named.json", "not_a_pdf"},
      {"truncated.json", "pdf_truncated"},
      {"truncated-bomb.json", "pdf_decompression_bomb"},
      {"truncated-tail.json", "pdf_repaired pdf_truncated page_damaged page_damaged"},
  };
  std::set<std::string> names;
  for (const auto& [name, code] : expected) names.insert(name);
  ASSERT_EQ(Records(out), names) << run.out;
  for (const auto& [name, code] : expected) {
    SCOPED_TRACE(name);
    std::string error;
    const std::optional<Record> record = RecordFromJson(testing::ReadFile((out / name).string()), &error);
    ASSERT_TRUE(record.has_value()) << error;
    std::string codes;
    for (const Problem& p : record->problems) codes += (codes.empty() ? "" : " ") + p.code;
    EXPECT_EQ(codes, code);
  }
}

TEST_F(BatchTest, UsageErrorsAndAListOfInputs) {
  EXPECT_EQ(Batch("-o '" + (dir_ / "o").string() + "' --shard 3/3").exit_code, 2);
  EXPECT_EQ(Batch("-o '" + (dir_ / "o").string() + "' --shard 1").exit_code, 2);
  EXPECT_EQ(Batch("-o '" + (dir_ / "o").string() + "' --jobs 0").exit_code, 2);
  EXPECT_EQ(Batch("").exit_code, 2);
  std::ofstream(dir_ / "list.txt") << "# two inputs\n" << (dir_ / "in/doc0.txt").string() << "\n\n"
                                   << (dir_ / "in/sub/layout2.pdf").string() << "\n";
  const testing::CommandResult r =
      RunShell("'" + testing::ImrBinary() + "' batch @'" + (dir_ / "list.txt").string() + "' -o '" +
               (dir_ / "o").string() + "' 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(Records(dir_ / "o"), (std::set<std::string>{"doc0.json", "layout2.json"}));
}

}  // namespace
}  // namespace imr
