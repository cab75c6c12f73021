#include "pipeline/store.h"

#include <algorithm>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <iterator>
#include <map>
#include <stdexcept>

#include "pipeline/data_hash.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"

#ifndef IMR_SOURCE_COMMIT
#define IMR_SOURCE_COMMIT "unknown"
#endif

namespace imr {
namespace {

// Each step takes the schema from version i to i + 1. A database opened by
// this build is brought to kStoreSchemaVersion by the steps it lacks; a test
// opens a database at every earlier version and checks it arrives intact.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the first schema.
    R"sql(
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      command TEXT NOT NULL,
      pipeline_version TEXT NOT NULL,
      shard TEXT NOT NULL DEFAULT '',
      host TEXT NOT NULL DEFAULT '',
      started TEXT NOT NULL,
      finished TEXT,
      outcome TEXT,
      documents INTEGER,
      pages INTEGER,
      problems INTEGER,
      seconds REAL);
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      record_file TEXT NOT NULL UNIQUE,
      input_path TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      pipeline_version TEXT NOT NULL,
      status TEXT NOT NULL,
      duplicate_of TEXT,
      doc_type TEXT NOT NULL,
      page_count INTEGER NOT NULL,
      case_number TEXT,
      run_id INTEGER REFERENCES runs(id),
      processed_at TEXT NOT NULL,
      milliseconds REAL NOT NULL);
    CREATE INDEX documents_by_content ON documents(sha256, pipeline_version);
    CREATE INDEX documents_by_case ON documents(case_number);
    CREATE TABLE facts (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      fact_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      page_number INTEGER NOT NULL,
      begin_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL,
      section TEXT NOT NULL,
      assertion TEXT NOT NULL,
      code_system TEXT,
      code TEXT,
      rule TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (document_id, fact_id));
    CREATE INDEX facts_by_kind ON facts(kind, assertion);
    CREATE TABLE requests (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      request_id TEXT NOT NULL,
      text TEXT NOT NULL,
      category TEXT NOT NULL,
      body_site TEXT,
      laterality TEXT,
      details TEXT NOT NULL,
      page_number INTEGER NOT NULL,
      decision TEXT,
      outcome TEXT,
      confidence TEXT,
      rule TEXT,
      guideline_era TEXT,
      request_date TEXT,
      PRIMARY KEY (document_id, request_id));
    CREATE INDEX requests_by_category ON requests(category, outcome);
    CREATE TABLE criteria (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      request_id TEXT NOT NULL,
      criterion_id TEXT NOT NULL,
      status TEXT NOT NULL,
      how TEXT NOT NULL,
      evidence TEXT NOT NULL,
      PRIMARY KEY (document_id, request_id, criterion_id));
    CREATE TABLE problems (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      stage TEXT NOT NULL,
      code TEXT NOT NULL,
      page_number INTEGER NOT NULL,
      message TEXT NOT NULL);
    CREATE INDEX problems_by_code ON problems(code);
    )sql",
    // 1 -> 2: case packets. A record file may hold several documents (the
    // record's `documents`); facts and requests say which, and requests for
    // the same treatment in other documents of the packet (`same_as`, JSON).
    R"sql(
    CREATE TABLE packet_documents (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      packet_document TEXT NOT NULL,
      doc_type TEXT NOT NULL,
      first_page INTEGER NOT NULL,
      last_page INTEGER NOT NULL,
      date TEXT,
      author TEXT,
      duplicate_of TEXT,
      PRIMARY KEY (document_id, packet_document));
    ALTER TABLE facts ADD COLUMN packet_document TEXT;
    ALTER TABLE requests ADD COLUMN packet_document TEXT;
    ALTER TABLE requests ADD COLUMN same_as TEXT;
    )sql",
    // 2 -> 3: what each record file held when written. A batch writes its
    // records unsynced and syncs them in groups, so a crash can leave a
    // stored record torn; the next run trusts a file only while it holds
    // what was written. Rows from before have none.
    R"sql(
    ALTER TABLE documents ADD COLUMN record_sha256 TEXT;
    )sql",
};
static_assert(std::size(kMigrations) == kStoreSchemaVersion, "one migration step per schema version");

std::string Now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

std::string HostName() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

std::string FieldOr(const Record& r, const char* name) {
  auto it = r.fields.find(name);
  return it == r.fields.end() ? "" : it->second.value;
}


std::string AttributeOr(const Attributes& a, const char* key) {
  auto it = a.find(key);
  return it == a.end() ? "" : it->second;
}

