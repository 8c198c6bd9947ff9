#include "services/case/domain/decision_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

const char* KindName(PenaltyKind k) {
  switch (k) {
    case PenaltyKind::kWarning:
      return "WARNING";
    case PenaltyKind::kFine:
      return "FINE";
    case PenaltyKind::kConfiscation:
      return "CONFISCATION";
    case PenaltyKind::kLicenceSuspension:
      return "LICENCE_SUSPENSION";
    case PenaltyKind::kBusinessRestriction:
      return "BUSINESS_RESTRICTION";
    case PenaltyKind::kLicenceRevocation:
      return "LICENCE_REVOCATION";
    case PenaltyKind::kDetention:
      return "DETENTION";
  }
  return "UNKNOWN";
}

bool Has(const std::vector<PenaltyKind>& kinds, PenaltyKind k) {
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

}  // namespace

absl::StatusOr<Decision> PrepareDecision(const Case& c, Decision d, const StepContext& ctx,
                                         absl::Time now, absl::string_view field) {
  const std::string f(field);
  if (static_cast<int>(d.outcome) < 1 || static_cast<int>(d.outcome) > 4) {
    return InvalidField(f + ".outcome",
                        "required: PENALTY, NO_PENALTY_FIRST_VIOLATION, "
                        "NO_PENALTY_MINOR or NOT_ESTABLISHED");
  }
  std::set<PenaltyKind> seen;
  for (size_t i = 0; i < d.sanction.kinds.size(); ++i) {
    if (!IsPenaltyKind(static_cast<int>(d.sanction.kinds[i]))) {
      return InvalidField(absl::StrCat(f, ".penalty_kinds[", i, "]"), "unknown penalty kind");
    }
    if (!seen.insert(d.sanction.kinds[i]).second) {
      return InvalidField(absl::StrCat(f, ".penalty_kinds[", i, "]"), "duplicate penalty kind");
    }
  }
  const bool penalty = d.outcome == Outcome::kPenalty;
  if (penalty && d.sanction.kinds.empty()) {
    return InvalidField(f + ".penalty_kinds", "a penalty needs at least one kind");
  }
  if (!penalty && (!d.sanction.kinds.empty() || d.sanction.fine_fen != 0)) {
    return InvalidField(f + ".penalty_kinds", "an outcome without penalty imposes none");
  }
  if (d.sanction.fine_fen < 0) return InvalidField(f + ".fine_fen", "must not be negative");
  if (Has(d.sanction.kinds, PenaltyKind::kFine) != (d.sanction.fine_fen > 0)) {
    return InvalidField(f + ".fine_fen", "a fine needs FINE among the kinds, and FINE a fine");
  }
  if (!d.reason.empty()) LE_RETURN_IF_ERROR(ValidateText(f + ".reason", d.reason, 2000));

  LE_ASSIGN_OR_RETURN(AppliedRules rules,
                      ChooseRules(*ctx.item_versions, *ctx.benchmarks, c.violation_time, now,
                                  d.sanction.circumstance));
  d.item_version = rules.item.number;
  d.benchmark_version = rules.benchmark.has_value() ? rules.benchmark->number : 0;
  d.later_rule_lighter = rules.later_rule_lighter;
  d.rules_explanation = rules.explanation;
  d.outside_benchmark.clear();
  if (rules.item.repealed && penalty) {
    return absl::FailedPreconditionError(
        "the item was repealed: no penalty may be imposed (APL art. 37)");
  }
  const BenchmarkLevel* level = nullptr;
  if (rules.benchmark.has_value() && (penalty || !d.sanction.circumstance.empty())) {
    level = FindLevel(*rules.benchmark, d.sanction.circumstance);
    if (level == nullptr) {
      return InvalidField(f + ".circumstance", absl::StrCat("not a level of benchmark version ",
                                                            rules.benchmark->number));
    }
  }
  if (d.outcome == Outcome::kNoPenaltyFirstViolation) {
    if (!c.first_violation) {
      return absl::FailedPreconditionError(
          "a first-violation exemption needs a party on its first violation "
          "(case.first_violation)");
    }
    if (level != nullptr && !level->first_violation_exempt) {
      return absl::FailedPreconditionError(absl::StrCat(
          "level ", level->code, " does not allow a first-violation exemption (APL art. 33)"));
    }
  }
  if (penalty && level != nullptr) {
    d.outside_benchmark = OutsideReason(*level, d.sanction);
    if (!d.outside_benchmark.empty() && d.reason.empty()) {
      return InvalidField(f + ".reason",
                          absl::StrCat("required outside the benchmark: ", d.outside_benchmark));
    }
  }
  d.publish = d.publish && penalty;
  d.time = now;
  return d;
}

bool NoHeavierThan(const Decision& d, const Decision& approved) {
  if (d.outcome != Outcome::kPenalty) return true;
  if (approved.outcome != Outcome::kPenalty) return false;
  if (d.sanction.circumstance != approved.sanction.circumstance) return false;
  for (PenaltyKind k : d.sanction.kinds) {
    if (!Has(approved.sanction.kinds, k)) return false;
  }
  return d.sanction.fine_fen <= approved.sanction.fine_fen;
}

std::string DescribeDecision(const Decision& d) {
  switch (d.outcome) {
    case Outcome::kNoPenaltyFirstViolation:
      return "no penalty: first violation, promptly corrected (APL art. 33)";
    case Outcome::kNoPenaltyMinor:
      return "no penalty: minor, promptly corrected, no harm (APL art. 33)";
    case Outcome::kNotEstablished:
      return "no penalty: the facts are not established";
    case Outcome::kPenalty:
      break;
  }
  std::vector<std::string> kinds;
  for (PenaltyKind k : d.sanction.kinds) {
    kinds.push_back(k == PenaltyKind::kFine ? absl::StrCat("FINE ", d.sanction.fine_fen, " fen")
                                            : KindName(k));
  }
  return absl::StrCat(
      "penalty: ", absl::StrJoin(kinds, ", "), " (level ", d.sanction.circumstance, ")",
      d.outside_benchmark.empty() ? "" : "; outside the benchmark: ", d.outside_benchmark);
}

}  // namespace lawenforce::cases
