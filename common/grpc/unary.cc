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

// Runs `run` on the executor's pool unless the call is shed first.
template <typename Run>
::grpc::ServerUnaryReactor* Admit(::grpc::CallbackServerContext* ctx, CallExecutor* executor,
                                  Run run) {
  ::grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  const bool admitted =
      executor->TrySubmit([ctx, reactor, executor, run = std::move(run)]() mutable {
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
        reactor->Finish(std::move(run)());
      });
  if (!admitted) {
    executor->CountShed(ShedReason::kQueueFull);
    reactor->Finish(::grpc::Status(::grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "server overloaded: retry with backoff"));
  }
  return reactor;
}

}  // namespace

::grpc::ServerUnaryReactor* Serve(::grpc::CallbackServerContext* ctx, const CallDeps& deps,
                                  AuthenticatedBody body) {
  auth::TokenVerifier* verifier = deps.verifier;
  return Admit(ctx, deps.executor, [ctx, verifier, body = std::move(body)]() mutable {
    absl::StatusOr<auth::Principal> principal = Authenticate(*ctx, *verifier);
    if (!principal.ok()) return FinishCall(*ctx, principal.status());
    return FinishCall(*ctx, std::move(body)(*principal));
  });
}

::grpc::ServerUnaryReactor* ServePublic(::grpc::CallbackServerContext* ctx, const CallDeps& deps,
                                        PublicBody body) {
  return Admit(ctx, deps.executor, [ctx, body = std::move(body)]() mutable {
    return FinishCall(*ctx, std::move(body)(ctx->peer()));
  });
}

}  // namespace lawenforce::grpc_edge
