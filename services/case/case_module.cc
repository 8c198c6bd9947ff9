#include "services/case/case_module.h"

#include "common/status/macros.h"
#include "services/case/clients/personnel_directory.h"
#include "services/case/store/sql_case_store.h"

namespace lawenforce::cases {

kit::ServiceSpec CaseSpec() {
  kit::ServiceSpec spec;
  spec.name = "case";
  spec.cache_namespace = "case:v1";
  spec.calls = {"personnel"};
  spec.build = BuildCases;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env) {
  auto module = std::make_unique<CaseModule>();
  LE_ASSIGN_OR_RETURN(module->store_, OpenSqlCaseStore(env.db, env.ids, env.changes));
  module->agencies_ = std::make_unique<PersonnelDirectory>(env.clients.at("personnel"));
  module->items_ = std::make_unique<Items>(module->store_.get(), module->agencies_.get(),
                                           env.authorizer, env.ids, env.clock);
  module->service_ =
      std::make_unique<api::CaseGrpcService>(module->items_.get(), env.calls, env.divisions);
  return module;
}

}  // namespace lawenforce::cases
