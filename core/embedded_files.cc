#include "core/embedded_files.h"

#include <stdexcept>
#include <string>

namespace imr {

std::string_view EmbeddedFile(std::string_view name) {
  for (const EmbeddedFileRow& row : EmbeddedFileTable()) {
    if (row.name == name) return {row.begin, static_cast<size_t>(row.end - row.begin)};
  }
  throw std::out_of_range("no embedded file " + std::string(name));
}

}  // namespace imr
