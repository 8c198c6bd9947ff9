#ifndef LAWENFORCE_COMMON_TESTING_SERVICE_FIXTURE_H_
#define LAWENFORCE_COMMON_TESTING_SERVICE_FIXTURE_H_

// A whole service in the test process, assembled by kit::Runtime from flags
// exactly as its main() does (common/kit/runtime.h): a SQLite file in a
// temporary directory, the test JWT secret and PII key, the shipped
// division table, no Redis unless a --redis-url is given, and the real
// gRPC server on a loopback port the kernel chooses. Time is the given
// clock (a FakeClock in most tests), shared by the service and its token
// verifier.
//
//   class CaseTest : public ServiceTest<cases::v1::CaseService> {
//     kit::ServiceSpec Spec() override { return cases::CaseSpec(); }
//   };
//   TEST_F(CaseTest, ...) { stub_->FileCase(Ctx(AdminToken()).get(), req, &resp); }

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/config/flags.h"
#include "common/kit/runtime.h"
#include "common/server/server.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {

inline constexpr char kTestJwtSecret[] = "integration-test-secret-0123456789abcdef";
inline constexpr char kTestPiiKey[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

struct InProcessOptions {
  // Flags on top of the test defaults (a later one wins), e.g.
  // "--redis-url=redis://127.0.0.1:6400" or a service's own.
  std::vector<std::string> flags;
  // Not owned; default: the real clock / random ids.
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  // Start the gRPC server (false: the Runtime only, e.g. for a replica
  // driven through its use cases).
  bool serve = true;
};

class InProcessService {
 public:
  // `dir` holds the SQLite file (<dir>/<name>.db unless a --db flag says
  // otherwise) and must outlive the service.
  static absl::StatusOr<std::unique_ptr<InProcessService>> Start(const kit::ServiceSpec& spec,
                                                                 const TempDir& dir,
                                                                 InProcessOptions options = {});
  ~InProcessService();

  kit::Runtime& runtime() { return *runtime_; }
  template <typename M>
  M& module() {
    return runtime_->module_as<M>();
  }
  // Precondition: started with serve = true.
  std::shared_ptr<::grpc::Channel> channel() const { return channel_; }
  int port() const { return server_->port(); }
  void Shutdown();

 private:
  InProcessService() = default;

  std::unique_ptr<config::Flags> flags_;
  std::unique_ptr<kit::Runtime> runtime_;
  std::unique_ptr<server::Server> server_;
  std::shared_ptr<::grpc::Channel> channel_;
};

// True when LAWENFORCE_TEST_STORE=postgres: every InProcessService then
// stores in a schema of the test process's PostgreSQL server instead of
// SQLite (CTest registers each integration test a second time so, with the
// suffix _postgres).
bool TestsRunOnPostgres();

// A token signed with kTestJwtSecret, issued at clock.Now().
std::string MintTestToken(const Clock& clock, std::vector<auth::Role> roles,
                          const std::string& division, const std::string& agency = "",
                          absl::Duration lifetime = absl::Hours(1), std::string subject = "");

// A client context carrying `token` (none when empty), 10 s deadline.
std::unique_ptr<::grpc::ClientContext> ClientContextWith(const std::string& token);

// The gtest shape of it: one in-process service per test with a stub.
template <typename GrpcService>
class ServiceTest : public ::testing::Test {
 protected:
  // The service under test.
  virtual kit::ServiceSpec Spec() = 0;
  // Extra flags for the service (e.g. its own).
  virtual std::vector<std::string> ExtraFlags() { return {}; }

  void SetUp() override {
    absl::StatusOr<std::unique_ptr<InProcessService>> service =
        InProcessService::Start(Spec(), dir_, {ExtraFlags(), &clock_, nullptr, true});
    ASSERT_TRUE(service.ok()) << service.status();
    service_ = *std::move(service);
    channel_ = service_->channel();
    stub_ = GrpcService::NewStub(channel_);
  }
  void TearDown() override {
    if (service_ != nullptr) service_->Shutdown();
  }

  std::string Token(std::vector<auth::Role> roles, const std::string& division,
                    const std::string& agency = "", absl::Duration lifetime = absl::Hours(1)) {
    return MintTestToken(clock_, std::move(roles), division, agency, lifetime);
  }
  // Region-wide supervisor + system: may do everything everywhere.
  std::string AdminToken() {
    return Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640000");
  }
  std::unique_ptr<::grpc::ClientContext> Ctx(const std::string& token) {
    return ClientContextWith(token);
  }

  TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01T00:00:00Z
  std::unique_ptr<InProcessService> service_;
  std::shared_ptr<::grpc::Channel> channel_;
  std::unique_ptr<typename GrpcService::Stub> stub_;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_SERVICE_FIXTURE_H_
