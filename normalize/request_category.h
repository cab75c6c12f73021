// Treatment requests sorted into a fixed taxonomy, with the counts, doses and
// anatomy their words state.
//
//   imr::RequestNormal n = imr::NormalizeRequest("MRI of the right shoulder without contrast");
//   n.category == "imaging.mri.shoulder";
//   n.details == {{"body_site", "shoulder"}, {"laterality", "right"}};
//
//   imr::NormalizeRequest("Physical therapy 2x6 for the lumbar spine").details
//       == {body_site=lumbar_spine, frequency_per_week=2, weeks=6, visits=12}
//   imr::NormalizeRequest("Norco 10/325mg #90").category == "medication.opioid"
//       // drug=hydrocodone/acetaminophen strength=10/325 unit=mg quantity=90
//
// Categories are dotted lower_snake keys: a family (imaging, testing, therapy,
// medication, injection, dme, surgery, referral, program, service) and one or
// two narrower parts, or "other" when no row fires. The taxonomy is data:
// RequestCategoryTable() is tried top to bottom and the first row whose
// pattern occurs (and whose reject pattern does not) names the category, so
// a more specific reading sits above a broader one ("PT/INR" is a lab test
// before "PT" is physical therapy). Medication rows are made from
// RequestDrugTable(), one per drug class, so each drug name is written once.
#ifndef IMR_NORMALIZE_REQUEST_CATEGORY_H_
#define IMR_NORMALIZE_REQUEST_CATEGORY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace imr {

// A category key ending in ".*" takes its last part from the request's body
// site: imaging.mri.* → imaging.mri.knee through RequestSiteRow::imaging, surgery.*
// → surgery.spine through RequestSiteRow::surgery; "other" when no site is named.
struct CategoryRow {
  std::string_view category;
  std::string_view pattern;      // RE2, case-insensitive, matched as whole words
  std::string_view reject = "";  // RE2 anywhere in the request vetoes the row
};

// A body site as requests name it. `site` is the body_site detail (the names
// extract/ uses); `imaging` and `surgery` are the category parts it selects.
struct RequestSiteRow {
  std::string_view pattern;  // RE2, case-insensitive, whole words
  std::string_view site;     // lumbar_spine, shoulder, hand, ...
  std::string_view imaging;  // lumbar, shoulder, wrist_hand, ... or other
  std::string_view surgery;  // spine, shoulder, knee, hand_wrist, or other
};

// A drug by any of its names. `drug_class` is the medication.<class>
// category; topical forms and percentage strengths override it (see
// NormalizeRequest) unless `systemic_patch` says the patch or gel is a
// whole-body dose (fentanyl, buprenorphine, testosterone).
struct RequestDrugRow {
  std::string_view names;    // RE2 alternatives, case-insensitive, whole words
  std::string_view generic;  // "hydrocodone/acetaminophen"
  std::string_view drug_class;  // opioid, nsaid, muscle_relaxant, ...
  bool systemic_patch = false;
};

// What one request is: its category and the details its words state.
// details keys, each present only when stated: body_site, laterality (left,
// right, bilateral), level ("L4-5, L5-S1" as written), frequency_per_week,
// weeks, months, days, hours, visits (stated, or frequency times weeks),
// quantity, refills, drug (generic names joined by "/"), strength ("10/325"),
// unit (mg, mcg, %, ...). Numbers are decimal strings.
struct RequestNormal {
  std::string category = "other";
  Attributes details;
};

// Classifies one request as the letter words it ("Lumbar epidural steroid
// injection at L4-5", "Terocin patches #30"). Line breaks and runs of spaces
// are read as one space. Empty or unrecognized text gives category "other"
// and whatever details its words state. Pure; the tables are compiled once,
// on first use, and shared between threads.
RequestNormal NormalizeRequest(std::string_view request_text);

// The tables, in the order tried. RequestCategoryTable() holds the drug rows
// made from RequestDrugTable() at their place in the order.
const std::vector<CategoryRow>& RequestCategoryTable();

// Every category NormalizeRequest can return ("x.*" rows expanded by the
// site table, and "other"), sorted, without repeats.
std::vector<std::string> AllRequestCategories();
const std::vector<RequestSiteRow>& RequestSiteTable();
const std::vector<RequestDrugRow>& RequestDrugTable();

}  // namespace imr

#endif  // IMR_NORMALIZE_REQUEST_CATEGORY_H_
