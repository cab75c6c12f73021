// Spinal levels as printed, expanded into the motion segments they name.
//
//   imr::ExpandSpinalLevels("L4-S1")         -> {"L4-L5", "L5-S1"}
//   imr::ExpandSpinalLevels("L4-5, L5-S1")   -> {"L4-L5", "L5-S1"}
//   imr::ExpandSpinalLevels("C5-7")          -> {"C5-C6", "C6-C7"}
//   imr::ExpandSpinalLevels("L2")            -> {"L2"}           (a single vertebra)
//   imr::SpinalRegion("T12-L1")              -> "thoracolumbar"
//
// Segments run C1..C7, T1..T12, L1..L5, S1 (C7-T1, T12-L1 and L5-S1 cross
// regions). A range that runs backwards or past the column gives nothing.
#ifndef IMR_NORMALIZE_SPINE_LEVELS_H_
#define IMR_NORMALIZE_SPINE_LEVELS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

std::vector<std::string> ExpandSpinalLevels(std::string_view printed);

// cervical, cervicothoracic, thoracic, thoracolumbar, lumbar, lumbosacral, or
// "" when `printed` names no level.
std::string SpinalRegion(std::string_view printed);

// For every fact with value["level"]: value["segments"] (comma-joined) and
// value["spinal_region"].
void NormalizeSpinalLevels(std::vector<Fact>* facts);

}  // namespace imr

#endif  // IMR_NORMALIZE_SPINE_LEVELS_H_
