// Real clinical notes (../shared/data/notes-dev/) through the whole pipeline,
// scored against the project's own annotations of them (corpus/notes-gold/,
// offsets only: GUIDE.md) and held to the figures the clinical-records issue
// asks for on the dev fold. The check fold is scored too: its figures are
// printed and held to a floor, so that a change that helps dev notes and hurts
// unseen ones shows. Skipped, with a message, where ../shared is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <unistd.h>

#include "core/anatomy.h"
#include "core/text.h"
#include "pipeline/eval_io.h"
#include "pipeline/run_document.h"
#include "report/notes_eval.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

class NotesDevTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string notes = testing::SharedDataDir("notes-dev");
    if (notes.empty()) return;
    std::vector<std::string> errors;
    gold_ = new std::vector<GoldNote>;
    ReadGoldDir(testing::SourceDir() + "/corpus/notes-gold", &errors, gold_);
    records_ = new std::map<std::string, Record>;
    for (const GoldNote& g : *gold_) (*records_)[g.stem] = RunFile(notes + "/" + g.stem + ".txt", {});
    report_ = new NotesReport(EvaluateNotes(*gold_, *records_));
  }
  static void TearDownTestSuite() {
    delete gold_;
    delete records_;
    delete report_;
  }
  void SetUp() override {
    if (!report_) GTEST_SKIP() << "../shared/data/notes-dev is absent: the clinical-notes evaluation is skipped";
  }
  static const FoldScore& Fold(const std::string& name) { return report_->by_fold.at(name); }

  static std::vector<GoldNote>* gold_;
  static std::map<std::string, Record>* records_;
  static NotesReport* report_;
};

std::vector<GoldNote>* NotesDevTest::gold_ = nullptr;
std::map<std::string, Record>* NotesDevTest::records_ = nullptr;
NotesReport* NotesDevTest::report_ = nullptr;

TEST_F(NotesDevTest, EveryAnnotatedNoteIsScored) {
  EXPECT_GE(gold_->size(), 40u);
  EXPECT_TRUE(report_->skipped.empty()) << report_->skipped.front();
  EXPECT_EQ(Fold("all").notes, static_cast<int>(gold_->size()));
}

// The gold holds offsets into the notes as they are: each mention lies inside
// its note, starts and ends on a word, and the kinds and assertions are the
// guide's.
TEST_F(NotesDevTest, GoldIsSound) {
  const std::set<std::string> kinds = {"problem", "procedure", "medication", "allergy"};
  const std::set<std::string> assertions = {"present", "absent", "possible", "historical", "hypothetical", "family"};
  for (const GoldNote& g : *gold_) {
    const std::string& text = records_->at(g.stem).document.pages.at(0).text;
    EXPECT_TRUE(g.fold == "dev" || g.fold == "check") << g.stem;
    for (const GoldMention& m : g.mentions) {
      ASSERT_LT(m.begin, m.end) << g.stem;
      ASSERT_LE(m.end, text.size()) << g.stem;
      EXPECT_TRUE(kinds.count(m.kind)) << g.stem << " " << m.kind;
      EXPECT_TRUE(assertions.count(m.assertion)) << g.stem << " " << m.assertion;
      EXPECT_FALSE(std::isspace(static_cast<unsigned char>(text[m.begin]))) << g.stem << " @" << m.begin;
      EXPECT_FALSE(std::isspace(static_cast<unsigned char>(text[m.end - 1]))) << g.stem << " @" << m.end;
    }
  }
}

TEST_F(NotesDevTest, DevFoldMeetsTheTargets) {
  const FoldScore& dev = Fold("dev");
  const auto& k = dev.kinds;
  EXPECT_GE(k.at("problem").F1(), 0.75) << "P " << k.at("problem").Precision() << " R " << k.at("problem").Recall();
  EXPECT_GE(k.at("medication").F1(), 0.85)
      << "P " << k.at("medication").Precision() << " R " << k.at("medication").Recall();
  EXPECT_GE(k.at("procedure").F1(), 0.70)
      << "P " << k.at("procedure").Precision() << " R " << k.at("procedure").Recall();
  EXPECT_GE(k.at("problem").AssertionAccuracy(), 0.90);
  EXPECT_GE(dev.age.rate(), 0.95);
  EXPECT_GE(dev.sex.rate(), 0.95);
}

