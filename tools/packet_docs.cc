#include "packet_docs.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace packet {

// ---------------------------------------------------------------------------
// Filler

namespace {

// Splits `text` at '|' characters that are not inside nested braces.
std::vector<std::string_view> SplitChoices(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}') --depth;
    if (text[i] == '|' && depth == 0) {
      parts.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  parts.push_back(text.substr(begin));
  return parts;
}

}  // namespace

std::string Filler::ExpandBraces(std::string_view inner) {
  std::vector<std::string_view> choices = SplitChoices(inner);
  if (choices.size() > 1) return (*this)(choices[rng_.Uniform(0, choices.size() - 1)]);
  if (!inner.empty() && inner[0] == '#') {
    size_t dash = inner.find('-', 1);
    int low = std::stoi(std::string(inner.substr(1, dash - 1)));
    int high = std::stoi(std::string(inner.substr(dash + 1)));
    return std::to_string(rng_.Uniform(low, high));
  }
  std::string name = (*this)(inner);  // "{{He}}" style nesting resolves first
  auto found = vars_.find(name);
  if (found == vars_.end()) throw std::logic_error("template variable {" + name + "} unset");
  return found->second;
}

std::string Filler::operator()(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '{') {
      out += text[i++];
      continue;
    }
    int depth = 0;
    size_t end = i;
    for (; end < text.size(); ++end) {
      if (text[end] == '{') ++depth;
      if (text[end] == '}' && --depth == 0) break;
    }
    if (end == text.size()) throw std::logic_error("unbalanced braces: " + std::string(text));
    out += ExpandBraces(text.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return out;
}

const char* DocTypeName(DocType type) {
  switch (type) {
    case DocType::kImrFinalDetermination:
      return "imr_final_determination";
    case DocType::kUrDetermination:
      return "ur_determination";
    case DocType::kRfa:
      return "rfa";
    case DocType::kProgressReport:
      return "progress_report";
    case DocType::kConsultation:
      return "consultation";
    case DocType::kMedicalLegalReport:
      return "medical_legal_report";
    case DocType::kImagingReport:
      return "imaging_report";
    case DocType::kOperativeReport:
      return "operative_report";
    case DocType::kProcedureReport:
      return "procedure_report";
    case DocType::kOther:
      return "other";
  }
  return "other";
}

