#include "pipeline/run_document.h"

#include <thread>
#include <openssl/evp.h>
#include <sched.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <fstream>
#include <memory>
#include <new>
#include <optional>
#include <sstream>

#include "core/parallel.h"
#include "core/text.h"
#include "decide/determine.h"
#include "decide/rulebook.h"
#include "extract/clinical.h"
#include "extract/letter.h"
#include "ingest/ingest.h"
#include "ingest/packet.h"
#include "normalize/date_facts.h"
#include "normalize/dates.h"
#include "normalize/fact_merge.h"
#include "normalize/hcpcs.h"
#include "normalize/icd10.h"
#include "normalize/medication_normal.h"
#include "normalize/request_category.h"
#include "normalize/spine_levels.h"

namespace imr {
namespace {

IngestOptions IngestOptionsFrom(const RunOptions& options) {
  return {.ocr = options.ocr,
          .ocr_dpi = 300,
          .max_pages = options.max_pages,
          .ocr_threads = options.ocr_threads,
          .page_threads = options.document_threads,
          .max_text_bytes = options.max_text_bytes};
}

// Where one document of the packet ranks as the source of the record's header
// fields: the IMR letter states the case, then a UR letter, then the rest.
int FieldRank(std::string_view doc_type) {
  if (doc_type == "imr_final_determination") return 0;
  if (doc_type == "ur_determination") return 1;
  if (doc_type == "rfa") return 2;
  return 3;
}

// Runs `stage` on the document of `part`; an exception becomes a problem at
// the document's first page and the rest of the record stays whole.
template <typename Fn>
void Guarded(Stage stage, const PacketDocument& part, std::vector<Problem>* problems, Fn&& fn) {
  try {
    fn();
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is the document's, not this stage's: RunDocument says memory_limit
  } catch (const std::exception&) {
    // The message of a library exception can quote input; keep only its kind.
    problems->push_back({stage, "stage_failed", part.first_page,
                         std::string(StageName(stage)) + " failed on document " + part.id + " (pages " +
                             std::to_string(part.first_page) + "-" + std::to_string(part.last_page) +
                             "); what it found there is left out"});
  }
}

// What one document of the packet says, its pages numbered from 1.
struct DocumentResult {
  std::map<std::string, Field> fields;
  Patient patient;
  Reviewer reviewer;
  std::vector<Fact> facts;  // ids f1, f2, ... within the document
  std::vector<Request> requests;
  std::vector<Section> sections;
  std::vector<Problem> problems;
};

DocumentResult ReadOneDocument(const Document& doc, const PacketDocument& part) {
  DocumentResult out;
  Guarded(Stage::kExtract, part, &out.problems, [&] {
    LetterFacts letter = ExtractLetter(doc);
    out.fields = std::move(letter.fields);
    out.patient = letter.patient;
    out.reviewer = std::move(letter.reviewer);
    out.requests = std::move(letter.requests);
    out.facts = std::move(letter.facts);
  });
  Guarded(Stage::kExtract, part, &out.problems, [&] {
    for (Fact& f : ExtractClinicalFacts(doc, &out.problems)) out.facts.push_back(std::move(f));
  });
  for (size_t i = 0; i < out.facts.size(); ++i) out.facts[i].id = "f" + std::to_string(i + 1);
  Guarded(Stage::kNormalize, part, &out.problems,
          [&] { NormalizeDocumentFacts(doc, &out.fields, &out.facts, &out.problems); });
  out.sections = doc.sections;
  return out;
}

// The document's own date: a letter's decision date, else the first full
// date on its first page that is no birth or injury date.
std::string DocumentDate(const DocumentResult& result) {
  for (const char* name : {"decision_date", "ur_denial_date"}) {
    auto it = result.fields.find(name);
    if (it != result.fields.end() && it->second.value.size() == 10) return it->second.value;
  }
  for (const Fact& f : result.facts) {
    if (f.kind != "date" || f.span.page_number != 1) continue;
    const auto date = f.value.find("date");
    const auto role = f.value.find("role");
    if (date == f.value.end() || date->second.size() != 10) continue;
    if (role != f.value.end() && (role->second == "birth" || role->second == "injury")) continue;
    return date->second;
  }
  return "";
}

// The number of an id such as "f12" or "d7" (its letter `prefix`), or none.
std::optional<size_t> NumberAfter(std::string_view id, char prefix) {
  if (id.size() < 2 || id.size() > 12 || id[0] != prefix) return std::nullopt;
  size_t n = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

// The rank of document `id` ("d7": SplitPacket numbers them in page order).
int RankOfDocument(const Record& record, const std::string& id) {
  const size_t index = NumberAfter(id, 'd').value_or(0);
  if (index == 0 || index > record.documents.size() || record.documents[index - 1].id != id) return FieldRank("");
  return FieldRank(record.documents[index - 1].doc_type);
}

void ShiftSpan(int by, Span* span) {
  if (span->page_number > 0) span->page_number += by;
}

// Moves one document's findings into the record: pages renumbered to the
// packet's, facts and requests numbered after those already there, every
// item naming its document.
void AddToRecord(DocumentResult result, const PacketDocument& part, Record* record) {
  const int by = part.first_page - 1;
  const size_t fact_base = record->facts.size();
  const auto global_id = [&](const std::string& id) {
    const std::optional<size_t> n = NumberAfter(id, 'f');
    return n ? "f" + std::to_string(*n + fact_base) : id;
  };
  for (Fact& f : result.facts) {
    ShiftSpan(by, &f.span);
    for (Evidence& e : f.also) ShiftSpan(by, &e.span);
    f.id = global_id(f.id);
    if (auto anchor = f.value.find("anchor"); anchor != f.value.end()) anchor->second = global_id(anchor->second);
    f.document = part.id;
    record->facts.push_back(std::move(f));
  }
  for (Request& r : result.requests) {
    ShiftSpan(by, &r.span);
    if (r.reference) ShiftSpan(by, &r.reference->statement_span);
    r.id = "r" + std::to_string(record->requests.size() + 1);
    r.document = part.id;
    record->requests.push_back(std::move(r));
  }
  const int rank = FieldRank(part.doc_type);
  for (auto& [name, field] : result.fields) {
    ShiftSpan(by, &field.span);
    field.document = part.id;
    // A better-ranked document's field replaces; among equals the first stays.
    auto it = record->fields.find(name);
    if (it == record->fields.end() || rank < RankOfDocument(*record, it->second.document)) {
      record->fields[name] = std::move(field);
    }
  }
  if (!record->patient.age && result.patient.age) record->patient.age = result.patient.age;
  if (record->patient.sex.empty()) record->patient.sex = result.patient.sex;
  if (record->reviewer.licensure.empty() && record->reviewer.specialty.empty()) record->reviewer = result.reviewer;
  for (Section& s : result.sections) {
    s.page_number += by;
    record->document.sections.push_back(std::move(s));
  }
  for (Problem& p : result.problems) {
    if (p.page_number > 0) p.page_number += by;
    record->problems.push_back(std::move(p));
  }
}

using FieldsByDocument = std::map<std::string, std::map<std::string, Field>>;

// The date of injury `document` states, which names its claim; "" for none.
std::string InjuryOf(const FieldsByDocument& fields_of, const std::string& document) {
  const auto fields = fields_of.find(document);
  if (fields == fields_of.end()) return "";
  const auto doi = fields->second.find("date_of_injury");
  return doi == fields->second.end() ? "" : doi->second.value;
}

// The case across a packet's documents. A request names the requests of other
// documents for the same treatment of the same claim (category, body site,
// side and date of injury), so an RFA's item, the UR decision on it and the
// IMR letter's decision read as one story; and the timeline gains each
// request on its document's date: when it was asked for (an RFA, by its
// author), decided by UR, or by IMR.
void LinkRequestsAcrossDocuments(const FieldsByDocument& fields_of, Record* record) {
  if (record->documents.size() <= 1) return;
  const auto injury_of = [&](const std::string& document) { return InjuryOf(fields_of, document); };
  const auto detail = [](const Request& r, const char* key) {
    const auto it = r.details.find(key);
    return it == r.details.end() ? std::string() : it->second;
  };
  std::map<std::string, std::vector<size_t>> by_treatment;
  for (size_t i = 0; i < record->requests.size(); ++i) {
    const Request& r = record->requests[i];
    if (r.category == "other") continue;
    by_treatment[r.category + "|" + detail(r, "body_site") + "|" + detail(r, "laterality") + "|" + injury_of(r.document)]
        .push_back(i);
  }
  for (const auto& [treatment, same] : by_treatment) {
    for (size_t i : same) {
      for (size_t k : same) {
        if (record->requests[k].document != record->requests[i].document) {
          record->requests[i].same_as.push_back(record->requests[k].id);
        }
      }
    }
  }
  static const std::map<std::string, std::string> kRoleOf = {
      {"rfa", "treatment_requested"}, {"ur_determination", "utilization_review_decision"},
      {"imr_final_determination", "imr_decision"}};
  std::map<std::string, const PacketDocument*> documents;
  for (const PacketDocument& d : record->documents) documents[d.id] = &d;
  for (const Request& r : record->requests) {
    const auto d = documents.find(r.document);
    if (d == documents.end() || d->second->date.empty()) continue;
    const auto role = kRoleOf.find(d->second->doc_type);
    record->timeline.push_back({d->second->date, "day", role == kRoleOf.end() ? "treatment_requested" : role->second, r.id});
  }
  std::stable_sort(record->timeline.begin(), record->timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.date < b.date; });
}

// How far back a request's evidence reaches: the records of the year before
// it, as a reviewer reads the recent course of care. (And none after it: no
// reviewer could have read a record written later.)
constexpr int kLookbackYears = 1;
// Where a request's document states no date: this many documents before it.
constexpr size_t kUndatedLookback = 50;

// "2016-12-14" -> "2015-12-14".
std::string YearsBefore(const std::string& iso, int years) {
  if (iso.size() < 4) return iso;
  return std::to_string(std::stoi(iso.substr(0, 4)) - years) + iso.substr(4);
}

// Drafts the determinations. A single document decides on its own facts. In a
// packet each document's requests are decided on the clinical facts of its
// claim's records up to it: the documents that state the same date of injury
// as the request's document, or state none (a packet may join two claims of
// one worker, and a request must not borrow another injury's findings), dated
// in the year up to the request's document (or, undated, the documents just
// before it), and the request's own document. Its dates (the era, the
// request date) come from its own document's fields first. Bounded evidence
// keeps a packet's cost linear in its pages. Each asking document is decided
// apart from the others, at once on `threads` threads, and put back in order.
void DetermineRequestsByClaim(const Rulebook& rules, const FieldsByDocument& fields_of, int threads,
                              Record* record) {
  if (record->documents.size() <= 1) {
    DetermineRequests(rules, record);
    return;
  }
  const auto injury_of = [&](const std::string& document) { return InjuryOf(fields_of, document); };
  // Each document's facts lie together, in document order.
  std::map<std::string, std::pair<size_t, size_t>> facts_of;
  for (size_t i = 0; i < record->facts.size(); ++i) {
    auto [it, inserted] = facts_of.emplace(record->facts[i].document, std::make_pair(i, i + 1));
    if (!inserted) it->second.second = i + 1;
  }
  std::vector<std::string> askers;  // documents that state requests, in order
  for (const Request& r : record->requests) {
    if (std::find(askers.begin(), askers.end(), r.document) == askers.end()) askers.push_back(r.document);
  }
  // What one asking document is decided on, and its requests while they are.
  struct Asking {
    std::vector<const Fact*> evidence;
    Record view;
    std::vector<size_t> taken;  // its requests' places in the record
  };
  std::vector<Asking> asking;
  for (const std::string& asker : askers) {
    size_t at = 0;
    while (at < record->documents.size() && record->documents[at].id != asker) ++at;
    if (at == record->documents.size()) continue;
    Asking& a = asking.emplace_back();
    const PacketDocument& own = record->documents[at];
    const std::string injury = injury_of(asker);
    const std::string since = own.date.empty() ? "" : YearsBefore(own.date, kLookbackYears);
    for (size_t d = 0; d < record->documents.size(); ++d) {
      const PacketDocument& doc = record->documents[d];
      const auto range = facts_of.find(doc.id);
      if (range == facts_of.end()) continue;
      const std::string other = injury_of(doc.id);
      const bool same_claim = injury.empty() || other.empty() || other == injury;
      const bool in_time = own.date.empty() ? d <= at && d + kUndatedLookback >= at
                                            : !doc.date.empty() && doc.date >= since && doc.date <= own.date;
      if (doc.id != asker && !(same_claim && in_time)) continue;
      for (size_t i = range->second.first; i < range->second.second; ++i) a.evidence.push_back(&record->facts[i]);
    }
    const auto fields = fields_of.find(asker);
    if (fields != fields_of.end()) a.view.fields = fields->second;
    // What the document does not state, the record's fields may, when they come
    // from the same claim (an RFA states no UR date; another claim's letter's
    // is no date of this request).
    for (const auto& [name, field] : record->fields) {
      const std::string other = injury_of(field.document);
      if (injury.empty() || other.empty() || other == injury) a.view.fields.emplace(name, field);
    }
    a.view.documents = {own};  // an RFA's or UR notice's date dates its requests
    for (size_t i = 0; i < record->requests.size(); ++i) {
      if (record->requests[i].document != asker) continue;
      a.taken.push_back(i);
      a.view.requests.push_back(std::move(record->requests[i]));
    }
  }
  ForEachIndex(asking.size(), threads, [&](size_t i) { DetermineRequests(rules, asking[i].evidence, &asking[i].view); });
  for (Asking& a : asking) {
    for (size_t k = 0; k < a.taken.size(); ++k) record->requests[a.taken[k]] = std::move(a.view.requests[k]);
    for (Problem& p : a.view.problems) record->problems.push_back(std::move(p));
  }
}

// Word boxes serve ingest and extraction only: a read document lets go of
// its pages' boxes (each document its own pages, so threads reading
// documents apart never touch the same ones).
void ForgetWords(const PacketDocument& part, Document* whole) {
  for (int p = part.first_page; p <= part.last_page; ++p) std::vector<Word>().swap(whole->pages[p - 1].words);
}

// The stages after ingest, on a record whose document ingest has made.
void StagesAfterIngest(const RunOptions& options, Record* record) {
  record->documents = SplitPacket(record->document.pages);
  // A packet of one is read as ingest left it; a packet's documents are read
  // one by one, their sections found again on their own pages.
  const bool one_document = record->documents.size() == 1;
  std::vector<Section> whole_sections;
  whole_sections.swap(record->document.sections);
  FieldsByDocument fields_of;
  // The documents are read apart, at once on the threads the process has,
  // then added in page order: the record is the same on any number.
  std::vector<DocumentResult> results(record->documents.size());
  if (one_document) {
    PacketDocument& part = record->documents[0];
    record->document.sections = std::move(whole_sections);
    part.doc_type = record->document.doc_type;
    results[0] = ReadOneDocument(record->document, part);
    record->document.sections.clear();  // AddToRecord puts them back
    ForgetWords(part, &record->document);
  } else {
    ForEachIndex(record->documents.size(), options.document_threads, [&](size_t i) {
      PacketDocument& part = record->documents[i];
      if (!part.duplicate_of.empty()) return;
      const Document one = SubDocument(record->document, part);
      part.doc_type = one.doc_type;
      results[i] = ReadOneDocument(one, part);
      ForgetWords(part, &record->document);
    });
  }
  for (size_t i = 0; i < record->documents.size(); ++i) {
    PacketDocument& part = record->documents[i];
    if (!part.duplicate_of.empty()) {
      // A copy's facts would count twice: it keeps its place and type only.
      for (const PacketDocument& first : record->documents) {
        if (first.id != part.duplicate_of) continue;
        part.doc_type = first.doc_type;
        part.date = first.date;
      }
      ForgetWords(part, &record->document);
      continue;
    }
    DocumentResult& result = results[i];
    part.date = DocumentDate(result);
    fields_of[part.id] = result.fields;
    AddToRecord(std::move(result), part, record);
  }
  if (record->documents.size() == 1) {
    record->document.doc_type = record->documents[0].doc_type;
  } else if (!record->documents.empty()) {
    record->document.doc_type = "packet";
  }
  record->timeline = BuildTimeline(record->fields, record->facts);
  for (Request& r : record->requests) NormalizeRequestWords(&r);
  LinkRequestsAcrossDocuments(fields_of, record);
  // The rulebook is parsed on first use: documents with no request never pay for it.
  if (!record->requests.empty()) {
    DetermineRequestsByClaim(options.rules != nullptr ? *options.rules : Rulebook::Builtin(), fields_of,
                             options.document_threads, record);
  }
}

}  // namespace

void NormalizeDocumentFacts(const Document& doc, std::map<std::string, Field>* fields, std::vector<Fact>* facts,
                            std::vector<Problem>* problems) {
  NormalizeDateFields(fields, problems);
  NormalizeDateFacts(doc, *fields, facts);
  NormalizeMedicationFacts(facts);
  CodeDiagnosisFacts(facts);
  NormalizeSpinalLevels(facts);
  MergeRepeatedFacts(facts);
}

void NormalizeRequestWords(Request* r) {
  RequestNormal normal = NormalizeRequest(r->DisplayText());
  r->category = std::move(normal.category);
  r->details = std::move(normal.details);
  if (auto hcpcs = HcpcsForRequest(r->category, r->details, r->DisplayText())) r->codes.push_back(*hcpcs);
  const std::string& words = r->reference ? r->reference->statement : r->text;
  for (Code& c : CptCodesWritten(words)) r->codes.push_back(std::move(c));
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return LowerHex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::optional<std::string> Sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return std::nullopt;
  // Not zeroed: the batch parent hashes every input, and clearing 64 KB for
  // each was 5% of its own work.
  constexpr size_t kBufferBytes = 1 << 16;
  const auto buffer = std::make_unique_for_overwrite<char[]>(kBufferBytes);
  while (in) {
    in.read(buffer.get(), static_cast<std::streamsize>(kBufferBytes));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.get(), static_cast<size_t>(in.gcount()));
  }
  if (!in.eof()) return std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &size);
  return LowerHex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

