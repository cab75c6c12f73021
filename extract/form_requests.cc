#include "extract/form_requests.h"

#include <optional>

#include "core/text.h"
#include "extract/pattern.h"
#include "extract/stitched_text.h"

namespace imr {
namespace {

// One item: where its words run in the stitched text, and the decision line
// that goes with it, if any.
struct FormItem {
  size_t begin = 0, end = 0;
  size_t decision_begin = 0, decision_end = 0;
  std::string decision;
};

void TrimItem(std::string_view text, FormItem* item) {
  while (item->end > item->begin && (text[item->end - 1] == '.' || text[item->end - 1] == ',' ||
                                     text[item->end - 1] == ';' || text[item->end - 1] == ' ' ||
                                     text[item->end - 1] == '\n' || text[item->end - 1] == '\t')) {
    --item->end;
  }
}

// Where the item's first sentence ends inside [begin, limit): a period before
// whitespace (not one inside "10.5" or "q.d."), or a labelled line
// ("Other information:"), or the limit.
size_t SentenceEnd(std::string_view text, size_t begin, size_t limit) {
  static const Pattern stop(R"((?m)(\.\s)|(\n\s*\n)|(\n\s*[A-Z][A-Za-z /]{2,30}:))");
  const std::string_view window = text.substr(begin, limit - begin);
  const std::optional<Match> m = stop.Find(window);
  return m ? begin + OffsetIn(window, m->group(0)) : limit;
}

Request MakeRequest(const StitchedText& s, const FormItem& item, size_t index) {
  Request r;
  r.id = "r" + std::to_string(index + 1);
  r.span = s.ToSpan(item.begin, item.end);
  r.text = std::string(s.Quote(item.begin, item.end));
  r.display = CollapseWhitespace(std::string_view(s.text).substr(item.begin, item.end - item.begin));
  if (!item.decision.empty()) {
    Reference ref;
    ref.decision = item.decision;
    ref.statement = std::string(s.Quote(item.decision_begin, item.decision_end));
    ref.statement_span = s.ToSpan(item.decision_begin, item.decision_end);
    r.reference = std::move(ref);
  }
  return r;
}

}  // namespace

std::string UrDecision(std::string_view words) {
  static const Pattern non(R"((?i)^\W*(?:non-?\s?certif|not\s+certif|not\s+medically\s+necessary|denied|deny|not\s+approved|not\s+authori[sz]ed|uncertified))");
  static const Pattern modified(R"((?i)^\W*(?:modif|partial(?:ly)?\s+(?:certif|approv|authori)))");
  static const Pattern certified(R"((?i)^\W*(?:certif|approv|authori[sz]|medically\s+necessary))");
  static const Pattern delayed(R"((?i)^\W*(?:delay|defer))");
  static const Pattern withdrawn(R"((?i)^\W*withdraw)");
  if (non.Find(words)) return "non_certified";
  if (modified.Find(words)) return "modified";
  if (certified.Find(words)) return "certified";
  if (delayed.Find(words)) return "delayed";
  if (withdrawn.Find(words)) return "withdrawn";
  return "";
}

std::vector<Request> ExtractRfaRequests(const Document& doc) {
  const StitchedText s = StitchPages(doc);
  const std::string_view text = s.text;
  static const Pattern heading(
      R"((?im)^[ \t]*(?:requested\s+(?:medical\s+)?(?:treatments?|services?)|(?:treatments?|services?)\s+requested)\b[^\n]*\n)");
  static const Pattern end(
      R"((?im)^[ \t]*(?:requesting\s+physician\s+signature|signature\b|claims\s+administrator\s*/?\s*(?:uro\s+)?response))");
  static const Pattern item(R"((?m)^[ \t]*(\d{1,2})[.)][ \t]+(\S))");
  const std::optional<Match> head = heading.Find(text);
  if (!head) return {};
  const size_t from = OffsetIn(text, head->group(0)) + head->group(0).size();
  const std::optional<Match> stop = end.Find(text, from);
  const size_t to = stop ? OffsetIn(text, stop->group(0)) : text.size();
  const std::string_view area = text.substr(0, to);
  std::vector<size_t> starts;
  for (size_t at = from; const std::optional<Match> m = item.Find(area, at);) {
    starts.push_back(OffsetIn(text, m->group(2)));
    at = OffsetIn(text, m->group(0)) + m->group(0).size();
  }
  std::vector<Request> out;
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t limit = i + 1 < starts.size() ? starts[i + 1] : to;
    FormItem f{starts[i], SentenceEnd(text, starts[i], limit)};
    TrimItem(text, &f);
    if (f.end > f.begin) out.push_back(MakeRequest(s, f, out.size()));
  }
  return out;
}

std::vector<Request> ExtractUrRequests(const Document& doc) {
  const StitchedText s = StitchPages(doc);
  const std::string_view text = s.text;
  // "REQUEST 1: X", "Item 2: X", "Request #3 - X": a block per item, with its
  // decision on a line of its own below.
  static const Pattern block(
      R"((?im)^[ \t]*(?:request|item|treatment|service)[ \t]*(?:#[ \t]*)?\d{1,2}[ \t]*[:.\x{2013}-][ \t]*(\S[^\n]*))");
  static const Pattern decision(R"((?im)^[ \t]*(?:decision|determination|outcome)[ \t]*:[ \t]*([^\n]+))");
  std::vector<FormItem> items;
  std::vector<size_t> block_ends;
  for (const Match& m : block.FindAll(text)) {
    FormItem f;
    f.begin = OffsetIn(text, m.group(1));
    f.end = f.begin + m.group(1).size();
    items.push_back(f);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const size_t limit = i + 1 < items.size() ? items[i + 1].begin : text.size();
    const std::optional<Match> d = decision.Find(text.substr(0, limit), items[i].end);
    if (!d) continue;
    items[i].decision = UrDecision(d->group(1));
    items[i].decision_begin = OffsetIn(text, d->group(0));
    items[i].decision_end = items[i].decision_begin + d->group(0).size();
  }
  if (items.empty()) {
    // Only a summary: "- X: Non-certified", "• X: Approved".
    static const Pattern summary(
        R"((?im)^[ \t]*(?:[-*\x{2022}]|\d{1,2}[.)])[ \t]+(\S[^\n]*?):[ \t]*((?:non-?\s?certified|not\s+certified|certified|approved|denied|modified|authori[sz]ed|partially\s+certified|delayed|withdrawn)[^\n]*))");
    for (const Match& m : summary.FindAll(text)) {
      FormItem f;
      f.begin = OffsetIn(text, m.group(1));
      f.end = f.begin + m.group(1).size();
      f.decision = UrDecision(m.group(2));
      f.decision_begin = OffsetIn(text, m.group(0));
      f.decision_end = f.decision_begin + m.group(0).size();
      items.push_back(f);
    }
  }
  std::vector<Request> out;
  for (FormItem& f : items) {
    TrimItem(text, &f);
    if (f.end > f.begin) out.push_back(MakeRequest(s, f, out.size()));
  }
  return out;
}

}  // namespace imr
