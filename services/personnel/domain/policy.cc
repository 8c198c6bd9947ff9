#include "services/personnel/domain/policy.h"

#include <algorithm>

#include "common/time/clock.h"

namespace lawenforce::personnel {

absl::Time EndOfYear(int year) {
  return absl::FromCivil(absl::CivilSecond(year + 1, 1, 1, 0, 0, 0), ChinaTimeZone());
}

absl::Time YearClosesAt(const PersonnelPolicy& policy, int year) {
  return EndOfYear(year) + policy.closed_year_grace;
}

int64_t DaysServedIn(const std::vector<ServiceSpan>& spans, int year) {
  const absl::CivilDay first(year, 1, 1);
  const absl::CivilDay next(year + 1, 1, 1);
  if (spans.empty()) return next - first;
  const absl::TimeZone zone = ChinaTimeZone();
  // Spans do not overlap, but two may share a day (left in the morning,
  // back in the afternoon): days are marked, not summed.
  std::vector<bool> served(static_cast<size_t>(next - first), false);
  for (const ServiceSpan& span : spans) {
    if (span.end <= span.start) continue;
    const absl::CivilDay from = span.start == absl::InfinitePast()
                                    ? first
                                    : std::max(first, absl::ToCivilDay(span.start, zone));
    // The day of the span's last moment is served too.
    const absl::CivilDay until =
        span.end == absl::InfiniteFuture()
            ? next
            : std::min(next, absl::ToCivilDay(span.end - absl::Nanoseconds(1), zone) + 1);
    for (absl::CivilDay d = from; d < until; ++d) served[static_cast<size_t>(d - first)] = true;
  }
  int64_t days = 0;
  for (bool b : served) days += b ? 1 : 0;
  return days;
}

int64_t RequiredTrainingMinutes(const PersonnelPolicy& policy,
                                const std::vector<ServiceSpan>& spans, int year) {
  const int64_t days_in_year = absl::CivilDay(year + 1, 1, 1) - absl::CivilDay(year, 1, 1);
  const int64_t days_served = DaysServedIn(spans, year);
  return (policy.required_training_minutes_per_year * days_served + days_in_year - 1) /
         days_in_year;
}

}  // namespace lawenforce::personnel
