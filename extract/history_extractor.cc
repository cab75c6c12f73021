#include "extract/history_extractor.h"

#include <string>
#include <utility>

#include "core/text.h"
#include "extract/pattern.h"

namespace imr {
namespace {

// ---------------------------------------------------------------------------
// Treatments: a lexicon of {normalized name, pattern}. The <TX> piece is all
// of them; rows capture the words and NormalizeTreatment names them. Within a
// row, longer alternatives come first: RE2 takes the first that matches.

struct TreatmentTerm {
  std::string_view treatment;
  std::string_view pattern;  // RE2, no capturing groups
};

const TreatmentTerm kTreatmentTerms[] = {
    {"physical_therapy",
     R"(physical\s+therapy|physiotherapy|physical\s+medicine|land[\s-]+based\s+therapy|(?-i:PT))"},
    {"aquatic_therapy", R"(aqua(?:tic)?\s+therapy|pool\s+therapy)"},
    {"occupational_therapy", R"(occupational\s+therapy|(?-i:OT))"},
    {"chiropractic",
     R"(chiropractic(?:\s+(?:care|treatments?|therapy|manipulation|adjustments?))?|)"
     R"(chiro(?:therapy|physio(?:\s+therapy)?)?|chiropractor|(?:spinal\s+)?manipulation|)"
     R"(manipulative\s+therapy)"},
    {"acupuncture", R"((?:electro-?)?acupuncture)"},
    {"injection",
     R"((?:(?:lumbar|cervical|thoracic|caudal|transforaminal|interlaminar)\s+)?)"
     R"((?:epidural\s+steroid|epidural|cortisone|steroid|corticosteroid|facet(?:\s+joint)?|)"
     R"(trigger\s+point|intra-?articular|subacromial|sacroiliac(?:\s+joint)?|SI\s+joint|PRP|)"
     R"(platelet[\s-]+rich\s+plasma|hyaluronic\s+acid)\s+injections?|injections?|)"
     R"(viscosupplementation|(?-i:ESIs?|TPIs?)|(?:medial\s+branch|nerve|stellate\s+ganglion)\s+blocks?)"},
    {"radiofrequency_ablation", R"(radiofrequency\s+(?:ablation|neurotomy|rhizotomy)|(?-i:RFA))"},
    {"surgery",
     R"(surger(?:y|ies)|surgical\s+(?:intervention|treatment|repair)|operation|)"
     R"((?:spinal\s+)?fusion|laminectomy|laminotomy|(?:micro)?discectomy|foraminotomy|)"
     R"(arthroscop(?:y|ic\s+surgery)|carpal\s+tunnel\s+release|(?:sub)?acromial\s+decompression|)"
     R"(decompression|rotator\s+cuff\s+repair|(?:ACL|ligament)\s+reconstruction|arthroplasty|)"
     R"((?:total\s+)?(?:joint|knee|hip|shoulder)\s+replacement|meniscectomy|(?-i:ORIF))"},
    {"medication",
     R"(medication\s+management|(?:pain\s+|oral\s+|prescription\s+)?medications?|meds|NSAIDs?|)"
     R"(non-?steroidal\s+anti-?inflammator(?:y|ies)(?:\s+drugs)?|)"
     R"(anti-?inflammatory\s+medications?|anti-?inflammatories|analgesics|opioids?|opiates?|)"
     R"(narcotics|muscle\s+relaxants?|topical\s+(?:creams?|analgesics|medications?)|pharmacotherapy)"},
    {"conservative_care",
     R"(conservative\s+(?:care|treatments?|therapy|therapies|management|measures|modalities))"},
    {"home_exercise",
     R"(home\s+exercises?(?:\s+program)?|(?-i:HEP)|self[\s-]+directed\s+(?:exercises?|home\s+program))"},
    {"tens", R"((?-i:TENS)(?:\s+unit)?|transcutaneous\s+electrical\s+nerve\s+stimulation)"},
    {"bracing", R"(bracing|braces?|splints?|splinting|orthotics?)"},
    {"activity_modification", R"(activity\s+modifications?)"},
    {"work_restrictions", R"(work\s+restrictions)"},
    {"massage", R"(massage(?:\s+therapy)?)"},
    {"psychotherapy",
     R"(cognitive\s+behavioral\s+therapy|(?-i:CBT)|psychotherapy|)"
     R"(psychological\s+(?:treatment|counseling|therapy)|biofeedback)"},
    {"functional_restoration", R"(functional\s+restoration(?:\s+program)?|(?-i:FRP))"},
    {"work_hardening", R"(work\s+(?:hardening|conditioning))"},
    {"ice_heat", R"(ice(?:\s*(?:and|/|-)\s*heat)?|heat|cold\s+therapy|cryotherapy)"},
    {"traction", R"((?:cervical\s+|home\s+)?traction)"},
};

std::string TermsPattern(std::string_view only) {
  std::string out;
  for (const TreatmentTerm& term : kTreatmentTerms) {
    if (!only.empty() && term.treatment != only) continue;
    if (!out.empty()) out += "|";
    out += "(?:" + std::string(term.pattern) + ")";
  }
  return R"(\b(?:)" + out + R"()\b)";
}

std::string NormalizeCount(std::string_view words) {
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"one", "1"},     {"two", "2"},      {"three", "3"},     {"four", "4"},      {"five", "5"},
      {"six", "6"},     {"seven", "7"},    {"eight", "8"},     {"nine", "9"},      {"ten", "10"},
      {"eleven", "11"}, {"twelve", "12"},  {"fifteen", "15"},  {"eighteen", "18"}, {"twenty", "20"},
      {"twenty-four", "24"}};
  const std::string w = NormalizePhraseWords(words);
  for (const auto& [word, digits] : kWords) {
    if (w == word) return std::string(digits);
  }
  return w;
}