namespace {

// Runs `stage` on `record`: an exception it throws becomes the record's
// problem, and what the stages made before it stays.
template <typename Work>
void Guarded(Record* record, Work stage) {
  try {
    stage();
  } catch (const std::bad_alloc&) {
    // Under a worker's address-space limit (--memory-mb) this is the limit
    // reached; what the stages made is let go as the exception unwinds.
    record->problems.push_back({Stage::kPipeline, "memory_limit", 0,
                                "the document needed more memory than the process may use; the record is partial"});
  } catch (const std::exception&) {
    // The message of a library exception can quote input; keep only its kind.
    record->problems.push_back({Stage::kPipeline, "internal_error", 0,
                                "a stage failed unexpectedly; the record is partial"});
  }
}

// What a record says of its input whatever the stages did: its path and
// size, and the document's own problems first, then those of later stages.
void FinishRecord(std::string_view path, uint64_t bytes, Record* record) {
  record->document.source.path = std::string(path);
  record->document.source.bytes = bytes;
  record->problems.insert(record->problems.begin(), record->document.problems.begin(),
                          record->document.problems.end());
}

// Ingest, into `ingested`'s record, of `bytes`.
void IngestInto(std::string_view bytes, std::string_view path, const RunOptions& options,
                IngestedInput* ingested) {
  ingested->path = std::string(path);
  ingested->bytes = bytes.size();
  Record* record = &ingested->record;
  Guarded(record, [&] {
    record->document = IngestBytes(bytes, path, IngestOptionsFrom(options));
    record->document.source.sha256 = Sha256Hex(bytes);
  });
  ingested->ingest_failed = !record->problems.empty();
}

}  // namespace

