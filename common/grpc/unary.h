#ifndef LAWENFORCE_COMMON_GRPC_UNARY_H_
#define LAWENFORCE_COMMON_GRPC_UNARY_H_

// The shape of every unary handler of the suite (callback API, docs/adr/0006):
//
//   grpc::ServerUnaryReactor* CaseGrpcService::FileCase(grpc::CallbackServerContext* ctx,
//                                                     const v1::FileCaseRequest* req,
//                                                     v1::Case* resp) {
//     return grpc_edge::Serve(ctx, calls_, [=](const auth::Principal& who) {
//       return Emit(cases_->File(who, CaseFromProto(req->case_())), resp, ToProtoFn());
//     });
//   }
//
// Serve admits the call to the CallExecutor (RESOURCE_EXHAUSTED "server
// overloaded" when its queue is full) and returns at once. On a pool thread
// it then drops the call if the client's deadline has passed
// (DEADLINE_EXCEEDED) or the client has gone (CANCELLED) while it waited,
// authenticates the caller (UNAUTHENTICATED without running `body`), runs
// `body` and finishes the call with FinishCall(status). `req` and `resp`
// stay valid until the call finishes, so `body` may capture them.

#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/grpc/call_executor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"

namespace lawenforce::grpc_edge {

// What every handler of a service shares. Not owned; must outlive the server.
struct CallDeps {
  auth::TokenVerifier* verifier = nullptr;
  CallExecutor* executor = nullptr;
};

using AuthenticatedBody = absl::AnyInvocable<absl::Status(const auth::Principal&) &&>;

::grpc::ServerUnaryReactor* Serve(::grpc::CallbackServerContext* ctx, const CallDeps& deps,
                                  AuthenticatedBody body);

// The same for the suite's public methods (no token is read, whatever the
// call carries): `body` gets the client's address (ctx->peer(), e.g.
// "ipv4:10.0.0.7:51234") for per-client limits. Admission, shedding and
// finishing as Serve.
using PublicBody = absl::AnyInvocable<absl::Status(const std::string& peer) &&>;

::grpc::ServerUnaryReactor* ServePublic(::grpc::CallbackServerContext* ctx, const CallDeps& deps,
                                        PublicBody body);

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_UNARY_H_
