#include "pipeline/store.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "pipeline/output.h"
#include "pipeline/run_document.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("imr-store-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

Record SampleRecord(const std::string& sha, bool problem) {
  Record r;
  r.document.source = {"in/a.pdf", sha, 1234, 2, false, {}};
  r.document.doc_type = "imr_final_determination";
  r.fields["case_number"] = {"CM17-0000001", {}};
  Fact f;
  f.id = "f1";
  f.kind = "diagnosis";
  f.text = "lumbar strain";
  f.span = {1, 10, 23};
  f.value = {{"body_site", "lumbar_spine"}};
  r.facts = {f, f};
  r.facts[1].id = "f2";
  Request q;
  q.id = "r1";
  q.text = "MRI lumbar spine";
  q.category = "imaging.mri.lumbar";
  q.details = {{"body_site", "lumbar_spine"}};
  q.reference = Reference{"upheld", {}, "", "", "", {}};
  q.determination = Determination{"not_medically_necessary", "imaging.mri.lumbar.acoem_2004@1",
                                  {{"red_flags", "not_documented", {}, "absent"}, {"neuro_deficit", "met", {"f1"}, "stated"}},
                                  {}, "", "chronic_pain_2016", "2016-11-03", "strong"};
  r.requests = {q};
  if (problem) r.problems.push_back({Stage::kIngest, "no_text_layer", 2, "page 2 has no text"});
  return r;
}

