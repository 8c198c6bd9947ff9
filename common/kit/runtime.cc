#include "common/kit/runtime.h"

#include <malloc.h>

#include <iostream>
#include <optional>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/kit/maintenance.h"
#include "common/log/log.h"
#include "common/server/signals.h"
#include "common/server/tls.h"
#include "common/store/open.h"
#include "common/store/sqlite_database.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace lawenforce::kit {
namespace {

absl::Status Named(absl::string_view flag, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat("--", flag, ": ", status.message()));
}

std::string TargetFlag(const std::string& service) { return absl::StrCat(service, "-target"); }

// Connects the record stores' changes to the Redis layer: invalidations
// are journaled in the change's transaction; after the commit the journal
// is flushed (the cache no longer serves what the change made wrong) and
// new deadlines go to Redis. Failures are logged by those components and
// retried by their loops.
class RedisChangeObserver final : public store::ChangeObserver {
 public:
  RedisChangeObserver(cache::InvalidationJournal* journal, deadlines::DeadlineEngine* deadlines,
                      IdGenerator* ids)
      : journal_(journal), deadlines_(deadlines), ids_(ids) {}

  absl::Status RecordInvalidation(store::Transaction& tx, absl::string_view key,
                                  absl::Time now) override {
    return journal_->Record(tx, ids_->NewId(), key, now);
  }

  void AfterCommit() override {
    journal_->Flush().IgnoreError();
    deadlines_->PublishPending().IgnoreError();
  }

 private:
  cache::InvalidationJournal* journal_;
  deadlines::DeadlineEngine* deadlines_;
  IdGenerator* ids_;
};

}  // namespace

void DefineFlags(config::Flags& flags, const ServiceSpec& spec) {
  server::DefineServerFlags(flags);
  DefineMaintenanceFlags(flags);
  flags.Define("store", "",
               "the service's system of record: sqlite:///path/file.db or "
               "postgres://user@host:5432/db?schema=...&password_file=... (docs/postgres.md); "
               "empty: the SQLite file --db");
  flags.Define("db", absl::StrCat("var/", spec.name, ".db"),
               "SQLite file of the service's store when --store is empty (created when missing)");
  flags.Define("divisions", "data/ningxia-divisions.tsv", "division table (TSV)");
  flags.Define("jwt-alg", "HS256", "token signature algorithm: HS256 or RS256");
  flags.Define("jwt-key", "",
               "HS256 shared secret (>= 32 bytes) or RS256 PEM public key; @path reads a file");
  flags.Define("jwks-file", "",
               "JSON Web Key Set of the token keys, selected by each token's kid and re-read on "
               "change (key rotation); instead of --jwt-alg/--jwt-key");
  flags.Define("jwks-refresh", "10s", "how often --jwks-file is checked for a change");
  flags.Define("jwt-issuer", "", "when set, tokens must carry this iss claim");
  flags.Define("jwt-audience", "", "when set, tokens must carry this aud claim");
  flags.Define("jwt-max-lifetime", "24h",
               "longest life a token may have (exp - iat); longer-lived tokens are refused; "
               "0 disables the cap");
  flags.Define("pii-key", "",
               "64 hex characters protecting personal data at rest; @path reads a file");
  flags.Define("redis-url", "redis://127.0.0.1:6379",
               "Redis for the cache and deadline timers; empty runs without Redis");
  flags.Define("business-metrics-interval", "5s",
               "how often a service's business gauges are recomputed from the store, at most");
  flags.Define("deadline-lease", "30s",
               "how long a claimed deadline is exclusive to the replica that claimed it");
  flags.Define("tls-ca", "",
               "PEM CA bundle verifying the services this one calls; with it, calls use TLS and "
               "present --tls-cert/--tls-key (mTLS); empty: plaintext calls");
  flags.Define("service-token-file", "",
               "bearer token this service presents when it calls another (role system), "
               "re-read when the file changes; required when the service calls others");
  flags.Define("service-token-refresh", "10s",
               "how often --service-token-file is checked for a new token (0s: at every call)");
  flags.Define("call-timeout", "2s", "deadline of every call to another service");
  for (const std::string& callee : spec.calls) {
    flags.Define(TargetFlag(callee), "",
                 absl::StrCat("host:port of ", callee, "-service (required)"));
  }
  if (spec.define_flags) spec.define_flags(flags);
}

