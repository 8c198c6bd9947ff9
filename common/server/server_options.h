#ifndef LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_
#define LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_

// How a service's gRPC server is set up, and the flags that set it.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/flags.h"
#include "common/log/log.h"
#include "common/server/tls.h"

namespace lawenforce::server {

struct ServerOptions {
  // Short name of the service ("personnel"), used in log lines.
  std::string service_name;
  // gRPC address. "127.0.0.1:0" picks a free port (see Server::port()).
  std::string listen = "0.0.0.0:50051";
  // Prometheus /metrics address; empty for no metrics HTTP server.
  std::string metrics_listen = "0.0.0.0:9464";
  // TLS on the gRPC port (plaintext when not enabled); with tls.ca, mTLS.
  TlsFiles tls;
  // A second, plaintext port serving grpc.health.v1 and nothing else, for
  // probes that speak no TLS (the kubelet's); empty for none.
  std::string health_listen;
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
  // Threads running handlers (common/grpc/call_executor.h): a fixed pool,
  // whatever the load. Also the ResourceQuota's thread limit, which bounds
  // the threads a synchronous service (tests register some) may use.
  int handler_threads = 16;
  // Calls admitted while every handler thread is busy; beyond that a call
  // is refused at once with RESOURCE_EXHAUSTED.
  int max_queued_calls = 256;
  // Concurrent calls (HTTP/2 streams) a client may open per connection.
  int max_concurrent_streams = 128;
  // Memory gRPC may use for its buffers (ResourceQuota); past it, gRPC
  // refuses new calls and reads instead of growing.
  int64_t memory_quota_bytes = int64_t{256} << 20;
  // Minimum level of log lines (applied process-wide by Server::Start).
  log::Level log_level = log::Level::kInfo;
};

// Defines the flags ServerOptionsFromFlags reads, with ServerOptions'
// defaults: listen, metrics-listen, health-listen, tls-cert, tls-key,
// tls-client-ca, tls-refresh, max-message-bytes, max-threads, max-queued,
// max-streams, memory-quota-mb, shutdown-grace, unready-delay, log-level.
void DefineServerFlags(config::Flags& flags);

// ServerOptions from flags defined by DefineServerFlags (keepalive settings
// keep their defaults). INVALID_ARGUMENT naming the flag for a malformed or
// out-of-range value.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const config::Flags& flags,
                                                     std::string service_name);

}  // namespace lawenforce::server

#endif  // LAWENFORCE_COMMON_SERVER_SERVER_OPTIONS_H_
