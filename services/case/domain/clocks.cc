#include "services/case/domain/clocks.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/time/clock.h"

namespace lawenforce::cases {
namespace {

using calendar::PeriodUnit;
using calendar::StatutoryPeriod;

absl::CivilDay DayOf(absl::Time t) { return absl::ToCivilDay(t, ChinaTimeZone()); }
absl::Time EndOf(absl::CivilDay last) { return absl::FromCivil(last + 1, ChinaTimeZone()); }
std::string DayText(absl::CivilDay d) { return absl::FormatCivilTime(d); }

std::string PeriodText(int count, PeriodUnit unit) {
  return absl::StrCat(count, " ", calendar::PeriodUnitName(unit));
}

// Collects the provisional days counted over.
class ProvisionalDays {
 public:
  explicit ProvisionalDays(const calendar::WorkingCalendar& cal) : cal_(cal) {}
  // Days in (from, to].
  void Over(absl::CivilDay from, absl::CivilDay to) {
    for (absl::CivilDay d = from + 1; d <= to; ++d) {
      if (cal_.IsProvisional(d)) days_.insert(d);
    }
  }
  void Into(ClockComputation& out) const {
    out.provisional = !days_.empty();
    for (absl::CivilDay d : days_) {
      out.provisional_days.push_back(d);
      absl::StatusOr<bool> working = cal_.IsWorkingDay(d);
      const std::string name = cal_.HolidayName(d);
      if (working.ok() && !*working && !name.empty()) {
        out.provisional_holidays.push_back(absl::StrCat(DayText(d), " ", name));
      }
    }
  }

 private:
  const calendar::WorkingCalendar& cal_;
  std::set<absl::CivilDay> days_;
};

}  // namespace

absl::StatusOr<ClockComputation> ComputeClock(const calendar::WorkingCalendar& cal,
                                              const ClockRule& rule, StatutoryPeriod period,
                                              absl::Time start,
                                              const std::vector<ClockEvent>& events) {
  if (period.count < 0) return absl::InvalidArgumentError("a clock period must not be negative");
  ClockComputation out;
  ProvisionalDays provisional(cal);
  const PeriodUnit unit = period.unit;
  const bool hours = unit == PeriodUnit::kHours;
  const bool working = unit == PeriodUnit::kWorkingDays;
  absl::Time due;           // hours
  absl::CivilDay last_day;  // day units
  auto current_due = [&] { return hours ? due : EndOf(last_day); };

  // The start.
  if (rule.counts_back) {
    const absl::CivilDay anchor = DayOf(start);
    if (working) {
      absl::StatusOr<absl::CivilDay> back = cal.SubtractWorkingDays(anchor, period.count);
      if (!back.ok()) return back.status();
      last_day = *back;
      provisional.Over(last_day - 1, anchor - 1);
    } else if (hours) {
      due = start - absl::Hours(period.count);
    } else {
      last_day = anchor - period.count;
    }
  } else if (hours) {
    due = start + absl::Hours(period.count);
  } else if (unit == PeriodUnit::kYears) {
    absl::StatusOr<absl::Time> end = calendar::DueTime(cal, start, period);
    if (!end.ok()) return end.status();
    last_day = DayOf(*end) - 1;
  } else if (working) {
    absl::StatusOr<absl::CivilDay> end = cal.AddWorkingDays(DayOf(start), period.count);
    if (!end.ok()) return end.status();
    last_day = *end;
    provisional.Over(DayOf(start), last_day);
  } else {
    last_day = DayOf(start) + period.count;
  }
  out.steps.push_back(
      {absl::StrCat("started at ", rule.starts_at, ": ", PeriodText(period.count, unit),
                    rule.counts_back ? " before" : ""),
       start, current_due(), rule.basis});

  // The events, in order.
  bool paused = false;
  int64_t left_days = 0;
  absl::Duration left_time;
  for (const ClockEvent& e : events) {
    switch (e.kind) {
      case ClockEventKind::kPause: {
        if (paused) return absl::InvalidArgumentError("a clock paused twice without a resume");
        paused = true;
        if (hours) {
          left_time = std::max(absl::ZeroDuration(), due - e.time);
        } else if (working) {
          absl::StatusOr<int> left = cal.WorkingDaysBetween(DayOf(e.time), last_day);
          if (!left.ok()) return left.status();
          left_days = std::max(0, *left);
        } else {
          left_days = std::max<int64_t>(0, last_day - DayOf(e.time));
        }
        out.steps.push_back({absl::StrCat("paused: ", PauseReasonName(e.pause_reason)), e.time,
                             std::nullopt,
                             absl::StrCat(hours ? absl::FormatDuration(left_time)
                                                : PeriodText(static_cast<int>(left_days), unit),
                                          " left; ", e.reason)});
        break;
      }
      case ClockEventKind::kResume: {
        if (!paused) return absl::InvalidArgumentError("a clock resumed without a pause");
        paused = false;
        if (hours) {
          due = e.time + left_time;
        } else if (working) {
          absl::StatusOr<absl::CivilDay> end =
              cal.AddWorkingDays(DayOf(e.time), static_cast<int>(left_days));
          if (!end.ok()) return end.status();
          last_day = *end;
          provisional.Over(DayOf(e.time), last_day);
        } else {
          last_day = DayOf(e.time) + left_days;
        }
        out.steps.push_back({"resumed", e.time, current_due(), e.reason});
        break;
      }
      case ClockEventKind::kExtend: {
        const std::string what =
            absl::StrCat("extended by ", PeriodText(e.extension, unit), " (approved)");
        if (paused) {
          if (hours) {
            left_time += absl::Hours(e.extension);
          } else {
            left_days += e.extension;
          }
          out.steps.push_back({what, e.time, std::nullopt, e.reason});
          break;
        }
        if (hours) {
          due += absl::Hours(e.extension);
        } else if (working) {
          absl::StatusOr<absl::CivilDay> end = cal.AddWorkingDays(last_day, e.extension);
          if (!end.ok()) return end.status();
          provisional.Over(last_day, *end);
          last_day = *end;
        } else {
          last_day += e.extension;
        }
        out.steps.push_back({what, e.time, current_due(), e.reason});
        break;
      }
      case ClockEventKind::kRecalendar:
        out.steps.push_back(
            {"re-derived on the official calendar", e.time, std::nullopt,
             absl::StrCat("due ", absl::FormatTime(absl::RFC3339_sec, e.old_due, ChinaTimeZone()),
                          " -> ", absl::FormatTime(absl::RFC3339_sec, e.new_due, ChinaTimeZone()),
                          "; ", e.reason)});
        break;
    }
  }
  out.paused = paused;
  if (!paused) out.due = current_due();
  provisional.Into(out);
  return out;
}

}  // namespace lawenforce::cases
