// packet_vocab: the clinical vocabulary of the synthetic packets (tools/
// packet_gen.cc): injured body parts with their diagnoses, examination findings,
// imaging studies, procedures and therapies; medications; requests that are
// not tied to a body part; guideline citations. One home for each: the document
// writers read these rows and never restate them.
//
//   for (const packet::BodyPart& part : packet::BodyParts()) ...
//
// Text in the rows is a template (packet_docs.h, Fill): "{side}" is the injured
// side, "{a|b|c}" picks one choice, "{#3-6}" a number; braces nest. ICD-10-CM
// and CPT codes are the public code sets'; every sentence is our own.
#ifndef IMR_TOOLS_PACKET_VOCAB_H_
#define IMR_TOOLS_PACKET_VOCAB_H_

#include <string>
#include <utility>
#include <vector>

namespace packet {

struct Diagnosis {
  std::string text;         // may hold "{side}"
  std::string icd10_right;  // the code for the right side, or the only code
  std::string icd10_left;   // "" when the code has no side
};

struct Study {
  std::string modality;  // "MRI", "X-ray", "CT", "EMG/NCV"
  std::string title;     // report title template: "{MRI LUMBAR SPINE WITHOUT CONTRAST|...}"
  std::string request;   // how a request names it: "MRI of the lumbar spine without contrast"
  std::string cpt;
  std::vector<std::string> findings;     // one FINDINGS line each
  std::vector<std::string> impressions;  // one is picked, sometimes two
};

struct Procedure {
  std::string name;  // "{Side} L4-L5 transforaminal epidural steroid injection"
  std::string cpt;
  bool surgery = false;
  std::vector<std::string> steps;  // description-of-procedure sentences, in order
};

struct BodyPart {
  std::string key;        // "lumbar", "cervical", "shoulder", "knee", "wrist"
  std::string name;       // "lumbar spine", "{side} shoulder"
  std::string complaint;  // "low back pain", "{side} shoulder pain"
  std::string radiation;  // "radiating into the {side} leg" or ""
  std::string
      acoem;  // guideline chapter: "ACOEM Practice Guidelines, Chapter 12, Low Back Complaints"
  std::string odg;  // guideline section: "ODG, Low Back - Lumbar & Thoracic (Acute & Chronic)"
  std::vector<Diagnosis> diagnoses;
  std::vector<std::string> symptoms;       // subjective sentences
  std::vector<std::string> exam_findings;  // objective sentences
  std::vector<std::string> mechanisms;     // "while ..." clauses
  std::vector<Study> studies;
  std::vector<Procedure> procedures;   // injections and surgeries
  std::vector<std::string> therapies;  // requests: "Physical therapy 2x6, lumbar spine"
  std::vector<std::pair<std::string, int>> motions;  // range of motion: name, normal degrees
};

const std::vector<BodyPart>& BodyParts();

struct Medication {
  std::string name;        // "Norco 10/325 mg"
  std::string sig;         // "1 tab PO q6h PRN pain" style, template
  std::string quantity;    // "#120"
  std::string drug_class;  // "opioid", "nsaid", "muscle relaxant", ...
};

const std::vector<Medication>& Medications();

// A request any case may carry: "Urine drug screen", "Functional capacity evaluation".
struct GeneralRequest {
  std::string text;
  std::string code;      // CPT or HCPCS
  std::string category;  // key into Guidelines()
};

const std::vector<GeneralRequest>& GeneralRequests();

// Guideline citations by request category ("imaging", "therapy", "opioid",
// "medication", "injection", "surgery", "dme", "psych", "lab", "program",
// "consult"); "{acoem}" and "{odg}" stand for the body part's chapters.
struct Guideline {
  std::string category;
  std::string citation;
};

const std::vector<Guideline>& Guidelines();

}  // namespace packet

#endif  // IMR_TOOLS_PACKET_VOCAB_H_
