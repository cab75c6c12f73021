#include "extract/letter_requests.h"

#include "core/text.h"
#include "extract/pattern.h"
#include "extract/stitched_text.h"

namespace imr {
namespace {

// An item found in the stitched decisions text: offsets into it.
struct Item {
  size_t statement_begin = 0, statement_end = 0;  // the whole statement
  size_t item_begin = 0, item_end = 0;            // the item decided
  size_t body_end = 0;                            // where its guidelines/rationale end
  std::string decision;
};

struct Line {
  size_t begin = 0, end = 0;
};

std::vector<Line> LinesOf(std::string_view text) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({begin, end});
    if (end == text.size()) break;
    begin = end + 1;
  }
  return lines;
}

std::string_view LineText(std::string_view text, const Line& line) {
  return text.substr(line.begin, line.end - line.begin);
}

// Labels that open the paragraphs following an item, never part of one.
bool IsParagraphLabel(std::string_view line) {
  static const Pattern label(
      R"((?i)^\s*(?:Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:)");
  return label.Find(line).has_value();
}

size_t LineIndexAt(const std::vector<Line>& lines, size_t offset) {
  size_t i = 0;
  while (i + 1 < lines.size() && lines[i + 1].begin <= offset) ++i;
  return i;
}

// The item a statement decides: Z of "... the original request, Z is" (a
// partly authorized or evaluation-only request), else the whole statement.
std::string_view DecidedItem(std::string_view statement) {
  static const Pattern original(R"((?i)original\s+request,\s*)");
  static const Pattern trailing_is(R"((?is)^(.*?)\s+is$)");
  const std::vector<Match> marks = original.FindAll(statement);
  if (marks.empty()) return statement;
  const std::string_view last = marks.back().group(0);
  std::string_view item = statement.substr(OffsetIn(statement, last) + last.size());
  if (auto m = trailing_is.FullMatch(item)) item = m->group(1);
  return item;
}

// "<item>: Upheld" letters; the decision may stand on the line after the
// colon. The statement starts after a blank line, a line ending in a colon
// ("... set forth below:"), a paragraph label, the previous item, or the end
// of the page before when that page ended a sentence.
std::vector<Item> FindColonDecisionItems(const StitchedText& s) {
  static const Pattern decision(R"((?im)[ \t]*:[ \t]*\n?[ \t]*(Upheld|Overturned)[ \t]*$)");
  const std::string_view text = s.text;
  const std::vector<Line> lines = LinesOf(text);
  std::vector<Item> items;
  size_t floor = 0;  // no statement reaches back past the previous item
  for (const Match& m : decision.FindAll(text)) {
    const size_t colon = OffsetIn(text, m.group(0));
    size_t first = LineIndexAt(lines, colon);
    if (first < floor) continue;
    while (first > floor) {
      const std::string_view prev = TrimView(LineText(text, lines[first - 1]));
      if (prev.empty() || prev.back() == ':' || IsParagraphLabel(prev)) break;
      if (s.IsJoint(lines[first].begin) && prev.back() == '.') break;
      --first;
    }
    Item item;
    item.statement_begin = lines[first].begin;
    item.statement_end = colon;
    item.decision = AsciiLower(m.group(1));
    const std::string_view decided =
        DecidedItem(text.substr(item.statement_begin, item.statement_end - item.statement_begin));
    item.item_begin = OffsetIn(text, decided);
    item.item_end = item.item_begin + decided.size();
    items.push_back(item);
    floor = LineIndexAt(lines, OffsetIn(text, m.group(1))) + 1;
  }
  for (size_t k = 0; k < items.size(); ++k) {
    items[k].body_end = k + 1 < items.size() ? items[k + 1].statement_begin : text.size();
  }
  return items;
}

