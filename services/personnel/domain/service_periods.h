#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_SERVICE_PERIODS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_SERVICE_PERIODS_H_

// An officer's service (任职) as periods at agencies (issue 22, officer
// lifecycles): registration opens the first; a transfer closes the open
// one and opens one at the new agency; leaving an enforcement post or
// retiring closes it. Figures and eligibility at a moment use the period
// in force then, so they never change when a later period is recorded.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/policy.h"

namespace lawenforce::personnel {

absl::string_view ServiceEndReasonName(ServiceEndReason reason);  // "TRANSFERRED", ...

std::vector<ServiceSpan> SpansOf(const std::vector<ServicePeriod>& periods);

// The period in force at `at` (start <= at < end), or nullptr.
const ServicePeriod* PeriodAt(const std::vector<ServicePeriod>& periods, absl::Time at);

// When a change of service asked at `now` takes effect: `requested`
// (nullopt: now). INVALID_ARGUMENT naming `field` when it is in the future,
// not after `after` (the start of the open period, or the end of the last
// one for an officer coming back: periods never overlap nor run empty), or
// in a year whose figures are closed (YearClosesAt: a closed year's figures
// never change).
absl::StatusOr<absl::Time> ServiceChangeTime(absl::string_view field,
                                             std::optional<absl::Time> requested, absl::Time now,
                                             absl::Time after, const PersonnelPolicy& policy);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_SERVICE_PERIODS_H_
