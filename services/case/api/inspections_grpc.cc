// The random-inspection and inspection-control RPCs of CaseService
// (app/inspections.h, app/visits.h).

#include "common/grpc/emit.h"
#include "common/status/macros.h"
#include "services/case/api/case_grpc_service.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitPage;
using grpc_edge::OptionsOf;
using grpc_edge::Serve;

grpc::ServerUnaryReactor* CaseGrpcService::CreateInspectionPlan(
    grpc::CallbackServerContext* ctx, const v1::CreateInspectionPlanRequest* req,
    v1::InspectionPlan* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.inspections->CreatePlan(who, PlanFromProto(req->plan()), OptionsOf(*req)), resp,
                [](const InspectionPlan& p) { return ToProto(p, true); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetInspectionPlan(
    grpc::CallbackServerContext* ctx, const v1::GetInspectionPlanRequest* req,
    v1::InspectionPlan* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.inspections->GetPlan(who, req->id()), resp,
                [](const InspectionPlan& p) { return ToProto(p, true); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListInspectionPlans(
    grpc::CallbackServerContext* ctx, const v1::ListInspectionPlansRequest* req,
    v1::ListInspectionPlansResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(u_.inspections->ListPlans(who, req->division_code(), req->agency_id(),
                                              {req->page_size(), req->page_token()}),
                    resp, resp->mutable_plans(),
                    [](const InspectionPlan& p) { return ToProto(p, false); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::DrawInspection(grpc::CallbackServerContext* ctx,
                                                          const v1::DrawInspectionRequest* req,
                                                          v1::InspectionDraw* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.inspections->Draw(who, req->plan_id(), req->seed(), OptionsOf(*req)), resp,
                [](const InspectionDraw& d) { return ToProto(d, true); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetInspectionDraw(
    grpc::CallbackServerContext* ctx, const v1::GetInspectionDrawRequest* req,
    v1::InspectionDraw* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.inspections->GetDraw(who, req->id()), resp,
                [](const InspectionDraw& d) { return ToProto(d, true); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListInspectionDraws(
    grpc::CallbackServerContext* ctx, const v1::ListInspectionDrawsRequest* req,
    v1::ListInspectionDrawsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(
        u_.inspections->ListDraws(who, req->plan_id(), {req->page_size(), req->page_token()}), resp,
        resp->mutable_draws(), [](const InspectionDraw& d) { return ToProto(d, false); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordInspectionResult(
    grpc::CallbackServerContext* ctx, const v1::RecordInspectionResultRequest* req,
    v1::InspectionDraw* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) -> absl::Status {
    LE_ASSIGN_OR_RETURN(std::optional<InspectionOutcome> outcome, OutcomeFromProto(req->outcome()));
    return Emit(u_.inspections->RecordResult(who, req->draw_id(), req->credit_code(), outcome,
                                             req->summary(), req->etag()),
                resp, [](const InspectionDraw& d) { return ToProto(d, true); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::SetInspectionCap(grpc::CallbackServerContext* ctx,
                                                            const v1::SetInspectionCapRequest* req,
                                                            v1::InspectionCap* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.visits->SetCap(who, CapFromProto(req->cap())), resp,
                [](const VisitCap& c) { return ToProto(c); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetInspectionCap(grpc::CallbackServerContext* ctx,
                                                            const v1::GetInspectionCapRequest* req,
                                                            v1::InspectionCap* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.visits->GetCap(who, req->agency_id(), req->year()), resp,
                [](const VisitCap& c) { return ToProto(c); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::RecordInspectionVisit(
    grpc::CallbackServerContext* ctx, const v1::RecordInspectionVisitRequest* req,
    v1::InspectionVisit* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.visits->RecordVisit(who, VisitFromProto(req->visit()), OptionsOf(*req)), resp,
                [](const InspectionVisit& v) { return ToProto(v); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::GetEnterpriseInspectionHistory(
    grpc::CallbackServerContext* ctx, const v1::GetEnterpriseInspectionHistoryRequest* req,
    v1::GetEnterpriseInspectionHistoryResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(u_.visits->History(who, req->credit_code(), req->division_code(),
                                       {req->page_size(), req->page_token()}),
                    resp, resp->mutable_visits(),
                    [](const InspectionVisit& v) { return ToProto(v); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::AddToInspectionWhitelist(
    grpc::CallbackServerContext* ctx, const v1::AddToInspectionWhitelistRequest* req,
    v1::WhitelistEntry* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return Emit(u_.visits->AddToWhitelist(who, WhitelistFromProto(req->entry()), OptionsOf(*req)),
                resp, [](const WhitelistEntry& e) { return ToProto(e); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListInspectionWhitelist(
    grpc::CallbackServerContext* ctx, const v1::ListInspectionWhitelistRequest* req,
    v1::ListInspectionWhitelistResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(
        u_.visits->ListWhitelist(who, req->agency_id(), {req->page_size(), req->page_token()}),
        resp, resp->mutable_entries(), [](const WhitelistEntry& e) { return ToProto(e); });
  });
}

grpc::ServerUnaryReactor* CaseGrpcService::ListInspectionWarnings(
    grpc::CallbackServerContext* ctx, const v1::ListInspectionWarningsRequest* req,
    v1::ListInspectionWarningsResponse* resp) {
  return Serve(ctx, calls_, [=, this](const Principal& who) {
    return EmitPage(
        u_.visits->ListWarnings(who, req->division_code(), {req->page_size(), req->page_token()}),
        resp, resp->mutable_warnings(), [](const InspectionWarning& w) { return ToProto(w); });
  });
}

}  // namespace lawenforce::cases::api
