// The acts on a case: each handler converts its request into an Act for
// Cases::Apply, which checks role, case, etag, state machine, the act's
// rules and the officers' eligibility.

#include "common/grpc/emit.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
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
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kRecordEvidence, req->act());
    for (const v1::EvidenceRef& e : req->evidence()) {
      LE_ASSIGN_OR_RETURN(EvidenceRef ref, EvidenceFromProto(e));
      a.evidence.push_back(std::move(ref));
    }
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::SubmitForLegalReview(
    grpc::CallbackServerContext* ctx, const v1::SubmitForLegalReviewRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kSubmitForReview, req->act());
    if (!req->has_proposal()) return InvalidField("proposal", "required");
    LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("proposal", req->proposal()));
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::CompleteLegalReview(
    grpc::CallbackServerContext* ctx, const v1::CompleteLegalReviewRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    E event;
    switch (req->outcome()) {
      case v1::REVIEW_OUTCOME_APPROVED:
        event = E::kApproveReview;
        break;
      case v1::REVIEW_OUTCOME_RETURNED:
        event = E::kReturnReview;
        break;
      default:
        return InvalidField("outcome", "required: APPROVED or RETURNED");
    }
    Act a = ActFromProto(event, req->act());
    a.reviewer_officer_id = req->reviewer_officer_id();
    a.reason = req->opinion();
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::NotifyParty(grpc::CallbackServerContext* ctx,
                                                       const v1::NotifyPartyRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kNotify, req->act());
    a.hearing_waived = req->hearing_waived();
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ScheduleHearing(grpc::CallbackServerContext* ctx,
                                                           const v1::ScheduleHearingRequest* req,
                                                           v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kRequestHearing, req->act());
    LE_ASSIGN_OR_RETURN(a.hearing_at,
                        OptionalTime("hearing_time", req->has_hearing_time(), req->hearing_time()));
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::DecideCase(grpc::CallbackServerContext* ctx,
                                                      const v1::DecideCaseRequest* req,
                                                      v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kDecide, req->act());
    if (!req->has_decision()) return InvalidField("decision", "required");
    LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("decision", req->decision()));
    a.served_on_the_spot = req->served_on_the_spot();
    return a;
  });
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
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kChangeDecision, req->act());
    if (req->has_decision()) {
      LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("decision", req->decision()));
    }
    return a;
  });
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
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kReportCrime, req->act());
    a.recipient = static_cast<TransferRecipient>(req->recipient());
    a.recipient_name = req->recipient_name();
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::DecideTransfer(grpc::CallbackServerContext* ctx,
                                                          const v1::DecideTransferRequest* req,
                                                          v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    return ActFromProto(req->approved() ? E::kApproveTransfer : E::kDeclineTransfer, req->act());
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::HandOverCase(grpc::CallbackServerContext* ctx,
                                                        const v1::CaseActRequest* req,
                                                        v1::Case* resp) {
  return ServeAct(ctx, *req, resp, Plain(E::kHandOver, req));
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordTransferReceipt(
    grpc::CallbackServerContext* ctx, const v1::RecordTransferReceiptRequest* req, v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kRecordReceipt, req->act());
    a.receipt_number = req->receipt_number();
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ReplaceHandlingOfficers(
    grpc::CallbackServerContext* ctx, const v1::ReplaceHandlingOfficersRequest* req,
    v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kReplaceOfficers, req->act());
    a.new_officer_ids.assign(req->new_officer_ids().begin(), req->new_officer_ids().end());
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::PauseClock(grpc::CallbackServerContext* ctx,
                                                      const v1::PauseClockRequest* req,
                                                      v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kPauseClock, req->act());
    LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req->clock()));
    a.pause_reason = static_cast<PauseReason>(req->pause_reason());
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ResumeClock(grpc::CallbackServerContext* ctx,
                                                       const v1::ResumeClockRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kResumeClock, req->act());
    LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req->clock()));
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ExtendClock(grpc::CallbackServerContext* ctx,
                                                       const v1::ExtendClockRequest* req,
                                                       v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kExtendClock, req->act());
    LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req->clock()));
    a.extension = req->extension();
    return a;
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ApplyCoercion(grpc::CallbackServerContext* ctx,
                                                         const v1::ApplyCoercionRequest* req,
                                                         v1::Case* resp) {
  return ServeAct(ctx, req->act(), resp, [req]() -> absl::StatusOr<Act> {
    Act a = ActFromProto(E::kApplyCoercion, req->act());
    a.emergency = req->emergency();
    return a;
  });
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
