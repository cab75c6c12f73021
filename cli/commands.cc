#include "cli/commands.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/flags.h"
#include "decide/rulebook.h"
#include "ingest/sections.h"
#include "normalize/request_category.h"
#include "pipeline/assertion_io.h"
#include "pipeline/eval_io.h"
#include "pipeline/fhir_json.h"
#include "pipeline/in_order.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "pipeline/warm_up.h"
#include "report/eval_html.h"

namespace imr {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int Usage(std::string_view name, std::ostream& err) {
  for (const Command& c : CommandTable()) {
    if (c.name == name) err << "usage: imr " << c.usage << "\n";
  }
  return kExitUsage;
}

namespace {

// `files` checked and parsed into `book`; false, with every problem on `err`.
bool CheckAndParse(const std::vector<RuleFile>& files, std::ostream& err, Rulebook* book) {
  std::vector<std::string> problems = CheckRuleFiles(files, AllRequestCategories());
  if (problems.empty()) *book = Rulebook::Parse(files, &problems);
  for (const std::string& p : problems) err << "imr: rules: " << p << "\n";
  return problems.empty();
}

// The *.json rule files of `dir`; empty, with the reason on `err`, when it has none.
std::vector<RuleFile> RuleFilesIn(const std::string& dir, std::ostream& err) {
  std::string error;
  std::vector<RuleFile> files = ReadRuleFiles(dir, &error);
  if (!error.empty() || files.empty()) {
    err << "imr: rules: " << (error.empty() ? "no *.json files in " + dir : error) << "\n";
    files.clear();
  }
  return files;
}

}  // namespace

bool LoadSiteRules(const std::string& dir, std::ostream& err, Rulebook* book) {
  const std::vector<RuleFile> files = RuleFilesIn(dir, err);
  return !files.empty() && CheckAndParse(files, err, book);
}

namespace {

RunOptions OptionsFrom(const Flags& flags) {
  RunOptions options;
  options.ocr = !flags.Has("--no-ocr");
  options.max_pages = MaxPages(flags).value_or(options.max_pages);
  options.ocr_threads = OcrThreads(flags, CoresPerWorker(1)).value_or(1);
  options.document_threads = CoresPerWorker(1);
  options.max_text_bytes = MaxTextBytes(flags).value_or(options.max_text_bytes);
  return options;
}

int TextCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"--json", "--no-ocr", "--max-pages=", "--ocr-threads=", "--max-text-mb="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1 || !MaxPagesValid(flags) || !OcrThreads(flags, 1) || !MaxTextValid(flags)) {
    return Usage("text", err);
  }
  const Record record = IngestFile(flags.positional()[0], OptionsFrom(flags));
  if (flags.Has("--json")) {
    Document doc = record.document;
    doc.problems = record.problems;
    out << DocumentToJson(doc);
  } else {
    // Pages as the offsets see them, separated by form feeds like pdftotext.
    for (size_t i = 0; i < record.document.pages.size(); ++i) {
      if (i > 0) out << '\f';
      out << record.document.pages[i].text;
    }
  }
  for (const Problem& p : record.problems) err << "imr: " << flags.positional()[0] << ": " << p.code << ": " << p.message << "\n";
  return record.problems.empty() ? kExitClean : kExitProblems;
}

int RunCommandImpl(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"-o=", "--no-ocr", "--format=", "--rules=", "--max-pages=", "--ocr-threads=", "--max-text-mb="});
  if (!flags.Parse(args, err) || flags.positional().empty() || !MaxPagesValid(flags) || !OcrThreads(flags, 1) || !MaxTextValid(flags)) {
    return Usage("run", err);
  }
  RunOptions options = OptionsFrom(flags);
  Rulebook site_rules;
  if (const auto rules_dir = flags.Value("--rules")) {
    if (!LoadSiteRules(*rules_dir, err, &site_rules)) {
      err << "imr: run: the rules in " << *rules_dir << " do not check; nothing was run\n";
      return kExitUsage;
    }
    options.rules = &site_rules;
  }
  const std::string format = flags.Value("--format").value_or("json");
  if (format != "json" && format != "fhir") {
    err << "imr: run: --format is json or fhir, not '" << format << "'\n";
    return Usage("run", err);
  }
  const auto write = format == "fhir" ? RecordToFhirJson : RecordToJson;
  // The tables are built from the far end while the first file is read; at
  // the end imr does not wait for the table it may still be building (main
  // leaves through _exit).
  WarmUp warm_up(options);
  const auto dir = flags.Value("-o");
  if (!dir && flags.positional().size() > 1) {
    err << "imr: run: give -o DIR for more than one file\n";
    return kExitUsage;
  }
  if (!dir) {
    const Record record = RunFile(flags.positional()[0], options);
    warm_up.Stop();
    out << write(record);
    return record.problems.empty() ? kExitClean : kExitProblems;
  }
  // The *.json files directly in DIR are records and nothing else: bundles go
  // to DIR/fhir/<stem>.json.
  RecordWriter writer(format == "fhir" ? *dir + "/fhir" : *dir);
  int code = kExitClean;
  InOrder writing;  // each record is written and synced while the next file is read
  for (const std::string& path : flags.positional()) {
    const Record record = RunFile(path, options);
    writing.Give([&writer, path, json = write(record)] { writer.Write(path, json); });
    if (!record.problems.empty()) {
      code = kExitProblems;
      err << "imr: " << path << ": " << record.problems.front().code << "\n";
    }
  }
  warm_up.Stop();
  writing.Finish();
  return code;
}

