#include "report/letter.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <set>
#include <stdexcept>

#include "core/text.h"
#include "report/html.h"

#ifdef IMR_HAVE_CAIRO
#include <cairo-pdf.h>

#include "tools/typeset.h"
#endif

namespace imr {
namespace {

// A quote longer than this is cut: the appendix quotes the record, it does
// not reprint it.
constexpr size_t kQuoteBytes = 240;
// Items named in one summary sentence; the rest are counted.
constexpr size_t kListedItems = 8;
// Dates named per kind of event in the summary.
constexpr size_t kListedDates = 4;

// ---------------------------------------------------------------------------
// Words

// At most `bytes` bytes of `text`, cut between characters, with an ellipsis.
std::string Cut(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Record text made fit to print: valid UTF-8, one line, trimmed.
std::string Clean(std::string_view text) { return CollapseWhitespace(SanitizeUtf8(text)); }

// "A", "A and B", "A, B and C"; past kListedItems, "A, ..., H and 3 others".
std::string ListPhrase(const std::vector<std::string>& items) {
  const size_t shown = std::min(items.size(), kListedItems);
  std::string out;
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == items.size()) ? " and " : ", ";
    out += items[i];
  }
  if (shown < items.size()) {
    const size_t rest = items.size() - shown;
    out += " and " + std::to_string(rest) + (rest == 1 ? " other" : " others");
  }
  return out;
}

bool IsIsoDay(std::string_view v) {
  return v.size() == 10 && v[4] == '-' && v[7] == '-' &&
         std::all_of(v.begin(), v.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

// "2016-10-13" -> "10/13/2016", as the letters print dates; "2016-10" ->
// "10/2016"; anything else as it is.
std::string LetterDate(std::string_view iso) {
  if (IsIsoDay(iso)) return std::string(iso.substr(5, 2)) + "/" + std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(0, 4));
  if (iso.size() == 7 && iso[4] == '-') return std::string(iso.substr(5, 2)) + "/" + std::string(iso.substr(0, 4));
  return std::string(iso);
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// "red_flags" -> "red flags": a criterion the rulebook did not name for us.
std::string IdWords(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

std::string SectionWords(const std::string& section) { return IdWords(section); }

// ---------------------------------------------------------------------------
// Evidence: each place in the record quoted once, numbered as first cited.

struct Mention {
  Span span;
  std::string text;
  std::string section;
};

class EvidenceBook {
 public:
  EvidenceBook(const Record& record, const LetterOptions& options) : record_(record), options_(options) {}

  bool IsDecided(const std::string& section) const {
    return options_.is_decision_section && options_.is_decision_section(section);
  }

  // Where a fact is stated outside any decision already made: its own words,
  // or the first repeat elsewhere; nothing when it is stated only in one.
  std::optional<Mention> Usable(const Fact& fact) const {
    if (!IsDecided(fact.section)) return Mention{fact.span, fact.text, fact.section};
    for (const Evidence& e : fact.also) {
      if (!IsDecided(e.section)) return Mention{e.span, e.text, e.section};
    }
    return std::nullopt;
  }

  const Fact* FactById(const std::string& id) const {
    for (const Fact& f : record_.facts) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }

  // The id of the evidence quoting `mention`; "" for one with no page.
  std::string Cite(const Mention& mention, const std::string& source) {
    if (mention.span.page_number <= 0) return "";
    const auto key = std::make_tuple(mention.span.page_number, mention.span.begin, mention.span.end);
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    std::string quote = Clean(mention.text);
    if (quote.empty()) quote = Clean(Slice(record_.document.pages, mention.span));
    if (quote.empty()) return "";
    LetterEvidence e;
    e.id = "E" + std::to_string(entries_.size() + 1);
    e.source = source;
    e.page_number = mention.span.page_number;
    e.section = mention.section.empty() ? SectionAt(mention.span) : mention.section;
    e.quote = Cut(quote, kQuoteBytes);
    entries_.push_back(e);
    ids_[key] = e.id;
    return e.id;
  }

  std::string CiteFact(const Fact& fact) {
    const std::optional<Mention> m = Usable(fact);
    return m ? Cite(*m, fact.id) : "";
  }

  // A criterion's evidence was chosen by decide/ among usable facts; a fact
  // with no usable mention is quoted where it stands rather than dropped.
  std::string CiteFactAnywhere(const Fact& fact) {
    const std::optional<Mention> m = Usable(fact);
    return Cite(m ? *m : Mention{fact.span, fact.text, fact.section}, fact.id);
  }

  std::string CiteField(const std::string& name) {
    auto it = record_.fields.find(name);
    if (it == record_.fields.end()) return "";
    const Field& field = it->second;
    return Cite({field.span, std::string(Slice(record_.document.pages, field.span)), ""}, name);
  }

  std::vector<LetterEvidence> TakeEntries() { return std::move(entries_); }

 private:
  // The section holding `span` (fields and requests name none of their own).
  std::string SectionAt(const Span& span) const {
    for (const Section& s : record_.document.sections) {
      if (s.page_number == span.page_number && s.begin <= span.begin && span.end <= s.end) return s.name;
    }
    return "";
  }

  const Record& record_;
  const LetterOptions& options_;
  std::map<std::tuple<int, size_t, size_t>, std::string> ids_;
  std::vector<LetterEvidence> entries_;
};

void AddId(std::vector<std::string>* ids, const std::string& id) {
  if (!id.empty() && std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
}

// ---------------------------------------------------------------------------
// The clinical case summary, in our sentences.

// The reviewer's credentials are no clinical facts.
bool IsAboutReviewer(const std::string& section) {
  return section == "how_determination_made" || section == "reviewer_qualifications";
}

// The distinct wordings of the facts `keep` selects, each with its evidence.
struct Listing {
  std::vector<std::string> words;
  std::vector<std::string> evidence;
};

template <typename Keep>
Listing ListFacts(const Record& record, EvidenceBook& book, Keep keep) {
  Listing out;
  std::set<std::string> seen;
  for (const Fact& f : record.facts) {
    if (!keep(f) || IsAboutReviewer(f.section)) continue;
    const std::optional<Mention> m = book.Usable(f);
    if (!m) continue;
    const std::string words = Clean(m->text);
    if (words.empty() || !seen.insert(CompareKey(words)).second) continue;
    if (out.words.size() < kListedItems) AddId(&out.evidence, book.Cite(*m, f.id));
    out.words.push_back(words);
  }
  return out;
}

void AddListSentence(const Listing& listing, const std::string& one, const std::string& many,
                     std::vector<LetterSentence>* out) {
  if (listing.words.empty()) return;
  const std::string& lead = listing.words.size() == 1 ? one : many;
  out->push_back({lead + " " + ListPhrase(listing.words) + ".", listing.evidence});
}

LetterSentence PatientSentence(const Record& record, EvidenceBook& book) {
  LetterSentence s;
  const Fact* age = nullptr;
  for (const Fact& f : record.facts) {
    if (f.kind != "age" || age) continue;
    age = &f;
    AddId(&s.evidence, book.CiteFact(f));
  }
  // "48-year-old male" states both; its "male" needs no entry of its own.
  for (const Fact& f : record.facts) {
    if (f.kind != "sex") continue;
    const bool within_age = age && age->span.page_number == f.span.page_number && age->span.begin <= f.span.begin &&
                            f.span.end <= age->span.end;
    if (!within_age) AddId(&s.evidence, book.CiteFact(f));
    break;
  }
  const std::string sex = record.patient.sex;
  if (record.patient.age && !sex.empty()) {
    s.text = "The injured worker is a " + std::to_string(*record.patient.age) + "-year-old " + sex + ".";
  } else if (record.patient.age) {
    s.text = "The injured worker is " + std::to_string(*record.patient.age) + " years old; the record states no sex.";
  } else if (!sex.empty()) {
    s.text = "The injured worker is " + sex + "; the record states no age.";
  } else {
    s.text = "The record does not state the injured worker's age or sex.";
  }
  return s;
}

LetterSentence InjurySentence(const Record& record, EvidenceBook& book) {
  auto it = record.fields.find("date_of_injury");
  if (it == record.fields.end() || it->second.value.empty()) return {"The record does not state the date of injury.", {}};
  LetterSentence s{"The claim is for an industrial injury on " + LetterDate(it->second.value) + ".", {}};
  AddId(&s.evidence, book.CiteField("date_of_injury"));
  return s;
}

// One sentence per kind of dated event ("Imaging is dated 09/24/2013."),
// from the case timeline; the injury has its own sentence.
void TimelineSentences(const Record& record, EvidenceBook& book, std::vector<LetterSentence>* out) {
  static const std::pair<const char*, const char*> kRoles[] = {
      {"evaluation", "Visits and evaluations are dated"},
      {"imaging", "Imaging and electrodiagnostic studies are dated"},
      {"procedure", "Procedures are dated"},
      {"surgery", "Surgery is dated"},
      {"request", "Requests for treatment are dated"},
      {"utilization_review", "Utilization review is dated"},
      {"imr_application", "The application for independent medical review is dated"},
  };
  for (const auto& [role, lead] : kRoles) {
    std::vector<std::string> dates;
    LetterSentence s;
    for (const TimelineEntry& t : record.timeline) {
      if (t.role != role) continue;
      std::string id;
      if (const Fact* f = book.FactById(t.source)) {
        if (IsAboutReviewer(f->section) || !book.Usable(*f)) continue;
        id = book.CiteFact(*f);
      } else if (record.fields.count(t.source)) {
        id = book.CiteField(t.source);
      } else {
        continue;
      }
      const std::string date = LetterDate(t.date);
      if (std::find(dates.begin(), dates.end(), date) == dates.end()) {
        if (dates.size() == kListedDates) break;
        dates.push_back(date);
      }
      AddId(&s.evidence, id);
    }
    if (dates.empty()) continue;
    s.text = std::string(lead) + " " + ListPhrase(dates) + ".";
    out->push_back(std::move(s));
  }
}

bool IsOneOf(const std::string& value, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

std::vector<LetterSentence> SummarySentences(const Record& record, EvidenceBook& book) {
  std::vector<LetterSentence> out;
  out.push_back(PatientSentence(record, book));
  out.push_back(InjurySentence(record, book));
  const auto kind_as = [](std::string_view kind, std::initializer_list<std::string_view> assertions) {
    return [kind, assertions](const Fact& f) { return f.kind == kind && IsOneOf(f.assertion, assertions); };
  };
  const Listing diagnoses = ListFacts(record, book, kind_as("diagnosis", {"present"}));
  if (diagnoses.words.empty()) out.push_back({"No diagnosis was found in the record.", {}});
  AddListSentence(diagnoses, "The diagnosis documented in the record is", "The diagnoses documented in the record are",
                  &out);
  AddListSentence(ListFacts(record, book, kind_as("diagnosis", {"historical"})), "The past history includes",
                  "The past history includes", &out);
  AddListSentence(ListFacts(record, book, kind_as("diagnosis", {"possible"})), "Under consideration is",
                  "Under consideration are", &out);
  TimelineSentences(record, book, &out);
  AddListSentence(ListFacts(record, book,
                            [](const Fact& f) {
                              return (f.kind == "procedure" || f.kind == "treatment_history") &&
                                     IsOneOf(f.assertion, {"present", "historical"});
                            }),
                  "The treatment to date includes", "The treatment to date includes", &out);
  AddListSentence(ListFacts(record, book, kind_as("medication", {"present", "historical"})),
                  "The medication documented is", "The medications documented are", &out);
  AddListSentence(ListFacts(record, book, kind_as("functional_status", {"present", "historical"})),
                  "Function and work status are documented as", "Function and work status are documented as", &out);
  AddListSentence(ListFacts(record, book, kind_as("finding", {"present"})), "The findings documented include",
                  "The findings documented include", &out);
  AddListSentence(ListFacts(record, book, kind_as("finding", {"absent"})), "The record notes the absence of",
                  "The record notes the absence of", &out);
  return out;
}

// The plan is what was asked for: the disputed items themselves.
LetterSentence PlanSentence(const Record& record, EvidenceBook& book) {
  std::vector<std::string> texts;
  LetterSentence s;
  for (const Request& r : record.requests) {
    texts.push_back(Clean(r.DisplayText()));
    AddId(&s.evidence, book.Cite({r.span, r.text, ""}, r.id));
  }
  if (texts.empty()) return {"The record names no disputed treatment request.", {}};
  s.text = "The treatment plan requests " + ListPhrase(texts) + ".";
  return s;
}

// ---------------------------------------------------------------------------
// The items.

std::string OutcomeWords(const std::string& outcome) {
  if (outcome == "medically_necessary") return "medically necessary";
  if (outcome == "not_medically_necessary") return "not medically necessary";
  if (outcome == "insufficient_documentation") return "not decidable on the documentation in the record";
  return IdWords(outcome);
}

LetterItem ItemFor(const Request& request, const LetterOptions& options, EvidenceBook& book) {
  LetterItem item;
  item.request_id = request.id;
  item.text = Clean(request.DisplayText());
  if (request.reference) item.claims_administrator_guideline = Clean(request.reference->claims_administrator_guideline);
  if (!request.determination) return item;
  const Determination& d = *request.determination;
  item.outcome = d.outcome;
  item.decision = std::string(LetterDecision(d.outcome));
  item.confidence = d.confidence;
  for (const std::string& c : d.citations) item.citations.push_back(Clean(c));
  item.rationale = Clean(d.rationale);
  const std::map<std::string, std::string>* says = nullptr;
  if (auto it = options.criterion_says.find(d.rule); it != options.criterion_says.end()) says = &it->second;
  for (const CriterionResult& c : d.criteria) {
    LetterCriterion lc;
    lc.status = c.status;
    lc.says = IdWords(c.id);
    if (says) {
      if (auto it = says->find(c.id); it != says->end() && !it->second.empty()) lc.says = Clean(it->second);
    }
    for (const std::string& id : c.evidence) {
      if (const Fact* f = book.FactById(id)) AddId(&lc.evidence, book.CiteFactAnywhere(*f));
    }
    item.criteria.push_back(std::move(lc));
  }
  return item;
}

// The closing sentence of a rationale: the drafted outcome and what it does
// to the denial.
std::string ConclusionSentence(const LetterItem& item) {
  if (item.decision.empty()) {
    return "No determination was drafted for this item; the reviewer decides it from the record.";
  }
  std::string s = "The drafted outcome is " + OutcomeWords(item.outcome) + ", so the utilization review denial is " +
                  (item.decision == "Overturned" ? "overturned" : "upheld");
  if (!item.confidence.empty()) s += "; the record's support for this draft is " + item.confidence;
  return s + ".";
}

std::string StatusWords(const std::string& status) {
  if (status == "met") return "Met";
  if (status == "unmet") return "Not met";
  if (status == "not_documented") return "Not documented";
  return Capitalized(IdWords(status));
}

// "Guidelines relied upon: Decision based on A; B.", the citations alone:
// source, chapter, topic and pages, never a guideline's words.
std::string GuidelinesLine(const LetterItem& item) {
  if (item.citations.empty()) return "Guidelines relied upon: none named by the drafted determination.";
  std::string line = "Guidelines relied upon: Decision based on ";
  for (size_t i = 0; i < item.citations.size(); ++i) line += (i ? "; " : "") + item.citations[i];
  if (line.back() != '.') line += '.';
  return line;
}

// The header table's rows: the letters' own labels and order first, then any
// other claim field the record holds. The reviewer's credentials are the
// signing reviewer's to state, not the record's.
std::vector<std::pair<std::string, std::string>> HeaderRows(const Record& record) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"case_number", "Case Number:"},         {"date_assigned", "Date Assigned:"},
      {"date_of_injury", "Date of Injury:"},   {"decision_date", "Decision Date:"},
      {"ur_denial_date", "UR Denial Date:"},   {"priority", "Priority:"},
      {"application_received", "Application Received:"},
  };
  std::vector<std::pair<std::string, std::string>> rows;
  std::set<std::string> done = {"reviewer_licensure", "reviewer_specialty"};
  const auto value_of = [](const std::string& v) { return Capitalized(LetterDate(Clean(v))); };
  for (const auto& [name, label] : kLabels) {
    done.insert(name);
    auto it = record.fields.find(name);
    if (it != record.fields.end() && !it->second.value.empty()) rows.emplace_back(label, value_of(it->second.value));
  }
  for (const auto& [name, field] : record.fields) {
    if (done.count(name) || field.value.empty()) continue;
    rows.emplace_back(Capitalized(IdWords(name)) + ":", value_of(field.value));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// HTML

constexpr std::string_view kDraftNotice =
    "DRAFT for a licensed reviewer to verify, edit and sign. Not a final determination.";

constexpr std::string_view kPreparedText =
    "imr drafted this letter from the case record: it found the facts the records state, each with its page, and "
    "applied criteria written in our own words from the guidelines named below, whose text it does not reproduce. "
    "Each statement names the evidence it rests on (E1, E2, ...), quoted at the end with its page in the case file. "
    "The reviewer checks every statement against the records, edits the summary and the rationales, and decides "
    "each item; until then this letter decides nothing.";

constexpr std::string_view kLetterCss = R"css(
body { background: #eef0f3; }
.letter { max-width: 8.5in; margin: 0 auto; padding: 0.6in 0.8in; background: #fff;
          font: 15px/1.5 "DejaVu Serif", Georgia, serif; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.draft-banner { border: 2px solid #b3261e; color: #b3261e; background: #fdf0ef; font-weight: 700;
                padding: 8px 12px; margin: 0 0 18px; text-align: center; letter-spacing: .02em; }
.letter h1 { text-align: center; font-size: 20px; }
.letter h2 { text-align: center; font-size: 15px; letter-spacing: .04em; margin-top: 30px; }
table.letter-header td { border: none; padding: 2px 14px 2px 0; }
table.letter-header td.label { color: var(--muted); }
.decision { border-left: 4px solid var(--rule); padding: 2px 0 2px 14px; margin: 22px 0; }
.decision-line { font-weight: 700; }
.outcome-upheld { color: #8a1c14; } .outcome-overturned { color: #1c6b2a; }
.criteria { margin: 4px 0 0; }
.evidence { list-style: none; padding-left: 0; } .evidence li { margin: 4px 0; } .evidence q { font-style: italic; }
.signoff { border-top: 1px solid var(--rule); margin-top: 30px; padding-top: 10px; }
.draft-footer { text-align: center; color: #b3261e; font: 12px "DejaVu Sans", Arial, sans-serif; margin: 24px 0 0; }
a.ev { font: 12px "DejaVu Sans", Arial, sans-serif; white-space: nowrap; }
@media print {
  body { background: #fff; padding: 0; } .letter { box-shadow: none; max-width: none; padding: 0; }
  .draft-footer { position: fixed; bottom: 0; left: 0; right: 0; }
}
)css";

std::string EvidenceLinks(const std::vector<std::string>& ids, const std::vector<LetterEvidence>& book) {
  std::string out;
  for (const std::string& id : ids) {
    auto it = std::find_if(book.begin(), book.end(), [&](const LetterEvidence& e) { return e.id == id; });
    if (it == book.end()) continue;
    const std::string anchor = "evidence-" + id;
    out += " <a class=\"ev\" href=\"#" + anchor + "\" data-scroll-to=\"" + anchor + "\" title=\"" +
           EscapeHtml(it->quote) + "\">" + EscapeHtml(id) + " p." + std::to_string(it->page_number) + "</a>";
  }
  return out;
}

std::string HeaderHtml(const DraftLetter& letter) {
  std::string html = "<table class=\"letter-header\" data-check=\"header\">";
  for (size_t i = 0; i < letter.header.size(); i += 2) {
    html += "<tr>";
    for (size_t k = i; k < i + 2; ++k) {
      if (k < letter.header.size()) {
        html += "<td class=\"label\">" + EscapeHtml(letter.header[k].first) + "</td><td>" +
                EscapeHtml(letter.header[k].second) + "</td>";
      } else {
        html += "<td></td><td></td>";
      }
    }
    html += "</tr>";
  }
  if (letter.header.empty()) html += "<tr><td>The record holds no claim fields.</td></tr>";
  return html + "</table>\n";
}

std::string ItemHtml(const LetterItem& item, const std::vector<LetterEvidence>& book) {
  std::string html = "<section class=\"decision\" data-check=\"decision\" id=\"item-" + EscapeHtml(item.request_id) + "\">\n";
  const std::string outcome_class = item.decision == "Overturned" ? "outcome-overturned"
                                    : item.decision == "Upheld"   ? "outcome-upheld"
                                                                  : "outcome-none";
  html += "<p class=\"decision-line\">" + EscapeHtml(item.text) + ":&nbsp; <span class=\"" + outcome_class + "\">" +
          EscapeHtml(item.decision.empty() ? "no drafted decision" : item.decision) + "</span></p>\n";
  if (!item.claims_administrator_guideline.empty()) {
    html += "<p><em>Claims Administrator guideline:</em> Decision based on " +
            EscapeHtml(item.claims_administrator_guideline) + "</p>\n";
  }
  constexpr std::string_view kLabel = "Guidelines relied upon:";
  html += "<p><em>" + std::string(kLabel) + "</em>" + EscapeHtml(GuidelinesLine(item).substr(kLabel.size())) +
          "</p>\n<p><em>Decision rationale:</em> ";
  if (!item.rationale.empty()) html += EscapeHtml(item.rationale) + " ";
  html += EscapeHtml(ConclusionSentence(item)) + "</p>\n";
  if (!item.criteria.empty()) {
    html += "<ul class=\"criteria\">";
    for (const LetterCriterion& c : item.criteria) {
      html += "<li><strong>" + EscapeHtml(StatusWords(c.status)) + "</strong> — " + EscapeHtml(c.says) +
              EvidenceLinks(c.evidence, book) + ".</li>";
    }
    html += "</ul>\n";
  }
  return html + "</section>\n";
}

std::string EvidenceHtml(const std::vector<LetterEvidence>& book) {
  std::string html = "<h2>EVIDENCE FROM THE RECORD</h2>\n";
  if (book.empty()) return html + "<p class=\"muted\">No statement above quotes the record.</p>\n";
  html += "<ul class=\"evidence\">";
  for (const LetterEvidence& e : book) {
    html += "<li id=\"evidence-" + EscapeHtml(e.id) + "\"><strong>" + EscapeHtml(e.id) + "</strong> · page " +
            std::to_string(e.page_number);
    if (!e.section.empty()) html += " · " + EscapeHtml(SectionWords(e.section));
    html += " — <q>" + EscapeHtml(e.quote) + "</q></li>";
  }
  return html + "</ul>\n";
}

// ---------------------------------------------------------------------------
// PDF

#ifdef IMR_HAVE_CAIRO

using typeset::Block;
using typeset::BlockKind;
using typeset::FontStyle;

// Joins an evidence id to its page in the PDF's references: a no-break space,
// so that a reference never wraps in two.
constexpr std::string_view kRefJoint = "\u00a0p.";

// "[E1 p.1; E2 p.3]": a statement's evidence as the PDF prints it.
std::string EvidenceRefs(const std::vector<std::string>& ids, const std::vector<LetterEvidence>& book) {
  std::string out;
  for (const std::string& id : ids) {
    auto it = std::find_if(book.begin(), book.end(), [&](const LetterEvidence& e) { return e.id == id; });
    if (it == book.end()) continue;
    out += (out.empty() ? "[" : "; ") + id + std::string(kRefJoint) + std::to_string(it->page_number);
  }
  return out.empty() ? out : out + "]";
}

// "Not met: no radicular signs [E2 p.1]."
std::string CriterionLine(const LetterCriterion& c, const std::vector<LetterEvidence>& book) {
  std::string line = StatusWords(c.status) + " — " + c.says;
  const std::string refs = EvidenceRefs(c.evidence, book);
  if (!refs.empty()) line += " " + refs;
  return line + ".";
}

// A sentence's text with its references placed before its final stop.
std::string WithRefs(const LetterSentence& s, const std::vector<LetterEvidence>& book) {
  const std::string refs = EvidenceRefs(s.evidence, book);
  if (refs.empty()) return s.text;
  if (!s.text.empty() && s.text.back() == '.') return s.text.substr(0, s.text.size() - 1) + " " + refs + ".";
  return s.text + " " + refs;
}

constexpr double kBulletTextIndent = 36;  // typeset's hanging indent for bullets
constexpr double kDraftFooterBaseline = typeset::kPageHeight - 46;

// How a wrapped line may break the letter for its reader (our extractor,
// extract/letter_requests.h, written for the real letters).
enum class LineUse {
  kProse,      // a paragraph: no line may open a section
  kStatement,  // "<item>:  Upheld": besides, no line but the last may end in a
               // colon or open with a paragraph label, or the item read back
               // would start after it
};

// "Decision rationale:", "Claims Administrator guideline:", "MAXIMUS
// guideline:": the labels that open the paragraphs after an item.
bool OpensWithParagraphLabel(std::string_view line) {
  const std::string lower = AsciiLower(line);
  for (std::string_view label : {"decision rationale", "claims administrator guideline", "maximus guideline"}) {
    if (lower.starts_with(label) && lower.find(':') != std::string::npos &&
        TrimView(std::string_view(lower).substr(label.size(), lower.find(':') - label.size())).empty()) {
      return true;
    }
  }
  return false;
}

// Our sectioner reads a line that opens with a heading ("Plan:", "Diagnoses:")
// as the start of a new section, which would cut the decisions off from their
// section. A wrapped line may open so only by chance, inside a quote, a
// citation or a request's own words: such a line takes the word before it.
class Wrapper {
 public:
  Wrapper(typeset::TextMeasurer& measurer, const std::function<bool(std::string_view)>& opens_section)
      : measurer_(measurer), opens_section_(opens_section) {}

  // `text` as lines of `width` joined with '\n'.
  std::string Wrap(const std::string& text, double width, FontStyle style, LineUse use = LineUse::kProse) {
    std::vector<std::string> lines = typeset::WrapText(text, width, style, measurer_);
    for (size_t i = 1; i < lines.size(); ++i) {
      for (int moved = 0; moved < 4 && BreaksAt(lines, i, use); ++moved) {
        const size_t space = lines[i - 1].rfind(' ');
        if (space == std::string::npos) break;
        std::string rest = lines[i - 1].substr(space + 1) + " " + lines[i];
        for (size_t k = i + 1; k < lines.size(); ++k) rest += " " + lines[k];
        lines[i - 1].resize(space);
        lines.resize(i);
        for (std::string& line : typeset::WrapText(rest, width, style, measurer_)) lines.push_back(std::move(line));
      }
    }
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
    return out;
  }

  // A table cell's lines, each within `width`; a word wider than the cell is
  // broken between characters (the layout refuses a cell wider than its column).
  std::string WrapCell(const std::string& text, double width) {
    std::vector<std::string> pieces;
    for (const std::string& line : typeset::WrapText(text, width, FontStyle::kBody, measurer_)) {
      std::string rest = line;
      while (!rest.empty() && measurer_.Width(rest, FontStyle::kBody) > width) {
        size_t cut = rest.size() - 1;
        while (cut > 1 && ((static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80 ||
                           measurer_.Width(rest.substr(0, cut), FontStyle::kBody) > width)) {
          --cut;
        }
        pieces.push_back(rest.substr(0, cut));
        rest = rest.substr(cut);
      }
      if (!rest.empty()) pieces.push_back(rest);
    }
    std::string out;
    for (const std::string& piece : pieces) out += (out.empty() ? "" : "\\n") + piece;
    return out;
  }

 private:
  // Whether the break between lines[i - 1] and lines[i] misleads the reader.
  bool BreaksAt(const std::vector<std::string>& lines, size_t i, LineUse use) const {
    if (opens_section_ && opens_section_(lines[i])) return true;
    if (use != LineUse::kStatement) return false;
    const std::string_view before = TrimView(lines[i - 1]);
    return (!before.empty() && before.back() == ':') || (i + 1 < lines.size() && OpensWithParagraphLabel(lines[i]));
  }

  typeset::TextMeasurer& measurer_;
  const std::function<bool(std::string_view)>& opens_section_;
};

void AddGap(std::vector<Block>* blocks) { blocks->push_back({BlockKind::kGap, "", {}, ""}); }

void AddParagraph(Wrapper& wrap, const std::string& text, std::vector<Block>* blocks) {
  blocks->push_back({BlockKind::kParagraph, wrap.Wrap(text, typeset::kTextWidth, FontStyle::kBody), {}, ""});
}

void AddBullet(Wrapper& wrap, const std::string& text, std::vector<Block>* blocks) {
  blocks->push_back(
      {BlockKind::kBullet, wrap.Wrap(text, typeset::kTextWidth - kBulletTextIndent, FontStyle::kBody), {}, ""});
}

void AddHeading(const std::string& text, std::vector<Block>* blocks) {
  AddGap(blocks);
  blocks->push_back({BlockKind::kCenteredHeading, text, {}, ""});
}

// Two label/value pairs per row, as the letters print their header.
void AddHeaderTable(const DraftLetter& letter, Wrapper& wrap, std::vector<Block>* blocks) {
  constexpr double kCellGap = 4;
  for (size_t i = 0; i < letter.header.size(); i += 2) {
    Block row{BlockKind::kTableRow, "", {}, ""};
    for (size_t k = 0; k < 2 && i + k < letter.header.size(); ++k) {
      const auto& [label, value] = letter.header[i + k];
      for (size_t c = 0; c < 2; ++c) {
        const size_t column = 2 * k + c;
        const double width = typeset::ColumnLimit(column) - typeset::kColumnX[column] - kCellGap;
        row.cells[column] = wrap.WrapCell(c == 0 ? label : value, width);
      }
    }
    blocks->push_back(std::move(row));
  }
}

std::vector<Block> LetterBlocks(const DraftLetter& letter, Wrapper& wrap) {
  std::vector<Block> blocks;
  blocks.push_back({BlockKind::kTitle, "DRAFT Independent Medical Review Determination", {}, ""});
  blocks.push_back({BlockKind::kSmallCentered, std::string(kDraftNotice), {}, ""});
  AddGap(&blocks);
  AddHeaderTable(letter, wrap, &blocks);
  AddHeading("HOW THIS DRAFT WAS PREPARED", &blocks);
  AddParagraph(wrap, std::string(kPreparedText), &blocks);
  AddHeading("CLINICAL CASE SUMMARY", &blocks);
  AddParagraph(wrap, "This clinical case summary was drafted from the case file; each statement names its evidence:",
               &blocks);
  AddGap(&blocks);
  std::string summary;
  for (const LetterSentence& s : letter.summary) summary += (summary.empty() ? "" : " ") + WithRefs(s, letter.evidence);
  AddParagraph(wrap, summary, &blocks);
  AddHeading("IMR ISSUES, DECISIONS AND RATIONALES", &blocks);
  AddParagraph(wrap, "The drafted determination rests on decisions for the disputed items/services set forth below:",
               &blocks);
  for (const LetterItem& item : letter.items) {
    AddGap(&blocks);
    // The extractor's form: the item, a colon, and the decision ending the line.
    const std::string decision = item.decision.empty() ? "No drafted decision" : item.decision;
    blocks.push_back({BlockKind::kLeftHeading,
                      wrap.Wrap(item.text + ":  " + decision, typeset::kTextWidth, FontStyle::kBold,
                                LineUse::kStatement),
                      {}, ""});
    AddGap(&blocks);
    if (!item.claims_administrator_guideline.empty()) {
      AddParagraph(wrap, "Claims Administrator guideline: Decision based on " + item.claims_administrator_guideline,
                   &blocks);
      AddGap(&blocks);
    }
    AddParagraph(wrap, GuidelinesLine(item), &blocks);
    AddGap(&blocks);
    std::string rationale = "Decision rationale: ";
    if (!item.rationale.empty()) rationale += item.rationale + " ";
    AddParagraph(wrap, rationale + ConclusionSentence(item), &blocks);
    if (!item.criteria.empty()) {
      AddGap(&blocks);
      AddParagraph(wrap, "The criteria as drafted:", &blocks);
      for (const LetterCriterion& c : item.criteria) AddBullet(wrap, CriterionLine(c, letter.evidence), &blocks);
    }
  }
  AddHeading("FOR THE LICENSED REVIEWER", &blocks);
  AddParagraph(wrap,
               "This draft is not a determination. The reviewer verifies it against the case file, edits it, decides "
               "each item, and signs below.",
               &blocks);
  AddGap(&blocks);
  AddParagraph(wrap, "Reviewer: ____________________________   Licensure and specialty: ____________________", &blocks);
  AddGap(&blocks);
  AddParagraph(wrap, "Reviewer signature and date: ____________________________", &blocks);
  AddHeading("EVIDENCE FROM THE RECORD", &blocks);
  AddParagraph(wrap, "Quoted from the case file as imr read it, with the page of each quote.", &blocks);
  for (const LetterEvidence& e : letter.evidence) {
    std::string line = e.id + " — page " + std::to_string(e.page_number);
    if (!e.section.empty()) line += " (" + SectionWords(e.section) + ")";
    AddBullet(wrap, line + ": “" + e.quote + "”", &blocks);
  }
  return blocks;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Evidence references in the body ("[E3\u00a0p.1; E4\u00a0p.2]") link to their
// entry at the end of the letter.
void LinkEvidenceRefs(cairo_t* cr, typeset::TextMeasurer& measurer, const typeset::TextRun& run) {
  constexpr double kAscent = 9, kHeight = 12;
  const std::string& text = run.text;
  const auto digits_from = [&](size_t at) {
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    return at;
  };
  for (size_t at = text.find('E'); at != std::string::npos; at = text.find('E', at + 1)) {
    const bool opens = at > 0 && (text[at - 1] == '[' || (at >= 2 && text[at - 1] == ' ' && text[at - 2] == ';'));
    const size_t id_end = digits_from(at + 1);
    if (!opens || id_end == at + 1 || text.compare(id_end, kRefJoint.size(), kRefJoint) != 0) continue;
    const size_t end = digits_from(id_end + kRefJoint.size());
    if (end == id_end + kRefJoint.size()) continue;
    const double x = run.x + measurer.Width(text.substr(0, at), run.style);
    const double width = measurer.Width(text.substr(at, end - at), run.style);
    const std::string attributes = "dest='evidence-" + text.substr(at, id_end - at) + "' rect=[" +
                                   std::to_string(x) + " " + std::to_string(run.baseline - kAscent) + " " +
                                   std::to_string(width) + " " + std::to_string(kHeight) + "]";
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes.c_str());
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
}

// The evidence entry a run opens ("E3 — page 1 ..."), or "".
std::string EntryOpenedBy(const typeset::TextRun& run, const std::set<std::string>& ids) {
  const size_t dash = run.text.find(" — page ");
  if (dash == std::string::npos) return "";
  const std::string id = run.text.substr(0, dash);
  return ids.count(id) ? id : "";
}

void SetDraftColor(cairo_t* cr, bool draft) {
  if (draft) {
    cairo_set_source_rgb(cr, 0.70, 0.15, 0.12);
  } else {
    cairo_set_source_rgb(cr, 0, 0, 0);
  }
}

void PaintPage(cairo_t* cr, typeset::TextMeasurer& measurer, const typeset::PageLayout& page, int page_number,
               int page_count, const std::string& running_header, const std::set<std::string>& ids) {
  SetDraftColor(cr, true);
  typeset::ShowRunningLine(cr, measurer, typeset::ExpandPageFields(running_header, page_number, page_count),
                           typeset::kHeaderBaseline);
  SetDraftColor(cr, false);
  for (const typeset::TextRun& run : page.runs) {
    const std::string entry = EntryOpenedBy(run, ids);
    if (run.text == kDraftNotice || run.style == FontStyle::kTitle) {
      SetDraftColor(cr, true);
      typeset::ShowRun(cr, run);
      SetDraftColor(cr, false);
    } else if (!entry.empty()) {
      cairo_tag_begin(cr, CAIRO_TAG_DEST, ("name='evidence-" + entry + "'").c_str());
      typeset::ShowRun(cr, run);
      cairo_tag_end(cr, CAIRO_TAG_DEST);
    } else {
      typeset::ShowRun(cr, run);
      if (run.style == FontStyle::kBody) LinkEvidenceRefs(cr, measurer, run);
    }
  }
  // The notice and the page number stand on lines of their own: "Page 2 of 3"
  // alone is what readers (ours too) take for a page number.
  SetDraftColor(cr, true);
  typeset::ShowRunningLine(cr, measurer, kDraftNotice, kDraftFooterBaseline);
  SetDraftColor(cr, false);
  typeset::ShowRunningLine(cr, measurer, typeset::ExpandPageFields("Page {page} of {pages}", page_number, page_count),
                           typeset::kFooterBaseline);
  cairo_show_page(cr);
}

#endif  // IMR_HAVE_CAIRO

}  // namespace

std::string_view LetterDecision(std::string_view outcome) {
  if (outcome == "medically_necessary") return "Overturned";
  if (outcome == "not_medically_necessary" || outcome == "insufficient_documentation") return "Upheld";
  return "";
}

DraftLetter DraftLetterFor(const Record& record, const LetterOptions& options) {
  DraftLetter letter;
  if (auto it = record.fields.find("case_number"); it != record.fields.end()) letter.case_number = Clean(it->second.value);
  letter.header = HeaderRows(record);
  EvidenceBook book(record, options);
  letter.summary = SummarySentences(record, book);
  letter.summary.push_back(PlanSentence(record, book));
  for (const Request& r : record.requests) letter.items.push_back(ItemFor(r, options, book));
  letter.evidence = book.TakeEntries();
  return letter;
}

std::string LetterHtml(const DraftLetter& letter) {
  HtmlPage page;
  page.title = "DRAFT determination" + (letter.case_number.empty() ? "" : " — " + letter.case_number);
  page.css = std::string(kLetterCss);
  std::string& body = page.body;
  body += "<div class=\"letter\">\n<div class=\"draft-banner\" role=\"note\" data-check=\"draft\">" +
          EscapeHtml(kDraftNotice) + "</div>\n";
  body += "<h1>DRAFT Independent Medical Review Determination</h1>\n";
  body += HeaderHtml(letter);
  body += "<h2>HOW THIS DRAFT WAS PREPARED</h2>\n<p>" + EscapeHtml(kPreparedText) + "</p>\n";
  body += "<h2>CLINICAL CASE SUMMARY</h2>\n<p class=\"summary\" data-check=\"summary\">";
  for (const LetterSentence& s : letter.summary) {
    // The links stand inside the sentence, before its full stop.
    const bool stop = !s.text.empty() && s.text.back() == '.';
    body += "<span class=\"sentence\">" + EscapeHtml(stop ? s.text.substr(0, s.text.size() - 1) : s.text) +
            EvidenceLinks(s.evidence, letter.evidence) + (stop ? "." : "") + "</span> ";
  }
  body += "</p>\n<h2>IMR ISSUES, DECISIONS AND RATIONALES</h2>\n";
  if (letter.items.empty()) body += "<p>The record names no disputed item.</p>\n";
  for (const LetterItem& item : letter.items) body += ItemHtml(item, letter.evidence);
  body += "<div class=\"signoff\"><h2>FOR THE LICENSED REVIEWER</h2><p>This draft is not a determination. The "
          "reviewer verifies it against the case file, edits it, decides each item, and signs it.</p>"
          "<p>Reviewer: ______________________ &nbsp; Licensure and specialty: ______________________</p>"
          "<p>Reviewer signature and date: ______________________</p></div>\n";
  body += EvidenceHtml(letter.evidence);
  body += "<p class=\"draft-footer\">" + EscapeHtml(kDraftNotice) + "</p>\n</div>\n";
  return RenderPage(page);
}

#ifdef IMR_HAVE_CAIRO

bool CanTypesetLetterPdf() { return true; }

std::string LetterPdf(const DraftLetter& letter, const std::function<bool(std::string_view)>& opens_section) {
  typeset::TextMeasurer measurer;
  Wrapper wrap(measurer, opens_section);
  std::vector<typeset::PageLayout> pages;
  try {
    pages = typeset::LayOutPages(LetterBlocks(letter, wrap), measurer);
  } catch (const typeset::InputError&) {
    throw std::runtime_error("the letter could not be laid out");  // the message would quote the record
  }
  std::string bytes;
  typeset::SurfacePtr surface(cairo_pdf_surface_create_for_stream(AppendToString, &bytes, typeset::kPageWidth,
                                                                  typeset::kPageHeight));
  // The dates are cairo's (now): when the draft was made is worth knowing.
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "imr letter");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "DRAFT determination letter");
  // The page number heads the page too: a reader of page numbers (ours in
  // ingest/packet.h) looks at the top lines first, and words near the foot
  // ("page 1" in a quote, "6/10") could pass for one.
  const std::string running_header = "DRAFT determination for a licensed reviewer" +
                                     (letter.case_number.empty() ? std::string() : " · Case " + letter.case_number) +
                                     " · Page {page} of {pages}";
  std::set<std::string> ids;
  for (const LetterEvidence& e : letter.evidence) ids.insert(e.id);
  {
    typeset::ContextPtr cr(cairo_create(surface.get()));
    const int page_count = static_cast<int>(pages.size());
    for (int i = 0; i < page_count; ++i) PaintPage(cr.get(), measurer, pages[i], i + 1, page_count, running_header, ids);
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo could not write the PDF: ") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return bytes;
}

#else

bool CanTypesetLetterPdf() { return false; }

std::string LetterPdf(const DraftLetter&, const std::function<bool(std::string_view)>&) {
  throw std::runtime_error("imr was built without cairo: no PDF letters");
}

#endif

}  // namespace imr