absl::StatusOr<std::unique_ptr<Runtime>> Runtime::Create(const ServiceSpec& spec,
                                                         const config::Flags& flags,
                                                         const Overrides& overrides) {
  std::unique_ptr<Runtime> runtime(new Runtime());
  if (absl::Status s = runtime->Build(spec, flags, overrides); !s.ok()) return s;
  return runtime;
}

absl::Status Runtime::Build(const ServiceSpec& spec, const config::Flags& flags,
                            const Overrides& overrides) {
  absl::StatusOr<server::ServerOptions> options = server::ServerOptionsFromFlags(flags, spec.name);
  if (!options.ok()) return options.status();
  server_options_ = *std::move(options);

  env_.service_name = spec.name;
  env_.flags = &flags;
  env_.registry = registry_.get();
  env_.clock = overrides.clock != nullptr ? overrides.clock : &real_clock_;
  env_.ids = overrides.ids != nullptr ? overrides.ids : &random_ids_;

  absl::StatusOr<Divisions> divisions = Divisions::LoadFromFile(flags.Get("divisions"));
  if (!divisions.ok()) return Named("divisions", divisions.status());
  divisions_ = std::make_unique<Divisions>(*std::move(divisions));
  env_.divisions = divisions_.get();

  const std::string store_url = flags.Get("store");
  absl::StatusOr<std::unique_ptr<store::Database>> db =
      store_url.empty() ? store::OpenSqlite({.path = flags.Get("db")})
                        : store::OpenDatabase(store_url, {.default_schema = spec.name,
                                                          .default_application_name =
                                                              absl::StrCat(spec.name, "-service")});
  if (!db.ok()) return Named(store_url.empty() ? "db" : "store", db.status());
  db_ = *std::move(db);
  env_.db = db_.get();
  log::Info("store_opened",
            {{"backend", std::string(db_->dialect())},
             {"store", store_url.empty() ? flags.Get("db") : store::RedactStoreUrl(store_url)}});

  auth::VerifierOptions verifier_options;
  absl::StatusOr<std::string> key = config::ReadSecret(flags, "jwt-key");
  if (!key.ok()) return key.status();
  verifier_options.jwks_path = flags.Get("jwks-file");
  const absl::string_view key_flag = verifier_options.jwks_path.empty() ? "jwt-key" : "jwks-file";
  if (verifier_options.jwks_path.empty()) {
    absl::StatusOr<auth::Algorithm> alg = auth::ParseAlgorithm(flags.Get("jwt-alg"));
    if (!alg.ok()) return Named("jwt-alg", alg.status());
    if (key->empty()) return absl::InvalidArgumentError("--jwt-key: required (or --jwks-file)");
    verifier_options.algorithm = *alg;
    verifier_options.key = *key;
  } else if (!key->empty()) {
    return absl::InvalidArgumentError("--jwks-file: give either --jwt-key or --jwks-file");
  }
  absl::StatusOr<absl::Duration> jwks_refresh = flags.GetDuration("jwks-refresh");
  if (!jwks_refresh.ok()) return jwks_refresh.status();
  verifier_options.jwks_refresh = *jwks_refresh;
  verifier_options.issuer = flags.Get("jwt-issuer");
  verifier_options.audience = flags.Get("jwt-audience");
  absl::StatusOr<absl::Duration> max_lifetime = flags.GetDuration("jwt-max-lifetime");
  if (!max_lifetime.ok()) return max_lifetime.status();
  if (*max_lifetime < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--jwt-max-lifetime: must not be negative");
  }
  verifier_options.max_lifetime = *max_lifetime;
  absl::StatusOr<std::unique_ptr<auth::TokenVerifier>> verifier =
      auth::CreateTokenVerifier(verifier_options, env_.clock);
  if (!verifier.ok()) return Named(key_flag, verifier.status());
  verifier_ = *std::move(verifier);
  authorizer_ = std::make_unique<auth::Authorizer>(*divisions_);
  env_.authorizer = authorizer_.get();

  absl::StatusOr<std::string> pii_key = config::ReadSecret(flags, "pii-key");
  if (!pii_key.ok()) return pii_key.status();
  if (pii_key->empty()) return absl::InvalidArgumentError("--pii-key: required");
  absl::StatusOr<std::unique_ptr<crypto::PiiProtector>> pii =
      crypto::PiiProtector::Create(*pii_key);
  if (!pii.ok()) return Named("pii-key", pii.status());
  pii_ = *std::move(pii);
  env_.pii = pii_.get();

  executor_ = std::make_unique<grpc_edge::CallExecutor>(
      grpc_edge::ExecutorOptions{server_options_.handler_threads, server_options_.max_queued_calls},
      registry_.get());
  env_.calls = grpc_edge::CallDeps{verifier_.get(), executor_.get()};

  if (!spec.calls.empty()) {
    server::TlsFiles outbound;
    outbound.ca = flags.Get("tls-ca");
    if (!outbound.ca.empty()) {
      outbound.cert = server_options_.tls.cert;
      outbound.key = server_options_.tls.key;
      outbound.refresh = server_options_.tls.refresh;
    }
    absl::StatusOr<std::shared_ptr<::grpc::ChannelCredentials>> credentials =
        server::MakeChannelCredentials(outbound);
    if (!credentials.ok()) return credentials.status();
    const std::string token_file = flags.Get("service-token-file");
    if (token_file.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--service-token-file: required (", spec.name,
                                                     "-service calls other services)"));
    }
    absl::StatusOr<absl::Duration> refresh = flags.GetDuration("service-token-refresh");
    if (!refresh.ok()) return refresh.status();
    absl::StatusOr<std::unique_ptr<grpc_edge::ServiceToken>> token =
        grpc_edge::ServiceToken::FromFile(token_file, *refresh);
    if (!token.ok()) return token.status();
    std::shared_ptr<grpc_edge::ServiceToken> shared_token = *std::move(token);
    absl::StatusOr<absl::Duration> timeout = flags.GetDuration("call-timeout");
    if (!timeout.ok()) return timeout.status();
    for (const std::string& callee : spec.calls) {
      const std::string target = flags.Get(TargetFlag(callee));
      if (target.empty()) {
        return absl::InvalidArgumentError(absl::StrCat("--", TargetFlag(callee), ": required"));
      }
      env_.clients[callee] = std::make_shared<grpc_edge::ServiceClient>(
          absl::StrCat(callee, "-service"), ::grpc::CreateChannel(target, *credentials),
          shared_token, *timeout);
    }
  }

  if (absl::Status s = BuildRedisLayer(spec, flags); !s.ok()) return s;

  if (!spec.build) return absl::InvalidArgumentError("service spec has no build function");
  absl::StatusOr<std::unique_ptr<Module>> module = spec.build(env_);
  if (!module.ok()) return module.status();
  module_ = *std::move(module);
  return absl::OkStatus();
}

