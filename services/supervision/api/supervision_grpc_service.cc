#include "services/supervision/api/supervision_grpc_service.h"

#include <utility>

#include "common/grpc/emit.h"
#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"
#include "services/supervision/api/convert.h"

namespace lawenforce::supervision::api {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitAll;
using grpc_edge::EmitPage;
using grpc_edge::Serve;

grpc::ServerUnaryReactor* SupervisionGrpcService::SubmitComplaint(
    grpc::CallbackServerContext* ctx, const v1::SubmitComplaintRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Submit(who, DraftFromProto(req->complaint()), SubmitOptions(*req)), resp,
                complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetComplaint(grpc::CallbackServerContext* ctx,
                                                               const v1::GetComplaintRequest* req,
                                                               v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Get(who, req->id()), resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ListComplaints(
    grpc::CallbackServerContext* ctx, const v1::ListComplaintsRequest* req,
    v1::ListComplaintsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return EmitPage(u_->List(who, QueryFromProto(*req), {req->page_size(), req->page_token()}),
                    resp, resp->mutable_complaints(), complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::AssignComplaint(
    grpc::CallbackServerContext* ctx, const v1::AssignComplaintRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Assign(who, req->complaint_id(), req->etag(), req->assignee_id()), resp,
                complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::AcknowledgeComplaint(
    grpc::CallbackServerContext* ctx, const v1::ComplaintActRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Acknowledge(who, req->complaint_id(), req->etag()), resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::DeclineComplaint(
    grpc::CallbackServerContext* ctx, const v1::DeclineComplaintRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Decline(who, req->complaint_id(), req->etag(), req->responsible_agency_id(),
                            req->reason()),
                resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::RecordResolution(
    grpc::CallbackServerContext* ctx, const v1::RecordResolutionRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->RecordResolution(who, req->complaint_id(), req->etag(), req->resolution()),
                resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::RecordFeedback(
    grpc::CallbackServerContext* ctx, const v1::RecordFeedbackRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->RecordFeedback(who, req->complaint_id(), req->etag(), req->satisfaction(),
                                   req->comment()),
                resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ReopenComplaint(
    grpc::CallbackServerContext* ctx, const v1::ReopenComplaintRequest* req, v1::Complaint* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto complaint = [this](const Complaint& x) { return ToProto(x, *divisions_); };
    return Emit(u_->Reopen(who, req->complaint_id(), req->etag(), req->reason()), resp, complaint);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ExplainDeadline(
    grpc::CallbackServerContext* ctx, const v1::ExplainDeadlineRequest* req,
    v1::DeadlineExplanation* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(u_->ExplainDeadline(who, req->complaint_id(), req->clock()), resp,
                [&](const ClockExplanation& e) { return ToProto(req->complaint_id(), e); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::SetComplaintLimit(
    grpc::CallbackServerContext* ctx, const v1::SetComplaintLimitRequest* req,
    v1::ComplaintLimit* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(u_->SetLimit(who, LimitFromProto(*req)), resp,
                [](const LimitRule& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ListComplaintLimits(
    grpc::CallbackServerContext* ctx, const v1::ListComplaintLimitsRequest* /*req*/,
    v1::ListComplaintLimitsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return EmitAll(u_->ListLimits(who), resp->mutable_limits(),
                   [](const LimitRule& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetSupervisionStatistics(
    grpc::CallbackServerContext* ctx, const v1::GetSupervisionStatisticsRequest* req,
    v1::SupervisionStatistics* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_ASSIGN_OR_RETURN(
        SupervisionFigures f,
        u_->Statistics(who, req->division_code(),
                       protoconv::FromDate("start_date", req->has_start_date(), req->start_date()),
                       protoconv::FromDate("end_date", req->has_end_date(), req->end_date())));
    LE_ASSIGN_OR_RETURN(f.reviews, reviews_->Figures(f.division_code, f.from, f.to, f.as_of));
    *resp = ToProto(f);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetReviewRubric(
    grpc::CallbackServerContext* ctx, const v1::GetReviewRubricRequest* req,
    v1::ReviewRubric* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(reviews_->GetRubric(who, req->version()), resp,
                [](const Rubric& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::PublishReviewRubric(
    grpc::CallbackServerContext* ctx, const v1::PublishReviewRubricRequest* req,
    v1::ReviewRubric* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(reviews_->PublishRubric(who, DimensionsFromProto(*req)), resp,
                [](const Rubric& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::CreateReviewCampaign(
    grpc::CallbackServerContext* ctx, const v1::CreateReviewCampaignRequest* req,
    v1::ReviewCampaign* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto campaign = [this](const Campaign& c) { return ToProto(c, *divisions_); };
    return Emit(reviews_->CreateCampaign(who, CampaignFromProto(*req), grpc_edge::OptionsOf(*req)),
                resp, campaign);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetReviewCampaign(
    grpc::CallbackServerContext* ctx, const v1::GetReviewCampaignRequest* req,
    v1::ReviewCampaign* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto campaign = [this](const Campaign& c) { return ToProto(c, *divisions_); };
    return Emit(reviews_->GetCampaign(who, req->id()), resp, campaign);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ListReviewCampaigns(
    grpc::CallbackServerContext* ctx, const v1::ListReviewCampaignsRequest* req,
    v1::ListReviewCampaignsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto campaign = [this](const Campaign& c) { return ToProto(c, *divisions_); };
    return EmitPage(
        reviews_->ListCampaigns(who, req->division_code(), {req->page_size(), req->page_token()}),
        resp, resp->mutable_campaigns(), campaign);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ScoreCase(grpc::CallbackServerContext* ctx,
                                                            const v1::ScoreCaseRequest* req,
                                                            v1::ReviewCampaign* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto campaign = [this](const Campaign& c) { return ToProto(c, *divisions_); };
    return Emit(reviews_->ScoreCase(who, req->campaign_id(), req->etag(), req->case_id(),
                                    ScoresFromProto(*req), FindingsFromProto(*req)),
                resp, campaign);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetRectification(
    grpc::CallbackServerContext* ctx, const v1::GetRectificationRequest* req,
    v1::Rectification* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(reviews_->GetRectification(who, req->id()), resp,
                [](const Rectification& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ListRectifications(
    grpc::CallbackServerContext* ctx, const v1::ListRectificationsRequest* req,
    v1::ListRectificationsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return EmitPage(reviews_->ListRectifications(who, QueryFromProto(*req),
                                                 {req->page_size(), req->page_token()}),
                    resp, resp->mutable_rectifications(),
                    [](const Rectification& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::CompleteRectification(
    grpc::CallbackServerContext* ctx, const v1::CompleteRectificationRequest* req,
    v1::Rectification* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(reviews_->CompleteRectification(who, req->id(), req->etag(), req->evidence()), resp,
                [](const Rectification& r) { return ToProto(r); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::PublishNotice(grpc::CallbackServerContext* ctx,
                                                                const v1::PublishNoticeRequest* req,
                                                                v1::Notice* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto notice = [this](const Notice& x) { return ToProto(x, *divisions_); };
    return Emit(notices_->Publish(who, NoticeFromProto(*req), grpc_edge::OptionsOf(*req)), resp,
                notice);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetNotice(grpc::CallbackServerContext* ctx,
                                                            const v1::GetNoticeRequest* req,
                                                            v1::Notice* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto notice = [this](const Notice& x) { return ToProto(x, *divisions_); };
    return Emit(notices_->Get(who, req->id()), resp, notice);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::ListNotices(grpc::CallbackServerContext* ctx,
                                                              const v1::ListNoticesRequest* req,
                                                              v1::ListNoticesResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    const auto notice = [this](const Notice& x) { return ToProto(x, *divisions_); };
    return EmitPage(notices_->List(who, req->kind(), req->agency_id(), req->year(),
                                   {req->page_size(), req->page_token()}),
                    resp, resp->mutable_notices(), notice);
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::RecordSupervisionPlan(
    grpc::CallbackServerContext* ctx, const v1::RecordSupervisionPlanRequest* req,
    v1::SupervisionPlan* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(
        notices_->RecordPlan(who, req->division_code(), req->year(), req->content(), req->etag()),
        resp, [this](const SupervisionPlan& p) { return ToProto(p, *divisions_); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetSupervisionPlan(
    grpc::CallbackServerContext* ctx, const v1::GetSupervisionPlanRequest* req,
    v1::SupervisionPlan* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(notices_->GetPlan(who, req->division_code(), req->year()), resp,
                [this](const SupervisionPlan& p) { return ToProto(p, *divisions_); });
  });
}

grpc::ServerUnaryReactor* SupervisionGrpcService::GetSupervisionPlanStatus(
    grpc::CallbackServerContext* ctx, const v1::GetSupervisionPlanStatusRequest* req,
    v1::SupervisionPlanStatus* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    return Emit(notices_->PlanStatus(who, req->division_code(), req->year()), resp,
                [](const PlanStatusReport& r) { return ToProto(r); });
  });
}

}  // namespace lawenforce::supervision::api
