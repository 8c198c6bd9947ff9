#include "common/grpc/unary.h"

#include <chrono>
#include <utility>

#include "common/grpc/authenticate.h"
#include "common/grpc/handler.h"

namespace lawenforce::grpc_edge {
namespace {

bool DeadlinePassed(const ::grpc::CallbackServerContext& ctx) {
  return ctx.deadline() <= std::chrono::system_clock::now();
}

}  // namespace

::grpc::ServerUnaryReactor* Serve(::grpc::CallbackServerContext* ctx, const CallDeps& deps,
                                  AuthenticatedBody body) {
  ::grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  CallExecutor* executor = deps.executor;
  auth::TokenVerifier* verifier = deps.verifier;
  const bool admitted =
      executor->TrySubmit([ctx, reactor, executor, verifier, body = std::move(body)]() mutable {
        if (ctx->IsCancelled()) {
          executor->CountShed(ShedReason::kCancelled);
          reactor->Finish(::grpc::Status::CANCELLED);
          return;
        }
        if (DeadlinePassed(*ctx)) {
          executor->CountShed(ShedReason::kDeadlinePassed);
          reactor->Finish(::grpc::Status(::grpc::StatusCode::DEADLINE_EXCEEDED,
                                         "deadline passed before the call was run"));
          return;
        }
        absl::StatusOr<auth::Principal> principal = Authenticate(*ctx, *verifier);
        if (!principal.ok()) {
          reactor->Finish(FinishCall(*ctx, principal.status()));
          return;
        }
        reactor->Finish(FinishCall(*ctx, std::move(body)(*principal)));
      });
  if (!admitted) {
    executor->CountShed(ShedReason::kQueueFull);
    reactor->Finish(::grpc::Status(::grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "server overloaded: retry with backoff"));
  }
  return reactor;
}

}  // namespace lawenforce::grpc_edge
