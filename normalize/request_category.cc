#include "normalize/request_category.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/anatomy.h"
#include "core/drug_table.h"
#include "core/text.h"

namespace imr {
namespace {

// Rows tried before the drug rows. Tests, programs and procedures come first
// because their names carry words that also name treatments ("urine drug
// screen", "PT/INR", "cold therapy unit", "ultrasound-guided injection").
constexpr CategoryRow kRowsBeforeDrugs[] = {
    // Testing.
    {"testing.urine_drug",
     R"(urine\s+(drug|tox\w*)(\s+\w+)?|drug\s+(screen\w*|test\w*|panels?)|tox(icology)?\s+screen\w*|UDS|UDT|urine\s+screen\w*|(qualitative|quantitative|confirmatory)\s+(urine|drug)\w*)"},
    {"testing.lab",
     R"(PT\s*/\s*INR|PT\s*/\s*PTT|INR|PTT|CBC|complete\s+blood\s+count|CMP|BMP|(comprehensive|basic)?\s*metabolic\s+panel|chem(istry)?\s*(panel|\d+)|labs?|laboratory(\s+\w+)?|lab\s+(work|tests?|testing|studies|panel)|blood\s+(work|tests?|testing|draw|panel|levels?|studies)|bloodwork|(liver|renal|kidney|thyroid|hepatic)\s+(function|panel)\w*(\s+tests?)?|LFTs?|TSH|(hgb|hb)?\s*a1c|hemoglobin\s+a1c|lipid\s+panel|urinalysis|UA|serum\s+\w+|ESR|sed(imentation)?\s+rate|CRP|c-reactive\s+protein|rheumatoid\s+factor|uric\s+acid|electrolytes|(vitamin\s+\w+|testosterone|drug|serum)\s+levels?|(genetic|dna|pharmacogenetic|pharmacogenomic|cytokine)\s+(test\w*|panel|screen\w*|analysis))"},
    {"testing.emg_ncs",
     R"(EMGs?|NCVs?|NCSs?|electromyogra\w*|nerve\s+conduction(\s+\w+)?|electrodiagnos\w*(\s+\w+)?|EDX)"},
    {"testing.functional_capacity_evaluation",
     R"(functional\s+capacit(y|ies)(\s+(evaluation|exam\w*|assessment|test\w*))?|FCEs?)"},
    {"testing.other",
     R"(EKG|ECG|electrocardiogra\w*|echocardiogra\w*|(cardiac\s+)?stress\s+test\w*|sleep\s+stud(y|ies)|polysomnogra\w*|pulmonary\s+function\s+test\w*|PFTs?|spirometr\w*|QST|quantitative\s+sensory\s+test\w*|sudomotor(\s+\w+)?|autonomic\s+(nervous\s+system\s+)?test\w*|computeri[sz]ed\s+(range\s+of\s+motion|ROM|muscle|strength)(\s+\w+)?|(range\s+of\s+motion|ROM|muscle\s+strength|grip\s+strength)\s+(test\w*|measurement\w*)|psycholog\w*\s+test\w*|neuropsycholog\w*\s+(test\w*|evaluation|assessment)|psychometric\w*(\s+\w+)?|MMPI\w*|audiogra\w*|hearing\s+test\w*|videonystagmogra\w*|VNG|vestibular\s+test\w*|holter(\s+monitor)?|tilt\s+table(\s+test)?)"},
    // Programs.
    {"program.functional_restoration",
     R"(functional\s+restoration(\s+program)?|FRP|HELP\s+program|(chronic\s+)?pain\s+(management\s+|rehabilitation\s+)?program|(interdisciplinary|multidisciplinary)\s+(pain\s+)?(program|rehab\w*|treatment|evaluation|assessment))"},
    {"program.work_hardening", R"(work\s+(hardening|conditioning|simulation)(\s+program)?)"},
    {"program.weight_loss",
     R"(weight\s+(loss|reduction|management|watchers)(\s+program)?|lindora|medifast|nutrisystem|jenny\s+craig|optifast|diet(ary)?\s+program|nutrition(al)?\s+(program|counseling))",
     R"(surg\w*|bypass|sleeve|lap-?band|gastric)"},
    {"program.day_treatment",
     R"(partial\s+hospitali[sz]ation(\s+\w+)?|day\s+(treatment|hospital)(\s+program)?|intensive\s+outpatient(\s+program)?|IOP)"},
    {"program.detoxification",
     R"(detox\w*|(opioid|opiate|narcotic)\s+(weaning|taper\w*)\s+program|substance\s+abuse\s+(program|treatment)|addiction\s+(program|treatment)|(suboxone|buprenorphine)\s+(program|induction))"},
    // Services that are not visits to a doctor.
    {"service.home_health",
     R"(home\s+(health(\s+care)?|healthcare|care|aide|assistan\w*|attendant\w*|nurs\w*|help|services|visits?)|in-?home\s+(care|services|assistance|support|aide)|caregiver\w*|attendant\s+care|housekeep\w*|chore\s+services|nursing\s+(care|services|visits?)|(skilled\s+)?nurse\s+visits?|personal\s+care\s+(assistant|attendant|services)|IHSS)"},
    {"service.transportation",
     R"(transport\w*|taxi|cab|uber|lyft|mileage|ambulance|ride\s+services?|travel\s+(expenses|reimbursement))"},
    {"service.gym_membership",
     R"((gym|health\s+club|fitness\s+(center|club)|ymca|pool|swim(ming)?)\s+membership\w*|gym(\s+(access|program))?)"},
    // Injections, before imaging: they are done under fluoroscopic or
    // ultrasound guidance.
    {"injection.radiofrequency",
     R"(radio\s*-?\s*frequency(\s+\w+)?|RFA|RF|RFTC|rhizotom\w*|neurotom\w*|(nerve\s+)?ablation|neurolys\w*|neurolytic(\s+\w+)?|cryoneurolys\w*|cryoablation|coolief)"},
    {"injection.epidural",
     R"(epidural\w*|ESIs?|[CLT]ESIs?|TFESIs?|TF\s+ESIs?|transforaminal\w*|interlaminar|caudal|(selective\s+)?nerve\s+root\s+blocks?|SNRBs?)"},
    {"injection.facet",
     R"(facets?(\s+\w+)?|medial\s+branch(\s+nerve)?(\s+blocks?)?|MBBs?|MBNBs?|zygapophys\w*|z-joints?)"},
    {"injection.trigger_point", R"(trigger\s*-?\s*points?(\s+injections?)?|TPIs?)"},
    // Biologic and neurotoxin injections have their own evidence wherever
    // they are given, so a knee PRP injection is not a joint injection.
    {"injection.other",
     R"((PRP|platelet[- ]rich\s+plasma|prolotherapy|stem\s+cells?|botox|botulinum(\s+toxin\w*)?)(\s+\w+)?)"},
    {"injection.joint",
     R"(viscosupplement\w*|synvisc(-one)?|hyalgan|orthovisc|supartz(\s+fx)?|euflexxa|gel-?one|monovisc|genvisc|durolane|trivisc|visco-?3|gelsyn(-3)?|hymovis|hyaluron\w*|arthrocentesis|joint\s+aspiration|(intra-?articular|joint|subacromial|glenohumeral|acromioclavicular|ac\s+joint|sacroiliac|si(\s+joint)?|knee|shoulder|hip|elbow|wrist|ankle|thumb|cmc|bursa)\s+(\w+\s+){0,2}(injections?|blocks?|shots?|aspirations?)|(injections?|shots?)\s+(\w+\s+){0,4}(knees?|shoulders?|hips?|elbows?|wrists?|ankles?|joints?|bursa|subacromial(\s+space)?|thumbs?))"},
    {"injection.other",
     R"(injections?|injectable\w*|inject\w*|shots?|(?-i:IM)|intramuscular\w*|blocks?|PRP|platelet[- ]rich\s+plasma|prolotherapy|botox|botulinum(\s+toxin\w*)?|stellate\s+ganglion|sympathetic\s+blocks?|occipital\s+nerve(\s+\w+)?|ganglion\s+impar|stem\s+cells?)"},
    // Imaging. MR arthrograms are MRI; a bare "arthrogram" is read as MRI
    // once CT has had its chance.
    {"imaging.mri.*",
     R"(MRIs?|MRI's|MRA|magnetic\s+resonance(\s+\w+)?|(?-i:MR)(\s+arthrogra\w*)?|NMR)"},
    {"imaging.ct.*",
     R"(CT|(?-i:CAT)(\s+scans?)?|computed\s+(axial\s+)?tomogra\w*|computeri[sz]ed\s+(axial\s+)?tomogra\w*|myelogra\w*|CTA)"},
    {"imaging.mri.*", R"(arthrogra\w*)"},
    {"imaging.xray.*",
     R"(x\s*-?\s*rays?|xrays?|radiograph\w*|(plain\s+)?films?|XR|(ap|pa|lateral|oblique|flexion|extension|standing|weight[- ]bearing)\s+(and\s+\w+\s+)?views?|\d+\s*views?|(one|two|three|four|five|six)\s+views?)"},
    {"imaging.other",
     R"(bone\s+scans?|(nuclear|three[- ]phase|triple[- ]phase)\s+(\w+\s+)?scans?|scintigra\w*|ultrasound\w*|ultrasonogra\w*|sonogra\w*|doppler\w*|duplex(\s+\w+)?|DEXA|DXA|bone\s+densit\w*(\s+\w+)?|(?-i:PET)(\s+scans?)?|SPECT|discogra\w*|discogram\w*|fluoroscop\w*|diagnostic\s+(imaging|studies)|imaging(\s+stud(y|ies))?|scans?|thermogra\w*)",
     R"(therapeutic\s+ultrasound|ultrasound\s+(therap\w*|treatment\w*|sessions?)|ultrasound\s+(\d+|one|two|three)\s*(x|times)\s*(\d+|one|two|three|four|five|six|eight|twelve))"},
    // Durable medical equipment.
    {"dme.tens",
     R"((?-i:TENS|Tens)|tens\s+units?|transcutaneous\s+(electrical\s+)?(nerve\s+)?stimulat\w*|h-?\s?wave\w*(\s+\w+)?|interferential\w*(\s+\w+)?|(?-i:IF)(\s+units?)?|IFC|NMES|neuromuscular\s+(electrical\s+)?stimulat\w*|(electrical\s+)?muscle\s+stimulat\w*|e-?stim\s+units?|electrical\s+stimulat\w*\s+(units?|devices?)|microcurrent\w*|galvanic(\s+\w+)?|(?-i:ICS)|combo\s+units?|sequential\s+stimulat\w*|rs-?4i|electrodes?|conductive\s+garments?)"},
    {"dme.hot_cold",
     R"(cold\s+therap\w*(\s+units?)?|cryo\s*-?\s*therap\w*|cryo-?cuff|ice\s+(machines?|units?|packs?|wraps?)|hot\s*(/|and|&)?\s*cold(\s+\w+)?|cold\s*(/|and|&)?\s*hot|heat(ing)?\s+(pads?|wraps?|units?|packs?|therap\w*)|cold\s+(packs?|wraps?|units?|compression\w*)|thermal\s+(packs?|wraps?)|game\s*ready|polar\s+care|vascutherm|thermo\s*-?\s*cool\w*|continuous\s+(cooling|cold)(\s+\w+)?|thermacare|thermophore|paraffin(\s+(baths?|wax|units?))?|infrared\s+(heat|lamps?)|heat\s*/\s*ice|ice\s*/\s*heat|moist\s+heat)"},
    {"dme.brace",
     R"(brac(e|es|ing)|orthos[ie]s|orthotics?|splints?|splinting|slings?|immobiliz\w*|collars?|corsets?|LSO|TLSO|CTLSO|(lumbar|lumbosacral|back|knee|wrist|ankle|elbow|thumb|shoulder|cervical|abdominal|sacroiliac|si|rib|hernia)\s+(supports?|sleeves?|belts?|binders?|wraps?|stabilizers?)|(walking|cam)\s+boots?|binders?|cock-?up(\s+\w+)?|spica(\s+\w+)?)"},
    {"dme.other",
     R"(canes?|walkers?|rollators?|wheel\s*chairs?|crutch\w*|scooters?|commodes?|shower\s+(chairs?|bench\w*|stools?)|tub\s+(bench\w*|transfer\w*|chairs?)|grab\s+bars?|(raised|elevated)\s+toilet\s+seats?|hospital\s+beds?|(adjustable|orthopedic|electric)\s+(beds?|mattress\w*)|mattress\w*|pillows?|(home\s+|cervical\s+|lumbar\s+|pneumatic\s+)?traction(\s+(units?|devices?))?|inversion\s+tables?|(exercise|stationary|recumbent)\s+(balls?|bikes?|bicycles?|equipment|kits?|machines?)|treadmills?|ellipticals?|home\s+exercise\s+(kits?|equipment)|resistance\s+bands?|therabands?|foam\s+rollers?|(shoulder|overhead)\s+pulleys?|CPM(\s+machines?)?|continuous\s+passive\s+motion(\s+\w+)?|reachers?|grabbers?|sock\s+aids?|(office|ergonomic|lift|recliner)\s+chairs?|ergonomic\w*(\s+\w+)?|(sit[- ]stand|standing)\s+(desks?|workstations?)|(ergonomic\s+)?workstations?|headsets?|(pneumatic|intermittent|sequential)\s+compression(\s+\w+)?|compression\s+(stockings?|garments?|sleeves?|pumps?|hose)|ted\s+hose|SCDs?|(dvt|deep\s+vein)\s+(prophylaxis\s+)?(devices?|units?|pumps?)|nebuli[sz]ers?|CPAP|BiPAP|hearing\s+aids?|eyeglasses|dentures?|bone\s+(growth\s+)?stimulat\w*|osteogenesis\s+stimulat\w*|exogen|(orthopedic\s+)?shoes?|footwear|(shoe|heel|foot)\s+(inserts?|lifts?|cups?)|insoles?|massagers?|(vibration|percussion|massage)\s+(devices?|units?|guns?|chairs?)|stair\s+lifts?|lumbar\s+rolls?)"},
    // Therapies. Aquatic and occupational therapy are named before physical
    // therapy, which their words often include; "chiropractic physiotherapy"
    // is what a chiropractor gives.
    {"therapy.aquatic",
     R"(aqua(tic)?\s*-?\s*(therap\w*|exercise\w*|program|pt|rehab\w*)|aquatherap\w*|pool\s+(therap\w*|exercise\w*|program)|water\s+(therap\w*|exercise\w*)|hydrotherap\w*|aquatics?)"},
    {"therapy.occupational",
     R"(occupational\s+therap\w*|(?-i:OT)|(certified\s+)?hand\s+therap\w*|(?-i:CHT))"},
    {"therapy.chiropractic",
     R"(chiro\w*|spinal\s+manipulat\w*|(osteopathic\s+)?manipulat\w*(\s+therap\w*)?|manipulative\s+(therap\w*|treatment)|CMT|OMT|OMM|adjustments?)",
     R"(chiropract\w*\s+(physician|doctor|consult\w*|referral)|(under|with)\s+(general\s+)?anesthesia|MUA)"},
    {"therapy.physical",
     R"(physical\s+therap\w*|physio\s*-?\s*therap\w*|physio|(?-i:PT)|p\.t\.|therapeutic\s+(exercise\w*|activit\w*)|(home\s+)?exercise\s+program|(?-i:HEP)|rehab\w*(\s+therap\w*)?|(post-?op\w*|post-?surgical)\s+(therap\w*|rehab\w*)|manual\s+therap\w*|therapeutic\s+ultrasound|ultrasound\s+(therap\w*|treatment\w*)|ultrasound\s+(\d+|one|two|three)\s*(x|times)\s*(\d+|one|two|three|four|five|six|eight|twelve)|iontophoresis|phonophoresis|electrical\s+stimulat\w*|e-?stim)",
     R"(physical\s+medicine\s+(and|&)\s+rehab\w*|PM\s*&\s*R|physiatr\w*|pain\s+rehab\w*|vocational\s+rehab\w*|cognitive\s+rehab\w*)"},
    {"therapy.acupuncture", R"(acupunct\w*|electro-?acupunct\w*|dry\s+needl\w*)"},
    {"therapy.massage",
     R"(massage(\s+therap\w*)?|myofascial\s+(release|therap\w*)|soft\s+tissue\s+(mobiliz\w*|therap\w*)|rolfing|lymphatic\s+drainage)"},
    {"therapy.psych",
     R"(psychotherap\w*|cognitive[- ]behavio(u)?r\w*(\s+therap\w*)?|CBT|biofeedback|neurofeedback|counsel(l)?ing|(psycholog\w*|psychiatric|mental\s+health|behavio(u)?ral(\s+health)?|pain\s+psycholog\w*|psych)\s+(treatment|therap\w*|sessions?|visits?|interventions?|care|support)|hypnotherap\w*|hypnosis|relaxation\s+(training|therap\w*|techniques?)|(pain\s+)?coping\s+skills(\s+\w+)?|stress\s+management|group\s+(therap\w*|sessions?)|talk\s+therap\w*|EMDR|DBT|mindfulness(\s+\w+)?)"},
    {"therapy.other",
     R"(ESWT|(extracorporeal\s+)?shock\s*-?\s*wave(\s+(therap\w*|treatment\w*|lithotripsy))?|(low[- ]level|cold|class\s+iv|hot)\s+laser\w*(\s+therap\w*)?|laser\s+(therap\w*|treatment\w*)|LLLT|(spinal\s+)?decompression\s+therap\w*|non-?surgical\s+(spinal\s+)?decompression|drx\s*-?\s*9000|speech\s+(therap\w*|patholog\w*)|(cognitive|vocational|vision)\s+(therap\w*|rehab\w*)|hyperbaric(\s+\w+)?|therap(y|ies))"},
    // Topical forms: a cream, gel or patch of any drug, and compounds
    // written with percentage strengths, unless the patch or gel is a
    // systemic dose (the generated reject lists those drugs).
    {"medication.topical",
     R"(creams?|gels?|ointments?|lotions?|liniments?|balms?|salves?|topical\w*|compound\w*|patch(es)?|transdermal\w*|roll-?on)"},
    {"medication.topical", R"(\d+(\.\d+)?\s*%)",
     R"((reduc|decreas|wean|taper|improv|relie|increas|less|better|function|pain|percent)\w*)"},
};

// Rows tried after the drug rows: visits, consultations, surgery, and the
// generic words that only say which family a request belongs to.
constexpr CategoryRow kRowsAfterDrugs[] = {
    {"referral.follow_up",
     R"(follow[- ]?ups?(\s+\w+)?|f/u|(office|clinic|outpatient|return|monthly|periodic|progress|subsequent)\s+visits?|office\s+(consult\w*|evaluations?)|visits?\s+(with|to)|re-?evaluat\w*|re-?exam\w*|re-?assess\w*|re-?check\w*|return\s+(to\s+clinic|appointments?)|physical\s+(exam|examination)s?|initial\s+(exam|examination|evaluation|visit|assessment)s?|evaluation\s+and\s+management|e\s*&\s*m|e/m|medication\s+management(\s+visits?)?|(doctor|physician|provider)\s+visits?|appointments?|visits?)"},
    {"referral.specialist",
     R"(consult\w*|referrals?|refer(red)?\s+to|second\s+opinions?|specialists?|(evaluat\w*|eval)\s*(and|&|/)\s*(treat\w*|management|tx)|(pre-?op\w*|medical|surgical|cardiac|cardiology)\s+clearance|clearance)"},
    // Surgery: the site names the part; spine words are sites (RequestSiteTable).
    {"surgery.*",
     R"(surger(y|ies)|surgical\w*|arthroscop\w*|arthroplast\w*|(total|partial|joint|knee|hip|shoulder|disc|disk|ankle|elbow|reverse)\s+(\w+\s+)?replacement|TKA|THA|TKR|THR|fusions?|arthrodes\w*|ACDF|PLIF|TLIF|ALIF|XLIF|(micro)?dis[ck]ectom\w*|(hemi)?laminectom\w*|laminotom\w*|laminoplast\w*|foraminotom\w*|corpectom\w*|(micro)?decompress\w*|kyphoplast\w*|vertebroplast\w*|(carpal|cubital|tarsal)\s+tunnel\s+release|(trigger\s+(finger|thumb)|tendon|nerve|lateral|a1\s+pulley|plantar\s+fascia|capsular|de\s+quervain'?s?|first\s+dorsal\s+compartment)\s+release|release\s+of\s+\w+|\w+\s+repair|repair\s+of|reconstruct\w*|debridement|menisc\w*ectom\w*|chondroplast\w*|synovectom\w*|acromioplast\w*|distal\s+clavicle\s+(excision|resection)|mumford(\s+procedure)?|tenotom\w*|tenodes\w*|tenolys\w*|osteotom\w*|ORIF|open\s+reduction|internal\s+fixation|(hardware|implant)\s+removal|removal\s+of\s+(hardware|implants?)|excision\w*|resection\w*|amputat\w*|transposition|neuroplast\w*|neurectom\w*|(spinal\s+cord|dorsal\s+column|peripheral\s+nerve)\s+stimulat\w*|SCS|neurostimulat\w*|intrathecal\s+(pumps?|drug\s+delivery)|(pain|morphine)\s+pumps?|manipulation\s+under\s+anesthesia|MUA|(assistant|co-?)\s*surgeons?|(pa|rnfa|rn|np|physician\s+assistant|surgical)\s+(first\s+)?assist\w*|first\s+assist\w*|anesthesia|(inpatient|hospital)\s+(stay|admission|days?)|length\s+of\s+stay|operation)"},
    {"referral.specialist",
     R"(orthop(a)?edic\w*|ortho|pain\s+(management|medicine)|neurolog\w*|neurosurg\w*|psychiatr\w*|psycholog\w*\s+(evaluation|eval|assessment)|psychologist|rheumatolog\w*|internal\s+medicine|internist|podiatr\w*|physiatr\w*|PM\s*&\s*R|physical\s+medicine(\s+(and|&)\s+rehab\w*)?|cardiolog\w*|gastroenterolog\w*|urolog\w*|endocrinolog\w*|dermatolog\w*|ophthalmolog\w*|optometr\w*|otolaryngolog\w*|(?-i:ENT)|dentist\w*|dental(\s+\w+)?|sleep\s+(medicine|specialist)|toxicolog\w*|addiction\s+(medicine|specialist)|(plastic|vascular|general|hand|spine)\s+surg\w*|hematolog\w*|pulmonolog\w*|nephrolog\w*|chiropractor|(medical|psychological|psychiatric|neurological|orthopedic)\s+(evaluation|assessment)|evaluation)"},
    {"service.other",
     R"(interpret\w*\s+services?|interpreters?|translat\w*|(nurse\s+)?case\s+manage\w*|(medical\s+)?records?\s+review|language\s+services?)"},
    {"dme.other", R"(DME|durable\s+medical\s+equipment|equipment|supplies|devices?)"},
    {"medication.other",
     R"(medications?|meds|prescriptions?|refills?|rx|pharmac\w*|tablets?|tabs|capsules?|caps|pills?|\d+(\.\d+)?\s*(mg|mcg|ml)|#\s*\d+|p\.?o\.?|b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?h\.?s\.?|q\d+h|prn|(?-i:ER|XR|SR|CR|ODT|HCL))"},
};

// Drug classes in the order their rows are tried: a request naming Norco
// and Flexeril is an opioid request.
constexpr std::string_view kDrugClassOrder[] = {
    "opioid",         "nsaid",          "muscle_relaxant", "anticonvulsant", "antidepressant",
    "sleep_aid",      "benzodiazepine", "ppi",             "medical_food",   "topical",
    "other",
};

// Requests text before RE2 sees it: one space for any whitespace run.
std::string PrepareText(std::string_view request_text) { return CollapseWhitespace(request_text); }

// `pattern` as whole words: group 1 is the words, and the characters either
// side are not letters or digits ("PT" does not fire inside "APT").
std::string WholeWords(std::string_view pattern) {
  return "(?i)(?:^|[^A-Za-z0-9])(" + std::string(pattern) + ")(?:[^A-Za-z0-9]|$)";
}

// Patterns are code: a broken one throws, and RequestCategoryTableTest
// compiles every row so that it never reaches a run.
std::unique_ptr<RE2> Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) throw std::invalid_argument("bad request pattern: " + re->error());
  return re;
}

