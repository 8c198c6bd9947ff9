#ifndef LAWENFORCE_COMMON_CALENDAR_LUNAR_H_
#define LAWENFORCE_COMMON_CALENDAR_LUNAR_H_

// The dates of the Chinese (农历) calendar that the statutory holidays
// depend on, computed, not tabulated: new moons (Meeus, Astronomical
// Algorithms, 2nd ed., ch. 49) and the Sun's apparent longitude (the
// Bretagnon-Simon series as Reingold and Dershowitz give it in
// Calendrical Calculations, with aberration and nutation), both good to
// about a minute, with Espenak-Meeus ΔT; days are civil days at
// UTC+8 (120°E), as GB/T 33661-2017 (农历的编算和颁行) prescribes:
//
//   - a month starts on the day of the new moon;
//   - the month containing the December solstice is the 11th;
//   - in a year of 13 months between two 11th months, the first month
//     without a major solar term (中气) is the leap month.
//
// Checked against published tables for 1950-2100 (lunar_test.cc). Beyond
// about 2150 ΔT and the series drift; callers stay within 1901-2199.

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace lawenforce::calendar {

// The Chinese calendar's festival days that fall in Gregorian year `year`.
struct LunarFestivals {
  absl::CivilDay new_years_eve;    // 除夕: last day of the 12th month before the 1st
  absl::CivilDay spring_festival;  // 春节: 1st day of the 1st month
  absl::CivilDay qingming;         // 清明: the solar term, Sun at 15°
  absl::CivilDay dragon_boat;      // 端午: 5th day of the 5th month
  absl::CivilDay mid_autumn;       // 中秋: 15th day of the 8th month
};

// OUT_OF_RANGE outside 1901..2199.
absl::StatusOr<LunarFestivals> FestivalsOf(int year);

// The UTC+8 civil day on which the Sun's apparent longitude reaches
// `degrees` (a multiple of 15: a solar term) during Gregorian `year`.
// Precondition: 1901 <= year <= 2199.
absl::CivilDay SolarTermDay(int year, double degrees);

}  // namespace lawenforce::calendar

#endif  // LAWENFORCE_COMMON_CALENDAR_LUNAR_H_
