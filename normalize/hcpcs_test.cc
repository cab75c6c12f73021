#include "normalize/hcpcs.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <re2/re2.h>

namespace imr {
namespace {

std::string Coded(std::string_view category, const Attributes& details, std::string_view text) {
  const std::optional<Code> code = HcpcsForRequest(category, details, text);
  if (!code) return "";
  EXPECT_EQ(code->system, "HCPCS") << text;
  return code->code;
}

TEST(HcpcsForRequestTest, Table) {
  struct Row {
    std::string category;
    std::string text;
    std::string expected;  // "" when no code is certain
    Attributes details = {};
  };
  const Row rows[] = {
      // TENS: the lead count decides; channels are not leads.
      {"dme.tens", "TENS unit, two-lead, purchase", "E0720"},
      {"dme.tens", "2 lead TENS unit", "E0720"},
      {"dme.tens", "Four lead TENS unit for the low back", "E0730"},
      {"dme.tens", "transcutaneous electrical nerve stimulator with 4 leads", "E0730"},
      {"dme.tens", "TENS unit", ""},
      {"dme.tens", "dual channel TENS unit", ""},
      {"dme.tens", "H-wave unit, 2 leads", ""},
      {"dme.tens", "TENS unit supplies", "A4595"},
      {"dme.tens", "Electrodes for TENS unit x 12 months", "A4595"},
      {"dme.tens", "TENS unit with supplies", ""},
      {"dme.tens", "interferential unit electrodes", ""},
      {"dme.tens", "conductive garment", "E0731"},
      {"dme.tens", "NMES unit purchase", "E0745"},
      {"dme.tens", "NMES", ""},
      // Heat and cold.
      {"dme.hot_cold", "cold therapy unit with pump", "E0218"},
      {"dme.hot_cold", "water-circulating cold pad", "E0218"},
      {"dme.hot_cold", "hot/cold therapy unit", ""},
      {"dme.hot_cold", "cold therapy unit", ""},
      {"dme.hot_cold", "cold compression unit with pump", ""},
      {"dme.hot_cold", "water circulating heat pad with pump", "E0217"},
      // Mobility aids: the type must be stated.
      {"dme.other", "cane", "E0100"},
      {"dme.other", "Single point cane", "E0100"},
      {"dme.other", "four-point cane", "E0105"},
      {"dme.other", "quad cane", "E0105"},
      {"dme.other", "cane and front-wheeled walker", ""},
      {"dme.other", "walker", ""},
      {"dme.other", "front-wheeled walker", ""},
      {"dme.other", "folding wheeled walker", "E0143"},
      {"dme.other", "Folding walker with front wheels", "E0143"},
      {"dme.other", "rigid wheeled walker", "E0141"},
      {"dme.other", "folding pick-up walker", "E0135"},
      {"dme.other", "rigid pickup walker", "E0130"},
      {"dme.other", "rollator walker, folding, with seat and brakes", ""},
      {"dme.other", "standard wheelchair", "K0001"},
      {"dme.other", "standard power wheelchair", ""},
      {"dme.other", "CPM machine for the right knee", "E0935", {{"body_site", "knee"}}},
      {"dme.other", "CPM machine for the knee", "", {{"body_site", "shoulder"}}},
      {"dme.other", "CPM for the shoulder", ""},
      {"dme.other", "CPAP machine", "E0601"},
      {"dme.other", "CPAP mask and tubing", ""},
      {"dme.other", "over-the-door cervical traction unit", "E0860"},
      {"dme.other", "home cervical traction unit", ""},
      // Orthoses.
      {"dme.brace", "soft cervical collar", "L0120"},
      {"dme.brace", "cervical collar", ""},
      {"dme.brace", "Philadelphia collar", ""},
      {"dme.brace", "cock-up wrist splint", "L3908"},
      {"dme.brace", "custom molded cock-up wrist splint", ""},
      {"dme.brace", "thumb spica splint", ""},
      {"dme.brace", "knee immobilizer", "L1830"},
      {"dme.brace", "hinged knee brace", ""},
      {"dme.brace", "LSO brace", ""},
      {"dme.brace", "lumbar-sacral orthosis with rigid panels", ""},
      // No code outside the rows, and no row outside its category.
      {"testing.urine_drug", "urine drug screen", ""},
      {"testing.urine_drug", "definitive urine drug testing, 8 drug classes", ""},
      {"injection.joint", "Synvisc-One injection to the right knee", ""},
      {"injection.epidural", "L5-S1 transforaminal epidural steroid injection", ""},
      {"dme.brace", "quad cane", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Coded(row.category, row.details, row.text), row.expected)
        << row.category << " | " << row.text;
  }
}

std::string Written(std::string_view text) {
  std::string out;
  for (const Code& code : CptCodesWritten(text)) {
    EXPECT_EQ(code.system, "CPT") << text;
    if (!out.empty()) out += " ";
    out += code.code;
  }
  return out;
}

TEST(CptCodesWrittenTest, Table) {
  struct Row {
    std::string text;
    std::string expected;  // codes joined by spaces
  };
  const Row rows[] = {
      {"MRI lumbar spine without contrast, CPT 72148", "72148"},
      {"Therapeutic exercise (97110) 2x6", "97110"},
      {"CPT codes 97110, 97140 and 97530", "97110 97140 97530"},
      {"CPT: 99213-25", "99213"},
      {"cpt#64483", "64483"},
      {"requested procedure code 20610 for the right knee", "20610"},
      {"billing code: 97014", "97014"},
      {"manual therapy (97140) and therapeutic exercise (97110)", "97140 97110"},
      {"MRI of the right knee (73721)", "73721"},
      {"CPT 97110 x 12, 97140 x 12", "97110 97140"},
      {"CPT 97110; CPT 97110 again", "97110"},
      {"PRP injection (CPT 0232T)", "0232T"},
      {"Medial branch blocks (64493, 64494)", "64493 64494"},
      {"CPT/HCPCS code 97112", "97112"},
      {"CPT 64490-64495", "64490 64495"},
      // Near misses: numbers without a cue.
      {"Modesto, CA 95350", ""},
      {"ZIP code 95350-1234", ""},
      {"zip code 95350", ""},
      {"Call (209) 555-0101 or 800-555-0199", ""},
      {"Claim number 12345678", ""},
      {"Claim No. 05-12345", ""},
      {"Date of injury 12/20/2016", ""},
      {"Lidoderm 5% patches, 120 grams", ""},
      {"ICD-10 code M54.50 and diagnosis code 72148", ""},
      {"Labor Code 4610.5", ""},
      {"Modesto CA (95350)", ""},
      {"Voltaren gel 100 grams (10000)", ""},
      {"code 00012", ""},
      {"CPT 97110.5", ""},
      {"CPT 971100", ""},
      {"Physical therapy 12 visits (2x6)", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Written(row.text), row.expected) << row.text;
  }
}

TEST(HcpcsTableTest, RowsAreWellFormedAndCompile) {
  std::set<std::string_view> codes;
  for (const HcpcsRow& row : HcpcsTable()) {
    EXPECT_TRUE(IsWellFormedHcpcs(row.code)) << row.code;
    EXPECT_FALSE(row.description.empty()) << row.code;
    EXPECT_FALSE(row.category.empty()) << row.code;
    EXPECT_TRUE(codes.insert(row.code).second) << "duplicate " << row.code;
    for (std::string_view patterns : {row.names, row.certain_when, row.reject}) {
      // certain_when joins several patterns with " && "; each must compile.
      while (!patterns.empty()) {
        const size_t cut = patterns.find(" && ");
        const std::string pattern(patterns.substr(0, cut));
        const RE2 re{pattern};
        EXPECT_TRUE(re.ok()) << row.code << " " << pattern << ": " << re.error();
        patterns = cut == std::string_view::npos ? std::string_view() : patterns.substr(cut + 4);
      }
    }
  }
}

TEST(HcpcsTableTest, WellFormedShape) {
  EXPECT_TRUE(IsWellFormedHcpcs("E0730"));
  EXPECT_TRUE(IsWellFormedHcpcs("L3908"));
  EXPECT_TRUE(IsWellFormedHcpcs("V2020"));
  EXPECT_FALSE(IsWellFormedHcpcs("I0100"));
  EXPECT_FALSE(IsWellFormedHcpcs("O0100"));
  EXPECT_FALSE(IsWellFormedHcpcs("W0100"));
  EXPECT_FALSE(IsWellFormedHcpcs("e0730"));
  EXPECT_FALSE(IsWellFormedHcpcs("97110"));
  EXPECT_FALSE(IsWellFormedHcpcs("E073"));
  EXPECT_FALSE(IsWellFormedHcpcs("E07300"));
}

}  // namespace
}  // namespace imr
