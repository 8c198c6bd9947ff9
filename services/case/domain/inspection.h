#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_INSPECTION_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_INSPECTION_H_

// Random inspections of enterprises (双随机、一公开, task 13): an agency's
// plan names an inspection item of its catalogue, the enterprises that may
// be inspected (检查对象名录库) and the officers who may inspect
// (执法检查人员名录库); each draw picks targets among the enterprises and,
// for each target, inspectors among the officers eligible for the item's
// domain at the draw's moment, from a seed recorded and published with the
// result (common/draw/seeded_draw.h), so that anyone can re-run it:
//
//   targets    = the targets_per_draw enterprise credit codes ranked first
//                under the seed (key: sha256("<seed>:<credit code>"));
//   inspectors = for each target, the inspectors_per_target eligible
//                officer ids ranked first under the seed with the target's
//                code (key: sha256("<seed>:<credit code>:<officer id>")).
//
// The outcome of each target's inspection is recorded once. Free of gRPC,
// protobuf and SQL.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace lawenforce::cases {

struct Enterprise {
  std::string credit_code;  // unified social credit code, upper-case (public)
  std::string name;         // 1..200 characters
};

inline constexpr int kMaxPlanEnterprises = 5000;
inline constexpr int kMaxPlanInspectors = 500;
inline constexpr int kMaxTargetsPerDraw = 500;
inline constexpr int kMaxInspectorsPerTarget = 10;

struct InspectionPlan {
  std::string id;
  std::string agency_id;
  std::string division_code;  // the agency's
  std::string item_id;        // an inspection item of the agency's catalogue
  std::string domain;         // the item's enforcement domain
  std::string name;           // 1..200 characters
  // Draws are made within [period_start, period_end).
  absl::Time period_start = absl::InfinitePast();
  absl::Time period_end = absl::InfinitePast();
  std::vector<Enterprise> enterprises;     // distinct codes, 1..kMaxPlanEnterprises
  std::vector<std::string> inspector_ids;  // distinct, 2..kMaxPlanInspectors
  int targets_per_draw = 0;                // 1..kMaxTargetsPerDraw
  // At least two officers inspect together (APL art. 42).
  int inspectors_per_target = 2;  // 2..kMaxInspectorsPerTarget
  std::string created_by;
  absl::Time create_time = absl::InfinitePast();
  int64_t version = 1;
};

// The input rules of a new plan, INVALID_ARGUMENT naming "plan.<field>":
// name as text of 1..200 characters; a period whose start is before its
// end and which lasts at most 366 days; enterprises' credit codes valid
// (GB 32100) and distinct ("plan.enterprises[i].credit_code"), names text
// of 1..200; inspector ids well-formed and distinct; the counts in range
// and inspectors_per_target not above the pool. Codes are upper-cased.
absl::Status ValidatePlan(InspectionPlan& plan);

enum class InspectionOutcome {
  kNoIssue = 1,       // 未发现问题
  kFinding = 2,       // 发现问题: may open a case
  kNotInspected = 3,  // 无法检查 (closed, moved, not found at the address)
};
const char* InspectionOutcomeName(InspectionOutcome o);  // "NO_ISSUE"

struct InspectionResult {
  InspectionOutcome outcome = InspectionOutcome::kNoIssue;
  std::string summary;  // 1..2000 characters
  std::string recorded_by;
  absl::Time record_time = absl::InfinitePast();
};

struct InspectionTarget {
  Enterprise enterprise;
  std::vector<std::string> inspector_ids;  // in rank order
  std::optional<InspectionResult> result;  // unset: not yet recorded
  std::string case_id;                     // the case filed from its finding
};

// An officer of the pool left out of a draw, with personnel-service's
// reason ("REVOKED", "DOMAIN_NOT_COVERED", ...).
struct ExcludedInspector {
  std::string officer_id;
  std::string reason;
};

struct InspectionDraw {
  std::string id;
  std::string plan_id;
  std::string agency_id;
  std::string division_code;
  std::string item_id;
  std::string domain;
  std::string seed;
  bool seed_chosen = false;  // given by the caller (a public lottery)
  // What the draw ranked: the plan's enterprise codes and the eligible
  // officers, each sorted ascending, and the officers left out.
  std::vector<std::string> enterprise_candidates;
  std::vector<std::string> inspector_candidates;
  std::vector<ExcludedInspector> inspectors_excluded;
  // The plan's codes on the agency's white list at the draw (visit.h),
  // left out of enterprise_candidates, ascending.
  std::vector<std::string> enterprises_whitelisted;
  std::vector<InspectionTarget> targets;  // in rank order
  std::string drawn_by;
  absl::Time draw_time = absl::InfinitePast();
  int64_t version = 1;
};

// The name of the method, published with each draw.
inline constexpr char kDrawAlgorithm[] = "sha256-rank-v1";

// The targets and their inspectors drawn from `seed`: the plan's
// targets_per_draw first enterprises (fewer when the plan has fewer) and
// for each its inspectors_per_target first eligible officers.
// FAILED_PRECONDITION naming "plan.inspector_ids" when fewer than
// inspectors_per_target officers are eligible.
absl::StatusOr<std::vector<InspectionTarget>> DrawTargets(
    const InspectionPlan& plan, const std::string& seed,
    const std::vector<std::string>& eligible_inspectors);

// Records `result` on the draw's target with `credit_code`:
// INVALID_ARGUMENT naming "credit_code" when the draw has no such target,
// "summary" for a summary that is not text of 1..2000 characters;
// FAILED_PRECONDITION when the target's result is already recorded.
absl::Status RecordResult(InspectionDraw& draw, const std::string& credit_code,
                          InspectionResult result);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_INSPECTION_H_
