#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_DECISION_RULES_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_DECISION_RULES_H_

// The checks of a proposed or final decision: its fields, the rules it
// applies (APL art. 37, ChooseRules), the benchmark, first-violation
// exemption (APL art. 33) and a repealed item.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/case/domain/case.h"
#include "services/case/domain/case_steps.h"

namespace lawenforce::cases {

// `d` checked and completed for case `c` at `now`: item and benchmark
// versions, later_rule_lighter, rules_explanation and outside_benchmark
// set. INVALID_ARGUMENT naming "<field>.<part>" (field is "decision"):
// an unknown outcome or penalty kind, kinds without a penalty outcome or
// none with one, a fine without FINE or FINE without a fine, an unknown
// circumstance level, a missing reason outside the benchmark (the reason
// names why it is outside). FAILED_PRECONDITION: a penalty under a
// repealed item, a first-violation exemption for a party not on its first
// violation or under a level that does not allow it.
absl::StatusOr<Decision> PrepareDecision(const Case& c, Decision d, const StepContext& ctx,
                                         absl::Time now, absl::string_view field);

// Whether `d` is no heavier than `approved`: the same circumstance, kinds
// among the approved ones, a fine no larger (a no-penalty outcome is
// lighter than any penalty).
bool NoHeavierThan(const Decision& d, const Decision& approved);

// "penalty: WARNING, FINE 300000 fen (level general)" for the record.
std::string DescribeDecision(const Decision& d);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_DECISION_RULES_H_
