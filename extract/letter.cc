#include "extract/letter.h"

#include "core/text.h"
#include "extract/form_requests.h"
#include "extract/letter_requests.h"
#include "extract/pattern.h"
#include "extract/stitched_text.h"

namespace imr {
namespace {

#define IMR_DATE                                                                      \
  R"((\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-\d{1,2}-\d{2,4}|\d{4}-\d{2}-\d{2}|)"            \
  R"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}))"

struct CompiledField {
  std::string field;
  Pattern pattern;
};

const std::vector<CompiledField>& CompiledFields() {
  static const std::vector<CompiledField> compiled = [] {
    std::vector<CompiledField> out;
    for (const FieldPatternRow& row : LetterFieldTable()) {
      out.push_back({std::string(row.field), Pattern(row.pattern)});
    }
    return out;
  }();
  return compiled;
}

StitchedText FirstPage(const Document& doc) {
  StitchedText out;
  if (doc.pages.empty()) return out;
  out.text = doc.pages[0].text;
  out.pieces.push_back({0, 1, 0, doc.pages[0].text.size()});
  return out;
}

// Where a view into `where.text` sits in the document.
Span SpanOf(const StitchedText& where, std::string_view view) {
  const size_t begin = OffsetIn(where.text, view);
  return where.ToSpan(begin, begin + view.size());
}

void ExtractFields(const Document& doc, LetterFacts* out) {
  // Header values sit above the first heading; a letter without such a header
  // may still print them in its opening lines, hence the fallback to page 1.
  const StitchedText header = StitchSections(doc, "header");
  const StitchedText first_page = FirstPage(doc);
  for (const CompiledField& row : CompiledFields()) {
    if (out->fields.count(row.field)) continue;  // an earlier row for the field won
    for (const StitchedText* where : {&header, &first_page}) {
      const auto m = row.pattern.Find(where->text);
      if (!m) continue;
      out->fields[row.field] = {CollapseWhitespace(m->group(1)), SpanOf(*where, m->group(1))};
      break;
    }
  }
  if (auto it = out->fields.find("priority"); it != out->fields.end()) {
    it->second.value = AsciiLower(it->second.value);
  }
}

std::string SexWord(std::string_view word) {
  const std::string w = AsciiLower(word);
  if (w == "male" || w == "man" || w == "gentleman" || w == "boy" || w == "m" || w == "mr") return "male";
  if (w == "female" || w == "woman" || w == "lady" || w == "girl" || w == "f" || w == "mrs" || w == "ms" ||
      w == "miss") {
    return "female";
  }
  return "";
}

Fact MentionFact(const StitchedText& where, std::string_view words, std::string kind,
                 std::string rule, const char* section) {
  Fact f;
  f.kind = std::move(kind);
  f.text = std::string(words);
  f.span = SpanOf(where, words);
  f.section = section;
  f.rule = std::move(rule);
  return f;
}

// The patient's age as written first: "48 year old", "a 62 y/o", "age 45", or
// for a child "3-week-old", "18-month-old", "a baby boy" (whole years: 0, 1,
// 0). Returns the match and the years.
std::optional<std::pair<Match, int>> FirstAge(std::string_view text) {
  static const Pattern years(R"((?i)\b(\d{1,3})\s*-?\s*(?:(?:year|yr)s?\s*-?\s*old|y/o|y\.o\.|yo)\b)");
  static const Pattern stated(R"((?i)\bage(?:d)?\s*:?\s*(\d{1,3})\b)");
  static const Pattern young(R"((?i)\b(\d{1,2})\s*-?\s*(month|week|day)s?\s*-?\s*old\b)");
  static const Pattern newborn(R"((?i)\b(?:newborn|neonate|baby\s+(?:boy|girl)|infant\s+(?:boy|girl|male|female))\b)");
  std::optional<std::pair<Match, int>> best;
  const auto consider = [&](const std::optional<Match>& m, int value) {
    if (m && (!best || m->group(0).data() < best->first.group(0).data())) best = std::make_pair(*m, value);
  };
  // "0 years old" is no age: an infant's is written in months, weeks or days.
  if (auto m = years.Find(text); m && std::stoi(std::string(m->group(1))) > 0) {
    consider(m, std::stoi(std::string(m->group(1))));
  }
  if (auto m = stated.Find(text)) consider(m, std::stoi(std::string(m->group(1))));
  if (auto m = young.Find(text)) {
    const int n = std::stoi(std::string(m->group(1)));
    consider(m, AsciiLower(m->group(2)) == "month" ? n / 12 : 0);
  }
  if (auto m = newborn.Find(text)) consider(m, 0);
  return best;
}

// He or she, when the text says so most: a note that names no sex word still
// speaks of its patient. Needs twice as many of one kind as of the other.
std::string SexOfPronouns(std::string_view text) {
  static const Pattern he(R"((?i)\b(?:he|him|his|himself)\b)");
  static const Pattern she(R"((?i)\b(?:she|her|hers|herself)\b)");
  const size_t male = he.FindAll(text).size(), female = she.FindAll(text).size();
  if (male > 0 && male >= 2 * female) return "male";
  if (female > 0 && female >= 2 * male) return "female";
  return "";
}

// The patient's age and sex as the case summary states them: "a 48 year old
// male", "56-year-old female", "a 62 y/o man", "This female applicant"; in a
// note without a summary, its first age, its first word for a sex ("this
// gentleman", "a baby boy", "Mrs. X"), or its pronouns.
void ExtractPatient(const Document& doc, LetterFacts* out) {
  static const Pattern age_sex(
      R"((?i)\b(\d{1,3})\s*-?\s*(?:years?|yrs?|y/o|yo)(?:\s*-?\s*old)?[,]?\s+)"
      R"((?:[a-z]+(?:-[a-z]+)*,?\s+){0,3}?\b(male|female|man|woman|gentleman|lady)\b)");
  static const Pattern sex_only(R"((?i)\b(male|female|gentleman|woman|man|lady|boy|girl)\b|\b(Mr|Mrs|Ms|Miss)\b\.?)");
  const char* section = "clinical_case_summary";
  StitchedText summary = StitchSections(doc, section);
  if (summary.text.empty()) {
    summary = StitchPages(doc);
    section = "";
  }
  std::optional<std::pair<Match, int>> age;
  std::optional<Match> sex;
  if (auto m = age_sex.Find(summary.text)) {
    if (const int years = std::stoi(std::string(m->group(1))); years > 0) age = std::make_pair(*m, years);
    sex = Match{{m->group(0), m->group(2)}};
  } else {
    age = FirstAge(summary.text);
    if (auto m = sex_only.Find(summary.text)) sex = Match{{m->group(0), m->has(1) ? m->group(1) : m->group(2)}};
  }
  if (age && age->second >= 0 && age->second < 120) {
    out->patient.age = age->second;
    Fact f = MentionFact(summary, age->first.group(0), "age", "age.years_old@1", section);
    f.value["years"] = std::to_string(age->second);
    out->facts.push_back(std::move(f));
  }
  if (sex) {
    out->patient.sex = SexWord(sex->group(1));
    Fact f = MentionFact(summary, sex->group(1), "sex", "sex.word@1", section);
    f.value["sex"] = out->patient.sex;
    out->facts.push_back(std::move(f));
  } else {
    out->patient.sex = SexOfPronouns(summary.text);
  }
}

std::vector<std::string> SplitStates(std::string_view list) {
  static const Pattern separator(R"(\s*(?:,|;|\band\b)\s*)");
  std::vector<std::string> out;
  size_t from = 0;
  for (const Match& m : separator.FindAll(list)) {
    const size_t at = OffsetIn(list, m.group(0));
    const std::string_view part = TrimView(list.substr(from, at - from));
    if (!part.empty()) out.push_back(CollapseWhitespace(part));
    from = at + m.group(0).size();
  }
  const std::string_view last = TrimView(list.substr(from));
  if (!last.empty()) out.push_back(CollapseWhitespace(last));
  return out;
}

// "State(s) of Licensure: A,B" and "Certification(s)/Specialty: X" (its value
// may wrap onto following lines up to a blank line), or the older prose "is
// Board Certified in X and is licensed to practice in Y".
void ExtractReviewer(const Document& doc, LetterFacts* out) {
  static const Pattern licensure(R"((?i)State\(s\)\s+of\s+Licensure\s*:[ \t]*([^\n]+))");
  static const Pattern specialty(
      R"((?i)Certification\(s\)\s*/\s*Specialty\s*:[ \t]*([^\n]+(?:\n[ \t]*[^\s][^\n]*)*))");
  static const Pattern certified_in(
      R"((?i)board[ -]certified\s+in\s+([A-Z][A-Za-z&/ -]*?[A-Za-z])\s*(?:[,.;]|\s+and\b|\s+with\b))");
  static const Pattern certified_by(
      R"((?i)certified\s+by\s+the\s+American\s+Board\s+of\s+([A-Z][A-Za-z&/ \n-]*?[A-Za-z])\s*(?:[,.;]|\s+and\s+is\b|\s+with\b))");
  static const Pattern licensed_in(
      R"((?:licensed|license)\s+(?:to\s+practice\s+)?in\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)*))");
  // The credentials close the "how the determination was made" section; the
  // section end keeps a wrapped specialty from running into the next heading.
  StitchedText all = StitchSections(doc, "how_determination_made");
  if (all.text.empty()) all = StitchSections(doc, "reviewer_qualifications");
  if (all.text.empty()) all = StitchPages(doc);
  if (auto m = licensure.Find(all.text)) {
    out->reviewer.licensure = SplitStates(m->group(1));
    out->fields["reviewer_licensure"] = {CollapseWhitespace(m->group(1)), SpanOf(all, m->group(1))};
  }
  if (auto m = specialty.Find(all.text)) {
    out->reviewer.specialty = CollapseWhitespace(m->group(1));
    out->fields["reviewer_specialty"] = {out->reviewer.specialty, SpanOf(all, m->group(1))};
  }
  // Older letters say it in prose: "is Board Certified in X and is licensed
  // to practice in Y", "certified by the American Board of X".
  if (out->reviewer.specialty.empty()) {
    auto m = certified_in.Find(all.text);
    if (!m) m = certified_by.Find(all.text);
    if (m) out->reviewer.specialty = CollapseWhitespace(m->group(1));
  }
  if (out->reviewer.licensure.empty()) {
    if (auto m = licensed_in.Find(all.text)) out->reviewer.licensure = SplitStates(m->group(1));
  }
}

}  // namespace

const std::vector<FieldPatternRow>& LetterFieldTable() {
  static const std::vector<FieldPatternRow> table = {
      {"case_number", R"((?i)case\s+(?:number|no\.?|#)\s*:?[ \t]*([A-Z]{2,3}\d{2}-\d{4,8}))"},
      {"date_assigned", R"((?i)date\s+assigned\s*:?[ \t]*)" IMR_DATE},
      {"date_of_injury", R"((?i)date\s+of\s+injury\s*:?[ \t]*)" IMR_DATE},
      {"decision_date", R"((?i)decision\s+date\s*:?[ \t]*)" IMR_DATE},
      {"ur_denial_date", R"((?i)UR\s+denial\s+date\s*:?[ \t]*)" IMR_DATE},
      // Wrapped labels ("Date of UR | 10/30/2013" over "Decision:") keep the
      // value on the line of their first words.
      {"ur_denial_date", R"((?i)date\s+of\s+UR(?:\s+(?:decision|denial))?\s*:?[ \t]*)" IMR_DATE},
      // "Application Received:" wraps inside its cell; the value sits on the
      // line of "Application".
      {"application_received", R"((?i)application(?:\s+received)?\s*:?[ \t]*)" IMR_DATE},
      {"application_received", R"((?i)date\s+of\s+IMR(?:\s+application)?\s*:?[ \t]*)" IMR_DATE},
      {"decision_date", R"((?im)^[ \t]*dated\s*:[ \t]*)" IMR_DATE},
      {"priority", R"((?i)priority\s*:?[ \t]*(standard|expedited|regular|urgent)\b)"},
  };
  return table;
}

LetterFacts ExtractLetter(const Document& doc) {
  LetterFacts out;
  ExtractFields(doc, &out);
  ExtractPatient(doc, &out);
  ExtractReviewer(doc, &out);
  out.requests = ExtractLetterRequests(doc);
  // Before IMR, a case's requests are an RFA's items and a UR notice's decisions.
  if (out.requests.empty() && doc.doc_type == "rfa") out.requests = ExtractRfaRequests(doc);
  if (out.requests.empty() && doc.doc_type == "ur_determination") out.requests = ExtractUrRequests(doc);
  return out;
}

}  // namespace imr
