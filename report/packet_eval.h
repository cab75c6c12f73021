// `imr eval --packets`: how well a packet was split into its documents,
// against the truth file the packet generator wrote (corpus/README.md,
// "Packets").
//
//   imr::PacketScores s;
//   imr::ScorePacket(truth, record.documents, &s);   // once per packet
//   s.Boundaries().F1();  s.TypeAccuracy();  s.Duplicates().Recall();
//
// A boundary is a page where a document starts, page 1 aside (every split
// starts there). A truth document is typed right when the predicted document
// holding its first page has its type. A truth copy is found when the
// predicted document with its exact pages is marked a copy of the predicted
// document with its original's exact pages.
#ifndef IMR_REPORT_PACKET_EVAL_H_
#define IMR_REPORT_PACKET_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "core/record.h"

namespace imr {

struct PacketTruth {
  std::string stem;  // the packet's file stem, also its record's
  int page_count = 0;
  std::vector<PacketDocument> documents;
};

// Counts behind a precision, recall and F1.
struct Counts {
  int truth = 0;
  int predicted = 0;
  int matched = 0;
  double Precision() const { return predicted == 0 ? 1.0 : static_cast<double>(matched) / predicted; }
  double Recall() const { return truth == 0 ? 1.0 : static_cast<double>(matched) / truth; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  void Add(const Counts& o) {
    truth += o.truth;
    predicted += o.predicted;
    matched += o.matched;
  }
};

struct PacketScores {
  int packets = 0;
  int pages = 0;
  Counts boundaries;  // document starts after page 1
  Counts documents;   // documents with both ends right
  Counts duplicates;  // copies marked, against the right original
  int typed = 0;      // truth documents typed right
  std::map<std::string, std::map<std::string, int>> confusion;  // truth type -> predicted type -> count
  double TypeAccuracy() const { return documents.truth == 0 ? 1.0 : static_cast<double>(typed) / documents.truth; }
};

// Adds one packet's scores into `into`.
void ScorePacket(const PacketTruth& truth, const std::vector<PacketDocument>& predicted, PacketScores* into);

// The two naive splits a packet splitter is measured against: the whole PDF
// one document (typed as `whole_type`), and every page a document of its own
// (typed as `page_types[i]`).
std::vector<PacketDocument> OneDocumentPerPdf(int page_count, const std::string& whole_type);
std::vector<PacketDocument> OneDocumentPerPage(const std::vector<std::string>& page_types);

// A table of methods (rows) by measure, then the splitter's type confusion.
std::string FormatPacketTable(const std::vector<std::pair<std::string, PacketScores>>& methods);

}  // namespace imr

#endif  // IMR_REPORT_PACKET_EVAL_H_
