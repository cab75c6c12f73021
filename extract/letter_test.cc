#include "extract/letter.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/text.h"
#include "extract/letter_requests.h"
#include "extract/pattern.h"
#include "ingest/ingest.h"

namespace imr {
namespace {

// ---------------------------------------------------------------------------
// Invented letters in the three layouts, as the PDF layout prints them: header
// tables come out label, tab, value, with wrapped labels on the next line.

constexpr std::string_view kLayout1Header =
    "Case Number:\tCM17-0912345\n"
    "Date Assigned:\t01/05/2017\tDate of Injury:\t03/13/2015\n"
    "Decision Date:\t02/02/2017\tUR Denial Date: 12/22/2016\n"
    "Priority:\tStandard\tApplication\t12/29/2016\n"
    "Received:\n\n";

constexpr std::string_view kCredentials =
    "The Expert Reviewer has the following credentials:\n"
    "State(s) of Licensure: California\n"
    "Certification(s)/Specialty: Family Medicine";

constexpr std::string_view kSummary =
    "The injured worker is a 48 year old male who fell from a ladder at work.";

struct Layout1 {
  std::string_view credentials = kCredentials;
  std::string_view summary = kSummary;
  std::string_view decisions = "MRI of the lumbar spine: Upheld";

  std::string Text() const {
    return std::string(kLayout1Header) +
           "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
           "MAXIMUS Federal Services sent the case file to an expert reviewer with no\n"
           "connection to any party.\n\n" +
           std::string(credentials) +
           "\n\n"
           "CLINICAL CASE SUMMARY\n" +
           std::string(summary) +
           "\n\n"
           "IMR ISSUES, DECISIONS AND RATIONALES\n"
           "The Final Determination was based on decisions for the disputed items/services\n"
           "set forth below:\n\n" +
           std::string(decisions) + "\n";
  }
};

struct Layout2 {
  std::string_view decisions =
      "1. Acupuncture 6 sessions is not medically necessary and appropriate.";

  std::string Text() const {
    return "MAXIMUS FEDERAL SERVICES, INC.\n"
           "Independent Medical Review\n\n"
           "Dated: 12/18/2013\n\n"
           "IMR Case Number: CM13-0912345\tDate of Injury:\t08/19/2012\n"
           "Claims Number:\t7731-WC-40982\tDate of UR\t10/30/2013\n"
           "Decision:\n"
           "Date of IMR\t11/06/2013\tPriority:\tStandard\n"
           "Application:\n\n"
           "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
           "The expert reviewer is licensed in California, is board certified in Orthopedic\n"
           "Surgery, and sees patients at least 24 hours a week.\n\n"
           "DOCUMENTS REVIEWED\n"
           "Application for Independent Medical Review, dated 11/06/2013\n\n"
           "CLINICAL CASE SUMMARY\n"
           "The patient is a 58-year-old female bus operator who twisted her left knee.\n\n"
           "IMR DECISION(S) AND RATIONALE(S)\n" +
           std::string(decisions) + "\n";
  }
};

struct Layout3 {
  std::string_view issues =
      "1. Lidoderm (lidocaine 5%) patches #30 for the neck\n"
      "2. Home cervical traction unit, purchase";
  std::string_view guidelines = "MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics.";
  std::string_view rationale =
      "1. Lidoderm patches. The pain is myofascial. The requested Lidoderm patches are not\n"
      "medically necessary. The prior determination is upheld.\n\n"
      "2. Home cervical traction unit. There are radicular signs. The requested unit is\n"
      "medically necessary. The prior determination is overturned.";

