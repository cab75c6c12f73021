#include "core/record.h"

namespace imr {

std::string_view Slice(const Page& page, const Span& span) {
  if (span.begin > span.end || span.end > page.text.size()) return {};
  return std::string_view(page.text).substr(span.begin, span.end - span.begin);
}

std::string_view Slice(const std::vector<Page>& pages, const Span& span) {
  if (span.page_number < 1 || span.page_number > static_cast<int>(pages.size())) return {};
  return Slice(pages[span.page_number - 1], span);
}

std::vector<const Section*> SectionsNamed(const Document& doc, std::string_view name) {
  std::vector<const Section*> out;
  for (const Section& s : doc.sections) {
    if (s.name == name) out.push_back(&s);
  }
  return out;
}

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kIngest: return "ingest";
    case Stage::kExtract: return "extract";
    case Stage::kNormalize: return "normalize";
    case Stage::kDecide: return "decide";
    case Stage::kPipeline: return "pipeline";
  }
  return "pipeline";
}

}  // namespace imr
