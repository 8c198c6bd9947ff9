#include "common/bootstrap/bootstrap.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/store/sqlite_database.h"

namespace lawenforce::bootstrap {
namespace {

absl::Status Named(absl::string_view flag, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat("--", flag, ": ", status.message()));
}

}  // namespace

void DefineServiceFlags(config::Flags& flags, absl::string_view default_db) {
  server::DefineServerFlags(flags);
  flags.Define("db", default_db, "SQLite file of the service's store (created when missing)");
  flags.Define("divisions", "data/ningxia-divisions.tsv", "division table (TSV)");
  flags.Define("jwt-alg", "HS256", "token signature algorithm: HS256 or RS256");
  flags.Define("jwt-key", "",
               "HS256 shared secret (>= 32 bytes) or RS256 PEM public key; @path reads a file");
  flags.Define("jwt-issuer", "", "when set, tokens must carry this iss claim");
  flags.Define("jwt-audience", "", "when set, tokens must carry this aud claim");
  flags.Define("pii-key", "",
               "64 hex characters protecting personal data at rest; @path reads a file");
  flags.Define("redis-url", "redis://127.0.0.1:6379",
               "Redis for the cache and deadline timers; empty runs without Redis");
}

absl::StatusOr<std::unique_ptr<ServiceDeps>> BuildServiceDeps(const config::Flags& flags,
                                                              std::string service_name) {
  auto deps = std::make_unique<ServiceDeps>();
  absl::StatusOr<server::ServerOptions> options =
      server::ServerOptionsFromFlags(flags, std::move(service_name));
  if (!options.ok()) return options.status();
  deps->server_options = *std::move(options);

  absl::StatusOr<Divisions> divisions = Divisions::LoadFromFile(flags.Get("divisions"));
  if (!divisions.ok()) return Named("divisions", divisions.status());
  deps->divisions = std::make_unique<Divisions>(*std::move(divisions));

  absl::StatusOr<std::unique_ptr<store::Database>> db =
      store::OpenSqlite({.path = flags.Get("db")});
  if (!db.ok()) return Named("db", db.status());
  deps->db = *std::move(db);

  absl::StatusOr<auth::Algorithm> alg = auth::ParseAlgorithm(flags.Get("jwt-alg"));
  if (!alg.ok()) return Named("jwt-alg", alg.status());
  absl::StatusOr<std::string> key = config::ReadSecret(flags, "jwt-key");
  if (!key.ok()) return key.status();
  if (key->empty()) return absl::InvalidArgumentError("--jwt-key: required");
  auth::VerifierOptions verifier_options;
  verifier_options.algorithm = *alg;
  verifier_options.key = *key;
  verifier_options.issuer = flags.Get("jwt-issuer");
  verifier_options.audience = flags.Get("jwt-audience");
  absl::StatusOr<std::unique_ptr<auth::TokenVerifier>> verifier =
      auth::CreateTokenVerifier(verifier_options, &deps->clock);
  if (!verifier.ok()) return Named("jwt-key", verifier.status());
  deps->verifier = *std::move(verifier);
  deps->authorizer = std::make_unique<auth::Authorizer>(*deps->divisions);

  absl::StatusOr<std::string> pii_key = config::ReadSecret(flags, "pii-key");
  if (!pii_key.ok()) return pii_key.status();
  if (pii_key->empty()) return absl::InvalidArgumentError("--pii-key: required");
  absl::StatusOr<std::unique_ptr<crypto::PiiProtector>> pii =
      crypto::PiiProtector::Create(*pii_key);
  if (!pii.ok()) return Named("pii-key", pii.status());
  deps->pii = *std::move(pii);

  const std::string redis_url = flags.Get("redis-url");
  if (!redis_url.empty()) {
    absl::StatusOr<redis::RedisOptions> redis_options = redis::ParseRedisUrl(redis_url);
    if (!redis_options.ok()) return Named("redis-url", redis_options.status());
    redis::RedisClientEnv env;
    env.registry = deps->registry.get();
    env.clock = &deps->clock;
    deps->redis = redis::CreateRedisClient(*redis_options, env);
  }
  return deps;
}

void RedisLayer::Start() {
  if (journal != nullptr) journal->Start(absl::Seconds(1));
  if (deadlines != nullptr) deadlines->Start();
}

void RedisLayer::Stop() {
  if (deadlines != nullptr) deadlines->Stop();
  if (journal != nullptr) journal->Stop();
}

std::unique_ptr<RedisLayer> BuildRedisLayer(ServiceDeps& deps, std::string cache_namespace,
                                            std::string deadline_namespace) {
  auto layer = std::make_unique<RedisLayer>();
  if (deps.redis == nullptr) {
    return layer;
  }
  cache::CacheOptions cache_options;
  cache_options.namespace_prefix = std::move(cache_namespace);
  layer->cache =
      std::make_unique<cache::VersionedCache>(deps.redis.get(), cache_options, deps.registry.get());
  layer->journal = std::make_unique<cache::InvalidationJournal>(deps.db.get(), layer->cache.get(),
                                                                deps.registry.get());
  deadlines::EngineOptions engine_options;
  engine_options.namespace_prefix = std::move(deadline_namespace);
  layer->deadlines = std::make_unique<deadlines::DeadlineEngine>(
      deps.db.get(), deps.redis.get(), &deps.clock, &deps.ids, engine_options, deps.registry.get());
  return layer;
}

bool ParseFlagsOrExit(config::Flags& flags, int argc, char** argv, int* exit_code) {
  absl::Status parsed = flags.Parse(argc, argv);
  if (config::IsHelpRequested(parsed)) {
    *exit_code = 0;
    return false;
  }
  if (!parsed.ok()) {
    std::cerr << "error: " << parsed.message() << "\n" << flags.Usage();
    *exit_code = 2;
    return false;
  }
  return true;
}

}  // namespace lawenforce::bootstrap
