// packet_history: the course of one invented claim as an endless stream of
// documents in date order, for tools/packet_gen.cc. The primary treating
// physician sees the patient every four to six weeks; other providers (pain
// management, therapy, psychology, ...) keep their own visit cycles; imaging,
// electrodiagnostic studies, medical-legal evaluations, pharmacy and billing
// printouts come at their own pace; a visit sometimes sends a Request for
// Authorization, which brings a utilization review letter, which may bring an
// application for Independent Medical Review and its final determination, or,
// when certified, the imaging, injection or surgery that was asked for.
//
//   packet::CaseHistory history(/*seed=*/7, /*provider_streams=*/2, /*latest_injury_year=*/2015);
//   while (pages < target) {
//     packet::Document doc = history.Next();
//     ...
//   }
//
// The same seed gives the same documents in the same order.
#ifndef IMR_TOOLS_PACKET_HISTORY_H_
#define IMR_TOOLS_PACKET_HISTORY_H_

#include <cstdint>
#include <deque>
#include <vector>

#include "packet_docs.h"
#include "packet_world.h"

namespace packet {

class CaseHistory {
 public:
  // See InventCase for the arguments.
  CaseHistory(uint64_t seed, int provider_streams, int latest_injury_year);
  CaseHistory(const CaseHistory&) = delete;  // events point into world_
  CaseHistory& operator=(const CaseHistory&) = delete;

  const Case& world() const { return world_; }
  const ClinicalState& state() const { return state_; }

  // The next document in date order. Never runs out.
  Document Next();

 private:
  enum class EventKind {
    kPtpVisit,
    kStreamVisit,
    kSurgicalConsult,
    kSurgeonFollowUp,
    kImaging,
    kProcedure,
    kUtilizationReview,
    kImrApplication,
    kImrFinal,
    kMedicalLegal,
    kMedicalLegalSupplement,
    kPharmacy,
    kBilling,
  };

  struct Event {
    Date date;
    int sequence = 0;  // ties on one date keep the order they were scheduled in
    EventKind kind = EventKind::kPtpVisit;
    int stream = 0;  // kStreamVisit: index into world_.streams
    int count = 0;   // visit or evaluation number
    int injury = 0;
    const Study* study = nullptr;
    const Procedure* procedure = nullptr;
    const Provider* provider = nullptr;
    RfaInfo rfa;
    UrInfo ur;
  };

  static Event At(Date date, EventKind kind, int count = 0, int stream = 0);
  void Schedule(Event event);
  void Run(const Event& event);
  void RunPtpVisit(const Event& event);
  void RunStreamVisit(const Event& event);
  void RunSurgicalConsult(const Event& event);
  void RunImaging(const Event& event);
  void RunProcedure(const Event& event);
  void RunImrFinal(const Event& event);
  void RunBilling(const Event& event);
  void RunUtilizationReview(const Event& event);
  void RunImrApplication(const Event& event);
  void RunMedicalLegal(const Event& event, bool supplemental);
  // A visit that may also send a Request for Authorization and start review.
  void VisitWithRequests(const Provider& provider, Date date, double request_chance);
  void SendRequests(const Provider& provider, Date date, std::vector<Request> requests);
  void ScheduleCertifiedCare(const UrInfo& ur);
  void ScheduleFirstEvents();
  const Provider& Reviewer();

  Rng rng_;
  Case world_;
  ClinicalState state_;
  std::vector<Event> queue_;  // a min-heap on (date, sequence)
  int next_sequence_ = 0;
  std::deque<Document> ready_;
};

}  // namespace packet

#endif  // IMR_TOOLS_PACKET_HISTORY_H_
