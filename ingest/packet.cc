#include "ingest/packet.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "core/text.h"
#include "ingest/sections.h"

namespace imr {
namespace {

// How many lines at the top of a page may hold its title, and how many at
// either end its page number or sign-off.
constexpr size_t kTitleLines = 16;
constexpr size_t kBandLines = 3;
constexpr size_t kSignoffLines = 12;

// A page starts a document when the evidence for it reaches this weight.
constexpr double kStartWeight = 2.0;

// Two documents are copies of each other when these shares of their word
// shingles and of their numbers are common to both. A copy with a text layer
// repeats every number (two RFAs of one claim on the same form differ in a
// date and a code only); where OCR read either, a slip may change a few words
// and digits.
struct CopyShares {
  double shingles;
  double numbers;
};
constexpr CopyShares kTextCopy = {0.9, 1.0};
constexpr CopyShares kOcrCopy = {0.85, 0.8};

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// The page's non-blank lines, in order, trimmed.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimView(text.substr(at, end - at));
    if (!line.empty()) out.push_back(line);
    at = end + 1;
  }
  return out;
}

// Reads a run of digits at `at`, moving past it.
std::optional<int> ReadNumber(std::string_view s, size_t* at) {
  size_t i = *at;
  int value = 0;
  while (i < s.size() && IsDigit(s[i]) && i - *at < 5) value = value * 10 + (s[i++] - '0');
  if (i == *at || (i < s.size() && IsDigit(s[i]))) return std::nullopt;
  *at = i;
  return value;
}

void SkipSpaces(std::string_view s, size_t* at) {
  while (*at < s.size() && s[*at] == ' ') ++*at;
}

bool WordStartsAt(std::string_view s, size_t at) { return at == 0 || !IsAlpha(s[at - 1]); }

struct PageNumber {
  int index = 0;
  std::optional<int> total;
};

// "page 2 of 5", "page 2", "pg. 2/5", or a line that is only "2 of 5",
// "2/5" or "- 2 -". `lower` is one line, lower case, whitespace collapsed.
std::optional<PageNumber> ParsePageNumber(std::string_view lower) {
  size_t end = 0;  // where the last number read by read_rest ends
  const auto read_rest = [&end](std::string_view lower, size_t at) -> std::optional<PageNumber> {
    PageNumber pn;
    const std::optional<int> k = ReadNumber(lower, &at);
    if (!k || *k < 1) return std::nullopt;
    pn.index = *k;
    end = at;
    SkipSpaces(lower, &at);
    if (lower.substr(at).starts_with("of ")) {
      at += 3;
    } else if (lower.substr(at).starts_with("/")) {
      at += 1;
    } else {
      return pn;
    }
    SkipSpaces(lower, &at);
    const std::optional<int> n = ReadNumber(lower, &at);
    if (!n || *n < pn.index) return std::nullopt;
    pn.total = n;
    end = at;
    return pn;
  };
  for (const std::string_view word : {std::string_view("page"), std::string_view("pg.")}) {
    for (size_t at = lower.find(word); at != std::string_view::npos; at = lower.find(word, at + 1)) {
      if (!WordStartsAt(lower, at)) continue;
      size_t after = at + word.size();
      SkipSpaces(lower, &after);
      if (auto pn = read_rest(lower, after)) return pn;
    }
  }
  // The line's last words: "Smith, Jane · 2/5", "2 of 5", "Statement 22836
  // - 1 -", or a line of the number alone.
  std::string_view v = lower;
  if (v.ends_with(" -") || v.ends_with("--")) {
    while (!v.empty() && (v.back() == '-' || v.back() == ' ')) v.remove_suffix(1);
    size_t at = v.size();
    while (at > 0 && IsDigit(v[at - 1])) --at;
    if (at == v.size() || at == 0 || (v[at - 1] != '-' && v[at - 1] != ' ')) return std::nullopt;
    return read_rest(v, at);
  }
  const size_t of = v.rfind(" of ");
  size_t at = v.rfind(' ');
  if (of != std::string_view::npos && of > 0) {
    at = v.rfind(' ', of - 1);  // "2 of 5" as the last three words
    at = at == std::string_view::npos ? 0 : at + 1;
    if (of < at) at = v.size();
  } else {
    at = at == std::string_view::npos ? 0 : at + 1;
  }
  if (at >= v.size() || !IsDigit(v[at])) return std::nullopt;
  const auto pn = read_rest(v, at);
  if (!pn) return std::nullopt;
  // The number closes the line: with its total, or as the whole line.
  if (pn->total && end == v.size()) return pn;
  if (!pn->total && at == 0 && v.size() <= 4) return pn;
  return std::nullopt;
}

