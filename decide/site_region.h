// Body regions, for "is this finding about the requested body part?".
//
//   imr::SiteRegion("lumbar_spine") == "lumbar"
//   imr::SiteRegion("lower extremities") == "lumbar"   // where lumbar roots lead
//   imr::SiteRegion("L5-S1") == "lumbar"
//   imr::SiteRegion("shoulder") == "shoulder"
//
// Internal to decide/. The spine regions take in the limbs their nerve roots
// supply, since a radicular sign in the leg speaks for a lumbar study.
#ifndef IMR_DECIDE_SITE_REGION_H_
#define IMR_DECIDE_SITE_REGION_H_

#include <string>
#include <string_view>

namespace imr {

// The region of a body site, a spinal level or segment list; empty when unknown.
std::string SiteRegion(std::string_view site);

}  // namespace imr

#endif  // IMR_DECIDE_SITE_REGION_H_
