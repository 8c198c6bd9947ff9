#ifndef LAWENFORCE_SERVICES_CASE_APP_INSPECTIONS_H_
#define LAWENFORCE_SERVICES_CASE_APP_INSPECTIONS_H_

// Random inspections (双随机、一公开, task 13): plans, draws and their
// results (domain/inspection.h). Agencies come from personnel-service
// (AgencyDirectory), the officers' eligibility at the draw too
// (OfficerDirectory).

#include <string>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"
#include "services/case/domain/inspection.h"

namespace lawenforce::cases {

class Inspections {
 public:
  explicit Inspections(const CaseDeps& deps) : d_(deps) {}

  // A new plan of the agency `draft.agency_id` on its inspection item
  // `draft.item_id`; every officer of the pool must be known to
  // personnel-service (INVALID_ARGUMENT "plan.inspector_ids[i]").
  absl::StatusOr<InspectionPlan> CreatePlan(const auth::Principal& who,
                                            absl::StatusOr<InspectionPlan> draft,
                                            const app::CreateOptions& options);
  absl::StatusOr<InspectionPlan> GetPlan(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<InspectionPlan>> ListPlans(const auth::Principal& who,
                                                      const std::string& division_code,
                                                      const std::string& agency_id,
                                                      const app::PageQuery& page);

  // A draw of the plan now, from `seed` (empty: a fresh one).
  // FAILED_PRECONDITION outside the plan's period or when too few of its
  // officers are eligible now.
  absl::StatusOr<InspectionDraw> Draw(const auth::Principal& who, const std::string& plan_id,
                                      const std::string& seed, const app::CreateOptions& options);
  absl::StatusOr<InspectionDraw> GetDraw(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<InspectionDraw>> ListDraws(const auth::Principal& who,
                                                      const std::string& plan_id,
                                                      const app::PageQuery& page);

  // The outcome of the target `credit_code` of draw `draw_id`; `outcome`
  // unset is INVALID_ARGUMENT naming "outcome".
  absl::StatusOr<InspectionDraw> RecordResult(const auth::Principal& who,
                                              const std::string& draw_id,
                                              const std::string& credit_code,
                                              std::optional<InspectionOutcome> outcome,
                                              const std::string& summary, const std::string& etag);

 private:
  const CaseDeps d_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_INSPECTIONS_H_
