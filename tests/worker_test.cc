// Workers forked from a zygote, against workers spawned one by one: the same
// records, and every worker that ends (stopped for time, or at the end) is
// this process's child to wait for, so none is left a zombie.
#include "pipeline/worker.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/sanitizer.h"
#include "ingest/pdf_testing.h"
#include "pipeline/run_document.h"
#include "pipeline/record_json.h"
#include "pipeline/store.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// This process's children: pid, state ('Z' for a zombie) and command line.
struct Child {
  pid_t pid;
  char state;
  std::string command;
};
std::vector<Child> ChildProcesses() {
  std::vector<Child> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long parent = 0;
    if (sscanf(line.c_str() + close + 1, " %c %ld", &state, &parent) != 2 || parent != getpid()) continue;
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string words((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    for (char& c : words) c = c == '\0' ? ' ' : c;
    children.push_back({static_cast<pid_t>(std::stol(name)), state, words});
  }
  return children;
}

// The command lines of this process's children, "Z" first for a zombie.
std::vector<std::string> Children() {
  std::vector<std::string> lines;
  for (const Child& c : ChildProcesses()) lines.push_back((c.state == 'Z' ? "Z " : "") + c.command);
  return lines;
}

bool AnyContains(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(WorkerTest, AWorkerForkedFromTheZygoteWritesTheSpawnedWorkersRecord) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout2.pdf";
  WorkerResult forked, spawned;
  {
    Worker worker({.program = testing::ImrBinary(), .max_pages = 100, .zygote = true});
    forked = worker.Run(letter);
    EXPECT_TRUE(AnyContains(Children(), "--zygote")) << "the worker did not come from a zygote";
  }
  {
    Worker worker({.program = testing::ImrBinary(), .max_pages = 101, .zygote = false});
    spawned = worker.Run(letter);
  }
  EXPECT_TRUE(forked.record.problems.empty()) << forked.json.substr(0, 400);
  EXPECT_FALSE(forked.record.requests.empty());
  EXPECT_EQ(forked.json, spawned.json);
  EXPECT_FALSE(AnyContains(Children(), "Z ")) << "a worker was left a zombie";
}

TEST(WorkerTest, WorkersStoppedForTimeAreReplacedFromTheZygoteAndWaitedFor) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout3.pdf";
  Worker worker({.program = testing::ImrBinary(), .seconds = 0.001, .max_pages = 102, .zygote = true});
  for (int i = 0; i < 3; ++i) {
    const WorkerResult result = worker.Run(letter);
    ASSERT_EQ(result.record.problems.size(), 1u);
    EXPECT_EQ(result.record.problems[0].code, "time_limit");
  }
  worker.Stop();
  const std::vector<std::string> children = Children();
  EXPECT_TRUE(AnyContains(children, "--zygote"));
  EXPECT_FALSE(AnyContains(children, "Z ")) << "a stopped worker was left a zombie";
}

// An empty folder of its own under the test's temporary directory.
fs::path EmptyFolder(const std::string& name) {
  const fs::path out = fs::path(::testing::TempDir()) / name;
  fs::remove_all(out);
  fs::create_directories(out);
  return out;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(WorkerTest, AFilingWorkerWritesAndIndexesTheRecordThatItWouldHaveSent) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout1-lumbar.pdf";
  const fs::path out = EmptyFolder("worker-filing");
  Worker worker({.program = testing::ImrBinary(), .max_pages = 103});
  const WorkerResult sent = worker.Run(letter);
  ASSERT_FALSE(sent.filed);

  Store store((out / "imr.sqlite").string());
  const int64_t run = store.BeginRun("test", PipelineVersion(), "");
  const Filing filing{
      (out / "lumbar.json").string(), store.path(), run, {.record_file = "lumbar.json", .input_path = letter}};
  const WorkerResult filed = worker.Run(letter, &filing);
  ASSERT_TRUE(filed.filed);
  EXPECT_EQ(filed.filing_error, "");
  EXPECT_EQ(filed.json, "") << "a filed record crossed the pipe";
  EXPECT_EQ(ReadAll(out / "lumbar.json"), sent.json);
  EXPECT_EQ(fs::status(out / "lumbar.json").permissions() & fs::perms::others_all, fs::perms::none);
  // The summary the batch counts with.
  EXPECT_EQ(filed.record.document.source.page_count, sent.record.document.source.page_count);
  EXPECT_EQ(filed.record.problems.size(), sent.record.problems.size());
  // The rows, as the batch process would have written them.
  EXPECT_TRUE(store.Has("lumbar.json", sent.record.document.source.sha256, PipelineVersion()));
  EXPECT_EQ(store.CountRows("facts"), static_cast<int64_t>(sent.record.facts.size()));
  EXPECT_EQ(store.CountRows("requests"), static_cast<int64_t>(sent.record.requests.size()));
  EXPECT_GT(store.CountRows("facts"), 0);
}

