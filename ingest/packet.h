// Case packets: one PDF holding many documents (the IMR application, a UR
// letter, Requests for Authorization, months of progress reports, imaging and
// operative reports, faxed pages, the same report twice), split back into its
// documents from page-level evidence.
//
//   std::vector<imr::PacketDocument> parts = imr::SplitPacket(doc.pages);
//   for (const imr::PacketDocument& p : parts) {
//     imr::Document one = imr::SubDocument(doc, p);   // pages renumbered from 1
//     ...                                              // extract as any document
//   }
//
// Where a document starts is weighed from what its first page shows and what
// the page before it shows (PageEvidence): a "Page 1 of N" against a "Page 3
// of 5" that follows a "Page 2 of 5"; a title near the top (DocTypeTable)
// that is not the running header the previous page carried too; a sign-off at
// the foot of the previous page; a change of fax transmission; a change in the
// date of service printed near the top; a first line that carries on a
// sentence. A single-document input is a packet of one.
//
// A document repeated in the packet (a report faxed twice) is found from its
// words with fax header lines and page numbers left out, and marked
// duplicate_of the first copy.
#ifndef IMR_INGEST_PACKET_H_
#define IMR_INGEST_PACKET_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// What one page says about where it sits in its document. Exposed for tests.
struct PageEvidence {
  std::optional<int> page_index;   // k of "Page k of n", "k/n", "- k -", "Page k"
  std::optional<int> page_total;   // n, where printed
  std::string title_type;          // the doc type of a title near the top, or ""
  std::string title_line;          // that title's line, compare key
  std::string fax_key;             // the fax header without its page counter, or ""
  std::string top_date;            // a labelled date near the top, as printed
  bool has_signoff = false;        // a signature or closing in the last lines
  bool starts_mid_sentence = false;
};

PageEvidence ReadPageEvidence(const Page& page);

// True for a fax transmission line ("01/14/2017 10:32 FROM: 555-0142 ... P. 3/17").
bool IsFaxHeaderLine(std::string_view line);

// Splits `pages` into documents: ids d1, d2, ... in page order, page ranges
// covering every page once, authors where signed, duplicate_of where the
// words repeat an earlier document. doc_type and date are left to the caller
// (they need the document's own sections and dates).
std::vector<PacketDocument> SplitPacket(const std::vector<Page>& pages);

// The pages of `part` as a document of their own: pages renumbered from 1
// (spans in them too), sections found on them alone, and its type.
Document SubDocument(const Document& packet, const PacketDocument& part);

// What one document is: the type its title line says near the top of its
// first page, else what the words near the top and its sections say
// (ClassifyDocument).
std::string DocumentType(const std::vector<Page>& pages, const std::vector<Section>& sections);

}  // namespace imr

#endif  // IMR_INGEST_PACKET_H_
