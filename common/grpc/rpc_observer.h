#ifndef LAWENFORCE_COMMON_GRPC_RPC_OBSERVER_H_
#define LAWENFORCE_COMMON_GRPC_RPC_OBSERVER_H_

// The server interceptor that observes every call: the standard gRPC server
// metrics (server_metrics.h) and one log line per call,
//
//   ts=... level=info event=rpc method=/lawenforce.cases.v1.CaseService/FileCase
//       code=OK latency_ms=1.234 request_id=5f0c2a9e01b4d7c3 peer=ipv4:10.0.0.7:51234
//
// at info level (warn for server-fault codes: UNKNOWN, INTERNAL, UNAVAILABLE,
// DATA_LOSS, RESOURCE_EXHAUSTED), and at debug level for health and
// reflection calls, which probes make every few seconds. Nothing else from
// the metadata is read: never the authorization header.
//
// Every call gets a request id: the client's `x-request-id` when it sent a
// well-formed one (1..128 characters of [A-Za-z0-9._:-]), else a generated
// one, which the interceptor adds to the call's client metadata so that the
// handler's own log lines can carry it (RequestId below).
//
// gRPC 1.51 server interceptors observe and annotate; they cannot reject a
// call, so authentication is not done here (see handler.h).

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "common/grpc/server_metrics.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_interceptor.h"

namespace lawenforce::grpc_edge {

// The metadata key of the request id.
inline constexpr absl::string_view kRequestIdHeader = "x-request-id";

// The request id of the call: what RpcObserver settled on, or the client's
// raw x-request-id (empty when none) for a call it did not observe.
std::string RequestId(const ::grpc::ServerContextBase& ctx);

// Creates one observer per call. Give it to
// ServerBuilder::experimental().SetInterceptorCreators(). Thread-safe.
class RpcObserverFactory final : public ::grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Records into `metrics`, shared with whoever else holds it.
  explicit RpcObserverFactory(std::shared_ptr<GrpcServerMetrics> metrics);

  ::grpc::experimental::Interceptor* CreateServerInterceptor(
      ::grpc::experimental::ServerRpcInfo* info) override;

 private:
  std::shared_ptr<GrpcServerMetrics> metrics_;
};

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_RPC_OBSERVER_H_
