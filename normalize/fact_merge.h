// The same fact said twice becomes one fact with several pieces of evidence,
// and the dated facts of a case are put in order.
//
//   imr::MergeRepeatedFacts(&record.facts);     // "Norco 10/325 mg" on pages 1 and 2
//                                               // -> one fact, `also` holds page 2
//   record.timeline = imr::BuildTimeline(record.fields, record.facts);
//
// Two facts are the same when their kind, assertion and normalized content
// agree: the ISO date for dates; generic name and strength for medications;
// procedure, site, side and level for procedures; the words (case, spacing
// and hyphen breaks folded) for everything else. The first mention keeps its
// id and span; later ones move into `also`, in text order. Ids are renumbered
// f1, f2, ... afterwards.
#ifndef IMR_NORMALIZE_FACT_MERGE_H_
#define IMR_NORMALIZE_FACT_MERGE_H_

#include <map>
#include <string>
#include <vector>

#include "core/record.h"

namespace imr {

// The key two facts share when they state the same thing.
std::string SameFactKey(const Fact& fact);

void MergeRepeatedFacts(std::vector<Fact>* facts);

// Header date fields and every date fact with an ISO value, ordered by date
// (a month or a year sorts before the days inside it), then by source.
std::vector<TimelineEntry> BuildTimeline(const std::map<std::string, Field>& fields,
                                         const std::vector<Fact>& facts);

}  // namespace imr

#endif  // IMR_NORMALIZE_FACT_MERGE_H_
