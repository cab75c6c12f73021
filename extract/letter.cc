#include "extract/letter.h"

#include <re2/re2.h>

#include <memory>
#include <optional>

#include "core/text.h"
#include "extract/stitched_text.h"

namespace imr {
namespace {

#define IMR_DATE                                                                      \
  R"((\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-\d{1,2}-\d{2,4}|\d{4}-\d{2}-\d{2}|)"            \
  R"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}))"

// One compiled regular expression per table row, built once.
struct Compiled {
  std::string field;
  std::unique_ptr<RE2> re;
};

std::unique_ptr<RE2> Compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
}

const std::vector<Compiled>& CompiledFields() {
  static const std::vector<Compiled> compiled = [] {
    std::vector<Compiled> out;
    for (const FieldPatternRow& row : LetterFieldTable()) {
      out.push_back({std::string(row.field), Compile(row.pattern)});
    }
    return out;
  }();
  return compiled;
}

// Group 1 of the first match of `re` in `text`, or nothing.
std::optional<std::string_view> FirstGroup(const RE2& re, std::string_view text) {
  re2::StringPiece groups[2];
  if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                groups, 2) ||
      groups[1].data() == nullptr) {
    return std::nullopt;
  }
  return std::string_view(groups[1].data(), groups[1].size());
}

void ExtractFields(const Document& doc, LetterFacts* out) {
  // Header values sit above the first heading; a letter without such a header
  // may still print them in its opening lines, hence the fallback to page 1.
  StitchedText header = StitchSections(doc, "header");
  StitchedText first_page;
  if (!doc.pages.empty()) {
    first_page.text = doc.pages[0].text;
    first_page.pieces.push_back({0, 1, 0, doc.pages[0].text.size()});
  }
  for (const Compiled& row : CompiledFields()) {
    if (out->fields.count(row.field)) continue;  // an earlier row for the field won
    for (const StitchedText* where : {&header, &first_page}) {
      const auto value = FirstGroup(*row.re, where->text);
      if (!value) continue;
      const size_t begin = OffsetIn(where->text, *value);
      const std::string printed = CollapseWhitespace(*value);
      out->fields[row.field] = {printed, where->ToSpan(begin, begin + value->size())};
      break;
    }
  }
  auto priority = out->fields.find("priority");
  if (priority != out->fields.end()) priority->second.value = AsciiLower(priority->second.value);
}

}  // namespace

const std::vector<FieldPatternRow>& LetterFieldTable() {
  static const std::vector<FieldPatternRow> table = {
      {"case_number", R"((?i)case\s+(?:number|no\.?|#)\s*:?[ \t]*([A-Z]{2,3}\d{2}-\d{4,8}))"},
      {"date_assigned", R"((?i)date\s+assigned\s*:?[ \t]*)" IMR_DATE},
      {"date_of_injury", R"((?i)date\s+of\s+injury\s*:?[ \t]*)" IMR_DATE},
      {"decision_date", R"((?i)decision\s+date\s*:?[ \t]*)" IMR_DATE},
      {"ur_denial_date", R"((?i)UR\s+denial\s+date\s*:?[ \t]*)" IMR_DATE},
      {"ur_denial_date", R"((?i)date\s+of\s+UR\s+(?:decision|denial)\s*:?[ \t]*)" IMR_DATE},
      // "Application Received:" wraps inside its cell; the value sits on the
      // line of "Application".
      {"application_received", R"((?i)application(?:\s+received)?\s*:?[ \t]*)" IMR_DATE},
      {"application_received", R"((?i)date\s+of\s+IMR\s+application\s*:?[ \t]*)" IMR_DATE},
      {"priority", R"((?i)priority\s*:?[ \t]*(standard|expedited|regular|urgent)\b)"},
  };
  return table;
}

LetterFacts ExtractLetter(const Document& doc) {
  LetterFacts out;
  ExtractFields(doc, &out);
  return out;
}

}  // namespace imr
