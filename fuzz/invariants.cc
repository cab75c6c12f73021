#include "fuzz/invariants.h"

#include "core/text.h"

namespace imr {
namespace {

bool Fits(size_t begin, size_t end, const std::string& text) { return begin <= end && end <= text.size(); }

std::string At(const std::string& what, size_t index) { return what + " " + std::to_string(index); }

// "" when `text` is exactly what `span` points at in `pages`.
std::string Misquote(const std::vector<Page>& pages, const Span& span, const std::string& text,
                     const std::string& what) {
  if (span.empty() && text.empty()) return "";
  if (span.page_number < 1 || span.page_number > static_cast<int>(pages.size())) {
    return what + ": span on page " + std::to_string(span.page_number) + " of " + std::to_string(pages.size());
  }
  if (!Fits(span.begin, span.end, pages[span.page_number - 1].text)) return what + ": span past its page's text";
  if (Slice(pages, span) != text) return what + ": text is not the slice of its span";
  return "";
}

}  // namespace

std::string BrokenDocumentInvariant(const Document& doc) {
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const Page& page = doc.pages[p];
    const std::string where = "page " + std::to_string(p + 1) + ": ";
    if (!IsCleanUtf8(page.text)) return where + "text is not clean UTF-8";
    for (size_t i = 0; i < page.words.size(); ++i) {
      if (!Fits(page.words[i].begin, page.words[i].end, page.text)) return where + At("word", i) + " lies past the text";
    }
    for (size_t i = 0; i < page.furniture.size(); ++i) {
      if (!Fits(page.furniture[i].begin, page.furniture[i].end, page.text)) {
        return where + At("furniture span", i) + " lies past the text";
      }
    }
  }
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    if (s.page_number < 1 || s.page_number > static_cast<int>(doc.pages.size())) {
      return At("section", i) + " is on page " + std::to_string(s.page_number);
    }
    if (!Fits(s.begin, s.end, doc.pages[s.page_number - 1].text)) return At("section", i) + " lies past its page's text";
  }
  return "";
}

std::string BrokenRecordInvariant(const Record& record) {
  if (std::string broken = BrokenDocumentInvariant(record.document); !broken.empty()) return broken;
  const std::vector<Page>& pages = record.document.pages;
  for (size_t i = 0; i < record.facts.size(); ++i) {
    const Fact& f = record.facts[i];
    if (std::string bad = Misquote(pages, f.span, f.text, At("fact", i)); !bad.empty()) return bad;
    for (size_t k = 0; k < f.also.size(); ++k) {
      if (std::string bad = Misquote(pages, f.also[k].span, f.also[k].text, At("fact", i) + At(" also", k));
          !bad.empty()) {
        return bad;
      }
    }
  }
  for (size_t i = 0; i < record.requests.size(); ++i) {
    const Request& r = record.requests[i];
    if (std::string bad = Misquote(pages, r.span, r.text, At("request", i)); !bad.empty()) return bad;
    if (r.reference) {
      if (std::string bad = Misquote(pages, r.reference->statement_span, r.reference->statement,
                                     At("request", i) + " statement");
          !bad.empty()) {
        return bad;
      }
    }
  }
  for (const auto& [name, field] : record.fields) {
    const Span& s = field.span;
    if (s.empty()) continue;
    if (s.page_number < 1 || s.page_number > static_cast<int>(pages.size()) ||
        !Fits(s.begin, s.end, pages[s.page_number - 1].text)) {
      return "field " + name + ": span past its page's text";
    }
  }
  return "";
}

std::vector<std::string> ThrownProblems(const Record& record) {
  // extractor_failed was missing here at first: one clinical extractor that
  // threw left the rest of the record whole, so fuzz_text would not stop.
  static constexpr std::string_view kThrown[] = {"internal_error", "stage_failed", "extractor_failed",
                                                 "memory_limit"};
  std::vector<std::string> out;
  for (const Problem& p : record.problems) {
    for (std::string_view code : kThrown) {
      if (p.code == code) out.push_back(p.code + " (" + std::string(StageName(p.stage)) + ")");
    }
  }
  return out;
}

}  // namespace imr
