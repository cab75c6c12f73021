// Tab-separated tables with a header line, the form the vocab/ files take.
//
//   imr::TsvTable t = imr::ParseTsv(imr::EmbeddedFile("anatomy.tsv"));
//   for (const auto& row : t.rows) row[t.Column("site")];
//
// Lines starting with '#' are comments (provenance, format notes); the first
// other line is the header. Cells are views into the text, which must outlive
// the table (embedded files live as long as the program). A missing cell reads
// as empty.
#ifndef IMR_CORE_TSV_H_
#define IMR_CORE_TSV_H_

#include <string_view>
#include <vector>

namespace imr {

struct TsvTable {
  std::vector<std::string_view> header;
  std::vector<std::vector<std::string_view>> rows;

  // The index of column `name`. Throws std::out_of_range when the header lacks
  // it: tables are code, and a renamed column must fail the first test.
  size_t Column(std::string_view name) const;
  // The cell, or "" when the row is short.
  static std::string_view Cell(const std::vector<std::string_view>& row, size_t column) {
    return column < row.size() ? row[column] : std::string_view();
  }
};

TsvTable ParseTsv(std::string_view text);

// "a|b|c" -> {"a", "b", "c"}, empty parts dropped.
std::vector<std::string_view> SplitBar(std::string_view cell);

}  // namespace imr

#endif  // IMR_CORE_TSV_H_
