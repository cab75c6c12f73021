#include "core/tsv.h"

#include <stdexcept>
#include <string>

namespace imr {
namespace {

std::vector<std::string_view> SplitOn(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t from = 0;
  while (true) {
    const size_t at = line.find(sep, from);
    out.push_back(line.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return out;
}

}  // namespace

size_t TsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw std::out_of_range("no column " + std::string(name));
}

TsvTable ParseTsv(std::string_view text) {
  TsvTable table;
  bool have_header = false;
  for (size_t from = 0; from < text.size();) {
    size_t end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(from, end - from);
    from = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!have_header) {
      table.header = SplitOn(line, '\t');
      have_header = true;
    } else {
      table.rows.push_back(SplitOn(line, '\t'));
    }
  }
  return table;
}

std::vector<std::string_view> SplitBar(std::string_view cell) {
  std::vector<std::string_view> out;
  for (std::string_view part : SplitOn(cell, '|')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

}  // namespace imr
