#include "pipeline/assertion_io.h"

#include <nlohmann/json.hpp>

#include <string>

#include "extract/assertion.h"

namespace imr {

size_t ClassifyJsonLines(std::istream& in, std::ostream& out) {
  using Json = nlohmann::json;
  size_t bad = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json row = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    const bool ok = row.is_object() && row.contains("sentence") && row["sentence"].is_string() &&
                    row.contains("target") && row["target"].is_string();
    Json result;
    if (row.is_object() && row.contains("id")) result["id"] = row["id"];
    if (!ok) {
      ++bad;
      result["error"] = "expected an object with string keys \"sentence\" and \"target\"";
    } else {
      const std::string section = row.value("section", "");
      const AssertionResult a = ClassifyTarget(row["sentence"].get<std::string>(), row["target"].get<std::string>(), section);
      result["assertion"] = a.assertion;
      result["cue"] = a.cue;
      result["negated"] = a.assertion == "absent";
    }
    out << result.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  return bad;
}

}  // namespace imr
