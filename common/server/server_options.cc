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
  flags.Define("max-message-bytes", absl::StrCat(defaults.max_message_bytes),
               "Largest gRPC request or response message, in bytes.");
  flags.Define("max-threads", absl::StrCat(defaults.max_sync_threads),
               "Upper bound on threads serving calls; 0 keeps gRPC's default.");
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

  absl::StatusOr<int> max_message_bytes =
      IntInRange(flags, "max-message-bytes", 1, std::numeric_limits<int32_t>::max());
  if (!max_message_bytes.ok()) {
    return max_message_bytes.status();
  }
  options.max_message_bytes = *max_message_bytes;

  absl::StatusOr<int> max_threads = IntInRange(flags, "max-threads", 0, 10000);
  if (!max_threads.ok()) {
    return max_threads.status();
  }
  options.max_sync_threads = *max_threads;

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