absl::Status Runtime::BuildRedisLayer(const ServiceSpec& spec, const config::Flags& flags) {
  const std::string url = flags.Get("redis-url");
  if (url.empty()) return absl::OkStatus();
  absl::StatusOr<redis::RedisOptions> redis_options = redis::ParseRedisUrl(url);
  if (!redis_options.ok()) return Named("redis-url", redis_options.status());
  absl::StatusOr<absl::Duration> lease = flags.GetDuration("deadline-lease");
  if (!lease.ok()) return lease.status();
  if (*lease <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--deadline-lease: must be positive");
  }
  redis::RedisClientEnv redis_env;
  redis_env.registry = registry_.get();
  // Reconnect backoff is about real connections, not the service's (maybe
  // fake) domain time.
  redis_env.clock = &real_clock_;
  redis_ = redis::CreateRedisClient(*redis_options, redis_env);

  cache::CacheOptions cache_options;
  cache_options.namespace_prefix =
      spec.cache_namespace.empty() ? absl::StrCat(spec.name, ":v1") : spec.cache_namespace;
  cache_ = std::make_unique<cache::VersionedCache>(redis_.get(), cache_options, registry_.get());
  journal_ = std::make_unique<cache::InvalidationJournal>(db_.get(), cache_.get(), registry_.get());
  deadlines::EngineOptions engine_options;
  engine_options.namespace_prefix = absl::StrCat("le:", spec.name, ":v1");
  engine_options.lease = *lease;
  deadlines_ = std::make_unique<deadlines::DeadlineEngine>(
      db_.get(), redis_.get(), env_.clock, env_.ids, engine_options, registry_.get());
  changes_ = std::make_unique<RedisChangeObserver>(journal_.get(), deadlines_.get(), env_.ids);
  env_.cache = cache_.get();
  env_.journal = journal_.get();
  env_.deadlines = deadlines_.get();
  env_.changes = changes_.get();
  return absl::OkStatus();
}