// MTUS asks for at least 50% relief before an injection is repeated, so half
// is where relief becomes improvement.
std::string ResponseOfReliefPercent(std::string_view words) {
  return std::stoi(std::string(words)) >= 50 ? "improved" : "partial";
}

const std::vector<PatternPiece>& Pieces() {
  static const std::vector<PatternPiece> pieces = {
      {"TX", TermsPattern("")},
      {"SURGERY", TermsPattern("surgery")},
      {"SIDE", R"(right|left|bilateral)"},
      {"COUNT",
       R"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|)"
       R"(eighteen|twenty-four|twenty)"},
      {"UNITS", R"(sessions?|visits?|treatments?|appointments?)"},
      {"ABOUT", R"(a\s+total\s+of|approximately|about|at\s+least|over|more\s+than|roughly)"},
      {"LEAD",
       R"(completed|had|received|attended|undergone|underwent|finished|tried|after|)"
       R"(participated\s+in)"},
      {"YEAR", R"((?:\d{1,2}[/-](?:\d{1,2}[/-])?)?(?:19|20)\d{2})"},
      {"DURATION",
       R"((?:\d+|one|two|three|four|five|six|several|a\s+few|a\s+couple\s+of)(?:\s*(?:-|to)\s*\d+)?)"
       R"(\s+(?:days?|weeks?|months?|years?))"},
      {"MODIFIER",
       R"(a|an|the|prior|previous|oral|topical|multiple|several|some|right|left|bilateral|lumbar|)"
       R"(cervical|knee|shoulder|back|course\s+of|trials?\s+of|\d{1,3}\s+(?:sessions?|visits?)\s+of)"},
      {"ITEM", R"((?:(?:<MODIFIER>)\s+){0,3}(?:<TX>)(?:\s+(?:unit|program|sessions?|visits?))?)"},
      {"ITEM_SEP", R"(\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as|&)\s+|\s*/\s*)"},
      {"TX_LIST", R"((?:<ITEM>)(?:(?:<ITEM_SEP>)(?:<ITEM>))*)"},
      {"THEN", R"(^,?\s+(?:but\s+|which\s+|that\s+|and\s+)?)"},
  };
  return pieces;
}

const Attributes kUnknown = {{"response", "unknown"}};
const Attributes kNoBenefit = {{"response", "no_benefit"}};

}  // namespace

const std::vector<PatternPiece>& HistoryPieces() { return Pieces(); }

std::string NormalizeTreatment(std::string_view words) {
  static const std::vector<std::pair<std::string_view, Pattern>> terms = [] {
    std::vector<std::pair<std::string_view, Pattern>> out;
    for (const TreatmentTerm& term : kTreatmentTerms) {
      out.emplace_back(term.treatment, Pattern("(?i)" + std::string(term.pattern)));
    }
    return out;
  }();
  for (const auto& [treatment, pattern] : terms) {
    if (pattern.FullMatch(words)) return std::string(treatment);
  }
  return "other";
}