namespace {

using typeset::Block;
using typeset::BlockKind;

// ---------------------------------------------------------------------------
// Building one document: blocks, page furniture, and a template filler that
// knows the case.

std::string TitleCase(std::string_view upper) {
  std::string out;
  bool word_start = true;
  for (char c : upper) {
    unsigned char u = static_cast<unsigned char>(c);
    out += word_start ? static_cast<char>(std::toupper(u)) : static_cast<char>(std::tolower(u));
    word_start = !std::isalpha(u) && c != '\'';
  }
  // Short words stay lower case inside a heading.
  for (const char* small : {" And ", " Of ", " The ", " For ", " To ", " With ", " Or ", " In "}) {
    std::string lower = small;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (size_t at = out.find(small); at != std::string::npos; at = out.find(small, at + 1)) {
      out.replace(at, lower.size(), lower);
    }
  }
  return out;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// "Right shoulder injection" -> "right shoulder injection"; "MRI ..." and drug
// names ("Norco 10/325 mg") stay as they are.
std::string LowerFirst(std::string text) {
  std::string first_word = text.substr(0, text.find(' '));
  for (const Medication& med : Medications()) {
    if (med.name.compare(0, first_word.size(), first_word) == 0) return text;
  }
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      std::islower(static_cast<unsigned char>(text[1]))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

// How headings look in one document.
enum class HeadingStyle { kBold, kBoldCentered, kLabelLine, kInline, kTitleCaseBold };

// How label/value header fields look in one document.
enum class FieldStyle { kTable, kLines, kInlinePairs };

struct Field {
  std::string label;  // "Patient"
  std::string value;
};

class Builder {
 public:
  Builder(const Case& world, Rng& rng, DocType type, std::string kind, Date date, DateStyle style)
      : world_(world), rng_(rng), fill_(rng), style_(style) {
    doc_.type = type;
    doc_.kind = std::move(kind);
    doc_.date = date;
    heading_style_ = static_cast<HeadingStyle>(rng.Uniform(0, 4));
    SetCaseVars(date);
  }

  Filler& fill() { return fill_; }
  Rng& rng() { return rng_; }
  Document& doc() { return doc_; }
  std::string D(const Date& date) const { return FormatDate(date, style_); }
  DateStyle style() const { return style_; }
  void ForceHeadingStyle(HeadingStyle style) { heading_style_ = style; }

  void Add(BlockKind kind, std::string text) {
    doc_.blocks.push_back({kind, std::move(text), {}, doc_.kind});
  }
  void Gap() {
    if (!doc_.blocks.empty() && doc_.blocks.back().kind != BlockKind::kGap)
      Add(BlockKind::kGap, "");
  }
  // Paragraph text, filled; a pending inline heading goes in front.
  void Para(std::string_view text) {
    std::string filled = fill_(text);
    if (!pending_inline_.empty()) {
      filled = pending_inline_ + " " + filled;
      pending_inline_.clear();
    }
    Add(BlockKind::kParagraph, std::move(filled));
    Gap();
  }
  // Several filled sentences as one paragraph.
  void Sentences(const std::vector<std::string>& sentences) {
    std::string text;
    for (const std::string& sentence : sentences) {
      if (!text.empty()) text += ' ';
      text += fill_(sentence);
    }
    if (!text.empty()) Para(text);
  }
  void Bullet(std::string_view text) {
    FlushInline();
    Add(BlockKind::kBullet, fill_(text));
  }
  // Numbered list printed as hard-broken lines of one paragraph.
  void Numbered(const std::vector<std::string>& items) {
    std::string text;
    for (size_t i = 0; i < items.size(); ++i) {
      text += std::to_string(i + 1) + ". " + fill_(items[i]) + "\n";
    }
    Para(text);
  }
  void Lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += fill_(line) + "\n";
    Para(text);
  }
  void Pre(std::string text) {
    FlushInline();
    Add(BlockKind::kPreformatted, std::move(text));
    Gap();
  }

  void Heading(std::string_view upper_text) {
    FlushInline();
    std::string text = fill_(upper_text);
    switch (heading_style_) {
      case HeadingStyle::kBold:
        Add(BlockKind::kLeftHeading, text);
        break;
      case HeadingStyle::kBoldCentered:
        Add(BlockKind::kCenteredHeading, text);
        break;
      case HeadingStyle::kLabelLine:
        Add(BlockKind::kParagraph, text + ":");
        break;
      case HeadingStyle::kInline:
        pending_inline_ = text + ":";
        break;
      case HeadingStyle::kTitleCaseBold:
        Add(BlockKind::kLeftHeading, TitleCase(text));
        break;
    }
  }

  // The document title, in one of several looks. A small title alone on the
  // first page is common in EHR printouts.
  void Title(std::string_view text) {
    std::string title = fill_(text);
    switch (rng_.Uniform(0, 5)) {
      case 0:
      case 1:
        Add(BlockKind::kCenteredHeading, title);
        break;
      case 2:
        Add(BlockKind::kTitle, title);
        break;
      case 3:
        Add(BlockKind::kLeftHeading, title);
        break;
      case 4:
        Add(BlockKind::kSmallLeft, title);
        break;
      default:
        Add(BlockKind::kCenteredHeading, Upper(title));
        break;
    }
    Gap();
  }

  void Letterhead(const Organization& office, bool with_fax) {
    Add(BlockKind::kTitle, office.name);
    std::string line = office.address.OneLine();
    std::string contact = "Tel " + office.phone + (with_fax ? "  Fax " + office.fax : "");
    if (rng_.Chance(0.5)) {
      Add(BlockKind::kSmallCentered, line + "  \u00b7  " + contact);
    } else {
      Add(BlockKind::kSmallCentered, line);
      Add(BlockKind::kSmallCentered, contact);
    }
    Gap();
  }

  // Label/value pairs: a two-column table, one "Label: value" per line, or
  // pairs run together on lines.
  void Fields(const std::vector<Field>& fields) {
    FlushInline();
    FieldStyle field_style = static_cast<FieldStyle>(rng_.Uniform(0, 2));
    if (field_style == FieldStyle::kTable) {
      for (size_t i = 0; i < fields.size(); i += 2) {
        std::array<std::string, 4> cells{fields[i].label + ":", fill_(fields[i].value), "", ""};
        if (i + 1 < fields.size()) {
          cells[2] = fields[i + 1].label + ":";
          cells[3] = fill_(fields[i + 1].value);
        }
        doc_.blocks.push_back({BlockKind::kTableRow, "", cells, doc_.kind});
      }
      Gap();
      return;
    }
    std::string text;
    for (size_t i = 0; i < fields.size(); ++i) {
      text += fields[i].label + ": " + fill_(fields[i].value);
      bool pair_end = field_style == FieldStyle::kLines || i % 2 == 1;
      text += pair_end ? "\n" : "     ";
    }
    Add(BlockKind::kParagraph, text);
    Gap();
  }

  // Prints the signature block; the printed name becomes the author.
  void Signature(const Person& signer, const std::string& role_line, Date signed_on) {
    FlushInline();
    std::string printed = PrintedName(signer, rng_);
    doc_.author = printed;
    switch (rng_.Uniform(0, 4)) {
      case 0:
        Para("Sincerely,\n\n" + printed + "\n" + role_line);
        break;
      case 1:
        Para("Electronically signed by " + printed + " on " + D(signed_on) + ".");
        break;
      case 2:
        Para("______________________________\n" + printed + "\n" + role_line +
             "\nDate: " + D(signed_on));
        break;
      case 3:
        Para("/s/ " + printed + "\n" + role_line + "\nSigned " + D(signed_on));
        break;
      default:
        Para(printed + "\n" + role_line);
        break;
    }
  }

  // Running lines: a footer with the document's page numbers in one of
  // several forms, and sometimes a header on later pages.
  void Furniture(const std::string& who) {
    static const char* const kPageForms[] = {"Page {page} of {pages}",
                                             "{page}/{pages}",
                                             "- {page} -",
                                             "Page {page}",
                                             "Page {page} of {pages}",
                                             ""};
    std::string page_form = rng_.Pick(kPageForms);
    if (!page_form.empty() && rng_.Chance(0.4)) {
      doc_.footer = who + "  \u00b7  " + page_form;
    } else {
      doc_.footer = page_form;
    }
    if (rng_.Chance(0.35)) {
      doc_.header_later_pages = fill_("{RE: |Re: |Patient: |}") + LastFirst(world_.patient) +
                                "  \u00b7  " + fill_("{Claim #|Claim No. |Claim: }") +
                                world_.claim_number + "  \u00b7  " + fill_("{DOS|Date} ") +
                                D(doc_.date) + (page_form.empty() ? "  \u00b7  Page {page}" : "");
    }
  }

  void SetSender(const Organization& office) {
    doc_.sender_name = office.name;
    doc_.sender_fax = office.fax;
  }

  void SetInjuryVars(const Injury& injury) {
    fill_.Set("side", injury.side);
    fill_.Set("Side", injury.Expand("{Side}"));
    fill_.Set("SIDE", injury.Expand("{SIDE}"));
    fill_.Set("part", injury.Name());
    fill_.Set("complaint", injury.Complaint());
    fill_.Set("radiation", fill_(injury.Expand(injury.part->radiation)));
    fill_.Set("acoem", injury.part->acoem);
    fill_.Set("odg", injury.part->odg);
  }

  Document Take() && {
    FlushInline();
    while (!doc_.blocks.empty() && doc_.blocks.back().kind == BlockKind::kGap)
      doc_.blocks.pop_back();
    return std::move(doc_);
  }

 private:
  void FlushInline() {
    if (pending_inline_.empty()) return;
    Add(BlockKind::kParagraph, pending_inline_);
    pending_inline_.clear();
  }

  void SetCaseVars(Date date) {
    SetInjuryVars(world_.injuries[0]);
    const Person& p = world_.patient;
    for (const char* word : {"he", "He", "his", "His", "him", "Mr.", "male", "man"}) {
      fill_.Set(word, Pronoun(p, word));
    }
    fill_.Set("Mr", TitledName(p));
    fill_.Set("patient", FullName(p));
    fill_.Set("patient_last_first", LastFirst(p));
    fill_.Set("age", std::to_string(YearsBetween(world_.date_of_birth, date)));
    fill_.Set("occupation", world_.occupation);
    bool vowel = std::string("aeiou").find(world_.occupation[0]) != std::string::npos;
    fill_.Set("a_occupation", (vowel ? "an " : "a ") + world_.occupation);
    fill_.Set("employer", world_.employer.name);
    fill_.Set("doi", D(world_.date_of_injury));
    fill_.Set("dob", D(world_.date_of_birth));
    fill_.Set("claim", world_.claim_number);
    fill_.Set("mechanism", fill_(world_.mechanism));
    fill_.Set("hand", world_.handedness);
    fill_.Set("date", D(date));
    fill_.Set("next", D(date.Plus(rng_.Uniform(28, 45))));
    fill_.Set("prev", D(date.Plus(-rng_.Uniform(28, 45))));
  }

  const Case& world_;
  Rng& rng_;
  Filler fill_;
  DateStyle style_;
  Document doc_;
  HeadingStyle heading_style_ = HeadingStyle::kBold;
  std::string pending_inline_;
};

// ---------------------------------------------------------------------------
// Clinical paragraphs shared by the treating physicians' reports.

const char* const kOpeningLines[] = {
    "{Mr} returns for {follow-up|re-evaluation|a scheduled follow-up visit} of {complaint}.",
    "{Mr} is a {age}-year-old {hand} {male} {occupation} seen today in follow-up for "
    "{complaint}.",
    "The patient presents for {his} {monthly|regular|scheduled} visit regarding {complaint}.",
    "{He} is seen again for the industrial injury of {doi}.",
    "Follow-up of {complaint} after the work injury of {doi}.",
};

const char* const kMedicationEffectLines[] = {
    "With {his} medications the pain decreases from {#7-9}/10 to {#3-6}/10{, which lets {him} "
    "{walk for 20 minutes|do light housework|sleep four to five hours}|}.",
    "{He} reports that the medications help {about|roughly} {#20-50}% and {denies|reports no} "
    "side effects{ such as constipation or sedation|}.",
    "Medication allows {him} to {stand long enough to cook a meal|drive short distances|attend "
    "therapy}; without it the pain is {#8-10}/10.",
    "{He} has tried to cut back on the pain medication but the pain {increased|became "
    "intolerable at night}.",
};

const char* const kTherapyLines[] = {
    "{He} has completed {#2-6} of {#6-12} authorized {physical therapy|chiropractic|acupuncture} "
    "visits{ with {some|modest|little} improvement|}.",
    "{He} continues the home exercise program {most days|three times a week|daily}.",
    "Physical therapy {helped temporarily|did not change the pain|improved {his} range of "
    "motion}.",
};

const char* const kFunctionLines[] = {
    "Sitting tolerance is about {#15-60} minutes and walking tolerance about {#10-40} minutes.",
    "{He} needs help with {yard work|grocery shopping|lifting laundry baskets} and avoids "
    "{driving long distances|bending|carrying {his} grandchildren}.",
    "Sleep is {fair|poor|interrupted} at {#3-6} hours a night because of pain.",
    "{He} {remains off work|is working modified duty|has returned to full duty|is not working "
    "because modified work is not available}.",
};

const char* const kMoodLines[] = {
    "{He} reports {low mood|anxiety about {his} future|irritability|frustration} related to "
    "chronic pain.",
    "{He} denies thoughts of self-harm.",
};

const char* const kVitals[] = {
    "Vital signs: BP {#110-148}/{#68-94}, pulse {#58-96}, respirations {#12-18}, weight "
    "{#118-262} lbs.",
    "BP {#110-148}/{#68-94}. HR {#58-96}. Height {5'|6'}{#0-11}\". Weight {#118-262} pounds.",
    "Blood pressure {#110-148}/{#68-94}, heart rate {#58-96}, temperature 98.{#0-9} F.",
};

const char* const kPlanLines[] = {
    "Continue the home exercise program.",
    "Return to clinic in {4|5|6} weeks{, or sooner if symptoms worsen|}.",
    "Follow up in {four|six} weeks.",
    "The CURES report was reviewed today and shows prescriptions from this office only.",
    "A urine drug screen {was collected today|will be collected at the next visit}.",
    "Ice and heat as needed; activity as tolerated within the restrictions below.",
    "The risks and benefits of the medications were discussed and {he} agrees with the plan.",
};

const char* const kWorkStatuses[] = {
    "Temporarily totally disabled through {next}.",
    "Modified duty through {next}: no lifting over {10|15|20|25} pounds, no repetitive bending "
    "or stooping, and {no overhead reaching|change positions every 30 minutes|no climbing}. If "
    "modified work is not available, {he} is temporarily totally disabled.",
    "Return to full duty without restrictions as of {date}.",
    "Remain on modified work with the restrictions given on {prev}.",
    "Permanent work restrictions per the medical-legal evaluation; no further temporary "
    "disability.",
};

const char* const kGeneralDiagnoses[][2] = {
    {"Chronic pain syndrome", "G89.4"},
    {"Insomnia due to medical condition", "G47.01"},
    {"Mood disorder due to known physiological condition with depressive features", "F06.31"},
    {"Long term (current) use of opiate analgesic", "Z79.891"},
};

// Up to `count` distinct rows of a table, in table order.
template <typename T>
std::vector<T> PickSome(Rng& rng, const std::vector<T>& rows, int count) {
  std::vector<T> picked = rows;
  rng.Shuffle(picked);
  picked.resize(std::min<size_t>(picked.size(), std::max(count, 0)));
  return picked;
}

template <size_t N>
std::vector<std::string> PickLines(Rng& rng, const char* const (&lines)[N], int count) {
  return PickSome(rng, std::vector<std::string>(lines, lines + N), count);
}

// The last record of one of `titles`' kind, for "the MRI of 03/14/2016 showed ...".
const RecordNote* LastRecordContaining(const ClinicalState& state, std::string_view word) {
  for (auto it = state.records.rbegin(); it != state.records.rend(); ++it) {
    if (it->title.find(word) != std::string::npos) return &*it;
  }
  return nullptr;
}

// Mentions of earlier records, as a treating physician writes them.
void AddRecordMentions(Builder& b, const ClinicalState& state) {
  std::vector<std::string> lines;
  if (const RecordNote* mri = LastRecordContaining(state, "MRI")) {
    lines.push_back("The " + mri->title + " of " + b.D(mri->date) + " " + mri->summary + ".");
  }
  if (const RecordNote* ur = LastRecordContaining(state, "Utilization Review")) {
    lines.push_back("Utilization review {dated|of} " + b.D(ur->date) + " " + ur->summary + ".");
  }
  if (const RecordNote* qme = LastRecordContaining(state, "Medical-Legal")) {
    lines.push_back("{He} was seen by the {QME|panel QME|medical-legal evaluator}, " + qme->author +
                    ", on " + b.D(qme->date) + ".");
  }
  if (state.surgery_date) {
    lines.push_back("{He} is status post " + state.surgery_name + " on " +
                    b.D(*state.surgery_date) + ".");
  }
  if (lines.empty()) return;
  b.Sentences(PickSome(b.rng(), lines, b.rng().Uniform(1, 2)));
}

// The last `count` records retold in date order: "On 03/14/2016 the Progress
// Report by Jane Roe, MD documented pain of 7/10."
std::vector<std::string> RecordNarrative(Builder& b, const ClinicalState& state, int count) {
  std::vector<std::string> sentences;
  size_t first =
      state.records.size() > static_cast<size_t>(count) ? state.records.size() - count : 0;
  for (size_t i = first; i < state.records.size(); ++i) {
    const RecordNote& note = state.records[i];
    std::string by = note.author.empty() ? "" : " by " + note.author;
    sentences.push_back("On " + b.D(note.date) + " the " + note.title + by + " " + note.summary +
                        ".");
  }
  return sentences;
}

// The patient's complaints; a follow-up visit opens with why the patient came.
void AddSubjective(Builder& b, const Case& world, int injury_count, bool follow_up = true) {
  std::vector<std::string> sentences;
  if (follow_up) sentences.push_back(b.rng().Pick(kOpeningLines));
  for (int i = 0; i < injury_count; ++i) {
    b.SetInjuryVars(world.injuries[i]);
    for (const std::string& line :
         PickSome(b.rng(), world.injuries[i].part->symptoms, b.rng().Uniform(1, 3))) {
      sentences.push_back(line);
    }
  }
  b.SetInjuryVars(world.injuries[0]);
  for (auto& line : PickLines(b.rng(), kMedicationEffectLines, b.rng().Uniform(0, 2))) {
    sentences.push_back(line);
  }
  for (auto& line : PickLines(b.rng(), kTherapyLines, b.rng().Uniform(0, 1)))
    sentences.push_back(line);
  for (auto& line : PickLines(b.rng(), kFunctionLines, b.rng().Uniform(1, 3)))
    sentences.push_back(line);
  if (b.rng().Chance(0.3)) {
    for (auto& line : PickLines(b.rng(), kMoodLines, 2)) sentences.push_back(line);
  }
  b.Sentences(sentences);
}

std::string PadTo(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// Measured range of motion against normal, as a monospaced table.
std::string RangeOfMotionTable(const Injury& injury, Rng& rng) {
  bool sided = injury.part->name.find("{side}") != std::string::npos;
  std::string table = PadTo(Upper(injury.Name()) + " MOTION", 34) + PadTo("NORMAL", 9) +
                      (sided ? "RIGHT    LEFT" : "MEASURED") + "\n";
  for (const auto& [motion, normal] : injury.part->motions) {
    auto measure = [&](bool injured) {
      int percent = injured ? rng.Uniform(45, 95) : rng.Uniform(90, 100);
      return std::to_string(normal * percent / 100);
    };
    table += PadTo(motion, 34) + PadTo(std::to_string(normal), 9);
    if (sided) {
      table += PadTo(measure(injury.side == "right"), 9) + measure(injury.side == "left");
    } else {
      table += measure(true);
    }
    table += "\n";
  }
  return table;
}

std::string ReflexTable(const Injury& injury, Rng& rng) {
  bool lumbar = injury.part->key == "lumbar";
  std::vector<std::string> reflexes =
      lumbar ? std::vector<std::string>{"Patellar", "Achilles"}
             : std::vector<std::string>{"Biceps", "Brachioradialis", "Triceps"};
  std::string table = PadTo("DEEP TENDON REFLEXES", 26) + "RIGHT   LEFT\n";
  for (const std::string& reflex : reflexes) {
    std::string right = rng.Chance(0.75) ? "2+" : "1+", left = rng.Chance(0.75) ? "2+" : "1+";
    table += PadTo(reflex, 26) + PadTo(right, 8) + left + "\n";
  }
  return table;
}

void AddExamination(Builder& b, const Case& world, int injury_count, int detail) {
  b.Para(b.rng().Pick(kVitals));
  for (int i = 0; i < injury_count; ++i) {
    const Injury& injury = world.injuries[i];
    b.SetInjuryVars(injury);
    std::vector<std::string> findings =
        PickSome(b.rng(), injury.part->exam_findings, b.rng().Uniform(2, 2 + detail));
    if (injury_count > 1 && b.rng().Chance(0.6)) {
      findings.insert(findings.begin(), Upper(injury.Name()) + ":");
    }
    b.Sentences(findings);
    if (detail >= 3 && b.rng().Chance(0.6)) b.Pre(RangeOfMotionTable(injury, b.rng()));
    bool spine = injury.part->key == "lumbar" || injury.part->key == "cervical";
    if (spine && detail >= 3 && b.rng().Chance(0.4)) b.Pre(ReflexTable(injury, b.rng()));
  }
  b.SetInjuryVars(world.injuries[0]);
}

std::vector<std::string> DiagnosisLines(Builder& b, const Case& world, int injury_count,
                                        bool codes) {
  std::vector<std::string> lines;
  for (int i = 0; i < injury_count; ++i) {
    const Injury& injury = world.injuries[i];
    for (const Diagnosis& dx : PickSome(b.rng(), injury.part->diagnoses, b.rng().Uniform(1, 3))) {
      std::string text = injury.DiagnosisText(dx);
      lines.push_back(codes ? text + " (" + injury.Icd10(dx) + ")" : text);
    }
  }
  if (b.rng().Chance(0.4)) {
    const auto& general = b.rng().Pick(kGeneralDiagnoses);
    lines.push_back(codes ? std::string(general[0]) + " (" + general[1] + ")" : general[0]);
  }
  return lines;
}

std::string MedicationLine(const Medication& med, bool with_sig) {
  return with_sig ? med.name + ", " + med.sig + ", " + med.quantity : med.name;
}

void AddMedicationList(Builder& b, const ClinicalState& state) {
  if (state.medications.empty()) return;
  if (b.rng().Chance(0.5)) {
    for (const Medication& med : state.medications) b.Bullet(MedicationLine(med, true));
    b.Gap();
  } else {
    std::string text;
    for (const Medication& med : state.medications) {
      text += (text.empty() ? "" : "; ") + MedicationLine(med, b.rng().Chance(0.5));
    }
    b.Para(text + ".");
  }
}

void AddPlan(Builder& b, const ClinicalState& state, const std::vector<Request>& requests) {
  for (const Medication& med : PickSome(b.rng(), state.medications, b.rng().Uniform(1, 3))) {
    b.Bullet("{Continue|Refill|Renew} " + MedicationLine(med, true) + ".");
  }
  for (const Request& request : requests) {
    b.Bullet("{Request authorization for|Requesting|RFA submitted for} " +
             LowerFirst(request.text) + ".");
  }
  for (const std::string& line : PickLines(b.rng(), kPlanLines, b.rng().Uniform(1, 3)))
    b.Bullet(line);
  b.Gap();
}

// Changes the clinical state a little between visits: pain drifts and now
// and then a medication is added or stopped.
void DriftState(ClinicalState& state, Rng& rng) {
  state.pain = std::clamp(state.pain + rng.Uniform(-2, 2), 2, 10);
  if (rng.Chance(0.15) && state.medications.size() > 1) {
    state.medications.erase(state.medications.begin() +
                            rng.Uniform(0, state.medications.size() - 1));
  }
  if (rng.Chance(0.15) && state.medications.size() < 6) {
    Filler fill(rng);
    Medication med = rng.Pick(Medications());
    med.sig = fill(med.sig);
    med.quantity = fill(med.quantity);
    bool known = std::any_of(state.medications.begin(), state.medications.end(),
                             [&](const Medication& m) { return m.name == med.name; });
    if (!known) state.medications.push_back(med);
  }
}

void Remember(ClinicalState& state, const Document& doc, std::string title, std::string summary) {
  state.records.push_back({doc.date, std::move(title), doc.author, std::move(summary)});
}

// ---------------------------------------------------------------------------
// Titles by provider role

struct RoleTitles {
  const char* role;
  std::vector<const char*> progress;
  std::vector<const char*> consultation;
};

const std::vector<RoleTitles>& TitlesByRole() {
  static const std::vector<RoleTitles> kTitles = {
      {"ptp",
       {"PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)",
        "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT", "PR-2 Progress Report", "Progress Note",
        "Follow-up Visit", "Treating Physician's Progress Report", "OFFICE VISIT",
        "Occupational Medicine Follow-Up"},
       {"INITIAL EVALUATION", "Primary Treating Physician's Initial Evaluation",
        "Initial Comprehensive Evaluation", "NEW PATIENT EVALUATION"}},
      {"ptp_chiro",
       {"PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)", "Chiropractic Progress Report",
        "Re-Examination", "Progress Note"},
       {"INITIAL CHIROPRACTIC EVALUATION", "Initial Evaluation"}},
      {"pain",
       {"PAIN MANAGEMENT FOLLOW-UP", "Pain Management Progress Report", "Follow-up Visit",
        "Progress Note"},
       {"PAIN MANAGEMENT CONSULTATION", "Initial Pain Medicine Evaluation", "Consultation Report"}},
      {"ortho",
       {"ORTHOPEDIC FOLLOW-UP EVALUATION", "Orthopaedic Progress Note", "Follow-up Visit"},
       {"ORTHOPEDIC CONSULTATION", "Orthopaedic Surgery Consultation",
        "Initial Orthopedic Evaluation", "CONSULTATION"}},
      {"neurosurgery",
       {"NEUROSURGICAL FOLLOW-UP", "Spine Surgery Progress Note", "Follow-up Visit"},
       {"NEUROSURGICAL CONSULTATION", "Spine Surgery Consultation", "Consultation Report"}},
      {"physiatry",
       {"PHYSICAL MEDICINE AND REHABILITATION FOLLOW-UP", "Progress Note"},
       {"PHYSIATRY CONSULTATION", "Initial Physical Medicine Evaluation"}},
      {"psych",
       {"PSYCHOLOGICAL TREATMENT PROGRESS REPORT", "Psychotherapy Progress Note"},
       {"PSYCHOLOGICAL EVALUATION", "Initial Psychological Consultation"}},
      {"chiro",
       {"CHIROPRACTIC PROGRESS REPORT", "Chiropractic Treatment Note", "Re-Examination"},
       {"INITIAL CHIROPRACTIC EXAMINATION", "Chiropractic Initial Evaluation"}},
      {"acupuncture",
       {"ACUPUNCTURE PROGRESS REPORT", "Acupuncture Treatment Record"},
       {"ACUPUNCTURE INITIAL EVALUATION"}},
      {"pt",
       {"PHYSICAL THERAPY PROGRESS NOTE", "Physical Therapy Re-Evaluation", "Daily Note"},
       {"PHYSICAL THERAPY INITIAL EVALUATION", "Initial Evaluation and Plan of Care"}},
      {"internal",
       {"INTERNAL MEDICINE PROGRESS REPORT", "Internal Medicine Follow-Up"},
       {"INTERNAL MEDICINE CONSULTATION", "Internal Medicine Evaluation"}},
  };
  return kTitles;
}

const RoleTitles& TitlesFor(const Provider& provider) {
  for (const RoleTitles& titles : TitlesByRole()) {
    if (provider.role == titles.role) return titles;
  }
  return TitlesByRole()[0];
}

bool IsTherapist(const Provider& provider) {
  return provider.role == "pt" || provider.role == "chiro" || provider.role == "acupuncture";
}

// Letterhead or not, title, and the patient fields every clinical note opens with.
void OpenClinicalNote(Builder& b, const Case& world, const Provider& provider,
                      std::string_view title, std::string_view date_label) {
  if (provider.letterhead) b.Letterhead(provider.office, b.rng().Chance(0.7));
  b.Title(title);
  std::vector<Field> fields = {
      {"Patient", FullName(world.patient)},        {std::string(date_label), b.D(b.doc().date)},
      {"Date of Birth", b.D(world.date_of_birth)}, {"Date of Injury", b.D(world.date_of_injury)},
      {"Employer", world.employer.name},           {"Claim Number", world.claim_number}};
  if (b.rng().Chance(0.4)) fields.push_back({"Insurer", world.claims_administrator.name});
  if (b.rng().Chance(0.3)) fields.erase(fields.begin() + 4);  // no employer line
  b.Fields(fields);
  b.SetSender(provider.office);
  b.Furniture(LastFirst(world.patient));
  if (!provider.letterhead && b.rng().Chance(0.4)) {
    const Organization& office = provider.office;
    b.doc().header_all_pages =
        office.name + "  \u00b7  " + office.address.OneLine() + "  \u00b7  " + office.phone;
  }
}

std::string RoleLine(const Provider& provider) {
  return provider.specialty + (provider.letterhead ? "" : ", " + provider.office.name);
}

void AddTherapyNoteBody(Builder& b, const Case& world) {
  b.Heading("{SUBJECTIVE|S}");
  b.Sentences({world.injuries[0].part->symptoms[0],
               "{He} reports {#10-60}% improvement since starting {treatment|care}.",
               "Pain today is {#2-8}/10."});
  b.Heading("{OBJECTIVE|O}");
  AddExamination(b, world, 1, 1);
  b.Heading("{TREATMENT PROVIDED|TREATMENT|INTERVENTIONS}");
  b.Sentences(
      {"{Therapeutic exercise|Manual therapy|Spinal manipulation|Acupuncture with "
       "electrical stimulation} for {#15-45} minutes{, with {hot packs|ice} afterward|}.",
       "{Neuromuscular re-education|Myofascial release|Cupping} to the {part}.",
       "{He} tolerated the treatment {well|with mild soreness}."});
  b.Heading("{ASSESSMENT|A}");
  b.Para(
      "{Progressing toward goals|Slow progress|Plateau in progress} for {part}; "
      "visit {#2-12} of {#6-12}.");
  b.Heading("{PLAN|P}");
  b.Para(
      "Continue {2|3} times a week for {3|4|6} weeks; {update the home program|re-evaluate "
      "at visit {#6-12}}.");
}

const char* const kPainAssessment[] = {
    "Current pain {#4-9}/10; least pain since the last visit {#2-5}/10; average pain {#4-7}/10.",
    "Pain after taking the medication {#2-5}/10, with relief starting in about {#20-60} minutes "
    "and lasting {#2-6} hours.",
    "{No aberrant drug-related behavior is observed.|There are no early refill requests.|The "
    "opioid agreement signed on {prev} remains in effect.}",
    "Side effects: {none|mild constipation, managed with a stool softener|daytime drowsiness "
    "when the dose is taken early}.",
    "Function on medication: {able to do light housework|walks {#10-30} minutes|can sit through "
    "a meal and a short drive}.",
};

const char* const kReviewOfSystems[] = {
    "Constitutional: {negative for fever or chills|fatigue from poor sleep}.",
    "Gastrointestinal: {negative|occasional heartburn|constipation on pain medication}.",
    "Neurological: {numbness as noted above|no headaches or dizziness}.",
    "Psychiatric: {stress and low mood related to pain|negative|anxiety}.",
    "Musculoskeletal: as in the history of present illness.",
};

const char* const kEducation[] = {
    "We discussed body mechanics, pacing and the importance of the home exercise program.",
    "The patient was counseled on safe storage of medication and not to drive when drowsy.",
    "We reviewed the plan and the reasons for each request; questions were answered.",
};

// Optional sections a longer report adds: what the records show, how the
// pain medication is doing, systems, counseling.
void AddOptionalSections(Builder& b, const ClinicalState& state, int detail) {
  if (detail >= 2 && !state.records.empty()) {
    b.Heading("{REVIEW OF RECORDS|RECORDS REVIEWED|INTERIM RECORDS}");
    b.Sentences(RecordNarrative(b, state, b.rng().Uniform(2, 3 + 2 * detail)));
  }
  bool opioid = std::any_of(state.medications.begin(), state.medications.end(),
                            [](const Medication& m) { return m.drug_class == "opioid"; });
  if (opioid && b.rng().Chance(0.6)) {
    b.Heading("{PAIN ASSESSMENT|OPIOID MONITORING|MEDICATION MANAGEMENT}");
    b.Sentences(PickLines(b.rng(), kPainAssessment, b.rng().Uniform(3, 5)));
  }
  if (b.rng().Chance(0.35)) {
    b.Heading("REVIEW OF SYSTEMS");
    b.Lines(PickLines(b.rng(), kReviewOfSystems, b.rng().Uniform(3, 5)));
  }
  if (b.rng().Chance(0.25)) {
    b.Heading("{PATIENT EDUCATION|COUNSELING}");
    b.Para(b.rng().Pick(kEducation));
  }
}

void AddPhysicianNoteBody(Builder& b, const Case& world, ClinicalState& state,
                          const std::vector<Request>& requests, int injury_count, int detail) {
  b.Heading("{INTERVAL HISTORY|SUBJECTIVE|HISTORY OF PRESENT ILLNESS|SUBJECTIVE COMPLAINTS}");
  AddSubjective(b, world, injury_count);
  if (detail > 0) AddRecordMentions(b, state);
  if (detail > 1 || b.rng().Chance(0.5)) {
    b.Heading("{CURRENT MEDICATIONS|MEDICATIONS}");
    AddMedicationList(b, state);
  }
  AddOptionalSections(b, state, detail);
  b.Heading("{OBJECTIVE|PHYSICAL EXAMINATION|OBJECTIVE FINDINGS|EXAMINATION}");
  AddExamination(b, world, injury_count, detail);
  b.Heading("{DIAGNOSES|ASSESSMENT|IMPRESSION|DIAGNOSIS}");
  b.Numbered(DiagnosisLines(b, world, injury_count, b.rng().Chance(0.7)));
  if (detail > 1) {
    b.Heading("{DISCUSSION|MEDICAL DECISION MAKING}");
    b.Sentences(
        {"{Mr} {continues to have|still has} {complaint} {despite|in spite of} "
         "conservative care.",
         "{The findings are unchanged from the last visit.|The examination shows "
         "{slight|some} improvement.|The findings are somewhat worse than last time.}",
         "{The goal is to {reduce medication use|restore function|return {him} to "
         "work}.|Further treatment is aimed at functional gains, not pain scores "
         "alone.}"});
  }
  b.Heading("{TREATMENT PLAN|PLAN|RECOMMENDATIONS|TREATMENT}");
  AddPlan(b, state, requests);
  b.Heading("WORK STATUS");
  b.Para(b.rng().Pick(kWorkStatuses));
}

// A consultation's history: why the patient came, the injury, the care so
// far, the complaints today.
void AddConsultationHistory(Builder& b, const Case& world, const ClinicalState& state) {
  const int injury_count = static_cast<int>(world.injuries.size());
  b.Heading("{REASON FOR REFERRAL|REASON FOR CONSULTATION|CHIEF COMPLAINT}");
  b.Para(
      "{Evaluation of {complaint} at the request of {referrer}.|{Mr} was referred by "
      "{referrer} for {complaint}.|{Complaint|Chief complaint}: {complaint}.}");
  b.Heading("{HISTORY OF PRESENT ILLNESS|HISTORY OF INJURY|HISTORY}");
  b.Sentences(
      {"{Mr} is a {age}-year-old {hand} {male} {occupation} for {employer} who "
       "{was injured|reports an injury} on {doi} {mechanism}.",
       "{He} {reported the injury to {his} supervisor|was sent to the company "
       "clinic|went to urgent care} {the same day|the next morning|within the week}.",
       "Treatment so far has included {medication, physical therapy and modified "
       "duty|chiropractic care and medication|rest, medication and a home exercise "
       "program}."});
  AddSubjective(b, world, injury_count, /*follow_up=*/false);
  AddRecordMentions(b, state);
  if (!state.records.empty()) {
    b.Heading("{TREATMENT TO DATE|PRIOR TREATMENT|HISTORY OF TREATMENT}");
    b.Sentences(RecordNarrative(b, state, b.rng().Uniform(6, 30)));
  }
  b.Heading("{CURRENT SYMPTOMS|PRESENT COMPLAINTS}");
  for (int i = 0; i < injury_count; ++i) {
    b.SetInjuryVars(world.injuries[i]);
    b.Sentences(PickSome(b.rng(), world.injuries[i].part->symptoms, 3));
  }
  b.SetInjuryVars(world.injuries[0]);
  b.Sentences(PickLines(b.rng(), kFunctionLines, 3));
}

// Past history, medications, allergies, family, work and social history, systems.
void AddBackgroundHistory(Builder& b, const ClinicalState& state) {
  b.Heading("PAST MEDICAL HISTORY");
  b.Para(
      "{Hypertension, controlled.|No chronic medical problems.|Type 2 diabetes, on "
      "metformin.|Hypothyroidism, on levothyroxine.|Asthma as a child.} {No prior injury to "
      "the {part}.|A prior {part} strain in {#2001-2008} resolved fully.}");
  b.Heading("{PAST SURGICAL HISTORY|SURGICAL HISTORY}");
  b.Para("{None.|Appendectomy.|Cholecystectomy.|Cesarean section.|Tonsillectomy as a child.}");
  b.Heading("MEDICATIONS");
  AddMedicationList(b, state);
  b.Heading("ALLERGIES");
  b.Para(
      "{No known drug allergies.|Penicillin (rash).|Sulfa drugs (hives).|Codeine "
      "(nausea).}");
  b.Heading("FAMILY HISTORY");
  b.Para(
      "{Mother with diabetes; father with hypertension.|Noncontributory.|Father had back "
      "surgery in his fifties.|No family history of arthritis or spine disease.}");
  b.Heading("{WORK HISTORY|OCCUPATIONAL HISTORY}");
  b.Para(
      "{He} has worked as {a_occupation} for {employer} for {#1-20} years. The job "
      "involves {lifting and carrying|standing and walking|repetitive hand use|bending and "
      "reaching} for most of the shift. {He} {is off work|works modified duty|works full "
      "duty} at present.");
  b.Heading("SOCIAL HISTORY");
  b.Para(
      "{Married|Single|Divorced|Lives with a partner}, {#0-4} children. {Does not "
      "smoke.|Smokes {#3-10} cigarettes a day.|Former smoker.} {Drinks alcohol "
      "socially.|Does not drink alcohol.}");
  if (b.rng().Chance(0.6)) {
    b.Heading("REVIEW OF SYSTEMS");
    b.Lines({"Constitutional: {no fever or weight loss|fatigue}.",
             "Cardiovascular: {no chest pain|negative}.",
             "Gastrointestinal: {no abdominal pain|occasional heartburn with NSAIDs}.",
             "Neurological: {numbness as above|no headaches|headaches as above}.",
             "Psychiatric: {sleep disturbance|stress related to pain|negative}."});
  }
}

// Examination, studies, impression and discussion.
void AddConsultationFindings(Builder& b, const Case& world, const ClinicalState& state) {
  const int injury_count = static_cast<int>(world.injuries.size());
  b.Heading("{PHYSICAL EXAMINATION|EXAMINATION|OBJECTIVE FINDINGS}");
  AddExamination(b, world, injury_count, 3);
  b.Heading("{DIAGNOSTIC STUDIES|RECORDS REVIEWED|IMAGING REVIEWED}");
  if (state.records.empty()) {
    b.Para("No prior studies were available for review today.");
  } else {
    const RecordNote& note = state.records[b.rng().Uniform(0, state.records.size() - 1)];
    b.Para("{I reviewed|Reviewed today:} the records available, including the " + note.title +
           " dated " + b.D(note.date) + ".");
  }
  b.Heading("{IMPRESSION|DIAGNOSES|ASSESSMENT}");
  b.Numbered(DiagnosisLines(b, world, injury_count, b.rng().Chance(0.7)));
  b.Heading("{DISCUSSION|ASSESSMENT AND DISCUSSION}");
  b.Sentences({"{Mr} has {complaint} that began with the work injury of {doi}.",
               "{The history and examination are consistent with the diagnoses above.|The "
               "findings on examination match the reported symptoms.}",
               "{He} has had {medication, therapy and activity modification|several months of "
               "conservative care} with {partial|limited|temporary} benefit.",
               "{I discussed the options, including continued conservative care, injections and "
               "surgical consultation.|The next steps are aimed at restoring function and "
               "reducing reliance on medication.}",
               "{The mechanism of injury described is consistent with the current "
               "complaints.|Causation is deferred to the primary treating physician and the "
               "medical-legal evaluator.}"});
}

}  // namespace

ClinicalState StartState(Rng& rng) {
  ClinicalState state;
  state.pain = rng.Uniform(5, 9);
  Filler fill(rng);
  for (const Medication& row : PickSome(rng, Medications(), rng.Uniform(2, 4))) {
    Medication med = row;
    med.sig = fill(med.sig);
    med.quantity = fill(med.quantity);
    state.medications.push_back(med);
  }
  return state;
}

Document WriteProgressReport(const Case& world, ClinicalState& state, const Provider& provider,
                             Date date, const std::vector<Request>& requests, Rng& rng) {
  DriftState(state, rng);
  Builder b(world, rng, DocType::kProgressReport, IsTherapist(provider) ? "therapy_note" : "pr2",
            date, provider.date_style);
  const RoleTitles& titles = TitlesFor(provider);
  OpenClinicalNote(b, world, provider, rng.Pick(titles.progress),
                   rng.Pick({"Date of Service", "DOS", "Visit Date", "Date of Exam", "Date"}));
  if (IsTherapist(provider)) {
    AddTherapyNoteBody(b, world);
  } else {
    int injury_count = rng.Uniform(1, static_cast<int>(world.injuries.size()));
    int detail = rng.Uniform(0, 3);
    if (provider.role == "ptp" && rng.Chance(0.3)) {
      b.Para(
          "Reason for report: [X] Periodic report  [ ] Change in work status  [ ] Need for "
          "referral  [" +
          std::string(requests.empty() ? " " : "X") + "] Request for authorization");
    }
    AddPhysicianNoteBody(b, world, state, requests, injury_count, detail);
  }
  if (rng.Chance(0.3)) {
    b.Para(
        "{I personally examined the patient and this report reflects my own findings.|I "
        "declare under penalty of perjury under the laws of the State of California that "
        "this report is true and correct to the best of my knowledge.|The above findings "
        "were obtained by me on the date shown.}");
  }
  b.Signature(provider.person, RoleLine(provider), date.Plus(rng.Uniform(0, 3)));
  Document doc = std::move(b).Take();
  Remember(
      state, doc, IsTherapist(provider) ? provider.specialty + " note" : "Progress Report",
      (IsTherapist(provider) ? "recorded a treatment visit with pain of " : "documented pain of ") +
          std::to_string(state.pain) + "/10");
  return doc;
}

Document WriteConsultation(const Case& world, ClinicalState& state, const Provider& provider,
                           Date date, Rng& rng) {
  Builder b(world, rng, DocType::kConsultation, "consultation", date, provider.date_style);
  b.fill().Set("referrer", PrintedName(world.ptp.person, rng));
  OpenClinicalNote(b, world, provider, rng.Pick(TitlesFor(provider).consultation),
                   rng.Pick({"Date of Evaluation", "Date of Service", "Date of Consultation"}));
  AddConsultationHistory(b, world, state);
  AddBackgroundHistory(b, state);
  AddConsultationFindings(b, world, state);
  b.Heading("{RECOMMENDATIONS|PLAN|DISCUSSION AND RECOMMENDATIONS}");
  AddPlan(b, state, ProposeRequests(world, state, provider, rng));
  b.Heading("WORK STATUS");
  b.Para(rng.Pick(kWorkStatuses));
  b.Para(
      "{Thank you for this referral.|Thank you for allowing me to participate in the care of "
      "this patient.|I will see {him} again in {four|six} weeks.}");
  b.Signature(provider.person, RoleLine(provider), date.Plus(rng.Uniform(0, 7)));
  Document doc = std::move(b).Take();
  Remember(state, doc, provider.specialty + " Consultation",
           "evaluated " + world.injuries[0].Complaint() + " and made recommendations");
  return doc;
}

// ---------------------------------------------------------------------------
// Requests, utilization review and independent medical review

namespace {

const char* const kOutcomeNames[][3] = {
    // certified, modified, non-certified: the words a UR letter uses
    {"Certified", "Modified", "Non-certified"},
    {"Approved", "Modified", "Denied"},
    {"Certified", "Partially certified", "Not certified"},
};

// What the guidelines ask for, by request category.
const std::map<std::string, std::vector<std::string>>& CriteriaByCategory() {
  static const std::map<std::string, std::vector<std::string>> kCriteria = {
      {"imaging",
       {"Imaging is supported when there are objective neurological findings or red flags, or "
        "when surgery or an invasive procedure is being considered.",
        "Repeat imaging is reserved for a significant change in symptoms or findings."}},
      {"therapy",
       {"The guidelines allow a course of therapy that tapers to a home program; further "
        "visits depend on documented functional improvement.",
        "Up to {6|8|10} visits are supported for this condition, with more only after "
        "objective gains."}},
      {"opioid",
       {"Continued opioid use requires documented pain relief, functional gains, monitoring for "
        "misuse and a plan for tapering.",
        "Long-term opioid therapy calls for an agreement, drug testing and regular review of "
        "the four domains of pain relief, function, side effects and aberrant behavior."}},
      {"medication",
       {"This class of medication is recommended for short courses with documented benefit.",
        "The medication is a second-line option after first-line agents have been tried."}},
      {"injection",
       {"Injections are supported for radicular pain confirmed on examination and imaging after "
        "conservative care has failed.",
        "A repeat injection requires at least 50% relief lasting six to eight weeks after the "
        "prior one."}},
      {"surgery",
       {"Surgery is considered when imaging shows a lesion that matches the examination and at "
        "least three months of conservative care have failed.",
        "The criteria include persistent symptoms, matching findings and a failed course of "
        "therapy and injections."}},
      {"dme",
       {"Equipment is supported when it is part of an active program of functional "
        "restoration."}},
      {"psych",
       {"Psychological treatment is recommended for chronic pain, starting with a trial of "
        "sessions and continuing with evidence of improvement."}},
      {"lab", {"Drug testing is supported for patients on opioids, at a frequency based on risk."}},
      {"program",
       {"A program is supported when prior treatment has failed, the patient is motivated and "
        "negative predictors of success have been addressed."}},
      {"consult",
       {"A referral is appropriate when the diagnosis is uncertain or the course of care is "
        "complex."}},
  };
  return kCriteria;
}

const char* const kNonCertifiedReasons[] = {
    "The records do not document {objective functional improvement|a focal neurological "
    "deficit|a trial of first-line treatment|a plan for tapering|red flag findings}.",
    "{There is no documentation of|The submitted notes do not describe} {the results of prior "
    "treatment|how the request would change the plan|measurable goals}.",
    "{The request exceeds the number of visits the guidelines support.|The medication has been "
    "used longer than the guidelines recommend.|The examination findings do not match the "
    "imaging.}",
};
const char* const kCertifiedReasons[] = {
    "The records document {findings that meet the criteria|failed conservative care and "
    "matching findings|a clear benefit from prior treatment}.",
    "{The request is consistent with the guidelines.|Medical necessity is established.}",
};

std::string GuidelineFor(Filler& fill, Rng& rng, const std::string& category) {
  std::vector<std::string> citations;
  for (const Guideline& guideline : Guidelines()) {
    if (guideline.category == category) citations.push_back(guideline.citation);
  }
  if (citations.empty()) return "MTUS Chronic Pain Medical Treatment Guidelines";
  return fill(rng.Pick(citations));
}

std::string Rationale(Filler& fill, Rng& rng, const Decision& decision) {
  std::string text = fill(rng.Pick(CriteriaByCategory().at(decision.request.category)));
  if (decision.outcome == Outcome::kCertified) {
    text += " " + fill(rng.Pick(kCertifiedReasons));
    text += fill(" {Therefore|Accordingly}, the request is medically necessary.");
  } else if (decision.outcome == Outcome::kModified) {
    text += " " + fill(rng.Pick(kNonCertifiedReasons));
    text += " A shorter course is reasonable: " + decision.modified_to +
            " is certified and the remainder is not.";
  } else {
    text += " " + fill(rng.Pick(kNonCertifiedReasons));
    text += fill(
        " {Therefore|For these reasons|Accordingly}, the request is not medically "
        "necessary{ at this time|}.");
  }
  return text;
}

// The request, trimmed to a smaller quantity where it has one.
std::string ModifiedVersion(const Request& request, Rng& rng) {
  const std::string& text = request.text;
  for (const char* from : {"2x6", "2x4", "#120", "#90", "6 sessions", "80 hours", "series of 3"}) {
    size_t at = text.find(from);
    if (at == std::string::npos) continue;
    static const std::map<std::string, std::vector<std::string>> kSmaller = {
        {"2x6", {"2x3", "1x6", "2x4"}},
        {"2x4", {"2x2", "1x4"}},
        {"#120", {"#60", "#90"}},
        {"#90", {"#45", "#60"}},
        {"6 sessions", {"4 sessions", "3 sessions"}},
        {"80 hours", {"40 hours", "20 hours"}},
        {"series of 3", {"single injection"}}};
    std::string smaller = text;
    smaller.replace(at, std::string(from).size(), rng.Pick(kSmaller.at(from)));
    return smaller;
  }
  return text + ", one time only";
}

void AddRequestFromStudy(const Case& world, int injury, Rng& rng, std::vector<Request>& out) {
  const Injury& inj = world.injuries[injury];
  const Study& study = rng.Pick(inj.part->studies);
  out.push_back({inj.Expand(study.request), study.cpt, "imaging", injury});
}

void AddRequestFromProcedure(const Case& world, int injury, bool surgery, Rng& rng,
                             std::vector<Request>& out) {
  const Injury& inj = world.injuries[injury];
  for (const Procedure& procedure : inj.part->procedures) {
    if (procedure.surgery != surgery) continue;
    out.push_back(
        {inj.Expand(procedure.name), procedure.cpt, surgery ? "surgery" : "injection", injury});
    if (rng.Chance(0.5)) return;
  }
}

void AddRequestFromTherapy(const Case& world, int injury, Rng& rng, std::vector<Request>& out) {
  const Injury& inj = world.injuries[injury];
  std::string therapy = inj.Expand(rng.Pick(inj.part->therapies));
  bool equipment = therapy.find("2x") == std::string::npos;
  out.push_back({therapy, equipment ? "E1399" : "97110", equipment ? "dme" : "therapy", injury});
}

void AddRequestFromMedication(const ClinicalState& state, Rng& rng, std::vector<Request>& out) {
  if (state.medications.empty()) return;
  const Medication& med = rng.Pick(state.medications);
  std::string category = med.drug_class == "opioid" ? "opioid" : "medication";
  out.push_back({med.name + " " + med.quantity, "", category, 0});
}

void AddGeneralRequest(Rng& rng, std::vector<Request>& out) {
  const GeneralRequest& request = rng.Pick(GeneralRequests());
  out.push_back({request.text, request.code, request.category, 0});
}

using OutcomeWords = const char* const[3];

// Letterhead, title, date, the requesting physician's address, the claim
// fields and what was reviewed.
void AddUrLetterTop(Builder& b, const Case& world, const UrInfo& ur) {
  const Provider& reviewer = *ur.reviewer;
  const Provider& md = *ur.rfa.requester;
  if (b.rng().Chance(0.8)) b.Letterhead(reviewer.office, true);
  b.Title(
      "{NOTICE OF UTILIZATION REVIEW DETERMINATION|Utilization Review Decision|UTILIZATION "
      "REVIEW DETERMINATION|Notice of Utilization Review Decision}");
  b.Para("{Date of notice|Date|Notice date}: " + b.D(ur.date));
  b.Para(FullName(md.person) + ", " + md.person.credential + "\n" + md.office.name + "\n" +
         md.office.address.street + "\n" + md.office.address.CityLine());
  b.Fields({{"Employee", FullName(world.patient)},
            {"UR Reference", ur.reference},
            {"Claim Number", world.claim_number},
            {"Date of Injury", b.D(world.date_of_injury)},
            {"RFA Received", b.D(ur.rfa.date.Plus(1))},
            {"Review Type", b.rng().Pick({"Prospective", "Prospective", "Concurrent"})}});
  b.Para(reviewer.office.name +
         " {performed utilization review of|reviewed} the Request for "
         "Authorization dated " +
         b.D(ur.rfa.date) + " {on behalf of|for} " + world.claims_administrator.name +
         ". A physician reviewer compared the request and "
         "the {medical records|submitted reports} with the Medical Treatment Utilization "
         "Schedule (MTUS) {and other evidence-based guidelines|}.");
}

void AddUrSummary(Builder& b, const UrInfo& ur, const OutcomeWords& words) {
  b.Heading("{SUMMARY OF DECISIONS|DETERMINATION|DECISION SUMMARY}");
  for (const Decision& decision : ur.decisions) {
    std::string outcome = words[static_cast<int>(decision.outcome)];
    if (decision.outcome == Outcome::kModified) outcome += " to " + decision.modified_to;
    b.Bullet(decision.request.text + ": " + outcome);
  }
  b.Gap();
}

// The records the reviewer read, and the attempt to reach the physician.
void AddUrRecordsReviewed(Builder& b, const ClinicalState& state, const UrInfo& ur) {
  if (!state.records.empty() && b.rng().Chance(0.7)) {
    b.Heading("{RECORDS REVIEWED|DOCUMENTS REVIEWED}");
    size_t count = std::min<size_t>(state.records.size(), b.rng().Uniform(2, 10));
    for (size_t i = state.records.size() - count; i < state.records.size(); ++i) {
      const RecordNote& note = state.records[i];
      b.Bullet(note.title + (note.author.empty() ? "" : ", " + note.author) + ", " +
               b.D(note.date));
    }
    b.Gap();
  }
  if (b.rng().Chance(0.5)) {
    b.Heading("{PEER-TO-PEER CONTACT|PEER DISCUSSION}");
    b.Para("{A call to the requesting physician's office on " + b.D(ur.date.Plus(-1)) +
           " was not returned before the decision was due.|The reviewer spoke with the "
           "requesting physician on " +
           b.D(ur.date.Plus(-1)) +
           "; no new information was "
           "offered.|Peer-to-peer contact was attempted twice without success.}");
  }
}

// The clinical summary, then each request with its decision, guideline and rationale.
void AddUrDecisions(Builder& b, const Case& world, const UrInfo& ur, const OutcomeWords& words) {
  b.Heading("{CLINICAL SUMMARY|CLINICAL INFORMATION REVIEWED|MEDICAL RECORDS REVIEWED}");
  b.Para(
      "The employee is a {age}-year-old {male} {occupation} injured on {doi} {mechanism}. "
      "{The report of " +
      b.D(ur.rfa.date) +
      " describes {complaint} rated {#4-9}/10.|Recent "
      "notes describe ongoing {complaint}.} " +
      world.injuries[0].part->exam_findings[0]);
  for (size_t i = 0; i < ur.decisions.size(); ++i) {
    const Decision& decision = ur.decisions[i];
    b.SetInjuryVars(world.injuries[decision.request.injury]);
    b.Heading("{REQUEST|Request|ITEM} " + std::to_string(i + 1) + ": " + decision.request.text);
    b.Para("Decision: " + std::string(words[static_cast<int>(decision.outcome)]));
    b.Para("{Guideline|Guidelines cited|Criteria used}: " + decision.guideline + ".");
    b.Para("Rationale: " + Rationale(b.fill(), b.rng(), decision));
  }
}

// The reviewer's signature, appeal rights and copies.
void AddUrClosing(Builder& b, const Case& world, const Provider& reviewer, Date date) {
  b.Heading("{PHYSICIAN REVIEWER|REVIEWER}");
  b.Signature(reviewer.person, reviewer.specialty + ", Physician Reviewer", date);
  b.Para(
      "{If you disagree with this decision|To dispute this decision}, the employee may "
      "request Independent Medical Review by filing the enclosed Application for "
      "Independent Medical Review (DWC Form IMR) within 30 days of {the date of this "
      "notice|receipt of this letter}.");
  if (b.rng().Chance(0.6)) {
    b.Para("cc: " + FullName(world.patient) + "; " + world.claims_administrator.name +
           (world.represented ? "; " + world.applicant_attorney.name : ""));
  }
}

}  // namespace

std::vector<Decision> DecideRequests(const Case& world, const std::vector<Request>& requests,
                                     Rng& rng) {
  std::vector<Decision> decisions;
  Filler fill(rng);
  for (const Request& request : requests) {
    const Injury& injury = world.injuries[request.injury];
    fill.Set("acoem", injury.part->acoem);
    fill.Set("odg", injury.part->odg);
    Decision decision{request, Outcome::kNonCertified, "",
                      GuidelineFor(fill, rng, request.category)};
    double draw = rng.Uniform(0, 99) / 100.0;
    if (draw < 0.35) {
      decision.outcome = Outcome::kCertified;
    } else if (draw < 0.55) {
      decision.outcome = Outcome::kModified;
      decision.modified_to = ModifiedVersion(request, rng);
    }
    decisions.push_back(decision);
  }
  return decisions;
}

std::vector<Request> ProposeRequests(const Case& world, const ClinicalState& state,
                                     const Provider& provider, Rng& rng) {
  std::vector<Request> requests;
  int count = rng.Chance(0.5) ? 1 : rng.Uniform(2, 3);
  bool surgeon = provider.role == "ortho" || provider.role == "neurosurgery";
  for (int i = 0; i < count; ++i) {
    int injury = rng.Uniform(0, static_cast<int>(world.injuries.size()) - 1);
    if (IsTherapist(provider)) {
      AddRequestFromTherapy(world, injury, rng, requests);
      continue;
    }
    if (provider.role == "psych") {
      requests.push_back({"Cognitive behavioral therapy, 6 sessions", "90837", "psych", 0});
      break;
    }
    switch (rng.Uniform(0, 6)) {
      case 0:
        AddRequestFromStudy(world, injury, rng, requests);
        break;
      case 1:
        AddRequestFromProcedure(world, injury, surgeon && rng.Chance(0.7), rng, requests);
        break;
      case 2:
      case 3:
        AddRequestFromMedication(state, rng, requests);
        break;
      case 4:
        AddGeneralRequest(rng, requests);
        break;
      default:
        AddRequestFromTherapy(world, injury, rng, requests);
        break;
    }
  }
  // One request per text: an RFA does not ask twice.
  std::vector<Request> unique;
  for (const Request& request : requests) {
    bool seen = std::any_of(unique.begin(), unique.end(),
                            [&](const Request& r) { return r.text == request.text; });
    if (!seen) unique.push_back(request);
  }
  return unique;
}

Document WriteRfa(const Case& world, ClinicalState& state, const RfaInfo& rfa, Rng& rng) {
  const Provider& md = *rfa.requester;
  Builder b(world, rng, DocType::kRfa, "rfa", rfa.date, md.date_style);
  b.SetSender(md.office);
  b.Title(
      "{REQUEST FOR AUTHORIZATION|Request for Authorization for Medical Treatment (DWC Form "
      "RFA)|DWC FORM RFA - REQUEST FOR AUTHORIZATION|REQUEST FOR AUTHORIZATION (RFA)}");
  b.Para(
      "{DWC Form RFA\nState of California, Division of Workers' Compensation|State of "
      "California - Division of Workers' Compensation\nRequest for Authorization}");
  b.Para(
      "Request type: [X] New request   [ ] Resubmission - change in material facts   [ ] "
      "Expedited review");
  b.Para("{Date of request|Date|RFA date}: " + b.D(rfa.date));
  b.Heading("{EMPLOYEE INFORMATION|Employee Information}");
  b.Fields({{"Name", LastFirst(world.patient)},
            {"Date of Injury", b.D(world.date_of_injury)},
            {"Date of Birth", b.D(world.date_of_birth)},
            {"Claim Number", world.claim_number},
            {"Employer", world.employer.name}});
  b.Heading("{REQUESTING PHYSICIAN INFORMATION|Requesting Physician Information}");
  b.Fields({{"Name", FullName(md.person) + ", " + md.person.credential},
            {"Specialty", md.specialty},
            {"Practice", md.office.name},
            {"Phone", md.office.phone},
            {"Address", md.office.address.OneLine()},
            {"Fax", md.office.fax}});
  b.Heading("{CLAIMS ADMINISTRATOR INFORMATION|Claims Administrator Information}");
  b.Fields({{"Company", world.claims_administrator.name},
            {"Contact", FullName(world.adjuster)},
            {"Address", world.claims_administrator.address.OneLine()},
            {"Fax", world.claims_administrator.fax}});
  b.Heading("{REQUESTED TREATMENT|Requested Treatment}");
  const Injury& injury = world.injuries[rfa.requests.empty() ? 0 : rfa.requests[0].injury];
  const Diagnosis& dx = injury.part->diagnoses[0];
  b.Para("Diagnosis: " + injury.DiagnosisText(dx) + ". ICD-10: " + injury.Icd10(dx));
  for (size_t i = 0; i < rfa.requests.size(); ++i) {
    const Request& request = rfa.requests[i];
    std::string code = request.code.empty() ? "" : ", code " + request.code;
    b.Para(std::to_string(i + 1) + ". " + request.text + code + ".\nOther information: " +
           "{see the attached report of {date}|{symptoms persist despite conservative "
           "care|needed to continue functional gains|prior course helped}}.");
  }
  b.Heading("{REQUESTING PHYSICIAN SIGNATURE|Requesting Physician Signature}");
  b.Signature(md.person, md.specialty, rfa.date);
  b.Heading("{CLAIMS ADMINISTRATOR/URO RESPONSE|Claims Administrator Response}");
  b.Para(
      "[ ] Approved   [ ] Denied or modified (see separate decision letter)   [ ] Delay\n"
      "Authorization number: ____________   Date: ____________");
  Document doc = std::move(b).Take();
  std::string asked;
  for (const Request& request : rfa.requests) asked += (asked.empty() ? "" : "; ") + request.text;
  Remember(state, doc, "Request for Authorization", "requested " + LowerFirst(asked));
  return doc;
}

Document WriteUrDetermination(const Case& world, ClinicalState& state, const UrInfo& ur, Rng& rng) {
  Builder b(world, rng, DocType::kUrDetermination, "ur_letter", ur.date, ur.reviewer->date_style);
  b.SetSender(ur.reviewer->office);
  const OutcomeWords& words = rng.Pick(kOutcomeNames);
  AddUrLetterTop(b, world, ur);
  AddUrSummary(b, ur, words);
  AddUrRecordsReviewed(b, state, ur);
  AddUrDecisions(b, world, ur, words);
  AddUrClosing(b, world, *ur.reviewer, ur.date);
  b.Furniture("UR Ref. " + ur.reference);
  Document doc = std::move(b).Take();
  int denied = 0;
  for (const Decision& decision : ur.decisions) denied += decision.outcome != Outcome::kCertified;
  Remember(state, doc, "Utilization Review determination",
           denied == 0 ? "certified the request" : "did not certify all of the requests");
  return doc;
}

Document WriteImrApplication(const Case& world, ClinicalState& state, const ImrInfo& imr,
                             Rng& rng) {
  Builder b(world, rng, DocType::kOther, "imr_application", imr.application_date,
            DateStyle::kSlash);
  b.Title(
      "{APPLICATION FOR INDEPENDENT MEDICAL REVIEW|Application for Independent Medical "
      "Review (DWC Form IMR)|DWC FORM IMR}");
  b.Para("State of California, Division of Workers' Compensation");
  b.Heading("{EMPLOYEE|Employee Information}");
  b.Fields({{"Name", FullName(world.patient)},
            {"Date of Injury", b.D(world.date_of_injury)},
            {"Address", world.patient_address.OneLine()},
            {"Claim Number", world.claim_number}});
  b.Heading("{CLAIMS ADMINISTRATOR|Claims Administrator}");
  b.Fields({{"Name", world.claims_administrator.name},
            {"Adjuster", FullName(world.adjuster)},
            {"Phone", world.claims_administrator.phone}});
  b.Heading("{UTILIZATION REVIEW DECISION IN DISPUTE|Decision in Dispute}");
  b.Fields({{"Date of UR decision", b.D(imr.ur.date)},
            {"UR reference", imr.ur.reference},
            {"Requesting physician", FullName(imr.ur.rfa.requester->person)}});
  b.Para("Treatment in dispute:");
  for (const Decision& decision : imr.ur.decisions) {
    if (decision.outcome != Outcome::kCertified) b.Bullet(decision.request.text);
  }
  b.Gap();
  b.Para(
      "{I request|The employee requests} independent medical review of the decision above. "
      "A copy of the utilization review decision is attached.");
  b.Para("Date: " + b.D(imr.application_date));
  const Person& signer = world.represented && rng.Chance(0.6) ? world.attorney : world.patient;
  b.Signature(signer,
              signer.credential.empty()
                  ? "Employee"
                  : "Attorney for the employee, " + world.applicant_attorney.name,
              imr.application_date);
  b.doc().sender_name = world.represented ? world.applicant_attorney.name : world.patient.last;
  b.doc().sender_fax = world.represented ? world.applicant_attorney.fax : "";
  if (rng.Chance(0.5)) b.doc().footer = "DWC Form IMR (Rev.) {page}/{pages}";
  Document doc = std::move(b).Take();
  Remember(state, doc, "Application for Independent Medical Review",
           "disputed the decision of " + b.D(imr.ur.date));
  return doc;
}

namespace {

// A notice page addressed to the employee, before the letter proper.
void AddImrNoticePage(Builder& b, const Case& world, const ImrInfo& imr) {
  b.Para(b.D(imr.decision_date) + "\n\n" + FullName(world.patient) + "\n" +
         world.patient_address.street + "\n" + world.patient_address.CityLine());
  b.Para("{RE|Re}: IMR Case Number " + imr.case_number + "\nClaim Number " + world.claim_number);
  b.Para("{Dear|To} {Mr}:\n\n" + world.imr_organization.name +
         " has completed the Independent "
         "Medical Review you asked for. The final determination and the reasons for it are in "
         "the pages that follow. {A copy goes to the claims administrator and the requesting "
         "physician.|The claims administrator and your physician have been sent a copy.}");
  b.Para("cc: " + world.claims_administrator.name + "; " + FullName(imr.ur.rfa.requester->person) +
         ", " + imr.ur.rfa.requester->person.credential);
  b.Add(BlockKind::kPageBreak, "");
}

// The organization's name, the title, the case fields and the opening.
void AddImrHeading(Builder& b, const Case& world, const ImrInfo& imr) {
  if (b.rng().Chance(0.5)) {
    b.Para(Upper(world.imr_organization.name) + "\nIndependent Medical Review\n" +
           world.imr_organization.address.street + ", " +
           world.imr_organization.address.CityLine());
  }
  b.Title(
      "{Independent Medical Review Final Determination Letter|FINAL DETERMINATION LETTER|"
      "IMR FINAL DETERMINATION|Notice of Independent Medical Review Final Determination}");
  b.Fields({{"IMR Case Number", imr.case_number},
            {"Date of Injury", b.D(world.date_of_injury)},
            {"Application Received", b.D(imr.application_date.Plus(b.rng().Uniform(1, 6)))},
            {"UR Denial Date", b.D(imr.ur.date)},
            {"Decision Date", b.D(imr.decision_date)},
            {"Priority", b.rng().Pick({"Standard", "Standard", "Expedited"})}});
  b.Para("{Dear|To} {Mr} and {the claims administrator|all parties}:");
  b.Para(world.imr_organization.name +
         " {has completed|completed} the Independent Medical "
         "Review {of the disputed treatment|requested for this case}. An expert reviewer "
         "{licensed in California|with no ties to the parties} and {board certified in|trained "
         "in} {Orthopedic Surgery|Physical Medicine and Rehabilitation|Pain Medicine|Family "
         "Medicine} {read the whole case file|reviewed the records submitted by the parties}.");
}

void AddImrCaseSummary(Builder& b, const Case& world, const ClinicalState& state,
                       const ImrInfo& imr) {
  b.Heading("{CLINICAL CASE SUMMARY|CASE SUMMARY|SUMMARY OF THE CASE}");
  b.Sentences(
      {"The patient is a {age}-year-old {male} {occupation} who was injured on {doi} "
       "{mechanism}.",
       world.injuries[0].part->symptoms[0], world.injuries[0].part->exam_findings[0]});
  b.Sentences(RecordNarrative(b, state, b.rng().Uniform(3, 9)));
  b.Sentences({"Utilization review on " + b.D(imr.ur.date) +
                   " did not certify the requests "
                   "below, and an application for review was filed on " +
                   b.D(imr.application_date) + ".",
               "{The reviewer read the records listed in the case file.|Records from the "
               "treating physicians, the claims administrator and the employee were "
               "considered.}"});
}

// Each disputed request: Upheld or Overturned, the guidelines and the rationale.
void AddImrDecisions(Builder& b, const Case& world, const ImrInfo& imr) {
  b.Heading(
      "{IMR ISSUES, DECISIONS AND RATIONALES|DISPUTED ITEMS AND DECISIONS|FINAL "
      "DETERMINATION}");
  size_t disputed = 0;
  for (const Decision& decision : imr.ur.decisions) {
    if (decision.outcome == Outcome::kCertified) continue;
    bool overturned = disputed < imr.overturned.size() && imr.overturned[disputed++];
    b.SetInjuryVars(world.injuries[decision.request.injury]);
    b.Para(decision.request.text + " is: " + (overturned ? "Overturned" : "Upheld"));
    b.Para("{Claims Administrator guideline|UR guideline}: " + decision.guideline + ".");
    b.Para("{Reviewer guideline|Guideline used by the reviewer}: " + decision.guideline + ".");
    Decision as_decided = decision;
    as_decided.outcome = overturned ? Outcome::kCertified : Outcome::kNonCertified;
    b.Para("{Decision rationale|Rationale}: " + Rationale(b.fill(), b.rng(), as_decided));
    b.Para(overturned ? "{The records meet these criteria, so the request is medically necessary "
                        "and appropriate.|For this reason the request is medically necessary.}"
                      : "{The records do not meet these criteria, so the request is not medically "
                        "necessary and appropriate.|The request is therefore not medically "
                        "necessary.}");
  }
}

}  // namespace

Document WriteImrFinal(const Case& world, ClinicalState& state, const ImrInfo& imr, Rng& rng) {
  Builder b(world, rng, DocType::kImrFinalDetermination, "imr_final", imr.decision_date,
            DateStyle::kSlash);
  b.SetSender(world.imr_organization);
  if (rng.Chance(0.35)) AddImrNoticePage(b, world, imr);
  AddImrHeading(b, world, imr);
  AddImrCaseSummary(b, world, state, imr);
  AddImrDecisions(b, world, imr);
  b.Para(
      "This determination is final and binding on the parties{ unless it is appealed "
      "under Labor Code section 4610.6(h)|}.");
  b.Signature(world.imr_signer,
              rng.Pick({"Medical Director", "Chief Medical Officer", "Associate Medical Director"}),
              imr.decision_date);
  b.Furniture(imr.case_number);
  if (rng.Chance(0.5)) b.doc().header_later_pages = "IMR Case Number " + imr.case_number;
  Document doc = std::move(b).Take();
  Remember(state, doc, "Independent Medical Review Final Determination",
           "decided the dispute in case " + imr.case_number);
  return doc;
}

Document WriteProofOfService(const Case& world, Date date, const std::string& served_title,
                             Rng& rng) {
  Builder b(world, rng, DocType::kOther, "proof_of_service", date, PickDateStyle(rng));
  b.Title("{PROOF OF SERVICE|Proof of Service|DECLARATION OF SERVICE}");
  b.Para("Case: " + FullName(world.patient) + " v. " + world.employer.name + "\nWCAB No. " +
         world.wcab_number + "   Claim No. " + world.claim_number);
  b.Para("I, " + FullName(world.office_staff) +
         ", declare that I am over eighteen years of "
         "age and not a party to this case. On " +
         b.D(date) + " I served the " + served_title +
         " on the persons below by {first-class mail, postage prepaid|fax|electronic "
         "service}:");
  std::vector<const Organization*> served = {&world.claims_administrator};
  if (world.represented) served.push_back(&world.applicant_attorney);
  served.push_back(&world.employer);
  for (const Organization* org : served) {
    b.Para(org->name + "\n" + org->address.street + "\n" + org->address.CityLine());
  }
  b.Para(
      "I declare under penalty of perjury under the laws of the State of California that "
      "the above is true and correct. Executed on " +
      b.D(date) + " at " + world.ptp.office.address.city + ", California.");
  b.Signature(world.office_staff, "", date);
  b.doc().sender_name = world.ptp.office.name;
  b.doc().sender_fax = world.ptp.office.fax;
  return std::move(b).Take();
}

// ---------------------------------------------------------------------------
// Medical-legal, imaging and operative reports

namespace {

const char* const kQmeTitles[] = {"PANEL QUALIFIED MEDICAL EVALUATION",
                                  "QUALIFIED MEDICAL EVALUATOR'S COMPREHENSIVE REPORT",
                                  "COMPREHENSIVE MEDICAL-LEGAL EVALUATION",
                                  "AGREED MEDICAL EVALUATION", "Initial Panel QME Report"};
const char* const kQmeReevaluationTitles[] = {"PANEL QME RE-EVALUATION",
                                              "QUALIFIED MEDICAL RE-EVALUATION REPORT",
                                              "Comprehensive Medical-Legal Re-Evaluation"};
const char* const kQmeSupplementalTitles[] = {"SUPPLEMENTAL REPORT",
                                              "SUPPLEMENTAL MEDICAL-LEGAL REPORT",
                                              "QME Supplemental Report - Review of Records"};

// One records-review entry: what a QME writes about an earlier document.
std::string RecordEntry(Builder& b, const Case& world, const RecordNote& note) {
  std::string entry = b.D(note.date) + " - " + note.title;
  if (!note.author.empty()) entry += ", " + note.author;
  std::string summary = note.summary;
  summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
  entry += (entry.back() == '.' ? " " : ". ") + summary + ".";
  const Injury& injury = world.injuries[b.rng().Uniform(0, world.injuries.size() - 1)];
  b.SetInjuryVars(injury);
  if (b.rng().Chance(0.6))
    entry += " Complaints: " + LowerFirst(b.fill()(b.rng().Pick(injury.part->symptoms)));
  if (b.rng().Chance(0.5))
    entry += " Examination: " + LowerFirst(b.fill()(b.rng().Pick(injury.part->exam_findings)));
  if (b.rng().Chance(0.4)) {
    const Diagnosis& dx = b.rng().Pick(injury.part->diagnoses);
    entry += " Diagnosis: " + injury.DiagnosisText(dx) + ".";
  }
  if (b.rng().Chance(0.4)) entry += " " + b.fill()(b.rng().Pick(kWorkStatuses));
  return entry;
}

void AddRecordsReview(Builder& b, const Case& world, const ClinicalState& state, int count) {
  b.Heading("{REVIEW OF MEDICAL RECORDS|RECORDS REVIEWED|SUMMARY OF RECORDS REVIEWED}");
  if (state.records.empty()) {
    b.Para("No records were received before the evaluation.");
    return;
  }
  b.Para(
      "{I received and reviewed|The following records were reviewed:} {#1-9} {pounds|inches|"
      "boxes|binders} of records{, summarized below| in date order}.");
  size_t first =
      state.records.size() > static_cast<size_t>(count) ? state.records.size() - count : 0;
  bool bullets = b.rng().Chance(0.5);
  for (size_t i = first; i < state.records.size(); ++i) {
    std::string entry = RecordEntry(b, world, state.records[i]);
    if (bullets) {
      b.Bullet(entry);
    } else {
      b.Para(entry);
    }
  }
  b.Gap();
  b.SetInjuryVars(world.injuries[0]);
}

void AddImpairment(Builder& b, const Case& world) {
  b.Heading("{IMPAIRMENT RATING|WHOLE PERSON IMPAIRMENT|PERMANENT IMPAIRMENT}");
  b.Para(
      "Ratings follow the AMA Guides to the Evaluation of Permanent Impairment, Fifth "
      "Edition.");
  for (const Injury& injury : world.injuries) {
    b.SetInjuryVars(injury);
    b.Para(Upper(injury.Name()) +
           ": {DRE category {II|III}, {5|8|10|13}% whole person "
           "impairment|{#2-12}% upper extremity impairment, which converts to {#1-7}% whole person "
           "impairment|{#2-10}% lower extremity impairment, {#1-4}% whole person impairment}" +
           "{, with {1|2|3}% added for pain|}.");
  }
  b.SetInjuryVars(world.injuries[0]);
}

void AddMedicalLegalOpinions(Builder& b, const Case& world) {
  b.Heading("CAUSATION");
  b.Para(
      "{Within reasonable medical probability|Based on the history, the records and my "
      "examination}, the {complaint} {arose out of and occurred in the course of|is "
      "industrially related to} {his} employment as {a_occupation}, as a result of the "
      "injury of {doi}.");
  b.Heading("TEMPORARY DISABILITY");
  b.Para(
      "{He} was temporarily totally disabled {for periods documented by the treating "
      "physician|from {doi} through the date of this evaluation, except when modified work was "
      "offered}.");
  b.Heading("{PERMANENT AND STATIONARY STATUS|MAXIMUM MEDICAL IMPROVEMENT}");
  b.Para(
      "{{He} has reached maximum medical improvement as of {date}.|{He} is not yet permanent "
      "and stationary; I would expect maximal improvement in {three|six} months.}");
  AddImpairment(b, world);
  b.Heading("APPORTIONMENT");
  b.Para(
      "{{#70-100}% of the permanent disability is caused by the industrial injury and "
      "{#0-30}% by other factors, including pre-existing degenerative change.|I apportion "
      "100% to the industrial injury; no other cause is supported by the records.}");
  b.Heading("FUTURE MEDICAL CARE");
  b.Para(
      "{He} should have access to {follow-up visits with a physician|medication for flares|"
      "a short course of therapy for flares|injections if radicular symptoms return} and "
      "{an updated home exercise program|imaging if new neurological findings appear}.");
  b.Heading("WORK RESTRICTIONS");
  b.Para(
      "{No lifting over {15|20|25|35} pounds|No repetitive bending or stooping|No prolonged "
      "overhead work|No kneeling or squatting}; {change positions as needed|limit standing to "
      "{one|two} hours at a time}.");
}

void AddMedicalLegalClose(Builder& b, const Provider& qme, Date date) {
  b.Para(
      "{I spent {#2-9} hours reviewing records, {#1-2} hours face to face with the examinee "
      "and {#2-5} hours preparing this report.|The time spent on this evaluation is listed in "
      "the attached billing statement.}");
  b.Para(
      "{I declare under penalty of perjury under the laws of the State of California that "
      "the contents of this report are true and correct to the best of my knowledge, except "
      "for information received from others, which I believe to be stated accurately.|I "
      "personally took the history, examined the examinee and wrote this report; the "
      "statements in it are true to the best of my knowledge.}");
  b.Para(
      "Signed in the County of {Fresno|Sacramento|Los Angeles|Orange|Kern|Alameda|San "
      "Diego}, California, on " +
      b.D(date) + ".");
  b.Signature(qme.person,
              "{Qualified Medical Evaluator|Panel QME|Diplomate, " + qme.specialty + "}", date);
}

// The date, the addressees and the claim fields a medical-legal report opens with.
void AddMedicalLegalAddresses(Builder& b, const Case& world, const Provider& qme, Date date,
                              bool supplemental) {
  b.SetSender(qme.office);
  if (qme.letterhead || b.rng().Chance(0.5)) b.Letterhead(qme.office, true);
  b.Para(b.D(date));
  b.Para(FullName(world.adjuster) + "\n" + world.claims_administrator.name + "\n" +
         world.claims_administrator.address.street + "\n" +
         world.claims_administrator.address.CityLine());
  if (world.represented) {
    b.Para(FullName(world.attorney) + ", " + world.attorney.credential + "\n" +
           world.applicant_attorney.name + "\n" + world.applicant_attorney.address.CityLine());
  }
  b.Fields({{"RE", FullName(world.patient)},
            {"Employer", world.employer.name},
            {"Claim No.", world.claim_number},
            {"WCAB No.", world.wcab_number},
            {"Date of Injury", b.D(world.date_of_injury)},
            {supplemental ? "Date of Report" : "Date of Evaluation", b.D(date)}});
}

// A supplemental report: more records read, and whether the opinions change.
void AddSupplementalBody(Builder& b, const Case& world, const ClinicalState& state, Date date) {
  b.Title(b.rng().Pick(kQmeSupplementalTitles));
  b.Para(
      "Dear {Counsel and Claims Examiner|Parties}:\n\n{I was asked to|This report is "
      "written to} {review additional records|answer the questions in the letter of " +
      b.D(date.Plus(-b.rng().Uniform(10, 40))) + "} regarding {Mr}.");
  b.fill().Set("prev", b.D(date.Plus(-b.rng().Uniform(60, 200))));  // the report it supplements
  AddRecordsReview(b, world, state, b.rng().Uniform(3, 14));
  b.Heading("{DISCUSSION|OPINION|COMMENTS}");
  b.Para(
      "{The additional records do not change the opinions in my report of {prev}.|Having "
      "read these records, I revise my opinion on {apportionment|future medical care} as "
      "follows.} {The diagnoses remain as stated.|The impairment rating is unchanged.}");
}

// An evaluation's title, introduction, histories and records review.
void AddEvaluationHistory(Builder& b, const Case& world, const ClinicalState& state,
                          const Provider& qme, Date date, int evaluation) {
  std::string title =
      evaluation == 1 ? b.rng().Pick(kQmeTitles) : b.rng().Pick(kQmeReevaluationTitles);
  b.Title(title);
  std::string evaluator = title.find("AGREED") != std::string::npos
                              ? "Agreed Medical Evaluator"
                              : "{panel Qualified Medical Evaluator|Qualified Medical Evaluator}";
  b.Para("Dear {Counsel and Claims Examiner|Parties}:\n\n{I evaluated|I saw} {Mr} on " + b.D(date) +
         " as the " + evaluator + " in " + qme.specialty +
         ". {The examinee was "
         "told that no doctor-patient relationship exists.|The purpose of the evaluation was "
         "explained and no treatment was offered.}");
  b.Heading("HISTORY OF INJURY");
  b.Para(
      "{Mr} is a {age}-year-old {hand} {male} who worked as {a_occupation} for "
      "{employer}. On {doi} {he} was injured {mechanism}.");
  b.Heading("{PRESENT COMPLAINTS|CURRENT COMPLAINTS}");
  AddSubjective(b, world, static_cast<int>(world.injuries.size()), /*follow_up=*/false);
  b.Heading("{ACTIVITIES OF DAILY LIVING|EFFECT ON DAILY ACTIVITIES}");
  b.Sentences(PickLines(b.rng(), kFunctionLines, 3));
  b.Heading("PAST MEDICAL HISTORY");
  b.Para(
      "{No significant illnesses.|Hypertension, treated.|Diabetes mellitus type 2.} {No "
      "prior work injuries.|A prior claim in {#1998-2008} for a {wrist|ankle} sprain "
      "closed without permanent disability.}");
  b.Heading("EMPLOYMENT HISTORY");
  b.Para(
      "{He} {has worked|worked} for {employer} for {#1-22} years. Before that {he} "
      "worked as {a cook|a driver|a warehouse worker|a cashier|a farm worker}. The job "
      "requires {lifting up to {#25-75} pounds|standing most of the shift|repetitive use "
      "of both hands|driving and loading}.");
  if (!state.records.empty()) {
    b.Heading("{HISTORY OF TREATMENT|TREATMENT SINCE THE INJURY}");
    b.Sentences(RecordNarrative(b, state, b.rng().Uniform(4, 10)));
  }
  b.Heading("REVIEW OF SYSTEMS");
  b.Lines(PickLines(b.rng(), kReviewOfSystems, 5));
  AddRecordsReview(b, world, state, b.rng().Uniform(10, 80));
}

// An evaluation's examination, diagnoses, discussion and medical-legal opinions.
void AddEvaluationFindings(Builder& b, const Case& world) {
  b.Heading("{PHYSICAL EXAMINATION|EXAMINATION}");
  AddExamination(b, world, static_cast<int>(world.injuries.size()), 3);
  b.Heading("{DIAGNOSES|DIAGNOSTIC IMPRESSIONS}");
  b.Numbered(DiagnosisLines(b, world, static_cast<int>(world.injuries.size()), true));
  b.Heading("{DISCUSSION|DISCUSSION AND CONCLUSIONS}");
  for (const Injury& injury : world.injuries) {
    b.SetInjuryVars(injury);
    b.Sentences(
        {"Regarding the {part}: {the history of the injury is consistent|the "
         "examination today is consistent} with the diagnoses listed.",
         injury.part->exam_findings[0],
         "{The imaging and the examination agree.|Imaging shows degenerative change "
         "that predates the injury in part.|No imaging of this body part was "
         "provided.}",
         "{Further active treatment is unlikely to change the impairment.|{He} may "
         "still improve with the care recommended below.}"});
  }
  b.SetInjuryVars(world.injuries[0]);
  AddMedicalLegalOpinions(b, world);
  if (b.rng().Chance(0.5)) {
    b.Heading("{QUESTIONS FROM THE PARTIES|RESPONSES TO THE PARTIES' QUESTIONS}");
    b.Numbered({"Is the injury industrial? Yes, as discussed under causation.",
                "Is the examinee permanent and stationary? See above.",
                "Is further medical treatment needed? Yes, as outlined under future medical "
                "care.",
                "Can the examinee return to the usual job? {Yes, with the restrictions "
                "given.|Not without the restrictions given; the employer should be asked "
                "whether they can be met.}"});
  }
}

}  // namespace

Document WriteMedicalLegal(const Case& world, ClinicalState& state, Date date, int evaluation,
                           bool supplemental, Rng& rng) {
  const Provider& qme = world.qme;
  Builder b(world, rng, DocType::kMedicalLegalReport, supplemental ? "qme_supplemental" : "qme",
            date, qme.date_style);
  AddMedicalLegalAddresses(b, world, qme, date, supplemental);
  if (supplemental) {
    AddSupplementalBody(b, world, state, date);
  } else {
    AddEvaluationHistory(b, world, state, qme, date, evaluation);
    AddEvaluationFindings(b, world);
  }
  AddMedicalLegalClose(b, qme, date);
  b.Furniture(LastFirst(world.patient) + ", " + world.wcab_number);
  Document doc = std::move(b).Take();
  Remember(state, doc,
           supplemental ? "Supplemental Medical-Legal Report" : "Medical-Legal Evaluation",
           supplemental ? "reviewed additional records" : "rated permanent impairment");
  return doc;
}

namespace {

const char* const kNerveConductionTable =
    "Nerve / Site            Latency (ms)   Amplitude   Velocity (m/s)\n"
    "Median motor {SIDE}     {3.6|4.1|4.8}           {6.2|8.4|9.9} mV     {49|52|56}\n"
    "Median sensory {SIDE}   {3.1|3.6|4.2}           {14|21|28} uV      {41|46|50}\n"
    "Ulnar motor {SIDE}      {2.6|2.9|3.1}           {8.1|9.6|10.4} mV    {55|58|61}\n"
    "Peroneal motor {SIDE}   {4.1|4.6|5.2}           {3.9|5.2|6.6} mV     {42|45|48}\n"
    "Tibial motor {SIDE}     {3.9|4.4|5.1}           {6.8|9.1|11.4} mV    {41|44|47}\n"
    "Sural sensory {SIDE}    {3.2|3.5|3.9}           {9|12|16} uV       {40|44|48}";

const char* const kNeedleTable =
    "MUSCLE ({SIDE})            INS ACT    FIBS   PSW    MUP AMP    RECRUITMENT\n"
    "Deltoid                   Normal     0      0      Normal     Normal\n"
    "Biceps                    Normal     0      {0|0|1+}     Normal     {Normal|Reduced}\n"
    "First dorsal interosseous Normal     0      0      Normal     Normal\n"
    "Vastus medialis           Normal     0      0      Normal     Normal\n"
    "Tibialis anterior         {Normal|Increased}  {0|1+}     {0|1+}     {Normal|Increased}  "
    "{Normal|Reduced}\n"
    "Extensor hallucis longus  Normal     {0|1+}     0      Normal     Normal\n"
    "Medial gastrocnemius      Normal     0      0      Normal     Normal\n"
    "Paraspinals, low lumbar   {Normal|Increased}  {0|1+}     0      -          -";

void AddStudyBody(Builder& b, const Study& study, const Provider& referrer, Date date) {
  bool emg = study.modality == "EMG/NCV";
  b.Heading("{CLINICAL HISTORY|INDICATION|HISTORY}");
  b.Para(Capitalized(b.fill()("{complaint}") + (b.fill()("{radiation}").empty() ? "" : " ") +
                     "{radiation}{ after a work injury on {doi}| since {doi}|}."));
  if (emg) {
    b.Heading("{BRIEF EXAMINATION|PHYSICAL EXAMINATION}");
    b.Para(
        "{Strength is 5/5 except as noted in the referral.|Mild weakness as described by the "
        "referring physician.} {Sensation is reduced in the distribution of the "
        "complaints.|Sensation is intact.} Reflexes {are symmetric|are reduced at the "
        "{side} ankle|are 2+ throughout}.");
  }
  if (!emg) {
    b.Heading("TECHNIQUE");
    b.Para(study.modality == "MRI"
               ? "{Multiplanar, multisequence MR images were obtained without contrast.|Sagittal "
                 "T1, T2 and STIR and axial T2 images were obtained on a {1.5|3.0} T magnet.}"
               : "{Frontal and lateral views were obtained.|AP, lateral and oblique views.}");
    b.Heading("COMPARISON");
    b.Para("{None.|None available.|Prior radiographs of " + b.D(date.Plus(-90)) + ".}");
  } else {
    b.Heading("NERVE CONDUCTION STUDIES");
    b.Pre(b.fill()(kNerveConductionTable));
    b.Heading("NEEDLE ELECTROMYOGRAPHY");
    b.Pre(b.fill()(kNeedleTable));
  }
  b.Heading("FINDINGS");
  bool lines = b.rng().Chance(0.6);
  std::vector<std::string> findings;
  for (const std::string& finding : study.findings) findings.push_back(finding);
  if (lines) {
    b.Lines(findings);
  } else {
    b.Sentences(findings);
  }
  b.Heading("{IMPRESSION|CONCLUSION|SUMMARY}");
  std::vector<std::string> impressions =
      PickSome(b.rng(), study.impressions, emg ? 1 : b.rng().Uniform(1, 2));
  b.Numbered(impressions);
  if (emg) {
    b.Heading("{INTERPRETATION|COMMENT}");
    b.Para(
        "{Nerve conduction studies and needle examination were performed as above.|The "
        "study was technically adequate; skin temperature was kept above 32 degrees C.} {The "
        "findings are discussed in the impression.|Findings are correlated with the history "
        "of {complaint}.}");
    b.Para(
        "{Clinical correlation is recommended.|Thank you for this referral.} Referring "
        "physician: " +
        FullName(referrer.person) + ", " + referrer.person.credential + ".");
  }
}

}  // namespace

Document WriteImaging(const Case& world, ClinicalState& state, const Provider& reader,
                      const Provider& referrer, Date date, int injury, const Study& study,
                      Rng& rng) {
  Builder b(world, rng, study.modality == "EMG/NCV" ? DocType::kProcedureReport : DocType::kImagingReport,
            study.modality == "EMG/NCV" ? "emg" : "imaging",
            date, reader.date_style);
  b.SetSender(reader.office);
  b.SetInjuryVars(world.injuries[injury]);
  if (reader.letterhead || rng.Chance(0.5)) b.Letterhead(reader.office, true);
  std::string title = b.fill()(world.injuries[injury].Expand(study.title));
  b.Title(title);
  b.Fields({{"Patient", LastFirst(world.patient)},
            {"DOB", b.D(world.date_of_birth)},
            {rng.Pick({"Exam Date", "Date of Service", "Study Date"}), b.D(date)},
            {"Referring Physician", FullName(referrer.person) + ", " + referrer.person.credential},
            {rng.Pick({"Accession #", "MRN", "Exam #"}),
             std::to_string(rng.Uniform(1000000, 9999999))}});
  if (rng.Chance(0.5)) b.Para("EXAM: " + title);
  Study filled = study;
  AddStudyBody(b, filled, referrer, date);
  std::string role = study.modality == "EMG/NCV" ? reader.specialty : "Radiologist";
  if (rng.Chance(0.6)) {
    std::string printed = PrintedName(reader.person, rng);
    b.doc().author = printed;
    b.Para("{Electronically signed by|Interpreted by|Read by}: " + printed + " on " +
           b.D(date.Plus(rng.Uniform(0, 2))) + " {#7-18}:{#10-59}");
  } else {
    b.Signature(reader.person, role, date.Plus(rng.Uniform(0, 2)));
  }
  b.Furniture(LastFirst(world.patient));
  Document doc = std::move(b).Take();
  std::string summary = b.fill()(study.impressions[0]);
  if (!summary.empty() && summary.back() == '.') summary.pop_back();
  summary = "showed " + LowerFirst(summary);
  std::string name = study.modality + " of the " + world.injuries[injury].Name();
  Remember(state, doc, name, summary);
  return doc;
}

namespace {

// Letterhead (the surgery center for an operation), title and the fields.
void AddOperativeHeading(Builder& b, const Case& world, const Provider& operator_,
                         const Procedure& procedure) {
  if (procedure.surgery) {
    Organization center = operator_.office;
    center.name = b.fill()(center.address.city +
                           " {Surgery Center|Surgical Hospital|Outpatient "
                           "Surgery Center}");
    b.Letterhead(center, false);
    b.Title("{OPERATIVE REPORT|Operative Note|REPORT OF OPERATION}");
  } else {
    if (operator_.letterhead) b.Letterhead(operator_.office, true);
    b.Title("{PROCEDURE NOTE|Procedure Report|PROCEDURE REPORT}");
  }
  b.Fields({{"Patient", FullName(world.patient)},
            {procedure.surgery ? "Date of Surgery" : "Date of Procedure", b.D(b.doc().date)},
            {"DOB", b.D(world.date_of_birth)},
            {procedure.surgery ? "Surgeon" : "Physician",
             FullName(operator_.person) + ", " + operator_.person.credential},
            {"Anesthesia", procedure.surgery ? "{General|General endotracheal|General with "
                                               "regional block}"
                                             : "{Local|Local with IV sedation|Local}"}});
}

// Diagnoses, the procedure performed and, for an operation, the team.
void AddOperativeDiagnoses(Builder& b, const Injury& inj, const std::string& name,
                           const Procedure& procedure) {
  const Diagnosis& dx = b.rng().Pick(inj.part->diagnoses);
  b.Heading("{PREOPERATIVE DIAGNOSIS|PRE-PROCEDURE DIAGNOSIS|DIAGNOSIS}");
  b.Para(inj.DiagnosisText(dx) + " (" + inj.Icd10(dx) + ").");
  b.Heading("{POSTOPERATIVE DIAGNOSIS|POST-PROCEDURE DIAGNOSIS}");
  b.Para("{Same.|Same as above.|" + inj.DiagnosisText(dx) + ".}");
  b.Heading("{PROCEDURE PERFORMED|PROCEDURES|OPERATION PERFORMED|PROCEDURE}");
  b.Para(name + " (CPT " + procedure.cpt + ")" +
         (procedure.surgery ? "."
                            : " under fluoroscopic "
                              "guidance."));
  if (procedure.surgery) {
    b.Fields({{"Assistant", FullName(InventPerson(b.rng(), "")) + ", PA-C"},
              {"Anesthesiologist", FullName(InventPerson(b.rng(), "")) + ", MD"},
              {"Implants", b.fill()("{None|See description}")},
              {"Drains", b.fill()("{None|One Hemovac drain}")},
              {"Complications", "None"}});
  }
}

// The surgeon's examination on the day, the imaging relied on, and consent.
void AddPreoperativeEvaluation(Builder& b, const Injury& inj) {
  b.Heading("{PREOPERATIVE EVALUATION|EXAMINATION ON THE DAY OF SURGERY}");
  b.Para(b.rng().Pick(kVitals));
  b.Sentences(PickSome(b.rng(), inj.part->exam_findings, b.rng().Uniform(2, 4)));
  const Study& study = b.rng().Pick(inj.part->studies);
  b.Para("{Imaging reviewed|Preoperative imaging}: " + inj.Expand(study.request) + ", " +
         LowerFirst(b.fill()(study.impressions[0])));
  b.Heading("{CONSENT|INFORMED CONSENT}");
  b.Para(
      "The nature of the operation, its risks (including infection, bleeding, nerve or vessel "
      "injury, stiffness, persistent pain and the need for further surgery), its benefits and "
      "the alternatives, including continued nonoperative care, were explained. {He} "
      "{asked appropriate questions|voiced understanding} and signed the consent form. The "
      "{side} side was marked in the preoperative area.");
}

// Findings, specimens and the plan after an operation.
void AddPostoperativePlan(Builder& b, const Injury& inj) {
  b.Heading("FINDINGS");
  b.Para(b.rng().Pick(inj.part->studies).findings[0]);
  b.Para(
      "Specimens: {none|tissue sent to pathology}. Counts were correct at the end of the "
      "case.");
  b.Heading("{POSTOPERATIVE PLAN|DISPOSITION}");
  b.Bullet(
      "{Discharge home today|Admit overnight for observation} {with a sling|in a soft "
      "dressing|with a brace|}.");
  b.Bullet("{Norco 5/325 mg|Oxycodone 5 mg} as needed for pain, {#20|#30}.");
  b.Bullet(
      "Follow up in {7|10|14} days for a wound check; therapy to start after the "
      "first visit.");
  b.Bullet(
      "{Keep the dressing dry|Ice for 20 minutes every two hours while awake|Elevate the "
      "extremity} and call for fever, drainage or increasing pain.");
  b.Bullet("Off work until the first postoperative visit.");
  b.Gap();
  b.Para(
      "{I was present and scrubbed for the entire procedure.|I performed the procedure "
      "and was present throughout.} {The patient and family were updated after "
      "surgery.|The findings were discussed with the patient's spouse.}");
}

// The transcription line some dictated reports end with.
void AddDictationLine(Builder& b, Date date) {
  if (b.rng().Chance(0.4)) {
    b.Add(BlockKind::kSmallLeft, "D: " + b.D(date) + " " + b.fill()("{#8-17}:{#10-59}") + "   T: " +
                                     b.D(date.Plus(1)) + " " + b.fill()("{#8-11}:{#10-59}") +
                                     "   Job # " + std::to_string(b.rng().Uniform(100000, 999999)));
  }
}

}  // namespace

Document WriteOperative(const Case& world, ClinicalState& state, const Provider& operator_,
                        Date date, int injury, const Procedure& procedure, Rng& rng) {
  Builder b(world, rng, procedure.surgery ? DocType::kOperativeReport : DocType::kProcedureReport,
            procedure.surgery ? "operative" : "procedure",
            date, operator_.date_style);
  b.SetSender(operator_.office);
  b.SetInjuryVars(world.injuries[injury]);
  const Injury& inj = world.injuries[injury];
  std::string name = b.fill()(inj.Expand(procedure.name));
  AddOperativeHeading(b, world, operator_, procedure);
  AddOperativeDiagnoses(b, inj, name, procedure);
  b.Heading("INDICATIONS");
  if (procedure.surgery) b.Sentences(RecordNarrative(b, state, rng.Uniform(4, 14)));
  b.Sentences({"{Mr} is a {age}-year-old {male} with {complaint} since the work injury of {doi}.",
               "{He} has failed {conservative care including medication, therapy and activity "
               "modification|more than {three|six} months of nonoperative treatment}.",
               inj.part->exam_findings[0],
               "The risks, benefits and alternatives were discussed, and {he} wished to "
               "proceed."});
  if (procedure.surgery) AddPreoperativeEvaluation(b, inj);
  b.Heading("{DESCRIPTION OF PROCEDURE|PROCEDURE IN DETAIL|TECHNIQUE}");
  std::vector<std::string> steps = procedure.steps;
  size_t half = steps.size() / 2;
  b.Sentences(std::vector<std::string>(steps.begin(), steps.begin() + half));
  b.Sentences(std::vector<std::string>(steps.begin() + half, steps.end()));
  if (procedure.surgery) AddPostoperativePlan(b, inj);
  b.Signature(operator_.person, operator_.specialty, date);
  AddDictationLine(b, date);
  b.Furniture(LastFirst(world.patient));
  Document doc = std::move(b).Take();
  if (procedure.surgery) {
    state.surgery_date = date;
    state.surgery_name = LowerFirst(name);
  }
  Remember(state, doc, procedure.surgery ? "Operative Report" : "Procedure Note",
           "performed " + LowerFirst(name));
  return doc;
}

// ---------------------------------------------------------------------------
// Everything else: statements, printouts, fax covers

namespace {

std::string PadRight(std::string text, size_t width) {
  if (text.size() > width) text.resize(width);
  text.append(width - text.size(), ' ');
  return text;
}

std::string Money(int cents) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d.%02d", cents / 100, cents % 100);
  return buffer;
}

// Records written by `office`'s provider within the last year, newest last.
std::vector<const RecordNote*> VisitsBy(const ClinicalState& state, const std::string& author_last,
                                        Date until) {
  std::vector<const RecordNote*> visits;
  for (const RecordNote& note : state.records) {
    if (note.author.find(author_last) != std::string::npos &&
        until.Days() - note.date.Days() < 365) {
      visits.push_back(&note);
    }
  }
  return visits;
}

}  // namespace

Document WriteBillingStatement(const Case& world, const ClinicalState& state,
                               const Provider& provider, Date date, Rng& rng) {
  Builder b(world, rng, DocType::kOther, "billing_statement", date, DateStyle::kSlash);
  b.doc().sender_name = world.billing_service.name;
  b.doc().sender_fax = world.billing_service.fax;
  b.Letterhead(world.billing_service, true);
  b.Title("{ITEMIZED STATEMENT|BILLING STATEMENT|STATEMENT OF SERVICES|Itemized Billing}");
  b.Fields({{"Statement Date", b.D(date)},
            {"Patient", LastFirst(world.patient)},
            {"Provider", provider.office.name},
            {"Claim #", world.claim_number},
            {"Bill To", world.claims_administrator.name}});
  std::string table =
      "DOS         CODE    DESCRIPTION                      UNITS   CHARGE\n"
      "----------  ------  -------------------------------  -----  -------\n";
  std::vector<const RecordNote*> visits = VisitsBy(state, provider.person.last, date);
  int total = 0;
  int rows = std::max<int>(visits.size(), rng.Uniform(2, 6));
  for (int i = 0; i < rows; ++i) {
    Date dos = i < static_cast<int>(visits.size()) ? visits[i]->date
                                                   : date.Plus(-rng.Uniform(10, 200)).Weekday();
    static const char* const kServices[][2] = {
        {"99213", "Office visit, established"}, {"99214", "Office visit, est., moderate"},
        {"97110", "Therapeutic exercise"},      {"97140", "Manual therapy"},
        {"99080", "Special report (PR-2)"},     {"J1030", "Methylprednisolone 40 mg"},
        {"80305", "Drug screen, presumptive"}};
    const auto& service = rng.Pick(kServices);
    int units = rng.Uniform(1, 3);
    int charge = rng.Uniform(45, 420) * 100 + rng.Uniform(0, 99);
    total += charge * units;
    table += PadRight(FormatDate(dos, DateStyle::kSlash), 12) + PadRight(service[0], 8) +
             PadRight(service[1], 33) + PadRight(std::to_string(units), 7) + Money(charge * units) +
             "\n";
  }
  int paid = total / rng.Uniform(2, 5);
  table += "\nTOTAL CHARGES: " + Money(total) + "     PAYMENTS: " + Money(paid) +
           "     BALANCE DUE: " + Money(total - paid);
  b.Pre(table);
  b.Para(
      "{Please remit within 45 days.|Payment is due under the Official Medical Fee "
      "Schedule.|Questions about this statement: " +
      world.billing_service.phone + ".}");
  b.Furniture("Statement " + std::to_string(rng.Uniform(10000, 99999)));
  return std::move(b).Take();
}

Document WritePharmacyPrintout(const Case& world, const ClinicalState& state, Date date, Rng& rng) {
  Builder b(world, rng, DocType::kOther, "pharmacy_printout", date, DateStyle::kSlash);
  b.doc().sender_name = world.pharmacy.name;
  b.doc().sender_fax = world.pharmacy.fax;
  b.Para(world.pharmacy.name + "\n" + world.pharmacy.address.OneLine() + "\nPhone " +
         world.pharmacy.phone);
  b.Title(
      "{PATIENT PRESCRIPTION HISTORY|Medication Profile|RX HISTORY REPORT|Prescription "
      "Fill History}");
  b.Para("Patient: " + Upper(LastFirst(world.patient)) + "   DOB: " + b.D(world.date_of_birth) +
         "\nPrinted: " + b.D(date) + "   Period: " + b.D(date.Plus(-rng.Uniform(90, 240))) +
         " to " + b.D(date));
  std::string table =
      "FILL DATE   RX #      DRUG                               QTY  DAYS  PRESCRIBER\n";
  int months = rng.Uniform(2, 8);
  for (int m = months; m >= 1; --m) {
    for (const Medication& med : state.medications) {
      Date fill = date.Plus(-30 * m + rng.Uniform(-3, 3));
      std::string quantity =
          med.quantity.size() > 1 && med.quantity[0] == '#' ? med.quantity.substr(1) : "1";
      table += PadRight(FormatDate(fill, DateStyle::kSlash), 12) +
               PadRight(std::to_string(rng.Uniform(1000000, 9999999)), 10) +
               PadRight(Upper(med.name), 35) + PadRight(quantity, 5) + PadRight("30", 6) +
               Upper(world.ptp.person.last) + "\n";
    }
  }
  b.Pre(table);
  b.Para(
      "{This printout lists prescriptions filled at this pharmacy only.|Report generated for "
      "the claims administrator on request.}");
  if (rng.Chance(0.5)) b.doc().footer = "Page {page} of {pages}";
  return std::move(b).Take();
}

Document WriteFaxCover(const Case& world, const FaxCoverInfo& fax, Rng& rng) {
  Builder b(world, rng, DocType::kOther, "fax_cover", fax.date, PickDateStyle(rng));
  b.doc().sender_name = fax.sender_name;
  b.doc().sender_fax = fax.sender_fax;
  b.Add(BlockKind::kTitle, b.fill()("{FAX|FACSIMILE TRANSMITTAL|FAX COVER SHEET|Fax}"));
  b.Gap();
  b.Para(fax.sender_name);
  // The primary treating physician's office has a regular sender; anyone else
  // is a new name.
  Person sender_person =
      fax.sender_name == world.ptp.office.name ? world.office_staff : InventPerson(rng, "");
  std::string from = FullName(sender_person);
  b.doc().author = from;
  b.Fields({{"Date", b.D(fax.date)},
            {"Pages", std::to_string(fax.page_count) + b.fill()("{ (including cover)| incl. "
                                                                "cover|}")},
            {"To", fax.recipient},
            {"Fax", fax.recipient_fax},
            {"From", from},
            {"Fax", fax.sender_fax},
            {"Re", LastFirst(world.patient) + ", Claim " + world.claim_number}});
  b.Para(
      "{Comments|Message|Notes}: {Records as requested.|Please see attached.|Attached are the "
      "reports for the IMR.|RFA and supporting report attached.|For your review.}");
  b.Para(
      "{CONFIDENTIALITY NOTICE|Confidential}: {This fax contains health information that is "
      "protected by law. If you received it in error, please call the sender and destroy "
      "all copies.|The pages that follow are meant only for the addressee. If you are not "
      "the addressee, do not read, copy or share them; tell the sender at once.}");
  return std::move(b).Take();
}

}  // namespace packet
