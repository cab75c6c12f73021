#include "normalize/hcpcs.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

namespace imr {

namespace {

// Only codes whose choice the words settle. Descriptions are our own words.
// Left out on purpose: lumbar and lumbosacral orthoses (the codes turn on
// rigid panels, prefabricated vs custom and off-the-shelf vs fitted, which
// letters do not state), hot/cold and cold-with-compression units, rollators,
// crutches (the codes turn on material), drug and presumptive drug tests (CPT
// or count-of-classes codes), and drugs given by injection (J codes need the
// dose in billing units).
constexpr HcpcsRow kRows[] = {
    // Electrical stimulation. Channels are not leads: a dual-channel TENS
    // has four leads, so only "lead" words decide between E0720 and E0730.
    {"dme.tens", R"(TENS|transcutaneous\s+(electrical\s+)?(nerve\s+)?stimulat\w*)",
     R"((two|2|dual)\s*-?\s*leads?)", R"((four|4|six|6|eight|8|multiple)\s*-?\s*leads?)", "",
     "E0720", "TENS device with two leads"},
    {"dme.tens", R"(TENS|transcutaneous\s+(electrical\s+)?(nerve\s+)?stimulat\w*)",
     R"((four|4|six|6|eight|8)\s*-?\s*(or\s+more\s+)?leads?)", R"((two|2|dual)\s*-?\s*leads?)", "",
     "E0730", "TENS device with four or more leads"},
    {"dme.tens", R"(conductive\s+garments?)", "",
     R"(and|with|plus|\w\s*[&+]\s*\w|h-?\s?wave\w*|interferential\w*|microcurrent\w*)", "",
     "E0731", "conductive garment worn to deliver TENS or NMES"},
    {"dme.tens", R"(NMES|neuromuscular\s+(electrical\s+)?stimulat\w*)",
     R"(units?|devices?|stimulators?|purchase|rental)",
     R"(and|with|plus|\w\s*[&+]\s*\w|TENS|supplies|electrodes?|h-?\s?wave\w*|interferential\w*)", "",
     "E0745", "neuromuscular electrical stimulator unit"},
    // Supplies: a request that also names the unit ("TENS unit with
    // supplies") asks for two items and gets no single code.
    {"dme.tens", R"(electrodes?|supplies|(TENS|electrode)\s+pads?)", "",
     R"(and|with|plus|\w\s*[&+]\s*\w|purchase|rental|h-?\s?wave\w*|interferential\w*|microcurrent\w*|NMES|garments?)",
     "", "A4595", "monthly supplies for a TENS or NMES unit, electrodes included"},
    // Heat and cold: only a pad with a circulating pump of one temperature.
    {"dme.hot_cold", R"(cold|cooling|cryo\w*|ice)", R"((water|fluid)[- ]circulating|pumps?)",
     R"(hot|heat\w*|warm\w*|compression|game\s*ready|vascutherm|thermo\w*)", "", "E0218",
     "cold pad with a pump that circulates fluid"},
    {"dme.hot_cold", R"(heat(ing)?|hot)", R"((water|fluid)[- ]circulating|pumps?)",
     R"(cold|cool\w*|cryo\w*|ice|compression)", "", "E0217",
     "heat pad with a pump that circulates water"},
    // Mobility aids.
    {"dme.other", R"(canes?)", R"(quad|(three|3|four|4)[- ]?(prong|point)(ed)?)",
     R"(walkers?|crutch\w*|seat\w*|and|plus)", "", "E0105", "quad or three-prong cane"},
    {"dme.other", R"(canes?)", "",
     R"(quad|(three|3|four|4)[- ]?(prong|point)(ed)?|tripod|seat\w*|white|walkers?|crutch\w*|and|plus)", "", "E0100",
     "cane, single tip, any material"},
    {"dme.other", R"(walkers?)", R"(rigid && pick-?\s?up)",
     R"(fold\w*|collapsible|wheel\w*|rolling|rollators?|heavy[- ]duty|bariatric|canes?|crutch\w*)",
     "", "E0130", "rigid pickup walker without wheels"},
    {"dme.other", R"(walkers?)", R"(fold\w*|collapsible && pick-?\s?up)",
     R"(rigid|wheel\w*|rolling|rollators?|heavy[- ]duty|bariatric|canes?|crutch\w*)", "", "E0135",
     "folding pickup walker without wheels"},
    {"dme.other", R"(walkers?)", R"(rigid && wheeled|wheels|(front|two|2)[- ]?wheel\w*|rolling)",
     R"(fold\w*|collapsible|pick-?\s?up|rollators?|heavy[- ]duty|bariatric|seat\w*|brakes?|(four|4)[- ]?wheel\w*|canes?|crutch\w*)",
     "", "E0141", "rigid walker with wheels"},
    {"dme.other", R"(walkers?)",
     R"(fold\w*|collapsible && wheeled|wheels|(front|two|2)[- ]?wheel\w*|rolling)",
     R"(rigid|pick-?\s?up|rollators?|heavy[- ]duty|bariatric|seat\w*|brakes?|(four|4)[- ]?wheel\w*|canes?|crutch\w*)",
     "", "E0143", "folding walker with wheels"},
    {"dme.other", R"(wheel\s*chairs?)", R"(standard)",
     R"(power\w*|electric|motori[sz]ed|light\s*-?\s*weight|heavy[- ]duty|bariatric|transport|reclin\w*|tilt\w*|custom|pediatric|rental\s+and)",
     "", "K0001", "standard manual wheelchair"},
    // Other equipment.
    {"dme.other", R"(CPM|continuous\s+passive\s+motion)", R"(knees?)",
     R"(shoulders?|hips?|elbows?|ankles?|wrists?|hands?|fingers?|and|plus)", "knee", "E0935",
     "continuous passive motion device for the knee"},
    {"dme.other", R"(CPAP|continuous\s+positive\s+airway\s+pressure)", "",
     R"(bi-?\s?pap|bi-?\s?level|supplies|masks?|tubing|humidifiers?|headgear|cushions?|filters?|and|with|plus)",
     "", "E0601", "CPAP device"},
    {"dme.other", R"(traction(\s+(units?|devices?|kits?))?)",
     R"(over\s*-?\s*(the\s*-?\s*)?door && cervical|neck)",
     R"(lumbar|pneumatic|air|free-?\s?standing)", "", "E0860",
     "cervical traction hung over a door"},
    // Orthoses, prefabricated and off-the-shelf.
    {"dme.brace", R"(collars?)", R"(soft|foam)",
     R"(rigid|semi-?\s?rigid|hard|philadelphia|miami|aspen|thermoplastic|molded|custom|and|with|plus)",
     "", "L0120", "soft foam cervical collar, not adjustable"},
    {"dme.brace", R"(cock-?\s?up)", R"(wrists?)",
     R"(thumb|spica|fingers?|dynamic|custom|molded|fabricated|and|plus)", "", "L3908",
     "prefabricated cock-up wrist splint, not molded"},
    {"dme.brace", R"(immobili[sz]ers?)", R"(knees?)",
     R"(hinged|adjustable|range\s+of\s+motion|ROM|post-?\s?op\w*|and|plus)", "", "L1830",
     "prefabricated canvas knee immobilizer"},
};

RE2::Options CaseInsensitive() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

std::unique_ptr<RE2> WholeWords(std::string_view pattern) {
  return std::make_unique<RE2>("\\b(?:" + std::string(pattern) + ")\\b", CaseInsensitive());
}

struct CompiledRow {
  const HcpcsRow* row;
  std::unique_ptr<RE2> names;
  std::vector<std::unique_ptr<RE2>> certain_when;  // every one must occur
  std::unique_ptr<RE2> reject;                     // null: nothing vetoes
};

// certain_when holds one or more RE2s joined by " && ".
std::vector<std::unique_ptr<RE2>> CompileAllOf(std::string_view patterns) {
  std::vector<std::unique_ptr<RE2>> all;
  while (!patterns.empty()) {
    const size_t cut = patterns.find(" && ");
    all.push_back(WholeWords(patterns.substr(0, cut)));
    patterns = cut == std::string_view::npos ? std::string_view() : patterns.substr(cut + 4);
  }
  return all;
}

const std::vector<CompiledRow>& CompiledRows() {
  static const std::vector<CompiledRow>* rows = [] {
    auto* compiled = new std::vector<CompiledRow>;
    for (const HcpcsRow& row : HcpcsTable()) {
      compiled->push_back({&row, WholeWords(row.names), CompileAllOf(row.certain_when),
                           row.reject.empty() ? nullptr : WholeWords(row.reject)});
    }
    return compiled;
  }();
  return *rows;
}

bool Occurs(const RE2& re, std::string_view text) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

bool RowFires(const CompiledRow& compiled, const Attributes& details, std::string_view text) {
  const HcpcsRow& row = *compiled.row;
  if (!row.body_site.empty()) {
    const auto site = details.find("body_site");
    if (site != details.end() && site->second != row.body_site) return false;
  }
  if (!Occurs(*compiled.names, text)) return false;
  for (const auto& words : compiled.certain_when) {
    if (!Occurs(*words, text)) return false;
  }
  return compiled.reject == nullptr || !Occurs(*compiled.reject, text);
}

// --- CPT codes as written -------------------------------------------------

// Words that, before "code", say the number is not a procedure code.
bool IsOtherCodeWord(std::string word) {
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::string_view kOther[] = {
      "zip",    "postal",  "area",  "diagnosis",  "diagnostic", "dx",    "access",
      "security", "claim", "status", "reason",    "denial",     "adjustment", "error",
      "bar",    "labor",   "civil", "insurance",  "country",    "penal", "government",
      "business", "regulations", "dialing", "promo", "zipcode", "ndc",  "hcpcs",
      "revenue", "place",  "carc",  "rarc",       "remark",     "occupational", "case"};
  if (word.starts_with("icd")) return true;
  return std::find(std::begin(kOther), std::end(kOther), word) != std::end(kOther);
}

struct CueSet {
  RE2 cpt{R"(\bCPT(?:®|\(R\)|s\b)?(?:\s*/\s*HCPCS)?(?:\s+codes?\b)?\s*(?:#|:|-|=|nos?\.|numbers?)?\s*(?:(?:is|was|were|of)\s+)?)",
          CaseInsensitive()};
  RE2 code{R"((?:\b([a-z][a-z0-9-]*)\s+)?\bcodes?\b\s*(?:#|:|-|=|nos?\.|numbers?)?\s*(?:(?:is|was|were|of)\s+)?)",
           CaseInsensitive()};
  // A procedure word, then an opening parenthesis.
  RE2 paren{
      R"(\b(?:exercises?|activit(?:y|ies)|therap(?:y|ies)|manipulations?|mobili[sz]ations?|training|massage|traction|acupuncture|needling|stimulation|ultrasound|iontophoresis|injections?|blocks?|ablations?|neurotomy|rhizotomy|MRI|CT|x-?rays?|views?|radiographs?|contrast|spine|knee|shoulder|hip|wrist|hand|ankle|foot|elbow|neck|stud(?:y|ies)|tests?|testing|screen(?:ing)?|panel|EMGs?|NCS|NCVs?|evaluation|re-?evaluation|exam(?:ination)?|visits?|consultation|procedures?|surgery|arthroscopy|release|repair|fusion|decompression|discectomy|laminectomy|arthroplasty|debridement|program)\s*\(\s*(?:CPT\s*)?)",
      CaseInsensitive()};
  RE2 code_item{R"((\d{4}[0-9FT])((?:-[0-9A-Z]{2}\b)?))", CaseInsensitive()};
  RE2 separator{R"((?:\s*x\s*\d{1,3}\b)?\s*(?:,|;|/|&|-|\band\b|\bor\b)?\s*)", CaseInsensitive()};
};

const CueSet& Cues() {
  static const CueSet* cues = new CueSet;
  return *cues;
}

// Whether the characters after a code end it: "95350-1234" (zip+4),
// "97110.5" and "971100" are not codes.
bool EndsCleanly(std::string_view rest) {
  auto digit = [&](size_t i) { return i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; };
  if (digit(0)) return false;
  if (!rest.empty() && rest[0] == '.' && digit(1)) return false;
  if (rest.size() >= 5 && rest[0] == '-' && digit(1) && digit(2) && digit(3) && digit(4) && !digit(5))
    return false;
  if (!rest.empty() && (std::isalpha(static_cast<unsigned char>(rest[0])) != 0)) return false;
  return true;
}

bool InCptRange(std::string_view code) {
  if (code.back() == 'F' || code.back() == 'T' || code.back() == 'f' || code.back() == 't')
    return true;
  return std::stoi(std::string(code)) >= 100;
}

// Reads the codes a cue governs, starting at `offset`: "97110, 97140 and
// 97530". Appends {offset, code} pairs.
void ReadCodeList(std::string_view text, size_t offset,
                  std::vector<std::pair<size_t, std::string>>* found) {
  const CueSet& cues = Cues();
  re2::StringPiece rest(text.data() + offset, text.size() - offset);
  while (true) {
    re2::StringPiece code, modifier;
    const char* begin = rest.data();
    if (!RE2::Consume(&rest, cues.code_item, &code, &modifier)) return;
    if (!EndsCleanly(std::string_view(rest.data(), rest.size()))) return;
    std::string written(code.data(), code.size());
    if (!InCptRange(written)) return;
    std::transform(written.begin(), written.end(), written.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    found->emplace_back(static_cast<size_t>(begin - text.data()), std::move(written));
    re2::StringPiece after = rest;
    RE2::Consume(&after, cues.separator);
    rest = after;
  }
}

}  // namespace

const std::vector<HcpcsRow>& HcpcsTable() {
  static const std::vector<HcpcsRow>* rows =
      new std::vector<HcpcsRow>(std::begin(kRows), std::end(kRows));
  return *rows;
}

bool IsWellFormedHcpcs(std::string_view code) {
  if (code.size() != 5) return false;
  const char letter = code[0];
  if (letter < 'A' || letter > 'V' || letter == 'I' || letter == 'O') return false;
  return std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Code> HcpcsForRequest(std::string_view category, const Attributes& details,
                                    std::string_view request_text) {
  for (const CompiledRow& compiled : CompiledRows()) {
    if (compiled.row->category != category) continue;
    if (RowFires(compiled, details, request_text)) {
      return Code{"HCPCS", std::string(compiled.row->code)};
    }
  }
  return std::nullopt;
}

std::vector<Code> CptCodesWritten(std::string_view text) {
  const CueSet& cues = Cues();
  std::vector<std::pair<size_t, std::string>> found;
  auto scan = [&](const RE2& cue, bool check_word) {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece word;
    while (input.size() > 0) {
      word = re2::StringPiece();
      const char* before = input.data();
      const bool matched = check_word ? RE2::FindAndConsume(&input, cue, &word)
                                      : RE2::FindAndConsume(&input, cue);
      if (!matched) return;
      if (input.data() == before) {  // an empty match cannot happen, but never loop
        input.remove_prefix(1);
        continue;
      }
      if (check_word && !word.empty() && IsOtherCodeWord(std::string(word.data(), word.size())))
        continue;
      ReadCodeList(text, static_cast<size_t>(input.data() - text.data()), &found);
    }
  };
  scan(cues.cpt, false);
  scan(cues.code, true);
  scan(cues.paren, false);
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Code> codes;
  for (const auto& entry : found) {
    // Not a structured binding: clang before 16 cannot capture one in a lambda.
    const std::string& code = entry.second;
    const bool seen = std::any_of(codes.begin(), codes.end(),
                                  [&](const Code& c) { return c.code == code; });
    if (!seen) codes.push_back(Code{"CPT", code});
  }
  return codes;
}

}  // namespace imr
