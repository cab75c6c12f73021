#include "decide/site_region.h"

#include <cctype>
#include <utility>
#include <vector>

namespace imr {
namespace {

struct RegionRow {
  std::string_view region;
  std::vector<std::string_view> sites;  // lower case, compared whole after '_' -> ' '
};

const std::vector<RegionRow>& RegionTable() {
  static const std::vector<RegionRow> table = {
      {"cervical", {"cervical spine", "cervical", "neck", "upper extremity", "upper extremities", "arm", "arms",
                    "upper arm", "forearm", "forearms", "hand", "hands", "finger", "fingers", "thumb", "cervicothoracic",
                    "trapezius", "paracervical"}},
      {"thoracic", {"thoracic spine", "thoracic", "mid back", "upper back", "thoracolumbar", "chest wall", "rib", "ribs"}},
      {"lumbar", {"lumbar spine", "lumbar", "lumbosacral", "lumbosacral spine", "low back", "lower back", "back",
                  "sacral", "sacrum", "coccyx", "buttock", "buttocks", "lower extremity", "lower extremities", "leg",
                  "legs", "thigh", "thighs", "calf", "calves", "foot", "feet", "toe", "toes", "sciatic"}},
      {"shoulder", {"shoulder", "shoulders", "rotator cuff", "acromioclavicular"}},
      {"knee", {"knee", "knees", "patella"}},
      {"hip", {"hip", "hips", "pelvis"}},
      {"elbow", {"elbow", "elbows"}},
      {"wrist_hand", {"wrist", "wrists", "carpal"}},
      {"ankle", {"ankle", "ankles"}},
      {"head", {"head", "brain", "face", "skull"}},
  };
  return table;
}

std::string Folded(std::string_view site) {
  std::string out;
  for (char c : site) {
    out += c == '_' || c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// "C5-6", "L4-L5,L5-S1", "T12": the region of the first level named.
std::string RegionOfLevel(std::string_view s) {
  if (s.size() < 2 || !std::isdigit(static_cast<unsigned char>(s[1]))) return "";
  switch (std::toupper(static_cast<unsigned char>(s[0]))) {
    case 'C': return "cervical";
    case 'T': return "thoracic";
    case 'L':
    case 'S': return "lumbar";
    default: return "";
  }
}

}  // namespace

std::string SiteRegion(std::string_view site) {
  if (std::string level = RegionOfLevel(site); !level.empty()) return level;
  const std::string folded = Folded(site);
  for (const RegionRow& row : RegionTable()) {
    for (std::string_view s : row.sites) {
      if (folded == s) return std::string(row.region);
    }
  }
  // "right shoulder", "bilateral lower extremities": the last words decide.
  for (const RegionRow& row : RegionTable()) {
    for (std::string_view s : row.sites) {
      if (folded.size() > s.size() && folded.ends_with(s) && folded[folded.size() - s.size() - 1] == ' ') {
        return std::string(row.region);
      }
    }
  }
  return "";
}

}  // namespace imr
