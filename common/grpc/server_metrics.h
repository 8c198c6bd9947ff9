#ifndef LAWENFORCE_COMMON_GRPC_SERVER_METRICS_H_
#define LAWENFORCE_COMMON_GRPC_SERVER_METRICS_H_

// Standard server-side gRPC metrics, with the names, labels and label values
// of go-grpc-prometheus (grpc-ecosystem), so the usual dashboards and the
// Thanos mixin's queries work unchanged (ARCHITECTURE.md section 8):
//
//   grpc_server_started_total{grpc_service,grpc_method,grpc_type}
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_type,grpc_code}
//   grpc_server_handling_seconds{grpc_service,grpc_method,grpc_type}  (histogram)
//
// grpc_type is "unary", "client_stream", "server_stream" or "bidi_stream";
// grpc_code is Go's spelling of the code ("OK", "InvalidArgument",
// "Unauthenticated", ... see CodeLabel). The histogram has no code label.
// Per-RPC metrics never carry division labels.

#include <array>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace lawenforce::grpc_edge {

using RpcType = ::grpc::experimental::ServerRpcInfo::Type;

// go-grpc-prometheus's grpc_code value: Go's codes.Code.String()
// ("OK", "Canceled", "InvalidArgument", "DeadlineExceeded", ...).
absl::string_view CodeLabel(::grpc::StatusCode code);

// go-grpc-prometheus's grpc_type value ("unary", "server_stream", ...).
absl::string_view TypeLabel(RpcType type);

// Histogram buckets in seconds, for millisecond-scale RPCs: 0.5 ms to 10 s.
const prometheus::Histogram::BucketBoundaries& HandlingSecondsBuckets();

// The three families in one registry, with every child looked up once per
// method and cached. Thread-safe.
class GrpcServerMetrics {
 public:
  // Registers the families in `registry`, which must outlive this object.
  explicit GrpcServerMetrics(prometheus::Registry& registry);

  GrpcServerMetrics(const GrpcServerMetrics&) = delete;
  GrpcServerMetrics& operator=(const GrpcServerMetrics&) = delete;

  // Counts a call to `full_method` ("/pkg.Service/Method") as started.
  void RecordStarted(absl::string_view full_method, RpcType type);

  // Counts it as handled with `code` and observes its latency.
  void RecordHandled(absl::string_view full_method, RpcType type, ::grpc::StatusCode code,
                     absl::Duration latency);

  // At most this many distinct methods get their own series; further ones
  // (only possible if something feeds arbitrary names) share the
  // grpc_service="unknown" grpc_method="unknown" series.
  static constexpr size_t kMaxMethods = 1024;

 private:
  // The children of one (method, type): created together on first use, all
  // 17 codes included so that rate() sees zeros instead of absent series.
  struct MethodSeries {
    prometheus::Counter* started = nullptr;
    prometheus::Histogram* handling = nullptr;
    std::array<prometheus::Counter*, 17> handled{};
  };

  const MethodSeries& SeriesFor(absl::string_view full_method, RpcType type);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;

  absl::Mutex mu_;
  // Key: type label + full method. Values are stable (node storage).
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_SERVER_METRICS_H_
