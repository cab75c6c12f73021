#include "report/letter.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace imr {
namespace {

// One page of a case summary and one of decisions, as a letter record has them.
const std::string kPage1 =
    "CLINICAL CASE SUMMARY\n"
    "The patient is a 48-year-old male injured on 10/13/2016. He was seen on 10/20/2016.\n"
    "Diagnoses: lumbar radiculopathy <L5> & \"sciatica\". No red flags. Positive straight leg raise.\n"
    "He takes Norco 10/325 mg.\n";
const std::string kPage2 =
    "IMR ISSUES, DECISIONS AND RATIONALES\n"
    "MRI of the lumbar spine: Upheld\n"
    "Decision rationale: the reviewer found lumbar radiculopathy.\n";

Span SpanOf(int page_number, const std::string& page, const std::string& words) {
  const size_t at = page.find(words);
  EXPECT_NE(at, std::string::npos) << words;
  return {page_number, at, at + words.size()};
}

Fact MakeFact(std::string id, std::string kind, int page_number, const std::string& page, const std::string& words,
              std::string section, std::string assertion = "present") {
  Fact f;
  f.id = std::move(id);
  f.kind = std::move(kind);
  f.text = words;
  f.span = SpanOf(page_number, page, words);
  f.section = std::move(section);
  f.assertion = std::move(assertion);
  return f;
}

Request MakeRequest(std::string id, std::string text, std::optional<std::string> outcome) {
  Request r;
  r.id = std::move(id);
  r.text = std::move(text);
  if (outcome) {
    Determination d;
    d.outcome = *outcome;
    d.rule = "imaging.mri.spine.cpmtg@1";
    d.citations = {"MTUS ACOEM Practice Guidelines, 2nd ed. (2004), Chapter 12, Low Back Complaints, pp. 303-304"};
    d.rationale = "Our words about the request.";
    d.confidence = "moderate";
    d.criteria = {{"red_flags", "unmet", {"f5"}, "stated"}, {"neuro_deficit", "met", {"f6"}, "stated"},
                  {"conservative_care", "not_documented", {}, "absent"}};
    r.determination = d;
  }
  return r;
}

Record SmallRecord() {
  Record record;
  record.document.pages = {{1, kPage1, {}, {}, false}, {2, kPage2, {}, {}, false}};
  record.document.sections = {{"clinical_case_summary", 1, 22, kPage1.size()},
                              {"decisions_and_rationales", 2, 37, kPage2.size()}};
  record.fields["case_number"] = {"CM16-0000001", {}, ""};
  record.fields["date_of_injury"] = {"2016-10-13", SpanOf(1, kPage1, "10/13/2016"), ""};
  record.fields["priority"] = {"standard", {}, ""};
  record.fields["reviewer_specialty"] = {"Family Practice", {}, ""};
  record.patient = {48, "male"};
  const std::string s = "clinical_case_summary";
  record.facts = {
      MakeFact("f1", "age", 1, kPage1, "48-year-old male", s),
      MakeFact("f2", "sex", 1, kPage1, "male", s),
      MakeFact("f3", "diagnosis", 1, kPage1, "lumbar radiculopathy <L5> & \"sciatica\"", s),
      MakeFact("f4", "date", 1, kPage1, "10/20/2016", s),
      MakeFact("f5", "finding", 1, kPage1, "red flags", s, "absent"),
      MakeFact("f6", "finding", 1, kPage1, "Positive straight leg raise", s),
      MakeFact("f7", "medication", 1, kPage1, "Norco 10/325 mg", s),
      // Said only in the decision already made: never retold.
      MakeFact("f8", "diagnosis", 2, kPage2, "the reviewer found", "decisions_and_rationales"),
  };
  record.timeline = {{"2016-10-20", "day", "evaluation", "f4"}, {"2016-10-13", "day", "injury", "date_of_injury"}};
  record.requests = {MakeRequest("r1", "MRI of the lumbar spine", "not_medically_necessary"),
                     MakeRequest("r2", "Physical therapy 2x6", "medically_necessary"),
                     MakeRequest("r3", "Norco 10/325 mg #60", "insufficient_documentation"),
                     MakeRequest("r4", "Home health aide", std::nullopt)};
  record.requests[0].span = SpanOf(2, kPage2, "MRI of the lumbar spine");
  return record;
}

LetterOptions Options() {
  LetterOptions options;
  options.is_decision_section = [](std::string_view s) { return s == "decisions_and_rationales"; };
  options.criterion_says["imaging.mri.spine.cpmtg@1"]["red_flags"] = "a red flag for serious pathology";
  return options;
}

TEST(LetterDecisionTest, OutcomeToTheLettersDecision) {
  const struct {
    std::string_view outcome, decision;
  } kRows[] = {
      {"not_medically_necessary", "Upheld"},
      {"insufficient_documentation", "Upheld"},
      {"medically_necessary", "Overturned"},
      {"", ""},
      {"maybe", ""},
  };
  for (const auto& row : kRows) EXPECT_EQ(LetterDecision(row.outcome), row.decision) << row.outcome;
}

TEST(DraftLetterTest, OneItemPerRequestInOrderWithItsDecision) {
  const DraftLetter letter = DraftLetterFor(SmallRecord(), Options());
  ASSERT_EQ(letter.items.size(), 4u);
  const std::pair<std::string, std::string> kExpected[] = {{"MRI of the lumbar spine", "Upheld"},
                                                           {"Physical therapy 2x6", "Overturned"},
                                                           {"Norco 10/325 mg #60", "Upheld"},
                                                           {"Home health aide", ""}};
  for (size_t i = 0; i < letter.items.size(); ++i) {
    EXPECT_EQ(letter.items[i].text, kExpected[i].first);
    EXPECT_EQ(letter.items[i].decision, kExpected[i].second) << letter.items[i].text;
  }
}

TEST(DraftLetterTest, HeaderInTheLettersOrderWithoutTheReviewer) {
  const DraftLetter letter = DraftLetterFor(SmallRecord(), Options());
  const std::vector<std::pair<std::string, std::string>> kExpected = {
      {"Case Number:", "CM16-0000001"}, {"Date of Injury:", "10/13/2016"}, {"Priority:", "Standard"}};
  EXPECT_EQ(letter.header, kExpected);
}

TEST(DraftLetterTest, EverySummarySentenceCitesEvidenceThatExists) {
  const DraftLetter letter = DraftLetterFor(SmallRecord(), Options());
  std::set<std::string> ids;
  for (const LetterEvidence& e : letter.evidence) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    EXPECT_GE(e.page_number, 1) << e.id;
    EXPECT_FALSE(e.quote.empty()) << e.id;
  }
  size_t cited = 0;
  for (const LetterSentence& s : letter.summary) {
    for (const std::string& id : s.evidence) EXPECT_TRUE(ids.count(id)) << s.text << " cites " << id;
    cited += !s.evidence.empty();
  }
  EXPECT_GE(cited, 5u);  // age, injury, diagnosis, visit, medication, findings, plan
}

