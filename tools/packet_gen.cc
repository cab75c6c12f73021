// imr_packet_gen: writes a synthetic workers' compensation case packet (one
// PDF holding many documents of one invented claim) and a truth file that says
// exactly where each document starts and ends, for testing how the pipeline
// splits packets into documents.
//
//   imr_packet_gen --seed 7 --pages 200 -o packet.pdf --truth packet.truth.json
//                  [--scanned 4] [--duplicates 3] [--rotated 2] [--external NAME:PAGES]...
//
// What a packet holds (packet_history.h, packet_docs.h): the documents of one
// claim written from seeded templates in our own words (every name, number and
// sentence invented): progress reports, consultations, QME reports, imaging and
// EMG reports, operative and procedure notes, Requests for Authorization,
// utilization review letters, IMR applications and final determinations, fax
// covers, proofs of service, billing statements and pharmacy printouts. Documents
// are generated until the packet reaches about --pages pages (it stops at the
// first document that reaches it), in a mostly chronological order with local
// swaps, a few displaced documents, sometimes a block newest-first, and
// sometimes the IMR application, UR letter and RFA moved to the front.
//
// What makes splitting hard, on purpose: about a third of the documents are
// faxed, and every faxed page carries a fax machine line whose page counter
// counts the transmission (which may span several documents, sometimes opened
// by a fax cover sheet), not the document; documents may or may not have a
// letterhead, a title in large, bold or small print, a "Page 2 of 5" / "2/5" /
// "- 2 -" / "Page 2" footer or none, a running header on later pages; QME
// reports quote the titles and dates of earlier reports.
//   --duplicates K  K earlier documents appear again later, re-faxed: the same
//                   pages with a different, added or removed fax line.
//   --scanned K     about K pages (whole documents of 1-3 pages) are painted as
//                   gray images at 150-200 dpi, slightly rotated and speckled,
//                   with no text layer.
//   --rotated K     K pages (default: one in 50, at least one above 40 pages)
//                   are to be shown rotated: "upright" pages are drawn turned on
//                   a landscape page so that /Rotate makes them read upright,
//                   "sideways" pages are drawn normally and /Rotate turns them.
//                   This tool does not write /Rotate (cairo cannot);
//                   corpus/make_packets.sh applies the truth file's "rotations"
//                   with qpdf.
//   --external NAME:PAGES  reserves PAGES pages for an outside PDF (a real IMR
//                   letter) at a seeded place; the truth names it as "source".
//                   The PDF written here leaves those pages out, and
//                   make_packets.sh splices the file in with qpdf. Repeatable.
//
// Truth file (JSON; corpus/README.md, "Packets"): schema "imr.packet-truth/1",
// seed, page_count, one line per document {id, doc_type, kind, first_page,
// last_page, date, author, duplicate_of} (or {id, doc_type, source, ...} for an
// external PDF), scanned_pages, rotated_pages, rotations, fax_transmissions.
// Page numbers are 1-based and count the finished packet, external pages included.
//
// Where things live: packet_world.h (random source, dates, people, offices, the
// case), packet_vocab.h (body parts, diagnoses, studies, procedures, drugs,
// guidelines), packet_docs.h (one writer per document type), packet_history.h
// (which documents the claim produces, in date order), typeset.h (layout and
// painting, shared with imr_corpus_gen); this file plans, lays out and paints
// the packet and writes the truth.
//
// Deterministic: the same arguments give byte-identical PDF and truth (fixed
// PDF dates; the tool's own random numbers). Exit status 0; 2 on bad usage or an
// output that cannot be written; 1 on an internal error (a broken template row).
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "packet_docs.h"
#include "packet_history.h"
#include "packet_world.h"
#include "typeset.h"

