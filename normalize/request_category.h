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
// the drug table (core/drug_table.h), one per drug class, so each drug name is
// written once.
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

// Body sites and drugs come from the tables every stage reads: core/anatomy.h
// (a site's body_site key and its imaging and surgery category parts) and
// core/drug_table.h (names, generic, class, whether a patch of it is a
// whole-body dose). What requests alone say about a site is here: operation
// words that name no body part but imply one ("ACDF", "meniscectomy").
struct ImpliedSiteRow {
  std::string_view pattern;  // RE2, case-insensitive, whole words
  std::string_view site;     // a core/anatomy.h site key
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

// The tables, in the order tried. RequestCategoryTable() holds one drug row
// per class, made from the curated drug table, at its place in the order.
const std::vector<CategoryRow>& RequestCategoryTable();

// Every category NormalizeRequest can return ("x.*" rows expanded by the
// site table, and "other"), sorted, without repeats.
std::vector<std::string> AllRequestCategories();
const std::vector<ImpliedSiteRow>& ImpliedSiteTable();

}  // namespace imr

#endif  // IMR_NORMALIZE_REQUEST_CATEGORY_H_