TEST(DraftLetterTest, SummaryInOurSentencesFromClinicalFactsOnly) {
  const DraftLetter letter = DraftLetterFor(SmallRecord(), Options());
  std::string summary;
  for (const LetterSentence& s : letter.summary) summary += s.text + "\n";
  for (const char* expected : {"The injured worker is a 48-year-old male.",
                               "The claim is for an industrial injury on 10/13/2016.",
                               "The diagnosis documented in the record is lumbar radiculopathy <L5> & \"sciatica\".",
                               "Visits and evaluations are dated 10/20/2016.",
                               "The medication documented is Norco 10/325 mg.",
                               "The findings documented include Positive straight leg raise.",
                               "The record notes the absence of red flags."}) {
    EXPECT_NE(summary.find(expected), std::string::npos) << expected << "\nin:\n" << summary;
  }
  EXPECT_EQ(summary.find("the reviewer found"), std::string::npos) << summary;
}

TEST(DraftLetterTest, CriteriaNamedByTheRulebookWithTheirEvidence) {
  const DraftLetter letter = DraftLetterFor(SmallRecord(), Options());
  const LetterItem& mri = letter.items[0];
  ASSERT_EQ(mri.criteria.size(), 3u);
  EXPECT_EQ(mri.criteria[0].says, "a red flag for serious pathology");
  EXPECT_EQ(mri.criteria[1].says, "neuro deficit");  // not in the options: its id's words
  ASSERT_EQ(mri.criteria[0].evidence.size(), 1u);
  const std::string& id = mri.criteria[0].evidence[0];
  const auto e = std::find_if(letter.evidence.begin(), letter.evidence.end(),
                              [&](const LetterEvidence& x) { return x.id == id; });
  ASSERT_NE(e, letter.evidence.end());
  EXPECT_EQ(e->quote, "red flags");
  EXPECT_EQ(e->page_number, 1);
  EXPECT_TRUE(mri.criteria[2].evidence.empty());
}

