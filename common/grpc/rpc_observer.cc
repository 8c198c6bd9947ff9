#include "common/grpc/rpc_observer.h"

#include <chrono>
#include <optional>
#include <utility>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "common/log/log.h"

namespace lawenforce::grpc_edge {
namespace {

using ::grpc::experimental::InterceptionHookPoints;
using ::grpc::experimental::InterceptorBatchMethods;
using ::grpc::experimental::ServerRpcInfo;

constexpr size_t kMaxRequestIdLength = 128;

bool IsWellFormedRequestId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) {
    return false;
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != ':' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

std::string NewRequestId() {
  thread_local absl::BitGen bitgen;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(bitgen));
}

// Probes and tooling: observed at debug level only.
bool IsInfrastructure(absl::string_view method) {
  return absl::StartsWith(method, "/grpc.health.v1.") ||
         absl::StartsWith(method, "/grpc.reflection.");
}

bool IsServerFault(::grpc::StatusCode code) {
  switch (code) {
    case ::grpc::StatusCode::UNKNOWN:
    case ::grpc::StatusCode::INTERNAL:
    case ::grpc::StatusCode::UNAVAILABLE:
    case ::grpc::StatusCode::DATA_LOSS:
    case ::grpc::StatusCode::RESOURCE_EXHAUSTED:
      return true;
    default:
      return false;
  }
}

// How gRPC finishes a call whose request did not deserialize.
bool IsDeserializationFailure(const ::grpc::Status& status) {
  return status.error_code() == ::grpc::StatusCode::INTERNAL ||
         (status.error_code() == ::grpc::StatusCode::UNIMPLEMENTED &&
          status.error_message().empty());
}

// Lives exactly as long as its call.
class RpcObserver final : public ::grpc::experimental::Interceptor {
 public:
  RpcObserver(ServerRpcInfo* info, GrpcServerMetrics* metrics)
      : info_(info),
        metrics_(metrics),
        method_(info->method() != nullptr && info->method()[0] != '\0' ? info->method()
                                                                       : "unknown"),
        type_(info->type()),
        start_(std::chrono::steady_clock::now()) {
    metrics_->RecordStarted(method_, type_);
  }

