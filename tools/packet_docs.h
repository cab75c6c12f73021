// packet_docs: the documents of a synthetic case packet (tools/packet_gen.cc),
// each written from seeded templates in our own words: progress reports,
// consultations, QME reports, imaging and operative reports, Requests for
// Authorization, utilization review letters, IMR final determinations, and the
// rest (fax covers, IMR applications, proofs of service, billing statements,
// pharmacy printouts).
//
//   packet::Rng rng(7);
//   packet::Case world = packet::InventCase(rng, 2);
//   packet::ClinicalState state = packet::StartState(rng);
//   packet::Document note = packet::WriteProgressReport(world, state, world.ptp,
//                                                       world.date_of_injury.Plus(30), {}, rng);
//   // note.blocks -> typeset::LayOutPages; note.type, note.date, note.author -> truth
//
// A writer never lays out or paints: it returns blocks plus the page furniture
// (running header and footer) and what the truth file says about the document.
#ifndef IMR_TOOLS_PACKET_DOCS_H_
#define IMR_TOOLS_PACKET_DOCS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packet_world.h"
#include "typeset.h"

namespace packet {

// ---------------------------------------------------------------------------
// Templates: "{name}" is a variable, "{a|b|c}" one choice, "{#3-9}" a number
// in that range; braces nest ("{{He}|The patient}"). An unknown variable is a
// bug in a table and throws std::logic_error.

class Filler {
 public:
  explicit Filler(Rng& rng) : rng_(rng) {}
  void Set(const std::string& name, std::string value) { vars_[name] = std::move(value); }
  std::string operator()(std::string_view text);

 private:
  std::string ExpandBraces(std::string_view inner);
  Rng& rng_;
  std::map<std::string, std::string> vars_;
};

// ---------------------------------------------------------------------------
// Documents

enum class DocType {
  kImrFinalDetermination,
  kUrDetermination,
  kRfa,
  kProgressReport,
  kConsultation,
  kMedicalLegalReport,
  kImagingReport,
  kOperativeReport,
  kProcedureReport,  // electrodiagnostic studies and injection procedure notes (DESIGN.md's procedure_report)
  kOther,
};

// The truth file's doc_type strings: "imr_final_determination", "ur_determination", ...
const char* DocTypeName(DocType type);

struct Document {
  DocType type = DocType::kOther;
  std::string kind;    // finer label: "fax_cover", "pr2", "pt_note", "qme_supplemental", ...
  Date date;           // date of service or of the letter, as printed
  std::string author;  // signer as printed; "" when nobody signs
  std::vector<typeset::Block> blocks;
  // Page furniture; "{page}" and "{pages}" count the document's own pages.
  std::string header_all_pages;    // small centered line on every page
  std::string header_later_pages;  // on pages 2.. only ("Re: ... Page {page}")
  std::string footer;              // every page
  // Who would fax it: the office that wrote it.
  std::string sender_name;
  std::string sender_fax;
};

// ---------------------------------------------------------------------------
// Clinical state carried from document to document, so later reports cite
// earlier ones by date (as real records do).

struct Request {
  std::string text;      // "MRI of the right shoulder without contrast"
  std::string code;      // CPT/HCPCS
  std::string category;  // Guidelines() category
  int injury = 0;        // index into Case::injuries
};

enum class Outcome { kCertified, kModified, kNonCertified };

struct Decision {
  Request request;
  Outcome outcome = Outcome::kNonCertified;
  std::string modified_to;  // for kModified
  std::string guideline;    // citation the reviewer used
};

// One earlier document as a records review lists it.
struct RecordNote {
  Date date;
  std::string title;    // "Primary Treating Physician's Progress Report"
  std::string author;   // "Renata Okonkwo-Hale, MD" or an office
  std::string summary;  // one or two sentences
};

struct ClinicalState {
  int pain = 7;                         // 0-10, drifts from visit to visit
  std::vector<Medication> medications;  // current list, sig and quantity filled
  std::vector<RecordNote> records;      // everything written so far
  std::string work_status;              // last work status sentence
  std::optional<Date> surgery_date;
  std::string surgery_name;
};

// A starting pain level and two to four current medications.
ClinicalState StartState(Rng& rng);

struct RfaInfo {
  Date date;
  const Provider* requester = nullptr;
  std::vector<Request> requests;
};

struct UrInfo {
  Date date;
  const Provider* reviewer = nullptr;
  RfaInfo rfa;
  std::vector<Decision> decisions;
  std::string reference;
};

struct ImrInfo {
  Date application_date;
  Date decision_date;
  std::string case_number;
  UrInfo ur;
  std::vector<bool> overturned;  // one per non-certified or modified decision
};

// Requests a provider might make at a visit, already filled in.
std::vector<Request> ProposeRequests(const Case& world, const ClinicalState& state,
                                     const Provider& provider, Rng& rng);

// A utilization reviewer's decisions on `requests`, with the guideline cited.
std::vector<Decision> DecideRequests(const Case& world, const std::vector<Request>& requests,
                                     Rng& rng);

// ---------------------------------------------------------------------------
// Writers. Those given a ClinicalState record what they wrote in state.records, so
// that later documents can cite it by date and title.

Document WriteProgressReport(const Case& world, ClinicalState& state, const Provider& provider,
                             Date date, const std::vector<Request>& requests, Rng& rng);
Document WriteConsultation(const Case& world, ClinicalState& state, const Provider& provider,
                           Date date, Rng& rng);
Document WriteMedicalLegal(const Case& world, ClinicalState& state, Date date, int evaluation,
                           bool supplemental, Rng& rng);
Document WriteImaging(const Case& world, ClinicalState& state, const Provider& reader,
                      const Provider& referrer, Date date, int injury, const Study& study,
                      Rng& rng);
Document WriteOperative(const Case& world, ClinicalState& state, const Provider& operator_,
                        Date date, int injury, const Procedure& procedure, Rng& rng);
Document WriteRfa(const Case& world, ClinicalState& state, const RfaInfo& rfa, Rng& rng);
Document WriteUrDetermination(const Case& world, ClinicalState& state, const UrInfo& ur, Rng& rng);
Document WriteImrApplication(const Case& world, ClinicalState& state, const ImrInfo& imr, Rng& rng);
Document WriteImrFinal(const Case& world, ClinicalState& state, const ImrInfo& imr, Rng& rng);
Document WriteProofOfService(const Case& world, Date date, const std::string& served_title,
                             Rng& rng);
Document WriteBillingStatement(const Case& world, const ClinicalState& state,
                               const Provider& provider, Date date, Rng& rng);
Document WritePharmacyPrintout(const Case& world, const ClinicalState& state, Date date, Rng& rng);

struct FaxCoverInfo {
  Date date;
  std::string sender_name;  // office
  std::string sender_fax;
  std::string recipient;  // office
  std::string recipient_fax;
  int page_count = 1;  // pages in the transmission, cover included
};
Document WriteFaxCover(const Case& world, const FaxCoverInfo& fax, Rng& rng);

}  // namespace packet

#endif  // IMR_TOOLS_PACKET_DOCS_H_
