#ifndef LAWENFORCE_COMMON_BOOTSTRAP_BOOTSTRAP_H_
#define LAWENFORCE_COMMON_BOOTSTRAP_BOOTSTRAP_H_

// What every service's main() builds before its own objects: configuration
// flags shared by all services and the collaborators they configure. Keeps
// each main.cc to wiring only.
//
// Flags (each also read from LAWENFORCE_<NAME>, flag wins):
//   --db              SQLite file of the service's store (created if missing)
//   --divisions       division table TSV (data/ningxia-divisions.tsv)
//   --jwt-alg         HS256 or RS256
//   --jwt-key         HS256 secret or RS256 PEM public key; "@path" reads a file
//   --jwt-issuer      required "iss" claim, when set
//   --jwt-audience    required "aud" claim, when set
//   --pii-key         64 hex characters (AES-256-GCM + blind index); "@path" reads a file
//   --redis-url       redis://[:password@]host:port[/db]; empty runs without Redis
//                     (no cache, no deadline engine: see docs/operations.md)
// plus the server flags of common/server (listen, metrics-listen, ...).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/authorize.h"
#include "common/auth/token.h"
#include "common/cache/invalidation_journal.h"
#include "common/cache/versioned_cache.h"
#include "common/config/flags.h"
#include "common/crypto/pii.h"
#include "common/deadlines/deadline_engine.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/redis/redis_client.h"
#include "common/server/server_options.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "prometheus/registry.h"

namespace lawenforce::bootstrap {

// Defines the flags above and the server flags. `default_db` is the
// service's own file name, e.g. "var/personnel.db".
void DefineServiceFlags(config::Flags& flags, absl::string_view default_db);

// Everything a service needs from the shared flags. Members are built in
// declaration order and must outlive the service built on them.
struct ServiceDeps {
  server::ServerOptions server_options;
  // Every metric of the process: gRPC server metrics, Redis, cache, deadlines.
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  RealClock clock;
  RandomIdGenerator ids;
  std::unique_ptr<Divisions> divisions;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<auth::TokenVerifier> verifier;
  std::unique_ptr<auth::Authorizer> authorizer;
  std::unique_ptr<crypto::PiiProtector> pii;
  std::unique_ptr<redis::RedisClient> redis;  // null without --redis-url
};

// The shared Redis layer of a service (ARCHITECTURE.md section 6): a
// versioned cache with its invalidation journal, and the deadline engine.
// All null when the service runs without Redis.
struct RedisLayer {
  std::unique_ptr<cache::VersionedCache> cache;
  std::unique_ptr<cache::InvalidationJournal> journal;
  std::unique_ptr<deadlines::DeadlineEngine> deadlines;

  // Starts the journal's flush loop and the deadline workers; Stop() ends
  // them (also on destruction).
  void Start();
  void Stop();
  ~RedisLayer() { Stop(); }
};

// `cache_namespace` names the cached data ("personnel:eligibility:v1");
// `deadline_namespace` prefixes the deadline keys ("le:personnel:v1").
std::unique_ptr<RedisLayer> BuildRedisLayer(ServiceDeps& deps, std::string cache_namespace,
                                            std::string deadline_namespace);

// Builds ServiceDeps from parsed flags. Errors name the flag at fault
// (e.g. "--jwt-key: required").
absl::StatusOr<std::unique_ptr<ServiceDeps>> BuildServiceDeps(const config::Flags& flags,
                                                              std::string service_name);

// Parses argv; on --help prints usage and returns the exit code 0 through
// `exit_code`, on a bad flag prints the error and returns 2. Returns true
// when the program should go on.
bool ParseFlagsOrExit(config::Flags& flags, int argc, char** argv, int* exit_code);

}  // namespace lawenforce::bootstrap

#endif  // LAWENFORCE_COMMON_BOOTSTRAP_BOOTSTRAP_H_
