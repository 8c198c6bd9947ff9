// personnel-service: agencies, officers, certificates, training and
// assessments. Wiring only; see docs/operations.md for the flags.

#include <iostream>
#include <memory>

#include "common/bootstrap/bootstrap.h"
#include "common/log/log.h"
#include "common/server/server.h"
#include "common/server/signals.h"
#include "prometheus/registry.h"
#include "services/personnel/api/personnel_grpc_service.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/app/personnel_metrics.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::personnel {
namespace {

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  config::Flags flags("personnel-service");
  bootstrap::DefineServiceFlags(flags, "var/personnel.db");
  int exit_code = 0;
  if (!bootstrap::ParseFlagsOrExit(flags, argc, argv, &exit_code)) return exit_code;

  absl::StatusOr<std::unique_ptr<bootstrap::ServiceDeps>> deps =
      bootstrap::BuildServiceDeps(flags, "personnel");
  if (!deps.ok()) {
    log::Error("startup_failed", {{"error", std::string(deps.status().message())}});
    return 1;
  }
  bootstrap::ServiceDeps& d = **deps;
  absl::StatusOr<std::unique_ptr<PersonnelStore>> store =
      OpenSqlPersonnelStore(d.db.get(), &d.ids);
  if (!store.ok()) {
    log::Error("startup_failed", {{"error", std::string(store.status().message())}});
    return 1;
  }
  PersonnelApp app(store->get(), d.authorizer.get(), d.pii.get(), &d.ids, &d.clock);
  api::PersonnelGrpcService service(&app, d.verifier.get(), d.divisions.get());

  absl::StatusOr<std::unique_ptr<server::Server>> server = server::Server::Start(
      d.server_options, {&service}, std::make_shared<prometheus::Registry>());
  if (!server.ok()) {
    log::Error("startup_failed", {{"error", std::string(server.status().message())}});
    return 1;
  }
  (*server)->AddCollectable(
      std::make_shared<PersonnelMetrics>(store->get(), d.divisions.get(), &d.clock));
  log::Info("listening", {{"grpc_port", std::to_string((*server)->port())},
                          {"metrics_port", std::to_string((*server)->metrics_port())}});
  return server::RunUntilSignal(**server);
}

}  // namespace
}  // namespace lawenforce::personnel

int main(int argc, char** argv) { return lawenforce::personnel::Run(argc, argv); }