bool HasTime(std::string_view s) {
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if (s[i] == ':' && IsDigit(s[i - 1]) && IsDigit(s[i + 1]) && IsDigit(s[i + 2])) return true;
  }
  return false;
}

// Ten digits in the shapes phone numbers take: "(661) 555-0190",
// "661-555-0190", "661.555.0190", "6615550190".
bool HasPhoneNumber(std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      if (++run == 10) return true;
    } else if (!(run > 0 && (c == '-' || c == '.' || c == ')' || c == ' ' || c == '(')) &&
               !(run == 0 && c == '(')) {
      run = 0;
    } else if (c == ' ' && !(i > 0 && s[i - 1] == ')')) {
      run = 0;
    }
  }
  return false;
}

// The line ends in a page counter: "1/4", "p.01", "002/004".
bool HasCounterAtEnd(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && IsDigit(s[i - 1])) --i;
  if (i == s.size()) return false;
  if (i > 0 && s[i - 1] == '/') {
    size_t j = i - 1;
    while (j > 0 && IsDigit(s[j - 1])) --j;
    return j < i - 1 && (j == 0 || s[j - 1] == ' ');
  }
  return i >= 2 && (s.substr(i - 2, 2) == "p." || s.substr(i - 2, 2) == "p ");
}

bool HasWord(std::string_view lower, std::string_view word) {
  for (size_t at = lower.find(word); at != std::string_view::npos; at = lower.find(word, at + 1)) {
    const size_t end = at + word.size();
    if (WordStartsAt(lower, at) && (end == lower.size() || !IsAlpha(lower[end]))) return true;
  }
  return false;
}

// The fax line without the transmission's page counter, so that every page of
// one transmission gives the same key.
std::string FaxKey(std::string_view line) {
  std::string key = AsciiLower(CollapseWhitespace(line));
  // "... 1/4", "... p.01": the counter at the end goes.
  if (HasCounterAtEnd(key)) {
    size_t i = key.size();
    while (i > 0 && key[i - 1] != ' ') --i;
    key.erase(i);
  }
  for (const std::string_view counter : {std::string_view(" p."), std::string_view(" page"), std::string_view(" pg")}) {
    const size_t at = key.rfind(counter);
    if (at != std::string::npos && at + counter.size() < key.size()) {
      size_t k = at + counter.size();
      SkipSpaces(key, &k);
      if (k < key.size() && IsDigit(key[k])) key.erase(at);
    }
  }
  return key;
}

// A labelled date near the top: "Date of service: 03/02/2017", "DOS 3/2/17",
// "Date: March 2, 2017". The words after the label, as printed.
std::string TopDate(const std::vector<std::string_view>& lines, size_t from) {
  static constexpr std::string_view kLabels[] = {"date of service", "dos:", "date of exam", "date of visit",
                                                 "exam date", "visit date", "date of report", "report date",
                                                 "date of evaluation", "date of procedure", "date of surgery",
                                                 "date:"};
  for (size_t i = from; i < lines.size() && i < from + kTitleLines + 4; ++i) {
    const std::string lower = AsciiLower(lines[i]);
    for (const std::string_view label : kLabels) {
      const size_t at = lower.find(label);
      if (at == std::string::npos || !WordStartsAt(lower, at)) continue;
      std::string_view rest = TrimView(lines[i].substr(at + label.size()));
      while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
      size_t digits = 0;
      for (char c : rest.substr(0, 20)) digits += IsDigit(c);
      if (digits >= 4) return CollapseWhitespace(rest.substr(0, std::min<size_t>(rest.size(), 20)));
    }
  }
  return "";
}

