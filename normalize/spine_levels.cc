#include "normalize/spine_levels.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

namespace imr {
namespace {

// Vertebrae in order: C1..C7 (0..6), T1..T12 (7..18), L1..L5 (19..23), S1 (24).
constexpr int kLast = 24;

std::optional<int> Index(char region, int number) {
  switch (region) {
    case 'C': return number >= 1 && number <= 7 ? std::optional<int>(number - 1) : std::nullopt;
    case 'T': return number >= 1 && number <= 12 ? std::optional<int>(6 + number) : std::nullopt;
    case 'L': return number >= 1 && number <= 5 ? std::optional<int>(18 + number) : std::nullopt;
    case 'S': return number == 1 ? std::optional<int>(kLast) : std::nullopt;
    default: return std::nullopt;
  }
}

std::string Name(int index) {
  if (index < 7) return "C" + std::to_string(index + 1);
  if (index < 19) return "T" + std::to_string(index - 6);
  if (index < 24) return "L" + std::to_string(index - 18);
  return "S1";
}

// One printed piece: "L4-5", "L4-S1", "C5 - C7", "L2".
std::vector<std::string> ExpandPiece(char region, int first, std::optional<char> end_region,
                                     std::optional<int> last) {
  const auto from = Index(region, first);
  if (!from) return {};
  if (!last) return {Name(*from)};
  const auto to = Index(end_region.value_or(region), *last);
  if (!to || *to <= *from) return {};
  std::vector<std::string> segments;
  for (int i = *from; i < *to; ++i) segments.push_back(Name(i) + "-" + Name(i + 1));
  return segments;
}

}  // namespace

std::vector<std::string> ExpandSpinalLevels(std::string_view printed) {
  static const RE2 piece(R"(\b([CTLS])\s*([1-9]|1[0-2])(?:\s*[-–/]\s*([CTLS])?\s*([1-9]|1[0-2]))?\b)");
  std::vector<std::string> out;
  re2::StringPiece input(printed.data(), printed.size());
  std::string region, end_region, first, last;
  while (RE2::FindAndConsume(&input, piece, &region, &first, &end_region, &last)) {
    const std::optional<char> end = end_region.empty() ? std::nullopt : std::optional<char>(end_region[0]);
    const std::optional<int> to = last.empty() ? std::nullopt : std::optional<int>(std::stoi(last));
    for (std::string& s : ExpandPiece(region[0], std::stoi(first), end, to)) {
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
  }
  return out;
}

std::string SpinalRegion(std::string_view printed) {
  const std::vector<std::string> levels = ExpandSpinalLevels(printed);
  if (levels.empty()) return "";
  std::string letters;
  for (const std::string& s : levels) {
    for (char c : s) {
      if ((c == 'C' || c == 'T' || c == 'L' || c == 'S') && letters.find(c) == std::string::npos) letters += c;
    }
  }
  const bool c = letters.find('C') != std::string::npos, t = letters.find('T') != std::string::npos;
  const bool l = letters.find('L') != std::string::npos, s = letters.find('S') != std::string::npos;
  if (c && t) return "cervicothoracic";
  if (t && l) return "thoracolumbar";
  if (l && s) return "lumbosacral";
  if (c) return "cervical";
  if (t) return "thoracic";
  if (l) return "lumbar";
  return "sacral";
}

void NormalizeSpinalLevels(std::vector<Fact>* facts) {
  for (Fact& f : *facts) {
    auto it = f.value.find("level");
    if (it == f.value.end()) continue;
    const std::vector<std::string> segments = ExpandSpinalLevels(it->second);
    if (segments.empty()) continue;
    std::string joined;
    for (const std::string& s : segments) joined += (joined.empty() ? "" : ",") + s;
    f.value["segments"] = joined;
    f.value["spinal_region"] = SpinalRegion(it->second);
  }
}

}  // namespace imr