Record FinishInput(IngestedInput ingested, const RunOptions& options) {
  Record record = std::move(ingested.record);
  if (ingested.unread) return record;
  if (!ingested.ingest_failed) Guarded(&record, [&] { StagesAfterIngest(options, &record); });
  FinishRecord(ingested.path, ingested.bytes, &record);
  return record;
}

Record RunDocument(std::string_view bytes, std::string_view path, const RunOptions& options) {
  IngestedInput ingested;
  IngestInto(bytes, path, options, &ingested);
  return FinishInput(std::move(ingested), options);
}

namespace {

// Reads `path` into `bytes`, or returns a record that says why it could not.
std::optional<Record> ReadInput(const std::string& path, const RunOptions& options, std::string* bytes) {
  const auto failed = [&](std::string code, std::string message, uint64_t size) {
    Record record;
    record.document.source.path = path;
    record.document.source.bytes = size;
    record.problems.push_back({Stage::kPipeline, std::move(code), 0, std::move(message)});
    return record;
  };
  struct stat info {};
  if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return failed("unreadable_file", "input is not a readable file", 0);
  }
  if (static_cast<uint64_t>(info.st_size) > options.max_input_bytes) {
    return failed("too_large", "input is larger than the configured limit", static_cast<uint64_t>(info.st_size));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) return failed("unreadable_file", "input could not be read", 0);
  *bytes = buffer.str();
  return std::nullopt;
}

}  // namespace

