// imr_bench_stages: each stage of the pipeline timed alone, on fixed inputs,
// with Google Benchmark. Where bench/pipeline.sh says how fast a whole batch
// runs, this says which stage the time goes to.
//
//   build-bench/bench/imr_bench_stages                       # every stage, every input set
//   build-bench/bench/imr_bench_stages --benchmark_filter=extract
//
// Benchmarks, one per stage and input set ("extract/corpus", "decide/notes"):
//   extract    ExtractLetter + ExtractClinicalFacts, as ReadOneDocument calls
//              them (pipeline/run_document.cc); MB/s of page text.
//   assert     AssertFact on every fact an asserted extractor finds, the
//              assertion part of extraction on its own; facts/s.
//   normalize  the normalize calls of ReadOneDocument and RunStages (dates,
//              medications, ICD-10, spinal levels, merge, timeline, request
//              categories and codes); MB/s of page text, so that the figure
//              compares with extract's.
//   decide     DetermineRequests with the builtin rulebook; requests/s.
//   write      RecordToJson on each input's whole record (RunDocument's), as
//              `imr run -o` and a batch worker write it; MB/s of JSON.
// The stage sequences are copied from run_document.cc, which keeps them
// private; when it changes its calls, change ExtractStage and NormalizeStage.
//
// Inputs: the sample PDFs of corpus/ and, where present, the notes of
// ../shared/data/notes-dev/*.txt (skipped with a message where absent), read
// once through the project's own ingest before anything is timed. Work done
// once per process (pattern tables compiled on first use, the rulebook parsed)
// is done by one untimed pass before each timed loop. IMR_SOURCE_DIR overrides
// where the repository is. Nothing checks the figures: CI builds this and no
// test runs it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/record.h"
#include "decide/determine.h"
#include "decide/rulebook.h"
#include "extract/clinical.h"
#include "extract/letter.h"
#include "extract/region.h"
#include "ingest/ingest.h"
#include "normalize/fact_merge.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// One input file as ingest left it.
struct Input {
  std::string path;
  std::string bytes;  // kept for the decide inputs, which run the whole pipeline
  Document doc;
};

// What extraction gives one document, before normalization: the parts of
// run_document.cc's DocumentResult that normalize reads and writes.
struct Extracted {
  std::map<std::string, Field> fields;
  std::vector<Fact> facts;
  std::vector<Request> requests;
  std::vector<Problem> problems;
};

// The assertion stage's input: every fact an asserted extractor found, with
// the region it was found in (an index into `regions`, which never changes
// after it is built).
struct AssertionInput {
  std::vector<Region> regions;
  std::vector<std::pair<size_t, Fact>> facts;
};

// A record that has requests, and how many problems it had before decide ran
// again: decide may add problems, which each timed pass removes.
struct DecideInput {
  Record record;
  size_t problems_before = 0;
};

// Everything the benchmarks of one input set read, made once in main().
struct InputSet {
  std::string name;  // "corpus", "notes"
  std::vector<Input> inputs;
  int64_t text_bytes = 0;  // page text of all inputs
  int pages = 0;
  std::vector<Extracted> extracted;  // one per input, in order
  AssertionInput assertion;
  std::vector<DecideInput> decide;
  int64_t requests = 0;
  std::vector<Record> records;  // one per input, as RunDocument made it
  int64_t json_bytes = 0;       // their JSON, as RecordToJson writes it
};

// The extraction calls of ReadOneDocument, in its order, ids numbered as it does.
Extracted ExtractStage(const Document& doc) {
  Extracted out;
  LetterFacts letter = ExtractLetter(doc);
  out.fields = std::move(letter.fields);
  out.requests = std::move(letter.requests);
  out.facts = std::move(letter.facts);
  for (Fact& f : ExtractClinicalFacts(doc, &out.problems)) out.facts.push_back(std::move(f));
  for (size_t i = 0; i < out.facts.size(); ++i) out.facts[i].id = "f" + std::to_string(i + 1);
  return out;
}

// The normalize stage of ReadOneDocument, then what RunStages normalizes on
// the whole record (timeline, request categories and codes), for one
// document: the pipeline's own functions (pipeline/run_document.h).
void NormalizeStage(const Document& doc, Extracted* e) {
  NormalizeDocumentFacts(doc, &e->fields, &e->facts, &e->problems);
  std::vector<TimelineEntry> timeline = BuildTimeline(e->fields, e->facts);
  benchmark::DoNotOptimize(timeline.data());
  for (Request& r : e->requests) NormalizeRequestWords(&r);
}

AssertionInput FindFactsToAssert(const std::vector<Input>& inputs) {
  AssertionInput out;
  for (const Input& in : inputs) {
    for (Region& region : TextRegions(in.doc)) out.regions.push_back(std::move(region));
  }
  for (size_t i = 0; i < out.regions.size(); ++i) {
    for (const ClinicalExtractorRow& row : ClinicalExtractorTable()) {
      if (!row.asserted) continue;
      for (Fact& f : row.extract(out.regions[i])) out.facts.emplace_back(i, std::move(f));
    }
  }
  return out;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("cannot read " + path);
  return bytes.str();
}