  std::string Text() const {
    return "IMR Case Number: CM14-0912345\tDate of Injury:\t02/06/2012\n"
           "Date Assigned:\t05/19/2014\tUR Denial Date: 04/28/2014\n"
           "Priority:\tExpedited\tApplication\t05/12/2014\n"
           "Received:\n\n"
           "MEDICAL PROFESSIONAL REVIEW\n\n"
           "ISSUE AT DISPUTE:\n" +
           std::string(issues) +
           "\n\n"
           "CASE SUMMARY:\n"
           "This 47-year-old male delivery driver was hurt when a door struck his neck.\n\n"
           "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL\n"
           "REVIEWER AND WHY:\n" +
           std::string(guidelines) +
           "\n\n"
           "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS\n"
           "NOT MEDICALLY NECESSARY:\n" +
           std::string(rationale) +
           "\n\n"
           "MEDICAL REVIEWER QUALIFICATIONS:\n"
           "The reviewer is a licensed physician certified by the American Board of Physical\n"
           "Medicine and Rehabilitation with a subspecialty in Pain Medicine, and holds a\n"
           "license in California.\n";
  }
};

Document DocFromText(std::string_view text) { return IngestBytes(text, "x.txt", {}); }

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// Every value quotes its words: fields and facts exactly (priority is lower-cased),
// request text and statements up to whitespace.
void ExpectSpansQuoteValues(const Document& doc, const LetterFacts& letter) {
  for (const auto& [name, field] : letter.fields) {
    SCOPED_TRACE("field " + name);
    EXPECT_FALSE(field.span.empty());
    EXPECT_EQ(AsciiLower(CollapseWhitespace(Slice(doc.pages, field.span))), AsciiLower(field.value));
  }
  for (const Fact& fact : letter.facts) {
    SCOPED_TRACE("fact " + fact.kind);
    EXPECT_EQ(Slice(doc.pages, fact.span), fact.text);
  }
  for (const Request& request : letter.requests) {
    SCOPED_TRACE("request " + request.id);
    // `text` quotes the page exactly, line breaks and all; `display` is it on one line.
    EXPECT_EQ(Slice(doc.pages, request.span), request.text);
    EXPECT_EQ(request.display, CollapseWhitespace(request.text));
    ASSERT_TRUE(request.reference.has_value());
    EXPECT_EQ(Slice(doc.pages, request.reference->statement_span), request.reference->statement);
  }
}

// ---------------------------------------------------------------------------
// Header fields.

std::string DescribeFields(const LetterFacts& letter) {
  std::vector<std::string> parts;
  for (const auto& [name, field] : letter.fields) {
    if (name.starts_with("reviewer_")) continue;  // checked by the reviewer table
    parts.push_back(name + "=" + field.value);
  }
  return Join(parts, " ");
}

struct TextRow {
  std::string text;
  std::string expected;
};

TEST(ExtractLetterTest, HeaderFields) {
  const TextRow rows[] = {
      {Layout1{}.Text(),
       "application_received=12/29/2016 case_number=CM17-0912345 date_assigned=01/05/2017 "
       "date_of_injury=03/13/2015 decision_date=02/02/2017 priority=standard "
       "ur_denial_date=12/22/2016"},
      // Layout 2: "Date of UR | Decision:" and "Date of IMR | Application:" wrap.
      {Layout2{}.Text(),
       "application_received=11/06/2013 case_number=CM13-0912345 date_of_injury=08/19/2012 "
       "decision_date=12/18/2013 priority=standard ur_denial_date=10/30/2013"},
      {Layout3{}.Text(),
       "application_received=05/12/2014 case_number=CM14-0912345 date_assigned=05/19/2014 "
       "date_of_injury=02/06/2012 priority=expedited ur_denial_date=04/28/2014"},
      {"Case No. CM16-0213037\nDate of Injury: Oct. 13, 2016\nPriority: Expedited\n",
       "case_number=CM16-0213037 date_of_injury=Oct. 13, 2016 priority=expedited"},
      // Near-misses: a label without a value, an application mentioned in a list,
      // "decision dated" in prose, a priority that is not a keyword.
      {"Case Number: pending\nDate of Injury: unknown\nPriority: high\n"
       "Application for Independent Medical Review, dated 11/06/2013\n"
       "The decision dated 12/18/2013 was sent.\n",
       ""},
      {"Dear Ms. Quintanar,\nThank you for your letter of 10/13/2016.\n", ""},
  };
  for (const TextRow& row : rows) {
    SCOPED_TRACE(row.text);
    const Document doc = DocFromText(row.text);
    const LetterFacts letter = ExtractLetter(doc);
    EXPECT_EQ(DescribeFields(letter), row.expected);
    ExpectSpansQuoteValues(doc, letter);
  }
}

// Each row of the field table compiles, fires on a sample, and stays silent on
// the near-misses of its field.
TEST(LetterFieldTableTest, EveryRowCompilesAndFires) {
  struct Sample {
    std::string_view field;
    std::string_view text;
    std::string_view value;  // "" for a near-miss
  };
  const Sample samples[] = {
      {"case_number", "Case Number:\tCM17-0912345", "CM17-0912345"},
      {"case_number", "IMR Case Number: CM13-0900003", "CM13-0900003"},
      {"case_number", "Case No. CM14-0900004", "CM14-0900004"},
      {"case_number", "Case Number: pending", ""},
      {"date_assigned", "Date Assigned:\t01/05/2017", "01/05/2017"},
      {"date_assigned", "Date Assigned: soon", ""},
      {"date_of_injury", "Date of Injury: October 13, 2016", "October 13, 2016"},
      {"date_of_injury", "Date of Injury:\t2016-10-13", "2016-10-13"},
      {"date_of_injury", "Date of Injury: unknown", ""},
      {"decision_date", "Decision Date:\t02/02/2017", "02/02/2017"},
      {"decision_date", "Dated: 12/18/2013", "12/18/2013"},
      {"decision_date", "The decision dated 12/18/2013 was sent.", ""},
      {"ur_denial_date", "UR Denial Date: 12/22/2016", "12/22/2016"},
      {"ur_denial_date", "Date of UR\t10/30/2013\nDecision:", "10/30/2013"},
      {"ur_denial_date", "Date of URL 10/30/2013", ""},
      {"application_received", "Application\t12/29/2016\nReceived:", "12/29/2016"},
      {"application_received", "Date of IMR\t11/06/2013\nApplication:", "11/06/2013"},
      {"application_received", "Application for IMR, dated 11/06/2013", ""},
      {"priority", "Priority:\tStandard", "Standard"},
      {"priority", "Priority: Expedited", "Expedited"},
      {"priority", "Priority: high", ""},
  };
  for (const FieldPatternRow& row : LetterFieldTable()) {
    SCOPED_TRACE(std::string(row.field) + ": " + std::string(row.pattern));
    std::optional<Pattern> pattern;
    ASSERT_NO_THROW(pattern.emplace(row.pattern));
    EXPECT_TRUE(pattern->ok()) << pattern->error();
    int fired = 0;
    for (const Sample& sample : samples) {
      if (sample.field != row.field) continue;
      SCOPED_TRACE(std::string(sample.text));
      const auto m = pattern->Find(sample.text);
      if (sample.value.empty()) {
        EXPECT_FALSE(m.has_value()) << m->group(0);
      } else if (m) {
        EXPECT_EQ(m->group(1), sample.value);
        ++fired;
      }
    }
    EXPECT_GT(fired, 0) << "no sample fires this row";
  }
  EXPECT_THROW(Pattern("(unclosed"), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// Patient.

struct PatientRow {
  std::string summary;
  int age;  // -1: none
  std::string sex;
};

TEST(ExtractLetterTest, PatientAgeAndSex) {
  const PatientRow rows[] = {
      {"The injured worker is a 48 year old male who fell from a ladder.", 48, "male"},
      {"This 56-year-old female bus driver twisted her knee.", 56, "female"},
      {"The patient is a 62 y/o man with neck pain.", 62, "male"},
      {"She is a 45-year-old right-hand-dominant woman.", 45, "female"},
      {"The applicant is a 39 years old, male packer.", 39, "male"},
      {"This female applicant reported low back pain.", -1, "female"},
      {"The 39 year old reported low back pain.", 39, ""},
      {"The injured worker reported low back pain after lifting.", -1, ""},
      {"The claims manager and the human resources staff met.", -1, ""},
      {"The injured worker is a 0 year old male.", -1, "male"},
      {"The injured worker is a 130 year old female.", -1, "female"},
      // Without a word for a sex, the pronouns say it.
      {"He lifted a 50 lb box and felt pain.", -1, "male"},
      {"She and her husband lifted a box; she felt pain.", -1, "female"},
      {"He told her that he felt pain.", -1, "male"},
      {"He and she lifted a box.", -1, ""},
      // Infants: months, weeks, days, or a baby before any other age.
      {"This 3-week-old baby boy has a murmur.", 0, "male"},
      {"An 18-month-old girl fell.", 1, "female"},
      {"A baby girl born to a 32-year-old mother.", 0, "female"},
  };
  for (const PatientRow& row : rows) {
    SCOPED_TRACE(row.summary);
    const Document doc = DocFromText(Layout1{.summary = row.summary}.Text());
    const LetterFacts letter = ExtractLetter(doc);
    EXPECT_EQ(letter.patient.age.value_or(-1), row.age);
    EXPECT_EQ(letter.patient.sex, row.sex);
    ExpectSpansQuoteValues(doc, letter);
    for (const Fact& fact : letter.facts) {
      EXPECT_EQ(fact.section, "clinical_case_summary");
      const std::string expected = fact.kind == "age" ? std::to_string(row.age) : row.sex;
      EXPECT_EQ(fact.value.at(fact.kind == "age" ? "years" : "sex"), expected);
    }
  }
}

// ---------------------------------------------------------------------------
// Reviewer.

struct ReviewerRow {
  std::string credentials;
  std::string licensure;  // joined with "|"
  std::string specialty;
};

TEST(ExtractLetterTest, Reviewer) {
  const ReviewerRow rows[] = {
      {"State(s) of Licensure: Texas,New York,California\n"
       "Certification(s)/Specialty: Family Medicine",
       "Texas|New York|California", "Family Medicine"},
      {"State(s) of Licensure: Arizona; California and Nevada\n"
       "Certification(s)/Specialty: Internal Medicine",
       "Arizona|California|Nevada", "Internal Medicine"},
      // A specialty that wraps runs on up to the blank line.
      {"State(s) of Licensure: California\n"
       "Certification(s)/Specialty: Physical Medicine & Rehabilitation, Pain Medicine,\n"
       "Sports Medicine\n\n"
       "The reviewer works at least 24 hours a week.",
       "California", "Physical Medicine & Rehabilitation, Pain Medicine, Sports Medicine"},
      // Older letters say it in prose.
      {"The reviewer is Board Certified in Family Medicine and is licensed to practice in "
       "California.",
       "California", "Family Medicine"},
      {"The reviewer is board-certified in Orthopedic Surgery, and is licensed to practice in\n"
       "California and Nevada.",
       "California|Nevada", "Orthopedic Surgery"},
      {"The reviewer is certified by the American Board of Physical Medicine and\n"
       "Rehabilitation, and holds a license in California.",
       "California", "Physical Medicine and Rehabilitation"},
      {"The reviewer has no connection to any party.", "", ""},
  };
  for (const ReviewerRow& row : rows) {
    SCOPED_TRACE(row.credentials);
    const Document doc = DocFromText(Layout1{.credentials = row.credentials}.Text());
    const LetterFacts letter = ExtractLetter(doc);
    EXPECT_EQ(Join(letter.reviewer.licensure, "|"), row.licensure);
    EXPECT_EQ(letter.reviewer.specialty, row.specialty);
    ExpectSpansQuoteValues(doc, letter);
  }
}

// ---------------------------------------------------------------------------
// Requests: "text => decision [claims administrator's | reviewer's guideline]",
// one line per request.

std::string DescribeRequests(const std::vector<Request>& requests) {
  std::vector<std::string> lines;
  for (const Request& r : requests) {
    const Reference& ref = *r.reference;
    lines.push_back(r.display + " => " + ref.decision + " [" + ref.claims_administrator_guideline +
                    " | " + ref.reviewer_guideline + "]");
  }
  return Join(lines, "\n");
}

void ExpectRequests(const std::string& text, const std::string& expected) {
  SCOPED_TRACE(text);
  const Document doc = DocFromText(text);
  const LetterFacts letter = ExtractLetter(doc);
  for (const Request& r : letter.requests) ASSERT_TRUE(r.reference.has_value()) << r.text;
  EXPECT_EQ(DescribeRequests(letter.requests), expected);
  for (size_t i = 0; i < letter.requests.size(); ++i) {
    const Request& r = letter.requests[i];
    EXPECT_EQ(r.id, "r" + std::to_string(i + 1));
    // The guideline list is the non-empty ones, claims administrator's first.
    std::vector<std::string> guidelines;
    for (const std::string& g : {r.reference->claims_administrator_guideline,
                                 r.reference->reviewer_guideline}) {
      if (!g.empty()) guidelines.push_back(g);
    }
    EXPECT_EQ(r.reference->guidelines, guidelines);
  }
  ExpectSpansQuoteValues(doc, letter);
  EXPECT_EQ(DescribeRequests(ExtractLetterRequests(doc)), expected);
}

TEST(ExtractLetterRequestsTest, Layout1ColonDecisions) {
  const TextRow rows[] = {
      {"MRI of the lumbar spine without contrast: Upheld\n\n"
       "Claims Administrator guideline: Decision based on MTUS ACOEM Low Back Complaints.\n\n"
       "MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s):\n"
       "Special Studies.\n\n"
       "Decision rationale: There were no red flags and no neurological deficit.",
       "MRI of the lumbar spine without contrast => upheld [MTUS ACOEM Low Back Complaints. | "
       "MTUS Low Back Complaints 2004, Section(s): Special Studies.]"},
      // The decision on the line after the colon.
      {"Physical therapy 12 sessions for the lumbar spine:\nOverturned",
       "Physical therapy 12 sessions for the lumbar spine => overturned [ | ]"},
      {"Acupuncture 6 sessions: overturned", "Acupuncture 6 sessions => overturned [ | ]"},
      // A colon inside the item is not the decision's colon.
      {"Retrospective urine drug screen (DOS: 10/12/2016): Upheld",
       "Retrospective urine drug screen (DOS: 10/12/2016) => upheld [ | ]"},
      // Partly authorized: the remaining portion Z is the item.
      {"Physical therapy 12 sessions for the right shoulder, twice weekly for six weeks,\n"
       "was the original request. Physical therapy 6 sessions for the right shoulder was\n"
       "authorized by the Claims Administrator. The remaining IMR eligible portion of the\n"
       "original request, Physical therapy 6 sessions for the right shoulder is: Upheld",
       "Physical therapy 6 sessions for the right shoulder => upheld [ | ]"},
      {"The original request, Lumbar epidural steroid injection at L4-5 is: Overturned",
       "Lumbar epidural steroid injection at L4-5 => overturned [ | ]"},
      // Several items; a paragraph that cites no evidence gives an empty line.
      {"Tramadol ER 150 mg #30: Overturned\n\n"
       "Claims Administrator guideline: The Claims Administrator did not cite any\n"
       "evidence-based guidelines for this decision.\n\n"
       "MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2009,\n"
       "Section(s): Opioids.\n\n"
       "Decision rationale: Function improved on the medication.\n\n"
       "Compounded topical cream, ketoprofen 20% and\n"
       "lidocaine 5%, 120 grams: Upheld\n\n"
       "Claims Administrator guideline: Decision based on MTUS Topical Analgesics.\n\n"
       "MAXIMUS guideline: Decision based on ODG Pain Chapter, Compound creams.\n\n"
       "Decision rationale: Ketoprofen is not approved for topical use.",
       "Tramadol ER 150 mg #30 => overturned [ | MTUS Chronic Pain Medical Treatment 2009, "
       "Section(s): Opioids.]\n"
       "Compounded topical cream, ketoprofen 20% and lidocaine 5%, 120 grams => upheld "
       "[MTUS Topical Analgesics. | ODG Pain Chapter, Compound creams.]"},
      // Near-miss: "Upheld" inside a sentence is not an item.
      {"MRI of the knee: Upheld\n\n"
       "Decision rationale: The earlier denial was Upheld on appeal, and the\n"
       "request is not medically necessary.",
       "MRI of the knee => upheld [ | ]"},
      {"Decision rationale: the prior review Upheld the denial.\n"
       "Note: Upheld decisions are final.",
       ""},
      // Near-miss: a rationale sentence stating necessity is not an item here.
      {"Lumbar epidural steroid injection: Upheld\n\n"
       "Decision rationale: Radiculopathy is not documented.\n"
       "1. The injection is not medically necessary.",
       "Lumbar epidural steroid injection => upheld [ | ]"},
      {"Decision rationale: The MRI is not medically necessary.", ""},
  };
  for (const TextRow& row : rows) ExpectRequests(Layout1{.decisions = row.text}.Text(), row.expected);
}

TEST(ExtractLetterRequestsTest, Layout1PartialStatementIsKeptWhole) {
  const std::string statement =
      "Physical therapy 12 sessions, was the original request. Physical therapy 6\n"
      "sessions was authorized by the Claims Administrator. The remaining IMR eligible\n"
      "portion of the original request, Physical therapy 6 sessions is";
  const Document doc = DocFromText(Layout1{.decisions = statement + ": Upheld"}.Text());
  const LetterFacts letter = ExtractLetter(doc);
  ASSERT_EQ(letter.requests.size(), 1u);
  EXPECT_EQ(letter.requests[0].text, "Physical therapy 6 sessions");
  EXPECT_EQ(letter.requests[0].reference->statement, statement);  // as the page has it
  EXPECT_EQ(Slice(doc.pages, letter.requests[0].reference->statement_span), statement);
}

TEST(ExtractLetterRequestsTest, Layout2NumberedNecessity) {
  const TextRow rows[] = {
      {"1. Physical therapy 2x6 for the left knee is not medically necessary and\n"
       "appropriate.\n\n"
       "The Claims Administrator based its decision on the Postsurgical Treatment\n"
       "Guidelines, Knee.\n\n"
       "The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical\n"
       "Treatment Guidelines (2009), Physical Medicine.\n\n"
       "Rationale for the Decision:\n"
       "She has had 18 visits. The requested visits are not medically necessary and\n"
       "appropriate.\n\n"
       "2. Synvisc-One injection to the left knee, quantity 1, is medically necessary and\n"
       "appropriate.\n\n"
       "The Claims Administrator based its decision on the ODG, Knee and Leg Chapter.\n\n"
       "The Expert Reviewer based his/her decision on the ODG, Knee and Leg Chapter.\n\n"
       "Rationale for the Decision:\n"
       "The criteria are met and the injection is medically necessary and appropriate.",
       "Physical therapy 2x6 for the left knee => upheld [Postsurgical Treatment Guidelines, "
       "Knee. | MTUS Chronic Pain Medical Treatment Guidelines (2009), Physical Medicine.]\n"
       "Synvisc-One injection to the left knee, quantity 1 => overturned "
       "[ODG, Knee and Leg Chapter. | ODG, Knee and Leg Chapter.]"},
      // The 2013 form.
      {"1. MAXIMUS Federal Services, Inc. has determined the request for acupuncture 6\n"
       "sessions is not medically necessary and appropriate.",
       "acupuncture 6 sessions => upheld [ | ]"},
      {"1) Cervical pillow is medically necessary.", "Cervical pillow => overturned [ | ]"},
      // Near-miss: a numbered list inside a rationale is not an item.
      // Fixed bug, kept as a row: a numbered list inside a rationale used to
      // become a request.
      {"1. Physical therapy 2x6 is not medically necessary and appropriate.\n\n"
       "Rationale for the Decision:\n"
       "The guideline sets two conditions:\n"
       "1. a documented functional deficit;\n"
       "2. a home program that failed.\n"
       "Neither is met, so the therapy is not medically necessary.\n\n"
       "2. Synvisc-One injection is medically necessary and appropriate.",
       "Physical therapy 2x6 => upheld [ | ]\n"
       "Synvisc-One injection => overturned [ | ]"},
  };
  for (const TextRow& row : rows) ExpectRequests(Layout2{.decisions = row.text}.Text(), row.expected);
}

TEST(ExtractLetterRequestsTest, Layout3IssueAtDispute) {
  const std::string guideline = "MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics.";
  const TextRow rows[] = {
      {Layout3{}.Text(),
       "Lidoderm (lidocaine 5%) patches #30 for the neck => upheld [ | " + guideline + "]\n"
       "Home cervical traction unit, purchase => overturned [ | " + guideline + "]"},
      // One unnumbered item.
      {Layout3{.issues = "Home cervical traction unit, purchase",
               .rationale = "The unit is not supported. The prior determination is upheld."}
           .Text(),
       "Home cervical traction unit, purchase => upheld [ | " + guideline + "]"},
      {Layout3{.issues = "Home cervical traction unit",
               .rationale = "The UR determination is reversed."}
           .Text(),
       "Home cervical traction unit => overturned [ | " + guideline + "]"},
      // Near-miss: a general statement of when a treatment is necessary is not
      // the outcome.
      // Fixed bug, kept as a row: a general necessity sentence in the rationale
      // used to count as an outcome ahead of the real one.
      {Layout3{.issues = "Home cervical traction unit",
               .rationale = "Home traction is medically necessary only when radicular signs are\n"
                            "present. He has none, so the requested unit is not medically\n"
                            "necessary. The prior determination is upheld."}
           .Text(),
       "Home cervical traction unit => upheld [ | " + guideline + "]"},
  };
  for (const TextRow& row : rows) ExpectRequests(row.text, row.expected);
}

TEST(ExtractLetterTest, NonLetterFindsNothing) {
  const Document doc = DocFromText(
      "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\n\n"
      "SUBJECTIVE COMPLAINTS\nLow back pain 6/10.\n\n"
      "TREATMENT PLAN\nRequest MRI of the lumbar spine. Physical therapy: Upheld by the\n"
      "carrier last year.\n");
  const LetterFacts letter = ExtractLetter(doc);
  EXPECT_TRUE(letter.requests.empty()) << DescribeRequests(letter.requests);
  EXPECT_FALSE(letter.fields.count("case_number"));
  EXPECT_TRUE(letter.reviewer.licensure.empty());
}

}  // namespace
}  // namespace imr