// "1. <item> is not medically necessary and appropriate." and the 2013 form
// "... has determined the request for <item> is not medically necessary".
std::vector<Item> FindNumberedNecessityItems(const StitchedText& s) {
  static const Pattern numbered(
      R"((?im)^[ \t]*\d{1,2}[.)][ \t]+(?:MAXIMUS\s+Federal\s+Services,?\s+Inc\.\s+has\s+determined\s+)"
      // The item stays inside one sentence and never runs into the next
      // numbered line: no ';', no '.' but a decimal point, no line opening
      // with a digit.
      R"((?:that\s+)?)?(?:the\s+request\s+for\s+)?((?:[^.;\n]|\.[0-9]|\n[ \t]*[^0-9\s])+?)\s+(?:is|are|was|were)\s+(not\s+)?)"
      R"(medically\s+necessary(?:\s+and\s+appropriate)?\s*\.)");
  std::vector<Item> items;
  for (const Match& m : numbered.FindAll(s.text)) {
    Item item;
    item.statement_begin = OffsetIn(s.text, m.group(0));
    item.statement_end = item.statement_begin + m.group(0).size();
    item.item_begin = OffsetIn(s.text, m.group(1));
    item.item_end = item.item_begin + m.group(1).size();
    item.decision = m.has(2) ? "upheld" : "overturned";
    items.push_back(item);
  }
  for (size_t k = 0; k < items.size(); ++k) {
    items[k].body_end = k + 1 < items.size() ? items[k + 1].statement_begin : s.text.size();
  }
  return items;
}

// The guideline line of the paragraph that `label` opens, whitespace
// collapsed: after "Claims Administrator guideline:" it is the text after the
// first "Decision based on" (empty when the paragraph cites nothing); after the
// older "... based its decision on" it is the rest of the paragraph.
std::string GuidelineAfter(std::string_view body, const Pattern& label) {
  static const Pattern based_on(R"((?i)decision\s+based\s+on\s+)");
  static const Pattern paragraph_end(
      R"(\n[ \t]*\n|\n(?:Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale|)"
      R"(The\s+Expert\s+Reviewer\s+based|Rationale\s+for\s+the\s+Decision)\b)");
  const auto start = label.Find(body);
  if (!start) return "";
  const std::string_view opened = start->group(0);
  const size_t from = OffsetIn(body, opened) + opened.size();
  const auto end = paragraph_end.Find(body, from);
  const size_t to = end ? OffsetIn(body, end->group(0)) : body.size();
  std::string_view paragraph = body.substr(from, to - from);
  if (opened.back() == ':') {
    const auto cited = based_on.Find(paragraph);
    if (!cited) return "";
    paragraph.remove_prefix(OffsetIn(paragraph, cited->group(0)) + cited->group(0).size());
  }
  return CollapseWhitespace(paragraph);
}

Reference ReferenceFor(const StitchedText& s, const Item& item) {
  static const Pattern claims_label(
      R"((?i)(?:Claims\s+Administrator\s+guideline\s*:|The\s+Claims\s+Administrator\s+based\s+its\s+decision\s+on\s+(?:the\s+)?))");
  static const Pattern reviewer_label(
      R"((?i)(?:MAXIMUS\s+guideline\s*:|The\s+Expert\s+Reviewer\s+based\s+(?:his/her|his|her|their)\s+decision\s+on\s+(?:the\s+)?))");
  const std::string_view body =
      std::string_view(s.text).substr(item.statement_end, item.body_end - item.statement_end);
  Reference ref;
  ref.decision = item.decision;
  ref.claims_administrator_guideline = GuidelineAfter(body, claims_label);
  ref.reviewer_guideline = GuidelineAfter(body, reviewer_label);
  for (const std::string* g : {&ref.claims_administrator_guideline, &ref.reviewer_guideline}) {
    if (!g->empty()) ref.guidelines.push_back(*g);
  }
  ref.statement = std::string(s.Quote(item.statement_begin, item.statement_end));
  ref.statement_span = s.ToSpan(item.statement_begin, item.statement_end);
  return ref;
}

