#include "extract/diagnosis_extractor.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/anatomy.h"
#include "core/term_index.h"
#include "core/text.h"
#include "extract/assertion.h"
#include "extract/pattern.h"
#include "extract/problem_extractor.h"

namespace imr {
namespace {

// A list part, as byte offsets into the region text.
struct Part {
  size_t begin = 0, end = 0;
};

std::string_view Text(const Region& r, const Part& p) {
  return std::string_view(r.text.text).substr(p.begin, p.end - p.begin);
}

const PatternSet& CompiledCues() {
  static const PatternSet cues = [] {
    PatternSet out(PatternSet::Prefilter::kWholeRows);
    for (const DiagnosisCueRow& row : DiagnosisCueTable()) out.Add(row.pattern);
    out.Compile();
    return out;
  }();
  return cues;
}

// Where a statement's list ends: the end of its sentence, or earlier where
// the sentence goes on about something else ("... strain on 10/13/2016",
// "..., and was prescribed", "... per the treating physician").
size_t ListEnd(std::string_view text, size_t from) {
  static const Pattern tail(
      R"((?i)(?:\.\s|\.$|\n\s*\n|;\s+(?:he|she|the|it|this)\b|,?\s+on\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|the\s+same|that\s+date)|)"
      R"(,?\s+(?:dated|per|since|from|by|after|following|when|while|which|who|and\s+(?:was|is|has|had|he|she|the|it|underwent|received|requested))\b|,\s+(?:he|she|the\s+(?:patient|applicant|injured\s+worker))\b|\(\s*(?:date|DOI)))");
  const auto [sentence_begin, sentence_end] = SentenceAround(text, from, from);
  const std::string_view rest = text.substr(from, sentence_end - from);
  const auto m = tail.Find(rest);
  return from + (m ? OffsetIn(rest, m->group(0)) : rest.size());
}

// Splits [begin, end) at ", ", "; ", ", and ", " and " and numbered items.
std::vector<Part> SplitList(std::string_view text, size_t begin, size_t end) {
  static const Pattern separator(R"((?i)\s*(?:,\s*(?:and|or)\s+|,|;|\s+and\s+|\s+or\s+|\s+\d{1,2}[.)]\s+)\s*)");
  std::vector<Part> parts;
  const std::string_view list = text.substr(begin, end - begin);
  size_t from = 0;
  for (const Match& m : separator.FindAll(list)) {
    const size_t at = OffsetIn(list, m.group(0));
    if (at > from) parts.push_back({begin + from, begin + at});
    from = at + m.group(0).size();
  }
  if (from < list.size()) parts.push_back({begin + from, end});
  return parts;
}

// A part that names no condition belongs with a neighbour. After a part
// that names its sites with a preposition ("contusion of face, scalp and
// neck") it continues that part; otherwise it modifies the next part that
// names a condition ("cervical, thoracic and lumbar strain"), or, at the end
// of a list, joins the one before it.
std::vector<Part> MergeHeadless(const Region& r, const std::vector<Part>& parts) {
  static const Pattern preposition(R"((?i)\s(?:of|in|to|at|on|involving)\s)");
  std::vector<Part> out;
  std::optional<size_t> pending_begin;
  bool extends_previous = false;
  for (const Part& p : parts) {
    if (NamesCondition(Text(r, p))) {
      out.push_back({pending_begin.value_or(p.begin), p.end});
      pending_begin.reset();
      extends_previous = preposition.Find(Text(r, p)).has_value();
    } else if (extends_previous && !out.empty()) {
      out.back().end = p.end;
    } else if (!pending_begin) {
      pending_begin = p.begin;
    }
  }
  if (pending_begin && !out.empty()) out.back().end = parts.back().end;
  return out;
}

// Trims spaces, quotes, list markers and trailing punctuation.
Part Tidy(const Region& r, Part p) {
  const std::string& t = r.text.text;
  const auto junk_front = [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '(' || c == '-' || c == ':'; };
  const auto junk_back = [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '.' || c == ',' || c == ';' || c == ':'; };
  while (p.begin < p.end && junk_front(t[p.begin])) ++p.begin;
  while (p.end > p.begin && junk_back(t[p.end - 1])) --p.end;
  // "a diagnosis of a lumbar strain": the article is not the condition.
  static const Pattern article(R"((?i)^(?:a|an|the|his|her|their)\s+)");
  if (auto m = article.Find(Text(r, p)); m && OffsetIn(r.text.text, m->group(0)) == p.begin) {
    p.begin += m->group(0).size();
  }
  return p;
}

Fact DiagnosisFact(const Region& r, const Part& p, std::string_view rule) {
  Fact f = MakeFact(r, Text(r, p), "diagnosis", std::string(rule));
  static const Pattern icd(R"(\b([A-TV-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?)\b)");
  if (auto m = icd.Find(f.text); m && std::any_of(m->group(1).begin(), m->group(1).end(), ::isdigit)) {
    f.code = Code{"ICD-10-CM", std::string(m->group(1))};
  }
  f.value = AnatomyOf(f.text);
  return f;
}

void AddStatementDiagnoses(const Region& r, std::vector<Fact>* out) {
  const std::string_view text = r.text.text;
  // Earlier rows are more specific; a later row's match inside an earlier
  // one's cue ("diagnoses are" in "diagnoses are documented as") is the same
  // statement and is skipped.
  std::vector<Part> cues;
  for (const int row : CompiledCues().Candidates(text)) {
    for (const Match& m : CompiledCues().Row(static_cast<size_t>(row)).FindAll(text)) {
      const Part cue{OffsetIn(text, m.group(0)), OffsetIn(text, m.group(0)) + m.group(0).size()};
      const bool seen = std::any_of(cues.begin(), cues.end(), [&](const Part& c) {
        return cue.begin < c.end && c.begin < cue.end;
      });
      if (seen) continue;
      cues.push_back(cue);
      const size_t end = ListEnd(text, cue.end);
      if (end <= cue.end) continue;
      for (const Part& p : MergeHeadless(r, SplitList(text, cue.end, end))) {
        const Part tidy = Tidy(r, p);
        if (tidy.end > tidy.begin) out->push_back(DiagnosisFact(r, tidy, DiagnosisCueTable()[row].id));
      }
    }
  }
}

// DIAGNOSES sections list one condition per line or numbered item.
void AddSectionDiagnoses(const Region& r, std::vector<Fact>* out) {
  if (r.section != "diagnoses" && r.section != "impression" && r.section != "preoperative_diagnosis" &&
      r.section != "postoperative_diagnosis") {
    return;
  }
  static const Pattern item(R"((?m)^[ \t]*(?:\d{1,2}[.)]|[-•*])?[ \t]*([^\n]*[^\s]))");
  for (const Match& m : item.FindAll(r.text.text)) {
    const size_t begin = OffsetIn(r.text.text, m.group(1));
    for (const Part& p : MergeHeadless(r, SplitList(r.text.text, begin, begin + m.group(1).size()))) {
      const Part tidy = Tidy(r, p);
      if (tidy.end > tidy.begin) out->push_back(DiagnosisFact(r, tidy, "diagnosis.section_item@1"));
    }
  }
}

// Keeps one fact per span; a fact inside another is dropped.
std::vector<Fact> Deduplicate(std::vector<Fact> facts) {
  std::sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    if (a.span.page_number != b.span.page_number) return a.span.page_number < b.span.page_number;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.span.end > b.span.end;
  });
  std::vector<Fact> out;
  for (Fact& f : facts) {
    const bool inside = !out.empty() && out.back().span.page_number == f.span.page_number &&
                        f.span.begin >= out.back().span.begin && f.span.end <= out.back().span.end;
    if (!inside) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

const std::vector<DiagnosisCueRow>& DiagnosisCueTable() {
  static const std::vector<DiagnosisCueRow> table = {
      {"diagnosis.documented_as@1",
       R"((?i)\bdiagnos(?:es|is)\s+(?:are|were|is|was)\s+(?:documented|listed|noted|given|reported)\s+as\s+)"},
      {"diagnosis.diagnosed_as@1", R"((?i)\bdiagnosed\s+(?:as\s+having|as|with|to\s+have)\s+)"},
      {"diagnosis.treated_for@1", R"((?i)\b(?:being|was|is|been)\s+treated\s+for\s+)"},
      {"diagnosis.undergoing_treatment@1",
       R"((?i)\b(?:undergoing|receiving|under|in)\s+(?:\w+\s+)?(?:treatments?|care)\s+for\s+(?:the\s+)?(?:diagnos(?:es|is)\s+of\s+)?)"},
      {"diagnosis.diagnosis_of@1",
       R"((?i)\b(?:(?:working|primary|final|operating|current|admitting|discharge)\s+)?diagnos(?:es|is)\s+(?:of|include[sd]?|including|that\s+include[sd]?)\s*:?\s+)"},
      {"diagnosis.diagnoses_are@1", R"((?i)\bdiagnos(?:es|is)\s+(?:are|were|is|was)\s*:?\s+)"},
      {"diagnosis.label@1", R"((?im)^[ \t]*(?:diagnos(?:es|is)|assessment|impression)\s*:[ \t]*)"},
  };
  return table;
}

bool NamesCondition(std::string_view phrase) {
  static constexpr std::array<std::string_view, 61> kHeads = {
      "strain", "sprain", "pain", "ache", "contusion", "laceration", "abrasion", "tear", "fracture",
      "dislocation", "subluxation", "syndrome", "disorder", "disease", "injury", "injuries", "trauma",
      "fall", "herniation", "protrusion", "bulge", "bulging", "extrusion", "degeneration", "stenosis",
      "radiculopathy", "neuropathy", "myelopathy", "impingement", "instability", "derangement",
      "lesion", "dysfunction", "insomnia", "depression", "anxiety", "headache", "headaches",
      "sciatica", "lumbago", "spasm", "spasms", "effusion", "contracture", "hypertension",
      "diabetes", "obesity", "numbness", "weakness", "concussion", "deformity", "neuralgia", "dermatitis", "hernia", "crush", "burn",
      "amputation", "palsy", "spondylolisthesis", "arthropathy", "complaints"};
  static constexpr std::array<std::string_view, 8> kSuffixes = {"itis", "algia", "osis", "opathy",
                                                                 "plegia", "paresis", "ectomy", "otomy"};
  std::string word;
  const auto check = [&](const std::string& w) {
    if (w.empty()) return false;
    if (std::find(kHeads.begin(), kHeads.end(), w) != kHeads.end()) return true;
    for (std::string_view s : kSuffixes) {
      if (w.size() > s.size() + 2 && std::string_view(w).ends_with(s)) return true;
    }
    return false;
  };
  if (NamesProblem(phrase)) return true;
  for (char c : phrase) {
    // "contusion/laceration" and "sprain-strain" name conditions word by word.
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (check(word)) return true;
      word.clear();
    }
  }
  return check(word);
}

Attributes AnatomyOf(std::string_view phrase) {
  static const Pattern side(R"((?i)\b(bilateral|left|right)\b)");
  static const Pattern level(R"(\b([CTLS][1-8](?:\s*-\s*[CTLS]?[1-8])?)\b)");
  Attributes out;
  if (const BodySite* site = BodySiteOfWords(phrase)) out["body_site"] = std::string(site->site);
  if (auto m = side.Find(phrase)) out["laterality"] = AsciiLower(m->group(1));
  if (auto m = level.Find(phrase)) out["level"] = std::string(m->group(1));
  return out;
}

bool IsReviewLetter(std::string_view doc_type) {
  return doc_type == "imr_final_determination" || doc_type == "ur_determination";
}

bool Overlap(const Fact& a, const Fact& b) {
  return a.span.page_number == b.span.page_number && a.span.begin < b.span.end && b.span.begin < a.span.end;
}

// A review letter's case summary is the reviewer's abstract of the records:
// its diagnoses are the ones it states, and the symptoms it retells are
// findings. Any other record names its problems wherever it writes them: the
// vocabulary finds them, with spans of their own words. A stated diagnosis
// (an item of a diagnosis list, what "diagnosed with" names) stays as it is
// written where it reads as a list item ("posttraumatic AVN in right femoral
// head"), and the vocabulary's problems inside it are the same statement. A
// sentence of prose that a diagnosis line or cue took whole ("No abnormal mass
// effect is identified. There are no findings to suggest...") gives way to
// the problems the vocabulary finds in it, each asserted in its own sentence.
bool ReadsAsProse(std::string_view text) {
  static const Pattern verb(
      R"((?i)\b(?:is|are|was|were|has|have|had|shows?|showed|reveals?|revealed|identified|noted|seen|appears?|)"
      R"(demonstrates?|demonstrated|suggests?|indicates?|found|underwent|presents?|presented|states?|reports?|be|)"
      R"(considered|needs?)\b|\.\s)");
  constexpr size_t kListItemWords = 15;
  return verb.Find(text).has_value() || TokenizeWords(text).size() > kListItemWords;
}

std::vector<Fact> WithVocabularyProblems(const Region& region, std::vector<Fact> stated) {
  if (IsReviewLetter(region.doc_type)) return stated;
  std::vector<Fact> found = ExtractProblems(region);
  std::vector<bool> inside_item(found.size(), false);
  std::vector<Fact> facts;
  for (Fact& d : stated) {
    if (ReadsAsProse(d.text)) continue;
    for (size_t i = 0; i < found.size(); ++i) {
      if (!Overlap(found[i], d)) continue;
      inside_item[i] = true;
      if (!d.code) d.code = found[i].code;
      for (const auto& [key, value] : found[i].value) d.value.emplace(key, value);
    }
    facts.push_back(std::move(d));
  }
  for (size_t i = 0; i < found.size(); ++i) {
    if (!inside_item[i]) facts.push_back(std::move(found[i]));
  }
  return facts;
}

std::vector<Fact> ExtractDiagnoses(const Region& region) {
  std::vector<Fact> facts;
  AddStatementDiagnoses(region, &facts);
  AddSectionDiagnoses(region, &facts);
  return Deduplicate(WithVocabularyProblems(region, Deduplicate(std::move(facts))));
}

}  // namespace imr
