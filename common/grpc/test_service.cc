#include "common/grpc/test_service.h"

#include <algorithm>

#include "absl/synchronization/notification.h"
#include "common/grpc/handler.h"
#include "common/grpc/status_mapping.h"
#include "common/status/errors.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/client_callback.h"
#include "lawenforce/testing/v1/reflection_client.pb.h"

namespace lawenforce::grpc_edge::testing {

using ::lawenforce::testing::v1::EchoRequest;
using ::lawenforce::testing::v1::EchoResponse;
using ::lawenforce::testing::v1::ReflectionRequest;
using ::lawenforce::testing::v1::ReflectionResponse;

void FakeTokenVerifier::Accept(std::string token, auth::Principal principal) {
  absl::MutexLock lock(&mu_);
  accepted_[std::move(token)] = std::move(principal);
}

absl::StatusOr<auth::Principal> FakeTokenVerifier::Verify(absl::string_view token) {
  absl::MutexLock lock(&mu_);
  ++calls_;
  auto it = accepted_.find(token);
  if (it == accepted_.end()) {
    return Unauthenticated("bad token");
  }
  return it->second;
}

int FakeTokenVerifier::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

absl::Status EchoServiceImpl::Respond(const auth::Principal& who, const EchoRequest& request,
                                      EchoResponse* response) {
  if (request.code() != 0) {
    if (!request.field().empty()) {
      return InvalidField(request.field(), request.text());
    }
    return absl::Status(static_cast<absl::StatusCode>(request.code()), request.text());
  }
  if (request.text() == "block") {
    absl::MutexLock lock(&mu_);
    ++blocked_;
    mu_.Await(absl::Condition(&released_));
    --blocked_;
  }
  response->set_text(request.text());
  response->set_subject(who.subject);
  return absl::OkStatus();
}

::grpc::Status EchoServiceImpl::Echo(::grpc::ServerContext* ctx, const EchoRequest* request,
                                     EchoResponse* response) {
  return HandleAuthenticated(ctx, verifier_, [&](const auth::Principal& who) -> absl::Status {
    return Respond(who, *request, response);
  });
}

::grpc::Status EchoServiceImpl::EchoStream(::grpc::ServerContext* ctx, const EchoRequest* request,
                                           ::grpc::ServerWriter<EchoResponse>* writer) {
  return HandleAuthenticated(ctx, verifier_, [&](const auth::Principal& who) -> absl::Status {
    for (int i = 0; i < std::max(1, request->count()); ++i) {
      EchoResponse response;
      if (absl::Status status = Respond(who, *request, &response); !status.ok()) {
        return status;
      }
      if (!writer->Write(response)) {
        return absl::CancelledError("client went away");
      }
    }
    return absl::OkStatus();
  });
}

bool EchoServiceImpl::WaitForBlockedCalls(int n, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto enough = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return blocked_ >= n; };
  return mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

void EchoServiceImpl::ReleaseBlockedCalls() {
  absl::MutexLock lock(&mu_);
  released_ = true;
}

absl::StatusOr<::grpc::health::v1::HealthCheckResponse::ServingStatus> CheckHealth(
    const std::shared_ptr<::grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout) {
  auto stub = ::grpc::health::v1::Health::NewStub(channel);
  ::grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  ::grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  ::grpc::health::v1::HealthCheckResponse response;
  ::grpc::Status status = stub->Check(&ctx, request, &response);
  if (!status.ok()) {
    return FromGrpcStatus(status);
  }
  return response.status();
}

namespace {

// One request, one response, over the reflection bidi stream.
class ReflectionCall final
    : public ::grpc::ClientBidiReactor<ReflectionRequest, ReflectionResponse> {
 public:
  ReflectionCall(const std::shared_ptr<::grpc::Channel>& channel, ReflectionRequest request,
                 absl::Duration timeout)
      : request_(std::move(request)) {
    ctx_.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    ::grpc::TemplatedGenericStub<ReflectionRequest, ReflectionResponse> stub(channel);
    stub.PrepareBidiStreamingCall(&ctx_,
                                  "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                  ::grpc::StubOptions(), this);
    StartWrite(&request_);
    StartRead(&response_);
    StartCall();
  }

  void OnWriteDone(bool /*ok*/) override { StartWritesDone(); }
  void OnReadDone(bool ok) override { got_response_ = ok; }
  void OnDone(const ::grpc::Status& status) override {
    status_ = status;
    done_.Notify();
  }

  // The response, once the call is over.
  absl::StatusOr<ReflectionResponse> Await() {
    done_.WaitForNotification();  // The context's deadline bounds the wait.
    if (!status_.ok()) {
      return FromGrpcStatus(status_);
    }
    if (!got_response_) {
      return absl::InternalError("reflection sent no response");
    }
    return response_;
  }

 private:
  ::grpc::ClientContext ctx_;
  ReflectionRequest request_;
  ReflectionResponse response_;
  bool got_response_ = false;
  ::grpc::Status status_;
  absl::Notification done_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> ListServicesByReflection(
    const std::shared_ptr<::grpc::Channel>& channel, absl::Duration timeout) {
  ReflectionRequest request;
  request.set_list_services("*");
  ReflectionCall call(channel, std::move(request), timeout);
  absl::StatusOr<ReflectionResponse> response = call.Await();
  if (!response.ok()) {
    return response.status();
  }
  std::vector<std::string> names;
  for (const auto& service : response->list_services_response().service()) {
    names.push_back(service.name());
  }
  std::sort(names.begin(), names.end());
  return names;
}

absl::Status DescribeByReflection(const std::shared_ptr<::grpc::Channel>& channel,
                                  const std::string& symbol, absl::Duration timeout) {
  ReflectionRequest request;
  request.set_file_containing_symbol(symbol);
  ReflectionCall call(channel, std::move(request), timeout);
  absl::StatusOr<ReflectionResponse> response = call.Await();
  if (!response.ok()) {
    return response.status();
  }
  if (response->has_error_response()) {
    return absl::NotFoundError(response->error_response().error_message());
  }
  if (response->file_descriptor_response().file_descriptor_proto_size() == 0) {
    return absl::InternalError("reflection returned no file descriptor");
  }
  return absl::OkStatus();
}

namespace {

std::map<std::string, std::string> LabelMap(const prometheus::ClientMetric& metric) {
  std::map<std::string, std::string> labels;
  for (const prometheus::ClientMetric::Label& label : metric.label) {
    labels[label.name] = label.value;
  }
  return labels;
}

}  // namespace

std::optional<prometheus::ClientMetric> FindSeries(
    prometheus::Registry& registry, absl::string_view name,
    const std::map<std::string, std::string>& labels) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      if (LabelMap(metric) == labels) {
        return metric;
      }
    }
  }
  return std::nullopt;
}

std::vector<std::map<std::string, std::string>> SeriesLabels(prometheus::Registry& registry,
                                                             absl::string_view name) {
  std::vector<std::map<std::string, std::string>> all;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name == name) {
      for (const prometheus::ClientMetric& metric : family.metric) {
        all.push_back(LabelMap(metric));
      }
    }
  }
  return all;
}

double CounterValue(prometheus::Registry& registry, absl::string_view name,
                    const std::map<std::string, std::string>& labels) {
  std::optional<prometheus::ClientMetric> series = FindSeries(registry, name, labels);
  return series.has_value() ? series->counter.value : -1;
}

}  // namespace lawenforce::grpc_edge::testing
