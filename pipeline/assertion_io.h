// `imr assertion`: one JSON object per input line in, one per line out.
//
//   in:  {"sentence": "Denies fever or CHILLS.", "target": "chills"}
//   out: {"assertion":"absent","cue":"denies","negated":true}
//
// An optional "section" key sets the section default (family_history, ...);
// an "id" key is echoed. A line that is not such an object gets
// {"error": "..."} and the run goes on; the count of such lines is returned.
#ifndef IMR_PIPELINE_ASSERTION_IO_H_
#define IMR_PIPELINE_ASSERTION_IO_H_

#include <istream>
#include <ostream>

namespace imr {

// Reads JSON Lines from `in`, writes one result line per input line to `out`.
// Returns the number of lines that could not be classified.
size_t ClassifyJsonLines(std::istream& in, std::ostream& out);

}  // namespace imr

#endif  // IMR_PIPELINE_ASSERTION_IO_H_
