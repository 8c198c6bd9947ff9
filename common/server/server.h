#ifndef LAWENFORCE_COMMON_SERVER_SERVER_H_
#define LAWENFORCE_COMMON_SERVER_SERVER_H_

// The gRPC server every service runs (ARCHITECTURE.md section 4): the
// service's handlers plus grpc.health.v1 and server reflection, keepalive and
// message-size limits, the metrics and request-log interceptor, a Prometheus
// /metrics endpoint, and graceful shutdown.
//
//   int main(int argc, char** argv) {
//     server::BlockTerminationSignals();  // First, before any thread starts.
//     ...parse flags, build stores and the service object...
//     absl::StatusOr<std::unique_ptr<server::Server>> server =
//         server::Server::Start(options, {&service}, registry);
//     if (!server.ok()) { ...log server.status()... return 1; }
//     return server::RunUntilSignal(**server);
//   }

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/metrics/metrics_server.h"
#include "common/server/server_options.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"
#include "prometheus/registry.h"

namespace lawenforce::server {

// A running server. Thread-safe.
class Server {
 public:
  // Builds and starts the server for `services` (synchronous-API services,
  // not owned; they must outlive the Server). `registry` receives the
  // standard gRPC server metrics (grpc_server_*) and is served on
  // options.metrics_listen, if set. Health reports SERVING for "" and for
  // each registered service's full name. Applies options.log_level
  // process-wide.
  //
  // Returns the running server; INVALID_ARGUMENT for a null registry or a
  // null service; UNAVAILABLE naming the address when the gRPC or the metrics
  // address cannot be bound (port taken, address not local). The port is not
  // shared with another process: SO_REUSEPORT is off.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options, std::vector<::grpc::Service*> services,
      std::shared_ptr<prometheus::Registry> registry);

  // Shuts down (if not done yet) and waits for the server to stop.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The gRPC port actually bound.
  int port() const { return port_; }

  // Also serves `collectable` on /metrics, which keeps it alive; a no-op
  // without a metrics server.
  void AddCollectable(std::shared_ptr<prometheus::Collectable> collectable);

  // The plaintext health port actually bound; 0 without one.
  int health_port() const { return health_port_; }

  // The /metrics port actually bound; 0 without a metrics server.
  int metrics_port() const { return metrics_ == nullptr ? 0 : metrics_->port(); }

  // Full names of the gRPC services registered, reflection included.
  const std::vector<std::string>& service_names() const { return service_names_; }

  // Graceful shutdown, in order:
  //   1. health reports NOT_SERVING for every service, for good; Watch
  //      streams are sent NOT_SERVING (gRPC 1.51 then keeps them open, so
  //      an open Watch holds step 3 for the whole grace period);
  //   2. new calls are still accepted for options.unready_delay;
  //   3. the listener closes and new calls fail UNAVAILABLE, while calls in
  //      flight get up to options.shutdown_grace to finish before they are
  //      cancelled.
  // Returns when all calls are over. The /metrics endpoint keeps serving
  // until the Server is destroyed. Idempotent; concurrent callers all
  // return once the shutdown is complete.
  void Shutdown();

  // Blocks until the server has shut down (by Shutdown on another thread).
  void Wait();

 private:
  Server(ServerOptions options, std::shared_ptr<prometheus::Registry> registry,
         std::unique_ptr<::grpc::Server> server, int port, std::vector<std::string> service_names,
         std::unique_ptr<metrics::MetricsServer> metrics);

  const ServerOptions options_;
  // The interceptor records into this registry's families, so it must
  // outlive server_: declared first, destroyed last.
  const std::shared_ptr<prometheus::Registry> registry_;
  // Declared before server_ so that it is destroyed after it: the last
  // scrape can see the final counts.
  std::unique_ptr<metrics::MetricsServer> metrics_;
  std::unique_ptr<::grpc::Server> server_;
  // Answers UNIMPLEMENTED for everything but health on the health port;
  // outlives the server that uses it.
  std::unique_ptr<::grpc::CallbackGenericService> health_nothing_else_;
  // The plaintext health-only server (ServerOptions::health_listen).
  std::unique_ptr<::grpc::Server> health_server_ ABSL_GUARDED_BY(shutdown_mu_);
  const int port_;
  int health_port_ = 0;
  const std::vector<std::string> service_names_;

  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace lawenforce::server

#endif  // LAWENFORCE_COMMON_SERVER_SERVER_H_