// `imr eval --packets TRUTH_DIR RESULTS_DIR`: the splitter against the truth
// files, beside the two naive splits (the whole PDF one document, every page
// one document), each typed by the same classifier.
int EvalPackets(const std::string& truth_dir, const std::string& results_dir, std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  const std::vector<PacketTruth> truths = ReadPacketTruthDir(truth_dir, &errors);
  if (truths.empty()) {
    for (const std::string& e : errors) err << "imr: eval: " << e << "\n";
    err << "imr: eval: no *.truth.json files in " << truth_dir << "\n";
    return kExitUsage;
  }
  PacketScores splitter, per_pdf, per_page;
  for (const PacketTruth& truth : truths) {
    const std::filesystem::path path = std::filesystem::path(results_dir) / (truth.stem + ".json");
    std::string error;
    std::optional<Record> record;
    const bool found = std::filesystem::is_regular_file(path);
    if (found) record = RecordFromJson(ReadWholeFile(path.string()), &error);
    if (!record) {
      errors.push_back(path.string() + (found ? ": " + error : ": no record"));
      ScorePacket(truth, {}, &splitter);
      continue;
    }
    const std::vector<Page>& pages = record->document.pages;
    ScorePacket(truth, record->documents, &splitter);
    ScorePacket(truth, OneDocumentPerPdf(static_cast<int>(pages.size()), ClassifyDocument(pages)), &per_pdf);
    std::vector<std::string> page_types;
    for (const Page& page : pages) {
      Page alone = page;
      alone.page_number = 1;
      page_types.push_back(ClassifyDocument({alone}));
    }
    ScorePacket(truth, OneDocumentPerPage(page_types), &per_page);
  }
  for (const std::string& e : errors) err << "imr: eval: " << e << "\n";
  out << FormatPacketTable({{"imr (SplitPacket)", splitter}, {"one per PDF", per_pdf}, {"one per page", per_page}});
  return errors.empty() ? kExitClean : kExitProblems;
}

int EvalCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"--gold=", "--json", "--misses", "--folds=", "--fold=", "--packets=", "-o=", "--baseline="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1) return Usage("eval", err);
  if (const auto truth_dir = flags.Value("--packets")) return EvalPackets(*truth_dir, flags.positional()[0], out, err);
  const auto gold_dir = flags.Value("--gold");
  if (!gold_dir) return Usage("eval", err);
  EvalOptions options;
  const auto number = [&](const char* flag, int fallback, int lo, int hi) -> std::optional<int> {
    const std::optional<std::string> v = flags.Value(flag);
    if (!v) return fallback;
    int n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < lo || n > hi) return std::nullopt;
    return n;
  };
  const std::optional<int> folds = number("--folds", options.folds, 2, 100);
  const std::optional<int> fold = folds ? number("--fold", 0, 1, *folds) : std::nullopt;
  if (!folds || !fold) {
    err << "imr: eval: --folds takes 2..100 and --fold 1..folds\n";
    return kExitUsage;
  }
  options.folds = *folds;
  options.only_fold = flags.Value("--fold") ? *fold : 0;
  std::vector<std::string> errors;
  std::vector<GoldNote> notes;
  const std::vector<GoldLetter> gold = ReadGoldDir(*gold_dir, &errors, &notes);
  const std::map<std::string, Record> records = ReadRecordDir(flags.positional()[0], &errors);
  for (const std::string& e : errors) err << "imr: eval: " << e << "\n";
  if (gold.empty() && notes.empty()) {
    err << "imr: eval: no *.gold.json files in " << *gold_dir << "\n";
    return kExitUsage;
  }
  // Letters and notes are scored apart: a folder of note gold gives no letter table.
  const EvalReport report = Evaluate(gold, records, options);
  std::optional<NotesReport> notes_report;
  if (!notes.empty()) notes_report = EvaluateNotes(notes, records);
  const NotesReport* notes_scored = notes_report ? &*notes_report : nullptr;
  const std::string json = EvalReportToJson(report, notes_scored);
  std::optional<BaselineComparison> comparison;
  if (const auto baseline = flags.Value("--baseline")) {
    std::ifstream in(*baseline, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    if (!in.good() && !in.eof()) error = "cannot be read";
    if (error.empty()) comparison = CompareToBaseline(json, text, &error);
    if (!comparison) {
      err << "imr: eval: --baseline " << *baseline << ": " << error << "\n";
      return kExitUsage;
    }
  }
  if (const auto html = flags.Value("-o")) {
    WritePrivateFile(*html, EvalReportToHtml(report, notes_scored, comparison ? &*comparison : nullptr));
  }
  if (flags.Has("--json")) {
    out << json;
  } else {
    if (!gold.empty()) out << FormatEvalTable(report);
    if (notes_scored != nullptr) out << FormatNotesTable(*notes_scored, flags.Has("--misses"));
    if (comparison) out << FormatBaselineComparison(*comparison);
  }
  return errors.empty() ? kExitClean : kExitProblems;
}

int AssertionCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({});
  if (!flags.Parse(args, err) || flags.positional().size() > 1) return Usage("assertion", err);
  const std::string path = flags.positional().empty() ? "-" : flags.positional()[0];
  size_t bad = 0;
  if (path == "-") {
    bad = ClassifyJsonLines(std::cin, out);
  } else {
    std::ifstream in(path);
    if (!in) {
      err << "imr: assertion: cannot read " << path << "\n";
      return kExitUsage;
    }
    bad = ClassifyJsonLines(in, out);
  }
  if (bad > 0) err << "imr: assertion: " << bad << " lines were not {\"sentence\", \"target\"} objects\n";
  return bad > 0 ? kExitProblems : kExitClean;
}

// imr rules check [DIR]: the builtin rulebook, or the *.json files of DIR.
int RulesCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({});
  if (!flags.Parse(args, err) || flags.positional().empty() || flags.positional()[0] != "check" ||
      flags.positional().size() > 2) {
    return Usage("rules", err);
  }
  std::string where = "builtin rulebook";
  std::vector<RuleFile> files = BuiltinRuleFiles();
  if (flags.positional().size() == 2) {
    where = flags.positional()[1];
    files = RuleFilesIn(where, err);
    if (files.empty()) return kExitUsage;
  }
  Rulebook book;
  if (!CheckAndParse(files, err, &book)) return kExitProblems;
  size_t rules = 0;
  for (const RuleSet& set : book.sets()) rules += set.rules.size();
  out << where << ": " << files.size() << " files, " << book.sets().size() << " rule sets, " << rules
      << " rules: ok\n";
  return kExitClean;
}

int HelpCommand(const Args&, std::ostream& out, std::ostream&) {
  out << "imr: facts and drafted determinations from workers' compensation review PDFs\n\n";
  for (const Command& c : CommandTable()) out << "  imr " << c.usage << "\n      " << c.help << "\n";
  return kExitClean;
}

}  // namespace