IngestedInput IngestInput(const std::string& path, const RunOptions& options) {
  IngestedInput ingested;
  std::string bytes;
  if (auto failed = ReadInput(path, options, &bytes)) {
    ingested.record = std::move(*failed);
    ingested.unread = true;
    return ingested;
  }
  IngestInto(bytes, path, options, &ingested);
  return ingested;
}

Record RunFile(const std::string& path, const RunOptions& options) {
  return FinishInput(IngestInput(path, options), options);
}

Record IngestFile(const std::string& path, const RunOptions& options) {
  std::string bytes;
  if (auto failed = ReadInput(path, options, &bytes)) return std::move(*failed);
  Record record;
  record.document = IngestBytes(bytes, path, IngestOptionsFrom(options));
  record.document.source.sha256 = Sha256Hex(bytes);
  record.problems = record.document.problems;
  return record;
}

int UsableCores() {
  // The CPUs this thread may run on (sched_getaffinity, as nproc counts
  // them): a scheduler's cpuset or taskset, where the machine's count
  // (std::thread::hardware_concurrency) would give a job that was given 2 of
  // a node's 64 cores 64 document threads a worker, and 64 Tesseracts.
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int CoresPerWorker(int workers) { return std::max(1, UsableCores() / std::max(1, workers)); }

}  // namespace imr
