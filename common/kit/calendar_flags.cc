#include "common/kit/calendar_flags.h"

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"

namespace lawenforce::kit {

void DefineCalendarFlags(config::Flags& flags) {
  flags.Define("working-calendar", "data/cn-working-calendar.tsv",
               "official holidays and adjusted workdays (TSV, docs/calendar.md); a relative path "
               "missing here is looked up beside --divisions");
  flags.Define("provisional-years", "2",
               "years after the calendar table derived from the statutory holiday rules, marked "
               "provisional (0: clocks beyond the table fail)");
}

absl::StatusOr<calendar::WorkingCalendar> LoadCalendar(const config::Flags& flags) {
  LE_ASSIGN_OR_RETURN(int64_t provisional_years, flags.GetInt("provisional-years"));
  if (provisional_years < 0 || provisional_years > 20) {
    return absl::InvalidArgumentError("--provisional-years: must be 0..20");
  }
  std::filesystem::path file(flags.Get("working-calendar"));
  const std::string divisions_path = flags.Get("divisions");
  if (file.is_relative() && !std::filesystem::exists(file) && !divisions_path.empty()) {
    std::filesystem::path beside =
        std::filesystem::path(divisions_path).parent_path() / file.filename();
    if (std::filesystem::exists(beside)) file = beside;
  }
  absl::StatusOr<calendar::WorkingCalendar> official =
      calendar::WorkingCalendar::LoadFromFile(file.string());
  if (!official.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--working-calendar: ", official.status().message()));
  }
  if (provisional_years == 0) return official;
  absl::StatusOr<calendar::WorkingCalendar> derived = calendar::WorkingCalendar::LoadFromFile(
      file.string(),
      {.provisional_through_year = official->last_year() + static_cast<int>(provisional_years)});
  if (!derived.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--provisional-years: ", derived.status().message()));
  }
  return derived;
}

}  // namespace lawenforce::kit