// "MEDICAL PROFESSIONAL REVIEW" letters: the items are the lines of ISSUE AT
// DISPUTE (numbered or one item); the rationale states each outcome in turn
// ("The prior determination is upheld", or "... is not medically necessary").
std::vector<Request> FindIssueAtDisputeItems(const Document& doc) {
  static const Pattern numbered_line(R"((?m)^[ \t]*\d{1,2}[.)][ \t]+([^\n]*[^\s]))");
  static const Pattern prior_outcome(
      R"((?i)(?:prior|previous|UR)\s+determination\s+is\s+(upheld|overturned|reversed))");
  static const Pattern request_outcome(
      R"((?i)\brequest(?:ed)?\b[^.]*?\b(?:is|are)\s+(not\s+)?medically\s+necessary)");
  const StitchedText issues = StitchSections(doc, "issue_at_dispute");
  const StitchedText rationale = StitchSections(doc, "decisions_and_rationales");
  const StitchedText guidelines = StitchSections(doc, "guidelines_relied_upon");
  std::vector<std::string_view> texts;
  for (const Match& m : numbered_line.FindAll(issues.text)) texts.push_back(m.group(1));
  if (texts.empty() && !TrimView(issues.text).empty()) texts.push_back(TrimView(issues.text));
  // One outcome per item, in order. "The prior determination is upheld" says
  // it outright; without such sentences, the conclusions about the request
  // ("the requested unit is not medically necessary") do. A rationale's other
  // necessity sentences ("traction is medically necessary only when ...")
  // decide nothing.
  std::vector<std::string> decisions;
  for (const Match& m : prior_outcome.FindAll(rationale.text)) {
    const std::string word = AsciiLower(m.group(1));
    decisions.push_back(word == "reversed" ? "overturned" : word);
  }
  if (decisions.empty()) {
    for (const Match& m : request_outcome.FindAll(rationale.text)) {
      decisions.push_back(m.has(1) ? "upheld" : "overturned");
    }
  }
  std::vector<Request> requests;
  for (size_t i = 0; i < texts.size(); ++i) {
    Request r;
    r.id = "r" + std::to_string(i + 1);
    const size_t begin = OffsetIn(issues.text, texts[i]);
    r.span = issues.ToSpan(begin, begin + texts[i].size());
    r.text = std::string(issues.Quote(begin, begin + texts[i].size()));
    r.display = CollapseWhitespace(texts[i]);
    Reference ref;
    ref.decision = i < decisions.size() ? decisions[i] : (decisions.size() == 1 ? decisions[0] : "");
    ref.reviewer_guideline = CollapseWhitespace(guidelines.text);
    if (!ref.reviewer_guideline.empty()) ref.guidelines.push_back(ref.reviewer_guideline);
    ref.statement = r.text;
    ref.statement_span = r.span;
    r.reference = ref;
    requests.push_back(std::move(r));
  }
  return requests;
}

// Items end at their last word: a trailing comma or colon of the statement
// ("..., quantity 1, is medically necessary") is not part of the item.
void TrimTrailingPunctuation(std::string_view text, Item* item) {
  while (item->item_end > item->item_begin &&
         std::string_view(",;: \t\n").find(text[item->item_end - 1]) != std::string_view::npos) {
    --item->item_end;
  }
}

}  // namespace

std::vector<Request> ExtractLetterRequests(const Document& doc) {
  const StitchedText s = StitchSections(doc, "decisions_and_rationales");
  if (!SectionsNamed(doc, "issue_at_dispute").empty()) return FindIssueAtDisputeItems(doc);
  std::vector<Item> items = FindColonDecisionItems(s);
  if (items.empty()) items = FindNumberedNecessityItems(s);
  std::vector<Request> requests;
  for (Item& item : items) {
    TrimTrailingPunctuation(s.text, &item);
    Request r;
    r.id = "r" + std::to_string(requests.size() + 1);
    r.span = s.ToSpan(item.item_begin, item.item_end);
    r.text = std::string(s.Quote(item.item_begin, item.item_end));
    r.display = CollapseWhitespace(std::string_view(s.text).substr(item.item_begin, item.item_end - item.item_begin));
    r.reference = ReferenceFor(s, item);
    requests.push_back(std::move(r));
  }
  return requests;
}

}  // namespace imr
