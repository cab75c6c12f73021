#include "ingest/sections.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace imr {
namespace {

// Doc-type phrases are titles: they stand near the top of the first page.
constexpr size_t kTitleWindow = 1600;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }
bool IsLineSpace(char c) { return c == ' ' || c == '\t'; }

// Matches `phrase` at text[pos] without regard to case; a space in the phrase
// matches one or more whitespace characters, line breaks included. Returns the
// end of the match or npos.
size_t MatchPhrase(std::string_view text, size_t pos, std::string_view phrase) {
  size_t t = pos;
  for (size_t p = 0; p < phrase.size(); ++p) {
    if (phrase[p] == ' ') {
      if (t >= text.size() || !IsBlank(text[t])) return std::string_view::npos;
      while (t < text.size() && IsBlank(text[t])) ++t;
      continue;
    }
    if (t >= text.size()) return std::string_view::npos;
    const auto a = static_cast<unsigned char>(text[t]);
    const auto b = static_cast<unsigned char>(phrase[p]);
    if (std::tolower(a) != std::tolower(b)) return std::string_view::npos;
    ++t;
  }
  return t;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// First occurrence of `phrase` in `text` that starts and ends at word
// boundaries ("pr-2" is not found in "21-apr-2016").
size_t FindWord(std::string_view text, std::string_view phrase) {
  for (size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    const bool starts = at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(phrase.front());
    const bool ends = end == text.size() || !IsWordChar(text[end]) || !IsWordChar(phrase.back());
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

struct Heading {
  std::string_view name;
  size_t page_index = 0;
  size_t begin = 0;  // where the heading's words start
  size_t body = 0;   // where the section's own text starts
};

// If a heading starts at `line_start`, returns it. The phrase must fill the
// line, or be followed by a colon (then the body may go on on the same line).
bool MatchHeadingAt(std::string_view text, size_t line_start, Heading* out) {
  size_t pos = line_start;
  while (pos < text.size() && IsLineSpace(text[pos])) ++pos;
  for (const HeadingRow& row : HeadingTable()) {
    size_t end = MatchPhrase(text, pos, row.phrase);
    if (end == std::string_view::npos) continue;
    size_t after = end;
    while (after < text.size() && IsLineSpace(text[after])) ++after;
    const bool colon = after < text.size() && text[after] == ':';
    if (colon) ++after;
    const bool line_ends = after >= text.size() || text[after] == '\n';
    // "History of the injury..." is prose, not the HISTORY heading; nor is a
    // lower-case word that a line break left alone ("objective\nfindings\n").
    if (!colon && !line_ends) continue;
    if (!colon && std::islower(static_cast<unsigned char>(text[pos]))) continue;
    out->name = row.name;
    out->begin = pos;
    out->body = after;
    return true;
  }
  return false;
}

std::vector<Heading> FindHeadings(const std::vector<Page>& pages) {
  std::vector<Heading> headings;
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::string& text = pages[p].text;
    for (size_t line = 0; line < text.size();) {
      Heading h;
      if (MatchHeadingAt(text, line, &h)) {
        h.page_index = p;
        headings.push_back(h);
      }
      const size_t next = text.find('\n', std::max(line, h.body));
      if (next == std::string::npos) break;
      line = next + 1;
    }
  }
  return headings;
}

// Shrinks [begin, end) on `page` so that it starts and ends outside furniture
// and whitespace.
Span TrimSegment(const Page& page, size_t begin, size_t end) {
  bool moved = true;
  while (moved) {
    moved = false;
    while (begin < end && IsBlank(page.text[begin])) ++begin;
    while (end > begin && IsBlank(page.text[end - 1])) --end;
    for (const Span& f : page.furniture) {
      if (f.begin <= begin && begin < f.end) { begin = f.end; moved = true; }
      if (f.begin < end && end <= f.end) { end = f.begin; moved = true; }
    }
  }
  return {page.page_number, begin, end};
}

void AddSection(const std::vector<Page>& pages, std::string_view name, size_t from_page,
                size_t from, size_t to_page, size_t to, std::vector<Section>* out) {
  for (size_t p = from_page; p <= to_page && p < pages.size(); ++p) {
    const size_t begin = p == from_page ? from : 0;
    const size_t end = p == to_page ? to : pages[p].text.size();
    const Span s = TrimSegment(pages[p], begin, end);
    if (!s.empty()) out->push_back({std::string(name), s.page_number, s.begin, s.end});
  }
}

}  // namespace

const std::vector<HeadingRow>& HeadingTable() {
  // Longest phrases first so that "CLINICAL CASE SUMMARY" wins over "CASE SUMMARY".
  static const std::vector<HeadingRow> table = [] {
    std::vector<HeadingRow> rows = {
        // IMR letters, layout 1 ("Case Number:" header).
        {"how_determination_made", "HOW THE IMR FINAL DETERMINATION WAS MADE"},
        {"clinical_case_summary", "CLINICAL CASE SUMMARY"},
        {"decisions_and_rationales", "IMR ISSUES, DECISIONS AND RATIONALES"},
        // Layout 2 ("MAXIMUS FEDERAL SERVICES, INC. / Independent Medical Review").
        {"documents_reviewed", "DOCUMENTS REVIEWED"},
        {"decisions_and_rationales", "IMR DECISION(S) AND RATIONALE(S)"},
        {"decisions_and_rationales", "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"},
        // Layout 3 ("MEDICAL PROFESSIONAL REVIEW").
        {"issue_at_dispute", "ISSUE AT DISPUTE"},
        {"clinical_case_summary", "CASE SUMMARY"},
        {"documents_reviewed", "DOCUMENTS REVIEWED FOR DETERMINATION"},
        {"guidelines_relied_upon",
         "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY"},
        {"decisions_and_rationales",
         "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY"},
        {"reviewer_qualifications", "MEDICAL REVIEWER QUALIFICATIONS"},
        // Medical reports, RFAs and UR letters.
        {"chief_complaint", "CHIEF COMPLAINT"},
        {"chief_complaint", "CHIEF COMPLAINTS"},
        {"history", "HISTORY OF PRESENT ILLNESS"},
        {"history", "HISTORY OF INJURY"},
        {"history", "HISTORY"},
        {"past_medical_history", "PAST MEDICAL HISTORY"},
        {"family_history", "FAMILY HISTORY"},
        {"social_history", "SOCIAL HISTORY"},
        {"medications", "CURRENT MEDICATIONS"},
        {"medications", "MEDICATIONS"},
        {"allergies", "ALLERGIES"},
        {"review_of_systems", "REVIEW OF SYSTEMS"},
        {"subjective", "SUBJECTIVE COMPLAINTS"},
        {"subjective", "SUBJECTIVE"},
        {"physical_examination", "OBJECTIVE FINDINGS"},
        {"physical_examination", "OBJECTIVE"},
        {"physical_examination", "PHYSICAL EXAMINATION"},
        {"physical_examination", "PHYSICAL EXAM"},
        {"physical_examination", "EXAMINATION"},
        {"diagnostic_studies", "DIAGNOSTIC STUDIES"},
        {"findings", "FINDINGS"},
        {"impression", "IMPRESSION"},
        {"diagnoses", "DIAGNOSES"},
        {"diagnoses", "DIAGNOSIS"},
        {"diagnoses", "ASSESSMENT"},
        {"diagnoses", "PREOPERATIVE DIAGNOSIS"},
        {"diagnoses", "POSTOPERATIVE DIAGNOSIS"},
        {"procedure", "PROCEDURE PERFORMED"},
        {"procedure", "PROCEDURES PERFORMED"},
        {"procedure", "OPERATIVE PROCEDURE"},
        {"treatment_plan", "TREATMENT PLAN"},
        {"treatment_plan", "PLAN"},
        {"treatment_plan", "RECOMMENDATIONS"},
        {"work_status", "WORK STATUS"},
        {"request_for_authorization", "REQUEST FOR AUTHORIZATION"},
        {"request_for_authorization", "REQUESTED TREATMENT"},
        {"request_for_authorization", "REQUESTED SERVICES"},
        {"rationale", "RATIONALE"},
        {"determination", "DETERMINATION"},
        {"discussion", "DISCUSSION"},
    };
    std::stable_sort(rows.begin(), rows.end(), [](const HeadingRow& a, const HeadingRow& b) {
      return a.phrase.size() > b.phrase.size();
    });
    return rows;
  }();
  return table;
}

const std::vector<DocTypeRow>& DocTypeTable() {
  // The phrase found nearest the top wins; on a tie the earlier row.
  static const std::vector<DocTypeRow> table = {
      {"imr_final_determination", "IMR FINAL DETERMINATION"},
      {"imr_final_determination", "MEDICAL PROFESSIONAL REVIEW"},
      {"ur_determination", "UTILIZATION REVIEW DETERMINATION"},
      {"ur_determination", "NOTICE OF UTILIZATION REVIEW"},
      {"ur_determination", "UTILIZATION REVIEW DECISION"},
      // UR letters mention IMR rights too, so this weaker title comes after them.
      {"imr_final_determination", "Independent Medical Review"},
      {"operative_report", "OPERATIVE REPORT"},
      {"operative_report", "PROCEDURE NOTE"},
      {"imaging_report", "RADIOLOGY REPORT"},
      {"imaging_report", "IMAGING REPORT"},
      {"imaging_report", "MRI REPORT"},
      {"medical_legal_report", "QUALIFIED MEDICAL EVALUATION"},
      {"medical_legal_report", "AGREED MEDICAL EVALUATION"},
      {"medical_legal_report", "MEDICAL-LEGAL"},
      {"progress_report", "PROGRESS REPORT"},
      {"progress_report", "PR-2"},
      {"rfa", "REQUEST FOR AUTHORIZATION"},
      {"rfa", "DWC FORM RFA"},
      {"progress_report", "SUBJECTIVE"},
      {"progress_report", "OFFICE VISIT"},
  };
  return table;
}

std::vector<Section> FindSections(const std::vector<Page>& pages) {
  std::vector<Section> sections;
  const std::vector<Heading> headings = FindHeadings(pages);
  if (pages.empty()) return sections;
  const size_t first_page = headings.empty() ? pages.size() - 1 : headings[0].page_index;
  const size_t first_begin = headings.empty() ? pages.back().text.size() : headings[0].begin;
  AddSection(pages, "header", 0, 0, first_page, first_begin, &sections);
  for (size_t i = 0; i < headings.size(); ++i) {
    const Heading& h = headings[i];
    const bool last = i + 1 == headings.size();
    const size_t to_page = last ? pages.size() - 1 : headings[i + 1].page_index;
    const size_t to = last ? pages.back().text.size() : headings[i + 1].begin;
    AddSection(pages, h.name, h.page_index, h.body, to_page, to, &sections);
  }
  return sections;
}

std::string ClassifyDocument(const std::vector<Page>& pages) {
  if (pages.empty()) return "other";
  const std::string top = AsciiLower(
      CollapseWhitespace(std::string_view(pages[0].text).substr(0, kTitleWindow)));
  // The title comes first: the phrase found earliest wins, ties by table order.
  std::string_view best = "other";
  size_t best_at = std::string::npos;
  for (const DocTypeRow& row : DocTypeTable()) {
    const size_t at = FindWord(top, AsciiLower(row.phrase));
    if (at < best_at) {
      best_at = at;
      best = row.doc_type;
    }
  }
  return std::string(best);
}

}  // namespace imr
