#include "report/packet_eval.h"

#include <cstdio>
#include <set>
#include <utility>

namespace imr {
namespace {

const PacketDocument* Holding(const std::vector<PacketDocument>& documents, int page) {
  for (const PacketDocument& d : documents) {
    if (d.first_page <= page && page <= d.last_page) return &d;
  }
  return nullptr;
}

const PacketDocument* WithPages(const std::vector<PacketDocument>& documents, int first, int last) {
  for (const PacketDocument& d : documents) {
    if (d.first_page == first && d.last_page == last) return &d;
  }
  return nullptr;
}

const PacketDocument* WithId(const std::vector<PacketDocument>& documents, const std::string& id) {
  for (const PacketDocument& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::set<int> Starts(const std::vector<PacketDocument>& documents) {
  std::set<int> out;
  for (const PacketDocument& d : documents) {
    if (d.first_page > 1) out.insert(d.first_page);
  }
  return out;
}

std::string Row(const std::string& name, const PacketScores& s) {
  char line[256];
  std::snprintf(line, sizeof line, "%-22s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f\n", name.c_str(),
                s.boundaries.Precision(), s.boundaries.Recall(), s.boundaries.F1(), s.documents.F1(), s.TypeAccuracy(),
                s.duplicates.Recall(), s.duplicates.Precision());
  return line;
}

}  // namespace

void ScorePacket(const PacketTruth& truth, const std::vector<PacketDocument>& predicted, PacketScores* into) {
  ++into->packets;
  into->pages += truth.page_count;
  const std::set<int> truth_starts = Starts(truth.documents);
  const std::set<int> predicted_starts = Starts(predicted);
  into->boundaries.truth += static_cast<int>(truth_starts.size());
  into->boundaries.predicted += static_cast<int>(predicted_starts.size());
  for (int page : truth_starts) into->boundaries.matched += predicted_starts.count(page) > 0;

  into->documents.truth += static_cast<int>(truth.documents.size());
  into->documents.predicted += static_cast<int>(predicted.size());
  for (const PacketDocument& t : truth.documents) {
    into->documents.matched += WithPages(predicted, t.first_page, t.last_page) != nullptr;
    const PacketDocument* p = Holding(predicted, t.first_page);
    const std::string type = p ? p->doc_type : "(none)";
    into->typed += type == t.doc_type;
    ++into->confusion[t.doc_type][type];
    if (t.duplicate_of.empty()) continue;
    ++into->duplicates.truth;
    const PacketDocument* original = WithId(truth.documents, t.duplicate_of);
    const PacketDocument* copy = WithPages(predicted, t.first_page, t.last_page);
    if (!original || !copy || copy->duplicate_of.empty()) continue;
    const PacketDocument* marked = WithId(predicted, copy->duplicate_of);
    into->duplicates.matched +=
        marked && marked->first_page == original->first_page && marked->last_page == original->last_page;
  }
  for (const PacketDocument& p : predicted) into->duplicates.predicted += !p.duplicate_of.empty();
}

std::vector<PacketDocument> OneDocumentPerPdf(int page_count, const std::string& whole_type) {
  if (page_count < 1) return {};
  return {{"d1", whole_type, 1, page_count, "", "", ""}};
}

std::vector<PacketDocument> OneDocumentPerPage(const std::vector<std::string>& page_types) {
  std::vector<PacketDocument> out;
  for (size_t i = 0; i < page_types.size(); ++i) {
    const int page = static_cast<int>(i) + 1;
    out.push_back({"d" + std::to_string(page), page_types[i], page, page, "", "", ""});
  }
  return out;
}

std::string FormatPacketTable(const std::vector<std::pair<std::string, PacketScores>>& methods) {
  if (methods.empty()) return "";
  const PacketScores& first = methods.front().second;
  std::string out = "packets " + std::to_string(first.packets) + ", pages " + std::to_string(first.pages) +
                    ", documents " + std::to_string(first.documents.truth) + ", boundaries " +
                    std::to_string(first.boundaries.truth) + ", copies " + std::to_string(first.duplicates.truth) +
                    "\n\n";
  char head[256];
  std::snprintf(head, sizeof head, "%-22s %9s %9s %9s %9s %9s %9s %9s\n", "method", "bound P", "bound R",
                "bound F1", "docs F1", "type acc", "dup R", "dup P");
  out += head;
  for (const auto& [name, scores] : methods) out += Row(name, scores);
  out += "\ntype confusion of " + methods.front().first + " (truth -> predicted: count)\n";
  for (const auto& [truth, row] : first.confusion) {
    out += "  " + truth + ":";
    for (const auto& [predicted, n] : row) out += " " + predicted + " " + std::to_string(n);
    out += "\n";
  }
  return out;
}

}  // namespace imr
