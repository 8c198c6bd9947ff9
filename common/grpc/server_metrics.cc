#include "common/grpc/server_metrics.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace lawenforce::grpc_edge {
namespace {

constexpr absl::string_view kUnknown = "unknown";

// "/pkg.Service/Method" -> {"pkg.Service", "Method"}; {"unknown", "unknown"}
// for anything else (gRPC reports unregistered methods with an empty name).
std::pair<std::string, std::string> SplitMethod(absl::string_view full_method) {
  if (full_method.size() < 4 || full_method.front() != '/') {
    return {std::string(kUnknown), std::string(kUnknown)};
  }
  absl::string_view rest = full_method.substr(1);
  size_t slash = rest.find('/');
  if (slash == absl::string_view::npos || slash == 0 || slash + 1 == rest.size() ||
      rest.find('/', slash + 1) != absl::string_view::npos) {
    return {std::string(kUnknown), std::string(kUnknown)};
  }
  return {std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

size_t CodeIndex(::grpc::StatusCode code) {
  int n = static_cast<int>(code);
  return n >= 0 && n <= 16 ? static_cast<size_t>(n) : static_cast<size_t>(::grpc::UNKNOWN);
}

}  // namespace

absl::string_view CodeLabel(::grpc::StatusCode code) {
  static constexpr std::array<absl::string_view, 17> kNames = {
      "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
      "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
      "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
      "DataLoss", "Unauthenticated"};
  return kNames[CodeIndex(code)];
}

absl::string_view TypeLabel(RpcType type) {
  switch (type) {
    case RpcType::UNARY:
      return "unary";
    case RpcType::CLIENT_STREAMING:
      return "client_stream";
    case RpcType::SERVER_STREAMING:
      return "server_stream";
    case RpcType::BIDI_STREAMING:
      return "bidi_stream";
  }
  return kUnknown;
}

const prometheus::Histogram::BucketBoundaries& HandlingSecondsBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *kBuckets;
}

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success "
                         "or failure.")
                   .Register(registry)),
      handling_seconds_(prometheus::BuildHistogram()
                            .Name("grpc_server_handling_seconds")
                            .Help("Histogram of response latency (seconds) of gRPC that had "
                                  "been application-level handled by the server.")
                            .Register(registry)) {}

const GrpcServerMetrics::MethodSeries& GrpcServerMetrics::SeriesFor(absl::string_view full_method,
                                                                    RpcType type) {
  absl::string_view type_label = TypeLabel(type);
  std::string key = absl::StrCat(type_label, " ", full_method);
  absl::MutexLock lock(&mu_);
  auto it = series_.find(key);
  if (it != series_.end()) {
    return *it->second;
  }
  auto [service, method] = SplitMethod(full_method);
  if (series_.size() >= kMaxMethods) {
    service = std::string(kUnknown);
    method = std::string(kUnknown);
    key = absl::StrCat(type_label, " ");
    if (auto shared = series_.find(key); shared != series_.end()) {
      return *shared->second;
    }
  }
  prometheus::Labels labels = {
      {"grpc_service", service}, {"grpc_method", method}, {"grpc_type", std::string(type_label)}};
  auto series = std::make_unique<MethodSeries>();
  series->started = &started_.Add(labels);
  series->handling = &handling_seconds_.Add(labels, HandlingSecondsBuckets());
  for (size_t code = 0; code < series->handled.size(); ++code) {
    prometheus::Labels with_code = labels;
    with_code["grpc_code"] =
        std::string(CodeLabel(static_cast<::grpc::StatusCode>(static_cast<int>(code))));
    series->handled[code] = &handled_.Add(with_code);
  }
  return *series_.emplace(std::move(key), std::move(series)).first->second;
}

void GrpcServerMetrics::RecordStarted(absl::string_view full_method, RpcType type) {
  SeriesFor(full_method, type).started->Increment();
}

void GrpcServerMetrics::RecordHandled(absl::string_view full_method, RpcType type,
                                      ::grpc::StatusCode code, absl::Duration latency) {
  const MethodSeries& series = SeriesFor(full_method, type);
  series.handled[CodeIndex(code)]->Increment();
  series.handling->Observe(absl::ToDoubleSeconds(latency));
}

}  // namespace lawenforce::grpc_edge
