#include "decide/era.h"

#include <array>
#include <tuple>

namespace imr {
namespace {

struct EraStart {
  YearMonthDay first_day;
  GuidelineEra era;
  std::string_view name;
};

// Ordered by start; each era runs until the next one starts.
constexpr std::array<EraStart, 4> kEras = {{
    {{0, 1, 1}, GuidelineEra::kAcoem2004, "acoem_2004"},
    {{2009, 7, 18}, GuidelineEra::kChronicPain2009, "chronic_pain_2009"},
    {{2016, 7, 29}, GuidelineEra::kChronicPain2016, "chronic_pain_2016"},
    {{2017, 12, 1}, GuidelineEra::kAcoem2017, "acoem_2017"},
}};

bool NotBefore(const YearMonthDay& a, const YearMonthDay& b) {
  return std::tie(a.year, a.month, a.day) >= std::tie(b.year, b.month, b.day);
}

}  // namespace

GuidelineEra GuidelineEraFor(const YearMonthDay& request_date) {
  GuidelineEra era = kEras.front().era;
  for (const EraStart& start : kEras) {
    if (NotBefore(request_date, start.first_day)) era = start.era;
  }
  return era;
}

std::string_view EraName(GuidelineEra era) {
  for (const EraStart& start : kEras) {
    if (start.era == era) return start.name;
  }
  return "acoem_2004";
}

std::optional<GuidelineEra> EraFromName(std::string_view name) {
  for (const EraStart& start : kEras) {
    if (start.name == name) return start.era;
  }
  return std::nullopt;
}

}  // namespace imr
