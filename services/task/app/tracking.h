#ifndef LAWENFORCE_SERVICES_TASK_APP_TRACKING_H_
#define LAWENFORCE_SERVICES_TASK_APP_TRACKING_H_

// Use cases of task-service (docs/api/tasks.md): the plans' tasks, their
// assignments to units at divisions, progress reports and the roll-up by
// tier. Role first, then input, then jurisdiction, then the act.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/task/domain/assignment.h"
#include "services/task/domain/plan.h"
#include "services/task/store/task_store.h"

namespace lawenforce::tasks {

struct TrackingDeps {
  const std::vector<Plan>* plans = nullptr;
  AssignmentStore* store = nullptr;
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* keys = nullptr;
  IdGenerator* ids = nullptr;
  const lawenforce::Clock* clock = nullptr;
  const Divisions* divisions = nullptr;
};

struct AssignRequest {
  std::string plan_id;
  int task_number = 0;
  std::vector<std::string> division_codes;
  std::string fan_out_parent;
  std::optional<Tier> fan_out_tier;
  std::string unit;
  std::string owner;
  std::optional<absl::StatusOr<absl::CivilDay>> due_date;
};

struct AssignmentQuery {
  std::string division_code;
  std::string plan_id;
  int task_number = 0;
  std::optional<AssignmentState> state;
};

struct ProgressReportView {
  std::string plan_id;
  std::string division_code;
  absl::Time as_of;
  PlanStatus status = PlanStatus::kActive;
  PlanProgress progress;
};

class Tracking {
 public:
  explicit Tracking(const TrackingDeps& deps) : d_(deps) {}

  absl::StatusOr<std::vector<Plan>> ListPlans(const auth::Principal& who);
  absl::StatusOr<Plan> GetPlan(const auth::Principal& who, const std::string& id);
  absl::StatusOr<std::vector<Task>> ListTasks(const auth::Principal& who,
                                              const std::string& plan_id,
                                              const std::string& section);
  absl::StatusOr<Task> GetTask(const auth::Principal& who, const std::string& plan_id, int number);
  PlanStatus StatusNow(const Plan& p) const;

  absl::StatusOr<std::vector<Assignment>> Assign(const auth::Principal& who, AssignRequest r,
                                                 const app::CreateOptions& options);
  absl::StatusOr<Assignment> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Assignment>> List(const auth::Principal& who,
                                             absl::StatusOr<AssignmentQuery> query,
                                             const app::PageQuery& page);
  absl::StatusOr<Assignment> Report(const auth::Principal& who, const std::string& id,
                                    const std::string& etag, int percent,
                                    const std::string& narrative,
                                    const std::vector<std::string>& evidence);
  absl::StatusOr<ProgressReportView> Progress(const auth::Principal& who,
                                              const std::string& plan_id,
                                              const std::string& division_code,
                                              absl::StatusOr<std::optional<absl::Time>> as_of);

 private:
  absl::StatusOr<const Plan*> FindPlan(const auth::Principal& who, const std::string& field,
                                       const std::string& id) const;

  TrackingDeps d_;
};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_APP_TRACKING_H_