const std::vector<PhraseRule>& TreatmentHistoryRules() {
  static const std::vector<PhraseRule> rules = {
      {.id = "history.sessions_of@1",
       .pattern =
           R"((?i)\b(?:<LEAD>)\s+(?:(?:<ABOUT>)\s+)?(<COUNT>)\s+(?:(?:prior|previous|authorized|approved)\s+)?)"
           R"((?:<UNITS>)\s+of\s+(<TX>))",
       .fixed = kUnknown,
       .captures = {{"count", 1, NormalizeCount}, {"treatment", 2, NormalizeTreatment}}},
      {.id = "history.count_treatment@1",
       .pattern =
           R"((?i)\b(?:<LEAD>)\s+(?:(?:<ABOUT>)\s+)?(<COUNT>)\s+(?:(?:prior|previous)\s+)?(<TX>))"
           R"((?:\s+(?:<UNITS>))?)",
       .fixed = kUnknown,
       .captures = {{"count", 1, NormalizeCount}, {"treatment", 2, NormalizeTreatment}}},
      {.id = "history.count_prior@1",
       .pattern =
           R"((?i)\b(<COUNT>)\s+(?:prior|previous|past)\s+(?:(?:<UNITS>)\s+of\s+)?(<TX>)(?:\s+(?:<UNITS>))?)",
       .fixed = kUnknown,
       .captures = {{"count", 1, NormalizeCount}, {"treatment", 2, NormalizeTreatment}}},
      {.id = "history.prior@1",
       .pattern =
           R"((?i)\b(?:prior|previous|past|previously\s+(?:received|had|tried|undergone|completed|attended))\s+)"
           R"((?:(?:course|courses|trials?|rounds?)\s+of\s+)?(<TX>))",
       .fixed = kUnknown,
       .captures = {{"treatment", 1, NormalizeTreatment}}},
      {.id = "history.course_of@1",
       .pattern =
           R"((?i)\b(?:<LEAD>)\s+(?:an?|the|his|her)\s+(?:(?:prior|previous|recent|initial|full|short|brief)\s+)?)"
           R"((?:(?:<COUNT>)[\s-](?:week|month)\s+)?(?:course|trial|series|round)\s+of\s+(<TX>))",
       .fixed = kUnknown,
       .captures = {{"treatment", 1, NormalizeTreatment}}},
      {.id = "history.failed@1",
       .pattern =
           R"((?i)\b(?:failed|exhausted|failure\s+of|refractory\s+to|did\s+not\s+respond\s+to|)"
           R"(has\s+not\s+responded\s+to|no\s+response\s+to)\s+)"
           R"((?:(?:all|an?|extensive|exhaustive|multiple|prior|previous|adequate|reasonable|appropriate|the)\s+)*)"
           R"((?:(?:trials?|courses?)\s+of\s+)?(<TX>))",
       .fixed = kNoBenefit,
       .captures = {{"treatment", 1, NormalizeTreatment}}},
      {.id = "history.failed_to_improve@1",
       .pattern =
           R"((?i)\bfailed\s+to\s+(?:improve|respond)\s+(?:with|to|despite)\s+)"
           R"((?:(?:a|an|the|prior|previous)\s+)?(?:(?:course|trial)\s+of\s+)?(<TX>))",
       .fixed = kNoBenefit,
       .captures = {{"treatment", 1, NormalizeTreatment}}},
      // "minimal improvement despite physical therapy", "no relief despite chiropractic care".
      {.id = "history.despite@1",
       .pattern =
           R"((?i)\b((?:minimal|little|limited|slight|no|without)\s+(?:significant\s+)?(?:improvement|relief|benefit|change))["\x{201D}']?\s+)"
           R"(despite\s+(?:(?:a|an|the|prior|previous|ongoing|continued)\s+)?(?:(?:course|trial)\s+of\s+)?(<TX>))",
       .fixed = {{"response", "no_benefit"}},
       .captures = {{"treatment", 2, NormalizeTreatment}}},
      // The second \b says again what the first says; it keeps RE2 from
      // taking the s both alternatives start with out of them, which left the
      // row no word to look for (PatternSet), so it ran over every region.
      {.id = "history.status_post@1",
       .pattern =
           R"((?i)\b(?:s/p|\bstatus[\s-]+post)\s+(?:(?:a|an|the|prior|previous|recent)\s+)?)"
           R"(((?:[\w/-]+\s+){0,3}?(<TX>))(?:\s+(?:in|on|dated)\s+(<YEAR>))?)",
       .fixed = kUnknown,
       .captures = {{"procedure", 1}, {"treatment", 2, NormalizeTreatment}, {"date", 3}}},
      {.id = "history.underwent_surgery@1",
       .pattern =
           R"((?i)\b(?:underwent|undergone|had|received)\s+(?:an?\s+|the\s+)?)"
           R"(((?:(?:<SIDE>)\s+)?(?:[\w/-]+\s+){0,2}?(?:<SURGERY>))(?:\s+(?:in|on|dated)\s+(<YEAR>))?)",
       .fixed = {{"response", "unknown"}, {"treatment", "surgery"}},
       .captures = {{"procedure", 1}, {"date", 2}}},
  };
  return rules;
}

const std::vector<PhraseRule>& TreatmentListRules() {
  static const std::vector<PhraseRule> rules = {
      {.id = "history.tried@1",
       .pattern = R"((?i)\b(?:has|have|had)\s+(?:also\s+)?tried\s+(<TX_LIST>))",
       .fixed = kUnknown,
       .phrase_group = 1},
      {.id = "history.tried_and_failed@1",
       .pattern = R"((?i)\b(?:tried\s+and\s+failed|failed)\s+(<TX_LIST>))",
       .fixed = kNoBenefit,
       .phrase_group = 1},
      {.id = "history.has_had@1",
       .pattern =
           R"((?i)\b(?:has|have)\s+(?:also\s+)?(?:had|undergone|received|completed|attended)\s+(<TX_LIST>))",
       .fixed = kUnknown,
       .phrase_group = 1},
      // "Treatment to date has included: ...", but never a treatment plan.
      {.id = "history.treatment_included@1",
       .pattern =
           R"((?i)\b(plan\s+of\s+|future\s+|proposed\s+|recommended\s+|requested\s+)?(?:treatments?|therapies)\b)"
           R"((\s+plan|\s+recommendations?|\s+requests?)?[^.;:]{0,40}?\b(?:has\s+|have\s+)?)"
           R"((?:included|includes|including|consisted\s+of|consists\s+of)\s*:?\s*(<TX_LIST>))",
       .fixed = kUnknown,
       .phrase_group = 3,
       .veto_groups = {1, 2}},
  };
  return rules;
}

