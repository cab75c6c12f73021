// The NegEx annotated sentences of ../shared/data/negex-dev/ through the
// assertion engine: accuracy and F1 of the negated class, as the extraction
// issue asks. The kit annotates negation only (Affirmed/Negated), so it is
// scored as such: "absent" is negated, any other assertion is not. Skipped,
// with a message, where the folder is absent.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "extract/assertion.h"
#include "tests/testing.h"

namespace imr {
namespace {

struct KitRow {
  std::string target, sentence;
  bool negated = false;
};

std::vector<KitRow> ReadKit(const std::string& path) {
  std::vector<KitRow> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header: id target sentence label
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, '\t');) cells.push_back(cell);
    if (cells.size() < 4) continue;
    rows.push_back({cells[1], cells[2], cells[3] == "Negated"});
  }
  return rows;
}

TEST(NegexKitTest, AccuracyAndNegatedF1) {
  const std::string dir = testing::SharedDataDir("negex-dev");
  if (dir.empty()) GTEST_SKIP() << "../shared/data/negex-dev is absent: NegEx kit evaluation skipped";
  const std::vector<KitRow> rows = ReadKit(dir + "/negex-dev.tsv");
  ASSERT_GT(rows.size(), 100u);
  int tp = 0, fp = 0, fn = 0, correct = 0;
  for (const KitRow& row : rows) {
    const bool negated = ClassifyTarget(row.sentence, row.target).assertion == "absent";
    correct += negated == row.negated;
    tp += negated && row.negated;
    fp += negated && !row.negated;
    fn += !negated && row.negated;
  }
  const double accuracy = static_cast<double>(correct) / rows.size();
  const double precision = tp / static_cast<double>(tp + fp);
  const double recall = tp / static_cast<double>(tp + fn);
  const double f1 = 2 * precision * recall / (precision + recall);
  std::cout << "negex-dev: rows " << rows.size() << " accuracy " << accuracy << " negated P " << precision
            << " R " << recall << " F1 " << f1 << "\n";
  EXPECT_GE(accuracy, 0.985);
  EXPECT_GE(f1, 0.97);
}

}  // namespace
}  // namespace imr
