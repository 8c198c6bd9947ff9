#include "common/calendar/working_calendar.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/calendar/statutory_holidays.h"

namespace lawenforce::calendar {
namespace {

constexpr absl::string_view kHeader = "date\tkind\tholiday";

enum class Kind { kHoliday, kWorkday };

struct Row {
  int line;
  absl::CivilDay day;
  Kind kind;
  std::string name;
};

bool IsWeekend(absl::CivilDay day) {
  absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

// Digits at [pos, pos + len) of `s` as a number, or nullopt.
std::optional<int> Digits(absl::string_view s, size_t pos, size_t len) {
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      return std::nullopt;
    }
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

// Exactly YYYY-MM-DD naming a real date. absl::ParseCivilTime is not used
// because it also accepts a bare year or month ("2024", "2024-02").
std::optional<absl::CivilDay> ParseDay(absl::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return std::nullopt;
  }
  std::optional<int> year = Digits(s, 0, 4);
  std::optional<int> month = Digits(s, 5, 2);
  std::optional<int> day = Digits(s, 8, 2);
  if (!year || !month || !day) {
    return std::nullopt;
  }
  absl::CivilDay parsed(*year, *month, *day);
  // CivilDay normalises 2024-02-30 to 2024-03-01; a changed field means the
  // date does not exist.
  if (parsed.year() != *year || parsed.month() != *month || parsed.day() != *day) {
    return std::nullopt;
  }
  return parsed;
}

}  // namespace

absl::StatusOr<WorkingCalendar> WorkingCalendar::LoadFromFile(const std::string& path,
                                                              const CalendarOptions& options) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("working calendar not readable: ", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  absl::StatusOr<WorkingCalendar> loaded = LoadFromString(buffer.str(), options);
  if (!loaded.ok()) {
    return absl::Status(loaded.status().code(),
                        absl::StrCat(path, ": ", loaded.status().message()));
  }
  return loaded;
}

absl::StatusOr<WorkingCalendar> WorkingCalendar::LoadFromString(absl::string_view tsv,
                                                                const CalendarOptions& options) {
  std::vector<Row> rows;
  bool header_seen = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("calendar line ", line_number, ": ", why));
    };
    if (!header_seen) {
      if (line != kHeader) {
        return bad(
            absl::StrCat("expected the header 'date<TAB>kind<TAB>holiday', got '", line, "'"));
      }
      header_seen = true;
      continue;
    }
    std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    if (cols.size() != 3) {
      return bad(absl::StrCat("expected 3 tab-separated columns (date, kind, holiday), got ",
                              cols.size()));
    }
    std::optional<absl::CivilDay> day = ParseDay(cols[0]);
    if (!day) {
      return bad(absl::StrCat("date '", cols[0], "' is not a valid YYYY-MM-DD date"));
    }
    Kind kind;
    if (cols[1] == "holiday") {
      kind = Kind::kHoliday;
    } else if (cols[1] == "workday") {
      kind = Kind::kWorkday;
    } else {
      return bad(absl::StrCat("kind '", cols[1], "' is neither 'holiday' nor 'workday'"));
    }
    if (kind == Kind::kWorkday && !IsWeekend(*day)) {
      return bad(absl::StrCat("workday ", cols[0], " is a weekday; an adjusted workday (调休) ",
                              "must be a Saturday or Sunday"));
    }
    if (absl::StripAsciiWhitespace(cols[2]).empty()) {
      return bad("the holiday name is empty");
    }
    if (!rows.empty()) {
      const Row& previous = rows.back();
      if (*day == previous.day) {
        return bad(
            absl::StrCat("date ", cols[0], " is listed twice (first on line ", previous.line, ")"));
      }
      if (*day < previous.day) {
        return bad(absl::StrCat("date ", cols[0], " is before the previous row's date ",
                                absl::FormatCivilTime(previous.day),
                                "; rows must be in ascending date order"));
      }
      if (day->year() > previous.day.year() + 1) {
        return bad(absl::StrCat("no rows for ", previous.day.year() + 1,
                                "; every covered year needs its State Council notice"));
      }
    }
    rows.push_back(Row{line_number, *day, kind, std::string(cols[2])});
  }
  if (rows.empty()) {
    return absl::InvalidArgumentError("calendar has no rows: no year is covered");
  }

  WorkingCalendar calendar;
  calendar.first_year_ = static_cast<int>(rows.front().day.year());
  calendar.official_last_year_ = static_cast<int>(rows.back().day.year());
  calendar.last_year_ = calendar.official_last_year_;
  // Provisional years: the law's holidays as rows after the table's.
  for (int year = calendar.official_last_year_ + 1; year <= options.provisional_through_year;
       ++year) {
    absl::StatusOr<std::vector<DerivedHoliday>> derived = StatutoryHolidays(year);
    if (!derived.ok()) {
      return absl::Status(derived.status().code(), absl::StrCat("provisional year ", year, ": ",
                                                                derived.status().message()));
    }
    for (DerivedHoliday& h : *derived) rows.push_back(Row{0, h.day, Kind::kHoliday, h.name});
    calendar.last_year_ = year;
  }
  calendar.first_day_ = absl::CivilDay(calendar.first_year_, 1, 1);
  calendar.last_day_ = absl::CivilDay(calendar.last_year_, 12, 31);

  // Weekday rule first, then the rows override it.
  const int64_t covered_days = calendar.last_day_ - calendar.first_day_ + 1;
  std::vector<bool> working(static_cast<size_t>(covered_days));
  for (int64_t i = 0; i < covered_days; ++i) {
    working[static_cast<size_t>(i)] = !IsWeekend(calendar.first_day_ + i);
  }
  for (Row& row : rows) {
    const int64_t index = calendar.IndexOf(row.day);
    working[static_cast<size_t>(index)] = row.kind == Kind::kWorkday;
    if (row.kind == Kind::kHoliday) {
      calendar.holiday_names_.emplace(index, std::move(row.name));
    }
  }
  calendar.working_before_.reserve(working.size() + 1);
  calendar.working_before_.push_back(0);
  for (bool w : working) {
    calendar.working_before_.push_back(calendar.working_before_.back() + (w ? 1 : 0));
  }
  return calendar;
}

