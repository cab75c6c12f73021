// Assertion status of a target phrase in its sentence, ConText-style.
//
//   imr::AssertionResult a = imr::ClassifyAssertion(
//       "She denies fever, chills or night sweats.", 27, 33, "");
//   a.assertion == "absent";  a.cue == "denies";
//
// Triggers come from a table (AssertionTriggerTable): pre-triggers reach
// forward to the end of their scope, post-triggers reach back; pseudo-triggers
// ("no change", "not only") contain trigger words but trigger nothing;
// terminators ("but", "however", "except", ";") end a scope. A scope never
// leaves the sentence. When several apply, the order of precedence is absent,
// family, hypothetical, possible, historical, present. A section can set the
// default (FAMILY HISTORY gives family). `cue` is the trigger that decided,
// empty for present.
#ifndef IMR_EXTRACT_ASSERTION_H_
#define IMR_EXTRACT_ASSERTION_H_

#include <string>
#include <string_view>
#include <vector>

namespace imr {

enum class TriggerKind {
  kNegation,      // -> absent
  kPossible,      // -> possible
  kHistorical,    // -> historical
  kHypothetical,  // -> hypothetical
  kFamily,        // -> family
  kPseudo,        // blocks: trigger words that trigger nothing here
  kTerminator,    // ends the scope of any trigger
  kCurrent,       // says the mention is current ("continue Norco"): no section default
};

enum class TriggerDirection { kForward, kBackward, kBoth };

struct TriggerRow {
  std::string_view phrase;  // lower case, words separated by single spaces
  TriggerKind kind;
  TriggerDirection direction;
  // Words a trigger reaches; 0 for the usual windows (8 forward, 4 back).
  // Cues that open a list ("denies", "risks include") reach to the end of
  // it; a grade written after a finding ("Fibrillations 0") reaches only the
  // word before it (window 1).
  size_t window = 0;
  // A plan's cue ("requested", "recommend", "scheduled for"): what it makes
  // hypothetical is a treatment; a problem in its scope is the treatment's
  // reason, still the patient's.
  bool treatment_only = false;
};

const std::vector<TriggerRow>& AssertionTriggerTable();

struct AssertionResult {
  std::string assertion = "present";
  std::string cue;
};

// `sentence` is borrowed; [target_begin, target_end) are byte offsets of the
// target in it. Offsets past the end are clamped. Pure and thread-safe.
// `problem`: the target is a problem (diagnosis, sign, symptom), which a
// plan's cues do not make hypothetical.
AssertionResult ClassifyAssertion(std::string_view sentence, size_t target_begin, size_t target_end,
                                  std::string_view section, bool problem = false);

// Finds `target` in `sentence` without regard to case or runs of whitespace
// and classifies it; when the target is not found the whole sentence is the
// target. The form `imr assertion` uses.
AssertionResult ClassifyTarget(std::string_view sentence, std::string_view target,
                               std::string_view section = "");

// The sentence of `text` that holds [begin, end): from after the previous
// sentence end (". ", "? ", "! ", a blank line, a list line break) to the next,
// reaching at most kMaxSentenceReach bytes either side of [begin, end) (cut
// at a space). Returns byte offsets into `text`.
std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t begin, size_t end);

// Text with no sentence ends (a table run into one line, a hostile input)
// would make every mention's sentence the whole page, and a page of k mentions
// cost k times its length in assertion and list splitting: 20,000 diagnoses
// on one 440 KB line ran for over ten minutes (found in issue 16's fuzzing).
// Real sentences are far shorter than this.
inline constexpr size_t kMaxSentenceReach = 1000;

}  // namespace imr

#endif  // IMR_EXTRACT_ASSERTION_H_
