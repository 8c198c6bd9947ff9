#include "common/calendar/statutory_holidays.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/calendar/lunar.h"

namespace lawenforce::calendar {
namespace {

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

absl::StatusOr<std::vector<DerivedHoliday>> StatutoryHolidays(int year) {
  if (year < 2025 || year > 2199) {
    return absl::OutOfRangeError(
        absl::StrCat("holidays are derived from the 2024 rules for 2025..2199, not ", year));
  }
  absl::StatusOr<LunarFestivals> lunar = FestivalsOf(year);
  if (!lunar.ok()) return lunar.status();
  // Each holiday of art. 2 as its days, in the order the law lists them.
  struct Holiday {
    std::string name;
    std::vector<absl::CivilDay> days;
  };
  const std::vector<Holiday> holidays = {
      {"元旦", {absl::CivilDay(year, 1, 1)}},
      {"春节",
       {lunar->new_years_eve, lunar->spring_festival, lunar->spring_festival + 1,
        lunar->spring_festival + 2}},
      {"清明节", {lunar->qingming}},
      {"劳动节", {absl::CivilDay(year, 5, 1), absl::CivilDay(year, 5, 2)}},
      {"端午节", {lunar->dragon_boat}},
      {"中秋节", {lunar->mid_autumn}},
      {"国庆节",
       {absl::CivilDay(year, 10, 1), absl::CivilDay(year, 10, 2), absl::CivilDay(year, 10, 3)}},
  };
  // A day two holidays share (中秋 on 1-3 October) is one day off with
  // both names.
  std::map<absl::CivilDay, std::string> named;
  for (const Holiday& h : holidays) {
    for (absl::CivilDay d : h.days) {
      std::string& name = named[d];
      name = name.empty() ? h.name : absl::StrCat(name, "、", h.name);
    }
  }
  // Make-up days, holiday by holiday: one per statutory day on a weekend.
  std::map<absl::CivilDay, std::string> all = named;
  for (const Holiday& h : holidays) {
    int owed = 0;
    for (absl::CivilDay d : h.days) owed += IsWeekend(d) ? 1 : 0;
    absl::CivilDay d = h.days.back();
    while (owed > 0) {
      ++d;
      if (IsWeekend(d) || all.contains(d)) continue;
      all[d] = absl::StrCat(h.name, "（补假）");
      --owed;
    }
  }
  std::vector<DerivedHoliday> out;
  for (auto& [day, name] : all) {
    if (day.year() == year) out.push_back({day, name});
  }
  return out;
}

}  // namespace lawenforce::calendar
