#include "services/task/task_module.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "services/task/clients/figure_clients.h"
#include "services/task/store/plan_file.h"
#include "services/task/store/sql_task_store.h"

namespace lawenforce::tasks {

kit::ServiceSpec TaskSpec() {
  kit::ServiceSpec spec;
  spec.name = "task";
  spec.cache_namespace = "task:v1";
  spec.calls = {"personnel", "case", "supervision"};
  spec.define_flags = [](config::Flags& flags) {
    flags.Define("plans-dir", "data/plans",
                 "directory of plan files (*.json, docs/plan-format.md); a relative path missing "
                 "here is looked up beside --divisions");
  };
  spec.build = BuildTasks;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildTasks(const kit::Env& env) {
  auto module = std::make_unique<TaskModule>();
  std::filesystem::path dir(env.flags->Get("plans-dir"));
  const std::string divisions = env.flags->Get("divisions");
  if (dir.is_relative() && !std::filesystem::exists(dir) && !divisions.empty()) {
    std::filesystem::path beside = std::filesystem::path(divisions).parent_path() / dir.filename();
    if (std::filesystem::exists(beside)) dir = beside;
  }
  absl::StatusOr<std::vector<Plan>> plans = LoadPlans(dir.string());
  if (!plans.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--plans-dir: ", plans.status().message()));
  }
  module->plans_ = *std::move(plans);
  for (const Plan& p : module->plans_) {
    log::Info("plan_loaded", {{"plan", p.id}, {"tasks", absl::StrCat(p.tasks.size())}});
  }
  LE_ASSIGN_OR_RETURN(module->store_,
                      OpenSqlTaskStore(env.db, env.ids, env.changes, env.deadlines));
  if (env.deadlines != nullptr) {
    RegisterAssignmentDeadlines(*env.deadlines, env.changes, env.ids, env.clock, &module->plans_,
                                env.divisions, env.registry);
  }
  module->tracking_ =
      std::make_unique<Tracking>(TrackingDeps{&module->plans_, module->store_.get(), env.authorizer,
                                              env.pii, env.ids, env.clock, env.divisions});
  module->sources_ =
      std::make_unique<GrpcFigureSources>(env.clients.at("personnel"), env.clients.at("case"),
                                          env.clients.at("supervision"), env.clock);
  module->reports_ = std::make_unique<Reports>(ReportsDeps{
      &module->plans_, module->store_.get(), module->store_.get(), module->sources_.get(),
      env.authorizer, env.pii, env.ids, env.clock, env.divisions});
  module->service_ = std::make_unique<api::TaskGrpcService>(
      module->tracking_.get(), module->reports_.get(), env.calls, env.divisions);
  LE_ASSIGN_OR_RETURN(absl::Duration metrics_interval,
                      env.flags->GetDuration("business-metrics-interval"));
  module->metrics_ = std::make_shared<TaskMetrics>(module->store_.get(), env.divisions, env.clock,
                                                   metrics_interval);
  return module;
}

}  // namespace lawenforce::tasks
