// The vocabulary every stage shares: what a document is once read, what a fact
// is once found, and what a record says about one input. Read this first.
//
//   imr::Document doc = imr::IngestBytes(bytes, "letter.pdf");   // ingest/
//   for (const imr::Page& page : doc.pages)
//     std::string_view words = imr::Slice(page, {page.page_number, 10, 24});
//
// Offsets are UTF-8 byte offsets into Page::text, half-open [begin, end).
// Page numbers are 1-based (page_number); indices into vectors are 0-based.
// Every struct here owns its strings; a Span is numbers, never a pointer.
#ifndef IMR_CORE_RECORD_H_
#define IMR_CORE_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imr {

// Where some words sit: page_number (1-based) and byte offsets into that
// page's text. page_number 0 means "nowhere" (a value with no evidence).
struct Span {
  int page_number = 0;
  size_t begin = 0;
  size_t end = 0;

  bool empty() const { return page_number == 0 || end <= begin; }
  size_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A word as the PDF placed it: its box in points (origin top-left) and where
// its characters landed in Page::text.
struct Word {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  size_t begin = 0;
  size_t end = 0;
};

// One page of text as every later stage sees it. `text` is valid UTF-8;
// `furniture` lists the byte ranges that are running headers, footers and page
// numbers: they stay in the text (offsets stay stable) but no section covers them.
struct Page {
  int page_number = 1;
  std::string text;
  std::vector<Word> words;
  std::vector<Span> furniture;
  bool ocr = false;
  // Mean word confidence Tesseract gave the page, 0-100; negative on a page
  // not read by OCR or with no word.
  double ocr_confidence = -1;
};

// A named stretch of a page. A section running over a page break is one
// Section per page.
struct Section {
  std::string name;
  int page_number = 1;
  size_t begin = 0;
  size_t end = 0;
};

enum class Stage { kIngest, kExtract, kNormalize, kDecide, kPipeline };

// Something that went wrong with an input. `message` never quotes record text.
struct Problem {
  Stage stage = Stage::kPipeline;
  std::string code;     // stable, snake_case: "encrypted_needs_password"
  int page_number = 0;  // 0: the whole document
  std::string message;
};

struct Source {
  std::string path;
  std::string sha256;
  uint64_t bytes = 0;
  int page_count = 0;
  bool encrypted = false;
  std::vector<int> ocr_pages;
  bool pdf = false;  // read as a PDF (not written: the type a FHIR writer names)
};

// The output of ingest: pages of text with their layout, sections and type.
struct Document {
  Source source;
  std::string doc_type = "other";
  std::vector<Page> pages;
  std::vector<Section> sections;
  std::vector<Problem> problems;
};

// One document of an input that holds several (a case packet); a
// single-document input is a packet of one.
struct PacketDocument {
  std::string id;  // "d1"
  std::string doc_type = "other";
  int first_page = 1;
  int last_page = 1;
  std::string date;          // ISO: the document's own date, where it states one
  std::string author;        // the signer as printed, or ""
  std::string duplicate_of;  // the id of an earlier copy of the same words, or ""
};

// The header fields of the record contract (DESIGN.md), as an IMR letter's
// header table lists them: what eval scores and what a report counts.
inline constexpr std::string_view kHeaderFieldNames[] = {"case_number",    "date_assigned",  "decision_date",
                                                         "date_of_injury", "ur_denial_date", "application_received",
                                                         "priority"};

// A value the document states once, with the words that state it.
struct Field {
  std::string value;  // normalized: ISO date, lower-case keyword, case number
  Span span;
  std::string document;  // the PacketDocument id it came from
};

// Key/value detail of a fact (body_site, laterality, date, dose...). Values are
// strings or numbers written as strings; the JSON writer keeps numbers numeric.
using Attributes = std::map<std::string, std::string>;

struct Code {
  std::string system;  // "ICD-10-CM", "HCPCS", "CPT"
  std::string code;
};

// Another place that states the same fact (normalize/ merges repeats).
struct Evidence {
  Span span;
  std::string text;  // == Slice(page, span)
  std::string section;
};

struct Fact {
  std::string id;    // "f7": stable within a record
  std::string kind;  // date, age, sex, diagnosis, procedure, medication, finding, ...
  std::string text;  // == Slice(page, span)
  Span span;
  std::string section;
  std::string assertion = "present";
  std::string assertion_cue;  // the trigger that decided a non-default assertion
  Attributes value;
  std::optional<Code> code;
  std::string rule;  // "diagnosis.list@1"
  std::vector<Evidence> also;  // the same fact stated again elsewhere (in its document)
  std::string document;        // the PacketDocument id it came from
};

// What a letter in the input already decided about a request.
struct Reference {
  std::string decision;                      // upheld, overturned, ...
  std::vector<std::string> guidelines;       // claims administrator's, then reviewer's
  std::string claims_administrator_guideline;
  std::string reviewer_guideline;
  std::string statement;  // the whole item statement, partial-authorization text included
  Span statement_span;
};

struct CriterionResult {
  std::string id;
  std::string status;  // met, unmet, not_documented
  std::vector<std::string> evidence;  // fact ids
  // How the status was reached: "stated" (facts that say it, at the requested
  // body part where the criterion asks for one), "inferred" (a default, a
  // weighing, a possibility, a fact too general to carry it alone), or
  // "absent" (nothing in the record speaks to it).
  std::string how;
};

struct Determination {
  std::string outcome;  // medically_necessary, not_medically_necessary, insufficient_documentation
  std::string rule;
  std::vector<CriterionResult> criteria;
  std::vector<std::string> citations;
  std::string rationale;
  std::string guideline_era;  // acoem_2004, chronic_pain_2009, chronic_pain_2016, acoem_2017
  std::string request_date;   // ISO date that chose the era, or "" when none was found
  // How strongly the record supports the outcome, for triage: "strong" (every
  // criterion that decided it is stated), "moderate" (decided by stated facts,
  // others inferred or absent), "weak" (decided by inference or absence).
  std::string confidence;
};

struct Request {
  std::string id;  // "r1"
  std::string text;     // the words as the page has them: Slice(pages, span), line breaks and all
  std::string display;  // the same words on one line, for people and for matching
  // `display`, or `text` where a request was made without one (by hand, in a test).
  const std::string& DisplayText() const { return display.empty() ? text : display; }
  std::string category = "other";
  Attributes details;  // quantity, visits, frequency_per_week, weeks, body_site, drug, ...
  std::vector<Code> codes;  // HCPCS Level II where certain; CPT as written in the text
  Span span;
  std::optional<Reference> reference;
  std::optional<Determination> determination;
  std::string document;  // the PacketDocument id that states it
  // In a packet: the requests of other documents for the same treatment (an
  // RFA's item, the UR notice's decision on it, the IMR letter's), by id.
  std::vector<std::string> same_as;
};

struct Patient {
  std::optional<int> age;
  std::string sex;  // male, female, or empty when unknown
};

struct Reviewer {
  std::vector<std::string> licensure;
  std::string specialty;
};

// One dated point of the case: a header field or a date fact, on the calendar.
struct TimelineEntry {
  std::string date;       // ISO, as precise as printed
  std::string precision;  // day, month, year
  std::string role;       // injury, imaging, utilization_review, ... or ""
  std::string source;     // a fact id ("f3") or a field name ("date_of_injury")
};

// Everything imr says about one input document.
struct Record {
  Document document;
  std::vector<PacketDocument> documents;  // in page order; one for a single document
  std::map<std::string, Field> fields;  // case_number, date_of_injury, ...
  Patient patient;
  Reviewer reviewer;
  std::vector<Fact> facts;
  std::vector<Request> requests;
  std::vector<TimelineEntry> timeline;  // by date, then source
  std::vector<Problem> problems;  // the document's own problems come first
};

// Returns the words a span points at, or an empty view when the span does not
// fit the page. The view borrows from `page`.
std::string_view Slice(const Page& page, const Span& span);

// Same, looking the page up by span.page_number in `pages`.
std::string_view Slice(const std::vector<Page>& pages, const Span& span);

// The segments of the sections called `name`, in page order. Pointers borrow
// from `doc`.
std::vector<const Section*> SectionsNamed(const Document& doc, std::string_view name);

// "ingest", "extract", ... as the record names stages.
std::string_view StageName(Stage stage);

}  // namespace imr

#endif  // IMR_CORE_RECORD_H_
