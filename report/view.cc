#include "report/view.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>

#include "report/html.h"

namespace imr {
namespace {

// The colour of each kind's boxes ("r, g, b", the CSS variable --c), in the
// legend's order. A kind not named here is drawn grey as "other".
struct KindColour {
  std::string_view kind;
  std::string_view rgb;
};
constexpr KindColour kKindColours[] = {
    {"diagnosis", "214, 39, 40"},         {"finding", "23, 170, 190"},   {"procedure", "44, 160, 44"},
    {"medication", "255, 127, 14"},       {"allergy", "170, 170, 20"},   {"treatment_history", "148, 103, 189"},
    {"functional_status", "140, 86, 75"}, {"date", "31, 119, 180"},      {"duration", "0, 128, 128"},
    {"age", "227, 119, 194"},             {"sex", "199, 21, 133"},       {"citation", "107, 110, 207"},
    {"decision", "150, 10, 20"},          {"request", "40, 40, 40"},
};
constexpr std::string_view kOtherColour = "150, 150, 150";

// Facts whose assertion says the thing is not there get hatched boxes.
bool IsNegated(const Fact& fact) { return fact.assertion == "absent"; }

// The CSS class of a kind's colour; record text never becomes a class name.
std::string KindClass(std::string_view kind) {
  for (const KindColour& k : kKindColours) {
    if (k.kind == kind) return "k-" + std::string(kind);
  }
  return "k-other";
}

std::string KindCss() {
  std::string css;
  for (const KindColour& k : kKindColours) css += ".k-" + std::string(k.kind) + " { --c: " + std::string(k.rgb) + "; }\n";
  return css + ".k-other { --c: " + std::string(kOtherColour) + "; }\n";
}

constexpr std::string_view kViewCss = R"css(
body { padding: 0 24px; }
.view { display: grid; grid-template-columns: minmax(300px, 400px) minmax(0, 1fr); gap: 28px; align-items: start; }
.side { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 20px 10px 40px 0; }
.side ul { list-style: none; padding: 0; margin: 4px 0 12px; }
.side li { margin: 3px 0; }
.note { background: #fff4d6; border-left: 3px solid #f2a900; padding: 6px 10px; margin: 6px 0; }
.quote { overflow-wrap: anywhere; }
.tag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; background: #eef0f4; color: var(--muted); }
.side td.date { white-space: nowrap; }
.request { border-top: 1px solid var(--rule); padding: 8px 0; }
.outcome { font-weight: 600; }
.s-met { color: #1f7a3a; } .s-unmet { color: #b3261e; } .s-not_documented { color: #8a6d00; }
.pages { padding: 20px 0 40px; }
.page { margin: 0 0 28px; }
.page-head { color: var(--muted); font-size: 13px; margin: 0 0 4px; }
.sheet { position: relative; width: 100%; max-width: 900px; background: #fff; border: 1px solid var(--rule);
         box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }
.sheet img { display: block; width: 100%; height: auto; }
.missing { padding: 40px; color: var(--muted); }
.hl { position: absolute; border: 1.5px solid rgb(var(--c)); background: rgba(var(--c), 0.16); border-radius: 2px; }
.sw { display: inline-block; width: 16px; height: 11px; margin-right: 6px; vertical-align: -1px;
      border: 1.5px solid rgb(var(--c)); background: rgba(var(--c), 0.16); }
.hl.neg, .sw.neg { border-style: dashed;
  background: repeating-linear-gradient(135deg, rgba(var(--c), 0.45) 0 2px, rgba(var(--c), 0.05) 2px 6px); }
)css";

// `text` cut to at most `bytes` bytes between characters, with an ellipsis.
std::string Shorten(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

size_t CountCharacters(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The part of `word`'s box that holds its bytes [from, to), cut along the
// line in proportion to the characters before and inside.
Box PartOfWord(std::string_view text, const Word& word, size_t from, size_t to) {
  const std::string_view all = text.substr(word.begin, word.end - word.begin);
  const double n = static_cast<double>(std::max<size_t>(1, CountCharacters(all)));
  const double before = static_cast<double>(CountCharacters(all.substr(0, from - word.begin)));
  const double inside = static_cast<double>(CountCharacters(all.substr(from - word.begin, to - from)));
  const double width = word.x1 - word.x0;
  return {word.x0 + width * before / n, word.y0, word.x0 + width * (before + inside) / n, word.y1};
}

// Whether no line break lies between two words, the first before the second.
bool OnOneLine(std::string_view text, const Word& first, const Word& second) {
  if (second.begin < first.end) return false;
  return text.substr(first.end, second.begin - first.end).find('\n') == std::string_view::npos;
}

// Standard base64 (RFC 4648, padded), for the data: URIs of the pictures:
// every 3 bytes become 4 digits of 6 bits.
std::string Base64(std::string_view bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t v = 0;
    for (size_t k = 0; k < 3; ++k) v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string Percent(double part, double whole) { return FormatNumber(whole > 0 ? 100 * part / whole : 0, 3) + "%"; }

// A box drawn over a page picture.
struct Highlight {
  std::string id;
  std::string kind_class;
  bool negated = false;
  std::string label;  // its tooltip
  Box box;            // on the picture, points
};

// Every box of the view, by page number, and the ids given.
struct Boxes {
  std::map<int, std::vector<Highlight>> by_page;
  std::set<std::string> ids;
};

// The pages drawn, by page number, and those of them whose words place the
// record's spans.
struct DrawnPages {
  std::map<int, const ViewPage*> all;
  std::map<int, const ViewPage*> usable;
};

DrawnPages IndexPages(const Record& record, const std::vector<ViewPage>& pages) {
  DrawnPages drawn;
  for (const ViewPage& page : pages) {
    drawn.all[page.page_number] = &page;
    if (ReadsAsRecorded(record, page)) drawn.usable[page.page_number] = &page;
  }
  return drawn;
}

// Boxes the places one fact or request is stated (`spans`, the first its
// own) on the usable pages, as "box-<id>", "box-<id>-2", ...
void PlaceSpans(const std::string& id, const std::string& kind_class, bool negated, const std::string& label,
                const std::vector<Span>& spans, const DrawnPages& drawn, Boxes* boxes) {
  if (boxes->ids.count("box-" + id)) return;  // ids are unique in a record; a repeated one is boxed once
  int n = 0;
  for (const Span& span : spans) {
    const auto page = drawn.usable.find(span.page_number);
    if (span.empty() || page == drawn.usable.end()) continue;
    const ViewPage& view = *page->second;
    for (const Box& b : SpanBoxes(view.read, span.begin, span.end)) {
      const std::string box_id = "box-" + id + (++n == 1 ? "" : "-" + std::to_string(n));
      const Box placed{b.x0 + view.word_x, b.y0 + view.word_y, b.x1 + view.word_x, b.y1 + view.word_y};
      boxes->by_page[span.page_number].push_back({box_id, kind_class, negated, label, placed});
      boxes->ids.insert(box_id);
    }
  }
}

Boxes PlaceAll(const Record& record, const DrawnPages& drawn) {
  Boxes boxes;
  for (const Fact& fact : record.facts) {
    std::vector<Span> spans = {fact.span};
    for (const Evidence& e : fact.also) spans.push_back(e.span);
    const std::string label = fact.kind + (fact.assertion != "present" ? " (" + fact.assertion + ")" : "") +
                              ": " + Shorten(fact.text, 200) + " [" + fact.id + "]";
    PlaceSpans(fact.id, KindClass(fact.kind), IsNegated(fact), label, spans, drawn, &boxes);
  }
  for (const Request& request : record.requests) {
    PlaceSpans(request.id, KindClass("request"), false, "request: " + Shorten(request.text, 200) + " [" + request.id + "]",
               {request.span}, drawn, &boxes);
  }
  return boxes;
}

// A quote that scrolls to `target` where that box was drawn, else plain text.
std::string Quote(std::string_view text, const std::string& target, const Boxes& boxes) {
  const std::string quote = "“" + EscapeHtml(Shorten(text, 240)) + "”";
  if (!boxes.ids.count(target)) return "<span class=\"quote\">" + quote + "</span>";
  const std::string id = EscapeHtml(target);
  return "<a class=\"quote\" href=\"#" + id + "\" data-scroll-to=\"" + id + "\">" + quote + "</a>";
}

std::string Swatch(const std::string& kind_class, bool negated) {
  return "<span class=\"sw " + kind_class + (negated ? " neg" : "") + "\"></span>";
}

std::string Tag(std::string_view text) { return "<span class=\"tag\">" + EscapeHtml(text) + "</span>"; }

// "1 fact", "2 facts".
std::string Counted(size_t n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

std::string PageLabel(int page_number) { return "p. " + std::to_string(page_number); }

bool IsDrawn(const DrawnPages& drawn, int page_number) { return drawn.all.count(page_number) > 0; }

std::string Summary(const Record& record, const ViewOptions& options) {
  std::string html = "<h1>" + EscapeHtml(options.title) + "</h1><p class=\"muted\">" +
                     EscapeHtml(record.document.doc_type) + " · " + std::to_string(record.document.pages.size()) +
                     " pages · " + std::to_string(record.facts.size()) + " facts · " +
                     std::to_string(record.requests.size()) + " requests</p>";
  for (const std::string& note : options.notes) html += "<p class=\"note\">" + EscapeHtml(note) + "</p>";
  return html;
}

std::string Legend(const Record& record) {
  std::set<std::string> kinds;
  for (const Fact& fact : record.facts) kinds.insert(KindClass(fact.kind));
  if (!record.requests.empty()) kinds.insert(KindClass("request"));
  std::string html = "<h2>Legend</h2><ul>";
  for (const KindColour& k : kKindColours) {
    const std::string kind_class = KindClass(k.kind);
    if (kinds.count(kind_class)) html += "<li>" + Swatch(kind_class, false) + EscapeHtml(k.kind) + "</li>";
  }
  if (kinds.count("k-other")) html += "<li>" + Swatch("k-other", false) + "other</li>";
  return html + "<li>" + Swatch("k-other", true) + "hatched: negated (assertion absent)</li></ul>";
}

std::string DocumentsSection(const Record& record, const DrawnPages& drawn) {
  if (record.documents.empty()) return "";
  std::string html = "<h2>Documents</h2><table><tr><th>id</th><th>type</th><th>pages</th><th>date</th></tr>";
  for (const PacketDocument& d : record.documents) {
    const std::string pages = std::to_string(d.first_page) + "–" + std::to_string(d.last_page);
    const std::string target = "page-" + std::to_string(d.first_page);
    const std::string type = EscapeHtml(d.doc_type) + (d.duplicate_of.empty() ? "" : " " + Tag("copy of " + d.duplicate_of));
    html += "<tr><td>" + EscapeHtml(d.id) + "</td><td>";
    html += IsDrawn(drawn, d.first_page)
                ? "<a href=\"#" + target + "\" data-scroll-to=\"" + target + "\">" + type + "</a>"
                : type;
    html += "</td><td>" + pages + "</td><td class=\"date\">" + EscapeHtml(d.date) + "</td></tr>";
  }
  return html + "</table>";
}

const Fact* FindFact(const Record& record, const std::string& id) {
  for (const Fact& fact : record.facts) {
    if (fact.id == id) return &fact;
  }
  return nullptr;
}

std::string CriterionItem(const Record& record, const CriterionResult& c, const Boxes& boxes) {
  std::string html = "<li><span class=\"s-" + EscapeHtml(c.status) + "\">" + EscapeHtml(c.status) + "</span> " +
                     EscapeHtml(c.id) + (c.how.empty() ? "" : " " + Tag(c.how));
  for (const std::string& id : c.evidence) {
    const Fact* fact = FindFact(record, id);
    html += "<br>";
    html += fact ? Quote(fact->text, "box-" + id, boxes) + " <span class=\"muted\">" + PageLabel(fact->span.page_number) +
                       "</span>"
                 : "<span class=\"muted\">" + EscapeHtml(id) + " (not in the record)</span>";
  }
  return html + "</li>";
}

std::string RequestItem(const Record& record, const Request& r, const Boxes& boxes) {
  std::string html = "<div class=\"request\"><div>" + Quote(r.text, "box-" + r.id, boxes) + "</div><div class=\"muted\">" +
                     EscapeHtml(r.id) + " · " + PageLabel(r.span.page_number) + " · " + EscapeHtml(r.category) + "</div>";
  if (r.reference && !r.reference->decision.empty()) {
    html += "<div>Decided in the letter: " + EscapeHtml(r.reference->decision) + "</div>";
  }
  if (const auto& d = r.determination) {
    std::string outcome = d->outcome;  // "not_medically_necessary" read as words
    std::replace(outcome.begin(), outcome.end(), '_', ' ');
    html += "<div class=\"outcome\">Drafted: " + EscapeHtml(outcome) + "</div><div class=\"muted\">confidence " +
            EscapeHtml(d->confidence) + " · rule " + EscapeHtml(d->rule) + "</div><ul>";
    for (const CriterionResult& c : d->criteria) html += CriterionItem(record, c, boxes);
    html += "</ul>";
  }
  return html + "</div>";
}

std::string RequestsSection(const Record& record, const DrawnPages& drawn, const Boxes& boxes) {
  if (record.requests.empty()) return "";
  std::string html = "<h2>Requests</h2>";
  size_t elsewhere = 0;
  for (const Request& r : record.requests) {
    if (r.span.page_number != 0 && !IsDrawn(drawn, r.span.page_number)) {
      ++elsewhere;
      continue;
    }
    html += RequestItem(record, r, boxes);
  }
  if (elsewhere > 0) html += "<p class=\"muted\">" + Counted(elsewhere, "more request") + " on pages not drawn.</p>";
  return html;
}

std::string FactItem(const Fact& fact, const Boxes& boxes) {
  std::string html = "<li>" + Swatch(KindClass(fact.kind), IsNegated(fact)) + Quote(fact.text, "box-" + fact.id, boxes) +
                     " <span class=\"muted\">" + PageLabel(fact.span.page_number) + "</span>";
  if (fact.assertion != "present") html += " " + Tag(fact.assertion);
  if (fact.code) html += " " + Tag(fact.code->system + " " + fact.code->code);
  return html + "</li>";
}

std::string FactsSection(const Record& record, const DrawnPages& drawn, const Boxes& boxes) {
  std::map<std::string, std::vector<const Fact*>> by_kind;
  size_t elsewhere = 0;
  for (const Fact& fact : record.facts) {
    if (IsDrawn(drawn, fact.span.page_number)) {
      by_kind[fact.kind].push_back(&fact);
    } else {
      ++elsewhere;
    }
  }
  // The legend's order first, then any other kind by name.
  std::vector<std::string> order;
  for (const KindColour& k : kKindColours) {
    if (by_kind.count(std::string(k.kind))) order.emplace_back(k.kind);
  }
  for (const auto& entry : by_kind) {
    if (std::find(order.begin(), order.end(), entry.first) == order.end()) order.push_back(entry.first);
  }
  std::string html = "<h2>Facts</h2>";
  for (const std::string& kind : order) {
    html += "<h3>" + EscapeHtml(kind) + " <span class=\"muted\">(" + std::to_string(by_kind[kind].size()) + ")</span></h3><ul>";
    for (const Fact* fact : by_kind[kind]) html += FactItem(*fact, boxes);
    html += "</ul>";
  }
  if (elsewhere > 0) html += "<p class=\"muted\">" + Counted(elsewhere, "more fact") + " on pages not drawn.</p>";
  return html;
}

std::string ProblemsSection(const Record& record) {
  if (record.problems.empty()) return "";
  std::string html = "<h2>Problems</h2><ul>";
  for (const Problem& p : record.problems) {
    html += "<li>" + Tag(p.code) + " " + (p.page_number ? PageLabel(p.page_number) + " " : "") + EscapeHtml(p.message) + "</li>";
  }
  return html + "</ul>";
}

// "Page 3 · d2 progress_report · read by OCR".
std::string PageHeading(const Record& record, int page_number) {
  std::string heading = "Page " + std::to_string(page_number);
  for (const PacketDocument& d : record.documents) {
    if (d.first_page <= page_number && page_number <= d.last_page) heading += " · " + d.id + " " + d.doc_type;
  }
  const std::vector<int>& ocr = record.document.source.ocr_pages;
  if (std::find(ocr.begin(), ocr.end(), page_number) != ocr.end()) heading += " · read by OCR";
  return heading;
}

std::string HighlightHtml(const Highlight& h, const ViewPage& page) {
  constexpr double kPad = 1;  // points around the words, so the box does not cut their ink
  const Box& b = h.box;
  return "<div class=\"hl " + h.kind_class + (h.negated ? " neg" : "") + "\" id=\"" + EscapeHtml(h.id) +
         "\" data-check=\"highlight\" title=\"" + EscapeHtml(h.label) + "\" style=\"left:" +
         Percent(b.x0 - kPad, page.width) + ";top:" + Percent(b.y0 - kPad, page.height) +
         ";width:" + Percent(b.x1 - b.x0 + 2 * kPad, page.width) + ";height:" +
         Percent(b.y1 - b.y0 + 2 * kPad, page.height) + "\"></div>";
}

std::string PageSection(const Record& record, const ViewPage& page, bool usable, const std::vector<Highlight>& on_page) {
  const std::string number = std::to_string(page.page_number);
  std::string html = "<section class=\"page\" id=\"page-" + number + "\"><div class=\"page-head\">" +
                     EscapeHtml(PageHeading(record, page.page_number)) + "</div>";
  if (!usable && !page.png.empty()) {
    html += "<p class=\"note\">The text read from this page differs from the record's: the PDF is not the one the "
            "record was made from, so no boxes are drawn on it.</p>";
  }
  html += "<div class=\"sheet\" style=\"aspect-ratio: " + FormatNumber(page.width, 2) + " / " +
          FormatNumber(page.height, 2) + "\">";
  if (page.png.empty()) {
    html += "<div class=\"missing\">This page could not be drawn.</div>";
  } else {
    html += "<img alt=\"Page " + number + "\" src=\"data:image/png;base64," + Base64(page.png) + "\">";
    for (const Highlight& h : on_page) html += HighlightHtml(h, page);
  }
  return html + "</div></section>\n";
}

}  // namespace

std::vector<Box> SpanBoxes(const Page& page, size_t begin, size_t end) {
  std::vector<Box> boxes;
  const Word* previous = nullptr;
  for (const Word& word : page.words) {
    if (word.end > page.text.size() || word.begin >= word.end) continue;  // not a word of this text
    if (word.end <= begin || word.begin >= end) continue;
    const Box part = PartOfWord(page.text, word, std::max(begin, word.begin), std::min(end, word.end));
    if (previous && OnOneLine(page.text, *previous, word)) {
      Box& line = boxes.back();
      line = {std::min(line.x0, part.x0), std::min(line.y0, part.y0), std::max(line.x1, part.x1),
              std::max(line.y1, part.y1)};
    } else {
      boxes.push_back(part);
    }
    previous = &word;
  }
  return boxes;
}

bool ReadsAsRecorded(const Record& record, const ViewPage& page) {
  const std::vector<Page>& pages = record.document.pages;
  if (page.page_number < 1 || page.page_number > static_cast<int>(pages.size())) return false;
  return page.read.text == pages[static_cast<size_t>(page.page_number - 1)].text;
}

std::string RenderView(const Record& record, const std::vector<ViewPage>& pages, const ViewOptions& options) {
  const DrawnPages drawn = IndexPages(record, pages);
  const Boxes boxes = PlaceAll(record, drawn);
  std::string side = Summary(record, options) + Legend(record) + DocumentsSection(record, drawn) +
                     RequestsSection(record, drawn, boxes) + FactsSection(record, drawn, boxes) +
                     ProblemsSection(record);
  static const std::vector<Highlight> kNone;
  std::string main;
  for (const ViewPage& page : pages) {
    const auto on_page = boxes.by_page.find(page.page_number);
    main += PageSection(record, page, drawn.usable.count(page.page_number) > 0,
                        on_page == boxes.by_page.end() ? kNone : on_page->second);
  }
  HtmlPage html;
  html.title = "imr view: " + options.title;
  html.css = std::string(kViewCss) + KindCss();
  html.body = "<div class=\"view\"><nav class=\"side\" data-scroll-container>" + side +
              "</nav><main class=\"pages\">" + main + "</main></div>";
  return RenderPage(html);
}

}  // namespace imr
