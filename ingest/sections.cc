#include "ingest/sections.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/text.h"

namespace imr {
namespace {

// Doc-type phrases are titles: they stand near the top of the first page.
constexpr size_t kTitleWindow = 1600;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }
bool IsLineSpace(char c) { return c == ' ' || c == '\t'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

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
    if (t >= text.size() || LowerAscii(text[t]) != LowerAscii(phrase[p])) return std::string_view::npos;
    ++t;
  }
  return t;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The heading rows whose phrase can start with `c` (any case), in table
// order: a line start is tried against these alone, not the whole table.
// Over a 200-page packet, trying every row at every line start and sentence
// start was an eighth of the document's work.
const std::vector<const HeadingRow*>& RowsStartingWith(char c) {
  static const auto* rows = [] {
    auto* by_first = new std::array<std::vector<const HeadingRow*>, 256>;
    for (const HeadingRow& row : HeadingTable()) {
      // A phrase is words; one that began with a space (any whitespace) or
      // were empty could start anywhere.
      const bool anywhere = row.phrase.empty() || row.phrase.front() == ' ';
      for (int k = 0; k < 256; ++k) {
        const char first = static_cast<char>(k);
        if (anywhere || LowerAscii(first) == LowerAscii(row.phrase.front())) (*by_first)[k].push_back(&row);
      }
    }
    return by_first;
  }();
  return (*rows)[static_cast<unsigned char>(c)];
}

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

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }

bool HasNoLowerCase(std::string_view text) { return std::none_of(text.begin(), text.end(), IsLower); }

// After a heading's colon: "HEADING:, text" (transcribed notes) and spaces.
size_t SkipAfterColon(std::string_view text, size_t at) {
  while (at < text.size() && IsLineSpace(text[at])) ++at;
  if (at < text.size() && text[at] == ',') ++at;
  while (at < text.size() && IsLineSpace(text[at])) ++at;
  return at;
}

// If a table heading starts at `pos`, returns it. At a line start (`inline_text`
// false) the phrase must fill the line, or be followed by a colon (then the
// body may go on on the same line); within a line it must be in capitals and
// followed by a colon.
bool MatchHeadingAt(std::string_view text, size_t pos, bool inline_text, Heading* out) {
  if (pos >= text.size()) return false;
  for (const HeadingRow* candidate : RowsStartingWith(text[pos])) {
    const HeadingRow& row = *candidate;
    size_t end = MatchPhrase(text, pos, row.phrase);
    if (end == std::string_view::npos) continue;
    if (end < text.size() && IsWordChar(text[end]) && IsWordChar(row.phrase.back())) continue;
    size_t after = end;
    while (after < text.size() && IsLineSpace(text[after])) ++after;
    const bool colon = after < text.size() && text[after] == ':';
    if (colon) ++after;
    const bool line_ends = after >= text.size() || text[after] == '\n';
    // "History of the injury..." is prose, not the HISTORY heading; nor is a
    // lower-case word that a line break left alone ("objective\nfindings\n").
    if (!colon && !line_ends) continue;
    if (!colon && IsLower(text[pos])) continue;
    if (inline_text && (!colon || !HasNoLowerCase(text.substr(pos, end - pos)))) continue;
    out->name = row.name;
    out->begin = pos;
    out->body = colon ? SkipAfterColon(text, after) : after;
    return true;
  }
  return false;
}

