// The acts on a case: each handler converts its request into an Act for
// Cases::Apply, which checks role, case, etag, state machine, the act's
// rules and the officers' eligibility.

#include "common/grpc/emit.h"
#include "services/case/api/case_grpc_service.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::Serve;
using E = CaseEvent;

grpc::ServerUnaryReactor* CaseGrpcService::ServeAct(grpc::CallbackServerContext* ctx,
                                                    const v1::CaseActRequest& act, v1::Case* resp,
                                                    std::function<absl::StatusOr<Act>()> build) {
  return Serve(ctx, calls_, [=, this, &act](const Principal& who) {
    return Emit(u_.cases->Apply(who, act.case_id(), act.etag(), build()), resp,
                [&](const CaseBundle& b) { return ToProto(b, *divisions_); });
  });
}

namespace {

// The plain acts: event and the common fields only.
std::function<absl::StatusOr<Act>()> Plain(E e, const v1::CaseActRequest* act) {
  return [e, act]() -> absl::StatusOr<Act> { return ActFromProto(e, *act); };
}

}  // namespace

grpc::ServerUnaryReactor* CaseGrpcService::StartInvestigation(grpc::CallbackServerContext* ctx,
                                                              const v1::CaseActRequest* req,
                                                              v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kStartInvestigation, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordEvidence(grpc::CallbackServerContext* ctx,
                                                          const v1::RecordEvidenceRequest* req,
                                                          v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::SubmitForLegalReview(
    grpc::CallbackServerContext* ctx, const v1::SubmitForLegalReviewRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::CompleteLegalReview(
    grpc::CallbackServerContext* ctx, const v1::CompleteLegalReviewRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::NotifyParty(grpc::CallbackServerContext* ctx,
                                                       const v1::NotifyPartyRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ScheduleHearing(grpc::CallbackServerContext* ctx,
                                                           const v1::ScheduleHearingRequest* req,
                                                           v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::DecideCase(grpc::CallbackServerContext* ctx,
                                                      const v1::DecideCaseRequest* req,
                                                      v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ServeDecision(grpc::CallbackServerContext* ctx,
                                                         const v1::CaseActRequest* req,
                                                         v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kServe, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::PublishDecision(grpc::CallbackServerContext* ctx,
                                                           const v1::CaseActRequest* req,
                                                           v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kPublish, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::ChangeDecision(grpc::CallbackServerContext* ctx,
                                                          const v1::ChangeDecisionRequest* req,
                                                          v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::WithdrawPublication(grpc::CallbackServerContext* ctx,
                                                               const v1::CaseActRequest* req,
                                                               v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kWithdrawPublication, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordExecution(grpc::CallbackServerContext* ctx,
                                                           const v1::CaseActRequest* req,
                                                           v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kExecute, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::CloseCase(grpc::CallbackServerContext* ctx,
                                                     const v1::CaseActRequest* req,
                                                     v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kClose, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::WithdrawCase(grpc::CallbackServerContext* ctx,
                                                        const v1::CaseActRequest* req,
                                                        v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kWithdraw, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::ReportSuspectedCrime(
    grpc::CallbackServerContext* ctx, const v1::ReportSuspectedCrimeRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::DecideTransfer(grpc::CallbackServerContext* ctx,
                                                          const v1::DecideTransferRequest* req,
                                                          v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::HandOverCase(grpc::CallbackServerContext* ctx,
                                                        const v1::CaseActRequest* req,
                                                        v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kHandOver, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordTransferReceipt(
    grpc::CallbackServerContext* ctx, const v1::RecordTransferReceiptRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ReplaceHandlingOfficers(
    grpc::CallbackServerContext* ctx, const v1::ReplaceHandlingOfficersRequest* req,
    v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::PauseClock(grpc::CallbackServerContext* ctx,
                                                      const v1::PauseClockRequest* req,
                                                      v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ResumeClock(grpc::CallbackServerContext* ctx,
                                                       const v1::ResumeClockRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ExtendClock(grpc::CallbackServerContext* ctx,
                                                       const v1::ExtendClockRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ApplyCoercion(grpc::CallbackServerContext* ctx,
                                                         const v1::ApplyCoercionRequest* req,
                                                         v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req] { return ActFrom(*req); });
}

grpc::ServerUnaryReactor* CaseGrpcService::ReportCoercion(grpc::CallbackServerContext* ctx,
                                                          const v1::CaseActRequest* req,
                                                          v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kReportCoercion, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::ReleaseCoercion(grpc::CallbackServerContext* ctx,
                                                           const v1::CaseActRequest* req,
                                                           v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kReleaseCoercion, req));
}

}  // namespace lawenforce::cases::api
