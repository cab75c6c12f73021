#include "ingest/packet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/record.h"
#include "ingest/sections.h"

namespace imr {
namespace {

std::vector<Page> PagesOf(const std::vector<std::string>& texts) {
  std::vector<Page> pages;
  for (const std::string& text : texts) pages.push_back({static_cast<int>(pages.size()) + 1, text, {}, {}, false});
  return pages;
}

// "first-last" per document, "=dN" after a copy, joined by spaces.
std::string DescribeSplit(const std::vector<PacketDocument>& parts) {
  std::string out;
  for (const PacketDocument& p : parts) {
    if (!out.empty()) out += " ";
    out += std::to_string(p.first_page) + "-" + std::to_string(p.last_page);
    if (!p.duplicate_of.empty()) out += "=" + p.duplicate_of;
  }
  return out;
}

TEST(PacketTest, PageNumbersInTheirUsualShapes) {
  const struct {
    std::string text;
    std::optional<int> index, total;
  } rows[] = {
      {"Body text.\nPage 2 of 5", 2, 5},
      {"Body text.\n2/5", 2, 5},
      {"Body text.\n- 3 -", 3, std::nullopt},
      {"Westside Orthopedics   Page 1 of 3\nBody text.", 1, 3},
      {"Body text.\nPg. 4", 4, std::nullopt},
      {"Body text mentions page 2 of the report in a sentence that is long enough.\nMore text.\nAnd more.\nEnd.", std::nullopt, std::nullopt},
      {"Body text.\nBlood pressure 120/80", std::nullopt, std::nullopt},
      {"Body text.\nDate: 01/14/2014", std::nullopt, std::nullopt},  // a date is no "1/14"
      {"Body text.\nSmith, Jane \u00b7 2/5", 2, 5},
      {"Body text.\nStatement 22836 - 1 -", 1, std::nullopt},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const PageEvidence e = ReadPageEvidence({1, row.text, {}, {}, false});
    EXPECT_EQ(e.page_index, row.index);
    EXPECT_EQ(e.page_total, row.total);
  }
}

TEST(PacketTest, FaxLinesAreKnownAndTheirCounterIsNoPageNumber) {
  EXPECT_TRUE(IsFaxHeaderLine("01/14/2017 10:32 FROM: 555-0142 Westside Ortho TO: 555-0199 P. 3/17"));
  EXPECT_TRUE(IsFaxHeaderLine("Jan-14-2017 10:32 AM  Fax 555-0142  Page 003 of 017"));
  EXPECT_FALSE(IsFaxHeaderLine("Fax: 555-0142"));
  EXPECT_FALSE(IsFaxHeaderLine("She was seen at 10:30 and sent home."));
  const PageEvidence a = ReadPageEvidence({1, "01/14/2017 10:32 FROM: 555-0142 TO: 555-0199 P. 3/17\nBody.", {}, {}, false});
  const PageEvidence b = ReadPageEvidence({2, "01/14/2017 10:32 FROM: 555-0142 TO: 555-0199 P. 4/17\nBody.", {}, {}, false});
  EXPECT_FALSE(a.page_index.has_value());
  EXPECT_FALSE(a.fax_key.empty());
  EXPECT_EQ(a.fax_key, b.fax_key);  // one transmission
}

TEST(PacketTest, TitlesSignoffsAndDatesNearTheTop) {
  const PageEvidence e = ReadPageEvidence(
      {1, "Westside Orthopedics\nPRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\nDate of service: 03/02/2017\n"
          "The patient returns.\nSincerely,\nJane Roe, MD",
       {}, {}, false});
  EXPECT_EQ(e.title_type, "progress_report");
  EXPECT_EQ(e.top_date, "03/02/2017");
  EXPECT_TRUE(e.has_signoff);
  // A doc-type phrase inside a sentence is no title.
  EXPECT_EQ(ReadPageEvidence({1, "We reviewed the progress report from March and the prior notes in full detail.", {}, {}, false})
                .title_type,
            "");
  EXPECT_TRUE(ReadPageEvidence({1, "and the pain radiates to the left leg.\nMore.", {}, {}, false}).starts_mid_sentence);
}

TEST(PacketTest, PageCountersRunningTitlesAndSignoffsDecideTheStarts) {
  const std::vector<Page> pages = PagesOf({
      "OPERATIVE REPORT\nDate of surgery: 01/05/2017\nThe patient was brought to the room.\nPage 1 of 2",
      "OPERATIVE REPORT\nThe wound was closed.\nElectronically signed by Ann Lee, MD\nPage 2 of 2",
      "MRI LUMBAR SPINE\nIMAGING REPORT\nFindings: disc bulge at L4-5.\nImpression: mild stenosis.",
      "PROGRESS NOTE\nDate of service: 02/01/2017\nShe returns with back pain.",
      "and leg pain, worse with sitting.\nPlan: physical therapy.\nSincerely,\nBo Park, MD",
  });
  const std::vector<PacketDocument> parts = SplitPacket(pages);
  EXPECT_EQ(DescribeSplit(parts), "1-2 3-3 4-5");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].id, "d1");
  EXPECT_EQ(parts[0].author, "Ann Lee, MD");
  EXPECT_EQ(parts[2].author, "Bo Park, MD");
}

