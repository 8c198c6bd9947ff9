#include "services/supervision/supervision_module.h"

#include "absl/strings/str_cat.h"
#include "common/kit/calendar_flags.h"
#include "common/status/macros.h"
#include "services/supervision/clients/directories.h"
#include "services/supervision/store/sql_supervision_store.h"

namespace lawenforce::supervision {

kit::ServiceSpec SupervisionSpec() {
  kit::ServiceSpec spec;
  spec.name = "supervision";
  spec.cache_namespace = "supervision:v1";
  spec.calls = {"personnel", "case"};
  spec.define_flags = [](config::Flags& flags) {
    kit::DefineCalendarFlags(flags);
    flags.Define("complaint-limits", "",
                 "handling limits on top of the built-in defaults, e.g. "
                 "hotline_12345.resolve=5wd,web/inaction.acknowledge=24h (units d, wd, h)");
  };
  spec.build = BuildSupervision;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildSupervision(const kit::Env& env) {
  auto module = std::make_unique<SupervisionModule>();
  LE_ASSIGN_OR_RETURN(calendar::WorkingCalendar cal, kit::LoadCalendar(*env.flags));
  module->calendar_ = std::make_unique<calendar::WorkingCalendar>(std::move(cal));
  absl::StatusOr<std::vector<LimitRule>> limits = ParseLimits(env.flags->Get("complaint-limits"));
  if (!limits.ok()) return limits.status();  // names the flag and the entry
  module->limits_ = *std::move(limits);
  LE_ASSIGN_OR_RETURN(absl::Duration metrics_interval,
                      env.flags->GetDuration("business-metrics-interval"));
  LE_ASSIGN_OR_RETURN(module->store_,
                      OpenSqlSupervisionStore(env.db, env.ids, env.changes, env.deadlines));
  if (env.deadlines != nullptr) {
    RegisterSupervisionDeadlines(*env.deadlines, env.changes, env.ids, env.clock,
                                 module->calendar_.get(), env.divisions, env.registry);
  }
  module->agencies_ = std::make_unique<PersonnelAgencies>(env.clients.at("personnel"), env.clock);
  module->cases_ = std::make_unique<CaseServiceCases>(env.clients.at("case"));
  const SupervisionDeps deps{module->store_.get(),
                             module->agencies_.get(),
                             module->cases_.get(),
                             env.authorizer,
                             env.pii,
                             env.ids,
                             env.clock,
                             module->calendar_.get(),
                             env.divisions,
                             &module->limits_,
                             env.registry};
  module->complaints_ = std::make_unique<Complaints>(deps);
  module->reviews_ = std::make_unique<Reviews>(deps, module->store_.get());
  module->notices_ = std::make_unique<Notices>(deps, module->store_.get(), module->store_.get());
  module->service_ = std::make_unique<api::SupervisionGrpcService>(
      module->complaints_.get(), module->reviews_.get(), module->notices_.get(), env.calls,
      env.divisions);
  module->metrics_ = std::make_shared<ComplaintMetrics>(module->store_.get(), env.divisions,
                                                        env.clock, metrics_interval);
  return module;
}

}  // namespace lawenforce::supervision
