#include "common/grpc/handler.h"

#include <string>

#include "common/grpc/authenticate.h"
#include "common/grpc/rpc_observer.h"
#include "common/grpc/status_mapping.h"
#include "common/log/log.h"

namespace lawenforce::grpc_edge {

::grpc::Status FinishCall(const ::grpc::ServerContextBase& ctx, const absl::Status& status) {
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    log::Error("internal_error", {{"code", absl::StatusCodeToString(status.code())},
                                  {"request_id", RequestId(ctx)},
                                  {"error", std::string(status.message())}});
  }
  return ToGrpcStatus(status);
}

::grpc::Status HandleAuthenticated(const ::grpc::ServerContextBase* ctx,
                                   auth::TokenVerifier& verifier,
                                   absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  absl::StatusOr<auth::Principal> principal = Authenticate(*ctx, verifier);
  if (!principal.ok()) {
    return FinishCall(*ctx, principal.status());
  }
  return FinishCall(*ctx, body(*principal));
}

}  // namespace lawenforce::grpc_edge
