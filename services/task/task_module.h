#ifndef LAWENFORCE_SERVICES_TASK_TASK_MODULE_H_
#define LAWENFORCE_SERVICES_TASK_TASK_MODULE_H_

// task-service as the kit assembles it (common/kit): main.cc, the
// integration fixture and the black-box tests build it from TaskSpec().
// It calls personnel-, case- and supervision-service for the annual
// report's figures (--personnel-target, --case-target,
// --supervision-target). Its own flag:
//   --plans-dir   the plan files (data/plans, docs/plan-format.md); a
//                 relative path missing here is looked up beside --divisions
// (and the kit's --business-metrics-interval for its gauge)

#include <memory>
#include <vector>

#include "common/kit/service.h"
#include "services/task/api/task_grpc_service.h"
#include "services/task/app/figure_sources.h"
#include "services/task/app/reports.h"
#include "services/task/app/task_metrics.h"
#include "services/task/app/tracking.h"
#include "services/task/store/task_store.h"

namespace lawenforce::tasks {

kit::ServiceSpec TaskSpec();

class TaskModule final : public kit::Module {
 public:
  std::vector<::grpc::Service*> GrpcServices() override { return {service_.get()}; }
  std::vector<std::shared_ptr<prometheus::Collectable>> Collectables() override {
    return {metrics_};
  }

  const std::vector<Plan>& plans() const { return plans_; }
  TaskStores& store() { return *store_; }
  Tracking& tracking() { return *tracking_; }
  Reports& reports() { return *reports_; }

 private:
  friend absl::StatusOr<std::unique_ptr<kit::Module>> BuildTasks(const kit::Env& env);

  std::vector<Plan> plans_;
  std::unique_ptr<TaskStores> store_;
  std::unique_ptr<Tracking> tracking_;
  std::unique_ptr<FigureSources> sources_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<api::TaskGrpcService> service_;
  std::shared_ptr<TaskMetrics> metrics_;
};

absl::StatusOr<std::unique_ptr<kit::Module>> BuildTasks(const kit::Env& env);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_TASK_MODULE_H_
