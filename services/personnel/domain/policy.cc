#include "services/personnel/domain/policy.h"

#include "common/time/clock.h"

namespace lawenforce::personnel {

absl::Time EndOfYear(int year) {
  return absl::FromCivil(absl::CivilSecond(year + 1, 1, 1, 0, 0, 0), ChinaTimeZone());
}

absl::Time YearClosesAt(const PersonnelPolicy& policy, int year) {
  return EndOfYear(year) + policy.closed_year_grace;
}

int64_t RequiredTrainingMinutes(const PersonnelPolicy& policy, absl::Time service_start, int year) {
  const absl::CivilDay first(year, 1, 1);
  const absl::CivilDay next(year + 1, 1, 1);
  const absl::CivilDay start = absl::ToCivilDay(service_start, ChinaTimeZone());
  if (start <= first) return policy.required_training_minutes_per_year;
  if (start >= next) return 0;
  const int64_t days_in_year = next - first;
  const int64_t days_served = next - start;
  return (policy.required_training_minutes_per_year * days_served + days_in_year - 1) /
         days_in_year;
}

}  // namespace lawenforce::personnel
