#include "extract/region.h"

#include <algorithm>

#include "core/text.h"
#include "extract/phrase_reach.h"

namespace imr {
namespace {

bool IsBoilerplate(std::string_view section) {
  return section == "how_determination_made" || section == "reviewer_qualifications";
}

}  // namespace

std::vector<Region> TextRegions(const Document& doc) {
  std::vector<Region> regions;
  if (doc.sections.empty()) {
    if (!doc.pages.empty()) regions.push_back({"", StitchPages(doc), doc.doc_type});
    return regions;
  }
  std::vector<std::string> names;
  for (const Section& s : doc.sections) {
    if (!IsBoilerplate(s.name) && std::find(names.begin(), names.end(), s.name) == names.end()) {
      names.push_back(s.name);
    }
  }
  for (const std::string& name : names) regions.push_back({name, StitchSections(doc, name), doc.doc_type});
  return regions;
}

const RegionWords& Region::Words() const {
  if (!words_cache) words_cache = std::make_shared<const RegionWords>(ReadRegionWords(text.text));
  return *words_cache;
}

Fact MakeFact(const Region& region, std::string_view words, std::string kind, std::string rule) {
  const size_t begin = OffsetIn(region.text.text, words);
  Fact f;
  f.kind = std::move(kind);
  f.span = region.text.ToSpan(begin, begin + words.size());
  // A span clipped at a page break quotes only its first page's part.
  f.text = std::string(words.substr(0, f.span.size()));
  f.section = region.section;
  f.rule = std::move(rule);
  return f;
}

Region RegionOfText(std::string text, std::string section) {
  Region region;
  region.section = std::move(section);
  region.text.pieces.push_back({0, 1, 0, text.size()});
  region.text.text = std::move(text);
  return region;
}

}  // namespace imr
