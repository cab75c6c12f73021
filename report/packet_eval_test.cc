#include "report/packet_eval.h"

#include <gtest/gtest.h>

namespace imr {
namespace {

PacketDocument Doc(const std::string& id, const std::string& type, int first, int last, const std::string& copy_of = "") {
  return {id, type, first, last, "", "", copy_of};
}

const PacketTruth kTruth = {"p", 10,
                            {Doc("d1", "rfa", 1, 2), Doc("d2", "progress_report", 3, 5), Doc("d3", "imaging_report", 6, 6),
                             Doc("d4", "progress_report", 7, 9, "d2"), Doc("d5", "other", 10, 10)}};

TEST(PacketEvalTest, APerfectSplitScoresOne) {
  PacketScores s;
  ScorePacket(kTruth, kTruth.documents, &s);
  EXPECT_EQ(s.boundaries.truth, 4);
  EXPECT_DOUBLE_EQ(s.boundaries.F1(), 1.0);
  EXPECT_DOUBLE_EQ(s.documents.F1(), 1.0);
  EXPECT_DOUBLE_EQ(s.TypeAccuracy(), 1.0);
  EXPECT_EQ(s.duplicates.truth, 1);
  EXPECT_DOUBLE_EQ(s.duplicates.Recall(), 1.0);
  EXPECT_DOUBLE_EQ(s.duplicates.Precision(), 1.0);
}

TEST(PacketEvalTest, AMissedStartAndAWrongCopyCount) {
  // d2 and d3 run together; the copy points at a document with other pages.
  const std::vector<PacketDocument> predicted = {Doc("d1", "rfa", 1, 2), Doc("d2", "progress_report", 3, 6),
                                                 Doc("d3", "progress_report", 7, 9, "d1"), Doc("d4", "other", 10, 10)};
  PacketScores s;
  ScorePacket(kTruth, predicted, &s);
  EXPECT_EQ(s.boundaries.matched, 3);
  EXPECT_EQ(s.boundaries.predicted, 3);
  EXPECT_DOUBLE_EQ(s.boundaries.Recall(), 0.75);
  EXPECT_EQ(s.documents.matched, 3);  // d1, d4, d5 have both ends right
  EXPECT_EQ(s.typed, 4);              // d3's first page lies in a progress report
  EXPECT_EQ(s.confusion.at("imaging_report").at("progress_report"), 1);
  EXPECT_EQ(s.duplicates.matched, 0);
  EXPECT_EQ(s.duplicates.predicted, 1);
}

TEST(PacketEvalTest, TheNaiveSplits) {
  PacketScores whole, pages;
  ScorePacket(kTruth, OneDocumentPerPdf(10, "rfa"), &whole);
  EXPECT_EQ(whole.boundaries.predicted, 0);
  EXPECT_DOUBLE_EQ(whole.boundaries.F1(), 0.0);
  EXPECT_DOUBLE_EQ(whole.TypeAccuracy(), 0.2);
  ScorePacket(kTruth, OneDocumentPerPage(std::vector<std::string>(10, "other")), &pages);
  EXPECT_DOUBLE_EQ(pages.boundaries.Recall(), 1.0);
  EXPECT_DOUBLE_EQ(pages.boundaries.Precision(), 4.0 / 9.0);
  EXPECT_EQ(pages.documents.matched, 2);  // the one-page documents, d3 and d5
}

}  // namespace
}  // namespace imr
