#ifndef LAWENFORCE_COMMON_KIT_RUNTIME_H_
#define LAWENFORCE_COMMON_KIT_RUNTIME_H_

// The one way a service's object graph is assembled (docs/adr/0007): flags
// -> shared collaborators (Env) -> the service's Module -> the gRPC server.
// main() goes through RunMain; the integration fixture
// (common/testing/service_fixture.h), the Redis tests and the benchmarks
// build a Runtime from flags too, only with a fake clock or fixed ids.
//
// Flags every service reads (each also from LAWENFORCE_<NAME>, flag wins):
//   --store           the system of record: sqlite:///path or postgres://...
//                     (common/store/open.h; schema defaults to the service's name)
//   --db              SQLite file when --store is empty (var/<name>.db)
//   --divisions       division table TSV (data/ningxia-divisions.tsv)
//   --jwt-alg         HS256 or RS256
//   --jwt-key         HS256 secret or RS256 PEM public key; "@path" reads a file
//   --jwks-file       JSON Web Key Set instead of --jwt-alg/--jwt-key: keys
//                     chosen by each token's kid, re-read on change
//                     (--jwks-refresh, 10s) so keys rotate without a restart
//   --jwt-issuer      required "iss" claim, when set
//   --jwt-audience    required "aud" claim, when set
//   --pii-key         64 hex characters (AES-256-GCM + blind index); "@path" reads a file
//   --redis-url       redis://[:password@]host:port[/db]; empty runs without Redis
//                     (no cache, no deadline engine: see docs/operations.md)
//   --deadline-lease  how long a claimed deadline is exclusive (30s)
//   --business-metrics-interval  how often the service's business gauges
//                     are recomputed from the store, at most (5s)
//   --max-queued      calls admitted while every handler thread is busy (256);
//                     --max-threads (server flags) sizes the handler pool
//   --tls-ca          CA verifying the services this one calls (TLS, presenting
//                     --tls-cert/--tls-key); empty: plaintext calls
//   --service-token-file  the token this service presents to those it calls
//   --call-timeout    deadline of every call to another service (2s)
//   --<name>-target   host:port of each service this one calls
// plus the server flags of common/server and the service's own.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/config/flags.h"
#include "common/grpc/call_executor.h"
#include "common/kit/service.h"
#include "common/redis/redis_client.h"
#include "common/server/server.h"
#include "common/server/server_options.h"

namespace lawenforce::kit {

// Defines every flag RunMain reads for `spec` (see above).
void DefineFlags(config::Flags& flags, const ServiceSpec& spec);

// For tests and benchmarks: collaborators to use instead of the real ones.
struct Overrides {
  const Clock* clock = nullptr;  // default: the real clock
  IdGenerator* ids = nullptr;    // default: random UUIDv4
};

// Owns Env's collaborators and the Module built on them. Thread-safe after
// Create.
class Runtime {
 public:
  // Builds everything from parsed `flags` (defined by DefineFlags). Errors
  // name the flag at fault ("--jwt-key: required"); the module's own errors
  // pass through.
  static absl::StatusOr<std::unique_ptr<Runtime>> Create(const ServiceSpec& spec,
                                                         const config::Flags& flags,
                                                         const Overrides& overrides = {});
  // StopBackground(), then the module, then the collaborators.
  ~Runtime();

  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const Env& env() const { return env_; }
  Module& module() { return *module_; }
  // The module as the service's own type, e.g. module_as<PersonnelModule>().
  template <typename M>
  M& module_as() {
    return dynamic_cast<M&>(*module_);
  }
  const server::ServerOptions& server_options() const { return server_options_; }
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  // The Redis client behind the cache and the deadline engine; null without
  // Redis. For benchmarks that measure the raw Redis ceiling.
  redis::RedisClient* redis() const { return redis_.get(); }

  // Starts the module's gRPC services on `options` (server_options() by
  // default), with the module's collectables on /metrics.
  absl::StatusOr<std::unique_ptr<server::Server>> Serve(const server::ServerOptions& options);

  // The Redis layer's loops: the invalidation journal's flush loop and the
  // deadline workers. Tests that drive the engine by hand do not start them.
  void StartBackground();
  void StopBackground();

 private:
  Runtime() = default;
  absl::Status Build(const ServiceSpec& spec, const config::Flags& flags,
                     const Overrides& overrides);
  absl::Status BuildRedisLayer(const ServiceSpec& spec, const config::Flags& flags);

  server::ServerOptions server_options_;
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  RealClock real_clock_;
  RandomIdGenerator random_ids_;
  std::unique_ptr<Divisions> divisions_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<auth::Authorizer> authorizer_;
  std::unique_ptr<crypto::PiiProtector> pii_;
  std::unique_ptr<grpc_edge::CallExecutor> executor_;
  std::unique_ptr<redis::RedisClient> redis_;
  std::unique_ptr<cache::VersionedCache> cache_;
  std::unique_ptr<cache::InvalidationJournal> journal_;
  std::unique_ptr<deadlines::DeadlineEngine> deadlines_;
  std::unique_ptr<store::ChangeObserver> changes_;
  Env env_;
  std::unique_ptr<Module> module_;
  bool background_started_ = false;
};

// main() of a service: flags, Runtime, server, background loops, then
// serving until SIGTERM or SIGINT (graceful drain). Returns the exit code:
// 0 after a clean shutdown, 1 when start-up fails (logged as
// event=startup_failed), 2 for bad flags.
int RunMain(const ServiceSpec& spec, int argc, char** argv);

}  // namespace lawenforce::kit

#endif  // LAWENFORCE_COMMON_KIT_RUNTIME_H_
