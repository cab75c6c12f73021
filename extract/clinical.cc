#include "extract/clinical.h"

#include <algorithm>
#include <new>
#include <tuple>

#include "extract/allergy_extractor.h"
#include "extract/assertion.h"
#include "extract/date_extractor.h"
#include "extract/diagnosis_extractor.h"
#include "extract/finding_extractor.h"
#include "extract/history_extractor.h"
#include "extract/medication_extractor.h"
#include "extract/procedure_extractor.h"

namespace imr {

const std::vector<ClinicalExtractorRow>& ClinicalExtractorTable() {
  static const std::vector<ClinicalExtractorRow> table = {
      {"date", ExtractDates, false},
      {"duration", ExtractDurations, false},
      {"diagnosis", ExtractDiagnoses, true},
      {"procedure", ExtractProcedures, true},
      {"medication", ExtractMedications, true},
      {"allergy", ExtractAllergies, true},
      {"finding", ExtractFindings, true},
      {"treatment_history", ExtractTreatmentHistory, true},
      {"functional_status", ExtractFunctionalStatus, true},
  };
  return table;
}

namespace {

// A plan's procedures and drugs are not done yet, but the problems it names
// are the patient's ("continue to treat his hypertension").
std::string_view AssertionSection(const Fact& fact, std::string_view section) {
  if (fact.kind == "diagnosis" && (section == "treatment_plan" || section == "request_for_authorization")) return "";
  return section;
}

}  // namespace

void AssertFact(const Region& region, Fact* fact) {
  const size_t begin = region.text.ToJoined(fact->span);
  if (begin == std::string::npos) return;
  const size_t end = begin + fact->text.size();
  const auto [s_begin, s_end] = SentenceAround(region.text.text, begin, end);
  const std::string_view sentence = std::string_view(region.text.text).substr(s_begin, s_end - s_begin);
  const AssertionResult a =
      ClassifyAssertion(sentence, begin - s_begin, end - s_begin, AssertionSection(*fact, region.section),
                        fact->kind == "diagnosis");
  fact->assertion = a.assertion;
  fact->assertion_cue = a.cue;
}

std::vector<Fact> ExtractClinicalFacts(const Document& doc) {
  std::vector<Problem> ignored;
  return ExtractClinicalFacts(doc, &ignored);
}

std::vector<Fact> ExtractClinicalFacts(const Document& doc, std::vector<Problem>* problems) {
  std::vector<Fact> facts;
  for (const Region& region : TextRegions(doc)) {
    for (const ClinicalExtractorRow& row : ClinicalExtractorTable()) {
      std::vector<Fact> found;
      try {
        found = row.extract(region);
        if (row.asserted) {
          for (Fact& f : found) AssertFact(region, &f);
        }
      } catch (const std::bad_alloc&) {
        throw;  // out of memory is the document's, not this extractor's (pipeline says memory_limit)
      } catch (const std::exception&) {
        // The message of a library exception can quote input; keep only its kind.
        const int page = region.text.pieces.empty() ? 0 : region.text.pieces.front().page_number;
        problems->push_back({Stage::kExtract, "extractor_failed", page,
                             "the " + std::string(row.kind) + " extractor failed on the " +
                                 (region.section.empty() ? std::string("text") : region.section) +
                                 " region; its facts of that kind there are left out"});
        continue;
      }
      for (Fact& f : found) facts.push_back(std::move(f));
    }
  }
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    return std::tie(a.span.page_number, a.span.begin, a.span.end) <
           std::tie(b.span.page_number, b.span.begin, b.span.end);
  });
  return facts;
}

}  // namespace imr
