#include "extract/date_extractor.h"

#include <cctype>
#include <optional>
#include <string_view>

#include "core/text.h"
#include "extract/keep_longest.h"
#include "extract/pattern.h"

namespace imr {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// ---------------------------------------------------------------------------
// Named pieces the rows are written with. A piece may use other pieces.

std::string MonthAlternation() {
  // Full names first: RE2 prefers the earlier alternative, and "Sept." must
  // not stop at "Sep".
  static constexpr std::string_view kMonths[] = {
      "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
      "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"};
  std::string out = "(?:";
  for (std::string_view m : kMonths) {
    // Title case and upper case only: "may" and "mar" are words too.
    std::string upper(m);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += std::string(m) + "|" + upper + "|";
  }
  out.back() = ')';
  return out + R"(\b)";
}

// Rows name pieces as {NAME} (PieceSyntax::kBraceVerbatim); each piece
// brings its own group.
const std::vector<PatternPiece>& Pieces() {
  static const std::vector<PatternPiece> pieces = {
      {"MM", R"((?:1[0-2]|0?[1-9]))"},
      {"DD", R"((?:3[01]|[12][0-9]|0?[1-9]))"},
      {"MM2", R"((?:1[0-2]|0[1-9]))"},
      {"DD2", R"((?:3[01]|[12][0-9]|0[1-9]))"},
      {"YYYY", R"((?:(?:19|20)[0-9]{2}))"},
      {"Y", R"((?:(?:19|20)[0-9]{2}|[0-9]{2}))"},
      // Letters wrap lines after a date's separator: "10/14/\n2016".
      {"NL", R"((?:[ \t]*\n[ \t]*)?)"},
      {"MONTH", MonthAlternation()},
      {"ORD", R"((?:st|nd|rd|th)?)"},
      {"D_SLASH", R"({MM}/{NL}{DD}/{NL}{Y}\b)"},
      {"D_DASH", R"({MM}-{NL}{DD}-{NL}{Y}\b)"},
      {"D_ISO", R"({YYYY}[-/]{MM2}[-/]{DD2}\b)"},
      {"D_MONTHNAME", R"({MONTH}(?:\.\s*|\s+){DD}{ORD}(?:,\s*|\s+){YYYY}\b)"},
      {"D_DAYMONTH", R"({DD}{ORD}(?:\s+of)?(?:\s+|-){MONTH}\.?(?:,\s*|\s+|-){YYYY}\b)"},
      {"D_MONTHYEAR", R"({MONTH}\.?(?:,\s*|\s+)(?:of\s+)?{YYYY}\b)"},
      {"D_MONTHYEAR_NUM", R"({MM}[-/]{NL}{YYYY}\b)"},
      {"ANYDATE",
       R"((?:{D_ISO}|{D_SLASH}|{D_DASH}|{D_MONTHNAME}|{D_DAYMONTH}|{D_MONTHYEAR}|{D_MONTHYEAR_NUM}|{YYYY}\b))"},
      {"WORDNUM",
       R"((?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)\b)"},
      {"DIGITS", R"((?:[0-9]{1,3}(?:\.[0-9])?))"},
      {"NUM", R"((?:{DIGITS}|{WORDNUM}))"},
      // "two (2) weeks": the digits repeat the word.
      {"PAREN", R"((?:\s*\([0-9]{1,3}\))?)"},
      {"QTY", R"((?:{NUM}{PAREN}(?:\s*(?:-|–|to|or)\s*{NUM}{PAREN})?))"},
      {"QTYA", R"((?:{QTY}|an?|several|a\s+few|a\s+couple(?:\s+of)?))"},
      // Between a number and its unit; letters wrap lines there too: "6-8\nweeks".
      {"SEP", R"((?:\s*-\s*|\s+))"},
      {"UNIT", R"((?i:days?|weeks?|months?|years?|wks?|mos?|yrs?)\b)"},
      {"APPROX",
       R"((?:(?:about|approximately|approx\.?|around|almost|nearly|roughly|over|more\s+than|less\s+than|at\s+least|up\s+to|another|an\s+additional|additional|a\s+total\s+of|a)\s+)?)"},
      // Vetoes, anchored where a match ends.
      {"MEASURE",
       R"(^\s*(?:(?i:mg|mcg|ml|cc|g|kg|lbs?|pounds|mm|cm|units?|minutes?|mins?|seconds?|secs?|hours?|hrs?|reps?|times|degrees?|calories|steps|tablets?|tabs?|pills?|capsules?)\b|%|°))"},
      {"AGE_OR_RATE", R"(^(?:{SEP}old\b|\s+of\s+age\b|\s*(?:/|a|per|each|every|x)\s*(?i:day|week|month|year|wk)\b))"},
      {"AGE_RATE_OR_RELATIVE",
       R"((?:{AGE_OR_RATE}|^\s+(?i:ago|later|earlier|prior|before|after|following|post-?op)\b))"},
  };
  return pieces;
}

std::string Expand(std::string_view pattern) {
  return ExpandPattern(pattern, Pieces(), PieceSyntax::kBraceVerbatim);
}

// ---------------------------------------------------------------------------
// The table. Order matters only for ties: an equally long match from an
// earlier row wins.

struct RowSource {
  std::string_view rule;
  std::string_view form;
  std::string_view pattern;
  std::string_view not_followed_by;
};

constexpr RowSource kRows[] = {
    // Absolute dates.
    {"date.numeric_slash@1", "numeric", R"(\b{D_SLASH})", "{MEASURE}"},
    {"date.numeric_dash@1", "numeric", R"(\b{D_DASH})", "{MEASURE}"},
    {"date.iso@1", "iso", R"(\b{D_ISO})", ""},
    {"date.month_name@1", "month_name", R"(\b{D_MONTHNAME})", ""},
    {"date.day_month@1", "day_month", R"(\b{D_DAYMONTH})", ""},
    {"date.month_year@1", "month_year", R"(\b{D_MONTHYEAR})", ""},
    {"date.month_year_numeric@1", "month_year", R"(\b{D_MONTHYEAR_NUM})", "{MEASURE}"},
    // A four-digit number is a year only where the words make it one.
    {"date.year_context@1", "year",
     R"(\b(?i:in|since|from|until|till|through|of|during|circa|ca\.|years?)\s+(?:(?i:early|mid|late)[- ]?\s*)?({YYYY})\b)",
     "{MEASURE}"},
    {"date.year_range_start@1", "year", R"(\b({YYYY})\s*(?:-|–|to|through)\s*{YYYY}\b)", "{MEASURE}"},
    {"date.year_range_end@1", "year", R"(\b{YYYY}\s*(?:-|–|to|through)\s*({YYYY})\b)", "{MEASURE}"},
    // Relative dates.
    {"date.relative_ago@1", "relative", R"((?i)\b{QTYA}{SEP}{UNIT}\s+ago\b)", ""},
    {"date.relative_later@1", "relative", R"((?i)\b{QTYA}{SEP}{UNIT}\s+later\b)", ""},
    {"date.relative_before_after@1", "relative",
     R"((?i)\b{QTY}{SEP}{UNIT}\s+(?:prior|before|earlier|after|following|post-?op(?:eratively|erative)?|postoperatively)\b)",
     ""},
    {"date.relative_same_day@1", "relative", R"((?i)\b(?:on\s+)?(?:the|that)\s+same\s+day\b)", ""},
    {"date.relative_next@1", "relative",
     R"((?i)\b(?:on\s+)?the\s+(?:following|next|subsequent|previous|prior|preceding)\s+(?:day|week|month|year)\b)",
     ""},
    {"date.relative_unit_before_after@1", "relative",
     R"((?i)\bthe\s+(?:day|week|month|year)\s+(?:before|after|prior)\b)", ""},
    // Durations.
    {"duration.for@1", "duration",
     R"((?i)\bfor\s+(?:the\s+(?:past|last|previous|prior|next|following|first)\s+(?:{QTYA}{SEP})?|{APPROX}{QTYA}{SEP}){UNIT})",
     "{AGE_OR_RATE}"},
    {"duration.within_past@1", "duration",
     R"((?i)\b(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous|prior)\s+(?:{QTYA}{SEP})?{UNIT})",
     "{AGE_OR_RATE}"},
    {"duration.over@1", "duration", R"((?i)\bover\s+(?:a\s+period\s+of\s+)?{APPROX}{QTY}{SEP}{UNIT})",
     "{AGE_OR_RATE}"},
    {"duration.times@1", "duration", R"((?i)(?:\bx|×)\s*{QTY}\s*{UNIT})", "{AGE_OR_RATE}"},
    {"duration.lasting@1", "duration",
     R"((?i)\b(?:lasting|lasted|persisting|persisted|duration\s+of|period\s+of)\s+{APPROX}{QTYA}{SEP}{UNIT})",
     "{AGE_OR_RATE}"},
    {"duration.of@1", "duration", R"((?i)\b({QTY}{SEP}{UNIT})\s+(?:of|history)\b)", R"(^\s+(?i:age)\b)"},
    {"duration.since@1", "since",
     R"((?i:\bsince)\s+(?:(?i:at\s+least|about|approximately|around)\s+)?(?:(?i:early|mid|late)[- ]?\s*)?{ANYDATE})",
     "{MEASURE}"},
    // A bare count of days or weeks: digits, or a written number with its digits.
    {"duration.bare@1", "duration", R"(\b(?:{DIGITS}(?:\s*(?:-|–|to)\s*{DIGITS})?|{WORDNUM}\s*\([0-9]{1,3}\)){SEP}{UNIT})",
     "{AGE_RATE_OR_RELATIVE}"},
};

// ---------------------------------------------------------------------------
// Reading a match.

struct CompiledRow {
  const DatePatternRow* row;
  std::optional<Pattern> veto;
};

// The rows of one kind (dates, or durations), in table order, as one set:
// a region is read once to know which rows match in it, and only those
// are run. Over the dev notes the rows ran 24 passes over every region, and
// most rows matched nowhere.
struct RowsOfAKind {
  PatternSet set{PatternSet::Prefilter::kWholeRows};
  std::vector<size_t> table_row;  // a row of the set: its row in DatePatternTable()
};

struct CompiledRows {
  std::vector<CompiledRow> rows;  // as DatePatternTable()
  RowsOfAKind dates, durations;
};

const CompiledRows& Compiled() {
  static const CompiledRows compiled = [] {
    CompiledRows out;
    const std::vector<DatePatternRow>& table = DatePatternTable();
    for (size_t i = 0; i < table.size(); ++i) {
      const DatePatternRow& row = table[i];
      std::optional<Pattern> veto;
      if (!row.not_followed_by.empty()) veto.emplace(row.not_followed_by);
      out.rows.push_back({&row, std::move(veto)});
      RowsOfAKind& kind = row.rule.rfind("date.", 0) == 0 ? out.dates : out.durations;
      kind.set.Add(row.pattern);
      kind.table_row.push_back(i);
    }
    out.dates.set.Compile();
    out.durations.set.Compile();
    return out;
  }();
  return compiled;
}

// A match glued to more number is part of something else: a case number, a
// claim number, a code, a score. "10/13/2016-11/15/2016" is a range, so a dash
// beside a slash date is no glue.
bool IsGluedToNumber(std::string_view text, size_t begin, size_t end) {
  const std::string_view whole = text.substr(begin, end - begin);
  const bool slashed = whole.find('/') != std::string_view::npos;
  if (begin > 0) {
    const char before = text[begin - 1];
    if (IsAlnum(before)) return true;
    if (begin > 1 && IsAlnum(text[begin - 2])) {
      if (before == '/' || before == '.' || before == ':') return IsDigit(text[begin - 2]);
      if (before == '-' && !slashed) return true;
    }
  }
  if (end < text.size() && IsDigit(whole.back())) {
    const char after = text[end];
    if (IsAlnum(after)) return true;
    if (end + 1 < text.size() && IsAlnum(text[end + 1])) {
      if (after == '/' || after == '.' || after == ':') return IsDigit(text[end + 1]);
      if (after == '-' && !slashed) return true;
    }
  }
  return false;
}

int WordToNumber(std::string_view word) {
  static constexpr std::string_view kUnits[] = {"zero",    "one",     "two",       "three",    "four",
                                                "five",    "six",     "seven",     "eight",    "nine",
                                                "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                                "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::string_view kTens[] = {"twenty", "thirty",  "forty",  "fifty",
                                               "sixty",  "seventy", "eighty", "ninety"};
  const std::string lower = AsciiLower(word);
  const size_t cut = lower.find_first_of("- ");
  const std::string_view head = std::string_view(lower).substr(0, cut);
  int value = 0;
  for (int i = 0; i < 20; ++i) {
    if (head == kUnits[i]) return i;
  }
  for (int i = 0; i < 8; ++i) {
    if (head == kTens[i]) value = 20 + 10 * i;
  }
  if (cut != std::string::npos) {
    const std::string_view tail = TrimView(std::string_view(lower).substr(cut + 1));
    for (int i = 1; i < 10; ++i) {
      if (tail == kUnits[i]) value += i;
    }
  }
  return value;
}

std::string AmountText(std::string_view printed) {
  if (!printed.empty() && IsDigit(printed.front())) return std::string(printed);
  return std::to_string(WordToNumber(printed));
}

// Sets "amount", or "amount_min" and "amount_max" for a range, from the first
// number in `words`; "a week" is one week.
void ReadAmount(std::string_view words, Attributes* value) {
  static const Pattern kAmount(Expand(
      R"((?i)(?:\bx\s*|\b)({DIGITS}|{WORDNUM}){PAREN}(?:\s*(?:-|–|to|or)\s*({DIGITS}|{WORDNUM}))?)"));
  static const Pattern kArticle(R"((?i)\ban?\s+(?:day|week|month|year|wk|mo|yr)s?\b)");
  if (auto m = kAmount.Find(words)) {
    if (m->has(2) && !m->group(2).empty()) {
      (*value)["amount_min"] = AmountText(m->group(1));
      (*value)["amount_max"] = AmountText(m->group(2));
    } else {
      (*value)["amount"] = AmountText(m->group(1));
    }
  } else if (kArticle.Find(words)) {
    (*value)["amount"] = "1";
  }
}

void ReadUnit(std::string_view words, Attributes* value) {
  static const Pattern kUnit(R"((?i)\b(day|week|wk|month|mo|year|yr)s?\b)");
  auto m = kUnit.Find(words);
  if (!m) return;
  const std::string unit = AsciiLower(m->group(1));
  (*value)["unit"] = unit == "wk" ? "week" : unit == "mo" ? "month" : unit == "yr" ? "year" : unit;
}

// "the following day" is a day later; "two weeks following surgery" is after.
void ReadDirection(std::string_view words, Attributes* value) {
  static const Pattern kDirection(
      R"((?i)\b(same|ago|later|after|post-?op\w*|following|next|subsequent|before|prior|earlier|previous|preceding)\b)");
  static const Pattern kLeadingThe(R"((?i)^(?:on\s+)?the\b)");
  auto m = kDirection.Find(words);
  if (!m) return;
  const std::string word = AsciiLower(m->group(1));
  const bool leading_the = kLeadingThe.Find(words).has_value();
  std::string direction;
  if (word == "same") {
    direction = "same_day";
  } else if (word == "ago" || word == "later") {
    direction = word;
  } else if (word == "next" || word == "subsequent" || (word == "following" && leading_the)) {
    direction = "later";
  } else if (word == "after" || word == "following" || word.rfind("post", 0) == 0) {
    direction = "after";
  } else {
    direction = "before";
  }
  (*value)["direction"] = direction;
  // "the next day", "the day before": one unit, though no number is printed.
  if (leading_the && direction != "same_day" && !value->count("amount")) (*value)["amount"] = "1";
}

std::string SinceDate(std::string_view words) {
  static const Pattern kLead(
      R"((?i)^since\s+(?:(?:at\s+least|about|approximately|around)\s+)?)");
  auto m = kLead.Find(words);
  return std::string(m ? words.substr(m->group(0).size()) : words);
}

void ReadValue(std::string_view form, std::string_view words, Attributes* value) {
  if (form == "relative") {
    (*value)["relative"] = "true";
    ReadAmount(words, value);
    ReadUnit(words, value);
    ReadDirection(words, value);
  } else if (form == "duration") {
    ReadAmount(words, value);
    ReadUnit(words, value);
  } else if (form == "since") {
    (*value)["since"] = SinceDate(words);
  } else {
    (*value)["printed_form"] = std::string(form);
  }
}

// ---------------------------------------------------------------------------
// Finding, then keeping the longest of overlapping matches.

struct Candidate {
  size_t begin = 0;
  size_t end = 0;
  size_t row_index = 0;
};

std::vector<Candidate> FindCandidates(std::string_view text, bool dates) {
  const CompiledRows& compiled = Compiled();
  const std::vector<CompiledRow>& rows = compiled.rows;
  const RowsOfAKind& kind = dates ? compiled.dates : compiled.durations;
  std::vector<Candidate> found;
  for (const int k : kind.set.Candidates(text)) {
    const size_t i = kind.table_row[static_cast<size_t>(k)];
    for (const Match& m : kind.set.Row(static_cast<size_t>(k)).FindAll(text)) {
      const size_t whole_begin = OffsetIn(text, m.group(0));
      const size_t whole_end = whole_begin + m.group(0).size();
      if (IsGluedToNumber(text, whole_begin, whole_end)) continue;
      if (rows[i].veto && rows[i].veto->Find(text.substr(whole_end))) continue;
      const std::string_view words = m.has(1) ? m.group(1) : m.group(0);
      if (words.empty()) continue;
      const size_t begin = OffsetIn(text, words);
      found.push_back({begin, begin + words.size(), i});
    }
  }
  return found;
}

std::vector<Fact> Extract(const Region& region, bool dates) {
  const std::string_view text = region.text.text;
  const std::vector<CompiledRow>& rows = Compiled().rows;
  std::vector<Fact> facts;
  // Candidates come row by row: of two equally long ones at one begin, the
  // earlier row's stays.
  for (const Candidate& c : KeepLongestPerSpan(FindCandidates(text, dates), EqualLength::kEarlierBeginWins)) {
    const DatePatternRow& row = *rows[c.row_index].row;
    Fact fact = MakeFact(region, text.substr(c.begin, c.end - c.begin), dates ? "date" : "duration", row.rule);
    if (fact.span.empty()) continue;  // nothing of it lies on a page
    ReadValue(row.form, text.substr(c.begin, c.end - c.begin), &fact.value);
    facts.push_back(std::move(fact));
  }
  return facts;
}

}  // namespace

const std::vector<DatePatternRow>& DatePatternTable() {
  static const std::vector<DatePatternRow> table = [] {
    std::vector<DatePatternRow> out;
    for (const RowSource& row : kRows) {
      out.push_back({std::string(row.rule), std::string(row.form), Expand(row.pattern),
                     Expand(row.not_followed_by)});
    }
    return out;
  }();
  return table;
}

std::vector<Fact> ExtractDates(const Region& region) { return Extract(region, true); }

std::vector<Fact> ExtractDurations(const Region& region) { return Extract(region, false); }

}  // namespace imr