bool IsSignoff(std::string_view lower) {
  static constexpr std::string_view kPhrases[] = {
      "sincerely", "respectfully", "electronically signed", "signed by", "signature", "i declare under penalty",
      "dictated by", "dictated but not read", "reviewed and signed", "end of report", "thank you for this referral",
      "thank you for the opportunity"};
  for (const std::string_view p : kPhrases) {
    if (lower.find(p) != std::string_view::npos) return true;
  }
  return false;
}

// Letters in capitals, at least three in four of them.
bool MostlyCapitals(std::string_view line) {
  size_t upper = 0, letters = 0;
  for (char c : line) {
    if (!IsAlpha(c)) continue;
    ++letters;
    upper += std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  return letters >= 4 && upper * 4 >= letters * 3;
}

// What the title lines of workers' compensation records say, by document
// type: a word or phrase that makes a line a title of that type. The more
// particular kinds come first (a "Panel QME re-evaluation" is a medical-legal
// report, a "physical therapy re-evaluation" a progress report), and within a
// line the row listed first wins.
struct TitleRow {
  std::string_view doc_type;
  std::string_view phrase;  // lower case
  bool line_start = false;     // only where the line begins with it ("mri of the ...")
  bool capitals_only = false;  // only in a line of capitals ("LEFT KNEE MRI")
};

const std::vector<TitleRow>& TitleTable() {
  static const std::vector<TitleRow> table = {
      {"other", "application for independent medical review"},
      {"other", "dwc form imr"},
      {"imr_final_determination", "imr final determination"},
      {"imr_final_determination", "final determination letter"},
      {"imr_final_determination", "medical professional review"},
      {"ur_determination", "utilization review"},
      {"ur_determination", "notice of certification"},
      {"ur_determination", "non-certification"},
      {"ur_determination", "noncertification"},
      {"rfa", "request for authorization"},
      {"rfa", "dwc form rfa"},
      {"medical_legal_report", "qualified medical"},
      {"medical_legal_report", "agreed medical"},
      {"medical_legal_report", "qme"},
      {"medical_legal_report", "ame"},
      {"medical_legal_report", "medical-legal"},
      {"medical_legal_report", "medical legal"},
      {"medical_legal_report", "supplemental report"},
      {"operative_report", "operative report"},
      {"operative_report", "operative note"},
      {"operative_report", "operation report"},
      {"operative_report", "surgical report"},
      {"operative_report", "procedure performed", true},
      {"procedure_report", "nerve conduction"},
      {"procedure_report", "electrodiagnostic"},
      {"procedure_report", "electromyograph"},
      {"procedure_report", "emg", true},
      {"procedure_report", "procedure note"},
      {"procedure_report", "procedure report"},
      {"imaging_report", "radiology report"},
      {"imaging_report", "imaging report"},
      {"imaging_report", "diagnostic imaging"},
      {"imaging_report", "magnetic resonance"},
      {"imaging_report", "computed tomography"},
      {"imaging_report", "mri", true},
      {"imaging_report", "ct", true},
      {"imaging_report", "x-ray", true},
      {"imaging_report", "x-rays", true},
      {"imaging_report", "xr", true},
      {"imaging_report", "radiographs", true},
      {"imaging_report", "ultrasound", true},
      {"imaging_report", "bone scan", true},
      {"discharge_summary", "discharge summary"},
      {"history_and_physical", "history and physical"},
      {"consultation", "consultation"},
      {"consultation", "consult"},
      {"consultation", "initial evaluation"},
      {"consultation", "initial examination"},
      {"consultation", "new patient"},
      {"consultation", "psychological evaluation"},
      {"progress_report", "progress report"},
      {"progress_report", "progress note"},
      {"progress_report", "follow-up"},
      {"progress_report", "follow up"},
      {"progress_report", "followup"},
      {"progress_report", "re-examination"},
      {"progress_report", "reexamination"},
      {"progress_report", "re-evaluation"},
      {"progress_report", "reevaluation"},
      {"progress_report", "office visit"},
      {"progress_report", "clinic note"},
      {"progress_report", "visit note"},
      {"progress_report", "treatment note"},
      {"progress_report", "treatment record"},
      {"progress_report", "daily note"},
      {"progress_report", "pr-2"},
      {"progress_report", "pr2"},
      {"consultation", "initial"},
      {"imaging_report", "mri", false, true},
      {"imaging_report", "ct", false, true},
      {"imaging_report", "x-rays", false, true},
      {"imaging_report", "x-ray", false, true},
      {"imaging_report", "arthrogram", false, true},
      {"imaging_report", "radiographs", false, true},
      {"imaging_report", "radiograph", false, true},
      {"imaging_report", "ultrasound", false, true},
      {"other", "fax cover"},
      {"other", "facsimile"},
      {"other", "fax transmittal"},
      {"other", "fax", true},
      {"other", "proof of service"},
      {"other", "statement"},
      {"other", "invoice"},
      {"other", "billing"},
      {"other", "prescription history"},
      {"other", "rx history"},
      {"other", "fill history"},
      {"other", "medication profile"},
      {"other", "pharmacy"},
  };
  return table;
}

// Where `phrase` stands as whole words in `lower`, or npos.
size_t FindWords(std::string_view lower, std::string_view phrase) {
  for (size_t at = lower.find(phrase); at != std::string_view::npos; at = lower.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    if (WordStartsAt(lower, at) && (end == lower.size() || !IsAlpha(lower[end]))) return at;
  }
  return std::string_view::npos;
}

// A title is a short line that is not a sentence: no closing period, and in
// capitals, or short, or with its type's phrase at its start or its end.
std::string TitleTypeOf(std::string_view line) {
  const std::string lower = AsciiLower(CollapseWhitespace(line));
  if (lower.empty() || lower.size() > 80) return "";
  const char last = lower.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return "";  // a sentence, or a section's heading
  if (lower.find(": ") != std::string::npos && lower.find(": ") + 2 < lower.size()) return "";  // a labelled value
  std::string_view tail = lower;
  if (const size_t paren = tail.rfind(" ("); paren != std::string_view::npos && tail.back() == ')') tail = tail.substr(0, paren);
  const bool capitals = MostlyCapitals(line);
  for (const TitleRow& row : TitleTable()) {
    const size_t at = FindWords(lower, row.phrase);
    if (at == std::string::npos) continue;
    if (row.line_start && at != 0) continue;
    if (row.capitals_only && !capitals) continue;
    const bool at_end = at + row.phrase.size() == tail.size();
    if (capitals || at == 0 || at_end || lower.size() <= 40) return std::string(row.doc_type);
  }
  return "";
}

// A line of running prose: long, mostly lower-case words, few digits (a
// letterhead's address and telephone line is long too, but full of digits).
bool IsProse(std::string_view line) {
  if (line.size() < 60) return false;
  size_t lower = 0, letters = 0, digits = 0;
  for (char c : line) {
    digits += IsDigit(c);
    if (!IsAlpha(c)) continue;
    ++letters;
    lower += std::islower(static_cast<unsigned char>(c)) != 0;
  }
  return lower * 4 > letters * 3 && digits <= 4;
}

// The first title among the page's first lines, above its first prose: its
// type and its line. (A signature block's "Panel QME" under a last page's
// closing paragraph is no title.)
std::pair<std::string, std::string> TitleNearTop(const std::vector<std::string_view>& lines, size_t from) {
  for (size_t i = from; i < lines.size() && i < from + kTitleLines; ++i) {
    if (std::string type = TitleTypeOf(lines[i]); !type.empty()) return {type, AsciiLower(CollapseWhitespace(lines[i]))};
    if (IsProse(lines[i])) break;
  }
  return {"", ""};
}

// What two copies of one document share: the same run of words (4-word
// shingles) and the same numbers (dates, scores, doses). Templated notes of
// one clinic share most of their words; only their dates and findings tell
// two visits apart, so the numbers must agree too. Fax lines and page numbers
// are left out: a re-faxed copy differs there.
struct Fingerprint {
  std::vector<uint64_t> shingles;
  std::vector<uint64_t> numbers;
  bool ocr = false;  // some page of it was read by OCR
};

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

Fingerprint FingerprintOf(const std::vector<Page>& pages, int first, int last) {
  Fingerprint out;
  std::vector<std::string> words;
  for (int p = first; p <= last; ++p) {
    out.ocr = out.ocr || pages[p - 1].ocr;
    for (const std::string_view line : Lines(pages[p - 1].text)) {
      if (IsFaxHeaderLine(line)) continue;
      const std::string lower = AsciiLower(CollapseWhitespace(line));
      if (ParsePageNumber(lower) && lower.size() < 40) continue;
      std::string word;
      for (char c : lower) {
        if (IsAlpha(c) || IsDigit(c)) {
          word += c;
        } else if (!word.empty()) {
          words.push_back(std::move(word));
          word.clear();
        }
      }
      if (!word.empty()) words.push_back(std::move(word));
    }
  }
  const std::hash<std::string> hash;
  for (size_t i = 0; i + 4 <= words.size(); ++i) {
    out.shingles.push_back(hash(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3]));
  }
  for (const std::string& w : words) {
    if (std::any_of(w.begin(), w.end(), IsDigit)) out.numbers.push_back(hash(w));
  }
  SortUnique(&out.shingles);
  SortUnique(&out.numbers);
  return out;
}

