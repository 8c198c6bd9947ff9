#include "services/personnel/api/personnel_grpc_service.h"

#include "common/grpc/handler.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "services/personnel/api/convert.h"

namespace lawenforce::personnel::api {
namespace {

using auth::Principal;

// Writes a successful result into the reply through `to_proto`.
template <typename T, typename Out, typename ToProto>
absl::Status Emit(absl::StatusOr<T> result, Out* out, ToProto to_proto) {
  if (!result.ok()) {
    return result.status();
  }
  *out = to_proto(*result);
  return absl::OkStatus();
}

template <typename T, typename Out, typename Repeated, typename ToProto>
absl::Status EmitPage(absl::StatusOr<Page<T>> page, Out* out, Repeated* items, ToProto to_proto) {
  if (!page.ok()) {
    return page.status();
  }
  for (const T& item : page->items) {
    *items->Add() = to_proto(item);
  }
  out->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

template <typename Request>
CreateOptions OptionsOf(const Request& req) {
  return CreateOptions{req.request_id(), protoconv::CanonicalRequestHash(req)};
}

auto ToProtoFn() {
  return [](const auto& x) { return ToProto(x); };
}

}  // namespace

grpc::Status PersonnelGrpcService::CreateAgency(grpc::ServerContext* ctx,
                                                const v1::CreateAgencyRequest* req,
                                                v1::Agency* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->CreateAgency(who, AgencyFromProto(req->agency()), OptionsOf(*req)), resp,
                [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::Status PersonnelGrpcService::GetAgency(grpc::ServerContext* ctx,
                                             const v1::GetAgencyRequest* req, v1::Agency* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->GetAgency(who, req->id()), resp,
                [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::Status PersonnelGrpcService::ListAgencies(grpc::ServerContext* ctx,
                                                const v1::ListAgenciesRequest* req,
                                                v1::ListAgenciesResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return EmitPage(
        app_->ListAgencies(who, req->division_code(), {req->page_size(), req->page_token()}), resp,
        resp->mutable_agencies(), [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::Status PersonnelGrpcService::CreateOfficer(grpc::ServerContext* ctx,
                                                 const v1::CreateOfficerRequest* req,
                                                 v1::Officer* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->CreateOfficer(who, OfficerFromProto(req->officer()),
                                    req->officer().id_number(), OptionsOf(*req)),
                resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::GetOfficer(grpc::ServerContext* ctx,
                                              const v1::GetOfficerRequest* req, v1::Officer* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->GetOfficer(who, req->id()), resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::ListOfficers(grpc::ServerContext* ctx,
                                                const v1::ListOfficersRequest* req,
                                                v1::ListOfficersResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return EmitPage(app_->ListOfficers(who, req->division_code(), req->agency_id(),
                                       RoleFromProto("role", req->role(), false),
                                       {req->page_size(), req->page_token()}),
                    resp, resp->mutable_officers(), ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::UpdateOfficer(grpc::ServerContext* ctx,
                                                 const v1::UpdateOfficerRequest* req,
                                                 v1::Officer* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    std::optional<std::string> name;
    absl::StatusOr<std::optional<std::vector<OfficerRole>>> roles = std::nullopt;
    if (req->update_mask().paths_size() == 0) {
      roles = InvalidField("update_mask", "give at least one path: name, roles");
    }
    for (int i = 0; i < req->update_mask().paths_size() && roles.ok(); ++i) {
      const std::string& path = req->update_mask().paths(i);
      if (path == "name") {
        name = req->officer().name();
      } else if (path == "roles") {
        absl::StatusOr<std::vector<OfficerRole>> r =
            RolesFromProto("officer.roles", req->officer().roles());
        roles = r.ok() ? absl::StatusOr<std::optional<std::vector<OfficerRole>>>(*r)
                       : absl::StatusOr<std::optional<std::vector<OfficerRole>>>(r.status());
      } else {
        roles = InvalidField(absl::StrCat("update_mask.paths[", i, "]"),
                             "only name and roles can be updated");
      }
    }
    return Emit(app_->UpdateOfficer(who, req->officer().id(), req->officer().etag(), name, roles),
                resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::IssueCertificate(grpc::ServerContext* ctx,
                                                    const v1::IssueCertificateRequest* req,
                                                    v1::Certificate* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(
        app_->IssueCertificate(who, CertificateFromProto(req->certificate()), OptionsOf(*req)),
        resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::GetCertificate(grpc::ServerContext* ctx,
                                                  const v1::GetCertificateRequest* req,
                                                  v1::Certificate* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->GetCertificate(who, req->id()), resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::ListCertificates(grpc::ServerContext* ctx,
                                                    const v1::ListCertificatesRequest* req,
                                                    v1::ListCertificatesResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return EmitPage(app_->ListCertificates(who, req->division_code(), req->officer_id(),
                                           StateFromProto("state", req->state()),
                                           {req->page_size(), req->page_token()}),
                    resp, resp->mutable_certificates(), ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::Transition(grpc::ServerContext* ctx,
                                              const v1::TransitionCertificateRequest* req,
                                              CertificateEventKind event, v1::Certificate* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->TransitionCertificate(who, req->id(), event, req->reason(), req->etag()),
                resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::SuspendCertificate(grpc::ServerContext* ctx,
                                                      const v1::TransitionCertificateRequest* req,
                                                      v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kSuspend, resp);
}

grpc::Status PersonnelGrpcService::ReinstateCertificate(grpc::ServerContext* ctx,
                                                        const v1::TransitionCertificateRequest* req,
                                                        v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kReinstate, resp);
}

grpc::Status PersonnelGrpcService::RevokeCertificate(grpc::ServerContext* ctx,
                                                     const v1::TransitionCertificateRequest* req,
                                                     v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kRevoke, resp);
}

grpc::Status PersonnelGrpcService::CancelCertificate(grpc::ServerContext* ctx,
                                                     const v1::TransitionCertificateRequest* req,
                                                     v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kCancel, resp);
}

grpc::Status PersonnelGrpcService::GetCertificateHistory(
    grpc::ServerContext* ctx, const v1::GetCertificateHistoryRequest* req,
    v1::GetCertificateHistoryResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    absl::StatusOr<std::vector<CertificateEvent>> events =
        app_->GetCertificateHistory(who, req->id());
    if (!events.ok()) return events.status();
    for (const CertificateEvent& e : *events) *resp->add_events() = ToProto(e);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelGrpcService::CheckEnforcementEligibility(
    grpc::ServerContext* ctx, const v1::CheckEnforcementEligibilityRequest* req,
    v1::CheckEnforcementEligibilityResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    absl::StatusOr<std::optional<absl::Time>> at = std::nullopt;
    if (req->has_at_time()) {
      absl::StatusOr<absl::Time> t = protoconv::FromTimestamp("at_time", req->at_time());
      at = t.ok() ? absl::StatusOr<std::optional<absl::Time>>(*t)
                  : absl::StatusOr<std::optional<absl::Time>>(t.status());
    }
    std::vector<std::string> ids(req->officer_ids().begin(), req->officer_ids().end());
    absl::StatusOr<std::vector<EligibilityVerdict>> verdicts =
        app_->CheckEligibility(who, ids, req->domain(), at);
    if (!verdicts.ok()) return verdicts.status();
    for (const EligibilityVerdict& v : *verdicts) *resp->add_verdicts() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelGrpcService::RecordTraining(grpc::ServerContext* ctx,
                                                  const v1::RecordTrainingRequest* req,
                                                  v1::TrainingRecord* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->RecordTraining(who, TrainingFromProto(req->record()), OptionsOf(*req)), resp,
                ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::ListTrainingRecords(grpc::ServerContext* ctx,
                                                       const v1::ListTrainingRecordsRequest* req,
                                                       v1::ListTrainingRecordsResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return EmitPage(app_->ListTrainingRecords(who, req->officer_id(), req->year(),
                                              {req->page_size(), req->page_token()}),
                    resp, resp->mutable_records(), ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::GetTrainingSummary(grpc::ServerContext* ctx,
                                                      const v1::GetTrainingSummaryRequest* req,
                                                      v1::TrainingSummary* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    SummaryScope scope{req->officer_id(), req->agency_id(), req->division_code()};
    return Emit(app_->GetTrainingSummary(who, scope, req->year()), resp, ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::RecordAssessment(grpc::ServerContext* ctx,
                                                    const v1::RecordAssessmentRequest* req,
                                                    v1::Assessment* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(
        app_->RecordAssessment(who, AssessmentFromProto(req->assessment()), OptionsOf(*req)), resp,
        ToProtoFn());
  });
}

grpc::Status PersonnelGrpcService::ListAssessments(grpc::ServerContext* ctx,
                                                   const v1::ListAssessmentsRequest* req,
                                                   v1::ListAssessmentsResponse* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    absl::StatusOr<std::vector<Assessment>> all = app_->ListAssessments(who, req->officer_id());
    if (!all.ok()) return all.status();
    for (const Assessment& a : *all) *resp->add_assessments() = ToProto(a);
    return absl::OkStatus();
  });
}

grpc::Status PersonnelGrpcService::GetStaffingCompliance(
    grpc::ServerContext* ctx, const v1::GetStaffingComplianceRequest* req,
    v1::StaffingCompliance* resp) {
  return grpc_edge::HandleAuthenticated(ctx, *verifier_, [&](const Principal& who) {
    return Emit(app_->GetStaffingCompliance(who, req->agency_id(), req->division_code()), resp,
                ToProtoFn());
  });
}

}  // namespace lawenforce::personnel::api