bool WorkingCalendar::Covers(absl::CivilDay day) const {
  return first_day_ <= day && day <= last_day_;
}

int WorkingCalendar::WorkingDaysThrough(absl::CivilDay day) const {
  return working_before_[static_cast<size_t>(IndexOf(day) + 1)];
}

namespace {

absl::Status NotCovered(absl::CivilDay day, int first_year, int last_year) {
  return absl::OutOfRangeError(absl::StrCat(
      "day ", absl::FormatCivilTime(day), " is outside the working calendar (", first_year, "-",
      last_year, "); add the State Council holiday notice for its year"));
}

}  // namespace

absl::StatusOr<bool> WorkingCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (!Covers(day)) {
    return NotCovered(day, first_year_, last_year_);
  }
  const size_t index = static_cast<size_t>(IndexOf(day));
  return working_before_[index + 1] != working_before_[index];
}

absl::StatusOr<absl::CivilDay> WorkingCalendar::AddWorkingDays(absl::CivilDay start, int n) const {
  if (n < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("working days to add must not be negative, got ", n));
  }
  if (!Covers(start)) {
    return NotCovered(start, first_year_, last_year_);
  }
  if (n == 0) {
    return start;
  }
  // The first position whose prefix count reaches the target is one past
  // the n-th working day after `start`: the count steps up exactly there.
  const int64_t target = static_cast<int64_t>(WorkingDaysThrough(start)) + n;
  auto it = std::lower_bound(working_before_.begin(), working_before_.end(), target);
  if (it == working_before_.end()) {
    return absl::OutOfRangeError(
        absl::StrCat(n, " working days after ", absl::FormatCivilTime(start),
                     " run past the end of the working calendar (", last_year_,
                     "-12-31); add the State Council holiday notice for ", last_year_ + 1));
  }
  return first_day_ + ((it - working_before_.begin()) - 1);
}

absl::StatusOr<absl::CivilDay> WorkingCalendar::SubtractWorkingDays(absl::CivilDay start,
                                                                    int n) const {
  if (n < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("working days to subtract must not be negative, got ", n));
  }
  if (!Covers(start)) {
    return NotCovered(start, first_year_, last_year_);
  }
  if (n == 0) {
    return start;
  }
  // Working days strictly before `start` number WorkingDaysThrough(start-1)
  // counted from first_day_; the n-th before is the day where the prefix
  // count first reaches that minus n plus one.
  const int64_t before = static_cast<int64_t>(working_before_[static_cast<size_t>(IndexOf(start))]);
  const int64_t target = before - n + 1;
  if (target < 1) {
    return absl::OutOfRangeError(
        absl::StrCat(n, " working days before ", absl::FormatCivilTime(start),
                     " run past the start of the working calendar (", first_year_, "-01-01)"));
  }
  auto it = std::lower_bound(working_before_.begin(), working_before_.end(), target);
  return first_day_ + ((it - working_before_.begin()) - 1);
}

absl::StatusOr<int> WorkingCalendar::WorkingDaysBetween(absl::CivilDay from,
                                                        absl::CivilDay to) const {
  if (!Covers(from)) {
    return NotCovered(from, first_year_, last_year_);
  }
  if (!Covers(to)) {
    return NotCovered(to, first_year_, last_year_);
  }
  return WorkingDaysThrough(to) - WorkingDaysThrough(from);
}

std::string WorkingCalendar::HolidayName(absl::CivilDay day) const {
  if (!Covers(day)) {
    return "";
  }
  auto it = holiday_names_.find(IndexOf(day));
  return it == holiday_names_.end() ? "" : it->second;
}

}  // namespace lawenforce::calendar
