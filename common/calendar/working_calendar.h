#ifndef LAWENFORCE_COMMON_CALENDAR_WORKING_CALENDAR_H_
#define LAWENFORCE_COMMON_CALENDAR_WORKING_CALENDAR_H_

// The official working-day calendar of mainland China and working-day
// arithmetic. APL art. 85: the law's "2, 3, 5, 7 days" are working days
// (工作日): weekends and official holidays excluded, adjusted working
// weekends (调休) included. Which days are holidays is decided each year by
// the State Council General Office's notice, so the calendar is a table
// (data/cn-working-calendar.tsv, format in docs/calendar.md). For the years
// after the table it can derive provisional years from the statutory
// holiday rules (statutory_holidays.h; CalendarOptions), marked as such so
// that every date computed from one can say so and be re-derived when the
// official rows arrive. Beyond those it refuses to answer.
//
// Every day is a civil date in China Standard Time; turning an instant into
// a day is the caller's business (see statutory_period.h, which does it).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace lawenforce::calendar {

struct CalendarOptions {
  // Derive provisional years after the table's last year through this one
  // (StatutoryHolidays: the statutory days and make-up days, no adjusted
  // weekends). 0, or a year not after the table: none.
  int provisional_through_year = 0;
};

// An immutable working-day calendar covering whole years, first_year()
// through last_year(). Thread-safe after construction; cheap to copy
// (a few kilobytes for four years).
//
// Outside the covered years every query that depends on the calendar fails
// with OUT_OF_RANGE: a year whose notice is not in the table has unknown
// holidays, and a guessed deadline is worse than none, unless the year was
// derived provisionally (CalendarOptions): then it is covered, and
// IsProvisional says that its days are the law's, not the notice's.
class WorkingCalendar {
 public:
  // Reads the table from `path`. NOT_FOUND when the file cannot be read;
  // otherwise as LoadFromString, the message prefixed with the path.
  static absl::StatusOr<WorkingCalendar> LoadFromFile(const std::string& path,
                                                      const CalendarOptions& options = {});

  // Parses a table: lines starting with '#' and blank lines are ignored, the
  // first other line must be the header `date<TAB>kind<TAB>holiday`, then
  // one row per day: `YYYY-MM-DD<TAB>holiday|workday<TAB>name`.
  //   holiday  an official non-working day. Allowed on any day of the week:
  //            a holiday on a weekend changes no arithmetic but names the day.
  //   workday  an adjusted working weekend day (调休). Must be a Saturday
  //            or Sunday; on a weekday it is certainly a typo.
  // The name (e.g. 春节) is required for both kinds; on a workday row it is
  // the holiday the day is adjusted for.
  // Rows must be in strictly ascending date order (appending a year keeps
  // it so), and every year from the first to the last row's year must have
  // at least one row, so a missing notice cannot silently read as "no
  // holidays". Fails with INVALID_ARGUMENT "calendar line N: ..." naming the
  // first offending line (1-based, counting comment lines), or naming no
  // line when the table has no rows at all.
  // With options.provisional_through_year after the last row's year, the
  // years in between are derived (StatutoryHolidays), and covered.
  static absl::StatusOr<WorkingCalendar> LoadFromString(absl::string_view tsv,
                                                        const CalendarOptions& options = {});

  // The first and last year covered: the table's years (with at least one
  // row) and the provisional years after them. Every day from
  // first_year()-01-01 to last_year()-12-31 is covered.
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  // The table's last year; last_year() when nothing is provisional.
  int official_last_year() const { return official_last_year_; }

  // Whether `day` lies in the covered years.
  bool Covers(absl::CivilDay day) const;
  // Whether `day` lies in a provisional (derived) year.
  bool IsProvisional(absl::CivilDay day) const {
    return Covers(day) && day.year() > official_last_year_;
  }

  // Whether `day` is a working day: a `workday` row, or a Monday-Friday
  // without a `holiday` row. OUT_OF_RANGE outside the covered years.
  absl::StatusOr<bool> IsWorkingDay(absl::CivilDay day) const;

  // The day that is `n` working days after `start`. Counting starts the day
  // after `start` (as the procedural laws count periods: the day a period
  // starts is not counted), so for n > 0 the result is the n-th working day
  // strictly after `start` and is always a working day; there is no separate
  // "last day falls on a holiday" rule because it cannot happen. n == 0
  // returns `start` itself, working day or not.
  // `start` need not be a working day (a decision served on a Sunday counts
  // from Monday).
  // INVALID_ARGUMENT when n < 0. OUT_OF_RANGE when `start` is not covered,
  // or when the n-th working day would fall after last_year()-12-31.
  // O(log days covered).
  absl::StatusOr<absl::CivilDay> AddWorkingDays(absl::CivilDay start, int n) const;

  // The n-th working day strictly before `start` (n > 0), `start` for
  // n == 0: "7 working days before the hearing". INVALID_ARGUMENT when
  // n < 0; OUT_OF_RANGE when `start` or the result is not covered.
  // O(log days covered).
  absl::StatusOr<absl::CivilDay> SubtractWorkingDays(absl::CivilDay start, int n) const;

  // The number of working days in (from, to]: `from` excluded, `to`
  // included, matching AddWorkingDays, so that for every covered `d` and
  // n >= 0 where AddWorkingDays succeeds,
  //   WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
  // When to < from the result is the negated count of working days in
  // (to, from], so WorkingDaysBetween(a, b) == -WorkingDaysBetween(b, a)
  // and WorkingDaysBetween(d, d) == 0.
  // OUT_OF_RANGE when either day is not covered. O(1).
  absl::StatusOr<int> WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const;

  // The name of the holiday on `day` ("春节", "国庆节、中秋节"), or "" when
  // `day` has no `holiday` row: ordinary days, adjusted workdays (which are
  // not holidays) and days outside the covered years.
  std::string HolidayName(absl::CivilDay day) const;

 private:
  WorkingCalendar() = default;

  // Position of a covered day in the tables below (0 for first_year-01-01).
  int64_t IndexOf(absl::CivilDay day) const { return day - first_day_; }
  // Working days in [first_day_, day] for a covered `day`.
  int WorkingDaysThrough(absl::CivilDay day) const;

  int first_year_ = 0;
  int last_year_ = 0;
  int official_last_year_ = 0;
  absl::CivilDay first_day_;
  absl::CivilDay last_day_;
  // working_before_[i] = working days among the first i covered days, so
  // its size is the number of covered days plus one and it never decreases.
  std::vector<int> working_before_;
  // Holiday names by IndexOf(day), for `holiday` rows only.
  absl::flat_hash_map<int64_t, std::string> holiday_names_;
};

}  // namespace lawenforce::calendar

#endif  // LAWENFORCE_COMMON_CALENDAR_WORKING_CALENDAR_H_