Runtime::~Runtime() {
  StopBackground();
  // Calls still queued run (and finish) before the handlers they use go.
  if (executor_ != nullptr) executor_->Shutdown();
  module_.reset();  // before what it was built on
}

absl::StatusOr<std::unique_ptr<server::Server>> Runtime::Serve(
    const server::ServerOptions& options) {
  absl::StatusOr<std::unique_ptr<server::Server>> server =
      server::Server::Start(options, module_->GrpcServices(), registry_);
  if (!server.ok()) return server.status();
  for (std::shared_ptr<prometheus::Collectable>& c : module_->Collectables()) {
    (*server)->AddCollectable(std::move(c));
  }
  return server;
}

void Runtime::StartBackground() {
  if (background_started_) return;
  background_started_ = true;
  if (journal_ != nullptr) journal_->Start(absl::Seconds(1));
  if (deadlines_ != nullptr) deadlines_->Start();
}

void Runtime::StopBackground() {
  if (!background_started_) return;
  background_started_ = false;
  if (deadlines_ != nullptr) deadlines_->Stop();
  if (journal_ != nullptr) journal_->Stop();
}

namespace {

// glibc keeps freed memory in per-thread arenas; after a burst it would stay
// with the process. Handing it back every few seconds costs microseconds
// when there is nothing to give back (docs/adr/0006).
class MemoryTrimmer {
 public:
  explicit MemoryTrimmer(absl::Duration interval)
      : thread_([this, interval] {
          absl::MutexLock lock(&mu_);
          while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval)) {
            mu_.Unlock();
            malloc_trim(0);
            mu_.Lock();
          }
        }) {}
  ~MemoryTrimmer() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    thread_.join();
  }

 private:
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace

int RunMain(const ServiceSpec& spec, int argc, char** argv) {
  server::BlockTerminationSignals();
  // A few malloc arenas instead of one per thread: the handler pool's
  // threads share them, so memory does not grow with the thread count.
  mallopt(M_ARENA_MAX, 4);
  config::Flags flags(absl::StrCat(spec.name, "-service"));
  DefineFlags(flags, spec);
  absl::Status parsed = flags.Parse(argc, argv);
  if (config::IsHelpRequested(parsed)) return 0;
  if (!parsed.ok()) {
    std::cerr << "error: " << parsed.message() << "\n" << flags.Usage();
    return 2;
  }
  auto fail = [](const absl::Status& status) {
    log::Error("startup_failed", {{"error", std::string(status.message())}});
    return 1;
  };
  absl::StatusOr<std::unique_ptr<Runtime>> runtime = Runtime::Create(spec, flags);
  if (!runtime.ok()) return fail(runtime.status());
  if (std::optional<int> code = RunMaintenance(spec, flags, *(*runtime)->env().db)) return *code;
  absl::StatusOr<std::unique_ptr<server::Server>> server =
      (*runtime)->Serve((*runtime)->server_options());
  if (!server.ok()) return fail(server.status());
  (*runtime)->StartBackground();
  MemoryTrimmer trimmer(absl::Seconds(10));
  log::Info("listening", {{"grpc_port", (*server)->port()},
                          {"metrics_port", (*server)->metrics_port()},
                          {"redis", (*runtime)->env().cache != nullptr ? "on" : "off"},
                          {"handler_threads", (*runtime)->server_options().handler_threads}});
  const int code = server::RunUntilSignal(**server);
  (*runtime)->StopBackground();
  server->reset();
  return code;
}

}  // namespace lawenforce::kit