TEST(PacketTest, ALetterWithoutTitlesOnLaterPagesStaysWhole) {
  const std::vector<Page> pages = PagesOf({
      "IMR FINAL DETERMINATION\nCase Number: CM17-0900001\nThe reviewer found.",
      "CM17-0900001\nThe rationale continues here.",
      "CM17-0900001\nThe guideline was applied.",
  });
  EXPECT_EQ(DescribeSplit(SplitPacket(pages)), "1-3");
}

TEST(PacketTest, ARefaxedCopyIsADuplicateOfTheFirst) {
  const std::string body =
      "RADIOLOGY REPORT\nExam: MRI of the right shoulder without contrast.\nFindings: full-thickness tear of the "
      "supraspinatus tendon with retraction; moderate acromioclavicular arthrosis; no fracture.\nImpression: "
      "rotator cuff tear.\nElectronically signed by Mia Chen, MD";
  const std::vector<Page> pages = PagesOf({
      "01/14/2017 10:32 FROM: 555-0142 TO: 555-0199 P. 1/9\n" + body,
      "PROGRESS NOTE\nDate of service: 02/01/2017\nShe returns with shoulder pain after a fall at work.\nSincerely,\nBo Park, MD",
      "02/20/2017 16:05 FROM: 555-0177 TO: 555-0199 P. 2/4\n" + body,
  });
  EXPECT_EQ(DescribeSplit(SplitPacket(pages)), "1-1 2-2 3-3=d1");
}

// Two visits written from one clinic's template share most of their words;
// their dates and findings differ, so neither is a copy of the other.
TEST(PacketTest, TemplatedNotesOfTwoVisitsAreNoCopies) {
  const auto note = [](const std::string& date, const std::string& pain) {
    return "PHYSICAL THERAPY DAILY NOTE\nDate of service: " + date +
           "\nThe patient attended therapy for the right shoulder. Treatment included therapeutic exercise, manual "
           "therapy and a home program review. Pain today " + pain +
           "/10. Tolerated treatment well without adverse reaction. Continue the plan of care as written.\n"
           "Signed by Ana Ruiz, PT";
  };
  const std::vector<Page> pages = PagesOf({note("03/02/2017", "6"), note("03/09/2017", "5"), note("03/02/2017", "6")});
  EXPECT_EQ(DescribeSplit(SplitPacket(pages)), "1-1 2-2 3-3=d1");
}

TEST(PacketTest, SubDocumentNumbersItsPagesFromOne) {
  Document packet;
  packet.pages = PagesOf({"IMR FINAL DETERMINATION\nA.", "PROGRESS NOTE\nSUBJECTIVE:\nPain.", "Page 2\nPLAN:\nRest."});
  packet.pages[2].furniture.push_back({3, 0, 6});
  const Document one = SubDocument(packet, {"d2", "other", 2, 3, "", "", ""});
  ASSERT_EQ(one.pages.size(), 2u);
  EXPECT_EQ(one.pages[0].page_number, 1);
  EXPECT_EQ(one.pages[1].page_number, 2);
  EXPECT_EQ(one.pages[1].furniture[0].page_number, 2);
  EXPECT_EQ(one.doc_type, "progress_report");
  for (const Section& s : one.sections) EXPECT_LE(s.page_number, 2);
}

// A packet opens with the worker's IMR application or a fax cover sheet: no
// letter, though the application names Independent Medical Review.
TEST(PacketTest, AnApplicationForReviewIsNoDetermination) {
  EXPECT_EQ(ClassifyDocument(PagesOf({"APPLICATION FOR INDEPENDENT MEDICAL REVIEW\nDWC Form IMR\nEmployee name:"})),
            "other");
  EXPECT_EQ(ClassifyDocument(PagesOf({"FAX COVER SHEET\nTo: Claims unit\nPages: 12"})), "other");
  EXPECT_EQ(ClassifyDocument(PagesOf({"Notice of Independent Medical Review\nFINAL DETERMINATION"})),
            "imr_final_determination");
}

TEST(PacketTest, NoPagesNoDocuments) { EXPECT_TRUE(SplitPacket({}).empty()); }

}  // namespace
}  // namespace imr
