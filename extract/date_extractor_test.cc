#include "extract/date_extractor.h"

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "extract/pattern.h"
#include "extract/extract_testing.h"
#include "extract/region.h"

namespace imr {
namespace {

// "'10/13/2016' printed_form=numeric; '2016' printed_form=year": each fact's
// words, then its value attributes in key order.
std::string Describe(const std::vector<Fact>& facts) {
  return testing::DescribeFacts(facts, {.between = "; ", .kind_braces = false});
}

struct Row {
  std::string input;
  std::string expected;
};

// Every sentence here is invented.
const std::vector<Row>& DateRows() {
  static const std::vector<Row> rows = {
      // Absolute dates, each printed form.
      {"Seen on 10-13-16 for neck pain.", "'10-13-16' printed_form=numeric"},
      {"Injured on 10/13/2016 while lifting a box.", "'10/13/2016' printed_form=numeric"},
      {"The injury occurred on 1-9-16 at work.", "'1-9-16' printed_form=numeric"},
      {"An MRI dated 2016-10-13 showed a tear.", "'2016-10-13' printed_form=iso"},
      {"On October 13, 2016, she slipped.", "'October 13, 2016' printed_form=month_name"},
      {"Seen Oct. 13 2016 in clinic.", "'Oct. 13 2016' printed_form=month_name"},
      {"Seen Oct 13, 2016 in clinic.", "'Oct 13, 2016' printed_form=month_name"},
      {"Surgery on Sept. 3, 2015 went well.", "'Sept. 3, 2015' printed_form=month_name"},
      {"REPORT DATED OCTOBER 13, 2016 FOLLOWS", "'OCTOBER 13, 2016' printed_form=month_name"},
      {"Evaluated 13 Oct 2016 by orthopedics.", "'13 Oct 2016' printed_form=day_month"},
      {"Evaluated on the 13th of October, 2016.", "'13th of October, 2016' printed_form=day_month"},
      {"Last worked 10/2016 per the notes.", "'10/2016' printed_form=month_year"},
      {"The pain began in October 2016.", "'October 2016' printed_form=month_year"},
      {"Norco since at least October 2016.On exam", "'October 2016' printed_form=month_year"},
      // A bare year, only where the words make it one.
      {"Surgery in 2016 was uneventful.", "'2016' printed_form=year"},
      {"She has been symptomatic since 2014.", "'2014' printed_form=year"},
      {"In mid-2015 she changed jobs.", "'2015' printed_form=year"},
      {"Employed from 2014-2016 as a clerk.", "'2014' printed_form=year; '2016' printed_form=year"},
      // Letters wrap lines inside dates.
      {"a claim from 10/14/\n2016. The mechanism", "'10/14/\n2016' printed_form=numeric"},
      {"The exam, dated 11-21-\n16, was normal.", "'11-21-\n16' printed_form=numeric"},
      {"injured on October 28,\n2016, after a fall", "'October 28,\n2016' printed_form=month_name"},
      // Ranges: a dash beside slash dates is no glue.
      {"Records (10-22-2016 to 12-07-2016) reviewed.",
       "'10-22-2016' printed_form=numeric; '12-07-2016' printed_form=numeric"},
      {"Notes 10/13/2016-11/15/2016 reviewed.",
       "'10/13/2016' printed_form=numeric; '11/15/2016' printed_form=numeric"},
      // Relative dates.
      {"She had a fall 18 months ago.", "'18 months ago' amount=18 direction=ago relative=true unit=month"},
      {"Three weeks later she returned.", "'Three weeks later' amount=3 direction=later relative=true unit=week"},
      {"Labs were drawn two (2) days prior.",
       "'two (2) days prior' amount=2 direction=before relative=true unit=day"},
      {"She was seen on the same day by urgent care.",
       "'on the same day' direction=same_day relative=true unit=day"},
      {"She returned the following day.", "'the following day' amount=1 direction=later relative=true unit=day"},
      {"He was seen the next day.", "'the next day' amount=1 direction=later relative=true unit=day"},
      {"Pain started the day before surgery.", "'the day before' amount=1 direction=before relative=true unit=day"},
      {"A refill was given a week ago.", "'a week ago' amount=1 direction=ago relative=true unit=week"},
      {"Swelling resolved thirty days later.", "'thirty days later' amount=30 direction=later relative=true unit=day"},
      {"Seen twenty-one days ago.", "'twenty-one days ago' amount=21 direction=ago relative=true unit=day"},
      {"Wound check 2 weeks post-op was clean.", "'2 weeks post-op' amount=2 direction=after relative=true unit=week"},
      // Near misses: numbers that only look like dates.
      {"Call 619-555-0101 to schedule.", ""},
      {"Phone (209) 555-0147.", ""},
      {"Norco 10/325 mg #90 was requested.", ""},
      {"Norco 5/325 twice daily.", ""},
      {"Strength 5/5 on the right and 4+/5 on the left.", ""},
      {"Reflexes were 2/4 bilaterally.", ""},
      {"Pain was 7/10, at worst 6-8/10.", ""},
      {"BP 120/80, pulse 72.", ""},
      {"Case Number: CM16-0219557", ""},
      {"Claim Number: 0900-71532", ""},
      {"Tenderness at L4-5 and C5-6.", ""},
      {"Diagnosis M54.16, lumbar radiculopathy.", ""},
      {"CPT 72148 for the lumbar MRI.", ""},
      {"Physical therapy 2x6 for the knee.", ""},
      {"Seen at 10:30 in the morning.", ""},
      {"A 3 mm disc bulge at L5-S1.", ""},
      {"The printed date 13/45/2016 is no date.", ""},
      {"The printed date 13/12/2016 is no date either.", ""},
      {"Page 2 of 3", ""},
      {"A daily dose of 2000 mg was given.", ""},
      {"She walked 2016 steps.", ""},
      {"Stretch 5-10-15 minutes daily.", ""},
      {"A 34-year-old male fell 3 times.", ""},
      {"She may return to work in March.", ""},
      {"Pain for 6 weeks, 2 times a week.", ""},
      // Guideline editions and citations print bare years.
      {"Per MTUS Low Back Complaints 2004, Section 12.", ""},
      {"Chronic Pain Medical Treatment Guidelines 2016 apply.", ""},
      {"Exercise helps (Smith, 2007) (Jones, 2004).", ""},
      {"On May 9, 3016 a request was made.", ""},
  };
  return rows;
}

const std::vector<Row>& DurationRows() {
  static const std::vector<Row> rows = {
      {"Physical therapy for 6 weeks was requested.", "'for 6 weeks' amount=6 unit=week"},
      {"Neck pain for the past two years.", "'for the past two years' amount=2 unit=year"},
      {"She reports three (3) months of symptoms.", "'three (3) months' amount=3 unit=month"},
      {"Expected recovery over 6-8 weeks.", "'over 6-8 weeks' amount_max=8 amount_min=6 unit=week"},
      {"Norco x 3 months.", "'x 3 months' amount=3 unit=month"},
      {"Meloxicam x3 wks.", "'x3 wks' amount=3 unit=week"},
      {"She has been symptomatic since 2014.", "'since 2014' since=2014"},
      {"Norco since at least 11-15-2016.", "'since at least 11-15-2016' since=11-15-2016"},
      {"Taking it since October 2016.", "'since October 2016' since=October 2016"},
      {"Symptoms of 17 days duration.", "'17 days' amount=17 unit=day"},
      {"Symptoms had been present for 17 days.", "'for 17 days' amount=17 unit=day"},
      {"Chiropractic 2 times a week for 3 weeks.", "'for 3 weeks' amount=3 unit=week"},
      {"A 2-week history of pain.", "'2-week' amount=2 unit=week"},
      {"Off work for a week.", "'for a week' amount=1 unit=week"},
      {"Rest for approximately twenty-one days.", "'for approximately twenty-one days' amount=21 unit=day"},
      {"Worse in the last year.", "'in the last year' unit=year"},
      {"Headaches for 1-2 months, then 3 days off.",
       "'for 1-2 months' amount_max=2 amount_min=1 unit=month; '3 days' amount=3 unit=day"},
      {"Symptoms lasting more than three or four weeks.",
       "'lasting more than three or four weeks' amount_max=4 amount_min=3 unit=week"},
      {"Naproxen was given for a one month period.", "'for a one month' amount=1 unit=month"},
      {"Up to 18 visits over 6-8\nweeks may be allowed.", "'over 6-8\nweeks' amount_max=8 amount_min=6 unit=week"},
      {"The pain has persisted for at least six\nweeks.", "'for at least six\nweeks' amount=6 unit=week"},
      // Near misses: ages, frequencies, relative dates, numbers without units.
      {"A 34-year-old male.", ""},
      {"He is 34 years old.", ""},
      {"An infant 3 months of age.", ""},
      {"Home aide 5 days a week.", ""},
      {"Therapy 3 days/week.", ""},
      {"She had a fall 18 months ago.", ""},
      {"Three weeks later she returned.", ""},
      {"Labs were drawn two (2) days prior.", ""},
      {"Physical therapy 2x6 for the knee.", ""},
      {"Home aide 12 hours per day.", ""},
      {"Improved since the last visit.", ""},
      {"Norco 10/325 mg #90 was requested.", ""},
      {"Call 619-555-0101 to schedule.", ""},
      {"Page 2 of 3", ""},
  };
  return rows;
}

TEST(DateExtractorTest, DatesAsTheTableSays) {
  for (const Row& row : DateRows()) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Describe(ExtractDates(RegionOfText(row.input))), row.expected);
  }
}

