#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_SIDE_ACTS_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_SIDE_ACTS_H_

// Internal to case_steps.cc: the acts beside the main line of a case
// (transfer, officers, clocks, coercion), applied to a case whose state
// Transition already moved. Returns the record entry's summary.

#include <string>

#include "absl/status/statusor.h"
#include "services/case/domain/case_steps.h"

namespace lawenforce::cases {

absl::StatusOr<std::string> ApplySideAct(Case& c, CaseClocks& clocks, const Act& act,
                                         const StepContext& ctx);

// INVALID_ARGUMENT naming `field` unless 2..20 distinct officer ids.
absl::Status ValidateOfficerList(absl::string_view field, const std::vector<std::string>& ids);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_SIDE_ACTS_H_
