#include "services/case/domain/inspection.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/draw/seeded_draw.h"
#include "common/idnumber/id_number.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {

absl::Status ValidatePlan(InspectionPlan& p) {
  if (absl::Status s = ValidateText("plan.name", p.name, 200); !s.ok()) return s;
  if (p.period_start == absl::InfinitePast()) {
    return InvalidField("plan.period_start", "required");
  }
  if (p.period_end == absl::InfinitePast()) return InvalidField("plan.period_end", "required");
  if (p.period_end <= p.period_start) {
    return InvalidField("plan.period_end", "must be after plan.period_start");
  }
  if (p.period_end - p.period_start > absl::Hours(24 * 366)) {
    return InvalidField("plan.period_end", "a plan lasts at most 366 days");
  }
  if (p.enterprises.empty()) return InvalidField("plan.enterprises", "required");
  if (p.enterprises.size() > static_cast<size_t>(kMaxPlanEnterprises)) {
    return InvalidField("plan.enterprises", absl::StrCat("at most ", kMaxPlanEnterprises));
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < p.enterprises.size(); ++i) {
    Enterprise& e = p.enterprises[i];
    const std::string at = absl::StrCat("plan.enterprises[", i, "]");
    LE_RETURN_IF_ERROR(idnumber::ValidateCreditCode(at + ".credit_code", e.credit_code));
    e.credit_code = idnumber::NormalizeCreditCode(e.credit_code);
    if (!codes.insert(e.credit_code).second) {
      return InvalidField(at + ".credit_code", "repeated");
    }
    LE_RETURN_IF_ERROR(ValidateText(at + ".name", e.name, 200));
  }
  if (p.inspector_ids.size() < 2) {
    return InvalidField("plan.inspector_ids", "at least two officers inspect together");
  }
  if (p.inspector_ids.size() > static_cast<size_t>(kMaxPlanInspectors)) {
    return InvalidField("plan.inspector_ids", absl::StrCat("at most ", kMaxPlanInspectors));
  }
  std::set<std::string> officers;
  for (size_t i = 0; i < p.inspector_ids.size(); ++i) {
    const std::string at = absl::StrCat("plan.inspector_ids[", i, "]");
    LE_RETURN_IF_ERROR(ValidateId(at, p.inspector_ids[i]));
    if (!officers.insert(p.inspector_ids[i]).second) return InvalidField(at, "repeated");
  }
  if (p.targets_per_draw < 1 || p.targets_per_draw > kMaxTargetsPerDraw) {
    return InvalidField("plan.targets_per_draw", absl::StrCat("must be 1..", kMaxTargetsPerDraw));
  }
  if (p.inspectors_per_target < 2 || p.inspectors_per_target > kMaxInspectorsPerTarget) {
    return InvalidField("plan.inspectors_per_target",
                        absl::StrCat("must be 2..", kMaxInspectorsPerTarget,
                                     " (two officers at least, APL art. 42)"));
  }
  if (static_cast<size_t>(p.inspectors_per_target) > p.inspector_ids.size()) {
    return InvalidField("plan.inspectors_per_target", "more than plan.inspector_ids holds");
  }
  return absl::OkStatus();
}

const char* InspectionOutcomeName(InspectionOutcome o) {
  switch (o) {
    case InspectionOutcome::kNoIssue:
      return "NO_ISSUE";
    case InspectionOutcome::kFinding:
      return "FINDING";
    case InspectionOutcome::kNotInspected:
      return "NOT_INSPECTED";
  }
  return "UNKNOWN";
}

absl::StatusOr<std::vector<InspectionTarget>> DrawTargets(
    const InspectionPlan& plan, const std::string& seed,
    const std::vector<std::string>& eligible_inspectors) {
  if (eligible_inspectors.size() < static_cast<size_t>(plan.inspectors_per_target)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plan.inspector_ids: ", eligible_inspectors.size(),
                     " of the plan's officers may inspect in ", plan.domain,
                     " now; each target needs ", plan.inspectors_per_target));
  }
  std::vector<std::string> codes;
  codes.reserve(plan.enterprises.size());
  for (const Enterprise& e : plan.enterprises) codes.push_back(e.credit_code);
  std::vector<InspectionTarget> out;
  for (size_t i : draw::FirstByKey(seed, codes, plan.targets_per_draw)) {
    InspectionTarget t;
    t.enterprise = plan.enterprises[i];
    std::vector<std::string> keyed;
    keyed.reserve(eligible_inspectors.size());
    for (const std::string& id : eligible_inspectors) {
      keyed.push_back(absl::StrCat(t.enterprise.credit_code, ":", id));
    }
    for (size_t k : draw::FirstByKey(seed, keyed, plan.inspectors_per_target)) {
      t.inspector_ids.push_back(eligible_inspectors[k]);
    }
    out.push_back(std::move(t));
  }
  return out;
}

absl::Status RecordResult(InspectionDraw& draw, const std::string& credit_code,
                          InspectionResult result) {
  for (InspectionTarget& t : draw.targets) {
    if (t.enterprise.credit_code != credit_code) continue;
    LE_RETURN_IF_ERROR(ValidateMultilineText("summary", result.summary, 2000));
    if (t.result.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the result for ", credit_code, " is already recorded (",
                       InspectionOutcomeName(t.result->outcome), ")"));
    }
    t.result = std::move(result);
    return absl::OkStatus();
  }
  return InvalidField("credit_code", "not a target of this draw");
}

}  // namespace lawenforce::cases
