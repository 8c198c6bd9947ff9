#include "services/personnel/domain/service_periods.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/time/clock.h"

namespace lawenforce::personnel {

absl::string_view ServiceEndReasonName(ServiceEndReason reason) {
  switch (reason) {
    case ServiceEndReason::kTransferred:
      return "TRANSFERRED";
    case ServiceEndReason::kLeftPost:
      return "LEFT_POST";
    case ServiceEndReason::kRetired:
      return "RETIRED";
  }
  return "UNKNOWN";
}

std::vector<ServiceSpan> SpansOf(const std::vector<ServicePeriod>& periods) {
  std::vector<ServiceSpan> spans;
  spans.reserve(periods.size());
  for (const ServicePeriod& p : periods) spans.push_back(ServiceSpan{p.start, p.end});
  return spans;
}

const ServicePeriod* PeriodAt(const std::vector<ServicePeriod>& periods, absl::Time at) {
  for (const ServicePeriod& p : periods) {
    if (p.start <= at && at < p.end) return &p;
  }
  return nullptr;
}

absl::StatusOr<absl::Time> ServiceChangeTime(absl::string_view field,
                                             std::optional<absl::Time> requested, absl::Time now,
                                             absl::Time after, const PersonnelPolicy& policy) {
  const absl::Time at = requested.value_or(now);
  const absl::TimeZone zone = ChinaTimeZone();
  if (at > now) return InvalidField(field, "is in the future");
  if (at <= after) {
    return InvalidField(
        field, absl::StrCat("must be after ", absl::FormatTime(absl::RFC3339_sec, after, zone),
                            ", when the officer's current standing began"));
  }
  const int year = static_cast<int>(absl::ToCivilYear(at, zone).year());
  if (now >= YearClosesAt(policy, year)) {
    return InvalidField(
        field, absl::StrCat("falls in ", year, ", which is closed: its figures are final"));
  }
  return at;
}

}  // namespace lawenforce::personnel
