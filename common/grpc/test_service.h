#ifndef LAWENFORCE_COMMON_GRPC_TEST_SERVICE_H_
#define LAWENFORCE_COMMON_GRPC_TEST_SERVICE_H_

// Test support for the common/grpc and common/server tests: a fake token
// verifier, a small service built the way real handlers are, and clients
// for the standard health and reflection services.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/channel.h"
#include "lawenforce/testing/v1/echo.grpc.pb.h"
#include "prometheus/client_metric.h"
#include "prometheus/registry.h"

namespace lawenforce::grpc_edge::testing {

// Accepts exactly the tokens it was told about. Thread-safe.
class FakeTokenVerifier final : public auth::TokenVerifier {
 public:
  // `token` verifies as `principal` from now on.
  void Accept(std::string token, auth::Principal principal);

  // The principal of an accepted token; UNAUTHENTICATED "bad token" for any
  // other.
  absl::StatusOr<auth::Principal> Verify(absl::string_view token) override;

  // How many times Verify was called.
  int calls() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, auth::Principal, std::less<>> accepted_ ABSL_GUARDED_BY(mu_);
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

// lawenforce.testing.v1.EchoService. Both methods authenticate through
// HandleAuthenticated, then:
//   - request.code != 0: fail with that code and request.text as message
//     (naming request.field through InvalidField when it is set);
//   - request.text == "block": wait until ReleaseBlockedCalls();
//   - otherwise echo text and the caller's subject (EchoStream: `count`
//     times).
class EchoServiceImpl final : public lawenforce::testing::v1::EchoService::Service {
 public:
  explicit EchoServiceImpl(auth::TokenVerifier& verifier) : verifier_(verifier) {}

  ::grpc::Status Echo(::grpc::ServerContext* ctx,
                      const lawenforce::testing::v1::EchoRequest* request,
                      lawenforce::testing::v1::EchoResponse* response) override;
  ::grpc::Status EchoStream(
      ::grpc::ServerContext* ctx, const lawenforce::testing::v1::EchoRequest* request,
      ::grpc::ServerWriter<lawenforce::testing::v1::EchoResponse>* writer) override;

  // True once `n` calls are waiting in "block"; false after `timeout`.
  bool WaitForBlockedCalls(int n, absl::Duration timeout);

  // Lets every current and future "block" call finish.
  void ReleaseBlockedCalls();

 private:
  absl::Status Respond(const auth::Principal& who,
                       const lawenforce::testing::v1::EchoRequest& request,
                       lawenforce::testing::v1::EchoResponse* response);

  auth::TokenVerifier& verifier_;
  absl::Mutex mu_;
  int blocked_ ABSL_GUARDED_BY(mu_) = 0;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
};

// grpc.health.v1.Health/Check for `service` over `channel`; the status is
// the call's (NOT_FOUND for an unknown service, UNAVAILABLE when the server
// is gone).
absl::StatusOr<::grpc::health::v1::HealthCheckResponse::ServingStatus> CheckHealth(
    const std::shared_ptr<::grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout = absl::Seconds(5));

// The services a server lists through grpc.reflection.v1alpha, sorted.
absl::StatusOr<std::vector<std::string>> ListServicesByReflection(
    const std::shared_ptr<::grpc::Channel>& channel, absl::Duration timeout = absl::Seconds(5));

// Whether reflection can describe `symbol` (e.g. a service's full name):
// OK when it returns a file descriptor, NOT_FOUND when it reports an error.
absl::Status DescribeByReflection(const std::shared_ptr<::grpc::Channel>& channel,
                                  const std::string& symbol,
                                  absl::Duration timeout = absl::Seconds(5));

// The series of family `name` in `registry` whose labels are exactly
// `labels`, or nullopt when there is none.
std::optional<prometheus::ClientMetric> FindSeries(
    prometheus::Registry& registry, absl::string_view name,
    const std::map<std::string, std::string>& labels);

// The label sets of every series of family `name`.
std::vector<std::map<std::string, std::string>> SeriesLabels(prometheus::Registry& registry,
                                                             absl::string_view name);

// FindSeries(...)->counter.value, or -1 when the series does not exist.
double CounterValue(prometheus::Registry& registry, absl::string_view name,
                    const std::map<std::string, std::string>& labels);

}  // namespace lawenforce::grpc_edge::testing

#endif  // LAWENFORCE_COMMON_GRPC_TEST_SERVICE_H_
