#include "common/testing/service_fixture.h"

#include <chrono>
#include <cstdlib>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/auth/token.h"
#include "common/testing/postgres_server.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace lawenforce::testing {

namespace {

// LAWENFORCE_TEST_STORE=postgres runs every in-process service on the
// test process's PostgreSQL server (common/testing/postgres_server.h)
// instead of SQLite: each SQLite path the test names becomes a schema of its
// own, the same schema for the same path, so that two replicas given one
// --db share one database there too.
bool OnPostgres() {
  const char* store = std::getenv("LAWENFORCE_TEST_STORE");
  return store != nullptr && absl::string_view(store) == "postgres";
}

absl::StatusOr<std::string> PostgresUrlFor(const std::string& sqlite_path) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* urls = new std::map<std::string, std::string>;
  absl::MutexLock lock(&mu);
  auto it = urls->find(sqlite_path);
  if (it != urls->end()) return it->second;
  absl::StatusOr<PostgresServer*> server = SharedPostgresServer();
  if (!server.ok()) return server.status();
  const std::string url = (*server)->url(absl::StrCat("t", urls->size() + 1));
  urls->emplace(sqlite_path, url);
  return url;
}

// Replaces the last --db=<path> of `args` by --store=<a PostgreSQL URL>.
absl::Status MoveToPostgres(std::vector<std::string>& args) {
  std::string path;
  for (const std::string& a : args) {
    if (absl::StartsWith(a, "--db=")) path = a.substr(5);
  }
  absl::StatusOr<std::string> url = PostgresUrlFor(path);
  if (!url.ok()) return url.status();
  args.push_back(absl::StrCat("--store=", *url));
  return absl::OkStatus();
}

}  // namespace

bool TestsRunOnPostgres() { return OnPostgres(); }

absl::StatusOr<std::unique_ptr<InProcessService>> InProcessService::Start(
    const kit::ServiceSpec& spec, const TempDir& dir, InProcessOptions options) {
  std::unique_ptr<InProcessService> service(new InProcessService());
  // No environment: a developer's LAWENFORCE_* settings must not leak in.
  service->flags_ = std::make_unique<config::Flags>(
      absl::StrCat(spec.name, "-service-test"),
      [](const std::string&) -> std::optional<std::string> { return std::nullopt; });
  kit::DefineFlags(*service->flags_, spec);
  std::vector<std::string> args = {
      "--listen=127.0.0.1:0",
      "--metrics-listen=",
      absl::StrCat("--db=", dir.File(absl::StrCat(spec.name, ".db"))),
      absl::StrCat("--divisions=", DivisionsPath()),
      "--jwt-alg=HS256",
      absl::StrCat("--jwt-key=", kTestJwtSecret),
      absl::StrCat("--pii-key=", kTestPiiKey),
      "--redis-url=",
      "--shutdown-grace=2s",
      "--max-threads=8",
  };
  args.insert(args.end(), options.flags.begin(), options.flags.end());
  if (OnPostgres()) {
    if (absl::Status s = MoveToPostgres(args); !s.ok()) return s;
  }
  if (absl::Status s = service->flags_->Parse(args); !s.ok()) return s;
  absl::StatusOr<std::unique_ptr<kit::Runtime>> runtime =
      kit::Runtime::Create(spec, *service->flags_, {options.clock, options.ids});
  if (!runtime.ok()) return runtime.status();
  service->runtime_ = *std::move(runtime);
  if (!options.serve) return service;
  absl::StatusOr<std::unique_ptr<server::Server>> server =
      service->runtime_->Serve(service->runtime_->server_options());
  if (!server.ok()) return server.status();
  service->server_ = *std::move(server);
  service->channel_ = ::grpc::CreateChannel(absl::StrCat("127.0.0.1:", service->server_->port()),
                                            ::grpc::InsecureChannelCredentials());
  return service;
}

InProcessService::~InProcessService() {
  Shutdown();
  server_.reset();  // before the runtime its handlers use
}

void InProcessService::Shutdown() {
  if (server_ != nullptr) server_->Shutdown();
}

std::string MintTestToken(const Clock& clock, std::vector<auth::Role> roles,
                          const std::string& division, const std::string& agency,
                          absl::Duration lifetime, std::string subject) {
  auth::MintOptions m;
  m.algorithm = auth::Algorithm::kHs256;
  m.key = kTestJwtSecret;
  m.subject = subject.empty() ? absl::StrCat("tester-", division) : std::move(subject);
  m.roles = std::move(roles);
  m.division_code = division;
  m.agency_id = agency;
  m.issued_at = clock.Now();
  m.lifetime = lifetime;
  absl::StatusOr<std::string> token = auth::MintToken(m);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::unique_ptr<::grpc::ClientContext> ClientContextWith(const std::string& token) {
  auto ctx = std::make_unique<::grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

}  // namespace lawenforce::testing