// One number for a set of hashes, equal for equal sets.
uint64_t KeyOf(const std::vector<uint64_t>& sorted) {
  uint64_t key = 1469598103934665603ull;
  for (uint64_t h : sorted) key = (key ^ h) * 1099511628211ull;
  return key;
}

double SharedShare(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(std::max(a.size(), b.size()));
}

// "Jane Roe, MD", "John Smith, M.D.": a name followed by a physician's degree.
std::string SignerIn(std::string_view line) {
  static constexpr std::string_view kDegrees[] = {", m.d.", ", md", ", d.o.", ", do", ", d.c.", ", dc",
                                                  ", pa-c", ", np", ", dpm", ", psy.d.", ", ph.d."};
  const std::string lower = AsciiLower(line);
  for (const std::string_view degree : kDegrees) {
    const size_t at = lower.find(degree);
    if (at == std::string::npos) continue;
    const size_t end = at + degree.size();
    if (end < lower.size() && IsAlpha(lower[end])) continue;
    // The name: the capitalized words just before the degree.
    size_t begin = at;
    int words = 0;
    while (begin > 0 && words < 4) {
      size_t w = begin;
      while (w > 0 && line[w - 1] == ' ') --w;
      size_t s = w;
      while (s > 0 && (IsAlpha(line[s - 1]) || line[s - 1] == '.' || line[s - 1] == '-' || line[s - 1] == '\'')) --s;
      if (s == w || !std::isupper(static_cast<unsigned char>(line[s]))) break;
      begin = s;
      ++words;
    }
    if (words >= 2) return std::string(line.substr(begin, end - begin));
  }
  return "";
}