TEST(WorkerTest, ARecordThatCannotBeFiledSaysWhyAndTheWorkerGoesOn) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout2.pdf";
  const fs::path out = EmptyFolder("worker-filing-fails");
  Worker worker({.program = testing::ImrBinary(), .max_pages = 104});
  Store store((out / "imr.sqlite").string());
  const int64_t run = store.BeginRun("test", PipelineVersion(), "");
  const Filing nowhere{(out / "no-such-folder" / "letter.json").string(), store.path(), run,
                       {.record_file = "letter.json", .input_path = letter}};
  const WorkerResult failed = worker.Run(letter, &nowhere);
  EXPECT_TRUE(failed.filed);
  EXPECT_NE(failed.filing_error, "");
  EXPECT_EQ(store.CountDocuments(), 0) << "rows were indexed for a record that was not written";

  const Filing here{(out / "letter.json").string(), store.path(), run,
                    {.record_file = "letter.json", .input_path = letter}};
  const WorkerResult filed = worker.Run(letter, &here);
  EXPECT_EQ(filed.filing_error, "");
  EXPECT_EQ(store.CountDocuments(), 1);
  EXPECT_TRUE(fs::exists(out / "letter.json"));
}

// A file name that is not UTF-8 (Latin-1 "café") reaches the worker byte for
// byte, filing included (fixed bug: the request was JSON, whose text cannot
// hold such bytes, and building it threw in the batch process).
TEST(WorkerTest, APathThatIsNotUtf8IsReadAndFiled) {
  const fs::path out = EmptyFolder("worker-latin1");
  const std::string input = (out / "caf\xe9 note.txt").string();
  fs::copy_file(testing::SourceDir() + "/corpus/src/progress-report.txt", input);
  Worker worker({.program = testing::ImrBinary(), .max_pages = 105});
  Store store((out / "imr.sqlite").string());
  const int64_t run = store.BeginRun("test", PipelineVersion(), "");
  const Filing filing{(out / "caf\xe9.json").string(), store.path(), run, {"caf\xe9.json", input}};
  const WorkerResult filed = worker.Run(input, &filing);
  ASSERT_TRUE(filed.filed);
  EXPECT_EQ(filed.filing_error, "");
  EXPECT_TRUE(filed.record.problems.empty());
  EXPECT_TRUE(fs::exists(out / "caf\xe9.json"));
  EXPECT_EQ(store.CountDocuments(), 1);
}

// Two documents in hand: the worker reads the second while it files the
// first, and the answers come back in the order the documents went, each
// filed. A page count tells which record is which (two pages, one page).
TEST(WorkerTest, TwoDocumentsInHandAnswerInOrderEachFiled) {
  const fs::path out = EmptyFolder("worker-two-in-hand");
  const std::string two_pages = testing::SourceDir() + "/corpus/letter-layout1-lumbar.pdf";
  const std::string one_page = testing::SourceDir() + "/corpus/src/progress-report.txt";
  Worker worker({.program = testing::ImrBinary(), .max_pages = 106});
  Store store((out / "imr.sqlite").string());
  const int64_t run = store.BeginRun("test", PipelineVersion(), "");
  for (int round = 0; round < 2; ++round) {
    const Filing a{(out / "a.json").string(), store.path(), run, {"a.json", two_pages}};
    const Filing b{(out / "b.json").string(), store.path(), run, {"b.json", one_page}};
    worker.Submit(two_pages, &a);
    worker.Submit(one_page, &b);
    EXPECT_EQ(worker.InHand(), 2u);
    const WorkerResult first = worker.Collect();
    const WorkerResult second = worker.Collect();
    EXPECT_EQ(worker.InHand(), 0u);
    ASSERT_TRUE(first.filed && second.filed);
    EXPECT_EQ(first.filing_error + second.filing_error, "");
    EXPECT_EQ(first.record.document.source.page_count, 2);
    EXPECT_EQ(second.record.document.source.page_count, 1);
  }
  EXPECT_EQ(store.CountDocuments(), 2);  // filed again in the second round, never twice
  EXPECT_TRUE(fs::exists(out / "a.json") && fs::exists(out / "b.json"));
}

