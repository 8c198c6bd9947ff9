#ifndef LAWENFORCE_COMMON_KIT_SERVICE_H_
#define LAWENFORCE_COMMON_KIT_SERVICE_H_

// What a service is to the kit (docs/adding-a-service.md): a name, its own
// flags, and a function that builds its part of the object graph (store,
// use cases, gRPC services, metrics) from the shared collaborators in Env.
// The kit builds Env the same way for main(), the integration fixture, the
// Redis tests and the benchmarks (runtime.h), so tests exercise the wiring
// that production runs.
//
//   kit::ServiceSpec PersonnelSpec() {
//     return {.name = "personnel", .cache_namespace = "personnel:v1",
//             .build = [](const kit::Env& env) { return BuildPersonnel(env); }};
//   }
//   int main(int argc, char** argv) { return kit::RunMain(PersonnelSpec(), argc, argv); }

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/authorize.h"
#include "common/auth/token.h"
#include "common/cache/invalidation_journal.h"
#include "common/cache/versioned_cache.h"
#include "common/config/flags.h"
#include "common/crypto/pii.h"
#include "common/deadlines/deadline_engine.h"
#include "common/divisions/divisions.h"
#include "common/grpc/service_client.h"
#include "common/grpc/unary.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/service_type.h"
#include "prometheus/collectable.h"
#include "prometheus/registry.h"

namespace lawenforce::kit {

// The shared collaborators of one service process (or of one replica in a
// test). Pointers are not owned and outlive the Module built from them.
struct Env {
  std::string service_name;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  const Divisions* divisions = nullptr;
  store::Database* db = nullptr;
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* pii = nullptr;
  prometheus::Registry* registry = nullptr;
  // Token verifier and handler pool, for every handler (grpc_edge::Serve).
  grpc_edge::CallDeps calls;
  // The shared Redis layer (ARCHITECTURE.md section 6); all null when the
  // service runs without Redis.
  cache::VersionedCache* cache = nullptr;
  cache::InvalidationJournal* journal = nullptr;
  deadlines::DeadlineEngine* deadlines = nullptr;
  // Journals a change's cache invalidations and publishes its deadlines
  // after commit (store::RecordStore); null without Redis.
  store::ChangeObserver* changes = nullptr;
  // Clients of the services this one calls (ServiceSpec::calls), by name
  // ("personnel"): deadline, service token and dependency-naming errors
  // on every call (common/grpc/service_client.h).
  std::map<std::string, std::shared_ptr<grpc_edge::ServiceClient>> clients;
  // Every flag of the process, the service's own included.
  const config::Flags* flags = nullptr;
};

// A service's own part of the object graph. Owns it; built once per Env.
class Module {
 public:
  virtual ~Module() = default;
  // The gRPC services to serve (owned by the module).
  virtual std::vector<::grpc::Service*> GrpcServices() = 0;
  // Business metrics to serve on /metrics.
  virtual std::vector<std::shared_ptr<prometheus::Collectable>> Collectables() { return {}; }
};

struct ServiceSpec {
  // Short name: "personnel". The binary is "<name>-service"; the default
  // SQLite file var/<name>.db; deadline keys are prefixed "le:<name>:v1".
  std::string name;
  // Names the cached data and its format ("personnel:v1"); bump the suffix
  // when the format of any cached value changes.
  std::string cache_namespace;
  // Services this one calls, by name (services/services.json "calls"): each
  // gets a --<name>-target flag and a client in Env::clients.
  std::vector<std::string> calls;
  // Defines the service's own flags (optional).
  std::function<void(config::Flags&)> define_flags;
  // Builds the module. Errors fail start-up (main exits 1 with the message).
  std::function<absl::StatusOr<std::unique_ptr<Module>>(const Env&)> build;
};

}  // namespace lawenforce::kit

#endif  // LAWENFORCE_COMMON_KIT_SERVICE_H_
