// The worker's course: care already tried and how it went, and how the worker
// functions now (work status, daily activities, functional improvement). Read
// from a region by row tables, like findings (finding_extractor.h).
//
//   imr::Region region = imr::RegionOfText(
//       "She completed 24 sessions of chiropractic without benefit and remains on modified duty.");
//   imr::ExtractTreatmentHistory(region)[0].value;
//       // count=24 response=no_benefit treatment=chiropractic
//   imr::ExtractFunctionalStatus(region)[0].value;  // work_status=modified_duty
//
// "Functional improvement" is a defined term (8 CCR 9792.20(e)): better ADLs
// or fewer work restrictions, with less dependence on treatment. Most
// "continue X" requests turn on it, so it is a fact of its own. As with every
// extractor, negation is left to the assertion module: "no functional
// improvement" gives the phrase "functional improvement" with
// functional_improvement=not_documented, and the assertion module marks it
// absent as well.
#ifndef IMR_EXTRACT_HISTORY_EXTRACTOR_H_
#define IMR_EXTRACT_HISTORY_EXTRACTOR_H_

#include <vector>

#include "core/record.h"
#include "extract/finding_extractor.h"
#include "extract/region.h"

namespace imr {

// Facts of kind "treatment_history": one per treatment named as already
// given. value: treatment (physical_therapy, chiropractic, acupuncture,
// injection, surgery, medication, conservative_care, home_exercise, ...),
// response (no_benefit, improved, partial, worse, unknown), and when stated
// count ("24"), relief_percent ("60"), relief_duration ("3 months"),
// procedure and date (after "s/p"). A list ("has tried NSAIDs, physical
// therapy and home exercise") gives one fact per treatment, each quoting only
// its own words. A stated response that follows the treatment ("without
// benefit", "gave 60% relief for 3 months") is part of the quoted phrase.
// Sorted by span begin; of overlapping phrases the longest is kept.
std::vector<Fact> ExtractTreatmentHistory(const Region& region);

// Facts of kind "functional_status". value: work_status (full_duty,
// modified_duty, off_work, ttd, permanent_stationary, retired, unknown) for
// work status and restrictions; adl (limited, independent, tolerance) with
// activity and tolerance ("30 minutes") for daily activities;
// functional_improvement (documented, not_documented, worse). Sorted by span
// begin; of overlapping phrases the longest is kept.
std::vector<Fact> ExtractFunctionalStatus(const Region& region);

// The tables behind the two extractors, for tests. History reads four:
// rows that name one treatment; rows whose list group holds several; the
// response tails that may follow a treatment (each begins with ^); and a
// treatment named alone, kept only when a response tail follows it
// ("medications have not helped").
const std::vector<PhraseRule>& TreatmentHistoryRules();
const std::vector<PhraseRule>& TreatmentListRules();
const std::vector<PhraseRule>& TreatmentResponseRules();
const std::vector<PhraseRule>& BareTreatmentRules();
const std::vector<PatternPiece>& HistoryPieces();
const std::vector<PhraseRule>& FunctionalStatusRules();
const std::vector<PatternPiece>& FunctionalPieces();

// The normalized name of the treatment `words` names ("PT" -> "physical_therapy",
// "L4-5 fusion" -> "surgery"), or "other".
std::string NormalizeTreatment(std::string_view words);

}  // namespace imr

#endif  // IMR_EXTRACT_HISTORY_EXTRACTOR_H_