namespace {

using packet::Date;
using packet::Document;
using packet::Rng;
using typeset::PageLayout;
using typeset::TextMeasurer;
using typeset::TextRun;

struct External {
  std::string name;
  int page_count = 0;
};

struct Options {
  uint64_t seed = 1;
  int pages = 0;
  std::string pdf_path;
  std::string truth_path;
  int scanned = 0;
  int duplicates = 0;
  std::optional<int> rotated;
  std::vector<External> externals;
};

// ---------------------------------------------------------------------------
// Laying out one document

// Table cells are written without line breaks; break them to their column here.
std::string FitCell(const std::string& text, size_t column, TextMeasurer& measurer) {
  double width = typeset::ColumnLimit(column) - typeset::kColumnX[column];
  std::string fitted;
  for (std::string line : typeset::WrapText(text, width, typeset::FontStyle::kBody, measurer)) {
    // A single word wider than the column is cut, as a narrow table cell does.
    while (measurer.Width(line, typeset::FontStyle::kBody) > width && line.size() > 1) {
      size_t cut = line.size() - 1;
      while (cut > 1 && measurer.Width(line.substr(0, cut), typeset::FontStyle::kBody) > width)
        --cut;
      fitted += (fitted.empty() ? "" : "\\n") + line.substr(0, cut);
      line = line.substr(cut);
    }
    fitted += (fitted.empty() ? "" : "\\n") + line;
  }
  return fitted;
}

// A running line that would not fit the page loses its leading part.
std::string FitRunningLine(std::string text, TextMeasurer& measurer) {
  constexpr double kMaxWidth = typeset::kPageWidth - 2 * 54;
  while (measurer.Width(text, typeset::FontStyle::kSmall) > kMaxWidth && text.size() > 10) {
    text = text.substr(text.find(' ', 1) == std::string::npos ? 1 : text.find(' ', 1) + 1);
  }
  return text;
}

// The document's pages: body lines plus its own headers and footers. Fax
// lines are added later, per copy.
std::vector<PageLayout> LayOutDocument(Document doc, TextMeasurer& measurer) {
  for (typeset::Block& block : doc.blocks) {
    if (block.kind != typeset::BlockKind::kTableRow) continue;
    for (size_t column = 0; column < block.cells.size(); ++column) {
      block.cells[column] = FitCell(block.cells[column], column, measurer);
    }
  }
  std::vector<PageLayout> pages = typeset::LayOutPages(doc.blocks, measurer);
  const int page_count = static_cast<int>(pages.size());
  for (int i = 0; i < page_count; ++i) {
    auto expand = [&](const std::string& text) {
      return FitRunningLine(typeset::ExpandPageFields(text, i + 1, page_count), measurer);
    };
    auto& runs = pages[i].runs;
    if (!doc.header_all_pages.empty()) {
      runs.push_back(typeset::CenteredRun(measurer, expand(doc.header_all_pages), 30,
                                          typeset::FontStyle::kSmall));
    }
    if (i > 0 && !doc.header_later_pages.empty()) {
      runs.push_back(typeset::CenteredRun(measurer, expand(doc.header_later_pages),
                                          typeset::kHeaderBaseline, typeset::FontStyle::kSmall));
    }
    if (!doc.footer.empty()) {
      runs.push_back(typeset::CenteredRun(measurer, expand(doc.footer), typeset::kFooterBaseline,
                                          typeset::FontStyle::kSmall));
    }
  }
  return pages;
}

// One generated document with its pages.
struct Original {
  Document doc;
  std::vector<PageLayout> pages;
};

// ---------------------------------------------------------------------------
// Planning the packet: order, duplicates, externals, fax transmissions

struct FaxLine {
  int transmission = 0;   // index into Plan::transmissions
  int first_counter = 1;  // the transmission's counter on this document's first page
};

struct Entry {
  int original = -1;      // index into the pool; -1 for an external PDF or a fax cover
  int external = -1;      // index into Options::externals
  int cover = -1;         // index into Plan::transmissions for a fax cover sheet
  int duplicate_of = -1;  // index into Plan::entries of the first copy
  std::optional<FaxLine> fax;
};

struct Transmission {
  Date date;
  int hour = 9, minute = 0;
  std::string sender_name, sender_fax, recipient, recipient_fax;
  int style = 0;
  int page_count = 0;
  bool cover = false;
};

struct Plan {
  std::vector<Entry> entries;
  std::vector<Transmission> transmissions;
  int page_count = 0;
};

// Real packets are mostly in date order, but not quite.
std::vector<int> OrderOriginals(const std::vector<Original>& pool, Rng& rng) {
  std::vector<int> order(pool.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  const int n = static_cast<int>(order.size());
  if (n > 6 && rng.Chance(0.2)) {  // one provider's batch submitted newest first
    int length = rng.Uniform(3, std::min(30, n / 2));
    int start = rng.Uniform(0, n - length);
    std::reverse(order.begin() + start, order.begin() + start + length);
  }
  for (int i = 0; i + 1 < n; ++i) {
    if (rng.Chance(0.08)) std::swap(order[i], order[i + 1]);
  }
  for (int moves = n / 30; moves > 0; --moves) {
    int from = rng.Uniform(0, n - 1), to = rng.Uniform(0, n - 1);
    int value = order[from];
    order.erase(order.begin() + from);
    order.insert(order.begin() + to, value);
  }
  if (rng.Chance(0.35)) {  // the IMR application, the UR letter and its RFA up front
    std::vector<int> front;
    for (const char* kind : {"imr_application", "ur_letter", "rfa"}) {
      for (int i = n - 1; i >= 0; --i) {
        if (pool[order[i]].doc.kind == kind &&
            std::find(front.begin(), front.end(), order[i]) == front.end()) {
          front.push_back(order[i]);
          break;
        }
      }
    }
    for (int index : front) order.erase(std::find(order.begin(), order.end(), index));
    order.insert(order.begin(), front.begin(), front.end());
  }
  return order;
}

// Re-faxed copies of earlier documents, each placed somewhere after its first copy.
void InsertDuplicates(const std::vector<Original>& pool, int count, Rng& rng,
                      std::vector<Entry>& entries) {
  std::vector<int> candidates;
  for (size_t i = 0; i < entries.size(); ++i) {
    int original = entries[i].original;
    if (original >= 0 && pool[original].pages.size() <= 8)
      candidates.push_back(static_cast<int>(i));
  }
  rng.Shuffle(candidates);
  candidates.resize(std::min<size_t>(candidates.size(), count));
  std::sort(candidates.begin(), candidates.end(), std::greater<int>());
  for (int first : candidates) {  // from the back, so earlier indexes stay valid
    Entry copy = entries[first];
    copy.duplicate_of = first;
    int at = rng.Uniform(first + 1, static_cast<int>(entries.size()));
    entries.insert(entries.begin() + at, copy);
  }
  // Insertion moved entries; point each copy at its first copy again.
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].duplicate_of < 0) continue;
    for (size_t j = 0; j < i; ++j) {
      if (entries[j].duplicate_of < 0 && entries[j].original == entries[i].original) {
        entries[i].duplicate_of = static_cast<int>(j);
        break;
      }
    }
  }
}

