#include "extract/finding_extractor.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <stdexcept>

#include "core/anatomy.h"
#include "core/text.h"
#include "extract/assertion.h"
#include "extract/keep_longest.h"

namespace imr {

// ---------------------------------------------------------------------------
// The row-table machinery.

namespace {

bool IsDigitAt(std::string_view text, size_t i) {
  return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
}

// The word that ends just before `offset`, lower case.
std::string WordBefore(std::string_view text, size_t offset) {
  size_t end = offset;
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t begin = end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
  return AsciiLower(text.substr(begin, end - begin));
}

// Grades and scores are written like dates and doses: "5/5" is a date in
// "5/5/2016" and in "seen on 5/5", and "10/325" is a dose.
bool IsPartOfDateOrDose(std::string_view text, size_t begin, size_t end) {
  if (begin >= 2 && text[begin - 1] == '/' && IsDigitAt(text, begin - 2)) return true;
  if (end < text.size() && text[end] == '/' && IsDigitAt(text, end + 1)) return true;
  if (!IsDigitAt(text, begin)) return false;
  const std::string before = WordBefore(text, begin);
  return before == "on" || before == "dated" || before == "since" || before == "until";
}

void CaptureValues(const PhraseRule& rule, const Match& m, Attributes* value) {
  std::set<std::string_view> captured;
  for (const PhraseCapture& c : rule.captures) {
    if (!m.has(c.group) || captured.count(c.key)) continue;
    const std::string_view words = m.group(c.group);
    captured.insert(c.key);
    // A site is a key of the anatomy table (core/anatomy.h); words that name
    // none ("the dermatomal distribution") stay as written, apart.
    if (c.key == "body_site") {
      if (const BodySite* site = BodySiteOfWords(words)) {
        (*value)["body_site"] = std::string(site->site);
      } else {
        (*value)["site_words"] = NormalizePhraseWords(words);
      }
      continue;
    }
    (*value)[std::string(c.key)] = c.normalize ? c.normalize(words) : NormalizePhraseWords(words);
  }
}

std::optional<PhraseHit> HitOf(const PhraseRule& rule, const Match& m, std::string_view text) {
  for (int g : rule.veto_groups) {
    if (m.has(g)) return std::nullopt;
  }
  const auto& cues = rule.needs_any_group;
  if (!cues.empty() && std::none_of(cues.begin(), cues.end(), [&](int g) { return m.has(g); })) {
    return std::nullopt;
  }
  const std::string_view phrase = TrimView(m.group(rule.phrase_group));
  if (phrase.empty()) return std::nullopt;
  PhraseHit hit{OffsetIn(text, phrase), OffsetIn(text, phrase) + phrase.size(), &rule, rule.fixed};
  if (IsPartOfDateOrDose(text, hit.begin, hit.end)) return std::nullopt;
  CaptureValues(rule, m, &hit.value);
  return hit;
}

}  // namespace

PhraseRuleTable::PhraseRuleTable(std::vector<PhraseRule> rules, const std::vector<PatternPiece>& pieces,
                                 PatternSet::Prefilter prefilter)
    : rules_(std::move(rules)), patterns_(prefilter) {
  for (const PhraseRule& rule : rules_) {
    try {
      patterns_.Add(ExpandPattern(rule.pattern, pieces));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(rule.id + ": " + e.what());
    }
  }
  patterns_.Compile();
}

std::vector<PhraseHit> PhraseRuleTable::FindAll(std::string_view text) const {
  std::vector<PhraseHit> hits;
  for (int i : patterns_.Candidates(text)) {
    for (const Match& m : patterns_.Row(i).FindAll(text)) {
      if (auto hit = HitOf(rules_[i], m, text)) hits.push_back(std::move(*hit));
    }
  }
  return hits;
}

std::vector<PhraseHit> KeepLongestHits(std::vector<PhraseHit> hits) {
  return KeepLongestPerSpan(std::move(hits), EqualLength::kEarlierFoundWins);
}

std::vector<Fact> HitsToFacts(const Region& region, const std::vector<PhraseHit>& hits,
                              std::string_view kind) {
  const std::string_view text = region.text.text;
  std::vector<Fact> facts;
  for (const PhraseHit& hit : hits) {
    Fact fact = MakeFact(region, text.substr(hit.begin, hit.end - hit.begin), std::string(kind),
                         hit.rule->id);
    if (fact.span.empty()) continue;  // the phrase begins in a joint between pages
    fact.value = hit.value;
    facts.push_back(std::move(fact));
  }
  return facts;
}

std::string NormalizePhraseWords(std::string_view words) { return AsciiLower(CollapseWhitespace(words)); }

std::string NormalizeLaterality(std::string_view words) {
  const std::string w = NormalizePhraseWords(words);
  if (w.starts_with("r")) return "right";
  if (w.starts_with("l")) return "left";
  return "bilateral";  // bilateral, bilaterally, both
}

// ---------------------------------------------------------------------------
// The findings table.

namespace {

std::string NormalizeResult(std::string_view words) {
  const std::string w = NormalizePhraseWords(words);
  if (w == "+" || w.starts_with("pos")) return "positive";
  if (w.starts_with("neg")) return "negative";
  return w;  // equivocal
}

// "4 +" -> "4+".
std::string NormalizeGrade(std::string_view words) {
  std::string out;
  for (char c : words) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

// "4" of "4 out of 5" -> "4/5", the form the other motor rows give.
std::string NormalizeGradeOutOfFive(std::string_view words) { return NormalizeGrade(words) + "/5"; }

// "l4 - 5" -> "L4-5".
std::string NormalizeLevel(std::string_view words) {
  std::string out;
  for (char c : words) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(c));
  }
  return out;
}

// The first word: "abnormal, stiff" -> "abnormal".
std::string NormalizeFirstWord(std::string_view words) {
  const std::string w = NormalizePhraseWords(words);
  const size_t end = w.find_first_of(" ,");
  return w.substr(0, end);
}

const std::vector<PatternPiece>& Pieces() {
  static const std::vector<PatternPiece> pieces = {
      {"SIDE", R"(right|left|bilateral(?:ly)?|rt\.?|lt\.?)"},
      {"SEVERITY", R"(mild|moderate|severe|minimal|marked|small|large|significant|slight)"},
      {"LEVEL", R"(\b(?:[CTL]\d{1,2}|S[1-5])(?:\s*-\s*(?:[CTLS]\d{1,2}|\d{1,2}))?\b)"},
      {"SITE_NOUN",
       R"(muscles?|musculature|paraspinals?|paraspinous|paravertebrals?|spine|regions?|areas?|)"
       R"(joint\s+lines?|joints?|facets?|trapezii|trapezius|process(?:es)?|shoulders?|knees?|)"
       R"(elbows?|wrists?|hands?|hips?|ankles?|feet|foot|neck|back|buttocks?|epicondyles?|)"
       R"(tendons?|bursa|trochanters?|notch|coccyx|sacrum|scapulae?|rhomboids?|gluteals?|)"
       R"(lumborum|sternocleidomastoid|snuffbox|insertion|thighs?|calf|calves|fingers?|thumbs?|)"
       R"(toes?|heels?|fascia|biceps|triceps|forearms?|groin|sacroiliac|acromion|<LEVEL>)"},
      {"AT_SITE",
       R"(\s+(?:over|of|at|in|to|along|about|around|on|throughout|across|involving)\s+)"
       R"((?:the\s+)?(?:[\w/'-]+\s+){0,4}?(?:<SITE_NOUN>)(?:\s+(?:<SITE_NOUN>))?\b)"},
      {"BODY",
       R"((?:upper|lower)\s+extremit(?:y|ies)|legs?|arms?|buttocks?|hips?|thighs?|calf|calves|)"
       R"(feet|foot|toes?|hands?|fingers?|shoulder\s+blades?|shoulders?|scapulae?|neck|head|)"
       R"(groin|knees?|ankles?|forearms?|elbows?|wrists?|back|heels?|shins?)"},
      {"MUSCLE",
       R"(EHL|EDL|FHL|extensor\s+hallucis\s+longus|tibialis\s+anterior|gastrocnemius|)"
       R"(quadriceps|quads|hamstrings?|hip\s+(?:flexors?|abductors?|extensors?)|deltoids?|)"
       R"(biceps|triceps|wrist\s+(?:extensors?|flexors?)|grip|finger\s+(?:flexors?|extensors?|)"
       R"(abductors?)|intrinsics|dorsiflexion|dorsiflexors|plantar\s*flexion|plantar\s*flexors|)"
       R"(eversion|inversion|(?:upper|lower)\s+extremit(?:y|ies)|extremities|)"
       R"(all\s+(?:major\s+)?muscle\s+groups|[CLS]\d\s+myotomes?|myotomes?)"},
      {"MOTION",
       R"((?:forward\s+|lateral\s+)?flexion|extension|(?:(?:internal|external)\s+)?rotation|)"
       R"(abduction|adduction|lateral\s+(?:bending|tilt)|dorsiflexion|plantar\s*flexion|)"
       R"(inversion|eversion|pronation|supination|(?:radial|ulnar)\s+deviation)"},
      {"ROM_STATE",
       R"(decreased|reduced|restricted|limited|diminished|painful|full|normal|guarded|)"
       R"(near[\s-]+full|functional)"},
      {"ROM_SITE",
       R"((?:cervical|thoracic|lumbar|thoracolumbar|lumbosacral)(?:\s+spine)?|spine|neck|)"
       R"(low\s+back|back|shoulders?|elbows?|wrists?|hands?|hips?|knees?|ankles?|feet|foot|)"
       R"(fingers?|toes?|thumbs?)"},
      {"TENDER_PRE",
       R"(<SIDE>|paraspinal|paravertebral|paraspinous|midline|spinous\s+process|)"
       R"((?:medial|lateral)\s+joint\s+line|joint\s+line|facet|SI\s+joint|sacroiliac|trapezius|)"
       R"(point|pointe|muscle|muscular|diffuse|focal|lumbar|cervical|thoracic|thoracolumbar|)"
       R"(hip|knee|shoulder|elbow|wrist|ankle|foot|hand|neck|back|mild|moderate|severe|marked)"},
      {"SPASM_PRE",
       R"(<SIDE>|paraspinal|paravertebral|muscle|muscular|lumbar|cervical|thoracic|)"
       R"(thoracolumbar|trapezius|mild|moderate|severe|palpable)"},
      {"SENSE_STATE",
       R"(decreased|diminished|reduced|altered|impaired|absent|abnormal|loss\s+of|intact|)"
       R"(normal|increased)"},
      {"SENSE_KIND",
       R"(\s+(?:to|for)\s+(?:light\s+touch|pinprick|sharp|dull|vibration|temperature))"
       R"((?:\s+(?:and|or)\s+(?:light\s+touch|pinprick|sharp|dull|vibration))?)"},
      {"SENSE_SITE",
       R"(dermatomes?|dermatomal\s+distribution|distributions?|foot|feet|hands?|fingers?|)"
       R"(digits?|toes?|thighs?|legs?|calf|calves|arms?|forearms?|extremit(?:y|ies)|shins?|)"
       R"(heels?|thumbs?|<LEVEL>)"},
      {"AT_SENSE_SITE",
       R"(\s+(?:in|over|at|along|to|of|on|throughout|involving)\s+)"
       R"((?:the\s+)?(?:[\w/'-]+\s+){0,4}?(?:<SENSE_SITE>)(?:\s+(?:<SENSE_SITE>))?\b)"},
      {"REFLEX_SITE", R"(patellar|achilles|ankle|knee|biceps|triceps|brachioradialis|quadriceps)"},
      {"REFLEX", R"((?:deep\s+tendon\s+)?reflex(?:es)?|DTRs?|MSRs?|jerks?)"},
      {"REFLEX_STATE",
       R"(absent|diminished|decreased|reduced|depressed|hypoactive|hyperactive|brisk|normal|)"
       R"(intact|symmetric(?:al)?|equal|trace)"},
      {"GAIT_ADJ",
       R"(antalgic|normal|abnormal|stiff|slow|slowed|steady|unsteady|wide[\s-]+based|)"
       R"(broad[\s-]+based|shuffling|guarded|non-?antalgic|spastic|ataxic|trendelenburg|)"
       R"(reciprocal|heel[\s-]+toe|tandem|limping|cautious|steppage)"},
      {"PAIN_CUE",
       R"(\b(?:pain|VAS|NRS|rated|rates|rating|level|score|severity|intensity))"
       R"((?:\s+(?:is|was|were|are|of|at|as|an?|his|her|their|the|pain|level|score|scale|rated|)"
       R"(intensity|severity|currently|now|today|averages?|remains?|ranging|ranges|from))*)"
       R"(\s*[:=]?\s*)"},
      {"PAIN_SCALE",
       R"((?:(?:0|1|zero|one)\s*(?:-|to)\s*)?10[\s-]+point\s+(?:pain\s+)?scale|)"
       R"((?:pain\s+)?scale\s+(?:of|from)\s+(?:(?:0|1|zero|one)\s*(?:-|to)\s*)?10)"},
      {"MEDS", R"((?:pain\s+)?medications?|meds|medicine)"},
      {"RESULT", R"(positive|negative|\bpos\b|\bneg\b|equivocal|\+)"},
      {"TEST_SITE",
       R"(wrists?|elbows?|knees?|shoulders?|hips?|ankles?|hands?|(?:carpal|cubital|tarsal)\s+tunnel|)"
       R"(neck|(?:cervical|lumbar)\s+spine|low\s+back)"},
  };
  return pieces;
}

// A named test. Its groups: 1 result before, 2 side before, 3 "test"/"sign",
// 4 result after, 5 side after, 6 side of the site, 7 site, 8 degrees.
struct TestRow {
  std::string_view id;
  std::string_view finding_type;
  std::string_view test;
  std::string_view name;  // RE2, no capturing groups
  // Names that are also surnames or plain words ("Patrick", "drawer") fire
  // only with a result or with "test"/"sign".
  bool needs_cue;
};

const TestRow kTestRows[] = {
    {"finding.slr@1", "slr", "straight_leg_raise",
     // \bSLR: the test's \b already stands there, or a space does (the one
     // text it turns away is a long s, U+017F, for the S after a word). Said
     // again it keeps RE2 from taking the s both alternatives start with out
     // of them, which left "lr" and no word to look for (PatternSet).
     R"((?:(?:seated|sitting|supine|crossed|contralateral)\s+)?(?:straight[\s-]+leg[\s-]+rais(?:e|es|ing)|\bSLR))",
     false},
    {"finding.test.lasegue@1", "slr", "lasegue", R"(Las[eè]gue)", false},
    {"finding.test.braggard@1", "slr", "braggard", R"(Bragg?ard)", false},
    {"finding.test.slump@1", "slr", "slump", R"(slump)", true},
    {"finding.test.hawkins@1", "special_test", "hawkins", R"(Hawkins(?:[\s-]+Kennedy)?)", true},
    {"finding.test.neer@1", "special_test", "neer", R"(Neer)", false},
    {"finding.test.spurling@1", "special_test", "spurling", R"(Spurling)", false},
    {"finding.test.phalen@1", "special_test", "phalen", R"((?:reverse\s+)?Phalen)", false},
    {"finding.test.tinel@1", "special_test", "tinel", R"(Tinel)", false},
    {"finding.test.mcmurray@1", "special_test", "mcmurray", R"(McMurray)", false},
    {"finding.test.lachman@1", "special_test", "lachman", R"(Lachman)", false},
    {"finding.test.drawer@1", "special_test", "drawer", R"((?:anterior\s+|posterior\s+)?drawer)", true},
    {"finding.test.faber@1", "special_test", "faber",
     R"(FABER(?:\s*/\s*Patrick)?|Patrick(?:['’]s)?(?:\s*/\s*FABER)?)", true},
    {"finding.test.finkelstein@1", "special_test", "finkelstein", R"(Finkelstein)", false},
    {"finding.test.obrien@1", "special_test", "obrien", R"(O['’]\s?Brien|OBrien)", true},
    {"finding.test.empty_can@1", "special_test", "empty_can", R"(empty[\s-]+can|Jobe)", true},
    {"finding.test.apprehension@1", "special_test", "apprehension",
     R"((?:anterior\s+)?apprehension)", true},
    {"finding.test.kemp@1", "special_test", "kemp", R"(Kemp)", true},
    {"finding.test.facet_loading@1", "special_test", "facet_loading",
     R"((?:(?:lumbar|cervical)\s+)?facet\s+loading)", false},
    {"finding.test.hoffmann@1", "special_test", "hoffmann", R"(Hoffmann?)", true},
    {"finding.test.babinski@1", "special_test", "babinski", R"(Babinski)", false},
    {"finding.test.yergason@1", "special_test", "yergason", R"(Yergason)", false},
    {"finding.test.speed@1", "special_test", "speed", R"(Speed)", true},
    {"finding.test.gaenslen@1", "special_test", "gaenslen", R"(Gaenslen)", false},
    {"finding.test.thompson@1", "special_test", "thompson", R"(Thompson)", true},
    {"finding.test.durkan@1", "special_test", "durkan", R"(Durkan)", true},
    {"finding.test.waddell@1", "special_test", "waddell", R"(Waddell)", false},
};

PhraseRule TestRule(const TestRow& row) {
  const std::string pattern =
      R"((?i)(?:(<RESULT>)\s*)?(?:\b(<SIDE>)\s+)?\b(?:)" + std::string(row.name) +
      R"()(?:['’]s|s)?\b['’]?)"
      R"((\s+(?:tests?|testing|signs?|maneuvers?|impingement\s+(?:signs?|tests?)))?)"
      R"((?:\s+(?:is|was|were|are|noted|elicited))?(?:\s*[:=]?\s*(<RESULT>))?)"
      R"((?:\s+(?:on\s+the\s+)?(<SIDE>)(?:\s+side)?)?)"
      R"((?:\s+(?:at|over|on|of|in)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<TEST_SITE>)\b)?)"
      R"((?:\s+(?:at|to)\s+(\d{1,2})\s*(?:°|degrees?\b))?)";
  PhraseRule rule{
      .id = std::string(row.id),
      .pattern = pattern,
      .fixed = {{"finding_type", std::string(row.finding_type)}, {"test", std::string(row.test)}},
      .captures = {{"result", 1, NormalizeResult},
                   {"result", 4, NormalizeResult},
                   {"laterality", 2, NormalizeLaterality},
                   {"laterality", 5, NormalizeLaterality},
                   {"laterality", 6, NormalizeLaterality},
                   {"body_site", 7},
                   {"degrees", 8}},
  };
  if (row.needs_cue) rule.needs_any_group = {1, 3, 4};
  return rule;
}

std::vector<PhraseRule> Rows() {
  std::vector<PhraseRule> rows = {
      // Motor strength.
      {.id = "finding.motor_grade@1",
       .pattern =
           R"((?i)(?:\b(?:(?:motor|muscle|grip)\s+)?(?:strength|power))"
           R"((?:\s+(?:is|was|were|are|of|at|normal|graded|rated|measured|testing))*\s*:?\s+)?)"
           R"(\b([0-5]\s?[+-]?/5)\b(?:\s+(?:muscle\s+|motor\s+)?strength)?)"
           R"((?:\s+(?:in|of|at|for|with|throughout)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<MUSCLE>)\b)?)",
       .fixed = {{"finding_type", "motor"}},
       .captures = {{"grade", 1, NormalizeGrade},
                    {"laterality", 2, NormalizeLaterality},
                    {"body_site", 3}}},
      {.id = "finding.motor_out_of@1",
       .pattern =
           R"((?i)\b(?:(?:motor|muscle|grip)\s+)?(?:strength|power))"
           R"((?:\s+(?:is|was|were|are|of|at|normal|graded|rated|measured))*\s+)"
           R"(([0-5][+-]?)\s+out\s+of\s+5\b)"
           R"((?:\s+(?:in|of|at|for|with|throughout)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<MUSCLE>)\b)?)",
       .fixed = {{"finding_type", "motor"}},
       .captures = {{"grade", 1, NormalizeGradeOutOfFive},
                    {"laterality", 2, NormalizeLaterality},
                    {"body_site", 3}}},
      {.id = "finding.weakness@1",
       .pattern =
           R"((?i)\b(?:(?:mild|moderate|marked|significant|focal|motor|muscle|muscular|give-?way)\s+)?)"
           R"(weakness\b(?:\s+(?:in|of|at|with)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<MUSCLE>|<BODY>)\b)?)",
       .fixed = {{"finding_type", "motor"}},
       .captures = {{"laterality", 1, NormalizeLaterality}, {"body_site", 2}}},

      // Reflexes.
      {.id = "finding.reflex_grade@1",
       .pattern =
           R"((?i)\b(?:(?:<SIDE>)\s+)?(?:(?:<REFLEX_SITE>)\s+)?(H-)?(?:<REFLEX>)\b(?:\s*\([^)]{0,40}\))?)"
           R"((?:\s+(?:are|were|is|was|at|of|measured))*\s+([0-4]\+?)(?:\s*/\s*4)?)"
           R"((?:\s*(?:and|,)\s*(?:symmetric(?:al)?|equal))?(?:\s+(?:bilaterally|throughout))?)",
       .fixed = {{"finding_type", "reflex"}},
       .captures = {{"grade", 2, NormalizeGrade}},
       .veto_groups = {1}},  // an H-reflex is a nerve study
      {.id = "finding.reflex_state@1",
       .pattern =
           R"((?i)\b(<REFLEX_STATE>)\s+(?:(?:<SIDE>)\s+)?(?:(?:<REFLEX_SITE>)\s+)?(H-)?(?:<REFLEX>)\b)",
       .fixed = {{"finding_type", "reflex"}},
       .captures = {{"state", 1}},
       .veto_groups = {2}},
      {.id = "finding.reflex_state_after@1",
       .pattern =
           R"((?i)(?:\b(H-)|\b)(?:(?:<REFLEX_SITE>)\s+)?(?:<REFLEX>)\s+(?:are\s+|were\s+|is\s+|was\s+)?)"
           R"((<REFLEX_STATE>|within\s+normal\s+limits)\b)",
       .fixed = {{"finding_type", "reflex"}},
       .captures = {{"state", 2}},
       .veto_groups = {1}},
      {.id = "finding.reflexia@1",
       .pattern = R"((?i)\b(hyporeflexia|hyperreflexia|areflexia|clonus)\b)",
       .fixed = {{"finding_type", "reflex"}},
       .captures = {{"state", 1}}},

      // Sensation.
      {.id = "finding.sensation@1",
       .pattern =
           R"((?i)\b(<SENSE_STATE>)\s+(?:(?:light\s+touch|pinprick|protective)\s+)?sensation)"
           R"((?:<SENSE_KIND>)?(?:<AT_SENSE_SITE>)?)",
       .fixed = {{"finding_type", "sensation"}},
       .captures = {{"state", 1}}},
      {.id = "finding.sensation_after@1",
       .pattern =
           R"((?i)\bsensation(?:<SENSE_KIND>)?(?:<AT_SENSE_SITE>)?\s+(?:is\s+|was\s+|are\s+|were\s+|remains\s+)?)"
           R"((?:grossly\s+|otherwise\s+)?(<SENSE_STATE>|within\s+normal\s+limits)\b)",
       .fixed = {{"finding_type", "sensation"}},
       .captures = {{"state", 1}}},
      // "sensation all dermatomes as normal", "sensation in all dermatomes is intact".
      {.id = "finding.sensation_all_dermatomes@1",
       .pattern =
           R"((?i)\bsensation\s+(?:(?:is|was)\s+)?(?:in\s+|of\s+|to\s+|throughout\s+)?all\s+(?:the\s+)?dermatomes\s+)"
           R"((?:is\s+|was\s+|are\s+|were\s+|as\s+)?(?:grossly\s+)?(<SENSE_STATE>|within\s+normal\s+limits)\b)",
       .fixed = {{"finding_type", "sensation"}},
       .captures = {{"state", 1}}},
      {.id = "finding.sensation_dermatome@1",
       .pattern =
           R"((?i)\b(<SENSE_STATE>)\s+(?:(?:<SIDE>)\s+)?<LEVEL>(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)<LEVEL>)*)"
           R"(\s+(?:dermatom(?:e|al)|nerve\s+root)\s+sensation)",
       .fixed = {{"finding_type", "sensation"}},
       .captures = {{"state", 1}}},
      {.id = "finding.esthesia@1",
       .pattern =
           R"((?i)\b(hyp(?:o|er)?a?esthesias?|dysa?esthesias?|paresthesias?|allodynia)\b(?:<AT_SENSE_SITE>)?)",
       .fixed = {{"finding_type", "sensation"}},
       .captures = {{"state", 1}}},

      // Range of motion.
      {.id = "finding.rom_degrees@1",
       .pattern =
           R"((?i)\b(<MOTION>)(?:\s+(?:is|was|of|to|at|limited\s+to|measured\s+at|only|approximately|about))*)"
           R"(\s+(\d{1,3})\s*(?:°|degrees?\b|deg\b))",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"motion", 1}, {"degrees", 2}}},
      {.id = "finding.rom_degrees_first@1",
       .pattern = R"((?i)\b(\d{1,3})\s*(?:°|degrees?)\s+(?:of\s+)?(?:(?:active|passive)\s+)?(<MOTION>)\b)",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"degrees", 1}, {"motion", 2}}},
      {.id = "finding.rom_fraction@1",
       .pattern =
           R"((?i)\b(<MOTION>)(?:\s+(?:is|was|of|to|at|limited\s+to))*\s+(\d{1,3})\s*/\s*(\d{2,3})\b)"
           R"((?:\s*(?:°|degrees?\b))?)",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"motion", 1}, {"degrees", 2}, {"degrees_normal", 3}}},
      {.id = "finding.rom_state@1",
       .pattern =
           R"((?i)\b(<ROM_STATE>)\s+(?:(?:and|,)\s+(?:<ROM_STATE>)\s+)?(?:(?:active|passive)\s+)?)"
           R"((?:range\s+of\s+motions?|ROM)\b)"
           R"((?:\s+(?:of|in|to|at|about)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<ROM_SITE>)\b)?)",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"state", 1}, {"laterality", 2, NormalizeLaterality}, {"body_site", 3}}},
      {.id = "finding.rom_state_after@1",
       .pattern =
           R"((?i)\b(?:range\s+of\s+motion|ROM)(?:\s+(?:of|in|at)\s+(?:the\s+)?(?:(<SIDE>)\s+)?(<ROM_SITE>))?)"
           R"(\s+(?:is\s+|was\s+|were\s+|are\s+|remains\s+)?(?:(?:mildly|moderately|severely|markedly)\s+)?)"
           R"((<ROM_STATE>|within\s+normal\s+limits)\b)",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"laterality", 1, NormalizeLaterality}, {"body_site", 2}, {"state", 3}}},
      {.id = "finding.rom_motion_state@1",
       .pattern = R"((?i)\b(restricted|decreased|limited|reduced|painful)\s+(?:and\s+painful\s+)?(<MOTION>)\b)",
       .fixed = {{"finding_type", "rom"}},
       .captures = {{"state", 1}, {"motion", 2}}},

      // Tenderness and spasm.
      {.id = "finding.tenderness@1",
       .pattern =
           R"((?i)(?:\b(?:<TENDER_PRE>)\s+)*\btenderness\b)"
           R"((?:\s+to\s+(?:palpation|pressure|touch|percussion))?(?:<AT_SITE>)?)",
       .fixed = {{"finding_type", "tenderness"}}},
      {.id = "finding.tender@1",
       .pattern =
           R"((?i)\btender(\s+to\s+(?:palpation|touch|pressure))?)"
           R"((<AT_SITE>|\s+(?:[\w/'-]+\s+){0,3}?(?:<SITE_NOUN>)\b)?)",
       .fixed = {{"finding_type", "tenderness"}},
       .needs_any_group = {1, 2}},
      {.id = "finding.ttp@1",
       .pattern = R"((?i)(?-i:\bTTP\b)(?:<AT_SITE>)?)",
       .fixed = {{"finding_type", "tenderness"}}},
      {.id = "finding.trigger_point@1",
       .pattern =
           R"((?i)\b(?:(?:active|palpable|multiple|myofascial)\s+)?trigger\s+points?\b)"
           R"((\s+injections?)?(?:<AT_SITE>)?)",
       .fixed = {{"finding_type", "tenderness"}, {"trigger_point", "yes"}},
       .veto_groups = {1}},
      {.id = "finding.spasm@1",
       .pattern = R"((?i)(?:\b(?:<SPASM_PRE>)\s+)*\bspasms?\b(?:<AT_SITE>)?)",
       .fixed = {{"finding_type", "spasm"}}},
      {.id = "finding.muscle_tone@1",
       .pattern =
           R"((?i)\b(?:hypertonicity|increased\s+(?:muscle\s+)?tone|(?:muscle\s+|paraspinal\s+)?guarding)\b)"
           R"((?:<AT_SITE>)?)",
       .fixed = {{"finding_type", "spasm"}}},

      // Gait.
      {.id = "finding.gait@1",
       .pattern = R"((?i)\b(<GAIT_ADJ>)(?:(?:\s*,\s*|\s+and\s+|\s+)(?:<GAIT_ADJ>))*\s+gait\b)",
       .fixed = {{"finding_type", "gait"}},
       .captures = {{"gait", 1, NormalizeFirstWord}}},
      {.id = "finding.gait_noun@1",
       .pattern =
           R"((?i)\bgait\s+(?:(?:is|was|appears|appeared)\s+)?)"
           R"((?:(disturbance|abnormality|dysfunction|instability|deviation)|)"
           R"((?:noted\s+to\s+be\s+)?(<GAIT_ADJ>))\b)",
       .fixed = {{"finding_type", "gait"}},
       .captures = {{"gait", 1}, {"gait", 2, NormalizeFirstWord}}},
      {.id = "finding.gait_aid@1",
       .pattern =
           R"((?i)\b(?:walks|walking|ambulates|ambulating|ambulation|uses|using|use\s+of|requires|with)\s+)"
           R"((?:with\s+)?(?:the\s+)?(?:(?:aid|assistance|help)\s+of\s+)?(?:an?\s+)?)"
           R"((?:(?:single[\s-]+point|quad|four[\s-]+(?:wheeled|point)|front[\s-]+wheeled|standard)\s+)?)"
           R"((canes?|walkers?|crutch(?:es)?|wheelchair)\b)",
       .fixed = {{"finding_type", "gait"}, {"gait", "assistive_device"}},
       .captures = {{"aid", 1}}},
      {.id = "finding.limp@1",
       .pattern = R"((?i)\b(?:(?:mild|slight|noticeable|obvious)\s+)?limp(?:s|ing)?\b)",
       .fixed = {{"finding_type", "gait"}, {"gait", "limp"}}},

      // Pain scores: a cue word ("pain", "rated", "VAS") keeps dates and
      // fractions out.
      {.id = "finding.pain_score@1",
       .pattern = R"((?i)<PAIN_CUE>(\d{1,2}(?:\.\d)?)\s*/\s*10\b)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score", 1}}},
      {.id = "finding.pain_score_range@1",
       .pattern = R"((?i)<PAIN_CUE>(\d{1,2})\s*(?:/\s*10\s*)?(?:-|to|through)\s*(\d{1,2})\s*/\s*10\b)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score_low", 1}, {"score_high", 2}}},
      {.id = "finding.pain_score_out_of@1",
       .pattern =
           R"((?i)<PAIN_CUE>(\d{1,2})\s+(?:out\s+of|over)\s+(?:a\s+)?10\b)"
           R"((?:\s+on\s+(?:a|the)\s+(?:<PAIN_SCALE>))?)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score", 1}}},
      {.id = "finding.pain_score_out_of_range@1",
       .pattern = R"((?i)<PAIN_CUE>(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s+out\s+of\s+10\b)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score_low", 1}, {"score_high", 2}}},
      {.id = "finding.pain_score_scale@1",
       .pattern = R"((?i)<PAIN_CUE>(\d{1,2})\s+on\s+(?:a|the)\s+(?:<PAIN_SCALE>))",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score", 1}}},
      {.id = "finding.pain_score_scale_range@1",
       .pattern = R"((?i)<PAIN_CUE>(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s+on\s+(?:a|the)\s+(?:<PAIN_SCALE>))",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score_low", 1}, {"score_high", 2}}},
      {.id = "finding.pain_score_medication@1",
       .pattern =
           R"((?i)(?:<PAIN_CUE>)?(\d{1,2})\s*/\s*10\s+without\s+(?:<MEDS>)\s*,?\s*)"
           R"((?:and|to|vs\.?|versus|but)\s+(\d{1,2})\s*/\s*10\s+with\b(?:\s+(?:<MEDS>))?)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score_high", 1}, {"score_without_medication", 1},
                    {"score_low", 2}, {"score_with_medication", 2}}},
      {.id = "finding.pain_score_medication@2",
       .pattern =
           R"((?i)(?:<PAIN_CUE>)?(\d{1,2})\s*/\s*10\s+with\s+(?:<MEDS>)\s*,?\s*)"
           R"((?:and|to|vs\.?|versus|but)\s+(\d{1,2})\s*/\s*10\s+without\b(?:\s+(?:<MEDS>))?)",
       .fixed = {{"finding_type", "pain_score"}, {"score_max", "10"}},
       .captures = {{"score_low", 1}, {"score_with_medication", 1},
                    {"score_high", 2}, {"score_without_medication", 2}}},

      // Red flags.
      {.id = "finding.red_flag.bowel_bladder@1",
       .pattern =
           R"((?i)\b(?:(?:loss\s+of|changes?\s+in|new)\s+)?)"
           R"((?:bowel\s+(?:and|or|/)\s*bladder|bladder\s+(?:and|or|/)\s*bowel|bowel|bladder|urinary))"
           R"(\s+(?:dysfunction|incontinence|control|changes?|retention|symptoms|problems))",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "bowel_bladder"}}},
      {.id = "finding.red_flag.saddle@1",
       .pattern = R"((?i)\bsaddle\s+(?:an(?:a)?esthesia|numbness|paresthesias?|hypoa?esthesia|sensory\s+loss))",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "saddle_anesthesia"}}},
      {.id = "finding.red_flag.fever@1",
       .pattern = R"((?i)(?:\b(valley|hay|scarlet|rheumatic|yellow|dengue)\s+)?\bfevers?\b)",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "fever"}},
       .veto_groups = {1}},
      {.id = "finding.red_flag.weight_loss@1",
       .pattern =
           R"((?i)\b(?:(?:unexplained|unintentional|unintended|significant|recent)\s+)?weight\s+loss\b)"
           R"((\s+(?:program|surgery|medications?|goals?|management|clinic|diet|plan|counseling))?)",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "weight_loss"}},
       .veto_groups = {1}},
      {.id = "finding.red_flag.progressive_deficit@1",
       .pattern =
           R"((?i)\bprogressive\s+(?:(?:focal\s+)?neuro(?:logic(?:al)?)?\s+)"
           R"((?:deficits?|symptoms|findings|compromise|dysfunction)|(?:motor\s+)?weakness|numbness))",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "progressive_neurologic_deficit"}}},
      {.id = "finding.red_flag.cauda_equina@1",
       .pattern = R"((?i)\bcauda\s+equina(?:\s+syndrome)?\b)",
       .fixed = {{"finding_type", "red_flag"}, {"red_flag", "cauda_equina"}}},

      // Neurological deficit.
      {.id = "finding.neuro_deficit@1",
       .pattern =
           R"((?i)\b(?:(?:focal|objective|new|significant|motor|sensory|gross)\s+)?)"
           R"(neuro(?:logic(?:al)?)?\s+(?:deficits?|compromise)\b)",
       .fixed = {{"finding_type", "neuro_deficit"}}},
      {.id = "finding.radiculopathy_exam@1",
       .pattern =
           R"((?i)\b(?:(?:objective|clinical)\s+)?(?:evidence|signs?|findings?)\s+of\s+radiculopathy)"
           R"((?:\s+(?:on|upon)\s+(?:physical\s+|clinical\s+)?exam(?:ination)?)?|)"
           R"(\bradiculopathy\s+(?:on|upon)\s+(?:physical\s+|clinical\s+)?exam(?:ination)?)",
       .fixed = {{"finding_type", "neuro_deficit"}}},

      // Radiation of pain.
      {.id = "finding.radiation@1",
       .pattern =
           R"((?i)(?:\bpain\s+(?:that\s+|which\s+)?)?(?:\b(non-?\s*)|\b)radiat(?:ing|es|ed|e)\b)"
           R"((?:\s+(?:pain|symptoms|numbness))?)"
           R"((?:\s+(?:down|into|to|through|up|along|towards?|in)(?:\s+(?:to|into))?)"
           R"(\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:(both|<SIDE>)\s+)?(<BODY>)\b)?)",
       .fixed = {{"finding_type", "radiation"}},
       .captures = {{"laterality", 2, NormalizeLaterality}, {"body_site", 3}},
       .veto_groups = {1}},
      {.id = "finding.radiation_noun@1",
       .pattern =
           R"((?i)\bradiation\s+(?:of\s+(?:the\s+)?pain\s+)?(?:down|into|to|through|along)\s+)"
           R"((?:the\s+|his\s+|her\s+)?(?:(both|<SIDE>)\s+)?(<BODY>)\b)",
       .fixed = {{"finding_type", "radiation"}},
       .captures = {{"laterality", 1, NormalizeLaterality}, {"body_site", 2}}},
      {.id = "finding.radicular@1",
       .pattern =
           R"((?i)\bradicular\s+(?:symptoms?|pain|complaints?|findings?|signs?|features?|component)\b)"
           R"((?:\s+(?:down|into|to|in)\s+(?:the\s+)?(?:(both|<SIDE>)\s+)?(<BODY>)\b)?)",
       .fixed = {{"finding_type", "radiation"}},
       .captures = {{"laterality", 1, NormalizeLaterality}, {"body_site", 2}}},

      // Imaging results.
      {.id = "finding.imaging.disc@1",
       .pattern =
           R"((?i)\b(?:(<LEVEL>)\s+)?(?:(<SEVERITY>)\s+)?)"
           R"((?:(?:broad[\s-]+based|central|paracentral|foraminal|posterior|posterolateral|left|right|)"
           R"(focal|diffuse|circumferential)\s+)*)"
           R"((?:disc|disk)\s+(?:protrusions?|bulges?|bulging|herniations?|extrusions?|desiccation|degeneration|)"
           R"(space\s+(?:narrowing|height\s+loss)|osteophyte\s+complex))"
           R"((?:\s+(?:at|of)\s+(?:the\s+)?(<LEVEL>))?)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"level", 1, NormalizeLevel}, {"level", 3, NormalizeLevel}, {"severity", 2}}},
      {.id = "finding.imaging.herniated@1",
       .pattern =
           R"((?i)\b(?:(<SEVERITY>)\s+)?(?:herniated|bulging|protruding|extruded)\s+)"
           R"((?:nucleus\s+pulposus|discs?|disks?)(?:\s+(?:at|of)\s+(?:the\s+)?(<LEVEL>))?|\bHNP\b)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"severity", 1}, {"level", 2, NormalizeLevel}}},
      {.id = "finding.imaging.degenerative@1",
       .pattern =
           R"((?i)\b(?:(<SEVERITY>)\s+)?(?:multi-?level\s+)?)"
           R"((?:degenerative\s+(?:changes?|disc\s+disease|joint\s+disease|arthritis)|spondylosis|)"
           R"((?:osteo)?arthritic\s+changes))"
           R"((?:\s+(?:at|of|in)\s+(?:the\s+)?(<LEVEL>))?)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"severity", 1}, {"level", 2, NormalizeLevel}}},
      {.id = "finding.imaging.stenosis@1",
       .pattern =
           R"((?i)\b(?:(<SEVERITY>)\s+)?(?:to\s+(?:<SEVERITY>)\s+)?(?:(?:bilateral|left|right)\s+)?)"
           R"((?:neural\s+foraminal|foraminal|central\s+canal|spinal\s+canal|central|canal|spinal|lateral\s+recess))"
           R"(\s+(?:stenosis|narrowing)(?:\s+(?:at|of)\s+(?:the\s+)?(<LEVEL>))?)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"severity", 1}, {"level", 2, NormalizeLevel}}},
      {.id = "finding.imaging.listhesis@1",
       .pattern =
           R"((?i)\b(?:(<LEVEL>)\s+)?(?:grade\s+(?:I{1,3}|[1-4])\s+)?)"
           R"((?:spondylolisthesis|anterolisthesis|retrolisthesis))"
           R"((?:\s+(?:at|of)\s+(?:the\s+)?(<LEVEL>))?)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"level", 1, NormalizeLevel}, {"level", 2, NormalizeLevel}}},
      {.id = "finding.imaging.fracture@1",
       .pattern =
           R"((?i)\b(?:acute|compression|stress|displaced|non-?displaced|healed|healing|old|hairline|)"
           R"(avulsion|occult|burst|comminuted)\s+fractures?\b|\bfractures?\s+or\s+dislocations?\b)",
       .fixed = {{"finding_type", "imaging_result"}}},
      {.id = "finding.imaging.tear@1",
       .pattern =
           R"((?i)\b(?:(?:(?:partial|full)[\s-]+thickness|complex|degenerative|horizontal|radial|)"
           R"(bucket[\s-]+handle|small|large|(?:high|low)[\s-]+grade)\s+)*)"
           R"((?:rotator\s+cuff|supraspinatus(?:\s+tendon)?|infraspinatus|subscapularis|labral|labrum|)"
           R"(SLAP|(?:medial|lateral)\s+meniscus|meniscal|meniscus|anterior\s+cruciate\s+ligament|ACL|)"
           R"(TFCC|annular)\s+(?:tear|fissure)s?\b)",
       .fixed = {{"finding_type", "imaging_result"}}},
      {.id = "finding.imaging.nerve_root@1",
       .pattern =
           R"((?i)\b(?:(<SEVERITY>)\s+)?(?:(?:exiting|traversing)\s+)?(?:<LEVEL>\s+)?)"
           R"((?:nerve\s+roots?|thecal\s+sac|spinal\s+cord|cord)\s+)"
           R"((?:impingement|compression|effacement|abutment|encroachment|displacement)\b)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"severity", 1}}},
      {.id = "finding.imaging.joint@1",
       .pattern =
           R"((?i)\b(?:(<SEVERITY>)\s+)?(?:facet\s+(?:arthropathy|hypertrophy|arthrosis)|joint\s+effusion|)"
           R"(osteophytes?|bone\s+spurs?|tendinosis|tendinopathy|bone\s+(?:marrow\s+)?edema|)"
           R"(AC\s+joint\s+arthrosis|chondromalacia)\b)",
       .fixed = {{"finding_type", "imaging_result"}},
       .captures = {{"severity", 1}}},
      {.id = "finding.imaging.lordosis@1",
       .pattern =
           R"((?i)\b(?:loss|straightening|reversal)\s+of\s+(?:the\s+)?(?:normal\s+)?)"
           R"((?:cervical\s+|lumbar\s+)?lordosis\b)",
       .fixed = {{"finding_type", "imaging_result"}}},
  };
  for (const TestRow& row : kTestRows) rows.push_back(TestRule(row));
  return rows;
}

const PhraseRuleTable& Table() {
  static const PhraseRuleTable table(FindingRules(), FindingPieces());
  return table;
}

// A side named once in the phrase is the finding's side: "decreased
// sensation over the left C6 distribution". Two different sides say nothing.
void AddLaterality(std::string_view text, PhraseHit* hit) {
  static const Pattern kSide(R"((?i)\b(right|left|bilateral(?:ly)?|both)\b)");
  if (hit->value.count("laterality")) return;
  std::set<std::string> sides;
  for (const Match& m : kSide.FindAll(text.substr(hit->begin, hit->end - hit->begin))) {
    sides.insert(NormalizeLaterality(m.group(1)));
  }
  if (sides.size() == 1) hit->value["laterality"] = *sides.begin();
}

bool HasSite(const Attributes& value) {
  for (const char* key : {"body_site", "level", "segments", "spinal_region"}) {
    if (value.count(key)) return true;
  }
  return false;
}

// The nearest site named in `text` outside [begin, end), no further than
// `reach` bytes from it and not inside another finding (`taken`: spans in
// `text`'s offsets; "4+/5 in the right EHL and 5/5 elsewhere"); null when none.
const BodySite* NearestSite(std::string_view text, size_t begin, size_t end, size_t reach,
                            const std::vector<std::pair<size_t, size_t>>& taken) {
  const BodySite* best = nullptr;
  size_t best_distance = reach + 1;
  for (const BodySiteMention& m : FindBodySites(text)) {
    if (m.begin < end && m.end > begin) continue;  // inside the phrase: not this way
    const bool in_other = std::any_of(taken.begin(), taken.end(), [&](const auto& span) {
      return m.begin >= span.first && m.end <= span.second;
    });
    if (in_other) continue;
    const size_t distance = m.end <= begin ? begin - m.end : m.begin - end;
    if (distance < best_distance) {
      best_distance = distance;
      best = m.site;
    }
  }
  return best;
}

// The site of the exam heading a finding sits under in its paragraph:
// "Lumbar spine: ... Range of motion is decreased." A site followed by a
// colon (after "spine", "exam" or "examination" at most), the last one
// before the finding, with no blank line between.
const BodySite* HeadingSite(std::string_view text, size_t begin) {
  constexpr size_t kParagraphReach = 600;
  size_t from = begin > kParagraphReach ? begin - kParagraphReach : 0;
  if (size_t blank = text.substr(from, begin - from).rfind("\n\n"); blank != std::string_view::npos) {
    from += blank + 2;
  }
  const std::string_view before = text.substr(from, begin - from);
  static const Pattern kLabelEnd(R"((?i)^\s*(?:spine|region|exam(?:ination)?)?\s*:)");
  const BodySite* site = nullptr;
  for (const BodySiteMention& m : FindBodySites(before)) {
    if (kLabelEnd.Find(before.substr(m.end))) site = m.site;
  }
  return site;
}

// A finding's site when its own words name none: the words of its phrase,
// then the nearest site in its sentence ("tenderness to palpation over the
// lumbar paraspinal muscles", "the lumbar spine shows spasm"), then the exam
// heading it sits under. A criterion at the requested body part can then
// read the finding as stated there rather than assume it.
void AddSite(std::string_view text, const std::vector<PhraseHit>& hits, PhraseHit* hit) {
  if (HasSite(hit->value)) return;
  const std::string_view phrase = text.substr(hit->begin, hit->end - hit->begin);
  const BodySite* site = BodySiteOfWords(phrase);
  if (site == nullptr) {
    // Within the clause: "normal range of motion of the cervical spine; and
    // tenderness over the face" names two parts in two clauses.
    constexpr size_t kSentenceReach = 80;
    auto [clause_begin, clause_end] = SentenceAround(text, hit->begin, hit->end);
    if (size_t semi = text.substr(clause_begin, hit->begin - clause_begin).rfind(';'); semi != std::string_view::npos) {
      clause_begin += semi + 1;
    }
    if (size_t semi = text.substr(hit->end, clause_end - hit->end).find(';'); semi != std::string_view::npos) {
      clause_end = hit->end + semi;
    }
    const std::string_view clause = text.substr(clause_begin, clause_end - clause_begin);
    // The other findings in the clause. `hits` are sorted by begin: start at
    // the clause, not at the first hit, or a long run of findings with no
    // sentence end is quadratic (256 KB of "4+/5 " took 15 s).
    std::vector<std::pair<size_t, size_t>> taken;
    auto other = std::lower_bound(hits.begin(), hits.end(), clause_begin,
                                  [](const PhraseHit& h, size_t at) { return h.begin < at; });
    for (; other != hits.end() && other->begin <= clause_end; ++other) {
      if (&*other != hit && other->end <= clause_end) {
        taken.emplace_back(other->begin - clause_begin, other->end - clause_begin);
      }
    }
    site = NearestSite(clause, hit->begin - clause_begin, hit->end - clause_begin, kSentenceReach, taken);
  }
  if (site == nullptr) site = HeadingSite(text, hit->begin);
  // "Paraspinal" says the spine; under "Lumbar spine:" it is the low back.
  if (site != nullptr && site->region == "spine") {
    if (const BodySite* heading = HeadingSite(text, hit->begin); heading && heading->nerve_region == heading->region &&
                                                                  !heading->levels.empty()) {
      site = heading;
    }
  }
  // A reflex tests the roots of a limb: the knee jerk speaks of the leg, the
  // biceps jerk of the arm.
  if (site != nullptr && hit->value["finding_type"] == "reflex") {
    if (site->region == "knee" || site->region == "ankle" || site->region == "hip") {
      site = BodySiteNamed("lower_extremity");
    } else if (site->region == "shoulder" || site->region == "elbow" || site->region == "wrist_hand") {
      site = BodySiteNamed("upper_extremity");
    }
  }
  if (site != nullptr) hit->value["body_site"] = std::string(site->site);
}

}  // namespace

const std::vector<PhraseRule>& FindingRules() {
  static const std::vector<PhraseRule> rules = Rows();
  return rules;
}

const std::vector<PatternPiece>& FindingPieces() { return Pieces(); }

std::vector<Fact> ExtractFindings(const Region& region) {
  const std::string_view text = region.text.text;
  std::vector<PhraseHit> hits = KeepLongestHits(Table().FindAll(text));
  for (PhraseHit& hit : hits) {
    AddLaterality(text, &hit);
    AddSite(text, hits, &hit);
  }
  return HitsToFacts(region, hits, "finding");
}

}  // namespace imr
