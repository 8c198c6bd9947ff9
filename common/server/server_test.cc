#include "common/server/server.h"

#include <pthread.h>
#include <signal.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/grpc/status_mapping.h"
#include "common/grpc/test_service.h"
#include "common/log/capture.h"
#include "common/metrics/http_get.h"
#include "common/server/signals.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace lawenforce::server {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::lawenforce::grpc_edge::testing::CheckHealth;
using ::lawenforce::grpc_edge::testing::CounterValue;
using ::lawenforce::grpc_edge::testing::DescribeByReflection;
using ::lawenforce::grpc_edge::testing::EchoServiceImpl;
using ::lawenforce::grpc_edge::testing::FakeTokenVerifier;
using ::lawenforce::grpc_edge::testing::ListServicesByReflection;
using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::v1::EchoRequest;
using ::lawenforce::testing::v1::EchoResponse;
using ::lawenforce::testing::v1::EchoService;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kToken[] = "token-of-officer-7";
constexpr char kEchoService[] = "lawenforce.testing.v1.EchoService";

// Polls `condition`, every few milliseconds, until it holds or `timeout`
// passes.
bool Eventually(const std::function<bool()>& condition,
                absl::Duration timeout = absl::Seconds(10)) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) {
      return true;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  return condition();
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    auth::Principal officer;
    officer.subject = "officer-7";
    verifier_.Accept(kToken, officer);
    options_.service_name = "echo";
    options_.listen = "127.0.0.1:0";
    // Off unless a test needs it: civetweb takes up to 2 s to stop.
    options_.metrics_listen = "";
  }

  ~ServerTest() override { service_.ReleaseBlockedCalls(); }

  void StartServer() {
    absl::StatusOr<std::unique_ptr<Server>> started =
        Server::Start(options_, {&service_}, registry_);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
    channel_ = NewChannel();
  }

  std::shared_ptr<::grpc::Channel> NewChannel() {
    return ::grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                 ::grpc::InsecureChannelCredentials());
  }

  // Echo over `channel` (the test's own by default) with the officer's token.
  ::grpc::Status Echo(const std::string& text, std::shared_ptr<::grpc::Channel> channel = nullptr) {
    auto stub = EchoService::NewStub(channel != nullptr ? channel : channel_);
    ::grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", std::string("Bearer ") + kToken);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    EchoRequest request;
    request.set_text(text);
    EchoResponse response;
    return stub->Echo(&ctx, request, &response);
  }

  FakeTokenVerifier verifier_;
  EchoServiceImpl service_{verifier_};
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<::grpc::Channel> channel_;
};

