#include "packet_history.h"

#include <algorithm>

namespace packet {
namespace {

// Heap order: the earliest date first, then the earliest scheduled.
bool Later(int date_a, int seq_a, int date_b, int seq_b) {
  return date_a != date_b ? date_a > date_b : seq_a > seq_b;
}

bool IsTherapyRole(const std::string& role) {
  return role == "pt" || role == "chiro" || role == "acupuncture";
}

// Days until a provider's next visit, by how often that kind of office sees a patient.
int VisitInterval(const Provider& provider, Rng& rng) {
  if (IsTherapyRole(provider.role)) return rng.Uniform(7, 24);
  if (provider.role == "psych") return rng.Uniform(14, 35);
  return rng.Uniform(24, 50);
}

}  // namespace

CaseHistory::Event CaseHistory::At(Date date, EventKind kind, int count, int stream) {
  Event event;
  event.date = date;
  event.kind = kind;
  event.count = count;
  event.stream = stream;
  return event;
}

CaseHistory::CaseHistory(uint64_t seed, int provider_streams, int latest_injury_year)
    : rng_(seed),
      world_(InventCase(rng_, provider_streams, latest_injury_year)),
      state_(StartState(rng_)) {
  ScheduleFirstEvents();
}

void CaseHistory::Schedule(Event event) {
  event.date = event.date.Weekday();
  event.sequence = next_sequence_++;
  queue_.push_back(std::move(event));
  std::push_heap(queue_.begin(), queue_.end(), [](const Event& a, const Event& b) {
    return Later(a.date.Days(), a.sequence, b.date.Days(), b.sequence);
  });
}

Document CaseHistory::Next() {
  while (ready_.empty()) {
    std::pop_heap(queue_.begin(), queue_.end(), [](const Event& a, const Event& b) {
      return Later(a.date.Days(), a.sequence, b.date.Days(), b.sequence);
    });
    Event event = std::move(queue_.back());
    queue_.pop_back();
    Run(event);
  }
  Document doc = std::move(ready_.front());
  ready_.pop_front();
  return doc;
}

void CaseHistory::ScheduleFirstEvents() {
  const Date injury = world_.date_of_injury;
  Schedule(At(injury.Plus(rng_.Uniform(1, 10)), EventKind::kPtpVisit));
  for (int i = 0; i < static_cast<int>(world_.streams.size()); ++i) {
    Event visit = At(injury.Plus(rng_.Uniform(30, 120) + 60 * i), EventKind::kStreamVisit, 1, i);
    Schedule(visit);
  }
  for (int i = 0; i < static_cast<int>(world_.injuries.size()); ++i) {
    const BodyPart& part = *world_.injuries[i].part;
    for (const Study& study : part.studies) {
      if (study.modality == "X-ray" && rng_.Chance(0.6)) {
        Event xray = At(injury.Plus(rng_.Uniform(2, 20)), EventKind::kImaging);
        xray.injury = i;
        xray.study = &study;
        Schedule(xray);
      } else if (study.modality == "MRI" && rng_.Chance(0.8)) {
        Event mri = At(injury.Plus(rng_.Uniform(30, 120)), EventKind::kImaging);
        mri.injury = i;
        mri.study = &study;
        Schedule(mri);
      } else if (study.modality == "EMG/NCV" && rng_.Chance(0.5)) {
        Event emg = At(injury.Plus(rng_.Uniform(90, 240)), EventKind::kImaging);
        emg.injury = i;
        emg.study = &study;
        Schedule(emg);
      }
    }
  }
  if (rng_.Chance(0.55))
    Schedule(At(injury.Plus(rng_.Uniform(120, 400)), EventKind::kSurgicalConsult));
  Schedule(At(injury.Plus(rng_.Uniform(240, 480)), EventKind::kMedicalLegal, 1, 0));
  Schedule(At(injury.Plus(rng_.Uniform(60, 200)), EventKind::kPharmacy));
  Schedule(At(injury.Plus(rng_.Uniform(45, 160)), EventKind::kBilling));
}

const Provider& CaseHistory::Reviewer() { return rng_.Pick(world_.ur_reviewers); }

void CaseHistory::Run(const Event& event) {
  switch (event.kind) {
    case EventKind::kPtpVisit:
      RunPtpVisit(event);
      break;
    case EventKind::kStreamVisit:
      RunStreamVisit(event);
      break;
    case EventKind::kSurgicalConsult:
      RunSurgicalConsult(event);
      break;
    case EventKind::kSurgeonFollowUp:
      ready_.push_back(WriteProgressReport(world_, state_, world_.surgeon, event.date, {}, rng_));
      break;
    case EventKind::kImaging:
      RunImaging(event);
      break;
    case EventKind::kProcedure:
      RunProcedure(event);
      break;
    case EventKind::kUtilizationReview:
      RunUtilizationReview(event);
      break;
    case EventKind::kImrApplication:
      RunImrApplication(event);
      break;
    case EventKind::kImrFinal:
      RunImrFinal(event);
      break;
    case EventKind::kMedicalLegal:
      RunMedicalLegal(event, false);
      break;
    case EventKind::kMedicalLegalSupplement:
      RunMedicalLegal(event, true);
      break;
    case EventKind::kPharmacy:
      ready_.push_back(WritePharmacyPrintout(world_, state_, event.date, rng_));
      Schedule(At(event.date.Plus(rng_.Uniform(120, 300)), EventKind::kPharmacy));
      break;
    case EventKind::kBilling:
      RunBilling(event);
      break;
  }
}

void CaseHistory::RunImaging(const Event& event) {
  bool emg = event.study->modality == "EMG/NCV";
  const Provider& reader = emg ? world_.electrodiagnostician : rng_.Pick(world_.radiologists);
  ready_.push_back(WriteImaging(world_, state_, reader, world_.ptp, event.date, event.injury,
                                *event.study, rng_));
}

// An injection or an operation; an operation brings the surgeon's follow-up visits.
void CaseHistory::RunProcedure(const Event& event) {
  ready_.push_back(WriteOperative(world_, state_, *event.provider, event.date, event.injury,
                                  *event.procedure, rng_));
  if (!event.procedure->surgery) return;
  for (int days : {rng_.Uniform(10, 16), rng_.Uniform(38, 52), rng_.Uniform(80, 110)}) {
    Schedule(At(event.date.Plus(days), EventKind::kSurgeonFollowUp));
  }
}

void CaseHistory::RunImrFinal(const Event& event) {
  ImrInfo imr;
  imr.ur = event.ur;
  imr.application_date = event.rfa.date;  // carried in rfa.date: the application's date
  imr.decision_date = event.date;
  imr.case_number = ImrCaseNumber(rng_, imr.application_date.year);
  for (const Decision& decision : imr.ur.decisions) {
    if (decision.outcome != Outcome::kCertified) imr.overturned.push_back(rng_.Chance(0.2));
  }
  ready_.push_back(WriteImrFinal(world_, state_, imr, rng_));
}

// A statement from the primary treating physician's office or another provider's.
void CaseHistory::RunBilling(const Event& event) {
  const Provider& provider =
      world_.streams.empty() || rng_.Chance(0.5) ? world_.ptp : rng_.Pick(world_.streams);
  ready_.push_back(WriteBillingStatement(world_, state_, provider, event.date, rng_));
  Schedule(At(event.date.Plus(rng_.Uniform(90, 240)), EventKind::kBilling));
}

void CaseHistory::RunPtpVisit(const Event& event) {
  if (event.count == 0) {
    ready_.push_back(WriteConsultation(world_, state_, world_.ptp, event.date, rng_));
  } else {
    VisitWithRequests(world_.ptp, event.date, 0.35);
  }
  Event next = At(event.date.Plus(VisitInterval(world_.ptp, rng_)), EventKind::kPtpVisit);
  next.count = event.count + 1;
  Schedule(next);
}

// A provider's course of care: a first evaluation, a run of visits, and after
// a pause sometimes a new course.
void CaseHistory::RunStreamVisit(const Event& event) {
  const Provider& provider = world_.streams[event.stream];
  bool first = event.count == 1;
  if (first && !IsTherapyRole(provider.role)) {
    ready_.push_back(WriteConsultation(world_, state_, provider, event.date, rng_));
  } else {
    // Therapists report to the treating physician, who asks for more visits.
    VisitWithRequests(provider, event.date, IsTherapyRole(provider.role) ? 0.0 : 0.25);
  }
  Event next = event;
  if (event.count >= 4 && rng_.Chance(0.06)) {
    next.date = event.date.Plus(rng_.Uniform(60, 240));  // the course ends; a new one later
    next.count = 1;
  } else {
    next.date = event.date.Plus(VisitInterval(provider, rng_));
    next.count = event.count + 1;
  }
  Schedule(next);
}

void CaseHistory::RunSurgicalConsult(const Event& event) {
  ready_.push_back(WriteConsultation(world_, state_, world_.surgeon, event.date, rng_));
  std::vector<Request> requests;
  const Injury& injury = world_.injuries[0];
  for (const Procedure& procedure : injury.part->procedures) {
    if (procedure.surgery) {
      requests.push_back({injury.Expand(procedure.name), procedure.cpt, "surgery", 0});
    }
  }
  if (!requests.empty()) SendRequests(world_.surgeon, event.date, requests);
}

void CaseHistory::VisitWithRequests(const Provider& provider, Date date, double request_chance) {
  std::vector<Request> requests;
  if (rng_.Chance(request_chance)) requests = ProposeRequests(world_, state_, provider, rng_);
  ready_.push_back(WriteProgressReport(world_, state_, provider, date, requests, rng_));
  if (!requests.empty()) SendRequests(provider, date, std::move(requests));
}

void CaseHistory::SendRequests(const Provider& provider, Date date, std::vector<Request> requests) {
  RfaInfo rfa{date.Plus(rng_.Chance(0.7) ? 0 : 1), &provider, std::move(requests)};
  ready_.push_back(WriteRfa(world_, state_, rfa, rng_));
  Event review = At(rfa.date.Plus(rng_.Uniform(3, 14)), EventKind::kUtilizationReview);
  review.rfa = rfa;
  Schedule(review);
}

void CaseHistory::RunUtilizationReview(const Event& event) {
  UrInfo ur;
  ur.date = event.date;
  ur.reviewer = &Reviewer();
  ur.rfa = event.rfa;
  ur.decisions = DecideRequests(world_, ur.rfa.requests, rng_);
  ur.reference = UrReference(rng_, ur.date);
  ready_.push_back(WriteUrDetermination(world_, state_, ur, rng_));
  bool disputed = std::any_of(ur.decisions.begin(), ur.decisions.end(),
                              [](const Decision& d) { return d.outcome != Outcome::kCertified; });
  if (disputed && rng_.Chance(0.28)) {
    Event application = At(ur.date.Plus(rng_.Uniform(8, 28)), EventKind::kImrApplication);
    application.ur = ur;
    Schedule(application);
  }
  ScheduleCertifiedCare(ur);
}

// What a certified request brings: the study, the injection or the operation.
void CaseHistory::ScheduleCertifiedCare(const UrInfo& ur) {
  for (const Decision& decision : ur.decisions) {
    if (decision.outcome == Outcome::kNonCertified) continue;
    const Injury& injury = world_.injuries[decision.request.injury];
    for (const Study& study : injury.part->studies) {
      if (decision.request.category == "imaging" &&
          injury.Expand(study.request) == decision.request.text) {
        Event imaging = At(ur.date.Plus(rng_.Uniform(7, 25)), EventKind::kImaging);
        imaging.injury = decision.request.injury;
        imaging.study = &study;
        Schedule(imaging);
      }
    }
    for (const Procedure& procedure : injury.part->procedures) {
      if (injury.Expand(procedure.name) != decision.request.text) continue;
      Event operation = At(ur.date.Plus(rng_.Uniform(10, 45)), EventKind::kProcedure);
      operation.injury = decision.request.injury;
      operation.procedure = &procedure;
      operation.provider = procedure.surgery ? &world_.surgeon : ur.rfa.requester;
      Schedule(operation);
    }
  }
}

void CaseHistory::RunImrApplication(const Event& event) {
  ImrInfo imr;
  imr.application_date = event.date;
  imr.ur = event.ur;
  ready_.push_back(WriteImrApplication(world_, state_, imr, rng_));
  if (rng_.Chance(0.3)) {
    ready_.push_back(WriteProofOfService(world_, event.date,
                                         "Application for Independent Medical Review", rng_));
  }
  Event final_determination = At(event.date.Plus(rng_.Uniform(25, 75)), EventKind::kImrFinal);
  final_determination.ur = event.ur;
  final_determination.rfa.date = event.date;
  Schedule(final_determination);
}

void CaseHistory::RunMedicalLegal(const Event& event, bool supplemental) {
  ready_.push_back(WriteMedicalLegal(world_, state_, event.date, event.count, supplemental, rng_));
  if (supplemental) return;
  if (rng_.Chance(0.35)) {
    ready_.push_back(WriteProofOfService(
        world_, event.date.Plus(rng_.Uniform(0, 3)),
        "Medical-Legal Report of " + FormatDate(event.date, world_.qme.date_style), rng_));
  }
  if (rng_.Chance(0.6)) {
    Schedule(At(event.date.Plus(rng_.Uniform(60, 150)), EventKind::kMedicalLegalSupplement,
                event.count, 0));
  }
  Schedule(
      At(event.date.Plus(rng_.Uniform(300, 520)), EventKind::kMedicalLegal, event.count + 1, 0));
}

}  // namespace packet