// SQLite's busy handler while another connection (another worker filing
// its record) holds the write lock: tries again every 100 microseconds for
// the first 0.1 s, then every millisecond, giving up after about 30 s. The
// built-in sqlite3_busy_timeout sleeps 1, 2, 5, 10, ... up to 100 ms between
// tries: with two workers each filing a record every 10 ms or so, the one that
// waited slept through several of its own documents' time.
int WaitForTheWriteLock(void*, int tries) {
  constexpr int kShortTries = 1000;   // 0.1 s of 100 us
  constexpr int kLongTries = 29900;   // 29.9 s of 1 ms
  if (tries >= kShortTries + kLongTries) return 0;
  usleep(tries < kShortTries ? 100 : 1000);
  return 1;
}

sqlite3_stmt* Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(db));
  }
  return stmt;
}

// A prepared statement: its own, finalized on scope exit, or borrowed from
// the store's cache (Store::Db::Cached), reset for the next use instead.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db), stmt_(Prepare(db, sql)), owned_(true) {}
  Statement(sqlite3* db, sqlite3_stmt* cached) : db_(db), stmt_(cached), owned_(false) {}
  ~Statement() {
    if (owned_) {
      sqlite3_finalize(stmt_);
    } else {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  Statement(const Statement&) = delete;

  Statement& Bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindOrNull(int i, std::string_view s) {
    if (s.empty()) sqlite3_bind_null(stmt_, i);
    else Bind(i, s);
    return *this;
  }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  // True while a row is there to read.
  bool Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(db_));
  }
  void Run() {
    Step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool owned_;
};

}  // namespace

const std::string& PipelineVersion() {
  static const std::string version = std::string(IMR_SOURCE_COMMIT) + "+" + IMR_DATA_HASH;
  return version;
}

struct Store::Db {
  sqlite3* handle = nullptr;
  // The statements a batch runs for every document, prepared once: preparing
  // them again for each one was a fifth of the batch process's own work.
  std::map<std::string, sqlite3_stmt*, std::less<>> cache;

  ~Db() {
    for (const auto& [sql, stmt] : cache) sqlite3_finalize(stmt);
    sqlite3_close_v2(handle);
  }

  Statement Cached(std::string_view sql) {
    auto it = cache.find(sql);
    if (it == cache.end()) it = cache.emplace(std::string(sql), Prepare(handle, sql)).first;
    return Statement(handle, it->second);
  }

  void Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string what = message ? message : "unknown error";
      sqlite3_free(message);
      throw std::runtime_error("store: " + what);
    }
  }
  int UserVersion() {
    Statement s(handle, "PRAGMA user_version");
    return s.Step() ? static_cast<int>(s.Int(0)) : 0;
  }
};

Store::Store(const std::string& path, int up_to_version) : db_(std::make_unique<Db>()), path_(path) {
  // The database holds record text: readable by the owner only, from the
  // first byte (SQLite creates it with the process umask).
  const mode_t old_mask = umask(0077);
  const int rc = sqlite3_open_v2(path.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  umask(old_mask);
  if (rc != SQLITE_OK) throw std::runtime_error("store: cannot open " + path);
  chmod(path.c_str(), 0600);
  sqlite3_busy_handler(db_->handle, WaitForTheWriteLock, nullptr);
  db_->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  const int version = db_->UserVersion();
  if (version > kStoreSchemaVersion) {
    throw std::runtime_error("store: " + path + " has schema " + std::to_string(version) + ", newer than this imr (" +
                             std::to_string(kStoreSchemaVersion) + ")");
  }
  for (int v = version; v < std::min(up_to_version, kStoreSchemaVersion); ++v) {
    db_->Exec("BEGIN IMMEDIATE");
    try {
      db_->Exec(kMigrations[v]);
      db_->Exec("PRAGMA user_version = " + std::to_string(v + 1));
      db_->Exec("COMMIT");
    } catch (...) {
      db_->Exec("ROLLBACK");
      throw;
    }
  }
}

Store::~Store() = default;

int Store::schema_version() const { return db_->UserVersion(); }

int64_t Store::BeginRun(std::string_view command, std::string_view pipeline_version, std::string_view shard) {
  Statement s(db_->handle, "INSERT INTO runs (command, pipeline_version, shard, host, started) VALUES (?,?,?,?,?)");
  s.Bind(1, command).Bind(2, pipeline_version).Bind(3, shard).Bind(4, HostName()).Bind(5, Now()).Run();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle));
}

