#include "report/notes_eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "core/text.h"

namespace imr {
namespace {

struct Range {
  size_t begin = 0, end = 0;
};

// The words of [begin, end) in `text`: runs of ASCII letters and digits, and
// any non-ASCII byte run as part of a word.
std::vector<Range> WordsIn(std::string_view text, size_t begin, size_t end) {
  std::vector<Range> words;
  end = std::min(end, text.size());
  for (size_t i = begin; i < end;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c) && c < 0x80) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < end && (std::isalnum(static_cast<unsigned char>(text[j])) || static_cast<unsigned char>(text[j]) >= 0x80)) ++j;
    words.push_back({i, j});
    i = j;
  }
  return words;
}

std::string_view FactKindOf(std::string_view gold_kind) {
  if (gold_kind == "problem") return "diagnosis";
  return gold_kind;
}

// A fact as the scorer sees it: every span that states it, on page 1.
struct Found {
  std::vector<Range> spans;
  std::string assertion;
  std::string text;
};

std::vector<Found> FactsOfKind(const Record& record, std::string_view kind) {
  std::vector<Found> out;
  for (const Fact& f : record.facts) {
    if (f.kind != kind) continue;
    Found found{{}, f.assertion, f.text};
    if (f.span.page_number == 1) found.spans.push_back({f.span.begin, f.span.end});
    for (const Evidence& e : f.also) {
      if (e.span.page_number == 1) found.spans.push_back({e.span.begin, e.span.end});
    }
    if (!found.spans.empty()) out.push_back(std::move(found));
  }
  return out;
}

size_t Covered(const std::vector<Range>& words, const Range& span) {
  return static_cast<size_t>(std::count_if(words.begin(), words.end(), [&](const Range& w) {
    return w.begin >= span.begin && w.end <= span.end;
  }));
}

double HarmonicMean(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

bool HalfCovered(size_t covered, size_t words) { return words > 0 && 2 * covered >= words; }

std::string Quote(std::string_view text, Range r) {
  return CollapseWhitespace(text.substr(r.begin, std::min(r.end, text.size()) - r.begin));
}

void ScoreKind(const GoldNote& gold, const std::string& gold_kind, std::string_view text, const Record& record,
               FoldScore* fold, std::vector<Miss>* misses) {
  MentionScore& score = fold->kinds[gold_kind];
  const std::vector<Found> facts = FactsOfKind(record, FactKindOf(gold_kind));
  std::vector<std::vector<Range>> gold_words;
  for (const GoldMention& m : gold.mentions) {
    if (m.kind == gold_kind) gold_words.push_back(WordsIn(text, m.begin, m.end));
  }
  // Recall and assertion.
  size_t g = 0;
  for (const GoldMention& m : gold.mentions) {
    if (m.kind != gold_kind) continue;
    const std::vector<Range>& words = gold_words[g++];
    ++score.gold;
    const bool exact = std::any_of(facts.begin(), facts.end(), [&](const Found& f) {
      return std::any_of(f.spans.begin(), f.spans.end(),
                         [&](const Range& span) { return span.begin == m.begin && span.end == m.end; });
    });
    score.exact_gold += exact;
    const Found* best = nullptr;
    size_t best_covered = 0;
    for (const Found& f : facts) {
      for (const Range& span : f.spans) {
        const size_t covered = Covered(words, span);
        if (covered > best_covered) {
          best_covered = covered;
          best = &f;
        }
      }
    }
    if (best == nullptr || !HalfCovered(best_covered, words.size())) {
      if (misses) misses->push_back({gold.stem, gold_kind + ".missed", Quote(text, {m.begin, m.end}), ""});
      continue;
    }
    ++score.found_gold;
    ++score.asserted;
    if (best->assertion == m.assertion) {
      ++score.right_assertion;
    } else if (misses) {
      misses->push_back({gold.stem, gold_kind + ".assertion", m.assertion + " '" + Quote(text, {m.begin, m.end}) + "'",
                         best->assertion});
    }
    if (gold_kind == "problem") ++fold->problem_assertions[m.assertion][best->assertion];
  }
  // Precision: each span a fact states is one found mention.
  for (const Found& f : facts) {
    for (const Range& span : f.spans) {
      ++score.facts;
      score.exact_facts += std::any_of(gold.mentions.begin(), gold.mentions.end(), [&](const GoldMention& m) {
        return m.kind == gold_kind && m.begin == span.begin && m.end == span.end;
      });
      const bool right = std::any_of(gold_words.begin(), gold_words.end(), [&](const std::vector<Range>& words) {
        return HalfCovered(Covered(words, span), words.size());
      });
      if (right) {
        ++score.right_facts;
      } else if (misses) {
        misses->push_back({gold.stem, gold_kind + ".extra", "", Quote(text, span)});
      }
    }
  }
}

void Check(const std::string& stem, const char* what, const std::string& expected, const std::string& got,
           Score* score, std::vector<Miss>* misses) {
  ++score->total;
  if (expected == got) {
    ++score->correct;
  } else if (misses) {
    misses->push_back({stem, what, expected, got});
  }
}

void ScoreNote(const GoldNote& gold, const Record& record, FoldScore* fold, std::vector<Miss>* misses) {
  ++fold->notes;
  const std::string_view text =
      record.document.pages.empty() ? std::string_view() : std::string_view(record.document.pages[0].text);
  for (const char* kind : {"problem", "procedure", "medication", "allergy"}) {
    ScoreKind(gold, kind, text, record, fold, misses);
  }
  Check(gold.stem, "age", gold.age ? std::to_string(*gold.age) : "",
        record.patient.age ? std::to_string(*record.patient.age) : "", &fold->age, misses);
  Check(gold.stem, "sex", gold.sex.value_or(""), record.patient.sex, &fold->sex, misses);
}

double Ratio(int a, int b) { return b ? static_cast<double>(a) / b : 0.0; }

}  // namespace