std::string AuthorOf(const std::vector<Page>& pages, const PacketDocument& part) {
  // A signature block at the end first, then a physician named near the top.
  for (int p = part.last_page; p >= part.first_page && p > part.last_page - 2; --p) {
    const std::vector<std::string_view> lines = Lines(pages[p - 1].text);
    for (size_t i = lines.size(); i-- > 0 && i + kSignoffLines + 4 >= lines.size();) {
      if (std::string name = SignerIn(lines[i]); !name.empty()) return name;
    }
  }
  const std::vector<std::string_view> lines = Lines(pages[part.first_page - 1].text);
  for (size_t i = 0; i < lines.size() && i < 20; ++i) {
    if (std::string name = SignerIn(lines[i]); !name.empty()) return name;
  }
  return "";
}

// The weight of the evidence that `page` starts a new document after `before`.
double StartWeight(const PageEvidence& before, const PageEvidence& page) {
  double w = 0;
  if (page.page_index) {
    if (*page.page_index == 1) {
      w += 3;
    } else if (before.page_index && *before.page_index + 1 == *page.page_index &&
               before.page_total == page.page_total) {
      w -= 4;
    } else {
      w -= 2;
    }
  } else if (before.page_index && before.page_total && *before.page_index < *before.page_total) {
    w -= 2;  // the page before said more pages follow
  }
  if (before.page_index && before.page_total && *before.page_index == *before.page_total) w += 2;  // and it ended
  if (!page.title_type.empty()) w += page.title_line == before.title_line ? 0.5 : 2.5;
  if (before.has_signoff) w += 1.5;
  if (page.fax_key != before.fax_key) w += 1.5;
  if (!page.top_date.empty() && !before.top_date.empty() && page.top_date != before.top_date) w += 1;
  if (page.starts_mid_sentence) w -= 1.5;
  return w;
}

}  // namespace

