#include "common/grpc/server_metrics.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::grpc_edge {
namespace {

using ::testing::SizeIs;

using Labels = std::map<std::string, std::string>;

// Every series of family `name`: labels -> collected metric.
std::map<Labels, prometheus::ClientMetric> Series(prometheus::Registry& registry,
                                                  const std::string& name) {
  std::map<Labels, prometheus::ClientMetric> series;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      Labels labels;
      for (const auto& label : metric.label) {
        labels[label.name] = label.value;
      }
      series[labels] = metric;
    }
  }
  return series;
}

TEST(CodeLabelTest, SpelledAsGoGrpcPrometheusDoes) {
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::OK), "OK");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::CANCELLED), "Canceled");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::UNKNOWN), "Unknown");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::INVALID_ARGUMENT), "InvalidArgument");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::DEADLINE_EXCEEDED), "DeadlineExceeded");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::NOT_FOUND), "NotFound");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::ALREADY_EXISTS), "AlreadyExists");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::PERMISSION_DENIED), "PermissionDenied");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::RESOURCE_EXHAUSTED), "ResourceExhausted");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::FAILED_PRECONDITION), "FailedPrecondition");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::ABORTED), "Aborted");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::OUT_OF_RANGE), "OutOfRange");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::UNIMPLEMENTED), "Unimplemented");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::INTERNAL), "Internal");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::UNAVAILABLE), "Unavailable");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::DATA_LOSS), "DataLoss");
  EXPECT_EQ(CodeLabel(::grpc::StatusCode::UNAUTHENTICATED), "Unauthenticated");
}

TEST(TypeLabelTest, SpelledAsGoGrpcPrometheusDoes) {
  EXPECT_EQ(TypeLabel(RpcType::UNARY), "unary");
  EXPECT_EQ(TypeLabel(RpcType::CLIENT_STREAMING), "client_stream");
  EXPECT_EQ(TypeLabel(RpcType::SERVER_STREAMING), "server_stream");
  EXPECT_EQ(TypeLabel(RpcType::BIDI_STREAMING), "bidi_stream");
}

TEST(GrpcServerMetricsTest, RecordsStartedHandledAndLatencyPerMethod) {
  prometheus::Registry registry;
  GrpcServerMetrics metrics(registry);
  const std::string method = "/lawenforce.cases.v1.CaseService/FileCase";
  metrics.RecordStarted(method, RpcType::UNARY);
  metrics.RecordHandled(method, RpcType::UNARY, ::grpc::StatusCode::OK, absl::Milliseconds(3));
  metrics.RecordStarted(method, RpcType::UNARY);
  metrics.RecordHandled(method, RpcType::UNARY, ::grpc::StatusCode::INVALID_ARGUMENT,
                        absl::Milliseconds(1));

  Labels base = {{"grpc_service", "lawenforce.cases.v1.CaseService"},
                 {"grpc_method", "FileCase"},
                 {"grpc_type", "unary"}};
  auto started = Series(registry, "grpc_server_started_total");
  ASSERT_THAT(started, SizeIs(1));
  EXPECT_EQ(started[base].counter.value, 2);

  auto handled = Series(registry, "grpc_server_handled_total");
  EXPECT_THAT(handled, SizeIs(17));  // Every code, zeros included.
  Labels ok = base;
  ok["grpc_code"] = "OK";
  Labels invalid = base;
  invalid["grpc_code"] = "InvalidArgument";
  Labels internal = base;
  internal["grpc_code"] = "Internal";
  EXPECT_EQ(handled[ok].counter.value, 1);
  EXPECT_EQ(handled[invalid].counter.value, 1);
  EXPECT_EQ(handled[internal].counter.value, 0);

  auto latency = Series(registry, "grpc_server_handling_seconds");
  ASSERT_THAT(latency, SizeIs(1));  // No code label on the histogram.
  EXPECT_EQ(latency[base].histogram.sample_count, 2u);
  EXPECT_DOUBLE_EQ(latency[base].histogram.sample_sum, 0.004);
  EXPECT_THAT(latency[base].histogram.bucket, SizeIs(HandlingSecondsBuckets().size() + 1));
}

TEST(GrpcServerMetricsTest, MalformedMethodNamesShareTheUnknownSeries) {
  prometheus::Registry registry;
  GrpcServerMetrics metrics(registry);
  metrics.RecordStarted("", RpcType::BIDI_STREAMING);
  metrics.RecordStarted("not-a-method", RpcType::BIDI_STREAMING);
  metrics.RecordStarted("/a/b/c", RpcType::BIDI_STREAMING);
  auto started = Series(registry, "grpc_server_started_total");
  ASSERT_THAT(started, SizeIs(1));
  const Labels unknown = {
      {"grpc_service", "unknown"}, {"grpc_method", "unknown"}, {"grpc_type", "bidi_stream"}};
  EXPECT_EQ(started[unknown].counter.value, 3);
}

TEST(GrpcServerMetricsTest, MethodsBeyondTheCapShareTheUnknownSeries) {
  prometheus::Registry registry;
  GrpcServerMetrics metrics(registry);
  for (size_t i = 0; i < GrpcServerMetrics::kMaxMethods + 10; ++i) {
    metrics.RecordStarted("/svc.S/M" + std::to_string(i), RpcType::UNARY);
  }
  auto started = Series(registry, "grpc_server_started_total");
  EXPECT_THAT(started, SizeIs(GrpcServerMetrics::kMaxMethods + 1));
  const Labels unknown = {
      {"grpc_service", "unknown"}, {"grpc_method", "unknown"}, {"grpc_type", "unary"}};
  EXPECT_EQ(started[unknown].counter.value, 10);
}

}  // namespace
}  // namespace lawenforce::grpc_edge