// Byte offsets of matched words in the text searched.
struct Found {
  size_t begin = 0;
  size_t end = 0;
};

// Where the words of a WholeWords pattern first occur in `text`, or nothing.
std::optional<Found> FindWords(const RE2& re, std::string_view text) {
  re2::StringPiece groups[2];
  const re2::StringPiece piece(text.data(), text.size());
  if (!re.Match(piece, 0, piece.size(), RE2::UNANCHORED, groups, 2)) return std::nullopt;
  const size_t begin = static_cast<size_t>(groups[1].data() - text.data());
  return Found{begin, begin + groups[1].size()};
}

// The category rows with their drug rows spliced in, built once. The
// generated patterns live in `storage` for the life of the program.
std::vector<CategoryRow> BuildCategoryTable() {
  static std::deque<std::string> storage;
  std::string systemic;
  for (const DrugRow& drug : DrugRows()) {
    if (!drug.curated || !drug.systemic_patch) continue;
    for (const DrugName& name : drug.names) systemic += (systemic.empty() ? "" : "|") + DrugNameRegex(name.name);
  }
  std::vector<CategoryRow> rows;
  for (const CategoryRow& row : kRowsBeforeDrugs) {
    rows.push_back(row);
    // A patch of a systemic drug is not a topical.
    if (row.category == "medication.topical" && row.reject.empty()) {
      storage.push_back("nasal|ophthalmic|eye|vaginal|rectal|" + systemic);
      rows.back().reject = storage.back();
    }
  }
  for (std::string_view drug_class : kDrugClassOrder) {
    const std::string names = CuratedDrugNamesPattern(drug_class);
    storage.push_back("medication." + std::string(drug_class));
    const std::string_view category = storage.back();
    storage.push_back(names);
    rows.push_back({category, storage.back()});
  }
  for (const CategoryRow& row : kRowsAfterDrugs) rows.push_back(row);
  return rows;
}