// The section a heading in capitals that no row names as a whole belongs to:
// the longest table phrase among its words ("HISTORY OF PRESENT ILLNESS AND
// HOSPITAL COURSE" is history, "SECONDARY DIAGNOSES PRIOR TO ADMISSION"
// diagnoses), or "other".
std::string_view SectionOfUnlisted(std::string_view heading) {
  const HeadingRow* best = nullptr;
  for (size_t at = 0; at < heading.size(); ++at) {
    if (at > 0 && IsWordChar(heading[at - 1])) continue;
    for (const HeadingRow* candidate : RowsStartingWith(heading[at])) {
      const HeadingRow& row = *candidate;
      const size_t end = MatchPhrase(heading, at, row.phrase);
      if (end == std::string_view::npos || (end < heading.size() && IsWordChar(heading[end]))) continue;
      if (!best || row.phrase.size() > best->phrase.size()) best = &row;
    }
  }
  if (!best || best->name.empty()) return "other";
  // "DIAGNOSES PRIOR TO ADMISSION", "PREVIOUS DIAGNOSES": a past history.
  static constexpr std::string_view kPast[] = {"PRIOR", "PAST", "PREVIOUS", "OLD"};
  if (best->name == "diagnoses" &&
      std::any_of(std::begin(kPast), std::end(kPast), [&](std::string_view w) { return FindWord(heading, w) != std::string_view::npos; })) {
    return "past_medical_history";
  }
  return best->name;
}

// "TOURNIQUET TIME: 40 minutes": a heading no table row names, in capitals at
// a line start, ending in a colon, of at most eight words.
bool MatchUnlistedHeadingAt(std::string_view text, size_t pos, Heading* out) {
  size_t end = pos, words = 0, letters = 0;
  bool in_word = false;
  for (; end < text.size() && text[end] != ':' && text[end] != '\n'; ++end) {
    const char c = text[end];
    if (IsLower(c)) return false;
    if (IsUpper(c)) ++letters;
    if (!(IsUpper(c) || std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '/' || c == '&' ||
          c == '-' || c == '(' || c == ')' || c == '\'' || c == ',')) {
      return false;
    }
    const bool word_char = c != ' ';
    if (word_char && !in_word) ++words;
    in_word = word_char;
  }
  if (end >= text.size() || text[end] != ':' || letters < 3 || words > 8 || !IsUpper(text[pos])) return false;
  out->name = SectionOfUnlisted(text.substr(pos, end - pos));
  out->begin = pos;
  out->body = SkipAfterColon(text, end + 1);
  return true;
}

// Where a heading may start inside a line: after the end of a sentence or a
// list item (". ", ".,", "; ", ":, ") and before a capital letter.
bool MayStartInline(std::string_view text, size_t at) {
  if (at == 0 || !IsUpper(text[at])) return false;
  size_t k = at;
  while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
  if (k == 0 || text[k - 1] == '\n') return false;  // a line start: handled there
  const char p = text[k - 1];
  if (p == '.' || p == ';') return true;
  return p == ',' && k >= 2 && (text[k - 2] == '.' || text[k - 2] == ':');
}

// The sections of a review letter: inside them a line in capitals before a
// colon is the letter's own item ("MRI OF THE LUMBAR SPINE: Upheld"), not a
// heading.
bool IsLetterSection(std::string_view name) {
  return name == "decisions_and_rationales" || name == "issue_at_dispute" || name == "clinical_case_summary" ||
         name == "documents_reviewed" || name == "guidelines_relied_upon" || name == "how_determination_made" ||
         name == "reviewer_qualifications" || name == "rationale" || name == "determination";
}

