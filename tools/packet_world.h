// packet_world: the invented workers' compensation case behind one synthetic
// packet (tools/packet_gen.cc): a seeded random source, calendar dates and their
// printed forms, and the people, clinics, employer, insurer and injured body
// parts of one claim. Every name, number and address is invented; phone numbers
// are 555-01xx, case numbers use the CMyy-09xxxxx serial range and WCAB numbers
// ADJ09xxxxx, neither of which real cases use.
//
//   packet::Rng rng(7);
//   packet::Case world = packet::InventCase(rng, /*provider_streams=*/3);
//   std::string when = packet::FormatDate(world.date_of_injury, packet::DateStyle::kLong);
//
// Deterministic: the same seed gives the same case from run to run. The
// generator draws its own integers (no <random> distributions, whose output
// differs between standard libraries); a different compiler may still order
// draws inside one expression differently.
#ifndef IMR_TOOLS_PACKET_WORLD_H_
#define IMR_TOOLS_PACKET_WORLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "packet_vocab.h"

namespace packet {

// ---------------------------------------------------------------------------
// Random source: splitmix64.

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}

  uint64_t Next();
  int Uniform(int low, int high);  // inclusive; low <= high
  bool Chance(double probability);
  // An independent stream for one purpose, so drawing more in one part of the
  // generator does not shift every draw after it.
  Rng Fork(std::string_view purpose);

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Uniform(0, static_cast<int>(items.size()) - 1)];
  }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Uniform(0, static_cast<int>(N) - 1)];
  }
  // Fisher-Yates.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (int i = static_cast<int>(items.size()) - 1; i > 0; --i) {
      std::swap(items[i], items[Uniform(0, i)]);
    }
  }

 private:
  uint64_t state_;
};

// ---------------------------------------------------------------------------
// Dates

struct Date {
  int year = 2017;
  int month = 1;
  int day = 1;

  static Date FromDays(int days_since_1970);
  int Days() const;  // days since 1970-01-01
  Date Plus(int days) const { return FromDays(Days() + days); }
  // The same day, or the Monday after when it falls on a weekend.
  Date Weekday() const;
  bool operator<(const Date& other) const { return Days() < other.Days(); }
  bool operator==(const Date& other) const { return Days() == other.Days(); }
};

// How a document prints its dates; a clinic keeps one style.
enum class DateStyle {
  kSlash,      // 01/02/2017
  kSlashBare,  // 1/2/2017
  kLong,       // January 2, 2017
  kAbbrev,     // Jan 2, 2017
  kIso,        // 2017-01-02
  kDash,       // 01-02-2017
  kShortYear,  // 01/02/17
  kDayMonth,   // 02 Jan 2017
};

std::string FormatDate(const Date& date, DateStyle style);
std::string IsoDate(const Date& date);
DateStyle PickDateStyle(Rng& rng);
int YearsBetween(const Date& from, const Date& to);

// ---------------------------------------------------------------------------
// People and places

enum class Sex { kFemale, kMale };

struct Person {
  std::string first;
  std::string middle_initial;  // "A" or ""
  std::string last;
  Sex sex = Sex::kFemale;
  std::string credential;  // "MD", "DO", "DC", "PhD", "PsyD", "DPT", "LAc", "" for lay people
};

std::string FullName(const Person& person);   // "Jane A. Roe"
std::string LastFirst(const Person& person);  // "Roe, Jane"
// A physician's name the way one document prints it under a signature:
// "Jane Roe, MD", "Jane A. Roe, M.D.", "J. Roe, MD" ... (seeded choice).
std::string PrintedName(const Person& person, Rng& rng);

struct Address {
  std::string street;  // "2210 Harvest Loop, Suite 140"
  std::string city;
  std::string zip;
  std::string area_code;
  std::string OneLine() const;   // "2210 Harvest Loop, Suite 140, Modesto, CA 95350"
  std::string CityLine() const;  // "Modesto, CA 95350"
};

struct Organization {
  std::string name;
  Address address;
  std::string phone;  // "(209) 555-0147"
  std::string fax;
};

// One physician or therapist with the office that prints their reports.
struct Provider {
  Person person;
  std::string specialty;  // "Orthopedic Surgery"
  std::string role;       // key of the provider role table: "ptp", "pain", "chiro", ...
  Organization office;
  DateStyle date_style = DateStyle::kSlash;
  bool letterhead = true;
};

// A body part as injured in this case: the vocabulary row plus the side. The
// spine rows print no side in their names; the side is then where radicular
// symptoms go.
struct Injury {
  const BodyPart* part = nullptr;
  std::string side;                                 // "right" or "left"
  std::string Name() const;                         // "right shoulder", "lumbar spine"
  std::string Complaint() const;                    // "right shoulder pain"
  std::string Expand(std::string_view text) const;  // fills {side}, {Side} and {SIDE}
  std::string DiagnosisText(const Diagnosis& diagnosis) const;
  std::string Icd10(const Diagnosis& diagnosis) const;
};

// ---------------------------------------------------------------------------
// The case

struct Case {
  Person patient;
  Address patient_address;
  Date date_of_birth;
  Date date_of_injury;
  std::string occupation;
  Organization employer;
  std::string claim_number;
  std::string wcab_number;  // ADJ09xxxxx
  Organization claims_administrator;
  Person adjuster;
  bool represented = false;
  Organization applicant_attorney;
  Person attorney;
  std::vector<Injury> injuries;  // first is the primary one
  std::string mechanism;         // "while lifting a crate of melons"
  std::string handedness;        // "right-handed"

  Provider ptp;                   // primary treating physician
  std::vector<Provider> streams;  // other treating providers, each with its own visits
  std::vector<Provider> radiologists;
  Provider electrodiagnostician;
  Provider surgeon;
  Provider qme;
  std::vector<Provider> ur_reviewers;  // office = the UR company
  Person imr_signer;                   // medical director of the IMR organization
  Organization imr_organization;
  Organization pharmacy;
  Organization billing_service;
  Person office_staff;  // signs fax covers and proofs of service
};

// A person with a common given name and surname drawn at random.
Person InventPerson(Rng& rng, std::string credential);

// Invents one case; `provider_streams` other treating providers besides the
// primary treating physician. The injury happens no later than
// `latest_injury_year` (and no later than 2015), so that long histories end
// in the past.
Case InventCase(Rng& rng, int provider_streams, int latest_injury_year);

// Invented numbers in the shapes the documents print.
std::string ImrCaseNumber(Rng& rng, int year);  // CM17-09xxxxx
std::string UrReference(Rng& rng, const Date& date);
std::string Pronoun(const Person& person, std::string_view which);  // "he"/"He"/"his"/"him"/"Mr."
std::string TitledName(const Person& person);                       // "Ms. Quintanar"

}  // namespace packet

#endif  // IMR_TOOLS_PACKET_WORLD_H_
