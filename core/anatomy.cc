#include "core/anatomy.h"

#include <algorithm>
#include <cctype>

#include "core/embedded_files.h"
#include "core/term_index.h"
#include "core/tsv.h"

namespace imr {
namespace {

struct Anatomy {
  std::vector<BodySite> sites;
  TermIndex names;  // payload: index into sites
};

const Anatomy& TheAnatomy() {
  static const Anatomy anatomy = [] {
    Anatomy a;
    const TsvTable t = ParseTsv(EmbeddedFile("anatomy.tsv"));
    const size_t site = t.Column("site"), region = t.Column("region"), nerve = t.Column("nerve_region"),
                 levels = t.Column("levels"), imaging = t.Column("imaging"), surgery = t.Column("surgery"),
                 names = t.Column("names");
    for (const auto& row : t.rows) {
      a.sites.push_back({TsvTable::Cell(row, site), TsvTable::Cell(row, region), TsvTable::Cell(row, nerve),
                         TsvTable::Cell(row, levels), TsvTable::Cell(row, imaging), TsvTable::Cell(row, surgery),
                         SplitBar(TsvTable::Cell(row, names))});
    }
    for (size_t i = 0; i < a.sites.size(); ++i) {
      for (std::string_view name : a.sites[i].names) a.names.Add(name, static_cast<uint32_t>(i));
    }
    a.names.Freeze();
    return a;
  }();
  return anatomy;
}

// "L4-5" -> {'L', 4}; false when `level` does not start with a spinal level.
bool FirstLevel(std::string_view level, char* letter, int* number) {
  size_t i = 0;
  while (i < level.size() && std::isspace(static_cast<unsigned char>(level[i]))) ++i;
  if (i + 1 >= level.size()) return false;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(level[i])));
  if (c != 'C' && c != 'T' && c != 'L' && c != 'S') return false;
  if (!std::isdigit(static_cast<unsigned char>(level[i + 1]))) return false;
  int n = 0;
  for (size_t k = i + 1; k < level.size() && std::isdigit(static_cast<unsigned char>(level[k])); ++k) {
    n = n * 10 + (level[k] - '0');
    if (n > 99) return false;
  }
  *letter = c;
  *number = n;
  return true;
}

// Whether "C1-C7" holds {'C', 5}.
bool LevelsHold(std::string_view levels, char letter, int number) {
  char from_letter = 0, to_letter = 0;
  int from = 0, to = 0;
  const size_t dash = levels.find('-');
  if (dash == std::string_view::npos || !FirstLevel(levels.substr(0, dash), &from_letter, &from) ||
      !FirstLevel(levels.substr(dash + 1), &to_letter, &to)) {
    return false;
  }
  return letter == from_letter && number >= from && number <= to;
}

std::string Folded(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '_' ? ' ' : c;
  return out;
}

const BodySite* SiteOf(std::string_view site_or_words) {
  if (const BodySite* s = BodySiteNamed(site_or_words)) return s;
  if (const BodySite* s = SpineSiteOfLevel(site_or_words)) return s;
  // "right shoulder", "bilateral lower extremities": the last site named decides.
  const std::vector<BodySiteMention> found = FindBodySites(Folded(site_or_words));
  return found.empty() ? nullptr : found.back().site;
}


}  // namespace

const std::vector<BodySite>& BodySites() { return TheAnatomy().sites; }

const BodySite* BodySiteNamed(std::string_view site) {
  for (const BodySite& s : BodySites()) {
    if (s.site == site) return &s;
  }
  return nullptr;
}

std::vector<BodySiteMention> FindBodySites(std::string_view text) { return FindBodySites(text, TokenizeWords(text)); }

std::vector<BodySiteMention> FindBodySites(std::string_view text, const std::vector<WordToken>& words) {
  const Anatomy& a = TheAnatomy();
  std::vector<BodySiteMention> out;
  for (const TermIndex::Hit& hit : a.names.FindAll(text, words)) {
    out.push_back({words[hit.first_word].begin, words[hit.first_word + hit.word_count - 1].end,
                   &a.sites[hit.payloads.front()]});
  }
  return out;
}

const BodySite* BodySiteOfWords(std::string_view words) {
  const std::vector<BodySiteMention> found = FindBodySites(words);
  return found.empty() ? nullptr : found.front().site;
}

const BodySite* SpineSiteOfLevel(std::string_view level) {
  char letter = 0;
  int number = 0;
  if (!FirstLevel(level, &letter, &number)) return nullptr;
  for (const BodySite& s : BodySites()) {
    if (!s.levels.empty() && LevelsHold(s.levels, letter, number)) return &s;
  }
  return nullptr;
}

std::string RegionOfSite(std::string_view site) {
  const BodySite* s = SiteOf(site);
  return s ? std::string(s->region) : "";
}

std::string NerveRegionOfSite(std::string_view site) {
  const BodySite* s = SiteOf(site);
  return s ? std::string(s->nerve_region) : "";
}

namespace {

// Every name of the sites `keep` admits, as one alternation, longest first so
// that RE2's leftmost-first choice takes "lower back" before "back".
std::string AlternationOf(bool (*keep)(const BodySite&)) {
  std::vector<std::string> names;
  for (const BodySite& s : BodySites()) {
    if (!keep(s)) continue;
    for (std::string_view n : s.names) names.push_back(NameRegex(n, R"([\s/-]*)"));
  }
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}

}  // namespace

const std::string& BodySiteAlternation() {
  static const std::string alternation = AlternationOf([](const BodySite&) { return true; });
  return alternation;
}

const std::string& MusculoskeletalSiteAlternation() {
  static const std::string alternation = AlternationOf([](const BodySite& s) {
    return s.imaging != "other" || s.surgery != "other" || !s.nerve_region.empty() || s.region == "spine" ||
           s.region == "head" || s.region == "hip";
  });
  return alternation;
}

}  // namespace imr
