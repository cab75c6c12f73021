// `imr letter RECORD.json [-o draft.html] [--pdf draft.pdf]`: the record's
// drafted determination as a letter for a licensed reviewer to edit and sign
// (report/letter.h). With neither flag, the HTML goes beside the record
// ("out/x.json" -> "out/x.letter.html").
#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>

#include "cli/commands.h"
#include "cli/flags.h"
#include "decide/determine.h"
#include "decide/rulebook.h"
#include "ingest/sections.h"
#include "pipeline/output.h"
#include "pipeline/record_json.h"
#include "report/letter.h"

namespace imr {
namespace {

std::string DefaultOutputPath(const std::string& record_path) {
  return std::filesystem::path(record_path).replace_extension(".letter.html").string();
}

// What each criterion of the builtin rules asks, for the rationales; a record
// decided with a site's own rules names its criteria by id.
std::map<std::string, std::map<std::string, std::string>> CriterionSays() {
  std::map<std::string, std::map<std::string, std::string>> says;
  for (const RuleSet& set : Rulebook::Builtin().sets()) {
    for (const Rule& rule : set.rules) {
      for (const Criterion& c : rule.criteria) says[rule.id][c.id] = c.says;
    }
  }
  return says;
}

// True when our sectioner would read `line`, printed at the start of a line,
// as the heading of a new section: the letter must not print such a line
// inside its decisions, or reading it back would cut them short.
bool OpensSection(std::string_view line) {
  Page page;
  page.text = std::string(line) + "\n";
  const std::vector<Section> sections = FindSections({page});
  return std::none_of(sections.begin(), sections.end(),
                      [](const Section& s) { return s.name == "header" && s.begin == 0; });
}

}  // namespace

int LetterCommand(const Args& args, std::ostream& out, std::ostream& err) {
  Flags flags({"-o=", "--pdf="});
  if (!flags.Parse(args, err) || flags.positional().size() != 1) return Usage("letter", err);
  const std::string& record_path = flags.positional()[0];
  const std::optional<std::string> pdf_path = flags.Value("--pdf");
  if (pdf_path && !CanTypesetLetterPdf()) {
    err << "imr: letter: this imr was built without cairo, so --pdf is not available\n";
    return kExitUsage;
  }
  const std::string json = ReadWholeFile(record_path);
  if (json.empty()) {
    err << "imr: letter: cannot read " << record_path << "\n";
    return kExitUsage;
  }
  std::string error;
  const std::optional<Record> record = RecordFromJson(json, &error);
  if (!record) {
    err << "imr: letter: " << record_path << ": " << error << "\n";
    return kExitUsage;
  }

  LetterOptions options;
  options.is_decision_section = IsDecisionSection;
  options.criterion_says = CriterionSays();
  const DraftLetter letter = DraftLetterFor(*record, options);

  std::optional<std::string> html_path = flags.Value("-o");
  if (!html_path && !pdf_path) html_path = DefaultOutputPath(record_path);
  for (const auto& [path, is_pdf] : {std::pair{html_path, false}, std::pair{pdf_path, true}}) {
    if (!path) continue;
    std::string bytes;
    try {
      bytes = is_pdf ? LetterPdf(letter, OpensSection) : LetterHtml(letter);
    } catch (const std::exception& e) {
      err << "imr: letter: " << record_path << ": " << e.what() << "\n";
      return kExitProblems;
    }
    try {
      WritePrivateFile(*path, bytes);
    } catch (const std::exception&) {
      err << "imr: letter: cannot write " << *path << "\n";
      return kExitUsage;
    }
  }
  return kExitClean;
}

}  // namespace imr
