// Case packets end to end (issue 13): PDFs joined with qpdf, as a packet
// arrives, and read back as one record of several documents.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "pipeline/record_json.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

// Joins `inputs` (paths under the source tree) into one PDF at `out`.
void JoinPdfs(const std::vector<std::string>& inputs, const std::string& out) {
  std::string command = "cd '" + testing::SourceDir() + "' && qpdf --empty --pages";
  for (const std::string& in : inputs) command += " '" + in + "'";
  command += " -- '" + out + "'";
  const testing::CommandResult r = testing::RunShell(command);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::string Describe(const std::vector<PacketDocument>& documents) {
  std::string out;
  for (const PacketDocument& d : documents) {
    if (!out.empty()) out += " ";
    out += d.id + ":" + d.doc_type + ":" + std::to_string(d.first_page) + "-" + std::to_string(d.last_page);
    if (!d.duplicate_of.empty()) out += "=" + d.duplicate_of;
  }
  return out;
}

class PacketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::RunShell("command -v qpdf").exit_code != 0) GTEST_SKIP() << "qpdf is not installed";
    dir_ = fs::temp_directory_path() / ("imr-packet-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// A packet's documents are read apart, on as many threads as the process
// has (RunOptions::document_threads), and added in page order; each document
// that asks for treatment is then decided apart on as many: the record is
// the same, byte for byte, on any number of them.
TEST_F(PacketTest, TheRecordIsTheSameOnAnyNumberOfDocumentThreads) {
  const std::string packet = (dir_ / "packet.pdf").string();
  JoinPdfs({"corpus/rfa.pdf", "corpus/progress-report.pdf", "corpus/letter-layout2.pdf", "corpus/rfa.pdf",
            "corpus/ur-determination.pdf", "corpus/progress-report.pdf", "corpus/letter-layout3.pdf"},
           packet);
  RunOptions one;
  one.document_threads = 1;
  const Record alone = RunFile(packet, one);
  ASSERT_EQ(alone.documents.size(), 7u) << Describe(alone.documents);
  std::set<std::string> decided;  // the documents whose requests were decided
  for (const Request& r : alone.requests) {
    if (r.determination) decided.insert(r.document);
  }
  ASSERT_GE(decided.size(), 3u) << "too few asking documents to decide apart";
  const std::string expected = RecordToJson(alone);
  for (int threads : {2, 3, 8}) {
    RunOptions options;
    options.document_threads = threads;
    EXPECT_EQ(RecordToJson(RunFile(packet, options)), expected) << threads << " threads";
  }
}

// A letter, then one claim's RFA, progress report and UR notice, then the
// progress report faxed again.
TEST_F(PacketTest, OnePdfOfFiveDocumentsIsOneRecordOfFiveDocuments) {
  const std::string packet = (dir_ / "packet.pdf").string();
  JoinPdfs({"corpus/letter-layout1-lumbar.pdf", "corpus/rfa.pdf", "corpus/progress-report.pdf",
            "corpus/ur-determination.pdf", "corpus/progress-report.pdf"},
           packet);
  const Record record = RunFile(packet, {});
  EXPECT_EQ(Describe(record.documents),
            "d1:imr_final_determination:1-2 d2:rfa:3-4 d3:progress_report:5-6 d4:ur_determination:7-9 "
            "d5:progress_report:10-11=d3");
  EXPECT_EQ(record.document.doc_type, "packet");
  for (const Problem& p : record.problems) ADD_FAILURE() << p.code;
  std::map<std::string, int> facts_of;
  for (const Fact& f : record.facts) {
    SCOPED_TRACE(f.id + " " + f.text);
    ++facts_of[f.document];
    EXPECT_EQ(Slice(record.document.pages, f.span), f.text);  // invariant 2, in packet page numbers
    const auto in = std::find_if(record.documents.begin(), record.documents.end(),
                                 [&](const PacketDocument& d) { return d.id == f.document; });
    ASSERT_NE(in, record.documents.end());
    EXPECT_GE(f.span.page_number, in->first_page);
    EXPECT_LE(f.span.page_number, in->last_page);
  }
  EXPECT_GT(facts_of["d2"], 0);
  EXPECT_GT(facts_of["d3"], 0);
  EXPECT_EQ(facts_of["d5"], 0) << "a copy's facts are not counted twice";
  for (const Section& s : record.document.sections) EXPECT_LE(s.page_number, 11);
  EXPECT_EQ(record.fields.at("case_number").document, "d1");
  EXPECT_EQ(record.documents[4].date, record.documents[2].date);

  // The case: the RFA's three items, the UR notice's decision on each, linked
  // to each other and not to the letter's requests (another claim).
  std::map<std::string, const Request*> by_id;
  for (const Request& r : record.requests) by_id[r.id] = &r;
  std::vector<std::string> decisions;
  int asked = 0;
  for (const Request& r : record.requests) {
    SCOPED_TRACE(r.id + " " + r.text);
    if (r.document == "d2") {
      ++asked;
      EXPECT_FALSE(r.reference.has_value());
      ASSERT_TRUE(r.determination.has_value());
      EXPECT_EQ(r.determination->request_date, record.documents[1].date);  // the RFA's own date, not the letter's
      ASSERT_EQ(r.same_as.size(), 1u);
      EXPECT_EQ(by_id.at(r.same_as[0])->document, "d4");
      EXPECT_EQ(by_id.at(r.same_as[0])->category, r.category);
    } else if (r.document == "d4") {
      ASSERT_TRUE(r.reference.has_value());
      decisions.push_back(r.reference->decision);
    } else if (r.document == "d1") {
      EXPECT_TRUE(r.same_as.empty());
    }
  }
  EXPECT_EQ(asked, 3);
  EXPECT_EQ(decisions, (std::vector<std::string>{"non_certified", "modified", "certified"}));
  int on_the_timeline = 0;
  for (const TimelineEntry& t : record.timeline) {
    if (!by_id.count(t.source)) continue;
    ++on_the_timeline;
    if (by_id.at(t.source)->document == "d2") EXPECT_EQ(t.role, "treatment_requested");
    if (by_id.at(t.source)->document == "d4") EXPECT_EQ(t.role, "utilization_review_decision");
    if (t.role == "treatment_requested") EXPECT_EQ(t.date, record.documents[1].date);
  }
  EXPECT_EQ(on_the_timeline, static_cast<int>(record.requests.size()));
}

// The letter inside the packet says what it says alone: the same fields,
// requests and determinations. The other documents are another claim (their
// date of injury differs), so their findings do not reach its requests.
TEST_F(PacketTest, ALetterInsideAPacketSaysWhatItSaysAlone) {
  const std::string packet = (dir_ / "packet.pdf").string();
  JoinPdfs({"corpus/rfa.pdf", "corpus/progress-report.pdf", "corpus/letter-layout1-partial.pdf",
            "corpus/ur-determination.pdf"},
           packet);
  const Record alone = RunFile(testing::SourceDir() + "/corpus/letter-layout1-partial.pdf", {});
  const Record inside = RunFile(packet, {});
  ASSERT_EQ(inside.documents.size(), 4u);
  const PacketDocument& letter = inside.documents[2];
  EXPECT_EQ(letter.doc_type, "imr_final_determination");
  const int shift = letter.first_page - 1;
  for (const auto& [name, field] : alone.fields) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(inside.fields.count(name));
    EXPECT_EQ(inside.fields.at(name).value, field.value);
    EXPECT_EQ(inside.fields.at(name).span.page_number, field.span.page_number + shift);
  }
  std::vector<const Request*> own;
  for (const Request& r : inside.requests) {
    if (r.document == letter.id) own.push_back(&r);
  }
  ASSERT_EQ(own.size(), alone.requests.size());
  for (size_t i = 0; i < own.size(); ++i) {
    SCOPED_TRACE(alone.requests[i].text);
    EXPECT_EQ(own[i]->text, alone.requests[i].text);
    EXPECT_EQ(own[i]->category, alone.requests[i].category);
    EXPECT_EQ(own[i]->span.begin, alone.requests[i].span.begin);
    ASSERT_TRUE(own[i]->reference && alone.requests[i].reference);
    EXPECT_EQ(own[i]->reference->decision, alone.requests[i].reference->decision);
    ASSERT_TRUE(own[i]->determination && alone.requests[i].determination);
    EXPECT_EQ(own[i]->determination->outcome, alone.requests[i].determination->outcome);
    EXPECT_EQ(own[i]->determination->guideline_era, alone.requests[i].determination->guideline_era);
    ASSERT_EQ(own[i]->determination->criteria.size(), alone.requests[i].determination->criteria.size());
    for (size_t c = 0; c < own[i]->determination->criteria.size(); ++c) {
      EXPECT_EQ(own[i]->determination->criteria[c].status, alone.requests[i].determination->criteria[c].status);
    }
  }
}