struct CompiledCategory {
  const CategoryRow* row;
  std::unique_ptr<RE2> pattern;
  std::unique_ptr<RE2> reject;  // null when the row has none
};

struct CompiledSite {
  const ImpliedSiteRow* row;
  std::unique_ptr<RE2> pattern;
};

struct CompiledTables {
  std::vector<CompiledCategory> categories;
  std::vector<CompiledSite> implied_sites;
};

const CompiledTables& Tables() {
  static const CompiledTables* tables = [] {
    auto* t = new CompiledTables;
    for (const CategoryRow& row : RequestCategoryTable()) {
      t->categories.push_back({&row, Compile(WholeWords(row.pattern)),
                               row.reject.empty() ? nullptr : Compile(WholeWords(row.reject))});
    }
    for (const ImpliedSiteRow& row : ImpliedSiteTable()) {
      t->implied_sites.push_back({&row, Compile(WholeWords(row.pattern))});
    }
    return t;
  }();
  return *tables;
}

// Leftmost match of any row; at the same place the longer match wins
// ("carpal tunnel" over "carpal"). Returns the row index, or nothing.
template <typename Compiled>
std::optional<size_t> FirstRow(const std::vector<Compiled>& rows, std::string_view text) {
  std::optional<size_t> best;
  Found best_found;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::optional<Found> found = FindWords(*rows[i].pattern, text);
    if (!found) continue;
    if (!best || found->begin < best_found.begin ||
        (found->begin == best_found.begin && found->end > best_found.end)) {
      best = i;
      best_found = *found;
    }
  }
  return best;
}