TEST_F(ServerTest, HealthReportsServingForTheServerAndEachService) {
  StartServer();
  EXPECT_THAT(CheckHealth(channel_, ""), IsOkAndHolds(HealthCheckResponse::SERVING));
  EXPECT_THAT(CheckHealth(channel_, kEchoService), IsOkAndHolds(HealthCheckResponse::SERVING));
  EXPECT_THAT(CheckHealth(channel_, "lawenforce.nope.v1.Nope"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ServerTest, ReflectionListsAndDescribesTheServices) {
  StartServer();
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> services, ListServicesByReflection(channel_));
  EXPECT_THAT(services, Contains(kEchoService));
  EXPECT_THAT(services, Contains("grpc.reflection.v1alpha.ServerReflection"));
  EXPECT_OK(DescribeByReflection(channel_, kEchoService));
  EXPECT_THAT(DescribeByReflection(channel_, "lawenforce.nope.v1.Nope"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(server_->service_names(), Contains(kEchoService));
}

TEST_F(ServerTest, ShutdownDrainsCallsInFlightAndRefusesNewOnes) {
  StartServer();
  ::grpc::Status slow_status;
  std::thread slow([&] { slow_status = Echo("block"); });
  ASSERT_TRUE(service_.WaitForBlockedCalls(1, absl::Seconds(10)));

  std::thread shutdown([&] { server_->Shutdown(); });
  // The listener closes while the slow call is still running...
  EXPECT_TRUE(Eventually(
      [&] { return Echo("probe", NewChannel()).error_code() == ::grpc::StatusCode::UNAVAILABLE; }));
  // ...and the call still completes normally once it is let go.
  service_.ReleaseBlockedCalls();
  slow.join();
  shutdown.join();
  EXPECT_TRUE(slow_status.ok()) << slow_status.error_message();
  EXPECT_EQ(Echo("after").error_code(), ::grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(CheckHealth(channel_, ""), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ServerTest, HealthIsNotServingDuringTheUnreadyDelay) {
  options_.unready_delay = absl::Seconds(2);
  StartServer();
  ::grpc::Status slow_status;
  std::thread slow([&] { slow_status = Echo("block"); });
  ASSERT_TRUE(service_.WaitForBlockedCalls(1, absl::Seconds(10)));

  std::thread shutdown([&] { server_->Shutdown(); });
  // Health turns NOT_SERVING first, while the server still answers.
  EXPECT_TRUE(Eventually([&] {
    absl::StatusOr<HealthCheckResponse::ServingStatus> health = CheckHealth(channel_, "");
    return health.ok() && *health == HealthCheckResponse::NOT_SERVING;
  }));
  EXPECT_THAT(CheckHealth(channel_, kEchoService), IsOkAndHolds(HealthCheckResponse::NOT_SERVING));
  // Then the listener closes; the call in flight still finishes.
  EXPECT_TRUE(Eventually(
      [&] { return Echo("probe", NewChannel()).error_code() == ::grpc::StatusCode::UNAVAILABLE; }));
  service_.ReleaseBlockedCalls();
  slow.join();
  shutdown.join();
  EXPECT_TRUE(slow_status.ok()) << slow_status.error_message();
}

// gRPC 1.51's health service tells watchers NOT_SERVING at once but keeps
// their streams open: they end only when the grace period cancels them.
TEST_F(ServerTest, HealthWatchersSeeNotServingThenEndWithTheGracePeriod) {
  options_.shutdown_grace = absl::Milliseconds(500);
  StartServer();
  auto stub = ::grpc::health::v1::Health::NewStub(channel_);
  ::grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  ::grpc::health::v1::HealthCheckRequest request;
  auto watch = stub->Watch(&ctx, request);
  HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);

  std::thread shutdown([&] { server_->Shutdown(); });
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  EXPECT_FALSE(watch->Read(&response));
  EXPECT_EQ(watch->Finish().error_code(), ::grpc::StatusCode::UNAVAILABLE);
  shutdown.join();
}

TEST_F(ServerTest, ShutdownIsIdempotent) {
  StartServer();
  server_->Shutdown();
  server_->Shutdown();
  server_->Wait();
  EXPECT_EQ(Echo("after").error_code(), ::grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTest, CallsAreCountedInTheRegistryAndServedOnMetrics) {
  log::ScopedCapture capture;
  options_.metrics_listen = "127.0.0.1:0";
  StartServer();
  ASSERT_TRUE(Echo("one").ok());
  ASSERT_TRUE(Echo("two").ok());
  ASSERT_THAT(CheckHealth(channel_, ""), IsOkAndHolds(HealthCheckResponse::SERVING));

  std::map<std::string, std::string> echo = {
      {"grpc_service", kEchoService}, {"grpc_method", "Echo"}, {"grpc_type", "unary"}};
  EXPECT_EQ(CounterValue(*registry_, "grpc_server_started_total", echo), 2);
  auto echo_ok = echo;
  echo_ok["grpc_code"] = "OK";
  EXPECT_EQ(CounterValue(*registry_, "grpc_server_handled_total", echo_ok), 2);
  EXPECT_EQ(CounterValue(*registry_, "grpc_server_handled_total",
                         {{"grpc_service", "grpc.health.v1.Health"},
                          {"grpc_method", "Check"},
                          {"grpc_type", "unary"},
                          {"grpc_code", "OK"}}),
            1);

  ASSERT_GT(server_->metrics_port(), 0);
  ASSERT_OK_AND_ASSIGN(metrics::HttpResponse scrape,
                       metrics::HttpGet(server_->metrics_port(), "/metrics"));
  EXPECT_EQ(scrape.status_code, 200);
  EXPECT_THAT(scrape.body, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\","
                                     "grpc_method=\"Echo\",grpc_service=\"" +
                                     std::string(kEchoService) + "\",grpc_type=\"unary\"} 2"));
  EXPECT_THAT(scrape.body, HasSubstr("grpc_server_handling_seconds_bucket{"));

  // Two echo calls at info level; the health probe only at debug.
  EXPECT_THAT(capture.Events("rpc"), SizeIs(2));
}

TEST_F(ServerTest, TakenPortIsUnavailableNamingTheAddress) {
  StartServer();
  ServerOptions second = options_;
  second.listen = "127.0.0.1:" + std::to_string(server_->port());
  EXPECT_THAT(Server::Start(second, {}, std::make_shared<prometheus::Registry>()),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(second.listen)));
}

TEST_F(ServerTest, TakenMetricsPortIsUnavailableNamingTheAddress) {
  options_.metrics_listen = "127.0.0.1:0";
  StartServer();
  ServerOptions second = options_;
  second.metrics_listen = "127.0.0.1:" + std::to_string(server_->metrics_port());
  EXPECT_THAT(Server::Start(second, {}, std::make_shared<prometheus::Registry>()),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(second.metrics_listen)));
}

TEST_F(ServerTest, NoMetricsServerWhenTheAddressIsEmpty) {
  StartServer();
  EXPECT_EQ(server_->metrics_port(), 0);
  EXPECT_TRUE(Echo("hello").ok());
}

TEST_F(ServerTest, MissingRegistryIsInvalidArgument) {
  EXPECT_THAT(Server::Start(options_, {&service_}, nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ServerTest, MessagesAboveTheLimitAreRejected) {
  options_.max_message_bytes = 1024;
  StartServer();
  EXPECT_TRUE(Echo(std::string(512, 'a')).ok());
  EXPECT_EQ(Echo(std::string(4096, 'a')).error_code(), ::grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// SIGTERM goes to this thread only (pthread_kill), so the rest of the test
// process, whose threads do not block it, is not at risk.
TEST_F(ServerTest, SigtermShutsDownGracefully) {
  log::ScopedCapture capture;
  BlockTerminationSignals();
  StartServer();
  pthread_t self = pthread_self();
  std::thread killer([self] { pthread_kill(self, SIGTERM); });
  EXPECT_EQ(RunUntilSignal(*server_), 0);
  killer.join();
  EXPECT_EQ(Echo("after").error_code(), ::grpc::StatusCode::UNAVAILABLE);
  auto started = capture.Events("shutdown_started");
  ASSERT_THAT(started, SizeIs(1));
  EXPECT_EQ(started[0]["signal"], "SIGTERM");
  EXPECT_THAT(capture.Events("shutdown_complete"), SizeIs(1));
}

}  // namespace
}  // namespace lawenforce::server