// Notes nobody fitted the extractors to: a floor well below dev, so that a
// change which only helps the dev notes is caught when it hurts these.
TEST_F(NotesDevTest, CheckFoldHoldsAFloor) {
  const FoldScore& check = Fold("check");
  for (const char* kind : {"problem", "procedure", "medication"}) {
    const MentionScore& s = check.kinds.at(kind);
    std::cout << "check fold " << kind << ": P " << s.Precision() << " R " << s.Recall() << " F1 " << s.F1()
              << " assertion " << s.AssertionAccuracy() << "\n";
  }
  EXPECT_GE(check.kinds.at("problem").F1(), 0.60);
  EXPECT_GE(check.kinds.at("medication").F1(), 0.75);
  EXPECT_GE(check.kinds.at("procedure").F1(), 0.60);
  EXPECT_GE(check.age.rate(), 0.90);
}

// Invariant 2 on notes, and one anatomy table: every fact quotes its words,
// and every site it names has a region.
TEST_F(NotesDevTest, SpansQuoteTheirWordsAndSitesHaveRegions) {
  for (const auto& [stem, record] : *records_) {
    for (const Fact& f : record.facts) {
      EXPECT_EQ(Slice(record.document.pages, f.span), f.text) << stem << " " << f.id;
      if (auto site = f.value.find("body_site"); site != f.value.end()) {
        EXPECT_NE(RegionOfSite(site->second), "") << stem << " " << f.id << " " << site->second;
      }
    }
  }
}

// Sections and a document type for every note: transcribed notes write their
// headings in many ways, and a note that gets none is read as one block.
TEST_F(NotesDevTest, NotesGetSectionsAndATypeFromTheirHeadings) {
  int typed = 0, sectioned = 0;
  for (const auto& [stem, record] : *records_) {
    typed += record.document.doc_type != "other";
    sectioned += record.document.sections.size() > 1;
  }
  EXPECT_GE(sectioned, static_cast<int>(records_->size()) * 9 / 10);
  EXPECT_GE(typed, static_cast<int>(records_->size()) * 3 / 4);
}

#ifdef IMR_CORPUS_GEN
// A note typeset into a PDF (at test time: the notes never enter the
// repository) reads back through Poppler with the problems, procedures and
// medications the text gives: line breaks and page layout change, the facts
// do not.
TEST_F(NotesDevTest, TypesetNotesReadBackTheSameFacts) {
  const fs::path dir = fs::temp_directory_path() / ("imr-notes-pdf-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int checked = 0;
  for (const GoldNote& g : *gold_) {
    if (checked == 4) break;
    const std::string text = testing::SharedDataDir("notes-dev") + "/" + g.stem + ".txt";
    const std::string pdf = (dir / (g.stem + ".pdf")).string();
    const testing::CommandResult made = testing::RunShell(std::string(IMR_CORPUS_GEN) + " '" + text + "' '" + pdf + "'");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const Record from_pdf = RunFile(pdf, {});
    const auto keys = [](const Record& r) {
      std::multiset<std::string> out;
      for (const Fact& f : r.facts) {
        if (f.kind == "diagnosis" || f.kind == "procedure" || f.kind == "medication") {
          out.insert(f.kind + ":" + CompareKey(f.text));
          for (const Evidence& e : f.also) out.insert(f.kind + ":" + CompareKey(e.text));
        }
      }
      return out;
    };
    const std::multiset<std::string> want = keys(records_->at(g.stem)), got = keys(from_pdf);
    size_t found = 0;
    for (const std::string& k : want) found += got.count(k) > 0;
    EXPECT_GT(want.size(), 5u) << g.stem;
    EXPECT_GE(found, want.size() * 85 / 100) << g.stem << ": " << found << " of " << want.size();
    ++checked;
  }
  fs::remove_all(dir);
}
#endif

}  // namespace
}  // namespace imr