TEST(DateExtractorTest, DurationsAsTheTableSays) {
  for (const Row& row : DurationRows()) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Describe(ExtractDurations(RegionOfText(row.input))), row.expected);
  }
}

TEST(DateExtractorTest, FactsQuoteTheirWordsAndNameTheirRow) {
  std::set<std::string> fired;
  auto check = [&](const std::vector<Fact>& facts, const Region& region, std::string_view kind) {
    for (const Fact& f : facts) {
      EXPECT_EQ(f.kind, kind);
      EXPECT_EQ(f.span.page_number, 1);
      EXPECT_EQ(region.text.text.substr(f.span.begin, f.span.size()), f.text);
      fired.insert(f.rule);
    }
  };
  for (const Row& row : DateRows()) {
    SCOPED_TRACE(row.input);
    const Region region = RegionOfText(row.input, "clinical_case_summary");
    const std::vector<Fact> facts = ExtractDates(region);
    check(facts, region, "date");
    for (const Fact& f : facts) EXPECT_EQ(f.section, "clinical_case_summary");
  }
  for (const Row& row : DurationRows()) {
    SCOPED_TRACE(row.input);
    const Region region = RegionOfText(row.input);
    check(ExtractDurations(region), region, "duration");
  }
  // Every row has a sample that fires it.
  for (const DatePatternRow& row : DatePatternTable()) {
    EXPECT_TRUE(fired.count(row.rule)) << row.rule << " fires on no sample";
  }
}

