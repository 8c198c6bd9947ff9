#ifndef LAWENFORCE_COMMON_CALENDAR_STATUTORY_PERIOD_H_
#define LAWENFORCE_COMMON_CALENDAR_STATUTORY_PERIOD_H_

// When a statutory period runs out. The one place that turns "7 working
// days from the decision" or "24 hours from the act" into an instant, so
// every clock in the suite counts the same way (DOMAIN.md, "Statutory
// clocks"). Pauses and extensions are not handled here: the deadline engine
// records them as events and calls DueTime for each stretch it needs.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/calendar/working_calendar.h"

namespace lawenforce::calendar {

enum class PeriodUnit {
  kCalendarDays,  // 日: every day counts.
  kWorkingDays,   // 工作日 (APL art. 85: the law's 2, 3, 5, 7 days).
  kHours,         // 小时: elapsed time, calendar ignored.
  kYears,         // 年: to the corresponding day (Civil Code art. 202).
};

// "calendar days", "working days", "hours", "years".
absl::string_view PeriodUnitName(PeriodUnit unit);

// A length of time as a statute states it: {7, PeriodUnit::kWorkingDays}.
struct StatutoryPeriod {
  int count = 0;
  PeriodUnit unit = PeriodUnit::kCalendarDays;
};

// The due moment of `period` starting at `start`: the first instant at
// which the period is over. An act at time t is within the period iff
// t < DueTime(...). The bound is exclusive so that no instant is in doubt
// (no 23:59:59.999999 and no rounding).
//
// Day units (both kinds) count in China Standard Time: the start day is
// the CST civil day of `start` and is not counted; the last day is
//   kCalendarDays  start day + count
//   kWorkingDays   calendar.AddWorkingDays(start day, count)  (a working
//                  day whenever count > 0)
// and the due moment is 00:00:00 CST of the day after the last day, i.e.
// the period lasts to the end of its last day whatever the hour of
// `start`. The last day to show a person is the CST day of the due moment
// minus one day. count == 0 ends at the end of the start day.
// Calendar days are plain: a last day that falls on a holiday is NOT moved
// to the next working day (no law this suite applies so far asks for it;
// a rule that does would be added here, once, for every clock).
//
// kHours: `start` + count hours exactly, holidays and day boundaries ignored.
//
// kYears (Civil Code arts. 201, 202): the last day is the day of the same
// month and number `count` years after the start day, or that month's last
// day when it has no such day (29 February -> 28 February), and the due
// moment is 00:00 CST after it, as for days. The calendar is not consulted.
//
// INVALID_ARGUMENT when count < 0 or `start` is infinite. For kWorkingDays,
// OUT_OF_RANGE as AddWorkingDays (start day or last day not covered by
// `calendar`); the other units never consult the calendar.
absl::StatusOr<absl::Time> DueTime(const WorkingCalendar& calendar, absl::Time start,
                                   StatutoryPeriod period);

}  // namespace lawenforce::calendar

#endif  // LAWENFORCE_COMMON_CALENDAR_STATUTORY_PERIOD_H_