void Store::EndRun(int64_t run_id, const RunSummary& summary) {
  Statement s(db_->handle,
              "UPDATE runs SET finished=?, outcome=?, documents=?, pages=?, problems=?, seconds=? WHERE id=?");
  s.Bind(1, Now()).Bind(2, summary.outcome).Bind(3, summary.documents).Bind(4, summary.pages);
  s.Bind(5, summary.problems).Bind(6, summary.seconds).Bind(7, run_id).Run();
}

std::optional<std::string> Store::Find(std::string_view sha256, std::string_view pipeline_version) const {
  // A document the run itself failed (its worker overran or crashed) is no
  // answer for its content: the next copy runs again, perhaps under new limits.
  // The newest record first: an older one's file may have been removed since.
  Statement s = db_->Cached(
      "SELECT record_file FROM documents d WHERE sha256=? AND pipeline_version=? AND status!='duplicate' "
      "AND NOT EXISTS (SELECT 1 FROM problems p WHERE p.document_id = d.id AND p.code IN "
      "('time_limit', 'worker_crashed', 'worker_unavailable')) ORDER BY id DESC LIMIT 1");
  s.Bind(1, sha256).Bind(2, pipeline_version);
  if (!s.Step()) return std::nullopt;
  return s.Text(0);
}

bool Store::Has(std::string_view record_file, std::string_view sha256, std::string_view pipeline_version) const {
  Statement s = db_->Cached("SELECT 1 FROM documents WHERE record_file=? AND sha256=? AND pipeline_version=?");
  s.Bind(1, record_file).Bind(2, sha256).Bind(3, pipeline_version);
  return s.Step();
}

std::optional<std::string> Store::RecordSha256(std::string_view record_file) const {
  Statement s = db_->Cached("SELECT record_sha256 FROM documents WHERE record_file=? AND record_sha256 IS NOT NULL");
  s.Bind(1, record_file);
  if (!s.Step()) return std::nullopt;
  return s.Text(0);
}

int64_t Store::ProblemCount(std::string_view record_file) const {
  Statement s =
      db_->Cached("SELECT count(*) FROM problems p JOIN documents d ON d.id = p.document_id WHERE d.record_file=?");
  s.Bind(1, record_file);
  return s.Step() ? s.Int(0) : 0;
}

