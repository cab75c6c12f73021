// Procedure codes for requests: HCPCS Level II where the request's words make
// the code certain, and CPT codes kept exactly as a letter writes them.
//
//   imr::HcpcsForRequest("dme.tens", {}, "TENS unit, four lead")   -> HCPCS E0730
//   imr::HcpcsForRequest("dme.tens", {}, "TENS unit")              -> nothing
//   imr::HcpcsForRequest("dme.other", {}, "folding wheeled walker") -> HCPCS E0143
//   imr::CptCodesWritten("Therapeutic exercise (97110), CPT 97140")
//       -> {CPT 97110, CPT 97140}
//   imr::CptCodesWritten("Modesto, CA 95350")                      -> {}
//
// HCPCS Level II is published by CMS and public; the table (hcpcs.cc) holds
// only the codes whose choice follows from words a letter states, each with a
// short description in our own words. When the words leave a choice open
// ("TENS unit" without a lead count, "walker" without folding/rigid and
// wheeled/pickup, any lumbar brace) there is no code: no code beats a guess.
// CPT descriptors are licensed (AMA), so CPT codes are never looked up or
// described, only carried over from the text that wrote them.
#ifndef IMR_NORMALIZE_HCPCS_H_
#define IMR_NORMALIZE_HCPCS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// One HCPCS row. A row fires when the request's category is `category`, its
// text names the item (`names`), states the words that settle the code
// (`certain_when`, empty when the names suffice), and does not say `reject`.
// Patterns are RE2, case-insensitive, matched as whole words. All views point
// at static storage.
struct HcpcsRow {
  std::string_view category;      // "dme.tens": a RequestNormal category
  std::string_view names;         // the item: "TENS|transcutaneous ..."
  std::string_view certain_when;  // the deciding words: "(four|4)[- ]?leads?"
  std::string_view reject;        // words that reopen the choice
  std::string_view body_site;     // "" or the body_site detail the code needs
  std::string_view code;          // "E0730"
  std::string_view description;   // our own short words
};

// Every row, in the order tried. Codes are unique.
const std::vector<HcpcsRow>& HcpcsTable();

// True when `code` has the shape of a HCPCS Level II code: one upper-case
// letter A-V other than I and O, then four digits ("E0730", "L3908"). Says
// nothing about whether the code exists.
bool IsWellFormedHcpcs(std::string_view code);

// The HCPCS Level II code for a request, as Code{"HCPCS", "E0730"}, or
// nothing when no row is certain. `category` is the RequestNormal category,
// `details` its details (body_site is read), `request_text` the request as
// written. Line breaks count as spaces. Pure; the table is compiled once and
// shared between threads.
std::optional<Code> HcpcsForRequest(std::string_view category, const Attributes& details,
                                    std::string_view request_text);

// The CPT codes `text` writes, as Code{"CPT", "72148"} with no descriptor, in
// order of first appearance, each once. A code counts only with a cue: "CPT",
// "procedure code", "code" (not zip, area, ICD or diagnosis code), or a
// parenthesis straight after a procedure word ("therapeutic exercise
// (97110)"). A cue may govern a list ("CPT 97110, 97140 and 97530"). Codes are
// five digits from 00100 up, or four digits and F or T (Category II and
// III); a modifier ("99213-25") is dropped. Numbers without a cue (zip codes,
// phone, claim numbers, dates, quantities) give nothing.
std::vector<Code> CptCodesWritten(std::string_view text);

}  // namespace imr

#endif  // IMR_NORMALIZE_HCPCS_H_