TEST_F(StoreTest, IndexesARecordAndReplacesItWhenAddedAgain) {
  Store store(Path("imr.sqlite"));
  EXPECT_EQ(store.schema_version(), kStoreSchemaVersion);
  struct stat info {};
  ASSERT_EQ(stat(Path("imr.sqlite").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0077, 0u) << "the store holds record text: owner only";

  const int64_t run = store.BeginRun("batch", PipelineVersion(), "");
  store.Add(run, SampleRecord("aaa", true),
            {.record_file = "a.json", .input_path = "in/a.pdf", .status = "processed", .milliseconds = 12.5});
  EXPECT_EQ(store.CountDocuments(), 1);
  EXPECT_EQ(store.CountRows("facts"), 2);
  EXPECT_EQ(store.CountRows("requests"), 1);
  EXPECT_EQ(store.CountRows("criteria"), 2);
  EXPECT_EQ(store.CountRows("problems"), 1);
  EXPECT_TRUE(store.Has("a.json", "aaa", PipelineVersion()));
  EXPECT_FALSE(store.Has("a.json", "aaa", "another-version"));
  EXPECT_EQ(store.Find("aaa", PipelineVersion()), "a.json");
  EXPECT_EQ(store.ProblemCount("a.json"), 1);

  // The same record file again (a re-run): one document, its rows replaced.
  store.Add(run, SampleRecord("aaa", false),
            {.record_file = "a.json", .input_path = "in/a.pdf", .status = "processed", .milliseconds = 10});
  EXPECT_EQ(store.CountDocuments(), 1);
  EXPECT_EQ(store.CountRows("facts"), 2);
  EXPECT_EQ(store.CountRows("problems"), 0);
  // A duplicate is stored but is never the "first" record of its content.
  store.Add(run, SampleRecord("aaa", false),
            {.record_file = "b.json",
             .input_path = "in/b.pdf",
             .status = "duplicate",
             .milliseconds = 1,
             .duplicate_of = "a.json"});
  EXPECT_EQ(store.CountDocuments(), 2);
  EXPECT_EQ(store.Find("aaa", PipelineVersion()), "a.json");
  store.EndRun(run, {2, 4, 0, 1.5, "finished"});
  EXPECT_EQ(store.CountRows("runs"), 1);
  EXPECT_THROW(store.CountRows("sqlite_master; DROP TABLE runs"), std::invalid_argument);
}

// The first row `sql` gives on the database at `path`, each column as text
// ("<null>" for NULL); empty when there is no row.
std::vector<std::string> FirstRow(const std::string& path, const std::string& sql) {
  std::vector<std::string> row;
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return row;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row.push_back(text ? reinterpret_cast<const char*>(text) : "<null>");
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return row;
}

TEST_F(StoreTest, QueriesReadLikeTheReadme) {
  {
    Store store(Path("imr.sqlite"));
    const int64_t run = store.BeginRun("batch", PipelineVersion(), "");
    store.Add(run, SampleRecord("aaa", false),
              {.record_file = "a.json", .input_path = "in/a.pdf", .status = "processed", .milliseconds = 12.5});
  }
  EXPECT_EQ(FirstRow(Path("imr.sqlite"),
                     "SELECT d.case_number, r.text FROM requests r JOIN documents d ON d.id = r.document_id "
                     "WHERE r.category = 'imaging.mri.lumbar' AND r.outcome = 'not_medically_necessary'"),
            (std::vector<std::string>{"CM17-0000001", "MRI lumbar spine"}));
}

// A packet's documents are rows of their own; facts and requests name theirs.
TEST_F(StoreTest, APacketsDocumentsAndTheirRequestsAreIndexed) {
  Record r = SampleRecord("ppp", false);
  r.documents = {{"d1", "rfa", 1, 1, "2016-12-14", "Ann Lee, MD", ""}, {"d2", "ur_determination", 2, 3, "2016-12-21", "", ""}};
  r.facts[0].document = "d1";
  r.facts[1].document = "d2";
  r.requests[0].document = "d2";
  r.requests[0].same_as = {"r7"};
  {
    Store store(Path("imr.sqlite"));
    store.Add(store.BeginRun("batch", PipelineVersion(), ""), r,
              {.record_file = "p.json", .input_path = "in/p.pdf", .status = "processed", .milliseconds = 5});
    EXPECT_EQ(store.CountRows("packet_documents"), 2);
  }
  EXPECT_EQ(FirstRow(Path("imr.sqlite"),
                     "SELECT p.doc_type, p.date, r.same_as FROM requests r JOIN packet_documents p "
                     "ON p.document_id = r.document_id AND p.packet_document = r.packet_document"),
            (std::vector<std::string>{"ur_determination", "2016-12-21", "[\"r7\"]"}));
}

TEST_F(StoreTest, MigratesFromEveryEarlierVersionAndRefusesANewerOne) {
  // Version 0 is an empty database (or any SQLite file imr never touched);
  // version v is what a build of that schema made.
  for (int version = 0; version < kStoreSchemaVersion; ++version) {
    const std::string path = Path(("v" + std::to_string(version) + ".sqlite").c_str());
    { Store made(path, version); ASSERT_EQ(made.schema_version(), version); }
    Store store(path);
    EXPECT_EQ(store.schema_version(), kStoreSchemaVersion);
    EXPECT_EQ(store.CountDocuments(), 0);
  }
  // A version-1 database with rows in it (written as that schema had them)
  // keeps them, and gains the packet columns empty.
  const std::string v1 = Path("v1-rows.sqlite");
  { Store at_v1(v1, 1); EXPECT_EQ(at_v1.schema_version(), 1); }
  {
    sqlite3* old = nullptr;
    ASSERT_EQ(sqlite3_open(v1.c_str(), &old), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(old,
                           "INSERT INTO documents (record_file, input_path, sha256, bytes, pipeline_version, status, "
                           "doc_type, page_count, processed_at, milliseconds) VALUES ('a.json', 'a.pdf', 'x', 1, 'v', "
                           "'processed', 'rfa', 1, 'now', 1);"
                           "INSERT INTO requests (document_id, request_id, text, category, details, page_number) "
                           "VALUES (1, 'r1', 'MRI', 'imaging.mri.lumbar', '{}', 1);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(old);
  }
  {
    Store migrated(v1);
    EXPECT_EQ(migrated.schema_version(), kStoreSchemaVersion);
    EXPECT_EQ(migrated.CountDocuments(), 1);
  }
  EXPECT_EQ(FirstRow(v1, "SELECT text, packet_document, same_as FROM requests"),
            (std::vector<std::string>{"MRI", "<null>", "<null>"}));
  // What its record held was not kept before schema 3.
  EXPECT_EQ(FirstRow(v1, "SELECT record_sha256 FROM documents"), (std::vector<std::string>{"<null>"}));
  EXPECT_EQ(Store(v1).RecordSha256("a.json"), std::nullopt);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path("future.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(Store(Path("future.sqlite")), std::runtime_error);
}

TEST_F(StoreTest, MergeCombinesShardsAndReplacesWhatIsThereAlready) {
  {
    Store a(Path("shard-a.sqlite"));
    const int64_t run = a.BeginRun("batch", PipelineVersion(), "0/2");
    a.Add(run, SampleRecord("aaa", false),
          {.record_file = "a.json", .input_path = "in/a.pdf", .status = "processed", .milliseconds = 1});
    Store b(Path("shard-b.sqlite"));
    const int64_t run_b = b.BeginRun("batch", PipelineVersion(), "1/2");
    b.Add(run_b, SampleRecord("bbb", true),
          {.record_file = "b.json", .input_path = "in/b.pdf", .status = "processed", .milliseconds = 1,
           .record_sha256 = "b"});
  }
  Store merged(Path("imr.sqlite"));
  merged.MergeFrom(Path("shard-a.sqlite"));
  merged.MergeFrom(Path("shard-b.sqlite"));
  EXPECT_EQ(merged.CountDocuments(), 2);
  EXPECT_EQ(merged.CountRows("facts"), 4);
  EXPECT_EQ(merged.CountRows("criteria"), 4);
  EXPECT_EQ(merged.CountRows("problems"), 1);
  EXPECT_EQ(merged.CountRows("runs"), 2);
  EXPECT_EQ(merged.Find("bbb", PipelineVersion()), "b.json");
  EXPECT_EQ(merged.RecordSha256("b.json"), "b") << "what a shard's record held comes with it";
  EXPECT_EQ(merged.RecordSha256("a.json"), std::nullopt);
  // Merging a shard again replaces its documents; nothing is counted twice,
  // runs included.
  merged.MergeFrom(Path("shard-b.sqlite"));
  EXPECT_EQ(merged.CountDocuments(), 2);
  EXPECT_EQ(merged.CountRows("facts"), 4);
  EXPECT_EQ(merged.CountRows("runs"), 2);
}

// A batch writes its records unsynced and syncs them in groups: a crash
// before a group's sync may leave a record torn or empty while its row
// survives. The store keeps what each held; the file is trusted only while
// it still holds that.
TEST_F(StoreTest, ARecordIsTrustedOnlyWhileItHoldsWhatWasWritten) {
  Store store(Path("imr.sqlite"));
  const int64_t run = store.BeginRun("batch", PipelineVersion(), "");
  const std::string json = "{\"record\": \"as written\"}\n";
  std::ofstream(Path("a.json")) << json;
  store.Add(run, SampleRecord("aaa", false),
            {.record_file = "a.json", .input_path = "in/a.pdf", .record_sha256 = Sha256Hex(json)});
  store.Add(run, SampleRecord("bbb", false), {.record_file = "b.json", .input_path = "in/b.pdf"});
  std::ofstream(Path("b.json")) << "{";

  EXPECT_EQ(store.RecordSha256("a.json"), Sha256Hex(json));
  EXPECT_EQ(store.RecordSha256("b.json"), std::nullopt) << "stored without it";
  EXPECT_EQ(store.RecordSha256("c.json"), std::nullopt) << "not stored";
  EXPECT_TRUE(RecordFileIsWhole(Path("a.json"), store.RecordSha256("a.json")));
  EXPECT_TRUE(RecordFileIsWhole(Path("b.json"), store.RecordSha256("b.json"))) << "nothing to check it by";
  EXPECT_FALSE(RecordFileIsWhole(Path("c.json"), store.RecordSha256("c.json"))) << "no such file";

  fs::resize_file(Path("a.json"), json.size() / 2);  // torn by a crash
  EXPECT_FALSE(RecordFileIsWhole(Path("a.json"), store.RecordSha256("a.json")));
  fs::resize_file(Path("a.json"), 0);  // or left empty
  EXPECT_FALSE(RecordFileIsWhole(Path("a.json"), store.RecordSha256("a.json")));
  fs::remove(Path("a.json"));
  EXPECT_FALSE(RecordFileIsWhole(Path("a.json"), store.RecordSha256("a.json")));

  // Written again, its row (and what it held) is replaced.
  store.Add(run, SampleRecord("aaa", false),
            {.record_file = "a.json", .input_path = "in/a.pdf", .record_sha256 = Sha256Hex("{}")});
  EXPECT_EQ(store.RecordSha256("a.json"), Sha256Hex("{}"));
}

// Workers file their own records, each through its own connection: one
// that finds another holding the write lock waits for it instead of failing.
TEST_F(StoreTest, AWriterWaitsWhileAnotherConnectionHoldsTheWriteLock) {
  Store store(Path("imr.sqlite"));
  const int64_t run = store.BeginRun("test", PipelineVersion(), "");
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(Path("imr.sqlite").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread holder([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  EXPECT_NO_THROW(
      store.Add(run, SampleRecord("abc", false),
                {.record_file = "a.json", .input_path = "in/a.pdf", .status = "processed", .milliseconds = 1.0}));
  holder.join();
  sqlite3_close(other);
  EXPECT_EQ(store.CountDocuments(), 1);
}

TEST(PipelineVersionTest, NamesTheSourceAndTheDataCompiledIn) {
  const std::string& v = PipelineVersion();
  ASSERT_NE(v.find('+'), std::string::npos) << v;
  EXPECT_EQ(v.size() - v.find('+') - 1, 12u) << v;
  EXPECT_EQ(&v, &PipelineVersion());
}

}  // namespace
}  // namespace imr
