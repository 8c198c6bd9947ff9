#ifndef LAWENFORCE_COMMON_METRICS_METRICS_SERVER_H_
#define LAWENFORCE_COMMON_METRICS_METRICS_SERVER_H_

// The Prometheus scrape endpoint: an HTTP server answering GET /metrics with
// the text exposition of one registry (ARCHITECTURE.md section 8).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/registry.h"

namespace prometheus {
class Collectable;
class Exposer;
}  // namespace prometheus

namespace lawenforce::metrics {

// Serves /metrics until destroyed. Thread-safe: the registry may be updated
// from any thread while it is scraped.
class MetricsServer {
 public:
  // Listens on `address` ("0.0.0.0:9464", "127.0.0.1:0" for an ephemeral
  // port, "[::]:9464") and serves `registry`, which the server keeps alive.
  //
  // Returns the running server; INVALID_ARGUMENT when `registry` is null;
  // UNAVAILABLE naming the address when it cannot listen there (port taken,
  // address not local, malformed).
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& address, std::shared_ptr<prometheus::Registry> registry);

  // Stops listening; in-flight scrapes are finished first.
  ~MetricsServer();

  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The port actually bound (the chosen one when the address asked for 0).
  int port() const { return port_; }

  // Also serves `collectable` (e.g. business gauges computed at scrape
  // time), which the server keeps alive. Thread-safe.
  void AddCollectable(std::shared_ptr<prometheus::Collectable> collectable);

 private:
  MetricsServer(std::unique_ptr<prometheus::Exposer> exposer,
                std::shared_ptr<prometheus::Registry> registry, int port);

  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<prometheus::Registry> registry_;
  absl::Mutex mu_;
  std::vector<std::shared_ptr<prometheus::Collectable>> extra_ ABSL_GUARDED_BY(mu_);
  int port_;
};

}  // namespace lawenforce::metrics

#endif  // LAWENFORCE_COMMON_METRICS_METRICS_SERVER_H_
