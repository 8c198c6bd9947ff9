#include "common/calendar/statutory_period.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time/clock.h"

namespace lawenforce::calendar {

absl::string_view PeriodUnitName(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kCalendarDays:
      return "calendar days";
    case PeriodUnit::kWorkingDays:
      return "working days";
    case PeriodUnit::kHours:
      return "hours";
    case PeriodUnit::kYears:
      return "years";
  }
  return "unknown unit";
}

absl::StatusOr<absl::Time> DueTime(const WorkingCalendar& calendar, absl::Time start,
                                   StatutoryPeriod period) {
  if (period.count < 0) {
    return absl::InvalidArgumentError(absl::StrCat("a period of ", period.count, " ",
                                                   PeriodUnitName(period.unit), " is negative"));
  }
  if (start == absl::InfiniteFuture() || start == absl::InfinitePast()) {
    return absl::InvalidArgumentError("a period cannot start at an infinite time");
  }
  const absl::TimeZone cst = ChinaTimeZone();
  const absl::CivilDay start_day = absl::ToCivilDay(start, cst);
  absl::CivilDay last_day;
  switch (period.unit) {
    case PeriodUnit::kHours:
      return start + absl::Hours(period.count);
    case PeriodUnit::kCalendarDays:
      last_day = start_day + period.count;
      break;
    case PeriodUnit::kWorkingDays: {
      absl::StatusOr<absl::CivilDay> day = calendar.AddWorkingDays(start_day, period.count);
      if (!day.ok()) {
        return day.status();
      }
      last_day = *day;
      break;
    }
    case PeriodUnit::kYears: {
      const absl::CivilMonth month(start_day.year() + period.count, start_day.month());
      const absl::CivilDay month_end = absl::CivilDay(month + 1) - 1;
      last_day = std::min(absl::CivilDay(month) + (start_day.day() - 1), month_end);
      break;
    }
    default:
      return absl::InvalidArgumentError("unknown period unit");
  }
  return absl::FromCivil(last_day + 1, cst);
}

}  // namespace lawenforce::calendar
