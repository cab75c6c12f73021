// A drafted letter read back as the letter it imitates: `imr run` a letter,
// `imr letter RECORD --pdf draft.pdf` its record, `imr run draft.pdf`; the
// draft's record must name the same requests, in the same order, each with
// the letter decision its drafted outcome maps to (not medically necessary or
// insufficient documentation: the denial "upheld"; medically necessary:
// "overturned"). Our letter extractor (extract/letter_requests.h) is what
// reads it back, unchanged: the letter follows the real letters' form.
//
// Inputs: the corpus letters (always present) and the dev letters of
// ../shared/data/dwc-letters (skipped, with a message, where absent). Each
// step is one `imr` call over every file (the letters one shell loop), so the
// whole run takes seconds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>

#include "core/text.h"
#include "pipeline/record_json.h"
#include "report/letter.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;
using testing::RunShell;

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// The spec of the mapping, written out here rather than borrowed from
// report/letter.h, so that a change there shows up here.
std::string LetterDecisionOf(const std::string& outcome) {
  if (outcome == "medically_necessary") return "overturned";
  if (outcome == "not_medically_necessary" || outcome == "insufficient_documentation") return "upheld";
  return "";
}

// "text => decision", one per request, for messages that show both sides.
using Items = std::vector<std::string>;

Items DraftedItems(const Record& record) {
  Items items;
  for (const Request& r : record.requests) {
    if (!r.determination) continue;  // the letter prints no decision for it, so nothing reads back
    items.push_back(CollapseWhitespace(r.text) + " => " + LetterDecisionOf(r.determination->outcome));
  }
  return items;
}

Items ReadBackItems(const Record& record) {
  Items items;
  for (const Request& r : record.requests) {
    items.push_back(CollapseWhitespace(r.text) + " => " + (r.reference ? r.reference->decision : "(no reference)"));
  }
  return items;
}

std::optional<Record> ReadRecord(const fs::path& path, std::string* error) {
  const std::string json = testing::ReadFile(path.string());
  if (json.empty()) {
    *error = "no record at " + path.string();
    return std::nullopt;
  }
  return RecordFromJson(json, error);
}

struct RoundTrip {
  std::map<std::string, Items> drafted, read_back;  // by input stem
  std::map<std::string, std::string> failures;      // stem -> why it could not be compared
  std::map<std::string, std::string> doc_types;     // of the drafts, as read back
  std::map<std::string, size_t> documents;          // documents found in each draft
  std::vector<std::string> draft_problems;          // problems the drafts' records carry
};

class LetterRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // This binary and imr are built alike: with cairo or without.
    if (!CanTypesetLetterPdf()) GTEST_SKIP() << "built without cairo: imr letter writes no PDF to read back";
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / ("imr-letter-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "drafts");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::string Imr() const { return Quoted(testing::ImrBinary()); }

  // The three steps over every PDF of `inputs`.
  RoundTrip Run(const std::vector<std::string>& inputs) {
    RoundTrip out;
    std::string files;
    for (const std::string& f : inputs) files += " " + Quoted(f);
    const testing::CommandResult first = RunShell(Imr() + " run -o " + Quoted((dir_ / "records").string()) + files);
    EXPECT_LE(first.exit_code, 1) << first.err;
    const testing::CommandResult letters =
        RunShell("cd " + Quoted(dir_.string()) + " && for f in records/*.json; do s=${f#records/}; " + Imr() +
                 " letter \"$f\" --pdf \"drafts/${s%.json}.pdf\" || echo \"imr letter failed on $f\"; done");
    EXPECT_EQ(letters.out, "") << letters.err;
    const testing::CommandResult second =
        RunShell("cd " + Quoted(dir_.string()) + " && " + Imr() + " run -o drafted drafts/*.pdf");
    EXPECT_LE(second.exit_code, 1) << second.err;
    if (second.exit_code == 1) out.draft_problems.push_back(second.err);

    for (const std::string& input : inputs) {
      const std::string stem = fs::path(input).stem().string();
      std::string error;
      const std::optional<Record> record = ReadRecord(dir_ / "records" / (stem + ".json"), &error);
      if (!record) {
        out.failures[stem] = "its record: " + error;
        continue;
      }
      const std::optional<Record> draft = ReadRecord(dir_ / "drafted" / (stem + ".json"), &error);
      if (!draft) {
        out.failures[stem] = "its draft's record: " + error;
        continue;
      }
      out.drafted[stem] = DraftedItems(*record);
      out.read_back[stem] = ReadBackItems(*draft);
      out.doc_types[stem] = draft->document.doc_type;
      out.documents[stem] = draft->documents.size();
    }
    return out;
  }

  // Holds every input to an exact round trip; returns how many made it.
  int ExpectRoundTrips(const std::vector<std::string>& inputs) {
    const RoundTrip trip = Run(inputs);
    for (const std::string& p : trip.draft_problems) std::cout << "note: the drafts' records carry problems:\n" << p;
    int exact = 0;
    for (const std::string& input : inputs) {
      const std::string stem = fs::path(input).stem().string();
      if (auto f = trip.failures.find(stem); f != trip.failures.end()) {
        ADD_FAILURE() << stem << ": " << f->second;
        continue;
      }
      const Items& drafted = trip.drafted.at(stem);
      const Items& read_back = trip.read_back.at(stem);
      EXPECT_FALSE(drafted.empty()) << stem << ": the letter's record has no drafted request";
      EXPECT_EQ(read_back, drafted) << stem << ": the draft reads back otherwise";
      EXPECT_EQ(trip.doc_types.at(stem), "imr_final_determination") << stem;
      EXPECT_EQ(trip.documents.at(stem), 1u) << stem << ": the draft reads as a packet of several documents";
      exact += read_back == drafted && !drafted.empty() && trip.doc_types.at(stem) == "imr_final_determination" &&
               trip.documents.at(stem) == 1;
    }
    std::cout << exact << " of " << inputs.size() << " letters round-trip exactly\n";
    return exact;
  }

  fs::path dir_;
};

// The sample letters of all three layouts come back in the "<item>: Upheld"
// form, a partly authorized request as the portion decided.
TEST_F(LetterRoundTripTest, CorpusLetters) {
  std::vector<std::string> inputs;
  for (const char* name : {"letter-layout1-lumbar.pdf", "letter-layout1-partial.pdf", "letter-layout2.pdf",
                           "letter-layout3.pdf"}) {
    inputs.push_back((fs::path(testing::SourceDir()) / "corpus" / name).string());
  }
  EXPECT_EQ(ExpectRoundTrips(inputs), 4);
}

TEST_F(LetterRoundTripTest, DevLetters) {
  const std::string dir = testing::SharedDataDir("dwc-letters");
  if (dir.empty()) GTEST_SKIP() << "../shared/data/dwc-letters is absent: the real letters' round trip is skipped";
  std::vector<std::string> inputs;
  for (const auto& e : fs::directory_iterator(dir + "/pdf")) {
    if (e.path().extension() == ".pdf") inputs.push_back(e.path().string());
  }
  std::sort(inputs.begin(), inputs.end());
  ASSERT_FALSE(inputs.empty());
  EXPECT_EQ(ExpectRoundTrips(inputs), static_cast<int>(inputs.size()));  // all of them: 74 of 74 when written
}

}  // namespace
}  // namespace imr
