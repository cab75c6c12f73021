// Day arithmetic on the proleptic Gregorian calendar, shared by the stages
// that count days between dates.
//
//   imr::DaysFromCivil(1970, 1, 1) == 0
//   imr::DaysFromCivil(2016, 11, 3) - imr::DaysFromCivil(2016, 10, 1) == 33
#ifndef IMR_CORE_CALENDAR_H_
#define IMR_CORE_CALENDAR_H_

namespace imr {

// Days since 1970-01-01 (negative before it), for any valid year, month
// (1-12) and day (1-31). Howard Hinnant's days_from_civil algorithm.
long DaysFromCivil(int year, int month, int day);

struct CivilDay {
  int year = 1970, month = 1, day = 1;
};

// The inverse: the date `days` days after 1970-01-01. Howard Hinnant's
// civil_from_days algorithm.
CivilDay CivilFromDays(long days);

}  // namespace imr

#endif  // IMR_CORE_CALENDAR_H_