double MentionScore::Precision() const { return Ratio(right_facts, facts); }
double MentionScore::Recall() const { return Ratio(found_gold, gold); }
double MentionScore::F1() const { return HarmonicMean(Precision(), Recall()); }
double MentionScore::AssertionAccuracy() const { return Ratio(right_assertion, asserted); }
double MentionScore::ExactPrecision() const { return Ratio(exact_facts, facts); }
double MentionScore::ExactRecall() const { return Ratio(exact_gold, gold); }
double MentionScore::ExactF1() const { return HarmonicMean(ExactPrecision(), ExactRecall()); }

NotesReport EvaluateNotes(const std::vector<GoldNote>& gold, const std::map<std::string, Record>& records) {
  NotesReport report;
  for (const GoldNote& note : gold) {
    auto it = records.find(note.stem);
    if (it == records.end()) {
      report.skipped.push_back(note.stem + ": no record");
      continue;
    }
    if (!note.sha256.empty() && it->second.document.source.sha256 != note.sha256) {
      report.skipped.push_back(note.stem + ": the note's bytes differ from the annotated ones");
      continue;
    }
    const bool dev = note.fold != "check";
    ScoreNote(note, it->second, &report.by_fold[dev ? "dev" : "check"], dev ? &report.misses : nullptr);
    ScoreNote(note, it->second, &report.by_fold["all"], nullptr);
  }
  return report;
}

std::string FormatNotesTable(const NotesReport& report, bool with_misses) {
  std::ostringstream out;
  char line[256];
  for (const char* fold : {"dev", "check", "all"}) {
    auto it = report.by_fold.find(fold);
    if (it == report.by_fold.end()) continue;
    const FoldScore& f = it->second;
    out << "notes (" << fold << ", " << f.notes << " notes)\n";
    for (const char* kind : {"problem", "procedure", "medication", "allergy"}) {
      auto k = f.kinds.find(kind);
      if (k == f.kinds.end() || (k->second.gold == 0 && k->second.facts == 0)) continue;
      const MentionScore& s = k->second;
      std::snprintf(line, sizeof line,
                    "  %-11s P %.3f  R %.3f  F1 %.3f   (gold %d, found %d; facts %d, right %d)  assertion %.3f"
                    "  exact F1 %.3f\n",
                    kind, s.Precision(), s.Recall(), s.F1(), s.gold, s.found_gold, s.facts, s.right_facts,
                    s.AssertionAccuracy(), s.ExactF1());
      out << line;
    }
    std::snprintf(line, sizeof line, "  age %.3f (%d/%d)  sex %.3f (%d/%d)\n", f.age.rate(), f.age.correct,
                  f.age.total, f.sex.rate(), f.sex.correct, f.sex.total);
    out << line;
  }
  for (const std::string& s : report.skipped) out << "skipped: " << s << "\n";
  if (with_misses) {
    for (const Miss& m : report.misses) {
      out << "miss " << m.stem << " " << m.what << ": expected '" << m.expected << "' got '" << m.got << "'\n";
    }
  }
  return out.str();
}

}  // namespace imr