TEST(DateExtractorTest, EveryTableRowCompiles) {
  const std::regex rule_id(R"((date|duration)\.[a-z_]+@[0-9]+)");
  const std::set<std::string> date_forms = {"numeric", "iso",  "month_name", "day_month",
                                            "month_year", "year", "relative"};
  const std::set<std::string> duration_forms = {"duration", "since"};
  std::set<std::string> ids;
  for (const DatePatternRow& row : DatePatternTable()) {
    SCOPED_TRACE(row.rule + ": " + row.pattern);
    EXPECT_TRUE(std::regex_match(row.rule, rule_id));
    EXPECT_TRUE(ids.insert(row.rule).second) << "duplicate id";
    const bool is_date = row.rule.rfind("date.", 0) == 0;
    EXPECT_TRUE((is_date ? date_forms : duration_forms).count(row.form)) << row.form;
    // Every named piece was expanded.
    EXPECT_FALSE(std::regex_search(row.pattern, std::regex(R"(\{[A-Z])")));
    std::optional<Pattern> pattern;
    ASSERT_NO_THROW(pattern.emplace(row.pattern));
    EXPECT_TRUE(pattern->ok()) << pattern->error();
    if (!row.not_followed_by.empty()) {
      EXPECT_NO_THROW(Pattern{row.not_followed_by});
    }
  }
  EXPECT_GE(ids.size(), 20u);
  EXPECT_THROW(Pattern("(unclosed"), std::invalid_argument);
}

TEST(DateExtractorTest, ResultsAreSortedAndOnePerSpan) {
  const Region region = RegionOfText(
      "Seen 11/15/2016 and 10/13/2016; from 2014 to 2016 she worked. "
      "Injured on October 13, 2016.");
  const std::vector<Fact> facts = ExtractDates(region);
  EXPECT_EQ(Describe(facts),
            "'11/15/2016' printed_form=numeric; '10/13/2016' printed_form=numeric; "
            "'2014' printed_form=year; '2016' printed_form=year; "
            "'October 13, 2016' printed_form=month_name");
  for (size_t i = 1; i < facts.size(); ++i) EXPECT_LT(facts[i - 1].span.end, facts[i].span.begin + 1);
  // Same input, same answer.
  EXPECT_EQ(Describe(ExtractDates(region)), Describe(facts));
  EXPECT_TRUE(ExtractDates(RegionOfText("")).empty());
}

// A summary running over a page break: spans land on the page their words are
// on, and a date broken by the break quotes only its first page's part.
TEST(DateExtractorTest, SpansLandOnTheirPage) {
  const auto [pages, region] = testing::TwoPageRegion(
      "clinical_case_summary",
      {"Case Number: CM16-0000001\nSUMMARY\n", "Injured on 10/13/2016. Seen October 28,", "\n"},
      {"", "2016, with pain for 6 weeks since 2015. Seen 11/01/2016.", "\nPage 2 of 2"});
  ASSERT_EQ(region.text.pieces.size(), 2u);

  const std::vector<Fact> dates = ExtractDates(region);
  ASSERT_EQ(Describe(dates),
            "'10/13/2016' printed_form=numeric; 'October 28,' printed_form=month_name; "
            "'2015' printed_form=year; '11/01/2016' printed_form=numeric");
  const int page_numbers[] = {1, 1, 2, 2};
  for (size_t i = 0; i < dates.size(); ++i) {
    SCOPED_TRACE(dates[i].text);
    EXPECT_EQ(dates[i].span.page_number, page_numbers[i]);
    EXPECT_EQ(Slice(pages, dates[i].span), dates[i].text);
  }
  EXPECT_EQ(dates[0].span.begin, pages[0].text.find("10/13/2016"));
  EXPECT_EQ(dates[3].span.begin, pages[1].text.find("11/01/2016"));

  const std::vector<Fact> durations = ExtractDurations(region);
  ASSERT_EQ(Describe(durations), "'for 6 weeks' amount=6 unit=week; 'since 2015' since=2015");
  for (const Fact& f : durations) {
    SCOPED_TRACE(f.text);
    EXPECT_EQ(f.span.page_number, 2);
    EXPECT_EQ(Slice(pages, f.span), f.text);
  }
}

}  // namespace
}  // namespace imr