void InsertExternals(const std::vector<External>& externals, Rng& rng,
                     std::vector<Entry>& entries) {
  for (size_t k = 0; k < externals.size(); ++k) {
    Entry entry;
    entry.external = static_cast<int>(k);
    int at = rng.Uniform(0, static_cast<int>(entries.size()));
    for (Entry& other : entries) {
      if (other.duplicate_of >= at) ++other.duplicate_of;
    }
    entries.insert(entries.begin() + at, entry);
  }
}

int EntryPages(const Entry& entry, const std::vector<Original>& pool, const Options& options) {
  if (entry.external >= 0) return options.externals[entry.external].page_count;
  if (entry.cover >= 0) return 1;
  return static_cast<int>(pool[entry.original].pages.size());
}

// Who sends a transmission and to whom: the writing office when it sent all
// of it, otherwise someone forwarding records.
void ChooseFaxParties(const packet::Case& world, const std::vector<const Document*>& docs, Rng& rng,
                      Transmission& fax) {
  bool one_sender = std::all_of(docs.begin(), docs.end(), [&](const Document* d) {
    return d->sender_name == docs[0]->sender_name && !d->sender_fax.empty();
  });
  const packet::Organization* forwarders[] = {&world.claims_administrator, &world.ptp.office,
                                              &world.applicant_attorney};
  if (one_sender) {
    fax.sender_name = docs[0]->sender_name;
    fax.sender_fax = docs[0]->sender_fax;
  } else {
    const packet::Organization* sender = forwarders[rng.Uniform(0, world.represented ? 2 : 1)];
    fax.sender_name = sender->name;
    fax.sender_fax = sender->fax;
  }
  const packet::Organization* recipients[] = {&world.claims_administrator,
                                              &world.ur_reviewers[0].office,
                                              &world.imr_organization, &world.ptp.office};
  const packet::Organization* recipient = recipients[rng.Uniform(0, 3)];
  if (recipient->name == fax.sender_name) recipient = &world.imr_organization;
  fax.recipient = recipient->name;
  fax.recipient_fax = recipient->fax;
}

// Where a transmission that opens with entries[first] ends: up to three more
// documents that are neither outside PDFs nor copies.
size_t TransmissionEnd(const std::vector<Entry>& entries, size_t first, Rng& rng) {
  size_t end = first + 1;
  int extra = rng.Chance(0.5) ? 0 : rng.Uniform(1, 3);
  while (extra-- > 0 && end < entries.size() && entries[end].external < 0 &&
         entries[end].duplicate_of < 0) {
    ++end;
  }
  return end;
}

// Sender, recipient and time of a transmission of entries[first, end): a few
// days after its latest document, months after it for a re-faxed copy.
Transmission NewTransmission(const std::vector<Original>& pool, const packet::Case& world,
                             const std::vector<Entry>& entries, size_t first, size_t end,
                             Rng& rng) {
  Transmission fax;
  std::vector<const Document*> docs;
  Date latest = pool[entries[first].original].doc.date;
  for (size_t k = first; k < end; ++k) {
    docs.push_back(&pool[entries[k].original].doc);
    latest = std::max(latest, docs.back()->date);
  }
  ChooseFaxParties(world, docs, rng, fax);
  bool copy = entries[first].duplicate_of >= 0;
  fax.date = latest.Plus(copy ? rng.Uniform(20, 200) : rng.Uniform(0, 20));
  fax.hour = rng.Uniform(7, 18);
  fax.minute = rng.Uniform(0, 59);
  fax.style = rng.Uniform(0, 5);
  fax.cover = rng.Chance(0.35);
  return fax;
}

