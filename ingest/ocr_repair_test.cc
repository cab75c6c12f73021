#include "ingest/ocr_repair.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/text.h"

namespace imr {
namespace {

// Words as OCR would place them: lines split at "\n", words at spaces, each
// character 6 pt wide, a space 4 pt, lines 14 pt apart.
std::vector<PlacedWord> Place(std::string_view text) {
  std::vector<PlacedWord> words;
  double y = 72;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line); y += 14) {
    double x = 72;
    std::istringstream in(line);
    for (std::string w; in >> w;) {
      const double width = 6.0 * static_cast<double>(w.size());
      words.push_back({w, x, y, x + width, y + 10});
      x += width + 4;
    }
  }
  return words;
}

// The repaired words, one space between them, "/" between lines.
std::string Repaired(std::string_view text, const OcrLexicon& lexicon) {
  const std::vector<PlacedWord> words = RepairOcrWords(Place(text), lexicon);
  std::string out;
  double y = -1;
  for (const PlacedWord& w : words) {
    if (!out.empty()) out += w.y0 != y ? " / " : " ";
    out += w.text;
    y = w.y0;
  }
  return out;
}

struct Row {
  const char* ocr;
  const char* repaired;
};

TEST(OcrRepairTest, RepairsWhereTheMeaningIsPlain) {
  const OcrLexicon lexicon;
  const Row rows[] = {
      // Table rules between a label and its value.
      {"UR Denial Date: | 11/03/2016", "UR Denial Date: 11/03/2016"},
      {"UR Denial Date:| 11/03/2016", "UR Denial Date: 11/03/2016"},
      {"UR Denial Date: |11/03/2016", "UR Denial Date: 11/03/2016"},
      {"Date Assigned: [ 11/09/2016 ]", "Date Assigned: 11/09/2016"},
      {"Decision Date: l 12/09/2016", "Decision Date: 12/09/2016"},
      {"Priority: ¦ Standard", "Priority: Standard"},
      // A lone "I" is a word where no label and value surround it.
      {"then I 12 visits", "then I 12 visits"},
      {"Received: I was told", "Received: I was told"},
      // Stray spaces inside a date.
      {"Date of Injury: 11/ 03/2016", "Date of Injury: 11/03/2016"},
      {"on 11 /03/ 2016.", "on 11/03/2016."},
      {"on 2016- 11-03", "on 2016-11-03"},
      {"3/ 4 of the time", "3/ 4 of the time"},  // no date: left alone
      {"11/03/2016 - 12/01/2016", "11/03/2016 - 12/01/2016"},
      // 0/O and 1/l inside dates and numbers.
      {"Date: 11/O3/2O16", "Date: 11/03/2016"},
      {"Date: l1/03/2016,", "Date: 11/03/2016,"},
      {"(1OO mg)", "(100 mg)"},
      {"Case Number: CM16-O2l3037", "Case Number: CM16-0213037"},
      {"given O2 at 2 l/min", "given O2 at 2 l/min"},  // oxygen, not a number
      {"Olive oil", "Olive oil"},
      // rn read for m, and m for rn, in words the vocabulary knows.
      {"State of Licensure: Califomia", "State of Licensure: California"},
      {"CALIFOMIA", "CALIFORNIA"},
      {"Licensure: Arizona,Califomia", "Licensure: Arizona,California"},
      {"Licensure: Oregon,California,W yoming", "Licensure: Oregon,California,Wyoming"},
      {"the rnedical records", "the medical records"},
      {"modem", "modem"},  // a word already: "modern" is one too
      {"barn burn", "barn burn"},
      // n read for r and the reverse, cl for d, vv for w.
      {"Centification(s)/Specialty: Family Practice", "Certification(s)/Specialty: Family Practice"},
      {"the patient's cunrent medications", "the patient's cunrent medications"},  // short: left
      {"a physical thenapist", "a physical therapist"},
      {"Licensure: Illinois, Califormia, Michigan", "Licensure: Illinois, California, Michigan"},
      {"lumbar racliculopathy", "lumbar radiculopathy"},
      {"vvork status", "work status"},
      {"Dr. Bennard", "Dr. Bennard"},  // too short to swap one letter: "Bernard" is a name too
      {"rnay", "may"},
      // A capital split off by kerning.
      {"Licensure: Texas,New Y ork,California", "Licensure: Texas,New York,California"},
      {"in T exas.", "in Texas."},
      {"Plan B one", "Plan B one"},  // "one" is a word
      {"Licensure: Colorado, Texas, A rizona", "Licensure: Colorado, Texas, Arizona"},
      {"A typical case", "A typical case"},
      {"I rnean it", "I mean it"},
      {"Grade A ankle", "Grade A ankle"},
      {"Hepatitis B virus", "Hepatitis B virus"},
      // Words broken at a line-end hyphen.
      {"request for authori-\nzation of", "request for authorization / of"},
      {"a follow-\nup visit", "a follow- / up visit"},  // "follow" is a word: the hyphen may be real
      {"the treat-\nment plan", "the treat- / ment plan"},
      {"self-\nreported pain", "self- / reported pain"},
  };
  for (const Row& row : rows) EXPECT_EQ(Repaired(row.ocr, lexicon), row.repaired) << row.ocr;
}

TEST(OcrRepairTest, TrustsTheDocumentsOwnWordsForNames) {
  const OcrLexicon without;
  EXPECT_EQ(RepairLetters("Thomquist", without), "Thomquist");
  const std::vector<std::string_view> printed = {"Dr.", "Thornquist", "reviewed"};
  const OcrLexicon with(printed);
  EXPECT_EQ(RepairLetters("Thomquist,", with), "Thornquist,");
  // A word of the vocabulary stays, whatever the document prints.
  const std::vector<std::string_view> modern = {"modern"};
  EXPECT_EQ(RepairLetters("modem", OcrLexicon(modern)), "modem");
}

TEST(OcrRepairTest, RepairsDigitsOnlyInsideNumbers) {
  const Row rows[] = {
      {"11/O3/2016", "11/03/2016"}, {"2O16-11-O3", "2016-11-03"}, {"1,OOO", "1,000"},
      {"#2l", "#21"},               {"lO", "lO"},                 {"OK", "OK"},
      {"Il", "Il"},                 {"L4-5", "L4-5"},             {"C5-C6", "C5-C6"},
  };
  for (const Row& row : rows) EXPECT_EQ(RepairDigits(row.ocr), row.repaired) << row.ocr;
}

}  // namespace
}  // namespace imr
