// The one anatomy table every stage reads (vocab/anatomy.tsv): body sites, the
// words that name them, their region and spinal levels.
//
//   const imr::BodySite* s = imr::BodySiteOfWords("pain in the right lower back");
//   s->site == "lumbar_spine";  s->region == "lumbar";
//   imr::RegionOfSite("hand") == "wrist_hand";   imr::NerveRegionOfSite("hand") == "cervical"
//   imr::RegionOfSite("L5-S1") == "lumbar";      // a spinal level names its region
//   imr::SpineSiteOfLevel("C5-6")->site == "cervical_spine"
//
// Names match as whole words without regard to case, hyphens or a final plural
// (core/term_index.h); where two sites share words the longest name wins. The
// table is parsed once, on first use, and shared by every thread.
#ifndef IMR_CORE_ANATOMY_H_
#define IMR_CORE_ANATOMY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/term_index.h"

namespace imr {

struct BodySite {
  std::string_view site;          // the body_site value: "lumbar_spine", "hand", ...
  std::string_view region;        // what a guideline's criteria compare: "lumbar", "wrist_hand", ...
  std::string_view nerve_region;  // the spinal region whose roots supply it, or ""
  std::string_view levels;        // "L1-L5" for a spine region, else ""
  std::string_view imaging;       // a request's category part: imaging.mri.<imaging>
  std::string_view surgery;       // and surgery.<surgery> ("other" where none)
  std::vector<std::string_view> names;
};

// Every row, in table order.
const std::vector<BodySite>& BodySites();

// The row whose site is `site`, or null.
const BodySite* BodySiteNamed(std::string_view site);

struct BodySiteMention {
  size_t begin = 0, end = 0;  // byte offsets in the text searched
  const BodySite* site = nullptr;
};

// Every site named in `text`, left to right, longest names first.
std::vector<BodySiteMention> FindBodySites(std::string_view text);
// The same over words already read from `text` (TokenizeWords).
std::vector<BodySiteMention> FindBodySites(std::string_view text, const std::vector<WordToken>& words);

// The first site `words` name, or null.
const BodySite* BodySiteOfWords(std::string_view words);

// The spine row whose levels hold the first level written in `level` ("C5-6",
// "L4-L5, L5-S1", "T12"), or null.
const BodySite* SpineSiteOfLevel(std::string_view level);

// The region of a site key ("hand"), a spinal level ("L5-S1"), or words that
// name a site ("right shoulder", "bilateral lower extremities"); "" when none.
std::string RegionOfSite(std::string_view site);
std::string NerveRegionOfSite(std::string_view site);

// Every name as one RE2 alternation (longest first, no capturing groups,
// hyphen or spaces between words, final plural optional), for pattern tables
// that need "a site" as a piece.
const std::string& BodySiteAlternation();
// The same for the musculoskeletal sites only (a spine region, a joint, a
// limb, the head: the sites with a request category part or roots), for
// tables that read treatment requests.
const std::string& MusculoskeletalSiteAlternation();

}  // namespace imr

#endif  // IMR_CORE_ANATOMY_H_