// Whether entries[i] opens a transmission. A copy always differs from its
// first copy in its fax line: added, removed, or from another transmission.
bool StartsTransmission(const Entry& entry, bool first_copy_faxed, Rng& rng) {
  if (entry.external >= 0) return false;
  if (entry.duplicate_of >= 0) return !first_copy_faxed || rng.Chance(0.7);
  return rng.Chance(0.15);
}

// Groups runs of documents into fax transmissions, about a third of the
// documents in all, some opened by a cover sheet.
void PlanFaxes(const std::vector<Original>& pool, const packet::Case& world, const Options& options,
               Rng& rng, Plan& plan) {
  std::vector<Entry> out;
  std::vector<Entry>& entries = plan.entries;
  std::vector<int> new_index(entries.size(), -1);
  size_t i = 0;
  while (i < entries.size()) {
    bool first_copy_faxed =
        entries[i].duplicate_of >= 0 && out[new_index[entries[i].duplicate_of]].fax.has_value();
    if (!StartsTransmission(entries[i], first_copy_faxed, rng)) {
      new_index[i] = static_cast<int>(out.size());
      out.push_back(entries[i++]);
      continue;
    }
    size_t end = TransmissionEnd(entries, i, rng);
    Transmission fax = NewTransmission(pool, world, entries, i, end, rng);
    const int transmission = static_cast<int>(plan.transmissions.size());
    int counter = 1;
    if (fax.cover) {
      Entry cover;
      cover.cover = transmission;
      cover.fax = FaxLine{transmission, counter++};
      out.push_back(cover);
    }
    for (; i < end; ++i) {
      Entry faxed = entries[i];
      faxed.fax = FaxLine{transmission, counter};
      counter += EntryPages(faxed, pool, options);
      new_index[i] = static_cast<int>(out.size());
      out.push_back(faxed);
    }
    fax.page_count = counter - 1;
    plan.transmissions.push_back(fax);
  }
  for (Entry& entry : out) {
    if (entry.duplicate_of >= 0) entry.duplicate_of = new_index[entry.duplicate_of];
  }
  entries = std::move(out);
}

Plan PlanPacket(const std::vector<Original>& pool, const packet::Case& world,
                const Options& options) {
  Rng rng = Rng(options.seed).Fork("plan");
  Plan plan;
  for (int index : OrderOriginals(pool, rng)) {
    Entry entry;
    entry.original = index;
    plan.entries.push_back(entry);
  }
  int duplicates = std::min<int>(options.duplicates, static_cast<int>(pool.size()) / 2);
  InsertDuplicates(pool, duplicates, rng, plan.entries);
  InsertExternals(options.externals, rng, plan.entries);
  PlanFaxes(pool, world, options, rng, plan);
  for (const Entry& entry : plan.entries) plan.page_count += EntryPages(entry, pool, options);
  return plan;
}

// ---------------------------------------------------------------------------
// Fax machine lines

