#include "ingest/sections.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/record.h"
#include "core/text.h"

namespace imr {
namespace {

// Pages from texts; every line equal to one of `furniture_lines` is furniture.
std::vector<Page> MakePages(const std::vector<std::string>& texts,
                            const std::vector<std::string>& furniture_lines = {}) {
  std::vector<Page> pages;
  for (size_t i = 0; i < texts.size(); ++i) {
    Page page;
    page.page_number = static_cast<int>(i) + 1;
    page.text = texts[i];
    for (size_t begin = 0; begin < page.text.size();) {
      size_t end = page.text.find('\n', begin);
      if (end == std::string::npos) end = page.text.size();
      for (const std::string& line : furniture_lines) {
        if (page.text.compare(begin, end - begin, line) == 0) {
          page.furniture.push_back({page.page_number, begin, end});
        }
      }
      begin = end + 1;
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

// "name@page{text}" per section, in order, joined by spaces.
std::string DescribeSections(const std::vector<Page>& pages, const std::vector<Section>& sections) {
  std::string out;
  for (const Section& s : sections) {
    if (!out.empty()) out += " ";
    out += s.name + "@" + std::to_string(s.page_number) + "{" +
           std::string(Slice(pages, {s.page_number, s.begin, s.end})) + "}";
  }
  return out;
}

void ExpectNoSectionCoversFurniture(const std::vector<Page>& pages,
                                    const std::vector<Section>& sections) {
  for (const Section& s : sections) {
    for (const Span& f : pages[s.page_number - 1].furniture) {
      EXPECT_TRUE(s.end <= f.begin || f.end <= s.begin)
          << s.name << "@" << s.page_number << " covers furniture at " << f.begin;
    }
  }
}

std::string SectionsOf(const std::vector<Page>& pages) {
  const std::vector<Section> sections = FindSections(pages);
  ExpectNoSectionCoversFurniture(pages, sections);
  return DescribeSections(pages, sections);
}

// "CLINICAL CASE SUMMARY" -> "Clinical Case Summary".
std::string TitleCase(const std::string& phrase) {
  std::string out = AsciiLower(phrase);
  for (size_t i = 0; i < out.size(); ++i) {
    if (i == 0 || out[i - 1] == ' ') out[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i])));
  }
  return out;
}

// A heading stands alone on its line (in capitals or title case) or ends
// with a colon (in any case).
TEST(HeadingTableTest, EveryRowIsAHeadingAloneOrBeforeAColon) {
  for (const HeadingRow& row : HeadingTable()) {
    if (row.name.empty()) continue;  // sub-headings: SubHeadingsStayInTheirSection
    const std::string phrase(row.phrase);
    const std::string expected = "header@1{Intro words} " + std::string(row.name) + "@1{body words}";
    const std::string texts[] = {
        "Intro words\n" + phrase + "\nbody words\n",
        "Intro words\n" + phrase + ": body words\n",
        "Intro words\n" + phrase + ":\nbody words\n",
        "Intro words\n  " + TitleCase(phrase) + "\nbody words\n",
        "Intro words\n" + AsciiLower(phrase) + ": body words\n",
    };
    for (const std::string& text : texts) {
      SCOPED_TRACE(text);
      EXPECT_EQ(SectionsOf(MakePages({text})), expected);
    }
  }
}

struct SectionRow {
  std::vector<std::string> pages;
  std::vector<std::string> furniture_lines;
  std::string expected;
};

TEST(FindSectionsTest, Table) {
  const SectionRow rows[] = {
      // A heading phrase inside prose is not a heading.
      {{"History of the injury is long\n"}, {}, "header@1{History of the injury is long}"},
      {{"Plans: rest and ice\n"}, {}, "header@1{Plans: rest and ice}"},
      {{"PLANTAR FASCIITIS\n"}, {}, "header@1{PLANTAR FASCIITIS}"},
      // A lower-case word that a line break left alone is prose, not a heading.
      {{"DISCUSSION\nno objective\nfindings\n\ndocumented\n"}, {}, "discussion@1{no objective\nfindings\n\ndocumented}"},
      {{"The plan:\nrest\n"}, {}, "header@1{The plan:\nrest}"},
      {{"Examination of the knee showed no effusion.\n"}, {},
       "header@1{Examination of the knee showed no effusion.}"},
      {{"PLAN\nRest.\nPlan to return in two weeks.\n"}, {},
       "treatment_plan@1{Rest.\nPlan to return in two weeks.}"},
      // Longest phrase wins.
      {{"CLINICAL CASE SUMMARY\nx\n"}, {}, "clinical_case_summary@1{x}"},
      {{"DOCUMENTS REVIEWED FOR DETERMINATION:\n- x\n"}, {}, "documents_reviewed@1{- x}"},
      {{"CHIEF COMPLAINTS:\nneck pain\nHISTORY OF PRESENT ILLNESS:\nfell\n"}, {},
       "chief_complaint@1{neck pain} history@1{fell}"},
      // Headings wrapped over two lines.
      {{"MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\nREVIEWER AND WHY:\nMTUS\n"},
       {},
       "guidelines_relied_upon@1{MTUS}"},
      {{"RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS\nNOT MEDICALLY NECESSARY:\n"
        "1. Not needed.\n"},
       {},
       "decisions_and_rationales@1{1. Not needed.}"},
      {{"IMR ISSUES, DECISIONS AND\nRATIONALES\nMRI: Upheld\n"}, {},
       "decisions_and_rationales@1{MRI: Upheld}"},
      // Empty sections are left out.
      {{"Intro\nPLAN"}, {}, "header@1{Intro}"},
      {{"HISTORY\nPLAN\nrest\n"}, {}, "treatment_plan@1{rest}"},
      {{""}, {}, ""},
      // Sections split at page breaks.
      {{"HISTORY\nline a\nline b\n", "line c\nPLAN\nrest\n"}, {},
       "history@1{line a\nline b} history@2{line c} treatment_plan@2{rest}"},
      // Furniture is in no section.
      {{"CM17-0900002\nHISTORY\nline a\nPage 1 of 2\n", "CM17-0900002\nline c\nPLAN\nrest\nPage 2 of 2\n"},
       {"CM17-0900002", "Page 1 of 2", "Page 2 of 2"},
       "history@1{line a} history@2{line c} treatment_plan@2{rest}"},
      {{"Case Number: CM17-0900002\nHISTORY\nfell\nPage 1 of 3\n", "Page 2 of 3\n", "more\n"},
       {"Page 1 of 3", "Page 2 of 3"},
       "header@1{Case Number: CM17-0900002} history@1{fell} history@3{more}"},
  };
  for (const SectionRow& row : rows) {
    SCOPED_TRACE(::testing::PrintToString(row.pages));
    EXPECT_EQ(SectionsOf(MakePages(row.pages, row.furniture_lines)), row.expected);
  }
}

TEST(FindSectionsTest, NoPagesNoSections) { EXPECT_TRUE(FindSections({}).empty()); }

// A body system of an examination or a review of systems is no section of its
// own: its findings stay in the examination.
TEST(HeadingTableTest, SubHeadingsStayInTheirSection) {
  for (const HeadingRow& row : HeadingTable()) {
    if (!row.name.empty()) continue;
    const std::string text = "PHYSICAL EXAMINATION:\nGeneral well.\n" + std::string(row.phrase) + ": no edema\n";
    SCOPED_TRACE(text);
    EXPECT_EQ(SectionsOf(MakePages({text})),
              "physical_examination@1{General well.\n" + std::string(row.phrase) + ": no edema}");
  }
}

// Transcribed notes: headings run on in the line, carry a comma after the
// colon, or are in capitals that no row names.
TEST(FindSectionsTest, NoteHeadings) {
  const SectionRow rows[] = {
      {{"HISTORY OF PRESENT ILLNESS:, This 61-year-old man fell.  PAST MEDICAL HISTORY:, Asthma.\n"}, {},
       "history@1{This 61-year-old man fell.} past_medical_history@1{Asthma.}"},
      {{"CHIEF COMPLAINT: Neck pain.,HPI: Fell at work.\n"}, {},
       "chief_complaint@1{Neck pain.,} history@1{Fell at work.}"},
      // An unlisted heading in capitals opens a section; one that holds a
      // listed phrase is that section.
      {{"PROCEDURE: Knee arthroscopy.\nSPONGE AND NEEDLE COUNTS: Correct.\n"}, {},
       "procedure@1{Knee arthroscopy.} other@1{Correct.}"},
      {{"HISTORY OF PRESENT ILLNESS AND HOSPITAL COURSE: Stable.\nSECONDARY DIAGNOSES PRIOR TO ADMISSION: Asthma.\n"},
       {},
       "history@1{Stable.} past_medical_history@1{Asthma.}"},
      {{"PAST MEDICAL HX: Asthma.\n"}, {}, "past_medical_history@1{Asthma.}"},
      // Near-misses: capitals inside prose, a lower-case label, a letter's item.
      {{"He was seen at UCLA: no change.\n"}, {}, "header@1{He was seen at UCLA: no change.}"},
      {{"Patient name: John\n"}, {}, "header@1{Patient name: John}"},
      {{"IMR ISSUES, DECISIONS AND RATIONALES\nMRI OF THE LUMBAR SPINE: Upheld\n"}, {},
       "decisions_and_rationales@1{MRI OF THE LUMBAR SPINE: Upheld}"},
  };
  for (const SectionRow& row : rows) {
    SCOPED_TRACE(::testing::PrintToString(row.pages));
    EXPECT_EQ(SectionsOf(MakePages(row.pages, row.furniture_lines)), row.expected);
  }
}

TEST(ClassifyBySectionsTest, NotesWithoutATitle) {
  const std::pair<std::string, std::string> rows[] = {
      {"PREOPERATIVE DIAGNOSIS: Stenosis.\nPROCEDURE: Laminectomy.\nANESTHESIA: General.\n", "operative_report"},
      {"PROCEDURE: Epidural injection at L5-S1.\nFINDINGS: Good flow.\n", "procedure_report"},
      {"TECHNIQUE: Axial images.\nFINDINGS: Disc bulge.\nIMPRESSION: Stenosis.\n", "imaging_report"},
      {"HOSPITAL COURSE: Uneventful.\nDISCHARGE DIAGNOSIS: Pneumonia.\n", "discharge_summary"},
      {"HISTORY OF PRESENT ILLNESS: Fell.\nPAST MEDICAL HISTORY: None.\nPHYSICAL EXAMINATION: Tender.\n",
       "history_and_physical"},
      {"HISTORY: Fell.\nPHYSICAL EXAMINATION: Tender.\nIMPRESSION: Strain.\nPLAN: Rest.\n", "consultation"},
      {"Some words without any heading.\n", "other"},
  };
  for (const auto& [text, expected] : rows) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ClassifyDocument(MakePages({text})), expected);
  }
}