const std::vector<PhraseRule>& TreatmentResponseRules() {
  static const std::vector<PhraseRule> rules = {
      {.id = "history.response.without_benefit@1",
       .pattern =
           R"((?i)<THEN>(?:without|with\s+(?:no|little))\s+(?:any\s+)?)"
           R"((?:(?:significant|lasting|sustained|much|functional|documented|objective)\s+)*)"
           R"((?:benefit|improvement|relief|help|success))",
       .fixed = kNoBenefit},
      {.id = "history.response.not_helped@1",
       .pattern =
           R"((?i)<THEN>(?:has|have|had|did|does|do)\s+not\s+(?:help(?:ed)?|work(?:ed)?|)"
           R"(improve(?:d)?(?:\s+(?:the\s+|his\s+|her\s+)?(?:pain|symptoms|function))?|)"
           R"(provide(?:d)?\s+(?:any\s+)?(?:significant\s+|lasting\s+)?(?:relief|benefit|improvement)))",
       .fixed = kNoBenefit},
      {.id = "history.response.unhelpful@1",
       .pattern =
           R"((?i)<THEN>(?:was|were)\s+(?:not\s+helpful|unhelpful|ineffective|unsuccessful|)"
           R"(of\s+no\s+benefit|not\s+effective))",
       .fixed = kNoBenefit},
      {.id = "history.response.gave_no_relief@1",
       .pattern =
           R"((?i)<THEN>(?:provided|gave|offered|produced|yielded)\s+no\s+)"
           R"((?:significant\s+|lasting\s+)?(?:relief|benefit|improvement))",
       .fixed = kNoBenefit},
      {.id = "history.response.percent@1",
       .pattern =
           R"((?i)<THEN>(?:with|gave|giving|provided|providing|resulted\s+in|resulting\s+in|yielded|offered))"
           R"(\s+(?:(?:approximately|about|over|greater\s+than|at\s+least|more\s+than|an?)\s+)?)"
           R"((\d{1,3})\s*(?:%|percent)\s+(?:overall\s+)?(?:pain\s+)?)"
           R"((?:relief|improvement|reduction(?:\s+in\s+(?:pain|symptoms))?|benefit|decrease\s+in\s+pain))"
           R"((?:\s+(?:for|lasting|x)\s+(?:(?:approximately|about|over)\s+)?(<DURATION>))?)",
       .captures = {{"relief_percent", 1},
                    {"response", 1, ResponseOfReliefPercent},
                    {"relief_duration", 2}}},
      {.id = "history.response.partial@1",
       .pattern =
           R"((?i)<THEN>(?:with|gave|giving|provided|providing|offered)\s+(?:only\s+)?)"
           R"((?:some|partial|temporary|transient|minimal|mild|limited|short[\s-]+term|modest)\s+)"
           R"((?:pain\s+)?(?:relief|benefit|improvement))"
           R"((?:\s+(?:for|lasting)\s+(?:(?:approximately|about)\s+)?(<DURATION>))?)",
       .fixed = {{"response", "partial"}},
       .captures = {{"relief_duration", 1}}},
      {.id = "history.response.relieves_temporarily@1",
       .pattern = R"((?i)<THEN>(?:do|does|did)\s+(?:relieve|help)\s+(?:the\s+)?(?:pain|symptoms)\s+temporarily)",
       .fixed = {{"response", "partial"}}},
      {.id = "history.response.improved@1",
       .pattern =
           R"((?i)<THEN>(?:with|gave|giving|provided|providing)\s+)"
           R"((?:significant|good|great|excellent|notable|moderate|marked|substantial)\s+)"
           R"((?:pain\s+)?(?:relief|benefit|improvement))"
           R"((?:\s+(?:for|lasting)\s+(?:(?:approximately|about)\s+)?(<DURATION>))?)",
       .fixed = {{"response", "improved"}},
       .captures = {{"relief_duration", 1}}},
      {.id = "history.response.helped@1",
       .pattern =
           R"((?i)<THEN>(?:(?:has|have|had)\s+(?:helped|been\s+(?:helpful|beneficial|effective))|)"
           R"(helped|(?:was|were)\s+(?:helpful|beneficial|effective)))",
       .fixed = {{"response", "improved"}}},
      {.id = "history.response.worse@1",
       .pattern =
           R"((?i)<THEN>(?:(?:with|and)\s+(?:worsening|increased|increase\s+in)\s+(?:of\s+)?(?:pain|symptoms)|)"
           R"((?:made|making)\s+(?:it|the\s+pain|(?:his|her|the)\s+symptoms|things)\s+worse|)"
           R"((?:worsened|aggravated|exacerbated)\s+(?:the\s+|his\s+|her\s+)?(?:pain|symptoms)))",
       .fixed = {{"response", "worse"}}},
  };
  return rules;
}

