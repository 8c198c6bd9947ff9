#include "common/metrics/metrics_server.h"

#include "common/metrics/http_get.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/counter.h"

namespace lawenforce::metrics {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

TEST(MetricsServerTest, ServesRegisteredMetricsOnAnEphemeralPort) {
  auto registry = std::make_shared<prometheus::Registry>();
  prometheus::BuildCounter()
      .Name("lawenforce_test_events_total")
      .Help("Events seen by the test.")
      .Register(*registry)
      .Add({{"tier", "county"}})
      .Increment(3);

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MetricsServer> server,
                       MetricsServer::Start("127.0.0.1:0", registry));
  ASSERT_GT(server->port(), 0);

  ASSERT_OK_AND_ASSIGN(HttpResponse response, HttpGet(server->port(), "/metrics"));
  EXPECT_EQ(response.status_code, 200);
  EXPECT_THAT(response.body,
              HasSubstr("# HELP lawenforce_test_events_total Events seen by the test."));
  EXPECT_THAT(response.body, HasSubstr("lawenforce_test_events_total{tier=\"county\"} 3"));
}

TEST(MetricsServerTest, TakenPortIsUnavailableNamingTheAddress) {
  auto registry = std::make_shared<prometheus::Registry>();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MetricsServer> first,
                       MetricsServer::Start("127.0.0.1:0", registry));
  std::string address = "127.0.0.1:" + std::to_string(first->port());
  EXPECT_THAT(MetricsServer::Start(address, registry),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(address)));
}

TEST(MetricsServerTest, NullRegistryIsInvalidArgument) {
  EXPECT_THAT(MetricsServer::Start("127.0.0.1:0", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MetricsServerTest, StopsListeningWhenDestroyed) {
  auto registry = std::make_shared<prometheus::Registry>();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MetricsServer> server,
                       MetricsServer::Start("127.0.0.1:0", registry));
  int port = server->port();
  server.reset();
  EXPECT_THAT(HttpGet(port, "/metrics"), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace lawenforce::metrics
