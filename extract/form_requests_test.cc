#include "extract/form_requests.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/record.h"

namespace imr {
namespace {

Document DocumentOf(const std::vector<std::string>& pages, const std::string& doc_type) {
  Document doc;
  doc.doc_type = doc_type;
  for (const std::string& text : pages) doc.pages.push_back({static_cast<int>(doc.pages.size()) + 1, text, {}, {}, false});
  return doc;
}

// "text|decision" per request, joined by " ; ".
std::string Describe(const std::vector<Request>& requests) {
  std::string out;
  for (const Request& r : requests) {
    if (!out.empty()) out += " ; ";
    out += r.text + "|" + (r.reference ? r.reference->decision : "-");
  }
  return out;
}

TEST(FormRequestsTest, DecisionWords) {
  const std::pair<std::string, std::string> rows[] = {
      {"Non-certified", "non_certified"}, {"Noncertified.", "non_certified"}, {"Not certified", "non_certified"},
      {"Denied", "non_certified"},        {"Certified", "certified"},         {"Approved", "certified"},
      {"Authorized", "certified"},        {"Modified to 6 visits", "modified"}, {"Partially certified", "modified"},
      {"Delayed", "delayed"},             {"Withdrawn by the provider", "withdrawn"}, {"Pending", ""},
  };
  for (const auto& [words, decision] : rows) EXPECT_EQ(UrDecision(words), decision) << words;
}

TEST(FormRequestsTest, AnRfaItemIsItsFirstSentence) {
  const Document doc = DocumentOf(
      {"REQUEST FOR AUTHORIZATION\nEmployee: Pat Doe\n\nREQUESTED TREATMENT:\nDiagnosis: lumbar radiculopathy\n\n"
       "1. MRI lumbar spine without contrast, CPT 72148, quantity 1.\nOther information: weakness persists.\n"
       "2. Naproxen 550 mg #60, one twice daily. Continue.\n\nREQUESTING PHYSICIAN SIGNATURE:\n1. Not an item\n"},
      "rfa");
  const std::vector<Request> asked = ExtractRfaRequests(doc);
  EXPECT_EQ(Describe(asked), "MRI lumbar spine without contrast, CPT 72148, quantity 1|- ; Naproxen 550 mg #60, one twice daily|-");
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0].id, "r1");
  EXPECT_EQ(asked[0].span.page_number, 1);
  EXPECT_EQ(Slice(doc.pages, asked[0].span), "MRI lumbar spine without contrast, CPT 72148, quantity 1");
  EXPECT_TRUE(ExtractRfaRequests(DocumentOf({"1. Not under any heading."}, "rfa")).empty());
}

TEST(FormRequestsTest, UrBlocksAndTheirDecisions) {
  const Document doc = DocumentOf(
      {"UTILIZATION REVIEW DETERMINATION\nSummary of Decisions\n- MRI of the knee: Certified\n\n"
       "REQUEST 1: MRI of the knee\nDecision: Certified\nRationale: meets the guideline.\n",
       "Item 2: Physical therapy 2x6, knee\nDecision: Modified to 2x3. Six visits are certified.\n"},
      "ur_determination");
  const std::vector<Request> decided = ExtractUrRequests(doc);
  EXPECT_EQ(Describe(decided), "MRI of the knee|certified ; Physical therapy 2x6, knee|modified");
  ASSERT_EQ(decided.size(), 2u);
  EXPECT_EQ(decided[1].span.page_number, 2);
  EXPECT_EQ(decided[1].reference->statement, "Decision: Modified to 2x3. Six visits are certified.");
}

TEST(FormRequestsTest, AUrSummaryAloneStillGivesTheDecisions) {
  const Document doc = DocumentOf(
      {"NOTICE OF UTILIZATION REVIEW\nSUMMARY OF DECISIONS\n\u2022 Norco 10/325 mg #60: Non-certified\n"
       "\u2022 Acupuncture 2x4 lumbar, 8 visits: Modified to 6 visits\n"},
      "ur_determination");
  EXPECT_EQ(Describe(ExtractUrRequests(doc)),
            "Norco 10/325 mg #60|non_certified ; Acupuncture 2x4 lumbar, 8 visits|modified");
}

}  // namespace
}  // namespace imr