std::vector<Heading> FindHeadings(const std::vector<Page>& pages) {
  std::vector<Heading> headings;
  std::string_view current = "header";
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::string& text = pages[p].text;
    bool line_start = true;
    for (size_t at = 0; at < text.size();) {
      Heading h;
      bool found = false;
      if (line_start) {
        size_t pos = at;
        while (pos < text.size() && IsLineSpace(text[pos])) ++pos;
        found = MatchHeadingAt(text, pos, false, &h) ||
                (!IsLetterSection(current) && MatchUnlistedHeadingAt(text, pos, &h));
      } else if (MayStartInline(text, at)) {
        found = MatchHeadingAt(text, at, true, &h);
      }
      if (found) {
        // A sub-heading (a body system) stays in its section.
        if (!h.name.empty()) {
          h.page_index = p;
          headings.push_back(h);
          current = h.name;
        }
        line_start = h.body > 0 && text[h.body - 1] == '\n';
        at = std::max(h.body, at + 1);
        continue;
      }
      line_start = text[at] == '\n';
      ++at;
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
        {"chief_complaint", "CC"},
        {"chief_complaint", "REASON FOR VISIT"},
        {"chief_complaint", "REASON FOR CONSULTATION"},
        {"chief_complaint", "REASON FOR REFERRAL"},
        {"chief_complaint", "REASON FOR ADMISSION"},
        {"history", "HISTORY OF PRESENT ILLNESS"},
        {"history", "HPI"},
        {"history", "PRESENT ILLNESS"},
        {"history", "HISTORY OF INJURY"},
        {"history", "INTERVAL HISTORY"},
        {"history", "CLINICAL HISTORY"},
        {"history", "BRIEF HISTORY"},
        {"history", "HISTORY"},
        {"history", "HX"},
        {"past_medical_history", "PAST MEDICAL HISTORY"},
        {"past_medical_history", "PAST HISTORY"},
        {"past_medical_history", "MEDICAL HISTORY"},
        {"past_medical_history", "PMH"},
        {"past_medical_history", "PAST MEDICAL HX"},
        {"past_medical_history", "MEDICAL HX"},
        {"past_medical_history", "PAST HX"},
        {"past_medical_history", "PMHX"},
        {"past_medical_history", "ILLNESSES"},
        {"past_surgical_history", "PAST SURGICAL HISTORY"},
        {"past_surgical_history", "SURGICAL HISTORY"},
        {"past_surgical_history", "PSH"},
        {"past_surgical_history", "PAST SURGICAL HX"},
        {"past_surgical_history", "SURGICAL HX"},
        {"past_surgical_history", "PSHX"},
        {"past_surgical_history", "PREVIOUS SURGERIES"},
        {"past_surgical_history", "SURGERIES"},
        {"family_history", "FAMILY HISTORY"},
        {"family_history", "FH"},
        {"family_history", "FAMILY HX"},
        {"family_history", "FHX"},
        {"social_history", "SOCIAL HISTORY"},
        {"social_history", "SH"},
        {"social_history", "SOCIAL HX"},
        {"social_history", "SHX"},
        {"social_history", "SHX/FHX"},
        {"social_history", "HABITS"},
        {"medications", "CURRENT MEDICATIONS"},
        {"medications", "MEDICATIONS"},
        {"medications", "MEDICATION"},
        {"medications", "MEDS"},
        {"medications", "HOME MEDICATIONS"},
        {"medications", "MEDICATIONS ON ADMISSION"},
        {"medications", "ADMISSION MEDICATIONS"},
        {"medications", "DISCHARGE MEDICATIONS"},
        {"allergies", "ALLERGIES"},
        {"allergies", "ALLERGY"},
        {"allergies", "DRUG ALLERGIES"},
        {"review_of_systems", "REVIEW OF SYSTEMS"},
        {"review_of_systems", "ROS"},
        {"review_of_systems", "SYSTEMS REVIEW"},
        {"subjective", "SUBJECTIVE COMPLAINTS"},
        {"subjective", "SUBJECTIVE"},
        {"physical_examination", "OBJECTIVE FINDINGS"},
        {"physical_examination", "OBJECTIVE"},
        {"physical_examination", "PHYSICAL EXAMINATION"},
        {"physical_examination", "PHYSICAL EXAM"},
        {"physical_examination", "EXAMINATION"},
        {"physical_examination", "EXAM"},
        {"physical_examination", "PE"},
        {"diagnostic_studies", "DIAGNOSTIC STUDIES"},
        {"diagnostic_studies", "LABORATORY DATA"},
        {"diagnostic_studies", "LABORATORY STUDIES"},
        {"diagnostic_studies", "LABORATORY"},
        {"diagnostic_studies", "LAB DATA"},
        {"diagnostic_studies", "LABS"},
        {"diagnostic_studies", "IMAGING STUDIES"},
        {"diagnostic_studies", "IMAGING"},
        {"diagnostic_studies", "RADIOLOGY"},
        {"diagnostic_studies", "X-RAYS"},
        {"diagnostic_studies", "STUDIES"},
        {"technique", "TECHNIQUE"},
        {"technique", "COMPARISON"},
        {"indications", "INDICATIONS"},
        {"indications", "INDICATION"},
        {"indications", "INDICATIONS FOR OPERATION"},
        {"indications", "INDICATIONS FOR THE OPERATION"},
        {"indications", "INDICATION FOR OPERATION"},
        {"indications", "INDICATIONS FOR PROCEDURE"},
        {"indications", "INDICATIONS FOR THE PROCEDURE"},
        {"indications", "INDICATIONS OF PROCEDURE"},
        {"indications", "HISTORY AND INDICATIONS"},
        {"indications", "REASON FOR EXAM"},
        {"indications", "REASON FOR EXAMINATION"},
        {"indications", "CLINICAL INDICATION"},
        {"findings", "FINDINGS"},
        {"findings", "OPERATIVE FINDINGS"},
        {"findings", "GROSS FINDINGS"},
        {"impression", "IMPRESSION"},
        {"impression", "CLINICAL IMPRESSION"},
        {"impression", "CONCLUSION"},
        {"impression", "INTERPRETATION"},
        {"diagnoses", "DIAGNOSES"},
        {"diagnoses", "DIAGNOSIS"},
        {"diagnoses", "ASSESSMENT"},
        {"diagnoses", "ASSESSMENT AND PLAN"},
        {"diagnoses", "ASSESSMENT/PLAN"},
        {"diagnoses", "IMPRESSION AND PLAN"},
        {"diagnoses", "IMPRESSION/PLAN"},
        {"diagnoses", "A/P"},
        {"preoperative_diagnosis", "PREOPERATIVE DIAGNOSIS"},
        {"preoperative_diagnosis", "PREOPERATIVE DIAGNOSES"},
        {"postoperative_diagnosis", "POSTOPERATIVE DIAGNOSIS"},
        {"postoperative_diagnosis", "POSTOPERATIVE DIAGNOSES"},
        {"preoperative_diagnosis", "PREOP DIAGNOSIS"},
        {"preoperative_diagnosis", "PREOP DIAGNOSES"},
        {"postoperative_diagnosis", "POSTOP DIAGNOSIS"},
        {"postoperative_diagnosis", "POSTOP DIAGNOSES"},
        {"preoperative_diagnosis", "PRE-OPERATIVE DIAGNOSIS"},
        {"postoperative_diagnosis", "POST-OPERATIVE DIAGNOSIS"},
        {"diagnoses", "ADMISSION DIAGNOSIS"},
        {"diagnoses", "ADMISSION DIAGNOSES"},
        {"diagnoses", "ADMITTING DIAGNOSIS"},
        {"diagnoses", "DISCHARGE DIAGNOSIS"},
        {"diagnoses", "DISCHARGE DIAGNOSES"},
        {"diagnoses", "FINAL DIAGNOSIS"},
        {"diagnoses", "FINAL DIAGNOSES"},
        {"diagnoses", "PROBLEM LIST"},
        {"procedure", "PROCEDURE"},
        {"procedure", "PROCEDURES"},
        {"procedure", "PROCEDURE PERFORMED"},
        {"procedure", "PROCEDURES PERFORMED"},
        {"procedure", "OPERATIVE PROCEDURE"},
        {"procedure", "OPERATIVE PROCEDURES"},
        {"procedure", "OPERATION"},
        {"procedure", "OPERATIONS"},
        {"procedure", "OPERATION PERFORMED"},
        {"procedure", "OPERATIONS PERFORMED"},
        {"procedure", "TITLE OF OPERATION"},
        {"procedure", "TITLE OF THE OPERATION"},
        {"procedure", "TITLE OF PROCEDURE"},
        {"procedure", "NAME OF PROCEDURE"},
        {"procedure_details", "DESCRIPTION OF PROCEDURE"},
        {"procedure_details", "DESCRIPTION OF THE PROCEDURE"},
        {"procedure_details", "DESCRIPTION OF OPERATION"},
        {"procedure_details", "DESCRIPTION OF THE OPERATION"},
        {"procedure_details", "PROCEDURE IN DETAIL"},
        {"procedure_details", "DETAILS OF PROCEDURE"},
        {"procedure_details", "DETAILS OF THE PROCEDURE"},
        {"procedure_details", "OPERATIVE REPORT IN DETAIL"},
        {"procedure_details", "OPERATIVE TECHNIQUE"},
        {"procedure_details", "SUMMARY OF PROCEDURE"},
        {"procedure_details", "PROCEDURE NOTE"},
        {"procedure_details", "OPERATIVE NOTE"},
        {"anesthesia", "ANESTHESIA"},
        {"anesthesia", "TYPE OF ANESTHESIA"},
        {"complications", "COMPLICATIONS"},
        {"complications", "COMPLICATION"},
        {"operative_details", "ESTIMATED BLOOD LOSS"},
        {"operative_details", "EBL"},
        {"operative_details", "BLOOD LOSS"},
        {"operative_details", "SPECIMENS"},
        {"operative_details", "SPECIMEN"},
        {"operative_details", "DRAINS"},
        {"operative_details", "FLUIDS"},
        {"operative_details", "TOURNIQUET TIME"},
        {"operative_details", "IMPLANTS"},
        {"operative_details", "URINE OUTPUT"},
        {"hospital_course", "HOSPITAL COURSE"},
        {"hospital_course", "COURSE IN HOSPITAL"},
        {"hospital_course", "COURSE"},
        {"treatment_plan", "TREATMENT PLAN"},
        {"treatment_plan", "PLAN"},
        {"treatment_plan", "POSTOPERATIVE PLAN"},
        {"treatment_plan", "RECOMMENDATIONS"},
        {"treatment_plan", "RECOMMENDATION"},
        {"treatment_plan", "DISCHARGE INSTRUCTIONS"},
        {"treatment_plan", "DISCHARGE PLAN"},
        {"treatment_plan", "FOLLOW-UP"},
        {"treatment_plan", "FOLLOWUP"},
        {"treatment_plan", "DISPOSITION"},
        {"work_status", "WORK STATUS"},
        {"request_for_authorization", "REQUEST FOR AUTHORIZATION"},
        {"request_for_authorization", "REQUESTED TREATMENT"},
        {"request_for_authorization", "REQUESTED SERVICES"},
        {"rationale", "RATIONALE"},
        {"determination", "DETERMINATION"},
        {"discussion", "DISCUSSION"},
        {"discussion", "SUMMARY"},
        // Sub-headings: the body systems of an examination or a review of
        // systems, and a note's title; the section they stand in goes on.
        {"", "HISTORY AND PHYSICAL"}, {"", "VITAL SIGNS"}, {"", "VITALS"}, {"", "GENERAL"},
        {"", "CONSTITUTIONAL"}, {"", "HEENT"}, {"", "HEAD"}, {"", "EYES"}, {"", "EARS"}, {"", "NOSE"},
        {"", "THROAT"}, {"", "MOUTH"}, {"", "OROPHARYNX"}, {"", "ENT"}, {"", "NECK"}, {"", "CHEST"},
        {"", "LUNGS"}, {"", "HEART"}, {"", "CARDIAC"}, {"", "CARDIOVASCULAR"}, {"", "CV"},
        {"", "RESPIRATORY"}, {"", "PULMONARY"}, {"", "ABDOMEN"}, {"", "GASTROINTESTINAL"}, {"", "GI"},
        {"", "GENITOURINARY"}, {"", "GU"}, {"", "GENITALIA"}, {"", "PELVIC"}, {"", "RECTAL"},
        {"", "BREASTS"}, {"", "EXTREMITIES"}, {"", "MUSCULOSKELETAL"}, {"", "MSK"}, {"", "BACK"},
        {"", "SPINE"}, {"", "SKIN"}, {"", "INTEGUMENTARY"}, {"", "NEUROLOGIC"}, {"", "NEUROLOGICAL"},
        {"", "NEURO"}, {"", "PSYCHIATRIC"}, {"", "PSYCH"}, {"", "MENTAL STATUS"}, {"", "ENDOCRINE"},
        {"", "HEMATOLOGIC"}, {"", "HEMATOLOGIC/LYMPHATIC"}, {"", "LYMPHATIC"}, {"", "LYMPH NODES"},
        {"", "ALLERGIC/IMMUNOLOGIC"}, {"", "IMMUNOLOGIC"}, {"", "CRANIAL NERVES"}, {"", "CN"},
        {"", "MOTOR"}, {"", "SENSORY"}, {"", "SENSATION"}, {"", "REFLEXES"}, {"", "DTRS"}, {"", "GAIT"},
        {"", "COORDINATION"}, {"", "STRENGTH"}, {"", "INSPECTION"}, {"", "PALPATION"},
        {"", "RANGE OF MOTION"}, {"", "SPECIAL TESTS"}, {"", "PULSES"}, {"", "VASCULAR"},
        {"", "MS"}, {"", "HEART/LUNGS"},
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
      // The worker's application for IMR and a fax cover sheet are no letters:
      // their titles are named so that the weaker IMR title below cannot take them.
      {"other", "APPLICATION FOR INDEPENDENT MEDICAL REVIEW"},
      {"other", "FAX COVER SHEET"},
      {"other", "FACSIMILE COVER"},
      {"other", "FAX TRANSMITTAL"},
      // UR letters mention IMR rights too, so this weaker title comes after them.
      {"imr_final_determination", "Independent Medical Review"},
      {"operative_report", "OPERATIVE REPORT"},
      {"operative_report", "OPERATIVE NOTE"},
      {"procedure_report", "PROCEDURE NOTE"},
      {"procedure_report", "NERVE CONDUCTION STUDY"},
      {"procedure_report", "NERVE CONDUCTION STUDIES"},
      {"procedure_report", "ELECTRODIAGNOSTIC"},
      {"discharge_summary", "DISCHARGE SUMMARY"},
      {"history_and_physical", "HISTORY AND PHYSICAL"},
      {"history_and_physical", "ADMISSION HISTORY"},
      {"consultation", "CONSULTATION"},
      {"consultation", "REASON FOR CONSULTATION"},
      {"consultation", "CONSULT NOTE"},
      {"imaging_report", "RADIOLOGY REPORT"},
      {"imaging_report", "IMAGING REPORT"},
      {"imaging_report", "MRI REPORT"},
      {"medical_legal_report", "QUALIFIED MEDICAL EVALUATION"},
      {"medical_legal_report", "AGREED MEDICAL EVALUATION"},
      {"medical_legal_report", "MEDICAL-LEGAL"},
      {"progress_report", "PROGRESS REPORT"},
      {"progress_report", "PROGRESS NOTE"},
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

std::string ClassifyBySections(const std::vector<Section>& sections) {
  const auto has = [&](std::string_view name) {
    return std::any_of(sections.begin(), sections.end(), [&](const Section& s) { return s.name == name; });
  };
  if (has("hospital_course")) return "discharge_summary";
  const bool clinical = has("history") || has("chief_complaint") || has("past_medical_history") ||
                        has("physical_examination") || has("subjective");
  const bool examined = has("history") && has("physical_examination");
  if (examined && (has("past_medical_history") || has("review_of_systems") || has("family_history") ||
                   has("social_history"))) {
    return "history_and_physical";
  }
  if (has("anesthesia") || has("operative_details") || has("preoperative_diagnosis")) return "operative_report";
  if (has("procedure") || has("procedure_details")) return "procedure_report";
  if (!clinical && has("impression") && (has("findings") || has("technique") || has("indications"))) {
    return "imaging_report";
  }
  if (has("subjective") && (has("treatment_plan") || has("diagnoses"))) return "progress_report";
  if (has("history") && (has("diagnoses") || has("impression")) && (examined || has("treatment_plan"))) {
    return "consultation";
  }
  return "other";
}

std::string ClassifyDocument(const std::vector<Page>& pages) { return ClassifyDocument(pages, FindSections(pages)); }

std::string ClassifyDocument(const std::vector<Page>& pages, const std::vector<Section>& sections) {
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
  if (best_at == std::string::npos) return ClassifyBySections(sections);
  return std::string(best);
}

}  // namespace imr
