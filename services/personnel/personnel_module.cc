#include "services/personnel/personnel_module.h"

#include "common/status/macros.h"
#include "services/personnel/store/cache_keys.h"
#include "services/personnel/store/certificate_deadlines.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::personnel {

kit::ServiceSpec PersonnelSpec() {
  kit::ServiceSpec spec;
  spec.name = "personnel";
  spec.cache_namespace = std::string(kPersonnelCacheNamespace);
  spec.define_flags = [](config::Flags& flags) {
    flags.Define("business-metrics-interval", "5s",
                 "how often the business gauges are recomputed from the store, at most");
  };
  spec.build = BuildPersonnel;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildPersonnel(const kit::Env& env) {
  LE_ASSIGN_OR_RETURN(absl::Duration metrics_interval,
                      env.flags->GetDuration("business-metrics-interval"));
  auto module = std::make_unique<PersonnelModule>();
  LE_ASSIGN_OR_RETURN(module->store_, OpenSqlPersonnelStore(
                                          env.db, env.ids, StoreHooks{env.deadlines, env.changes}));
  if (env.deadlines != nullptr) {
    RegisterCertificateDeadlines(*env.deadlines, env.changes, env.ids, env.registry);
  }
  module->app_ = std::make_unique<PersonnelApp>(module->store_.get(), env.authorizer, env.pii,
                                                env.ids, env.clock, env.cache);
  module->service_ =
      std::make_unique<api::PersonnelGrpcService>(module->app_.get(), env.calls, env.divisions);
  module->metrics_ = std::make_shared<PersonnelMetrics>(module->store_.get(), env.divisions,
                                                        env.clock, metrics_interval);
  return module;
}

}  // namespace lawenforce::personnel
