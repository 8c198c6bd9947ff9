#ifndef LAWENFORCE_COMMON_CALENDAR_STATUTORY_HOLIDAYS_H_
#define LAWENFORCE_COMMON_CALENDAR_STATUTORY_HOLIDAYS_H_

// The public holidays the law itself fixes, for a year whose State Council
// holiday notice is not out yet (docs/calendar.md "Provisional years").
// 全国年节及纪念日放假办法 as revised in 2024 (in force from 2025), art. 2:
//
//   元旦 1 day (1 January); 春节 4 days (除夕 and the 1st-3rd of the 1st
//   lunar month); 清明节 1 day (the day of the solar term); 劳动节 2 days
//   (1-2 May); 端午节 1 day (5th of the 5th lunar month); 中秋节 1 day
//   (15th of the 8th lunar month); 国庆节 3 days (1-3 October);
//
// and its rule that a holiday of all citizens falling on a Saturday or
// Sunday is made up on a working day (补假): here the first Monday-Friday
// after the holiday that is not itself a holiday. The adjusted working
// weekends (调休) the yearly notice adds cannot be derived and are left
// out, so a provisional year has no `workday` rows.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace lawenforce::calendar {

struct DerivedHoliday {
  absl::CivilDay day;
  std::string name;  // "春节", "中秋节、国庆节", "劳动节（补假）"
};

// Every derived non-working day of `year` that is not already a weekend
// day without a name, in date order: the statutory days (weekend ones
// included, so that they are named) and the make-up days.
// OUT_OF_RANGE for years before 2025 (earlier rules) or after 2199.
absl::StatusOr<std::vector<DerivedHoliday>> StatutoryHolidays(int year);

}  // namespace lawenforce::calendar

#endif  // LAWENFORCE_COMMON_CALENDAR_STATUTORY_HOLIDAYS_H_
