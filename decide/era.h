// Which edition of the California MTUS governs a request, by its date.
//
//   imr::GuidelineEraFor({2016, 11, 3})  -> kChronicPain2016
//   imr::EraName(kAcoem2017)             -> "acoem_2017"
//
// The MTUS changed on 2009-07-18 (DWC Chronic Pain Medical Treatment
// Guidelines added), 2016-07-29 (updated chronic pain and opioid guidelines)
// and 2017-12-01 (ACOEM's current guidelines incorporated by reference).
// Rule sets name the era they encode; the request or UR date picks it.
#ifndef IMR_DECIDE_ERA_H_
#define IMR_DECIDE_ERA_H_

#include <optional>
#include <string_view>

namespace imr {

enum class GuidelineEra { kAcoem2004, kChronicPain2009, kChronicPain2016, kAcoem2017 };

struct YearMonthDay {
  int year = 0, month = 0, day = 0;
};

GuidelineEra GuidelineEraFor(const YearMonthDay& request_date);

std::string_view EraName(GuidelineEra era);

// The inverse of EraName; nothing for an unknown name.
std::optional<GuidelineEra> EraFromName(std::string_view name);

}  // namespace imr

#endif  // IMR_DECIDE_ERA_H_