TEST(LetterHtmlTest, MarkedDraftThroughout) {
  const std::string html = LetterHtml(DraftLetterFor(SmallRecord(), Options()));
  EXPECT_NE(html.find("class=\"draft-banner\""), std::string::npos);
  EXPECT_NE(html.find("class=\"draft-footer\""), std::string::npos);
  EXPECT_NE(html.find("<title>DRAFT determination — CM16-0000001</title>"), std::string::npos);
  EXPECT_NE(html.find("Not a final determination."), std::string::npos);
  EXPECT_EQ(html.find("FINAL DETERMINATION WAS MADE"), std::string::npos);
}

TEST(LetterHtmlTest, DecisionLinesAndChecks) {
  const std::string html = LetterHtml(DraftLetterFor(SmallRecord(), Options()));
  EXPECT_NE(html.find("MRI of the lumbar spine:&nbsp; <span class=\"outcome-upheld\">Upheld</span>"), std::string::npos);
  EXPECT_NE(html.find("Physical therapy 2x6:&nbsp; <span class=\"outcome-overturned\">Overturned</span>"),
            std::string::npos);
  EXPECT_NE(html.find("Home health aide:&nbsp; <span class=\"outcome-none\">no drafted decision</span>"),
            std::string::npos);
  const auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("data-check=\"header\""), 1u);
  EXPECT_EQ(count("data-check=\"decision\""), 4u);
}

TEST(LetterHtmlTest, EveryEvidenceLinkHasItsTarget) {
  const std::string html = LetterHtml(DraftLetterFor(SmallRecord(), Options()));
  static const std::regex kLink(R"re(data-scroll-to="([^"]+)")re");
  size_t links = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kLink); it != std::sregex_iterator(); ++it, ++links) {
    EXPECT_NE(html.find("id=\"" + (*it)[1].str() + "\""), std::string::npos) << (*it)[1].str();
  }
  EXPECT_GE(links, 6u);
}

TEST(LetterHtmlTest, RecordTextIsEscaped) {
  const std::string html = LetterHtml(DraftLetterFor(SmallRecord(), Options()));
  EXPECT_EQ(html.find("<L5>"), std::string::npos);
  EXPECT_EQ(html.find("& \"sciatica\""), std::string::npos);
  EXPECT_NE(html.find("lumbar radiculopathy &lt;L5&gt; &amp; &quot;sciatica&quot;"), std::string::npos);
}

TEST(LetterHtmlTest, AnEmptyRecordStillGivesALetter) {
  const std::string html = LetterHtml(DraftLetterFor(Record{}, LetterOptions{}));
  EXPECT_NE(html.find("The record names no disputed item."), std::string::npos);
  EXPECT_NE(html.find("The record does not state the injured worker&#39;s age or sex."), std::string::npos);
  EXPECT_NE(html.find("data-check=\"header\""), std::string::npos);
}

TEST(LetterPdfTest, TypesetWhereCairoIs) {
  if (!CanTypesetLetterPdf()) {
    EXPECT_THROW(LetterPdf(DraftLetterFor(SmallRecord(), Options())), std::runtime_error);
    GTEST_SKIP() << "built without cairo: no PDF letters";
  }
  const std::string pdf = LetterPdf(DraftLetterFor(SmallRecord(), Options()));
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("DejaVu"), std::string::npos);  // real fonts, embedded
  EXPECT_NE(pdf.find("/MediaBox [ 0 0 612 792 ]"), std::string::npos);  // US letter
}

}  // namespace
}  // namespace imr