// ---- Anatomy --------------------------------------------------------------

// Spinal levels as written: "L4-5", "L5-S1", "C5/6", "T12". Upper case only,
// so "l5" in running words is not a level.
std::vector<std::string> FindLevels(std::string_view text) {
  static const RE2 level(
      R"((?:^|[^A-Za-z0-9])([CTLS]\d{1,2}(?:\s*(?:-|–|/|to|through)\s*[CTLS]?\d{1,2})?)(?:[^A-Za-z0-9]|$))");
  std::vector<std::string> levels;
  const re2::StringPiece piece(text.data(), text.size());
  re2::StringPiece groups[2];
  size_t from = 0;
  // Each search starts where the last level's words end, so the separator
  // between "L4-5, L5-S1" serves both.
  while (from < piece.size() && level.Match(piece, from, piece.size(), RE2::UNANCHORED, groups, 2)) {
    levels.emplace_back(groups[1].data(), groups[1].size());
    from = static_cast<size_t>(groups[1].data() + groups[1].size() - piece.data());
  }
  return levels;
}

// The body site the request names first (a body part, or an operation that
// implies one), or the spine region of its first spinal level.
const BodySite* FindSite(std::string_view text, const std::vector<std::string>& levels) {
  const std::vector<BodySiteMention> named = FindBodySites(text);
  const BodySite* site = named.empty() ? nullptr : named.front().site;
  size_t at = named.empty() ? std::string_view::npos : named.front().begin;
  const CompiledTables& tables = Tables();
  if (std::optional<size_t> i = FirstRow(tables.implied_sites, text)) {
    const std::optional<Found> found = FindWords(*tables.implied_sites[*i].pattern, text);
    if (found && found->begin < at) site = BodySiteNamed(tables.implied_sites[*i].row->site);
  }
  // "L4-5 facet injections": the level says which part of the spine.
  if ((site == nullptr || site->site == "spine") && !levels.empty()) {
    if (const BodySite* spine = SpineSiteOfLevel(levels.front())) site = spine;
  }
  return site;
}

