// The data files compiled into the binary (vocab/*.tsv), by name.
//
//   std::string_view tsv = imr::EmbeddedFile("anatomy.tsv");
//
// The bytes are the file's own, embedded at build time by
// cmake/embed_files.cmake, and live as long as the program. Nothing here reads
// the file system, so every command runs from any directory.
#ifndef IMR_CORE_EMBEDDED_FILES_H_
#define IMR_CORE_EMBEDDED_FILES_H_

#include <string_view>
#include <vector>

namespace imr {

struct EmbeddedFileRow {
  std::string_view name;  // "anatomy.tsv"
  const char* begin;
  const char* end;
};

// Every embedded file, sorted by name (generated).
const std::vector<EmbeddedFileRow>& EmbeddedFileTable();

// The contents of the embedded file `name`. Throws std::out_of_range when no
// such file was embedded: a missing vocabulary is a build error, not input.
std::string_view EmbeddedFile(std::string_view name);

}  // namespace imr

#endif  // IMR_CORE_EMBEDDED_FILES_H_
