# cmake -DOUT=builtin_rules.cc -DRULES_DIR=decide/rules -P embed_rules.cmake
# Writes the rule files into a C++ source as raw string literals, so the
# binary carries its rulebook and runs from any directory.
file(GLOB RULES "${RULES_DIR}/*.json")
list(SORT RULES)
set(body "")
foreach(path IN LISTS RULES)
  file(READ "${path}" text)
  get_filename_component(name "${path}" NAME)
  string(FIND "${text}" ")imr_rule\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the raw-string delimiter")
  endif()
  string(APPEND body "      {\"${name}\", R\"imr_rule(${text})imr_rule\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from decide/rules/*.json by decide/embed_rules.cmake. Do not edit.
#include \"decide/rulebook.h\"

namespace imr {

const std::vector<RuleFile>& BuiltinRuleFiles() {
  static const std::vector<RuleFile> files = {
${body}  };
  return files;
}

}  // namespace imr
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
