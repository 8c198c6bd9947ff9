#ifndef LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_
#define LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_

// How a service's gRPC server is set up, and the flags that set it.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/flags.h"
#include "common/log/log.h"

namespace lawenforce::server {

struct ServerOptions {
  // Short name of the service ("personnel"), used in log lines.
  std::string service_name;
  // gRPC address. "127.0.0.1:0" picks a free port (see Server::port()).
  std::string listen = "0.0.0.0:50051";
  // Prometheus /metrics address; empty for no metrics HTTP server.
  std::string metrics_listen = "0.0.0.0:9464";
  // Largest request and response message, in bytes.
  int max_message_bytes = 4 * 1024 * 1024;
  // The server pings an idle connection this often, and drops it when the
  // ping is not answered within keepalive_timeout.
  absl::Duration keepalive_time = absl::Seconds(60);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Clients may ping (with or without calls in flight) at most this often;
  // faster pingers get GOAWAY ENHANCE_YOUR_CALM.
  absl::Duration min_client_ping_interval = absl::Seconds(10);
  // Shutdown: how long health reports NOT_SERVING while new calls are still
  // accepted, so load balancers and the kubelet's readiness probe stop
  // sending traffic before the listener closes. 0 closes at once.
  absl::Duration unready_delay = absl::ZeroDuration();
  // Shutdown: how long in-flight calls may take to finish before they are
  // cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Upper bound on threads serving synchronous calls; 0 keeps gRPC's default.
  int max_sync_threads = 0;
  // Minimum level of log lines (applied process-wide by Server::Start).
  log::Level log_level = log::Level::kInfo;
};

// Defines the flags ServerOptionsFromFlags reads, with ServerOptions'
// defaults: listen, metrics-listen, max-message-bytes, max-threads,
// shutdown-grace, unready-delay, log-level.
void DefineServerFlags(config::Flags& flags);

// ServerOptions from flags defined by DefineServerFlags (keepalive settings
// keep their defaults). INVALID_ARGUMENT naming the flag for a malformed or
// out-of-range value.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const config::Flags& flags,
                                                     std::string service_name);

}  // namespace lawenforce::server

#endif  // LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_