const std::vector<PhraseRule>& BareTreatmentRules() {
  static const std::vector<PhraseRule> rules = {
      {.id = "history.response_stated@1",
       .pattern = R"((?i)(<TX>))",
       .fixed = kUnknown,
       .captures = {{"treatment", 1, NormalizeTreatment}}},
  };
  return rules;
}

namespace {

// The four tables ExtractTreatmentHistory reads, compiled on first use.
struct HistoryTables {
  PhraseRuleTable single{TreatmentHistoryRules(), HistoryPieces()};
  PhraseRuleTable lists{TreatmentListRules(), HistoryPieces()};
  PhraseRuleTable responses{TreatmentResponseRules(), HistoryPieces()};
  PhraseRuleTable bare{BareTreatmentRules(), HistoryPieces()};
};

const HistoryTables& Tables() {
  static const HistoryTables tables;
  return tables;
}

// One hit per treatment named in a list hit's words, each quoting its own.
void AddListItems(std::string_view text, const PhraseHit& list, std::vector<PhraseHit>* hits) {
  static const Pattern kTerm(ExpandPattern("(?i)<TX>", HistoryPieces()));
  for (const Match& m : kTerm.FindAll(text.substr(list.begin, list.end - list.begin))) {
    PhraseHit item = list;
    item.begin = OffsetIn(text, m.group(0));
    item.end = item.begin + m.group(0).size();
    item.value["treatment"] = NormalizeTreatment(m.group(0));
    hits->push_back(std::move(item));
  }
}

// A response stated right after a treatment joins its phrase and sets its
// response: "24 sessions of chiropractic without benefit".
bool ExtendWithResponse(std::string_view text, PhraseHit* hit) {
  constexpr size_t kLongestTail = 200;
  const std::string_view after = text.substr(hit->end, kLongestTail);
  const std::vector<PhraseHit> tails = KeepLongestHits(Tables().responses.FindAll(after));
  if (tails.empty()) return false;
  const PhraseHit& tail = tails.front();  // anchored at the start: only one survives
  hit->end += tail.end;
  for (const auto& [key, value] : tail.value) hit->value[key] = value;
  return true;
}

}  // namespace

std::vector<Fact> ExtractTreatmentHistory(const Region& region) {
  const std::string_view text = region.text.text;
  std::vector<PhraseHit> hits = Tables().single.FindAll(text);
  for (const PhraseHit& list : Tables().lists.FindAll(text)) {
    AddListItems(text, list, &hits);
  }
  for (PhraseHit& hit : hits) ExtendWithResponse(text, &hit);
  for (PhraseHit& hit : Tables().bare.FindAll(text)) {
    if (ExtendWithResponse(text, &hit)) hits.push_back(std::move(hit));
  }
  return HitsToFacts(region, KeepLongestHits(std::move(hits)), "treatment_history");
}

// ---------------------------------------------------------------------------
// Functional status.

namespace {

Attributes WorkStatus(std::string_view status) { return {{"work_status", std::string(status)}}; }
Attributes Improvement(std::string_view how) { return {{"functional_improvement", std::string(how)}}; }
Attributes Adl(std::string_view how) { return {{"adl", std::string(how)}}; }

}  // namespace

