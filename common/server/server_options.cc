#include "common/server/server_options.h"

#include <cstdint>
#include <limits>

#include "absl/strings/str_cat.h"

namespace lawenforce::server {
namespace {

// The flag's integer value if it lies in [min, max].
absl::StatusOr<int> IntInRange(const config::Flags& flags, absl::string_view name, int64_t min,
                               int64_t max) {
  absl::StatusOr<int64_t> value = flags.GetInt(name);
  if (!value.ok()) {
    return value.status();
  }
  if (*value < min || *value > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": ", *value, " is not between ", min, " and ", max));
  }
  return static_cast<int>(*value);
}

}  // namespace

void DefineServerFlags(config::Flags& flags) {
  const ServerOptions defaults;
  flags.Define("listen", defaults.listen, "gRPC listen address (host:port).");
  flags.Define("metrics-listen", defaults.metrics_listen,
               "Prometheus /metrics listen address (host:port); empty disables it.");
  flags.Define("health-listen", "",
               "plaintext address serving only grpc.health.v1 (for probes without TLS); empty: "
               "none");
  flags.Define("tls-cert", "", "PEM certificate chain of the gRPC port; empty: plaintext");
  flags.Define("tls-key", "", "PEM private key of --tls-cert");
  flags.Define("tls-client-ca", "",
               "PEM CA bundle: clients must present a certificate it signed (mTLS)");
  flags.Define("tls-refresh", "60s", "how often the TLS files are re-read (rotation)");
  flags.Define("max-message-bytes", absl::StrCat(defaults.max_message_bytes),
               "Largest gRPC request or response message, in bytes.");
  flags.Define("max-threads", absl::StrCat(defaults.handler_threads),
               "Threads running handlers: a fixed pool, whatever the load.");
  flags.Define("max-queued", absl::StrCat(defaults.max_queued_calls),
               "Calls admitted while every handler thread is busy; more are refused at once "
               "with RESOURCE_EXHAUSTED.");
  flags.Define("max-streams", absl::StrCat(defaults.max_concurrent_streams),
               "Concurrent calls a client may have on one connection.");
  flags.Define("memory-quota-mb", absl::StrCat(defaults.memory_quota_bytes >> 20),
               "Memory gRPC may use for call buffers, in MiB.");
  flags.Define("shutdown-grace", absl::FormatDuration(defaults.shutdown_grace),
               "On SIGTERM, how long in-flight calls may take to finish.");
  flags.Define("unready-delay", absl::FormatDuration(defaults.unready_delay),
               "On SIGTERM, how long health reports NOT_SERVING before the listener closes "
               "(set it to the readiness probe period behind a load balancer).");
  flags.Define("log-level", std::string(log::LevelName(defaults.log_level)),
               "Minimum log level: debug, info, warn or error.");
}

absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const config::Flags& flags,
                                                     std::string service_name) {
  ServerOptions options;
  options.service_name = std::move(service_name);
  options.listen = flags.Get("listen");
  if (options.listen.empty()) {
    return absl::InvalidArgumentError("--listen: must not be empty");
  }
  options.metrics_listen = flags.Get("metrics-listen");
  options.health_listen = flags.Get("health-listen");
  options.tls.cert = flags.Get("tls-cert");
  options.tls.key = flags.Get("tls-key");
  options.tls.ca = flags.Get("tls-client-ca");
  absl::StatusOr<absl::Duration> refresh = flags.GetDuration("tls-refresh");
  if (!refresh.ok()) {
    return refresh.status();
  }
  if (*refresh < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--tls-refresh: must be at least 1s");
  }
  options.tls.refresh = *refresh;

  absl::StatusOr<int> max_message_bytes =
      IntInRange(flags, "max-message-bytes", 1, std::numeric_limits<int32_t>::max());
  if (!max_message_bytes.ok()) {
    return max_message_bytes.status();
  }
  options.max_message_bytes = *max_message_bytes;

  absl::StatusOr<int> max_threads = IntInRange(flags, "max-threads", 1, 1024);
  if (!max_threads.ok()) {
    return max_threads.status();
  }
  options.handler_threads = *max_threads;
  absl::StatusOr<int> max_queued = IntInRange(flags, "max-queued", 0, 1000000);
  if (!max_queued.ok()) {
    return max_queued.status();
  }
  options.max_queued_calls = *max_queued;
  absl::StatusOr<int> max_streams = IntInRange(flags, "max-streams", 1, 100000);
  if (!max_streams.ok()) {
    return max_streams.status();
  }
  options.max_concurrent_streams = *max_streams;
  absl::StatusOr<int> quota_mb = IntInRange(flags, "memory-quota-mb", 16, 1 << 20);
  if (!quota_mb.ok()) {
    return quota_mb.status();
  }
  options.memory_quota_bytes = int64_t{*quota_mb} << 20;

  absl::StatusOr<absl::Duration> grace = flags.GetDuration("shutdown-grace");
  if (!grace.ok()) {
    return grace.status();
  }
  options.shutdown_grace = *grace;

  absl::StatusOr<absl::Duration> unready = flags.GetDuration("unready-delay");
  if (!unready.ok()) {
    return unready.status();
  }
  options.unready_delay = *unready;

  absl::StatusOr<log::Level> level = log::ParseLevel(flags.Get("log-level"));
  if (!level.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--log-level: ", level.status().message()));
  }
  options.log_level = *level;
  return options;
}

}  // namespace lawenforce::server
