#include "packet_world.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace packet {

// ---------------------------------------------------------------------------
// Rng

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int Rng::Uniform(int low, int high) {
  if (high <= low) return low;
  uint64_t span = static_cast<uint64_t>(high - low) + 1;
  return low + static_cast<int>(Next() % span);
}

bool Rng::Chance(double probability) {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53 < probability;
}

Rng Rng::Fork(std::string_view purpose) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (char c : purpose) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return Rng(Next() ^ hash);
}

// ---------------------------------------------------------------------------
// Dates (civil-from-days after H. Hinnant's public-domain algorithms)

Date Date::FromDays(int days_since_1970) {
  int z = days_since_1970 + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  Date date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

int Date::Days() const {
  int y = year - (month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::Weekday() const {
  int weekday = (Days() + 4) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
  if (weekday == 6) return Plus(2);
  if (weekday == 0) return Plus(1);
  return *this;
}

namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

std::string TwoDigits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

}  // namespace

std::string FormatDate(const Date& date, DateStyle style) {
  const std::string month_name = kMonthNames[date.month - 1];
  const std::string mm = TwoDigits(date.month), dd = TwoDigits(date.day);
  const std::string yyyy = std::to_string(date.year);
  switch (style) {
    case DateStyle::kSlash:
      return mm + "/" + dd + "/" + yyyy;
    case DateStyle::kSlashBare:
      return std::to_string(date.month) + "/" + std::to_string(date.day) + "/" + yyyy;
    case DateStyle::kLong:
      return month_name + " " + std::to_string(date.day) + ", " + yyyy;
    case DateStyle::kAbbrev:
      return month_name.substr(0, 3) + " " + std::to_string(date.day) + ", " + yyyy;
    case DateStyle::kIso:
      return yyyy + "-" + mm + "-" + dd;
    case DateStyle::kDash:
      return mm + "-" + dd + "-" + yyyy;
    case DateStyle::kShortYear:
      return mm + "/" + dd + "/" + TwoDigits(date.year % 100);
    case DateStyle::kDayMonth:
      return dd + " " + month_name.substr(0, 3) + " " + yyyy;
  }
  return IsoDate(date);
}

std::string IsoDate(const Date& date) { return FormatDate(date, DateStyle::kIso); }

// Most offices print 01/02/2017; the rest spread over the other forms.
DateStyle PickDateStyle(Rng& rng) {
  static const DateStyle kStyles[] = {
      DateStyle::kSlash, DateStyle::kSlash, DateStyle::kSlash,     DateStyle::kSlash,
      DateStyle::kLong,  DateStyle::kLong,  DateStyle::kSlashBare, DateStyle::kAbbrev,
      DateStyle::kIso,   DateStyle::kDash,  DateStyle::kShortYear, DateStyle::kDayMonth};
  return rng.Pick(kStyles);
}

int YearsBetween(const Date& from, const Date& to) {
  int years = to.year - from.year;
  if (to.month < from.month || (to.month == from.month && to.day < from.day)) --years;
  return years;
}

// ---------------------------------------------------------------------------
// Names and places. Common given names and surnames, combined at random; no
// combination stands for anyone.

namespace {

const char* const kFemaleFirst[] = {
    "Marisol", "Jennifer",  "Linda",   "Teresa",  "Angela",   "Rosa",     "Kimberly", "Denise",
    "Yolanda", "Patricia",  "Sandra",  "Lorena",  "Michelle", "Nancy",    "Veronica", "Tamika",
    "Karen",   "Gloria",    "Mei",     "Priya",   "Erin",     "Alicia",   "Brenda",   "Diana",
    "Leticia", "Susan",     "Monique", "Hannah",  "Carmen",   "Rebecca",  "Ana",      "Jasmine",
    "Lisa",    "Christina", "Imelda",  "Deborah", "Amanda",   "Graciela", "Nicole",   "Ruth"};
const char* const kMaleFirst[] = {
    "Jose",    "Michael", "David",  "Robert",  "Luis",      "James",   "Miguel",  "Daniel",
    "Anthony", "Kevin",   "Juan",   "Steven",  "Francisco", "Brian",   "Ricardo", "Thomas",
    "Eric",    "Jesus",   "Mark",   "Darnell", "Kenneth",   "Arturo",  "Paul",    "Gregory",
    "Victor",  "Raymond", "Samuel", "Hector",  "Andre",     "Timothy", "Vinh",    "Rajesh",
    "Carlos",  "Gary",    "Oscar",  "Dennis",  "Edgar",     "Patrick", "Tyrone",  "Alan"};
const char* const kLastNames[] = {
    "Quintanar", "Alvarado",   "Nguyen",    "Whitfield", "Okafor",    "Brennan",   "Castellanos",
    "Delgado",   "Hartley",    "Ibarra",    "Jorgensen", "Kaplan",    "Lindqvist", "Mendoza",
    "Novak",     "Orozco",     "Pemberton", "Ramirez",   "Sandoval",  "Takahashi", "Underwood",
    "Valencia",  "Whitmore",   "Yamamoto",  "Zamora",    "Abernathy", "Bautista",  "Chandler",
    "Dominguez", "Ellison",    "Fuentes",   "Galloway",  "Haddad",    "Esparza",   "Kowalski",
    "Lozano",    "McAllister", "Navarro",   "Ostrowski", "Pacheco",   "Rasmussen", "Salcedo",
    "Thornton",  "Villanueva", "Wexler",    "Arredondo", "Beaumont",  "Cervantes", "Dunleavy",
    "Estrada",   "Fairbanks",  "Gutierrez", "Holloway",  "Iverson",   "Jaramillo", "Kendrick",
    "Lachance",  "Montoya",    "Nakamura",  "Oyelaran",  "Prescott",  "Quiroga",   "Rutherford",
    "Santiago",  "Tolentino",  "Urbina",    "Vasquez",   "Winslow",   "Yeager",    "Zepeda",
    "Ashworth",  "Bergstrom",  "Carranza",  "Desai",     "Engstrom",  "Figueroa",  "Greenberg",
    "Huerta",    "Kim",        "Larkin",    "Medrano",   "Oduya",     "Pham",      "Reinholt",
    "Soto",      "Tran",       "Vuong",     "Whitaker",  "Acosta",    "Bhatt",     "Corrigan"};
const char* const kMiddleInitials[] = {"A", "B", "C", "D", "E", "F", "G", "J", "K",
                                       "L", "M", "N", "P", "R", "S", "T", "V", "W"};

const char* const kPlaceWords[] = {
    "Westside",      "Cedar Hollow",  "Harbor View",   "Sierra Vista",  "Oak Park",
    "Mission Bay",   "Redwood",       "Golden Valley", "Pacific Coast", "Foothill",
    "Canyon Ridge",  "Bayshore",      "Valley Oaks",   "Summit",        "Riverbend",
    "Central Coast", "Inland Empire", "Tri-Valley",    "Sunridge",      "Lakeview",
    "Pinecrest",     "Coastal",       "Delta",         "Highland",      "Los Robles",
    "San Joaquin",   "Capitol",       "Palomar",       "Crescent",      "Meridian"};
const char* const kStreetNames[] = {
    "Harvest Loop",       "Orchard Way",        "Main Street",       "Canyon Drive",
    "Sycamore Avenue",    "Industrial Parkway", "Mission Boulevard", "Olive Street",
    "Shaw Avenue",        "Fulton Mall",        "Pacific Avenue",    "Willow Pass Road",
    "Civic Center Drive", "Stockdale Highway",  "University Avenue", "Herndon Avenue",
    "Ventura Boulevard",  "Grand Avenue",       "El Camino Real",    "Commerce Way",
    "Mariposa Street",    "Alder Lane",         "Palm Drive",        "Madison Street"};

struct City {
  const char* name;
  const char* zip_prefix;
  const char* area_code;
};
const City kCities[] = {
    {"Fresno", "937", "559"},    {"Modesto", "953", "209"},        {"Sacramento", "958", "916"},
    {"Riverside", "925", "951"}, {"Bakersfield", "933", "661"},    {"San Jose", "951", "408"},
    {"Oakland", "946", "510"},   {"Long Beach", "908", "562"},     {"Stockton", "952", "209"},
    {"Santa Ana", "927", "714"}, {"Ventura", "930", "805"},        {"Redding", "960", "530"},
    {"Visalia", "932", "559"},   {"San Bernardino", "924", "909"}, {"Torrance", "905", "310"},
    {"Pasadena", "911", "626"},  {"Salinas", "939", "831"},        {"Santa Rosa", "954", "707"},
    {"Chico", "959", "530"},     {"Oxnard", "930", "805"},         {"El Cajon", "920", "619"},
    {"Van Nuys", "914", "818"},  {"Concord", "945", "925"},        {"Merced", "953", "209"},
    {"Irvine", "926", "949"},    {"Palmdale", "935", "661"},       {"Ontario", "917", "909"}};

// Offices by role: the specialty printed with the name, the credentials that
// role holds, and the shapes of the office name.
struct Role {
  const char* key;
  std::vector<const char*> specialties;
  std::vector<const char*> credentials;
  std::vector<const char*> office_names;  // "{place}" is replaced
};

const std::vector<Role>& Roles() {
  static const std::vector<Role> kRoles = {
      {"ptp",
       {"Occupational Medicine", "Family Medicine", "Orthopedic Surgery"},
       {"MD", "MD", "DO"},
       {"{place} Occupational Medicine", "{place} Industrial Medical Group",
        "{place} Work Injury Clinic", "{place} Orthopedic Medical Group",
        "{place} Occupational Health Center"}},
      {"ptp_chiro",
       {"Chiropractic"},
       {"DC"},
       {"{place} Chiropractic & Rehabilitation", "{place} Spine and Sports Chiropractic"}},
      {"pain",
       {"Pain Medicine", "Anesthesiology and Pain Medicine", "Interventional Pain Management"},
       {"MD", "MD", "DO"},
       {"{place} Spine & Pain Institute", "{place} Pain Management Associates",
        "{place} Interventional Pain Center"}},
      {"ortho",
       {"Orthopedic Surgery", "Orthopaedic Surgery, Sports Medicine"},
       {"MD", "MD", "DO"},
       {"{place} Orthopaedic Associates", "{place} Sports Medicine & Orthopedics",
        "{place} Bone and Joint Center"}},
      {"neurosurgery",
       {"Neurological Surgery", "Spine Surgery"},
       {"MD"},
       {"{place} Neurosurgical Associates", "{place} Spine Surgery Center"}},
      {"physiatry",
       {"Physical Medicine and Rehabilitation"},
       {"MD", "DO"},
       {"{place} Physical Medicine", "{place} Rehabilitation Medical Group"}},
      {"psych",
       {"Clinical Psychology"},
       {"PhD", "PsyD"},
       {"{place} Behavioral Health", "{place} Psychological Services"}},
      {"chiro",
       {"Chiropractic"},
       {"DC"},
       {"{place} Chiropractic Center", "{place} Chiropractic & Wellness"}},
      {"acupuncture",
       {"Acupuncture"},
       {"LAc"},
       {"{place} Acupuncture Clinic", "{place} Acupuncture & Herbs"}},
      {"pt",
       {"Physical Therapy"},
       {"DPT", "PT"},
       {"{place} Physical Therapy", "{place} Rehab & Sports Therapy"}},
      {"internal",
       {"Internal Medicine"},
       {"MD", "DO"},
       {"{place} Internal Medicine Group", "{place} Medical Associates"}},
      {"radiology",
       {"Diagnostic Radiology"},
       {"MD"},
       {"{place} Imaging Center", "{place} Open MRI", "{place} Radiology Medical Group"}},
      {"neurology",
       {"Neurology", "Physical Medicine and Rehabilitation"},
       {"MD"},
       {"{place} Neurodiagnostics", "{place} Neurology Medical Group"}},
      {"qme",
       {"Orthopedic Surgery", "Physical Medicine and Rehabilitation", "Occupational Medicine"},
       {"MD", "DO"},
       {"{place} Medical-Legal Evaluations", "{place} Orthopedic Evaluations",
        "Comprehensive Medical Evaluations of {place}"}},
      {"ur",
       {"Orthopedic Surgery", "Physical Medicine and Rehabilitation", "Occupational Medicine",
        "Pain Medicine", "Family Medicine", "Neurology"},
       {"MD", "DO"},
       {"{place} Review Services, Inc.", "{place} Utilization Management",
        "{place} Medical Review Group"}},
  };
  return kRoles;
}

const Role& FindRole(std::string_view key) {
  for (const Role& role : Roles()) {
    if (key == role.key) return role;
  }
  throw std::logic_error("unknown provider role " + std::string(key));
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string Phone(Rng& rng, const std::string& area_code) {
  return "(" + area_code + ") 555-01" + TwoDigits(rng.Uniform(0, 99));
}

Address InventAddress(Rng& rng, bool suite) {
  const City& city = rng.Pick(kCities);
  Address address;
  address.street = std::to_string(rng.Uniform(100, 9899)) + " " + rng.Pick(kStreetNames);
  if (suite)
    address.street += ", Suite " + std::to_string(rng.Uniform(1, 6) * 100 + rng.Uniform(0, 40));
  address.city = city.name;
  address.zip = std::string(city.zip_prefix) + TwoDigits(rng.Uniform(1, 99));
  address.area_code = city.area_code;
  return address;
}

Organization InventOrganization(Rng& rng, const std::string& name, bool suite) {
  Organization org;
  org.name = name;
  org.address = InventAddress(rng, suite);
  org.phone = Phone(rng, org.address.area_code);
  org.fax = Phone(rng, org.address.area_code);
  return org;
}

Person NewPerson(Rng& rng, std::string credential) {
  Person person;
  person.sex = rng.Chance(0.5) ? Sex::kFemale : Sex::kMale;
  person.first = person.sex == Sex::kFemale ? rng.Pick(kFemaleFirst) : rng.Pick(kMaleFirst);
  person.middle_initial = rng.Chance(0.4) ? rng.Pick(kMiddleInitials) : "";
  person.last = rng.Pick(kLastNames);
  if (rng.Chance(0.06)) person.last += std::string("-") + rng.Pick(kLastNames);
  person.credential = std::move(credential);
  return person;
}

Provider InventProvider(Rng& rng, std::string_view role_key) {
  const Role& role = FindRole(role_key);
  Provider provider;
  provider.person = NewPerson(rng, rng.Pick(role.credentials));
  provider.specialty = rng.Pick(role.specialties);
  provider.role = role.key;
  std::string name = Replace(rng.Pick(role.office_names), "{place}", rng.Pick(kPlaceWords));
  provider.office = InventOrganization(rng, name, rng.Chance(0.7));
  provider.date_style = PickDateStyle(rng);
  provider.letterhead = rng.Chance(0.65);
  return provider;
}

// ---------------------------------------------------------------------------
// Employers, insurers, attorneys

struct Occupation {
  const char* job;
  const char* employer;  // "{place}" and "{last}" are replaced
};
const Occupation kOccupations[] = {
    {"packing line worker", "{place} Produce Packing Co."},
    {"warehouse associate", "{place} Distribution Center, LLC"},
    {"order picker", "{place} Grocery Distributors"},
    {"certified nursing assistant", "{place} Skilled Nursing Facility"},
    {"home health aide", "{place} Home Health Services"},
    {"bus operator", "{place} Transit District"},
    {"delivery driver", "{place} Beverage Company"},
    {"carpenter", "{last} Construction, Inc."},
    {"electrician", "{last} Electric Co."},
    {"janitor", "{place} Building Maintenance"},
    {"correctional officer", "County of {city}"},
    {"police officer", "City of {city}"},
    {"firefighter", "City of {city}"},
    {"teacher's aide", "{place} Unified School District"},
    {"cashier", "{place} Market"},
    {"line cook", "{last}'s Family Restaurant"},
    {"housekeeper", "{place} Hotel & Suites"},
    {"farm worker", "{last} Farms"},
    {"registered nurse", "{place} Community Hospital"},
    {"machine operator", "{place} Plastics Manufacturing"},
    {"office assistant", "{place} Property Management"},
    {"landscaper", "{place} Landscape Services"},
    {"auto mechanic", "{last} Auto Repair"},
    {"forklift operator", "{place} Cold Storage, Inc."}};

const char* const kInsurerNames[] = {
    "{place} Mutual Insurance Co.",  "{place} Casualty Company",
    "{place} Claims Services, Inc.", "{place} Risk Management Authority",
    "{place} Employers Insurance",   "{place} Workers' Compensation Fund",
    "{place} Indemnity Company"};
const char* const kLawFirmNames[] = {"Law Offices of {name}", "{last} & {last2}, LLP",
                                     "{last} Law Group", "{name}, Attorney at Law"};
const char* const kPharmacyNames[] = {"{place} Pharmacy", "{place} Compounding Pharmacy",
                                      "{place} Rx Services", "{place} Medical Pharmacy"};
const char* const kBillingNames[] = {"{place} Medical Billing, Inc.", "{place} Billing Services",
                                     "{place} Revenue Management"};

std::string NameFrom(Rng& rng, const char* pattern) {
  std::string name = Replace(pattern, "{place}", rng.Pick(kPlaceWords));
  name = Replace(name, "{last}", rng.Pick(kLastNames));
  name = Replace(name, "{last2}", rng.Pick(kLastNames));
  name = Replace(name, "{city}", rng.Pick(kCities).name);
  return name;
}

std::string ClaimNumber(Rng& rng) {
  char buffer[40];
  switch (rng.Uniform(0, 4)) {
    case 0:
      std::snprintf(buffer, sizeof buffer, "%04d-%05d", rng.Uniform(1000, 9999),
                    rng.Uniform(10000, 99999));
      break;
    case 1:
      std::snprintf(buffer, sizeof buffer, "WC%02d-%06d", rng.Uniform(10, 17),
                    rng.Uniform(100000, 999999));
      break;
    case 2:
      std::snprintf(buffer, sizeof buffer, "%03d%07d", rng.Uniform(100, 999),
                    rng.Uniform(1000000, 9999999));
      break;
    case 3:
      std::snprintf(buffer, sizeof buffer, "%c%c%06d-%02d", 'A' + rng.Uniform(0, 25),
                    'A' + rng.Uniform(0, 25), rng.Uniform(100000, 999999), rng.Uniform(1, 9));
      break;
    default:
      std::snprintf(buffer, sizeof buffer, "%05d%c%04d", rng.Uniform(10000, 99999),
                    'A' + rng.Uniform(0, 25), rng.Uniform(1000, 9999));
      break;
  }
  return buffer;
}

std::vector<Injury> InventInjuries(Rng& rng) {
  std::vector<const BodyPart*> parts;
  for (const BodyPart& part : BodyParts()) parts.push_back(&part);
  rng.Shuffle(parts);
  int count = rng.Chance(0.45) ? 1 : rng.Chance(0.7) ? 2 : 3;
  std::vector<Injury> injuries;
  for (int i = 0; i < count; ++i) {
    injuries.push_back({parts[i], rng.Chance(0.55) ? "right" : "left"});
  }
  return injuries;
}

const char* const kStreamRoles[] = {"pain",  "ortho",       "chiro",     "pt",
                                    "psych", "acupuncture", "physiatry", "internal"};

}  // namespace

Person InventPerson(Rng& rng, std::string credential) {
  return NewPerson(rng, std::move(credential));
}

std::string FullName(const Person& person) {
  if (person.middle_initial.empty()) return person.first + " " + person.last;
  return person.first + " " + person.middle_initial + ". " + person.last;
}

std::string LastFirst(const Person& person) { return person.last + ", " + person.first; }

std::string PrintedName(const Person& person, Rng& rng) {
  std::string credential = person.credential;
  if (credential == "MD" && rng.Chance(0.3)) credential = "M.D.";
  if (credential == "DO" && rng.Chance(0.3)) credential = "D.O.";
  if (credential == "DC" && rng.Chance(0.3)) credential = "D.C.";
  std::string name;
  switch (rng.Uniform(0, 5)) {
    case 0:
      name = person.first.substr(0, 1) + ". " + person.last;
      break;
    case 1:
    case 2:
      name = FullName(person);
      break;
    default:
      name = person.first + " " + person.last;
      break;
  }
  return credential.empty() ? name : name + ", " + credential;
}

std::string Address::OneLine() const { return street + ", " + CityLine(); }
std::string Address::CityLine() const { return city + ", CA " + zip; }

std::string Injury::Expand(std::string_view text) const {
  std::string side_upper = side;
  for (char& c : side_upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out = Replace(std::string(text), "{side}", side);
  out =
      Replace(out, "{Side}", side.empty() ? side : std::string(1, side_upper[0]) + side.substr(1));
  return Replace(out, "{SIDE}", side_upper);
}

std::string Injury::Name() const { return Expand(part->name); }
std::string Injury::Complaint() const { return Expand(part->complaint); }
std::string Injury::DiagnosisText(const Diagnosis& diagnosis) const {
  return Expand(diagnosis.text);
}
std::string Injury::Icd10(const Diagnosis& diagnosis) const {
  return side == "left" && !diagnosis.icd10_left.empty() ? diagnosis.icd10_left
                                                         : diagnosis.icd10_right;
}

std::string Pronoun(const Person& person, std::string_view which) {
  bool female = person.sex == Sex::kFemale;
  if (which == "he") return female ? "she" : "he";
  if (which == "He") return female ? "She" : "He";
  if (which == "his") return female ? "her" : "his";
  if (which == "His") return female ? "Her" : "His";
  if (which == "him") return female ? "her" : "him";
  if (which == "Mr.") return female ? "Ms." : "Mr.";
  if (which == "male") return female ? "female" : "male";
  if (which == "man") return female ? "woman" : "man";
  throw std::logic_error("unknown pronoun " + std::string(which));
}

std::string TitledName(const Person& person) { return Pronoun(person, "Mr.") + " " + person.last; }

std::string ImrCaseNumber(Rng& rng, int year) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "CM%02d-09%05d", year % 100, rng.Uniform(0, 99999));
  return buffer;
}

std::string UrReference(Rng& rng, const Date& date) {
  char buffer[32];
  switch (rng.Uniform(0, 2)) {
    case 0:
      std::snprintf(buffer, sizeof buffer, "UR-%02d-%06d", date.year % 100,
                    rng.Uniform(100000, 999999));
      break;
    case 1:
      std::snprintf(buffer, sizeof buffer, "%d%02d%02d-%04d", date.year, date.month, date.day,
                    rng.Uniform(1000, 9999));
      break;
    default:
      std::snprintf(buffer, sizeof buffer, "R%07d", rng.Uniform(1000000, 9999999));
      break;
  }
  return buffer;
}

namespace {

// The treating, reading, operating, evaluating and reviewing physicians of a case.
void InventProviders(Rng& rng, int provider_streams, Case& c) {
  c.ptp = InventProvider(rng, rng.Chance(0.8) ? "ptp" : "ptp_chiro");
  std::vector<std::string> roles(std::begin(kStreamRoles), std::end(kStreamRoles));
  rng.Shuffle(roles);
  for (int i = 0; i < provider_streams; ++i) {
    c.streams.push_back(InventProvider(rng, roles[i % roles.size()]));
  }
  for (int i = 0; i < 2; ++i) c.radiologists.push_back(InventProvider(rng, "radiology"));
  c.electrodiagnostician = InventProvider(rng, "neurology");
  bool spine = c.injuries[0].part->key == "lumbar" || c.injuries[0].part->key == "cervical";
  c.surgeon = InventProvider(rng, spine && rng.Chance(0.6) ? "neurosurgery" : "ortho");
  c.qme = InventProvider(rng, "qme");
  Provider ur = InventProvider(rng, "ur");
  for (int i = 0; i < 4; ++i) {
    Provider reviewer = InventProvider(rng, "ur");
    reviewer.office = ur.office;  // one UR company, several physician reviewers
    reviewer.date_style = ur.date_style;
    c.ur_reviewers.push_back(reviewer);
  }
}

}  // namespace

Case InventCase(Rng& rng, int provider_streams, int latest_injury_year) {
  Case c;
  c.patient = InventPerson(rng, "");
  c.patient_address = InventAddress(rng, false);
  int last_year = std::min(2015, latest_injury_year);
  c.date_of_injury = Date{rng.Uniform(std::min(2009, last_year - 2), last_year), rng.Uniform(1, 12),
                          rng.Uniform(1, 28)};
  c.date_of_birth =
      Date{c.date_of_injury.year - rng.Uniform(24, 61), rng.Uniform(1, 12), rng.Uniform(1, 28)};
  const Occupation& occupation = rng.Pick(kOccupations);
  c.occupation = occupation.job;
  c.employer = InventOrganization(rng, NameFrom(rng, occupation.employer), false);
  c.claim_number = ClaimNumber(rng);
  char wcab[16];
  std::snprintf(wcab, sizeof wcab, "ADJ09%05d", rng.Uniform(0, 99999));
  c.wcab_number = wcab;
  c.claims_administrator = InventOrganization(rng, NameFrom(rng, rng.Pick(kInsurerNames)), false);
  c.claims_administrator.address.street = "P.O. Box " + std::to_string(rng.Uniform(1000, 99999));
  c.adjuster = InventPerson(rng, "");
  c.represented = rng.Chance(0.6);
  c.attorney = InventPerson(rng, "Esq.");
  std::string firm = Replace(rng.Pick(kLawFirmNames), "{name}", FullName(c.attorney));
  firm = Replace(firm, "{last}", c.attorney.last);
  c.applicant_attorney = InventOrganization(rng, NameFrom(rng, firm.c_str()), true);
  c.injuries = InventInjuries(rng);
  c.mechanism = rng.Pick(c.injuries[0].part->mechanisms);
  c.handedness = rng.Chance(0.88) ? "right-handed" : "left-handed";
  InventProviders(rng, provider_streams, c);
  c.imr_signer = InventPerson(rng, "MD");
  c.imr_organization = {"MAXIMUS Federal Services",
                        {"P.O. Box " + std::to_string(rng.Uniform(100000, 199999)), "Sacramento",
                         "958" + TwoDigits(rng.Uniform(10, 99)), "916"},
                        Phone(rng, "916"),
                        Phone(rng, "916")};
  c.pharmacy = InventOrganization(rng, NameFrom(rng, rng.Pick(kPharmacyNames)), false);
  c.billing_service = InventOrganization(rng, NameFrom(rng, rng.Pick(kBillingNames)), true);
  c.office_staff = InventPerson(rng, "");
  return c;
}

}  // namespace packet