// A worker reads and ingests the next document while it works on the one
// before (worker.cc, ReadAhead); an input over 4 MB is run whole, nothing
// ingested beside it. Either way each record is the one `imr run` writes,
// and the answers come in the order the documents were given, two in hand
// at a time as imr batch keeps them: letters, a text note, damaged and
// unreadable files, and a one-page PDF carrying 5 MB that no page uses.
TEST(WorkerTest, DocumentsReadAheadGiveTheRecordsOfImrRun) {
  const fs::path dir = EmptyFolder("worker-read-ahead");
  const std::string large = (dir / "large.pdf").string();
  {
    std::ofstream out(large, std::ios::binary);
    out << testing::PdfOfObjects(
        {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R\n"
         "   /Resources << /Font << /F1 5 0 R >> >> >>",
         testing::StreamObject("", "BT /F1 12 Tf 72 720 Td (Diagnosis: lumbar strain of the lower back.) Tj ET"),
         "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
         testing::StreamObject("", std::string(5 << 20, 'x'))});
  }
  ASSERT_GT(fs::file_size(large), uintmax_t{4} << 20);
  const std::string corpus = testing::SourceDir() + "/corpus/";
  const std::vector<std::string> inputs = {
      corpus + "letter-layout1-lumbar.pdf", corpus + "rfa.pdf",           corpus + "src/progress-report.txt",
      large,                                corpus + "ur-determination.pdf", corpus + "errors/damaged-stream.pdf",
      (dir / "missing.pdf").string(),       corpus + "errors/truncated-tail.pdf", corpus + "letter-layout2.pdf"};
  Worker worker({.program = testing::ImrBinary(), .max_pages = 109, .read_ahead = true});
  std::vector<WorkerResult> results;
  for (size_t next = 0; next < inputs.size() || worker.InHand() > 0;) {
    while (next < inputs.size() && worker.InHand() < 2) worker.Submit(inputs[next++]);
    results.push_back(worker.Collect());
  }
  ASSERT_EQ(results.size(), inputs.size());
  RunOptions options;
  options.max_pages = 109;
  for (size_t i = 0; i < inputs.size(); ++i) {
    SCOPED_TRACE(inputs[i]);
    EXPECT_EQ(results[i].json, RecordToJson(RunFile(inputs[i], options)));
  }
  EXPECT_FALSE(results[0].record.requests.empty()) << "the letter read as a letter";
}

// A worker that dies with two documents in hand may have died of either: the
// first is read again alone, and neither is blamed when both read well on
// their own (the worker is killed from outside here, before either is done).
TEST(WorkerTest, AWorkerThatDiesWithTwoInHandBlamesNeither) {
  const std::string letter = testing::SourceDir() + "/corpus/letter-layout2.pdf";
  const std::string note = testing::SourceDir() + "/corpus/src/progress-report.txt";
  Worker worker({.program = testing::ImrBinary(), .max_pages = 107, .zygote = false});
  worker.Submit(letter);
  worker.Submit(note);
  int killed = 0;
  for (const Child& c : ChildProcesses()) killed += kill(c.pid, SIGKILL) == 0;
  ASSERT_EQ(killed, 1) << "one worker process was expected";
  const WorkerResult first = worker.Collect();
  const WorkerResult second = worker.Collect();
  EXPECT_TRUE(first.record.problems.empty()) << first.json.substr(0, 300);
  EXPECT_FALSE(first.record.requests.empty()) << "the letter was not read again";
  EXPECT_TRUE(second.record.problems.empty()) << second.json.substr(0, 300);
  EXPECT_EQ(second.record.document.source.page_count, 1);
  worker.Stop();
  EXPECT_FALSE(AnyContains(Children(), "Z ")) << "the killed worker was left a zombie";
}

// The memory limit is the worker's own address-space limit: a worker that
// cannot have the memory a document needs dies of it (or gives up on the
// document), is replaced, and the document gets a record saying so. A worker
// forked from the zygote keeps what the zygote had mapped and may fill its
// free heap, so the document is one that needs far more than that: 4 MB of
// text (the stages take about 30 bytes a byte of text). Under the default
// limit the same kind of input reads (CliOutputTest, BatchTest).
TEST(WorkerTest, AWorkerOverItsMemoryLimitIsReplacedAndTheDocumentSaysSo) {
  if (!kAddressSpaceLimitsWork) {
    GTEST_SKIP() << "built with AddressSanitizer: workers run without an address-space limit (core/sanitizer.h)";
  }
  const std::string letter = ::testing::TempDir() + "imr-worker-big-note.txt";
  {
    std::ofstream big(letter);
    for (int i = 0; big.tellp() < (4 << 20); ++i) big << "Progress note line " << i << ": low back pain, no change.\n";
  }
  for (const bool zygote : {true, false}) {
    SCOPED_TRACE(zygote ? "forked from the zygote" : "spawned");
    Worker worker({.program = testing::ImrBinary(), .memory_mb = 1, .max_pages = 103, .zygote = zygote});
    for (int i = 0; i < 2; ++i) {
      const WorkerResult result = worker.Run(letter);
      // Named as memory: never as an extractor or a stage that failed
      // (fixed bug: extractor_failed three times, from bad_alloc).
      std::string codes;
      for (const Problem& p : result.record.problems) codes += p.code + " ";
      EXPECT_TRUE(codes == "worker_crashed " || codes == "memory_limit ") << codes;
      const Problem& p = result.record.problems.at(0);
      if (p.code == "worker_crashed") {
        EXPECT_NE(p.message.find("memory limit 1 MB"), std::string::npos) << p.message;
      }
      EXPECT_TRUE(result.record.requests.empty());
      EXPECT_FALSE(result.record.document.source.sha256.empty());
    }
    worker.Stop();
  }
  EXPECT_FALSE(AnyContains(Children(), "Z ")) << "a worker was left a zombie";
}

}  // namespace
}  // namespace imr