void Store::Add(int64_t run_id, const Record& record, const StoredInput& input) {
  sqlite3* db = db_->handle;
  db_->Exec("BEGIN IMMEDIATE");
  try {
    db_->Cached("DELETE FROM documents WHERE record_file=?").Bind(1, input.record_file).Run();
    const Source& src = record.document.source;
    Statement doc = db_->Cached(
        "INSERT INTO documents (record_file, input_path, sha256, bytes, pipeline_version, status, "
        "duplicate_of, doc_type, page_count, case_number, run_id, processed_at, milliseconds, record_sha256) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    doc.Bind(1, input.record_file).Bind(2, input.input_path).Bind(3, src.sha256);
    doc.Bind(4, static_cast<int64_t>(src.bytes)).Bind(5, PipelineVersion()).Bind(6, input.status);
    doc.BindOrNull(7, input.duplicate_of).Bind(8, record.document.doc_type);
    doc.Bind(9, static_cast<int64_t>(src.page_count)).BindOrNull(10, FieldOr(record, "case_number"));
    doc.Bind(11, run_id).Bind(12, Now()).Bind(13, input.milliseconds).BindOrNull(14, input.record_sha256).Run();
    const int64_t id = static_cast<int64_t>(sqlite3_last_insert_rowid(db));

    Statement fact = db_->Cached(
        "INSERT INTO facts (document_id, fact_id, kind, text, page_number, begin_offset, end_offset, "
        "section, assertion, code_system, code, rule, value, packet_document) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const Fact& f : record.facts) {
      fact.Bind(1, id).Bind(2, f.id).Bind(3, f.kind).Bind(4, f.text).Bind(5, static_cast<int64_t>(f.span.page_number));
      fact.Bind(6, static_cast<int64_t>(f.span.begin)).Bind(7, static_cast<int64_t>(f.span.end));
      fact.Bind(8, f.section).Bind(9, f.assertion);
      fact.BindOrNull(10, f.code ? f.code->system : "").BindOrNull(11, f.code ? f.code->code : "");
      fact.Bind(12, f.rule).Bind(13, AttributesToJson(f.value)).BindOrNull(14, f.document).Run();
    }
    Statement request = db_->Cached(
        "INSERT INTO requests (document_id, request_id, text, category, body_site, laterality, details, "
        "page_number, decision, outcome, confidence, rule, guideline_era, request_date, "
        "packet_document, same_as) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement criterion = db_->Cached(
        "INSERT INTO criteria (document_id, request_id, criterion_id, status, how, evidence) "
        "VALUES (?,?,?,?,?,?)");
    for (const Request& r : record.requests) {
      request.Bind(1, id).Bind(2, r.id).Bind(3, r.DisplayText()).Bind(4, r.category);
      request.BindOrNull(5, AttributeOr(r.details, "body_site")).BindOrNull(6, AttributeOr(r.details, "laterality"));
      request.Bind(7, AttributesToJson(r.details)).Bind(8, static_cast<int64_t>(r.span.page_number));
      request.BindOrNull(9, r.reference ? r.reference->decision : "");
      const Determination* d = r.determination ? &*r.determination : nullptr;
      request.BindOrNull(10, d ? d->outcome : "").BindOrNull(11, d ? d->confidence : "");
      request.BindOrNull(12, d ? d->rule : "").BindOrNull(13, d ? d->guideline_era : "");
      request.BindOrNull(14, d ? d->request_date : "").BindOrNull(15, r.document);
      request.BindOrNull(16, r.same_as.empty() ? "" : nlohmann::json(r.same_as).dump()).Run();
      if (!d) continue;
      for (const CriterionResult& c : d->criteria) {
        nlohmann::json evidence = c.evidence;
        criterion.Bind(1, id)
            .Bind(2, r.id)
            .Bind(3, c.id)
            .Bind(4, c.status)
            .Bind(5, c.how)
            .Bind(6, evidence.dump())
            .Run();
      }
    }
    Statement part = db_->Cached(
        "INSERT INTO packet_documents (document_id, packet_document, doc_type, first_page, last_page, date, "
        "author, duplicate_of) VALUES (?,?,?,?,?,?,?,?)");
    for (const PacketDocument& d : record.documents) {
      part.Bind(1, id).Bind(2, d.id).Bind(3, d.doc_type).Bind(4, static_cast<int64_t>(d.first_page));
      part.Bind(5, static_cast<int64_t>(d.last_page)).BindOrNull(6, d.date).BindOrNull(7, d.author);
      part.BindOrNull(8, d.duplicate_of).Run();
    }
    Statement problem =
        db_->Cached("INSERT INTO problems (document_id, stage, code, page_number, message) VALUES (?,?,?,?,?)");
    for (const Problem& p : record.problems) {
      problem.Bind(1, id).Bind(2, StageName(p.stage)).Bind(3, p.code);
      problem.Bind(4, static_cast<int64_t>(p.page_number)).Bind(5, p.message).Run();
    }
    db_->Exec("COMMIT");
  } catch (...) {
    db_->Exec("ROLLBACK");
    throw;
  }
}

int64_t Store::CountDocuments() const { return CountRows("documents"); }

int64_t Store::CountRows(std::string_view table) const {
  for (std::string_view known :
       {"runs", "documents", "facts", "requests", "criteria", "problems", "packet_documents"}) {
    if (table == known) {
      Statement s(db_->handle, "SELECT count(*) FROM " + std::string(table));
      return s.Step() ? s.Int(0) : 0;
    }
  }
  throw std::invalid_argument("store: no table " + std::string(table));
}

void Store::MergeFrom(const std::string& other_path) {
  {
    // Check the other store's schema by opening it (and migrating it, which
    // is what this build would do to it anyway).
    Store other(other_path);
  }
  Statement attach(db_->handle, "ATTACH DATABASE ? AS other");
  attach.Bind(1, other_path).Run();
  try {
    db_->Exec("BEGIN IMMEDIATE");
    // Runs keep their rows under new ids, once: a run merged before (the
    // same command, version, shard, host and start) maps to its earlier row.
    // Documents follow their run.
    db_->Exec(R"sql(
      CREATE TEMP TABLE run_map AS SELECT id AS old_id, NULL AS new_id FROM other.runs;
    )sql");
    {
      Statement runs(db_->handle, "SELECT id FROM other.runs ORDER BY id");
      while (runs.Step()) {
        Statement same(db_->handle,
                       "SELECT m.id FROM main.runs m JOIN other.runs o ON o.command = m.command AND "
                       "o.pipeline_version = m.pipeline_version AND o.shard = m.shard AND o.host = m.host AND "
                       "o.started = m.started WHERE o.id=? LIMIT 1");
        same.Bind(1, runs.Int(0));
        int64_t new_id = 0;
        if (same.Step()) {
          new_id = same.Int(0);
          Statement update(db_->handle,
                           "UPDATE main.runs SET (finished, outcome, documents, pages, problems, seconds) = "
                           "(SELECT finished, outcome, documents, pages, problems, seconds FROM other.runs WHERE id=?) "
                           "WHERE id=?");
          update.Bind(1, runs.Int(0)).Bind(2, new_id).Run();
        } else {
          Statement insert(db_->handle,
                           "INSERT INTO runs (command, pipeline_version, shard, host, started, finished, outcome, "
                           "documents, pages, problems, seconds) SELECT command, pipeline_version, shard, host, "
                           "started, finished, outcome, documents, pages, problems, seconds FROM other.runs WHERE id=?");
          insert.Bind(1, runs.Int(0)).Run();
          new_id = static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle));
        }
        Statement map(db_->handle, "UPDATE run_map SET new_id=? WHERE old_id=?");
        map.Bind(1, new_id).Bind(2, runs.Int(0)).Run();
      }
    }
    db_->Exec(R"sql(
      DELETE FROM main.documents WHERE record_file IN (SELECT record_file FROM other.documents);
      CREATE TEMP TABLE doc_map AS SELECT id AS old_id, NULL AS new_id FROM other.documents;
    )sql");
    {
      Statement docs(db_->handle, "SELECT id FROM other.documents ORDER BY id");
      while (docs.Step()) {
        Statement insert(db_->handle,
                         "INSERT INTO documents (record_file, input_path, sha256, bytes, pipeline_version, status, "
                         "duplicate_of, doc_type, page_count, case_number, run_id, processed_at, milliseconds, "
                         "record_sha256) "
                         "SELECT d.record_file, d.input_path, d.sha256, d.bytes, d.pipeline_version, d.status, "
                         "d.duplicate_of, d.doc_type, d.page_count, d.case_number, m.new_id, d.processed_at, "
                         "d.milliseconds, d.record_sha256 FROM other.documents d "
                         "LEFT JOIN run_map m ON m.old_id = d.run_id WHERE d.id=?");
        insert.Bind(1, docs.Int(0)).Run();
        Statement map(db_->handle, "UPDATE doc_map SET new_id=? WHERE old_id=?");
        map.Bind(1, static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle))).Bind(2, docs.Int(0)).Run();
      }
    }
    db_->Exec(R"sql(
      INSERT INTO facts (document_id, fact_id, kind, text, page_number, begin_offset, end_offset, section,
          assertion, code_system, code, rule, value, packet_document)
        SELECT m.new_id, fact_id, kind, text, page_number, begin_offset, end_offset, section,
          assertion, code_system, code, rule, value, packet_document
        FROM other.facts f JOIN doc_map m ON m.old_id = f.document_id;
      INSERT INTO requests (document_id, request_id, text, category, body_site, laterality, details, page_number,
          decision, outcome, confidence, rule, guideline_era, request_date, packet_document, same_as)
        SELECT m.new_id, request_id, text, category, body_site, laterality, details, page_number,
          decision, outcome, confidence, rule, guideline_era, request_date, packet_document, same_as
        FROM other.requests r JOIN doc_map m ON m.old_id = r.document_id;
      INSERT INTO packet_documents SELECT m.new_id, packet_document, doc_type, first_page, last_page, date, author,
          duplicate_of
        FROM other.packet_documents p JOIN doc_map m ON m.old_id = p.document_id;
      INSERT INTO criteria SELECT m.new_id, request_id, criterion_id, status, how, evidence
        FROM other.criteria c JOIN doc_map m ON m.old_id = c.document_id;
      INSERT INTO problems SELECT m.new_id, stage, code, page_number, message
        FROM other.problems p JOIN doc_map m ON m.old_id = p.document_id;
      DROP TABLE temp.run_map;
      DROP TABLE temp.doc_map;
      COMMIT;
    )sql");
  } catch (...) {
    sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_->handle, "DETACH DATABASE other", nullptr, nullptr, nullptr);
    throw;
  }
  db_->Exec("DETACH DATABASE other");
}

}  // namespace imr