std::string Pad(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

std::string Digits(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

std::string FaxLineText(const Transmission& fax, int counter) {
  static const char* const kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                        "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const Date& d = fax.date;
  std::string sender = fax.sender_name.substr(0, 22);
  int hour12 = fax.hour % 12 == 0 ? 12 : fax.hour % 12;
  std::string ampm = fax.hour < 12 ? "AM" : "PM";
  std::string hhmm = Pad(fax.hour, 2) + ":" + Pad(fax.minute, 2);
  std::string n = std::to_string(counter), total = std::to_string(fax.page_count);
  switch (fax.style) {
    case 0:
      return packet::FormatDate(d, packet::DateStyle::kSlash) + " " + hhmm +
             " FROM: " + fax.sender_fax + " " + sender + " TO: " + fax.recipient_fax + " P. " + n +
             "/" + total;
    case 1: {
      std::string upper = sender;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return std::string(kMonths[d.month - 1]) + "-" + Pad(d.day, 2) + "-" +
             std::to_string(d.year) + " " + Pad(hour12, 2) + ":" + Pad(fax.minute, 2) +
             ampm.substr(0, 1) + "  " + upper + "  " + Digits(fax.sender_fax) + "  P." +
             Pad(counter, 2);
    }
    case 2:
      return packet::FormatDate(d, packet::DateStyle::kAbbrev) + " " + std::to_string(hour12) +
             ":" + Pad(fax.minute, 2) + ampm + "  " + sender + "  " + fax.sender_fax + "  PAGE " +
             Pad(counter, 3) + "/" + Pad(fax.page_count, 3);
    case 3:
      return "From: " + sender + "  Fax: " + fax.sender_fax +
             "  To: " + fax.recipient.substr(0, 24) + "  Page " + n + " of " + total + "  " +
             packet::FormatDate(d, packet::DateStyle::kSlashBare) + " " + std::to_string(hour12) +
             ":" + Pad(fax.minute, 2) + ":" + Pad((fax.minute * 7) % 60, 2) + " " + ampm;
    case 4:
      return packet::IsoDate(d) + " " + hhmm + "  " + fax.sender_fax + " -> " + fax.recipient_fax +
             "  " + sender + "  Pg " + n;
    default:
      return "RECEIVED " + packet::FormatDate(d, packet::DateStyle::kSlash) + " " + hhmm + "  " +
             fax.recipient_fax + "  " + n + "/" + total;
  }
}

TextRun FaxRun(const Transmission& fax, int counter, TextMeasurer& measurer) {
  std::string text = FaxLineText(fax, counter);
  if (fax.style % 2 == 0) return {24, 16, typeset::FontStyle::kFax, text};
  return typeset::CenteredRun(measurer, text, 14, typeset::FontStyle::kFax);
}

// ---------------------------------------------------------------------------
// The finished packet: every page with its runs and how it is painted

enum class PagePaint { kText, kScanned, kUpright90, kUpright270 };

struct PacketPage {
  const PageLayout* layout = nullptr;  // nullptr for an external page
  std::optional<TextRun> fax_line;
  PagePaint paint = PagePaint::kText;
  double scan_dpi = 150;
  double scan_degrees = 0;
};

struct Rotation {
  int page_number = 0;
  int degrees = 90;
  bool upright = true;
};

struct TruthDocument {
  std::string id;
  std::string doc_type;
  std::string kind;
  std::string source;  // external PDF name, else ""
  int first_page = 0, last_page = 0;
  std::string date;  // ISO, "" for unknown
  std::string author;
  std::string duplicate_of;
};

struct Packet {
  std::vector<PacketPage> pages;
  std::vector<TruthDocument> documents;
  std::vector<int> scanned_pages;
  std::vector<Rotation> rotations;
  std::vector<std::pair<int, int>> transmissions;  // first and last page
};

// Fax cover sheets need the transmission's page count, so they are written
// once the plan is final.
std::vector<Original> WriteCovers(const Plan& plan, const packet::Case& world,
                                  const Options& options, TextMeasurer& measurer) {
  std::vector<Original> covers(plan.transmissions.size());
  Rng rng = Rng(options.seed).Fork("covers");
  for (const Entry& entry : plan.entries) {
    if (entry.cover < 0) continue;
    const Transmission& fax = plan.transmissions[entry.cover];
    packet::FaxCoverInfo info{fax.date,      fax.sender_name,   fax.sender_fax,
                              fax.recipient, fax.recipient_fax, fax.page_count};
    Document doc = packet::WriteFaxCover(world, info, rng);
    std::vector<PageLayout> pages = LayOutDocument(doc, measurer);
    pages.resize(1);  // a cover is one page
    covers[entry.cover] = {std::move(doc), std::move(pages)};
  }
  return covers;
}

Packet AssemblePacket(const Plan& plan, const std::vector<Original>& pool,
                      const std::vector<Original>& covers, const Options& options,
                      TextMeasurer& measurer) {
  Packet packet;
  std::vector<std::string> ids(plan.entries.size());
  std::vector<int> first_pages(plan.transmissions.size(), 0),
      last_pages(plan.transmissions.size(), 0);
  for (size_t i = 0; i < plan.entries.size(); ++i) {
    const Entry& entry = plan.entries[i];
    ids[i] = "d" + std::to_string(i + 1);
    TruthDocument truth;
    truth.id = ids[i];
    truth.first_page = static_cast<int>(packet.pages.size()) + 1;
    if (entry.external >= 0) {
      const External& external = options.externals[entry.external];
      truth.doc_type = "imr_final_determination";
      truth.source = external.name;
      packet.pages.resize(packet.pages.size() + external.page_count);
    } else {
      const Original& original = entry.cover >= 0 ? covers[entry.cover] : pool[entry.original];
      truth.doc_type = packet::DocTypeName(original.doc.type);
      truth.kind = original.doc.kind;
      truth.date = packet::IsoDate(original.doc.date);
      truth.author = original.doc.author;
      if (entry.duplicate_of >= 0) truth.duplicate_of = ids[entry.duplicate_of];
      for (size_t k = 0; k < original.pages.size(); ++k) {
        PacketPage page;
        page.layout = &original.pages[k];
        if (entry.fax) {
          const Transmission& fax = plan.transmissions[entry.fax->transmission];
          page.fax_line = FaxRun(fax, entry.fax->first_counter + static_cast<int>(k), measurer);
        }
        packet.pages.push_back(std::move(page));
      }
    }
    truth.last_page = static_cast<int>(packet.pages.size());
    if (entry.fax) {
      int t = entry.fax->transmission;
      if (first_pages[t] == 0) first_pages[t] = truth.first_page;
      last_pages[t] = truth.last_page;
    }
    packet.documents.push_back(truth);
  }
  for (size_t t = 0; t < first_pages.size(); ++t) {
    packet.transmissions.push_back({first_pages[t], last_pages[t]});
  }
  return packet;
}

// Whole short documents become scans until about `target` pages are scanned.
void ChooseScannedPages(int target, Rng& rng, Packet& packet) {
  std::vector<size_t> candidates;
  for (size_t i = 0; i < packet.documents.size(); ++i) {
    const TruthDocument& doc = packet.documents[i];
    int pages = doc.last_page - doc.first_page + 1;
    if (doc.source.empty() && pages <= 3) candidates.push_back(i);
  }
  rng.Shuffle(candidates);
  int scanned = 0;
  for (size_t i : candidates) {
    const TruthDocument& doc = packet.documents[i];
    int pages = doc.last_page - doc.first_page + 1;
    if (scanned >= target) break;
    if (scanned + pages > target + 1) continue;
    double dpi = rng.Chance(0.5) ? 150 : 200;
    double degrees = (rng.Uniform(0, 160) - 80) / 100.0;  // within 0.8 degrees of straight
    for (int p = doc.first_page; p <= doc.last_page; ++p) {
      PacketPage& page = packet.pages[p - 1];
      page.paint = PagePaint::kScanned;
      page.scan_dpi = dpi;
      page.scan_degrees = degrees;
      packet.scanned_pages.push_back(p);
    }
    scanned += pages;
  }
  std::sort(packet.scanned_pages.begin(), packet.scanned_pages.end());
}

void ChooseRotatedPages(int count, Rng& rng, Packet& packet) {
  std::vector<int> candidates;
  for (size_t i = 0; i < packet.pages.size(); ++i) {
    const PacketPage& page = packet.pages[i];
    if (page.layout != nullptr && page.paint == PagePaint::kText) {
      candidates.push_back(static_cast<int>(i) + 1);
    }
  }
  rng.Shuffle(candidates);
  candidates.resize(std::min<size_t>(candidates.size(), std::max(count, 0)));
  std::sort(candidates.begin(), candidates.end());
  for (int page_number : candidates) {
    Rotation rotation{page_number, rng.Chance(0.5) ? 90 : 270, rng.Chance(0.6)};
    if (rotation.upright) {
      packet.pages[page_number - 1].paint =
          rotation.degrees == 90 ? PagePaint::kUpright90 : PagePaint::kUpright270;
    }
    packet.rotations.push_back(rotation);
  }
}

// ---------------------------------------------------------------------------
// Painting

void ShowRuns(cairo_t* cr, const PacketPage& page) {
  for (const TextRun& run : page.layout->runs) typeset::ShowRun(cr, run);
  if (page.fax_line) typeset::ShowRun(cr, *page.fax_line);
}

// Sparse dark specks and a faint streak, like a flatbed scan of a fax.
void AddScanNoise(cairo_surface_t* image, Rng& rng) {
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  auto set_gray = [&](int x, int y, int gray) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    uint32_t* pixel = reinterpret_cast<uint32_t*>(data + y * stride) + x;
    uint32_t g = static_cast<uint32_t>(std::clamp(gray, 0, 255));
    *pixel = 0xFF000000u | (g << 16) | (g << 8) | g;
  };
  for (int specks = width * height / 4000; specks > 0; --specks) {
    int x = rng.Uniform(0, width - 1), y = rng.Uniform(0, height - 1);
    int gray = rng.Uniform(40, 160);
    set_gray(x, y, gray);
    if (rng.Chance(0.3)) set_gray(x + 1, y, gray);
  }
  int streak_x = rng.Uniform(0, width - 1);
  for (int y = 0; y < height; ++y) {
    uint32_t* pixel = reinterpret_cast<uint32_t*>(data + y * stride) + streak_x;
    int gray = static_cast<int>(*pixel & 0xFF);
    set_gray(streak_x, y, std::min(gray, 225));
  }
  cairo_surface_mark_dirty(image);
}

// The page rendered to a gray bitmap (no text layer), painted full-page.
void PaintScanned(cairo_t* cr, const PacketPage& page, Rng& rng) {
  const double scale = page.scan_dpi / 72.0;
  const int width = static_cast<int>(std::lround(typeset::kPageWidth * scale));
  const int height = static_cast<int>(std::lround(typeset::kPageHeight * scale));
  typeset::SurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  {
    typeset::ContextPtr ic(cairo_create(image.get()));
    cairo_set_source_rgb(ic.get(), 0.97, 0.97, 0.97);
    cairo_paint(ic.get());
    cairo_scale(ic.get(), scale, scale);
    cairo_translate(ic.get(), typeset::kPageWidth / 2 + rng.Uniform(-6, 6),
                    typeset::kPageHeight / 2 + rng.Uniform(-6, 6));
    cairo_rotate(ic.get(), page.scan_degrees * M_PI / 180);
    cairo_translate(ic.get(), -typeset::kPageWidth / 2, -typeset::kPageHeight / 2);
    cairo_set_source_rgb(ic.get(), 0.08, 0.08, 0.08);
    ShowRuns(ic.get(), page);
  }
  AddScanNoise(image.get(), rng);
  cairo_save(cr);
  cairo_scale(cr, 1 / scale, 1 / scale);
  cairo_set_source_surface(cr, image.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

void PaintPage(cairo_t* cr, cairo_surface_t* pdf, const PacketPage& page, Rng& rng) {
  bool landscape = page.paint == PagePaint::kUpright90 || page.paint == PagePaint::kUpright270;
  if (landscape) {
    cairo_pdf_surface_set_size(pdf, typeset::kPageHeight, typeset::kPageWidth);
  } else {
    cairo_pdf_surface_set_size(pdf, typeset::kPageWidth, typeset::kPageHeight);
  }
  if (page.layout == nullptr) return;  // an external page: make_packets.sh splices it in
  cairo_save(cr);
  // /Rotate 90 turns the page clockwise for display, so the portrait content
  // is drawn turned the other way (and the reverse for 270).
  if (page.paint == PagePaint::kUpright90) {
    cairo_translate(cr, 0, typeset::kPageWidth);
    cairo_rotate(cr, -M_PI / 2);
  } else if (page.paint == PagePaint::kUpright270) {
    cairo_translate(cr, typeset::kPageHeight, 0);
    cairo_rotate(cr, M_PI / 2);
  }
  if (page.paint == PagePaint::kScanned) {
    PaintScanned(cr, page, rng);
  } else {
    cairo_set_source_rgb(cr, 0, 0, 0);
    ShowRuns(cr, page);
  }
  cairo_restore(cr);
  cairo_show_page(cr);
}

// Writes the generated pages (external ones are left out). Returns false
// with a message when cairo cannot write.
bool PaintPdf(const Packet& packet, const Options& options, std::string& error) {
  typeset::SurfacePtr surface(cairo_pdf_surface_create(options.pdf_path.c_str(),
                                                       typeset::kPageWidth, typeset::kPageHeight));
  typeset::SetFixedMetadata(surface.get(), "imr_packet_gen");
  typeset::ContextPtr cr(cairo_create(surface.get()));
  Rng rng = Rng(options.seed).Fork("paint");
  for (const PacketPage& page : packet.pages) PaintPage(cr.get(), surface.get(), page, rng);
  cairo_status_t status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    error = "cannot write " + options.pdf_path + ": " + cairo_status_to_string(status);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Truth file

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string JsonOrNull(const std::string& text) { return text.empty() ? "null" : JsonString(text); }

std::string JsonInts(const std::vector<int>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
  return out + "]";
}

// One document per line, so that shell tools (make_packets.sh) can read it too.
std::string TruthJson(const Packet& packet, const Options& options) {
  std::string out = "{\n";
  out += "  \"schema\": \"imr.packet-truth/1\",\n";
  out += "  \"seed\": " + std::to_string(options.seed) + ",\n";
  out += "  \"page_count\": " + std::to_string(packet.pages.size()) + ",\n";
  out += "  \"documents\": [\n";
  for (size_t i = 0; i < packet.documents.size(); ++i) {
    const TruthDocument& d = packet.documents[i];
    out += "    {\"id\": " + JsonString(d.id) + ", \"doc_type\": " + JsonString(d.doc_type);
    if (!d.source.empty()) out += ", \"source\": " + JsonString(d.source);
    if (!d.kind.empty()) out += ", \"kind\": " + JsonString(d.kind);
    out += ", \"first_page\": " + std::to_string(d.first_page) +
           ", \"last_page\": " + std::to_string(d.last_page) + ", \"date\": " + JsonOrNull(d.date) +
           ", \"author\": " + JsonOrNull(d.author) +
           ", \"duplicate_of\": " + JsonOrNull(d.duplicate_of) + "}";
    out += i + 1 < packet.documents.size() ? ",\n" : "\n";
  }
  out += "  ],\n";
  out += "  \"scanned_pages\": " + JsonInts(packet.scanned_pages) + ",\n";
  std::vector<int> rotated;
  std::string rotations;
  for (const Rotation& r : packet.rotations) {
    rotated.push_back(r.page_number);
    rotations += std::string(rotations.empty() ? "" : ", ") +
                 "{\"page\": " + std::to_string(r.page_number) +
                 ", \"rotate\": " + std::to_string(r.degrees) + ", \"displays\": \"" +
                 (r.upright ? "upright" : "sideways") + "\"}";
  }
  out += "  \"rotated_pages\": " + JsonInts(rotated) + ",\n";
  out += "  \"rotations\": [" + rotations + "],\n";
  std::string transmissions;
  for (const auto& [first, last] : packet.transmissions) {
    transmissions += std::string(transmissions.empty() ? "" : ", ") +
                     "{\"first_page\": " + std::to_string(first) +
                     ", \"last_page\": " + std::to_string(last) + "}";
  }
  out += "  \"fax_transmissions\": [" + transmissions + "]\n";
  return out + "}\n";
}

// ---------------------------------------------------------------------------
// Command line

constexpr const char* kUsage =
    "usage: imr_packet_gen --seed S --pages P -o OUT.pdf --truth OUT.truth.json\n"
    "                      [--scanned K] [--duplicates K] [--rotated K] [--external "
    "NAME:PAGES]...\n";

bool ParseInt(const std::string& text, long long low, long long high, long long& value) {
  try {
    size_t used = 0;
    value = std::stoll(text, &used);
    return used == text.size() && value >= low && value <= high;
  } catch (const std::exception&) {
    return false;
  }
}

// Fills `options`; returns an error message, or "" when the line is good.
std::string ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return "missing value after " + flag;
    std::string value = argv[++i];
    long long number = 0;
    if (flag == "--seed") {
      if (!ParseInt(value, 0, 1LL << 53, number)) return "bad --seed " + value;
      options.seed = static_cast<uint64_t>(number);
    } else if (flag == "--pages") {
      if (!ParseInt(value, 1, 100000, number)) return "bad --pages " + value;
      options.pages = static_cast<int>(number);
    } else if (flag == "-o") {
      options.pdf_path = value;
    } else if (flag == "--truth") {
      options.truth_path = value;
    } else if (flag == "--scanned" || flag == "--duplicates" || flag == "--rotated") {
      if (!ParseInt(value, 0, 100000, number)) return "bad " + flag + " " + value;
      if (flag == "--scanned") options.scanned = static_cast<int>(number);
      if (flag == "--duplicates") options.duplicates = static_cast<int>(number);
      if (flag == "--rotated") options.rotated = static_cast<int>(number);
    } else if (flag == "--external") {
      size_t colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0 ||
          !ParseInt(value.substr(colon + 1), 1, 100000, number)) {
        return "bad --external " + value + " (want NAME:PAGES)";
      }
      options.externals.push_back({value.substr(0, colon), static_cast<int>(number)});
    } else {
      return "unknown option " + flag;
    }
  }
  if (options.pages == 0 || options.pdf_path.empty() || options.truth_path.empty()) {
    return "--pages, -o and --truth are required";
  }
  return "";
}

// Other treating providers besides the primary treating physician: more for
// bigger packets, so that a long packet spans years rather than decades.
int ProviderStreams(int pages, Rng& rng) {
  return std::clamp(pages / 250 + rng.Uniform(0, 2), 0, 12);
}

// The latest injury year that lets a packet of `pages` pages end by about
// 2019: roughly 1.7 pages per document, and per month about 1.7 documents
// from the primary treating physician's office and 1.3 from each other provider.
int LatestInjuryYear(int pages, int streams) {
  double pages_per_year = 12 * 1.7 * (1.7 + 1.3 * streams);
  return 2019 - static_cast<int>(std::ceil(pages / pages_per_year));
}

int Generate(const Options& options) {
  Rng rng(options.seed);
  const int streams = ProviderStreams(options.pages, rng);
  packet::CaseHistory history(rng.Fork("case").Next(), streams,
                              LatestInjuryYear(options.pages, streams));
  TextMeasurer measurer;
  // A packet starts somewhere in the claim's history, not always at the injury.
  for (int skip = rng.Uniform(0, 3) == 0 ? 0 : rng.Uniform(0, 40); skip > 0; --skip) history.Next();
  std::vector<Original> pool;
  Plan plan;
  do {
    Document doc = history.Next();
    std::vector<PageLayout> pages = LayOutDocument(doc, measurer);
    pool.push_back({std::move(doc), std::move(pages)});
    plan = PlanPacket(pool, history.world(), options);
  } while (plan.page_count < options.pages);

  std::vector<Original> covers = WriteCovers(plan, history.world(), options, measurer);
  Packet packet = AssemblePacket(plan, pool, covers, options, measurer);
  Rng choose = Rng(options.seed).Fork("pages");
  ChooseScannedPages(options.scanned, choose, packet);
  int page_count = static_cast<int>(packet.pages.size());
  int rotated = options.rotated.value_or(std::max(page_count / 50, page_count > 40 ? 1 : 0));
  ChooseRotatedPages(rotated, choose, packet);

  std::string error;
  if (!PaintPdf(packet, options, error)) {
    std::cerr << "imr_packet_gen: " << error << "\n";
    return 2;
  }
  std::ofstream truth(options.truth_path, std::ios::binary);
  truth << TruthJson(packet, options);
  truth.close();
  if (!truth) {
    std::cerr << "imr_packet_gen: cannot write " << options.truth_path << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::string error = ParseOptions(argc, argv, options);
  if (!error.empty()) {
    std::cerr << "imr_packet_gen: " << error << "\n" << kUsage;
    return 2;
  }
  try {
    return Generate(options);
  } catch (const typeset::InputError& e) {
    std::cerr << "imr_packet_gen: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "imr_packet_gen: internal error: " << e.what() << "\n";
    return 1;
  }
}