// A scanned copy of a report the packet already holds is read by OCR, typed,
// and found to be a copy: OCR slips change a few words, not the shingles.
TEST_F(PacketTest, AScannedCopyOfAReportIsFoundAsADuplicate) {
  const std::string packet = (dir_ / "packet.pdf").string();
  JoinPdfs({"corpus/progress-report.pdf", "corpus/scanned-progress-report.pdf", "corpus/rfa.pdf"}, packet);
  const Record record = RunFile(packet, {});
  for (const Problem& p : record.problems) ADD_FAILURE() << p.code;
  EXPECT_EQ(record.document.source.ocr_pages, (std::vector<int>{3, 4}));
  EXPECT_EQ(Describe(record.documents), "d1:progress_report:1-2 d2:progress_report:3-4=d1 d3:rfa:5-6");
}

// Every dev letter, placed among another claim's RFA, progress report and UR
// notice and followed by a second copy of itself, says inside the packet what
// it says alone: the same fields, requests and determinations, and its copy
// adds nothing. Skips where ../shared/data is absent.
TEST_F(PacketTest, EveryDevLetterInsideAPacketSaysWhatItSaysAlone) {
  const std::string letters = testing::SharedDataDir("dwc-letters");
  if (letters.empty()) GTEST_SKIP() << "../shared/data/dwc-letters is absent: dev letters in packets not checked";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(letters + "/pdf")) {
    if (entry.path().extension() != ".pdf") continue;
    const std::string letter = entry.path().string();
    SCOPED_TRACE(entry.path().filename().string());
    const std::string packet = (dir_ / "packet.pdf").string();
    JoinPdfs({"corpus/rfa.pdf", "corpus/progress-report.pdf", letter, "corpus/ur-determination.pdf", letter}, packet);
    const Record alone = RunFile(letter, {});
    const Record inside = RunFile(packet, {});
    ASSERT_EQ(inside.documents.size(), 5u) << Describe(inside.documents);
    const PacketDocument& own = inside.documents[2];
    EXPECT_EQ(own.doc_type, alone.document.doc_type);
    EXPECT_EQ(own.last_page - own.first_page + 1, static_cast<int>(alone.document.pages.size()));
    EXPECT_EQ(inside.documents[4].duplicate_of, own.id);
    for (const auto& [name, field] : alone.fields) {
      SCOPED_TRACE(name);
      ASSERT_TRUE(inside.fields.count(name));
      EXPECT_EQ(inside.fields.at(name).value, field.value);
      EXPECT_EQ(inside.fields.at(name).document, own.id);
    }
    std::vector<const Request*> asked;
    for (const Request& r : inside.requests) {
      if (r.document == own.id) asked.push_back(&r);
    }
    ASSERT_EQ(asked.size(), alone.requests.size());
    for (size_t i = 0; i < asked.size(); ++i) {
      const Request& a = alone.requests[i];
      SCOPED_TRACE(a.text);
      EXPECT_EQ(asked[i]->text, a.text);
      EXPECT_EQ(asked[i]->category, a.category);
      EXPECT_EQ(asked[i]->reference.has_value(), a.reference.has_value());
      if (a.reference && asked[i]->reference) EXPECT_EQ(asked[i]->reference->decision, a.reference->decision);
      ASSERT_EQ(asked[i]->determination.has_value(), a.determination.has_value());
      if (!a.determination) continue;
      EXPECT_EQ(asked[i]->determination->outcome, a.determination->outcome);
      EXPECT_EQ(asked[i]->determination->guideline_era, a.determination->guideline_era);
      EXPECT_EQ(asked[i]->determination->confidence, a.determination->confidence);
    }
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace imr