bool IsFaxHeaderLine(std::string_view line) {
  const std::string lower = AsciiLower(CollapseWhitespace(line));
  if (lower.size() > 160 || !HasTime(lower)) return false;
  const bool fax = HasWord(lower, "fax") || (HasWord(lower, "from") && HasWord(lower, "to"));
  const bool counter = lower.find(" p.") != std::string::npos || HasWord(lower, "page") || HasWord(lower, "pg") ||
                       HasCounterAtEnd(lower);
  // A fax machine stamps the time, its number and the transmission's page.
  return (fax && (counter || lower.find("from:") != std::string::npos)) || (HasPhoneNumber(lower) && counter);
}

PageEvidence ReadPageEvidence(const Page& page) {
  PageEvidence e;
  const std::vector<std::string_view> lines = Lines(page.text);
  // The fax line sits at the very top (or bottom) of a faxed page.
  size_t from = 0;
  for (size_t i = 0; i < lines.size() && i < 2; ++i) {
    if (IsFaxHeaderLine(lines[i])) {
      e.fax_key = FaxKey(lines[i]);
      from = i + 1;
    }
  }
  if (e.fax_key.empty() && !lines.empty() && IsFaxHeaderLine(lines.back())) e.fax_key = FaxKey(lines.back());
  // The page number: the top or bottom lines, a fax line's counter aside.
  std::vector<size_t> band;
  for (size_t i = from; i < lines.size() && i < from + kBandLines; ++i) band.push_back(i);
  for (size_t i = lines.size() > kBandLines ? lines.size() - kBandLines : 0; i < lines.size(); ++i) {
    if (std::find(band.begin(), band.end(), i) == band.end()) band.push_back(i);
  }
  for (size_t i : band) {
    if (IsFaxHeaderLine(lines[i])) continue;
    const std::string lower = AsciiLower(CollapseWhitespace(lines[i]));
    if (auto pn = ParsePageNumber(lower)) {
      e.page_index = pn->index;
      e.page_total = pn->total;
      break;
    }
  }
  std::tie(e.title_type, e.title_line) = TitleNearTop(lines, from);
  e.top_date = TopDate(lines, from);
  for (size_t i = lines.size(); i-- > from && i + kSignoffLines >= lines.size();) {
    if (IsSignoff(AsciiLower(lines[i]))) {
      e.has_signoff = true;
      break;
    }
  }
  if (from < lines.size()) {
    const std::string_view first = lines[from];
    const auto letter = std::find_if(first.begin(), first.end(), [](char c) { return IsAlpha(c); });
    e.starts_mid_sentence = letter != first.end() && std::islower(static_cast<unsigned char>(*letter)) &&
                            letter == first.begin();
  }
  return e;
}