std::string FindLaterality(std::string_view text) {
  static const RE2 bilateral(WholeWords(
      R"(bilateral\w*|bilat|b/l|both(\s+\w+)?\s+(sides|knees|shoulders|hands|wrists|hips|ankles|feet|elbows|legs|arms|extremities)|BUE|BLE)"));
  static const RE2 left(WholeWords(R"(left|lt)"));
  static const RE2 right(WholeWords(R"(right|rt)"));
  const re2::StringPiece piece(text.data(), text.size());
  if (RE2::PartialMatch(piece, bilateral)) return "bilateral";
  const bool is_left = RE2::PartialMatch(piece, left);
  const bool is_right = RE2::PartialMatch(piece, right);
  if (is_left && is_right) return "bilateral";
  if (is_left) return "left";
  if (is_right) return "right";
  return "";
}

// ---- Counts -----------------------------------------------------------------

// A count word or number, as one capturing group.
constexpr std::string_view kNumber =
    R"((\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|twenty-four|thirty|once|twice|thrice))";

int NumberValue(std::string_view word) {
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"once", 1},     {"twice", 2},       {"thrice", 3},    {"one", 1},       {"two", 2},
      {"three", 3},    {"four", 4},        {"five", 5},      {"six", 6},       {"seven", 7},
      {"eight", 8},    {"nine", 9},        {"ten", 10},      {"eleven", 11},   {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14},  {"fifteen", 15},  {"sixteen", 16},  {"eighteen", 18},
      {"twenty", 20},  {"twenty-four", 24}, {"thirty", 30}};
  for (const auto& [name, value] : kWords) {
    if (word == name) return value;
  }
  int value = 0;
  for (const char c : word) {
    // Counts past 10000 are misreadings (a claim number, a date), not counts.
    if (c < '0' || c > '9' || value > 10000) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string Pattern(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

void SetIfAbsent(Attributes* details, const std::string& key, int value) {
  if (value > 0 && !details->contains(key)) (*details)[key] = std::to_string(value);
}

// "2x/week for 6 weeks", "two times a week for six weeks", "twice weekly".
void AddWeeklyFrequency(std::string_view lower, Attributes* details) {
  static const std::string per_week =
      R"(\s*(?:(?:x|times|time)\s*(?:(?:a|per|each|every)\s+|/\s*)?(?:week|wk)(?:ly)?|(?:(?:a|per|each|every)\s+|/\s*)(?:week|wk)|\s+weekly)\b)";
  static const RE2 frequency(Pattern({R"((?:^|[^a-z0-9]))", kNumber, per_week}));
  static const RE2 frequency_for_weeks(Pattern(
      {R"((?:^|[^a-z0-9]))", kNumber, per_week,
       R"(\s*,?\s*(?:for|x|times|over|during)?\s*(?:a\s+period\s+of\s+|the\s+next\s+|an?\s+additional\s+|another\s+)?)",
       kNumber, R"(\s*(?:weeks?|wks?)\b)"}));
  // Shorthand: "2x6", "2 x 6 weeks", "2 times 8".
  static const RE2 shorthand(R"((?:^|[^a-z0-9/.])(\d{1,2})\s*(?:x|times)\s*(\d{1,2})(\s*(?:weeks?|wks?))?(\s*(?:mg|mcg|%|months?|mos?|days?|hours?|hrs?|visits?|sessions?|treatments?))?(?:[^a-z0-9/]|$))");
  const re2::StringPiece piece(lower.data(), lower.size());
  std::string a, b, weeks_word, unit;
  if (RE2::PartialMatch(piece, frequency_for_weeks, &a, &b)) {
    SetIfAbsent(details, "frequency_per_week", NumberValue(a));
    SetIfAbsent(details, "weeks", NumberValue(b));
  } else if (RE2::PartialMatch(piece, shorthand, &a, &b, &weeks_word, &unit) && unit.empty()) {
    SetIfAbsent(details, "frequency_per_week", NumberValue(a));
    SetIfAbsent(details, "weeks", NumberValue(b));
  } else if (RE2::PartialMatch(piece, frequency, &a)) {
    SetIfAbsent(details, "frequency_per_week", NumberValue(a));
  }
}

// "for 4 weeks", "x 3 months", "30-day trial", "80 hours".
void AddDurations(std::string_view lower, Attributes* details) {
  static const RE2 duration(Pattern(
      {R"((?:^|[^a-z0-9])(?:for|x|times|over|during)\s*(?:a\s+period\s+of\s+|the\s+next\s+|an?\s+additional\s+|another\s+|up\s+to\s+)?)",
       kNumber, R"(\s*-?\s*(weeks?|wks?|months?|mos?|days?|hours?|hrs?)\b)"}));
  static const RE2 leading(Pattern(
      {R"((?:^|[^a-z0-9#]))", kNumber,
       R"(\s*-?\s*(weeks?|wks?|months?|mos?|days?|hours?|hrs?)(?:\s+(?:of|trial|rental|supply|course|program|period|use|coverage))\b)"}));
  static const RE2 hours(Pattern({R"((?:^|[^a-z0-9]))", kNumber, R"(\s*(hours?|hrs?)\b)"}));
  const re2::StringPiece piece(lower.data(), lower.size());
  for (const RE2* re : {&duration, &leading, &hours}) {
    re2::StringPiece rest = piece;
    std::string number, unit;
    while (RE2::FindAndConsume(&rest, *re, &number, &unit)) {
      const int value = NumberValue(number);
      if (unit.starts_with("w")) SetIfAbsent(details, "weeks", value);
      if (unit.starts_with("mo")) SetIfAbsent(details, "months", value);
      if (unit.starts_with("d")) SetIfAbsent(details, "days", value);
      if (unit.starts_with("h")) SetIfAbsent(details, "hours", value);
    }
  }
}

// "12 sessions", "six (6) visits", "8 additional physical therapy visits".
void AddStatedVisits(std::string_view lower, Attributes* details) {
  static const RE2 visits(Pattern(
      {R"((?:^|[^a-z0-9#/]))", kNumber,
       R"(\s*(?:\(\d+\)\s*)?((?:[a-z/&-]+\s+){0,4}?)(?:sessions?|visits?|treatments?|appointments?)\b)"}));
  static const RE2 not_a_count(R"(\b(weeks?|wks?|months?|days?|times?|x|per|a)\b)");
  // "sessions, 12" and "visits: 6", but not "visits 2 times a week".
  static const RE2 visits_after(Pattern(
      {R"(\b(?:sessions?|visits?|treatments?)\s*[,:]?\s*)", kNumber,
       R"(\s*(?:$|[^a-z0-9\s]|(?:[a-z]+)(?:[^a-z]|$)))"}));
  static const RE2 schedule(R"(^\s*(?:x|times|per|a|to|-))");
  re2::StringPiece rest(lower.data(), lower.size());
  std::string number, between;
  while (RE2::FindAndConsume(&rest, visits, &number, &between)) {
    if (RE2::PartialMatch(between, not_a_count)) continue;
    SetIfAbsent(details, "visits", NumberValue(number));
    return;
  }
  rest = re2::StringPiece(lower.data(), lower.size());
  while (RE2::FindAndConsume(&rest, visits_after, &number)) {
    if (RE2::PartialMatch(rest, schedule)) continue;
    SetIfAbsent(details, "visits", NumberValue(number));
    return;
  }
}

// "#12", "x 6", "qty 2": how many, without saying of what. "2 x 6" is
// frequency shorthand and "x 3 months" a duration, not counts.
int FindBareCount(std::string_view lower) {
  static const RE2 hash(R"(#\s*(\d+))");
  static const RE2 quantity(R"(\b(?:qty|quantity|dispense|disp)\.?\s*:?\s*#?\s*(\d+))");
  static const RE2 times(
      R"((?:^|[^a-z0-9])(\d+\s*)?x\s*(\d+)(\s*(?:weeks?|wks?|months?|mos?|days?|hours?|hrs?|mg|mcg|%))?(?:[^a-z0-9]|$))");
  const re2::StringPiece piece(lower.data(), lower.size());
  std::string number, before, unit;
  if (RE2::PartialMatch(piece, hash, &number)) return NumberValue(number);
  if (RE2::PartialMatch(piece, quantity, &number)) return NumberValue(number);
  re2::StringPiece rest = piece;
  while (RE2::FindAndConsume(&rest, times, &before, &number, &unit)) {
    if (before.empty() && unit.empty()) return NumberValue(number);
  }
  return 0;
}

bool CountsVisits(std::string_view category) {
  return category.starts_with("therapy.") || category.starts_with("referral.") ||
         category.starts_with("program.") || category == "service.home_health";
}

void AddCounts(std::string_view lower, std::string_view category, Attributes* details) {
  const bool medication = category.starts_with("medication.");
  if (!medication) AddWeeklyFrequency(lower, details);
  AddDurations(lower, details);
  if (!medication) AddStatedVisits(lower, details);
  if (const int count = FindBareCount(lower); count > 0) {
    SetIfAbsent(details, CountsVisits(category) ? "visits" : "quantity", count);
  }
  if (details->contains("frequency_per_week") && details->contains("weeks") && !details->contains("visits") &&
      !medication) {
    SetIfAbsent(details, "visits",
                std::stoi(details->at("frequency_per_week")) * std::stoi(details->at("weeks")));
  }
  static const RE2 refills(Pattern({R"((?:^|[^a-z0-9]))", kNumber, R"(\s+refills?\b|\brefills?\s*:?\s*(\d+))"}));
  std::string a, b;
  if (medication && RE2::PartialMatch(lower, refills, &a, &b)) {
    SetIfAbsent(details, "refills", NumberValue(a.empty() ? b : a));
  }
}

// ---- Drugs ------------------------------------------------------------------

// The strength written right after a drug name ("Norco 10/325mg",
// "Tramadol ER 150 mg", "Flexeril 10"), as {strength, unit}.
std::pair<std::string, std::string> StrengthAfter(std::string_view rest) {
  static const RE2 strength(
      R"(^[\s,:(-]*(?:(?:hcl|er|xr|sr|cr|ir|dr|ec|ds|odt|sodium|bitartrate|tablets?|tabs?|caps(?:ules)?|cream|gel|patch(?:es)?|ointment|lotion)\s+)*(\d+(?:\.\d+)?(?:\s*[/-]\s*\d+(?:\.\d+)?)?)\s*(mg/ml|mg|mcg|gm|g|ml|%|units?|iu|meq)?(?:[^a-z0-9]|$))");
  const std::string lower = AsciiLower(rest);
  std::string number, unit;
  if (!RE2::PartialMatch(lower, strength, &number, &unit)) return {};
  std::string compact;
  for (const char c : number) {
    if (c == ' ') continue;
    compact += c == '-' ? '/' : c;
  }
  return {compact, unit};
}

struct NamedDrug {
  Found where;
  const DrugRow* row;
};

// The drugs in `text`, left to right (core/drug_table.h); a class named as
// such ("opioids") is no drug.
std::vector<NamedDrug> FindNamedDrugs(std::string_view text) {
  std::vector<NamedDrug> out;
  for (const DrugMention& m : FindDrugNames(text)) {
    if (!m.row->class_only()) out.push_back({{m.begin, m.end}, m.row});
  }
  return out;
}

// The first strength with a unit anywhere in `text` ("Meloxicam (Mobic) 7.5mg").
std::pair<std::string, std::string> StrengthAnywhere(std::string_view text) {
  static const RE2 strength(
      R"((?:^|[^a-z0-9./])(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?)\s*(mg/ml|mg|mcg|gm|g|ml|%|units?|iu|meq)(?:[^a-z0-9]|$))");
  const std::string lower = AsciiLower(text);
  std::string number, unit;
  if (!RE2::PartialMatch(lower, strength, &number, &unit)) return {};
  return {number, unit};
}

// Adds drug, strength and unit; returns where the drug names lie, so that
// the "#3" of "Tylenol #3" is not read as a quantity.
std::vector<Found> AddDrugs(std::string_view text, std::string_view category, Attributes* details) {
  const std::vector<NamedDrug> names = FindNamedDrugs(text);
  std::string generics;
  std::vector<std::pair<std::string, std::string>> strengths;  // per name: {strength, unit}
  for (const NamedDrug& name : names) {
    const std::string& generic = name.row->generic;
    if (("/" + generics + "/").find("/" + generic + "/") == std::string::npos) {
      generics += (generics.empty() ? "" : "/") + generic;
    }
    strengths.push_back(StrengthAfter(text.substr(name.where.end)));
  }
  if (!generics.empty()) (*details)["drug"] = generics;
  std::pair<std::string, std::string> strength;
  if (category == "medication.topical" && names.size() > 1) {
    // A compound's strength is one per ingredient, written like a
    // combination ("20/5" %), and only when every ingredient states one.
    strength = strengths.front();
    for (size_t i = 1; i < strengths.size(); ++i) {
      if (strengths[i].first.empty() || strengths[i].second != strength.second) {
        strength = {};
        break;
      }
      strength.first += "/" + strengths[i].first;
    }
    if (strengths.front().first.empty()) strength = {};
  } else if (!names.empty()) {
    strength = strengths.front();
    if (strength.first.empty()) strength = StrengthAnywhere(text.substr(names.front().where.end));
  }
  if (!strength.first.empty()) (*details)["strength"] = strength.first;
  if (!strength.first.empty() && !strength.second.empty()) (*details)["unit"] = strength.second;
  std::vector<Found> spans;
  for (const NamedDrug& name : names) spans.push_back(name.where);
  return spans;
}

// ---- Category -----------------------------------------------------------------

// "imaging.mri.*" → "imaging.mri.knee"; "surgery.*" → "surgery.spine".
std::string ResolveCategory(std::string_view category, const BodySite* site) {
  if (!category.ends_with(".*")) return std::string(category);
  const std::string_view family = category.substr(0, category.size() - 1);
  std::string_view part = "other";
  if (site != nullptr) part = family.starts_with("surgery.") ? site->surgery : site->imaging;
  return std::string(family) + std::string(part);
}

std::optional<size_t> MatchCategoryRow(std::string_view text) {
  const std::vector<CompiledCategory>& rows = Tables().categories;
  const re2::StringPiece piece(text.data(), text.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!RE2::PartialMatch(piece, *rows[i].pattern)) continue;
    if (rows[i].reject && RE2::PartialMatch(piece, *rows[i].reject)) continue;
    return i;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<CategoryRow>& RequestCategoryTable() {
  static const std::vector<CategoryRow> rows = BuildCategoryTable();
  return rows;
}

std::vector<std::string> AllRequestCategories() {
  std::vector<std::string> out = {"other"};
  for (const CategoryRow& row : RequestCategoryTable()) {
    out.push_back(ResolveCategory(row.category, nullptr));
    for (const BodySite& site : BodySites()) out.push_back(ResolveCategory(row.category, &site));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<ImpliedSiteRow>& ImpliedSiteTable() {
  static const std::vector<ImpliedSiteRow> rows = {
      // Spine operations name the spine without saying which part; ACDF says it.
      {R"((micro)?dis[ck]ectom\w*|(hemi)?laminectom\w*|laminotom\w*|laminoplast\w*|foraminotom\w*|corpectom\w*|)"
       R"(kyphoplast\w*|vertebroplast\w*|dis[ck]s)",
       "spine"},
      {R"(ACDF)", "cervical_spine"},
      {R"(menisc\w*)", "knee"},
      {R"(CTR)", "wrist"},
  };
  return rows;
}

namespace {

// Whether the request says it starts a treatment or continues one: rules for
// continued care ask for functional improvement from the course before.
std::string FindCourse(std::string_view text) {
  static const RE2 continued(WholeWords(
      R"(additional|continued|continue|continuing|continuation|more|further|extra|remaining|ongoing|repeat|renewed|another)"));
  static const RE2 initial(WholeWords(R"(initial|trial|new|start|starting)"));
  const re2::StringPiece piece(text.data(), text.size());
  if (RE2::PartialMatch(piece, continued)) return "continued";
  if (RE2::PartialMatch(piece, initial)) return "initial";
  return "";
}

}  // namespace

RequestNormal NormalizeRequest(std::string_view request_text) {
  const std::string text = PrepareText(request_text);
  const std::string lower = AsciiLower(text);
  RequestNormal normal;
  const std::vector<std::string> levels = FindLevels(text);
  const BodySite* site = FindSite(text, levels);
  if (std::optional<size_t> row = MatchCategoryRow(text)) {
    normal.category = ResolveCategory(Tables().categories[*row].row->category, site);
  }
  const std::string_view category = normal.category;
  const bool medication = category.starts_with("medication.");
  const bool has_anatomy = !medication && category != "testing.lab" && category != "testing.urine_drug";
  if (has_anatomy) {
    if (site != nullptr) normal.details["body_site"] = std::string(site->site);
    if (std::string side = FindLaterality(text); !side.empty()) normal.details["laterality"] = side;
    std::string joined;
    for (const std::string& level : levels) joined += (joined.empty() ? "" : ", ") + level;
    if (!joined.empty()) normal.details["level"] = joined;
  }
  std::string counted = lower;  // same length as text: offsets agree
  if (medication || category.starts_with("injection.")) {
    for (const Found& name : AddDrugs(text, category, &normal.details)) {
      counted.replace(name.begin, name.end - name.begin, name.end - name.begin, ' ');
    }
  }
  AddCounts(counted, category, &normal.details);
  if (std::string course = FindCourse(text); !course.empty()) normal.details["course"] = course;
  return normal;
}

}  // namespace imr