const std::vector<PatternPiece>& FunctionalPieces() {
  static const std::vector<PatternPiece> pieces = {
      {"SIDE", R"(right|left|bilateral)"},
      {"ACTIVITY",
       R"(sit|stand|walk|drive|lift|carry|bend|kneel|squat|climb(?:\s+stairs)?|type|grip|grasp|)"
       R"(sleep|run|reach(?:\s+overhead)?|push|pull|stoop|twist)"},
      {"ACTIVITY_ING",
       R"(sitting|standing|walking|driving|lifting|carrying|bending|kneeling|squatting|)"
       R"(climbing\s+stairs|climbing|typing|gripping|grasping|sleeping|reaching(?:\s+overhead)?|)"
       R"(dressing|bathing|showering|pushing|pulling|stooping|twisting)"},
      {"AMOUNT",
       R"((?:\d+(?:\.\d+)?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|sixty|)"
       R"(a\s+quarter(?:\s+of\s+a)?|a\s+half|half\s+an?|a\s+couple\s+of|a\s+few|an?))"
       R"((?:\s*(?:-|to)\s*\d+)?\s*(?:minutes?|mins?|hours?|hrs?|blocks?|miles?|pounds|lbs?\b\.?|)"
       R"(feet|ft\b|steps|flights?(?:\s+of\s+stairs)?))"},
      {"LBS", R"(pounds|lbs?\b\.?)"},
      {"CANNOT", R"(unable\s+to|cannot|can\s*not|can['’]t|could\s+not|not\s+able\s+to)"},
      {"ADLS",
       R"(ADLs?|activities\s+of\s+daily\s+living|daily\s+activities|household\s+chores|chores|)"
       R"(self[\s-]+care)"},
      {"ADL_MOD", R"(his|her|their|basic|all|some|most|daily|usual|normal|instrumental)"},
      {"FI_TERM",
       R"(functional\s+(?:improvements?|benefits?|gains?)|)"
       R"(improvements?\s+in\s+(?:function(?:ing)?|ADLs|activities\s+of\s+daily\s+living)|)"
       R"(improved\s+function(?:ing|al\s+(?:status|capacity|ability))?|)"
       R"(increased\s+function(?:ing|al\s+(?:status|capacity|ability))?)"},
      {"FI_MOD",
       R"(objective|significant|clinically\s+significant|documented|measurable|any|clear|)"
       R"(sustained|meaningful|quantified|some|continued|appreciable|substantial|)"
       R"((?:objective\s+)?evidence\s+of|documentation\s+(?:of|regarding|showing))"},
      {"FI_PHRASE", R"((?:(?:<FI_MOD>)\s+)*(?:<FI_TERM>))"},
  };
  return pieces;
}