const std::vector<Command>& CommandTable() {
  static const std::vector<Command> table = {
      {"text", "text FILE [--json] [--no-ocr] [--max-pages N] [--ocr-threads N] [--max-text-mb M]", "print the ingested pages as the offsets see them",
       TextCommand},
      {"run", "run FILE... [-o DIR] [--format json|fhir] [--no-ocr] [--rules DIR] [--max-pages N] [--ocr-threads N] [--max-text-mb M]",
       "full pipeline; one file and no -o: the record to stdout; --format fhir writes a FHIR R4 Bundle "
       "instead (with -o, as DIR/fhir/<stem>.json); --rules decides with the rule files of DIR "
       "(checked first) instead of the builtin rulebook",
       RunCommandImpl},
      {"eval", "eval --gold DIR RESULTS_DIR [-o eval.html] [--json] [--baseline OLD.json] [--misses] [--folds N] [--fold K] | eval --packets TRUTH_DIR RESULTS_DIR",
       "score records against gold annotations: letters (fields, requests, decisions, drafted determinations by rule, confidence and fold: --folds N, default 5; --fold K scores fold K alone) or notes (problems, procedures, medications, age, sex; overlapping and exact spans); -o writes the scores as a page with charts; --baseline compares with an earlier --json report (measures improved and regressed, misses fixed and new); --packets: packet splits against the generator's truth files (boundaries, documents, types, copies), beside one document per PDF and one per page", EvalCommand},
      {"report", "report OUT [-o report.html] [--json]",
       "quality report of a batch or an inbox's night (OUT: the records and imr.sqlite a batch or watch wrote): "
       "documents, pages, types, OCR share, problems, coverage of each field and fact kind, requests, decisions, "
       "drafted outcomes, rules, throughput; self-contained HTML with charts (-o), or JSON (--json)",
       ReportCommand},
      {"view", "view RECORD.json [-o case.html] [--pdf FILE.pdf] [--pages A-B]",
       "a reviewer's view of one record: the pages as images with every fact's box highlighted, and the facts, "
       "requests and determinations beside them (the PDF is the record's source path unless --pdf names it); "
       "one self-contained HTML file, mode 0600, written to -o or else beside the record as RECORD.html; draws "
       "pages 1-60 unless --pages names others; exit 1 when some pages read otherwise than the record (no boxes "
       "on them)",
       ViewCommand},
      {"letter", "letter RECORD.json [-o draft.html] [--pdf draft.pdf]",
       "the drafted determination as a letter for a licensed reviewer to edit and sign, in the structure of the "
       "IMR final determination letters: HTML (-o) and a typeset PDF (--pdf)",
       LetterCommand},
      {"assertion", "assertion [FILE.jsonl|-]",
       "assertion of each {\"sentence\", \"target\"} line: present, absent, possible, ...",
       AssertionCommand},
      {"rules", "rules check [DIR]",
       "validate the rulebook (builtin, or the *.json rule files of DIR): schema, fact kinds, "
       "categories, citations, eras",
       RulesCommand},
      {"batch", "batch DIR|@LIST -o OUT [--jobs N] [--shard K/N] [--no-ocr] [--rules DIR] [--seconds S] [--memory-mb M] [--max-pages N] [--ocr-threads N] [--max-text-mb M]",
       "every PDF and text file under DIR (or listed in LIST, one path a line), each in a worker process, records "
       "to OUT and indexed in OUT/imr.sqlite (OUT/imr-shard-K-of-N.sqlite for a shard); resumable: inputs done by "
       "the same pipeline version are skipped; --shard K/N takes every N-th input from the K-th (0-based) of the "
       "sorted list; exit 0 clean, 1 some records carry problems, 2 usage, 75 interrupted or not all written "
       "(run it again)",
       BatchCommand},
      {"watch",
       "watch INBOX -o OUT [--seconds S] [--memory-mb M] [--stable-seconds S] [--poll-seconds S] [--jobs N] "
       "[--no-ocr] [--rules DIR] [--max-pages N] [--ocr-threads N] [--max-text-mb M]",
       "process the files dropped at the top of INBOX until stopped (SIGTERM or SIGINT: the documents in hand are "
       "finished, exit 0): a file moved in or closed after writing, or unchanged for --stable-seconds (default 5; "
       "the folder is polled every --poll-seconds, default 2) is claimed into INBOX/.processing/, run in a worker "
       "process (--seconds and --memory-mb per document, as batch), its record written to OUT/<stem>.json and "
       "indexed in OUT/imr.sqlite, and moved to INBOX/processed/, or to INBOX/failed/ with NAME.error.json when no "
       "text could be read; content already recorded is a duplicate; dotfiles and *.part, *.tmp, *.crdownload are "
       "left alone, and so is anything but a regular file (a symbolic link is never followed: it is refused once in the "
       "log and stays where it is); a restart finishes what a crash left in .processing/; one watcher per INBOX",
       WatchCommand},
      {"merge", "merge OUT...", "combine the shard stores found in each OUT into the first OUT's imr.sqlite",
       MergeCommand},
      {"worker",
       "worker [--memory-mb M] [--no-ocr] [--rules DIR] [--max-pages N] [--ocr-threads N] [--document-threads N] "
       "[--read-ahead] [--max-text-mb M]",
       "internal: the worker process batch and watch start; reads framed input paths on stdin, writes framed "
       "records on stdout",
       WorkerCommand},
      {"help", "help", "this list", HelpCommand},
  };
  return table;
}

int RunCommand(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    HelpCommand(args, err, err);
    return kExitUsage;
  }
  for (const Command& c : CommandTable()) {
    if (c.name == args[0]) return c.run(Args(args.begin() + 1, args.end()), out, err);
  }
  err << "imr: unknown command '" << args[0] << "' (see imr help)\n";
  return kExitUsage;
}

}  // namespace imr