std::vector<PacketDocument> SplitPacket(const std::vector<Page>& pages) {
  std::vector<PacketDocument> parts;
  if (pages.empty()) return parts;
  PageEvidence before = ReadPageEvidence(pages[0]);
  parts.push_back({"", "other", 1, 1, "", "", ""});
  for (size_t i = 1; i < pages.size(); ++i) {
    PageEvidence here = ReadPageEvidence(pages[i]);
    const int page_number = static_cast<int>(i) + 1;
    if (StartWeight(before, here) >= kStartWeight) {
      parts.push_back({"", "other", page_number, page_number, "", "", ""});
    } else {
      parts.back().last_page = page_number;
    }
    before = std::move(here);
  }
  // A copy with a text layer repeats every number of its original, so only
  // documents with the same numbers are compared; a document OCR read is
  // compared with every earlier one (scans are few). Linear in the packet,
  // not quadratic.
  std::vector<Fingerprint> prints;
  std::unordered_map<uint64_t, std::vector<size_t>> text_by_numbers;  // originals with a text layer
  std::vector<size_t> originals;                                      // every original, in order
  for (size_t d = 0; d < parts.size(); ++d) {
    PacketDocument& part = parts[d];
    part.id = "d" + std::to_string(d + 1);
    part.author = AuthorOf(pages, part);
    if (parts.size() == 1) break;  // a packet of one has no copies
    prints.push_back(FingerprintOf(pages, part.first_page, part.last_page));
    const Fingerprint& print = prints[d];
    const uint64_t numbers_key = KeyOf(print.numbers);
    const auto same_numbers = text_by_numbers.find(numbers_key);
    const std::vector<size_t> none;
    const std::vector<size_t>& candidates =
        print.ocr ? originals : same_numbers == text_by_numbers.end() ? none : same_numbers->second;
    const int length = part.last_page - part.first_page + 1;
    for (size_t e : candidates) {
      if (print.shingles.empty()) break;
      const int other = parts[e].last_page - parts[e].first_page + 1;
      if (std::abs(other - length) > 1) continue;
      const CopyShares& needed = prints[e].ocr || print.ocr ? kOcrCopy : kTextCopy;
      if (SharedShare(prints[e].shingles, print.shingles) >= needed.shingles &&
          SharedShare(prints[e].numbers, print.numbers) >= needed.numbers) {
        part.duplicate_of = parts[e].id;
        break;
      }
    }
    // An OCR copy of a text original: the scans are compared with every original
    // above; a text copy of a scanned original is looked for here.
    if (part.duplicate_of.empty() && !print.ocr) {
      for (size_t e : originals) {
        if (!prints[e].ocr || print.shingles.empty()) continue;
        const int other = parts[e].last_page - parts[e].first_page + 1;
        if (std::abs(other - length) > 1) continue;
        if (SharedShare(prints[e].shingles, print.shingles) >= kOcrCopy.shingles &&
            SharedShare(prints[e].numbers, print.numbers) >= kOcrCopy.numbers) {
          part.duplicate_of = parts[e].id;
          break;
        }
      }
    }
    if (!part.duplicate_of.empty()) continue;
    originals.push_back(d);
    if (!print.ocr) text_by_numbers[numbers_key].push_back(d);
  }
  return parts;
}

Document SubDocument(const Document& packet, const PacketDocument& part) {
  Document doc;
  doc.source = packet.source;
  const int shift = part.first_page - 1;
  for (int p = part.first_page; p <= part.last_page && p <= static_cast<int>(packet.pages.size()); ++p) {
    Page page = packet.pages[p - 1];
    page.page_number -= shift;
    for (Span& s : page.furniture) s.page_number -= shift;
    doc.pages.push_back(std::move(page));
  }
  doc.sections = FindSections(doc.pages);
  doc.doc_type = DocumentType(doc.pages, doc.sections);
  return doc;
}

std::string DocumentType(const std::vector<Page>& pages, const std::vector<Section>& sections) {
  if (pages.empty()) return "other";
  // A title line at the top of its first page says what the document is;
  // without one, the words near the top and the sections do.
  const std::vector<std::string_view> lines = Lines(pages[0].text);
  size_t from = 0;
  while (from < lines.size() && from < 2 && IsFaxHeaderLine(lines[from])) ++from;
  const std::string titled = TitleNearTop(lines, from).first;
  return titled.empty() ? ClassifyDocument(pages, sections) : titled;
}

}  // namespace imr