const std::vector<PhraseRule>& FunctionalStatusRules() {
  static const std::vector<PhraseRule> rules = {
      // Work status.
      {.id = "functional.modified_duty@1",
       .pattern =
           R"((?i)\b(?:modified|light|restricted|limited|alternate|alternative|transitional|sedentary)\s+)"
           R"((?:duty|duties|work(?:\s+duty)?)\b)",
       .fixed = WorkStatus("modified_duty")},
      {.id = "functional.with_restrictions@1",
       .pattern =
           R"((?i)\b(?:return(?:ed|s|ing)?\s+to\s+(?:work|duty)|working|works|released\s+to\s+(?:work|duty)|)"
           R"(back\s+to\s+work)\s+with\s+(?:(?:work|temporary|permanent|the\s+following|these|the\s+above|)"
           R"(those|specific|light)\s+)?(?:restrictions|limitations))",
       .fixed = WorkStatus("modified_duty")},
      {.id = "functional.returned_modified@1",
       .pattern =
           R"((?i)\breturn(?:ed|s|ing)?\s+to\s+(?:modified|light|restricted|limited)\s+(?:duty|duties|work)\b)",
       .fixed = WorkStatus("modified_duty")},
      {.id = "functional.tpd@1",
       .pattern = R"((?i)\btemporar(?:y|ily)\s+partial(?:ly)?\s+(?:disability|disabled)\b|(?-i:\bTPD\b))",
       .fixed = WorkStatus("modified_duty")},
      {.id = "functional.lift_restriction@1",
       .pattern =
           R"((?i)\b(?:(?:restrictions?|limitations?)\s+(?:of|include|included|including|to)\s*:?\s*)?)"
           R"(no\s+(?:<ACTIVITY_ING>)(?:\s*(?:,|/|or|and)\s*(?:<ACTIVITY_ING>))*\s+(?:of\s+)?)"
           R"((?:over|more\s+than|greater\s+than|above|exceeding|>)\s*(\d{1,3})\s*(?:<LBS>))",
       .fixed = WorkStatus("modified_duty"),
       .captures = {{"lift_limit_lbs", 1}}},
      {.id = "functional.lift_limit@1",
       .pattern =
           R"((?i)\b(?:lifting|lift|carrying)\s+(?:restrictions?|limit(?:ation)?s?)\s+(?:of|to)\s+)"
           R"((?:no\s+more\s+than\s+)?(\d{1,3})\s*(?:<LBS>)|)"
           R"(\b(?:restricted|limited)\s+to\s+(?:lifting|carrying)\s+)"
           R"((?:no\s+more\s+than\s+|less\s+than\s+|up\s+to\s+)?(\d{1,3})\s*(?:<LBS>))",
       .fixed = WorkStatus("modified_duty"),
       .captures = {{"lift_limit_lbs", 1}, {"lift_limit_lbs", 2}}},
      {.id = "functional.no_repetitive@1",
       .pattern =
           R"((?i)\bno\s+(?:repetitive|prolonged|repeated|forceful|overhead)\s+(?:or\s+\w+\s+)?)"
           R"((?:<ACTIVITY_ING>|work|use\s+of\s+the\s+(?:(?:<SIDE>)\s+)?\w+))",
       .fixed = WorkStatus("modified_duty")},
      {.id = "functional.ttd@1",
       .pattern =
           R"((?i)\b(?:temporar(?:y|ily)\s+(?:and\s+)?total(?:ly)?|total(?:ly)?\s+(?:and\s+)?temporar(?:y|ily)))"
           R"(\s+(?:disability|disabled)\b|(?-i:\bTTD\b))",
       .fixed = WorkStatus("ttd")},
      {.id = "functional.off_work@1",
       .pattern =
           R"((?i)\b(?:off\s+(?:of\s+)?work|not\s+(?:currently\s+)?working|unable\s+to\s+work|)"
           R"((?:is|remains)\s+unemployed)\b)",
       .fixed = WorkStatus("off_work")},
      {.id = "functional.full_duty@1",
       .pattern =
           R"((?i)\b(?:full|regular|usual|normal)\s+(?:and\s+customary\s+)?(?:duty|duties)\b(\s+cycles?)?|)"
           R"(\busual\s+and\s+customary\s+(?:duties|work|job|occupation)\b|\bwithout\s+work\s+restrictions\b|)"
           R"(\bworking\s+full[\s-]+(?:time|duty)\b)",
       .fixed = WorkStatus("full_duty"),
       .veto_groups = {1}},
      {.id = "functional.returned_full@1",
       .pattern =
           R"((?i)\breturn(?:ed|s|ing)?\s+to\s+(?:(?:full|regular|usual|normal)\s+(?:duty|duties|work)|)"
           R"(work\s+(?:at\s+)?(?:full|regular|usual)\s+duty|work\s+without\s+restrictions)\b)",
       .fixed = WorkStatus("full_duty")},
      // Back at work, at a level the words do not say.
      {.id = "functional.returned@1",
       .pattern = R"((?i)\breturn(?:ed|s)?\s+to\s+work\b)",
       .fixed = WorkStatus("unknown")},
      {.id = "functional.permanent_stationary@1",
       .pattern =
           R"((?i)\bpermanent\s+and\s+stationary\b|(?-i:\bP\s?&\s?S\b)|\bmaximum\s+medical\s+improvement\b|)"
           R"((?-i:\bMMI\b))",
       .fixed = WorkStatus("permanent_stationary")},
      {.id = "functional.retired@1",
       .pattern = R"((?i)\bretired\b)",
       .fixed = WorkStatus("retired")},

      // Activities of daily living.
      {.id = "functional.adl_difficulty@1",
       .pattern =
           R"((?i)\b(?:difficulty|difficulties|trouble|problems?|limitations?|limited|impaired|impairment|)"
           R"(restricted)\s+(?:with|in|performing|doing|completing|of)\s+(?:(?:<ADL_MOD>)\s+)*(?:<ADLS>))",
       .fixed = Adl("limited")},
      {.id = "functional.adl_unable@1",
       .pattern =
           R"((?i)\b(?:<CANNOT>)\s+(?:perform|do|complete|carry\s+out|manage)\s+(?:(?:<ADL_MOD>)\s+)*(?:<ADLS>))",
       .fixed = Adl("limited")},
      {.id = "functional.adl_independent@1",
       .pattern =
           R"((?i)\b(?:independent|independence)\s+(?:with|in|for)\s+(?:(?:<ADL_MOD>)\s+)*(?:<ADLS>))",
       .fixed = Adl("independent")},
      {.id = "functional.tolerance@1",
       .pattern =
           R"((?i)\b(?:<CANNOT>|only\s+able\s+to|able\s+to|can|could)\s+(<ACTIVITY>)\b)"
           R"((?:\s+(?:for|more\s+than|longer\s+than|over|up\s+to|about|approximately|greater\s+than|beyond|)"
           R"(less\s+than|at\s+least|only))*\s+(<AMOUNT>))",
       .fixed = Adl("tolerance"),
       .captures = {{"activity", 1}, {"tolerance", 2}}},
      {.id = "functional.tolerance_noun@1",
       .pattern =
           R"((?i)\b(sitting|standing|walking|driving)\s+tolerance\s+(?:(?:of|is|was|to)\s+)*)"
           R"((?:(?:about|approximately|less\s+than)\s+)?(<AMOUNT>))",
       .fixed = Adl("tolerance"),
       .captures = {{"activity", 1}, {"tolerance", 2}}},
      {.id = "functional.difficulty_activity@1",
       .pattern = R"((?i)\b(?:difficulty|difficulties|trouble)\s+(?:with\s+)?(<ACTIVITY_ING>)\b)",
       .fixed = Adl("limited"),
       .captures = {{"activity", 1}}},
      {.id = "functional.unable_activity@1",
       .pattern = R"((?i)\b(?:<CANNOT>)\s+(<ACTIVITY>)\b)",
       .fixed = Adl("limited"),
       .captures = {{"activity", 1}}},

      // Functional improvement. The rows that find it lacking come first and
      // quote the same words as the row that finds it documented, so on a tie
      // they win; their cue ("no", "lack of") stays outside the quote, as the
      // assertion module expects.
      {.id = "functional.improvement_lacking@1",
       .pattern =
           R"((?i)\b(?:no|lack\s+of|lacks|without|absence\s+of|insufficient|little|not\s+any|)"
           R"(failure\s+to\s+(?:show|demonstrate|document|achieve)|)"
           R"(failed\s+to\s+(?:show|demonstrate|document|achieve|produce|provide))\s+(<FI_PHRASE>))",
       .fixed = Improvement("not_documented"),
       .phrase_group = 1},
      {.id = "functional.improvement_not_shown@1",
       .pattern =
           R"((?i)\b(?:has|have|had|did|does|do|was|were)\s+not\s+(?:shown|show|demonstrated|demonstrate|)"
           R"(documented|document|indicated|indicate|reflected|reflect|resulted\s+in|result\s+in|led\s+to|)"
           R"(lead\s+to|produced|produce|provided|provide|achieved|achieve|had|have|been))"
           R"(\s+(?:any\s+)?(<FI_PHRASE>))",
       .fixed = Improvement("not_documented"),
       .phrase_group = 1},
      {.id = "functional.improvement@1",
       .pattern = R"((?i)\b<FI_PHRASE>)",
       .fixed = Improvement("documented")},
      {.id = "functional.improved_ability@1",
       .pattern =
           R"((?i)\b(?:increased|improved|better|greater)\s+(?:ability|tolerance|capacity)\s+(?:to|for)\s+)"
           R"((?:(?:perform|do|complete|tolerate)\s+)?(?:(?:<ADL_MOD>)\s+)*)"
           R"((?:<ADLS>|activities|work|<ACTIVITY_ING>|<ACTIVITY>)\b)",
       .fixed = Improvement("documented")},
      {.id = "functional.improved_adls@1",
       .pattern =
           R"((?i)\b(?:improved|improvement\s+in|increased)\s+(?:(?:his|her|their)\s+)?)"
           R"((?:ADLs?|activities\s+of\s+daily\s+living|activity\s+(?:level|tolerance)|level\s+of\s+activity))",
       .fixed = Improvement("documented")},
      // Measured gains on examination: reviewers read them as objective
      // functional improvement ("improved range of motion of the lumbar spine").
      {.id = "functional.improved_measures@1",
       .pattern =
           R"((?i)\b(?:improved|increased|better|greater|gains?\s+in|improvement\s+(?:in|of))\s+)"
           R"((?:(?:lumbar|cervical|thoracic|shoulder|knee|spinal|joint|grip|muscle)\s+)?)"
           R"((?:range\s+of\s+motion|ROM|strength|flexibility|mobility|endurance))",
       .fixed = Improvement("documented")},
      {.id = "functional.fewer_restrictions@1",
       .pattern =
           R"((?i)\b(?:reduction|decrease|reduced|decreased|fewer|lessening|less)\s+(?:in\s+|of\s+)?)"
           R"((?:(?:his|her)\s+)?work\s+restrictions|)"
           R"(\bwork\s+restrictions\s+(?:were|have\s+been|was|had\s+been)\s+(?:reduced|decreased|lifted|removed))",
       .fixed = Improvement("documented")},
      {.id = "functional.less_medication@1",
       .pattern =
           R"((?i)\b(?:decreased|reduced|reduction\s+(?:in|of)|decrease\s+(?:in|of)|lower|less)\s+)"
           R"((?:(?:pain|opioid|narcotic|analgesic)\s+)?(?:medication|medicine|opioid|narcotic|analgesic|drug)s?)"
           R"(\s+(?:use|usage|intake|consumption|requirements?|needs|dependence|reliance)|)"
           R"(\b(?:reduced|decreased|less)\s+(?:reliance|dependence|dependency)\s+on\s+(?:(?:pain|opioid)\s+)?)"
           R"((?:medications?|opioids|narcotics|medical\s+(?:treatment|care)|treatment))",
       .fixed = Improvement("documented")},
      {.id = "functional.decline@1",
       .pattern =
           R"((?i)\b(?:decreased|declining|worsening|worsened|diminished|reduced|deteriorating)\s+)"
           R"((?:level\s+of\s+)?function(?:ing|al\s+(?:status|capacity|ability|level))?\b|)"
           R"(\bfunctional\s+(?:decline|deterioration|loss)\b)",
       .fixed = Improvement("worse")},
      {.id = "functional.more_medication@1",
       .pattern =
           R"((?i)\bincreased\s+(?:(?:pain|opioid|narcotic)\s+)?(?:medication|opioid|narcotic)s?\s+)"
           R"((?:use|usage|intake|requirements?)|\bincreased\s+work\s+restrictions)",
       .fixed = Improvement("worse")},
  };
  return rules;
}

std::vector<Fact> ExtractFunctionalStatus(const Region& region) {
  static const PhraseRuleTable table(FunctionalStatusRules(), FunctionalPieces(), PatternSet::Prefilter::kWholeRows);
  return HitsToFacts(region, KeepLongestHits(table.FindAll(region.text.text)), "functional_status");
}

}  // namespace imr