TEST(ClassifyDocumentTest, Table) {
  const std::string filler(1700, ' ');
  const std::pair<std::string, std::string> rows[] = {
      {"Case Number: CM17-0900001\n\nHOW THE IMR FINAL DETERMINATION WAS MADE\n",
       "imr_final_determination"},
      {"MEDICAL PROFESSIONAL REVIEW\n\nISSUE AT DISPUTE:\n", "imr_final_determination"},
      {"MAXIMUS FEDERAL SERVICES, INC.\nIndependent Medical Review\n", "imr_final_determination"},
      {"UTILIZATION REVIEW DETERMINATION\nMRI: Non-certified\n", "ur_determination"},
      {"Utilization Review\nDecision\n", "ur_determination"},
      {"OPERATIVE REPORT\nPROCEDURE PERFORMED: arthroscopy\n", "operative_report"},
      {"PROCEDURE NOTE\nLumbar epidural steroid injection\n", "procedure_report"},
      {"RADIOLOGY REPORT\nMRI of the lumbar spine\n", "imaging_report"},
      {"MRI REPORT\nFINDINGS: disc bulge\n", "imaging_report"},
      {"QUALIFIED MEDICAL EVALUATION\n", "medical_legal_report"},
      {"AGREED MEDICAL EVALUATION\n", "medical_legal_report"},
      {"REQUEST FOR AUTHORIZATION\nDWC Form RFA\n", "rfa"},
      {"OFFICE VISIT\nNeck pain.\n", "progress_report"},
      {"SUBJECTIVE: neck pain\nOBJECTIVE: tender\n", "progress_report"},
      {"Dear Ms. Quintanar,\nThank you for your letter.\n", "other"},
      {"", "other"},
      // The title is near the top: a phrase deep in the page does not count.
      {filler + "OPERATIVE REPORT\n", "other"},
      // Near-misses: the body mentions another type's title.
      {"PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\n"
       "A Request for Authorization for physical therapy was sent today.\n",
       "progress_report"},
      {"NOTICE OF UTILIZATION REVIEW DETERMINATION\n"
       "If you disagree, you may request Independent Medical Review (IMR) of this\n"
       "decision. An IMR Final Determination is binding.\n",
       "ur_determination"},
      {"RADIOLOGY REPORT\nComparison: prior MRI report of 2015; progress report reviewed.\n",
       "imaging_report"},
      // "pr-2" inside a date is not the PR-2 title.
      // Fixed bug, kept as a row.
      {"Physical therapy daily note\nDate of service: 21-Apr-2016\n", "other"},
  };
  for (const auto& [text, expected] : rows) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ClassifyDocument(MakePages({text})), expected);
  }
  EXPECT_EQ(ClassifyDocument({}), "other");
  // Only page 1 holds the title.
  EXPECT_EQ(ClassifyDocument(MakePages({"Dear Ms. Quintanar,\n", "OPERATIVE REPORT\n"})), "other");
}

TEST(DocTypeTableTest, EveryRowClassifiesItsOwnTitle) {
  for (const DocTypeRow& row : DocTypeTable()) {
    const std::string title(row.phrase);
    SCOPED_TRACE(title);
    EXPECT_EQ(ClassifyDocument(MakePages({title + "\nSome body text.\n"})), row.doc_type);
  }
}

}  // namespace
}  // namespace imr
