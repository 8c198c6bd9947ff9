#include "services/case/case_module.h"

#include "absl/strings/str_cat.h"
#include "common/kit/calendar_flags.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "services/case/clients/personnel_directory.h"
#include "services/case/clients/personnel_officers.h"
#include "services/case/store/case_deadlines.h"
#include "services/case/store/sql_case_store.h"

namespace lawenforce::cases {

kit::ServiceSpec CaseSpec() {
  kit::ServiceSpec spec;
  spec.name = "case";
  spec.cache_namespace = "case:v1";
  spec.calls = {"personnel"};
  spec.define_flags = [](config::Flags& flags) {
    kit::DefineCalendarFlags(flags);
    flags.Define("clock-periods", "",
                 "overrides of statutory periods, e.g. publicity=7wd,decision=90d "
                 "(units d, wd, h, y)");
    flags.Define("inspection-warning-count", "3",
                 "visits to one enterprise by any agencies within --inspection-warning-window "
                 "that raise a high-frequency warning to the tier above");
    flags.Define("inspection-warning-window", "720h",
                 "the window of --inspection-warning-count (a duration, e.g. 720h = 30 days)");
  };
  spec.build = BuildCases;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env) {
  auto module = std::make_unique<CaseModule>();
  LE_ASSIGN_OR_RETURN(calendar::WorkingCalendar cal, kit::LoadCalendar(*env.flags));
  module->calendar_ = std::make_unique<calendar::WorkingCalendar>(std::move(cal));
  absl::StatusOr<ClockPolicy> policy = ParseClockPolicy(env.flags->Get("clock-periods"));
  if (!policy.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--clock-periods: ", policy.status().message()));
  }
  module->policy_ = std::make_unique<ClockPolicy>(*policy);
  LE_ASSIGN_OR_RETURN(absl::Duration metrics_interval,
                      env.flags->GetDuration("business-metrics-interval"));
  LE_ASSIGN_OR_RETURN(module->store_,
                      OpenSqlCaseStore(env.db, env.ids, env.changes, env.deadlines));
  if (env.deadlines != nullptr) {
    RegisterCaseClockDeadlines(*env.deadlines, env.changes, env.ids, module->calendar_.get(),
                               module->policy_.get(), env.registry);
  }
  module->agencies_ = std::make_unique<PersonnelDirectory>(env.clients.at("personnel"));
  module->officers_ = std::make_unique<PersonnelOfficers>(env.clients.at("personnel"));
  const CaseDeps deps{module->store_.get(),
                      module->agencies_.get(),
                      module->officers_.get(),
                      env.authorizer,
                      env.pii,
                      env.ids,
                      env.clock,
                      module->calendar_.get(),
                      module->policy_.get()};
  module->items_ = std::make_unique<Items>(module->store_.get(), module->agencies_.get(),
                                           env.authorizer, env.pii, env.ids, env.clock);
  module->benchmarks_ = std::make_unique<Benchmarks>(deps);
  module->cases_ = std::make_unique<Cases>(deps);
  module->records_ = std::make_unique<CaseRecords>(deps);
  module->deadlines_ = std::make_unique<CaseDeadlines>(deps, module->cases_.get());
  module->statistics_ = std::make_unique<CaseStatistics>(deps);
  module->inspections_ = std::make_unique<Inspections>(deps);
  LE_ASSIGN_OR_RETURN(int64_t warning_count, env.flags->GetInt("inspection-warning-count"));
  LE_ASSIGN_OR_RETURN(absl::Duration warning_window,
                      env.flags->GetDuration("inspection-warning-window"));
  if (warning_count < 2 || warning_count > 100) {
    return absl::InvalidArgumentError("--inspection-warning-count: must be 2..100");
  }
  if (warning_window < absl::Hours(1) || warning_window > absl::Hours(24 * 366)) {
    return absl::InvalidArgumentError("--inspection-warning-window: must be 1h..366 days");
  }
  module->visits_ = std::make_unique<Visits>(
      deps, FrequencyRule{static_cast<int>(warning_count), warning_window});
  // Clocks computed on a provisional year are re-derived with the calendar
  // as loaded now (the official rows may have arrived since).
  LE_ASSIGN_OR_RETURN(int rederived, module->deadlines_->RederiveProvisional(absl::StrCat(
                                         "calendar loaded at start-up: official rows through ",
                                         module->calendar_->official_last_year())));
  if (rederived > 0) {
    log::Info("case_clocks_rederived_at_start", {{"cases", absl::StrCat(rederived)}});
  }
  module->service_ = std::make_unique<api::CaseGrpcService>(
      api::UseCases{module->items_.get(), module->benchmarks_.get(), module->cases_.get(),
                    module->records_.get(), module->deadlines_.get(), module->statistics_.get(),
                    module->inspections_.get(), module->visits_.get()},
      env.calls, env.divisions);
  module->metrics_ = std::make_shared<CaseMetrics>(module->store_.get(), env.divisions, env.clock,
                                                   metrics_interval);
  return module;
}

}  // namespace lawenforce::cases