  // A call that ended without sending a status (the client went away before
  // the handler finished) still counts as handled: CANCELLED.
  ~RpcObserver() override {
    if (!finished_) {
      Finish(deferred_.value_or(::grpc::StatusCode::CANCELLED));
    }
  }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      SettleRequestId(methods->GetRecvInitialMetadata());
      peer_ = info_->server_context()->peer();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      request_unparseable_ = true;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      // Every answer names the request id the server logged it under, for
      // support (in the trailers: every call has them, a failed one too).
      std::multimap<std::string, std::string>* trailers = methods->GetSendTrailingMetadata();
      if (trailers != nullptr && !request_id_.empty()) {
        trailers->emplace(std::string(kRequestIdHeader), request_id_);
      }
      ::grpc::Status status = methods->GetSendStatus();
      if (request_unparseable_ && IsDeserializationFailure(status) && CallWasCutShort(&status)) {
        // The request never arrived whole because the client gave up or its
        // deadline passed while it was still arriving: not a client error
        // of the request, and not to be counted as one.
        methods->ModifySendStatus(status);
        Finish(status.error_code());
      } else if (request_unparseable_ && IsDeserializationFailure(status)) {
        // gRPC answers a request it cannot deserialize (e.g. a string field
        // that is not UTF-8, which proto3 forbids) with an empty INTERNAL
        // (synchronous API) or an empty UNIMPLEMENTED (callback API): a
        // client's fault, reported as one. But a client that cancelled
        // while its request was arriving looks the same at this point;
        // gRPC only tells them apart once the call is closed, so the
        // verdict waits for POST_RECV_CLOSE (or the end of the call).
        status = ::grpc::Status(::grpc::StatusCode::INVALID_ARGUMENT,
                                "request: not a valid protobuf message for this method "
                                "(string fields must be valid UTF-8)");
        methods->ModifySendStatus(status);
        deferred_ = status.error_code();
      } else {
        Finish(status.error_code());
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_CLOSE) &&
        deferred_.has_value() && !finished_) {
      ::grpc::ServerContextBase* ctx = info_->server_context();
      Finish(ctx != nullptr && ctx->IsCancelled() ? ::grpc::StatusCode::CANCELLED : *deferred_);
    }
    methods->Proceed();
  }

 private:
  // Makes the call's metadata hold exactly one well-formed x-request-id.
  // The inserted string_refs point into request_id_, which outlives the
  // handler.
  void SettleRequestId(std::multimap<::grpc::string_ref, ::grpc::string_ref>* metadata) {
    if (metadata == nullptr) {
      request_id_ = NewRequestId();
      return;
    }
    ::grpc::string_ref key(kRequestIdHeader.data(), kRequestIdHeader.size());
    auto [first, last] = metadata->equal_range(key);
    if (first != last && std::next(first) == last &&
        IsWellFormedRequestId(absl::string_view(first->second.data(), first->second.size()))) {
      request_id_.assign(first->second.data(), first->second.size());
      return;
    }
    metadata->erase(first, last);
    request_id_ = NewRequestId();
    metadata->emplace(key, ::grpc::string_ref(request_id_.data(), request_id_.size()));
  }

  // Whether the call ended early (client cancelled, deadline passed); sets
  // *status to CANCELLED or DEADLINE_EXCEEDED when it did.
  bool CallWasCutShort(::grpc::Status* status) const {
    ::grpc::ServerContextBase* ctx = info_->server_context();
    if (ctx == nullptr) return false;
    if (ctx->deadline() <= std::chrono::system_clock::now()) {
      *status = ::grpc::Status(::grpc::StatusCode::DEADLINE_EXCEEDED,
                               "deadline passed while the request was arriving");
      return true;
    }
    if (ctx->IsCancelled()) {
      *status = ::grpc::Status(::grpc::StatusCode::CANCELLED,
                               "cancelled by the client while the request was arriving");
      return true;
    }
    return false;
  }

  void Finish(::grpc::StatusCode code) {
    finished_ = true;
    absl::Duration latency = absl::FromChrono(std::chrono::steady_clock::now() - start_);
    metrics_->RecordHandled(method_, type_, code, latency);

    log::Level level = IsInfrastructure(method_) ? log::Level::kDebug
                       : IsServerFault(code)     ? log::Level::kWarn
                                                 : log::Level::kInfo;
    if (!log::IsEnabled(level)) {
      return;
    }
    log::Log(level, "rpc",
             {{"method", method_},
              {"code", absl::StatusCodeToString(static_cast<absl::StatusCode>(code))},
              {"latency_ms", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(latency))},
              {"request_id", request_id_},
              {"peer", peer_}});
  }

  ServerRpcInfo* info_;
  GrpcServerMetrics* metrics_;
  const std::string method_;
  const RpcType type_;
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  std::string peer_;
  bool finished_ = false;
  bool request_unparseable_ = false;
  // The code of an unparseable request, until the call's close says
  // whether the client had cancelled it.
  std::optional<::grpc::StatusCode> deferred_;
};

}  // namespace

std::string RequestId(const ::grpc::ServerContextBase& ctx) {
  auto it = ctx.client_metadata().find(
      ::grpc::string_ref(kRequestIdHeader.data(), kRequestIdHeader.size()));
  if (it == ctx.client_metadata().end()) {
    return "";
  }
  return std::string(it->second.data(), it->second.size());
}

RpcObserverFactory::RpcObserverFactory(std::shared_ptr<GrpcServerMetrics> metrics)
    : metrics_(std::move(metrics)) {}

::grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    ServerRpcInfo* info) {
  return new RpcObserver(info, metrics_.get());
}

}  // namespace lawenforce::grpc_edge
