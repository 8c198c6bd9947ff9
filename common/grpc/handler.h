#ifndef LAWENFORCE_COMMON_GRPC_HANDLER_H_
#define LAWENFORCE_COMMON_GRPC_HANDLER_H_

// The shape of every RPC handler, so that each of a service's methods reads
// alike and none forgets to authenticate:
//
//   grpc::Status CaseServiceImpl::FileCase(grpc::ServerContext* ctx,
//                                          const FileCaseRequest* request,
//                                          FileCaseResponse* response) {
//     return grpc_edge::HandleAuthenticated(ctx, verifier_,
//         [&](const auth::Principal& who) -> absl::Status {
//           ...translate request, call the domain, fill *response...
//           return absl::OkStatus();
//         });
//   }

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace lawenforce::grpc_edge {

// ToGrpcStatus(status), after logging the real message of an INTERNAL or
// UNKNOWN status (`event=internal_error code=... request_id=... error="..."`)
// since the client only sees "internal error".
::grpc::Status FinishCall(const ::grpc::ServerContextBase& ctx, const absl::Status& status);

// Authenticates the call (Authenticate in authenticate.h); when that fails,
// returns its status (UNAUTHENTICATED for a missing, malformed or rejected
// token) without running `body`. Otherwise runs `body` with the caller's
// principal and returns FinishCall(ctx, its status).
// `body` runs on the calling thread before this returns.
::grpc::Status HandleAuthenticated(const ::grpc::ServerContextBase* ctx,
                                   auth::TokenVerifier& verifier,
                                   absl::FunctionRef<absl::Status(const auth::Principal&)> body);

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_HANDLER_H_
