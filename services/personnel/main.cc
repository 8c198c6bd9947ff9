// personnel-service: agencies, officers, certificates, training and
// assessments. Wiring only; docs/operations.md lists the flags.

#include <memory>

#include "common/bootstrap/bootstrap.h"
#include "common/log/log.h"
#include "common/server/server.h"
#include "common/server/signals.h"
#include "services/personnel/api/personnel_grpc_service.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/app/personnel_metrics.h"
#include "services/personnel/store/certificate_deadlines.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::personnel {
namespace {

int Fail(const absl::Status& status) {
  log::Error("startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  config::Flags flags("personnel-service");
  bootstrap::DefineServiceFlags(flags, "var/personnel.db");
  int exit_code = 0;
  if (!bootstrap::ParseFlagsOrExit(flags, argc, argv, &exit_code)) return exit_code;

  absl::StatusOr<std::unique_ptr<bootstrap::ServiceDeps>> deps =
      bootstrap::BuildServiceDeps(flags, "personnel");
  if (!deps.ok()) return Fail(deps.status());
  bootstrap::ServiceDeps& d = **deps;
  std::unique_ptr<bootstrap::RedisLayer> redis =
      bootstrap::BuildRedisLayer(d, std::string(kEligibilityCacheNamespace), "le:personnel:v1");
  absl::StatusOr<std::unique_ptr<PersonnelStore>> store = OpenSqlPersonnelStore(
      d.db.get(), &d.ids, StoreHooks{redis->deadlines.get(), redis->journal.get()});
  if (!store.ok()) return Fail(store.status());
  if (redis->deadlines != nullptr) {
    RegisterCertificateDeadlines(*redis->deadlines, redis->journal.get(), &d.ids, d.registry.get());
  }
  PersonnelApp app(store->get(), d.authorizer.get(), d.pii.get(), &d.ids, &d.clock,
                   redis->cache.get());
  api::PersonnelGrpcService service(&app, d.verifier.get(), d.divisions.get());

  absl::StatusOr<std::unique_ptr<server::Server>> server =
      server::Server::Start(d.server_options, {&service}, d.registry);
  if (!server.ok()) return Fail(server.status());
  (*server)->AddCollectable(
      std::make_shared<PersonnelMetrics>(store->get(), d.divisions.get(), &d.clock));
  redis->Start();
  log::Info("listening", {{"grpc_port", (*server)->port()},
                          {"metrics_port", (*server)->metrics_port()},
                          {"redis", d.redis != nullptr ? "on" : "off"}});
  const int code = server::RunUntilSignal(**server);
  redis->Stop();
  return code;
}

}  // namespace
}  // namespace lawenforce::personnel

int main(int argc, char** argv) { return lawenforce::personnel::Run(argc, argv); }