// The files of `dir` ending in `extension`, sorted, so every run reads the same set.
std::vector<std::string> FilesIn(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> paths;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == extension) paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Ingests `paths` and prepares every stage's input; all of it untimed.
InputSet PrepareInputSet(std::string name, const std::vector<std::string>& paths) {
  InputSet set;
  set.name = std::move(name);
  for (const std::string& path : paths) {
    Input in;
    in.path = path;
    in.bytes = ReadWholeFile(path);
    in.doc = IngestBytes(in.bytes, path, {});
    for (const Page& page : in.doc.pages) set.text_bytes += static_cast<int64_t>(page.text.size());
    set.pages += static_cast<int>(in.doc.pages.size());
    set.inputs.push_back(std::move(in));
  }
  for (const Input& in : set.inputs) set.extracted.push_back(ExtractStage(in.doc));
  set.assertion = FindFactsToAssert(set.inputs);
  for (const Input& in : set.inputs) {
    Record record = RunDocument(in.bytes, in.path, {});
    set.json_bytes += static_cast<int64_t>(RecordToJson(record).size());
    set.records.push_back(record);
    if (record.requests.empty()) continue;
    set.requests += static_cast<int64_t>(record.requests.size());
    const size_t problems = record.problems.size();
    set.decide.push_back({std::move(record), problems});
  }
  return set;
}

std::string Describe(const InputSet& set) {
  return std::to_string(set.inputs.size()) + " files, " + std::to_string(set.pages) + " pages";
}

void BM_Extract(benchmark::State& state, const InputSet* set) {
  for (const Input& in : set->inputs) ExtractStage(in.doc);
  for (auto _ : state) {
    for (const Input& in : set->inputs) {
      Extracted e = ExtractStage(in.doc);
      benchmark::DoNotOptimize(e.facts.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * set->text_bytes);
  state.SetLabel(Describe(*set));
}

void BM_Assert(benchmark::State& state, const InputSet* set) {
  AssertionInput work = set->assertion;
  for (auto& [region, fact] : work.facts) AssertFact(work.regions[region], &fact);
  for (auto _ : state) {
    // AssertFact only overwrites the fact's assertion: the same facts serve every pass.
    for (auto& [region, fact] : work.facts) AssertFact(work.regions[region], &fact);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(work.facts.size()));
  state.SetLabel(std::to_string(work.facts.size()) + " facts");
}

void BM_Normalize(benchmark::State& state, const InputSet* set) {
  std::vector<Extracted> work = set->extracted;
  for (size_t i = 0; i < work.size(); ++i) NormalizeStage(set->inputs[i].doc, &work[i]);
  for (auto _ : state) {
    // Normalization rewrites its input: each pass starts from a fresh copy, untimed.
    state.PauseTiming();
    work = set->extracted;
    state.ResumeTiming();
    for (size_t i = 0; i < work.size(); ++i) NormalizeStage(set->inputs[i].doc, &work[i]);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * set->text_bytes);
  state.SetLabel(Describe(*set));
}

void BM_Decide(benchmark::State& state, const InputSet* set) {
  const Rulebook& rules = Rulebook::Builtin();  // parsed here, once, untimed
  std::vector<DecideInput> work = set->decide;
  for (DecideInput& d : work) DetermineRequests(rules, &d.record);
  for (auto _ : state) {
    // DetermineRequests replaces each determination; only added problems pile up.
    for (DecideInput& d : work) {
      DetermineRequests(rules, &d.record);
      d.record.problems.resize(d.problems_before);
    }
  }
  state.SetItemsProcessed(state.iterations() * set->requests);
  state.SetLabel(std::to_string(set->requests) + " requests in " + std::to_string(work.size()) + " records");
}

void BM_Write(benchmark::State& state, const InputSet* set) {
  for (auto _ : state) {
    for (const Record& record : set->records) {
      std::string json = RecordToJson(record);
      benchmark::DoNotOptimize(json.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * set->json_bytes);
  state.SetLabel(std::to_string(set->records.size()) + " records");
}

void RegisterInputSet(const InputSet& set) {
  const auto named = [&](const char* stage) { return std::string(stage) + "/" + set.name; };
  benchmark::RegisterBenchmark(named("extract").c_str(), BM_Extract, &set)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(named("assert").c_str(), BM_Assert, &set)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(named("normalize").c_str(), BM_Normalize, &set)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(named("write").c_str(), BM_Write, &set)->Unit(benchmark::kMillisecond);
  if (set.requests == 0) {
    std::cerr << "imr_bench_stages: no requests in " << set.name << ": decide/" << set.name << " skipped\n";
    return;
  }
  benchmark::RegisterBenchmark(named("decide").c_str(), BM_Decide, &set)->Unit(benchmark::kMillisecond);
}

fs::path SourceDir() {
  const char* env = std::getenv("IMR_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(IMR_DEFAULT_SOURCE_DIR);
}

}  // namespace
}  // namespace imr

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  namespace fs = std::filesystem;
  std::vector<std::unique_ptr<imr::InputSet>> sets;  // outlive the run: benchmarks borrow them
  try {
    const fs::path source = imr::SourceDir();
    sets.push_back(std::make_unique<imr::InputSet>(
        imr::PrepareInputSet("corpus", imr::FilesIn(source / "corpus", ".pdf"))));
    const fs::path notes = (source / ".." / "shared" / "data" / "notes-dev").lexically_normal();
    if (fs::is_directory(notes)) {
      sets.push_back(std::make_unique<imr::InputSet>(imr::PrepareInputSet("notes", imr::FilesIn(notes, ".txt"))));
    } else {
      std::cerr << "imr_bench_stages: " << notes.string() << " is absent: the notes benchmarks are skipped\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "imr_bench_stages: preparing the inputs failed: " << e.what() << "\n";
    return 1;
  }
  for (const auto& set : sets) imr::RegisterInputSet(*set);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
