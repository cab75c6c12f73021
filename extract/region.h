// The text the clinical extractors read, one region per section, and the way
// a found phrase becomes a Fact that quotes its words.
//
//   for (const imr::Region& region : imr::TextRegions(doc))
//     for (const imr::Match& m : kPattern.FindAll(region.text.text))
//       facts.push_back(imr::MakeFact(region, m.group(0), "date", "date.numeric@1"));
//
// A region joins every segment of one section name (a section broken by a
// page break reads on). Boilerplate sections (how a letter's determination
// was made, the reviewer's qualifications) are not clinical text and are left
// out. Documents without headings give one region named "".
#ifndef IMR_EXTRACT_REGION_H_
#define IMR_EXTRACT_REGION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/term_index.h"
#include "extract/stitched_text.h"

namespace imr {

// The words of a region as the vocabulary matchers read them
// (core/term_index.h), and which of them name a body site or a spinal level.
struct RegionWords {
  std::vector<WordToken> words;
  std::vector<bool> anatomy;  // the word is part of a body-site name (core/anatomy.h)
  std::vector<bool> level;    // a spinal level, or the number after "C5-"
};

struct Region {
  std::string section;
  StitchedText text;
  std::string doc_type;  // the document's, for extractors that read some kinds of document only

  // The words of `text`, read on first use and kept for every extractor of
  // the region (so `text` must not change afterwards).
  const RegionWords& Words() const;
  mutable std::shared_ptr<const RegionWords> words_cache = nullptr;
};

std::vector<Region> TextRegions(const Document& doc);

// A fact of `kind` quoting `words`, a view into region.text.text. Its span is
// clipped to the page where the words start (StitchedText::ToSpan), and its
// text is exactly what that span quotes, so Slice(page, span) == text always.
Fact MakeFact(const Region& region, std::string_view words, std::string kind, std::string rule);

// A region over `text` alone, for tests and for `imr assertion`: one page.
Region RegionOfText(std::string text, std::string section = "");

}  // namespace imr

#endif  // IMR_EXTRACT_REGION_H_
