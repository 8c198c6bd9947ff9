#include "services/personnel/api/personnel_grpc_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/grpc/emit.h"
#include "common/grpc/import_results.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "services/personnel/api/convert.h"

namespace lawenforce::personnel::api {
namespace {

using auth::Principal;
using grpc_edge::Emit;
using grpc_edge::EmitAll;
using grpc_edge::EmitPage;
using grpc_edge::OptionsOf;
using grpc_edge::Serve;

template <typename Request>
PageQuery PageOf(const Request& req) {
  return PageQuery{req.page_size(), req.page_token()};
}

// The update mask of UpdateOfficer: which of name and roles to change.
absl::StatusOr<std::optional<std::vector<OfficerRole>>> MaskedRoles(
    const v1::UpdateOfficerRequest& req, std::optional<std::string>* name) {
  absl::StatusOr<std::optional<std::vector<OfficerRole>>> roles = std::nullopt;
  if (req.update_mask().paths_size() == 0) {
    return InvalidField("update_mask", "give at least one path: name, roles");
  }
  for (int i = 0; i < req.update_mask().paths_size() && roles.ok(); ++i) {
    const std::string& path = req.update_mask().paths(i);
    if (path == "name") {
      *name = req.officer().name();
    } else if (path == "roles") {
      absl::StatusOr<std::vector<OfficerRole>> r =
          RolesFromProto("officer.roles", req.officer().roles());
      if (!r.ok()) return r.status();
      roles = *std::move(r);
    } else {
      return InvalidField(absl::StrCat("update_mask.paths[", i, "]"),
                          "only name and roles can be updated");
    }
  }
  return roles;
}

// The update mask of UpdateAgency: which of name and domains to change.
absl::StatusOr<std::optional<std::vector<std::string>>> MaskedDomains(
    const v1::UpdateAgencyRequest& req, std::optional<std::string>* name) {
  std::optional<std::vector<std::string>> domains;
  if (req.update_mask().paths_size() == 0) {
    return InvalidField("update_mask", "give at least one path: name, domains");
  }
  for (int i = 0; i < req.update_mask().paths_size(); ++i) {
    const std::string& path = req.update_mask().paths(i);
    if (path == "name") {
      *name = req.agency().name();
    } else if (path == "domains") {
      domains.emplace(req.agency().domains().begin(), req.agency().domains().end());
    } else {
      return InvalidField(absl::StrCat("update_mask.paths[", i, "]"),
                          "only name and domains can be updated");
    }
  }
  return domains;
}

template <typename Request>
absl::StatusOr<std::optional<absl::Time>> AtOf(const Request& req) {
  return protoconv::OptionalTime("at_time", req.has_at_time(), req.at_time());
}

template <typename Request>
absl::StatusOr<std::optional<absl::Time>> EffectiveTimeOf(const Request& req) {
  return protoconv::OptionalTime("effective_time", req.has_effective_time(), req.effective_time());
}

}  // namespace

grpc::ServerUnaryReactor* PersonnelGrpcService::ServeAudited(grpc::CallbackServerContext* ctx,
                                                             std::string method, std::string target,
                                                             grpc_edge::AuthenticatedBody body) {
  return Serve(ctx, calls_,
               [this, method = std::move(method), target = std::move(target),
                body = std::move(body)](const Principal& who) mutable -> absl::Status {
                 absl::Status status = std::move(body)(who);
                 if (status.code() == absl::StatusCode::kPermissionDenied) {
                   app_->AuditDenial(who, method, target, status);
                 }
                 return status;
               });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CreateAgency(grpc::CallbackServerContext* ctx,
                                                             const v1::CreateAgencyRequest* req,
                                                             v1::Agency* resp) {
  return ServeAudited(
      ctx, "CreateAgency", req->agency().division_code(), [=, this](const Principal& who) {
        return Emit(app_->agencies().Create(who, AgencyFromProto(req->agency()), OptionsOf(*req)),
                    resp, [&](const Agency& a) { return ToProto(a, *divisions_); });
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::UpdateAgency(grpc::CallbackServerContext* ctx,
                                                             const v1::UpdateAgencyRequest* req,
                                                             v1::Agency* resp) {
  return ServeAudited(ctx, "UpdateAgency", req->agency().id(), [=, this](const Principal& who) {
    std::optional<std::string> name;
    const absl::StatusOr<std::optional<std::vector<std::string>>> domains =
        MaskedDomains(*req, &name);
    return Emit(app_->agencies().Update(who, req->agency().id(), req->agency().etag(), name,
                                        domains, req->reason()),
                resp, [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetAgency(grpc::CallbackServerContext* ctx,
                                                          const v1::GetAgencyRequest* req,
                                                          v1::Agency* resp) {
  return ServeAudited(ctx, "GetAgency", req->id(), [=, this](const Principal& who) {
    return Emit(app_->agencies().Get(who, req->id()), resp,
                [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListAgencies(grpc::CallbackServerContext* ctx,
                                                             const v1::ListAgenciesRequest* req,
                                                             v1::ListAgenciesResponse* resp) {
  return ServeAudited(ctx, "ListAgencies", req->division_code(), [=, this](const Principal& who) {
    return EmitPage(app_->agencies().List(who, req->division_code(), PageOf(*req)), resp,
                    resp->mutable_agencies(),
                    [&](const Agency& a) { return ToProto(a, *divisions_); });
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CreateOfficer(grpc::CallbackServerContext* ctx,
                                                              const v1::CreateOfficerRequest* req,
                                                              v1::Officer* resp) {
  return ServeAudited(
      ctx, "CreateOfficer", req->officer().agency_id(), [=, this](const Principal& who) {
        // The request digest leaves the identity-card number out; the use case
        // stands for it by its blind index (idempotency records confirm nothing).
        v1::CreateOfficerRequest without_number = *req;
        without_number.mutable_officer()->clear_id_number();
        return Emit(app_->officers().Create(who, OfficerFromProto(req->officer()),
                                            req->officer().id_number(), OptionsOf(without_number)),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetOfficer(grpc::CallbackServerContext* ctx,
                                                           const v1::GetOfficerRequest* req,
                                                           v1::Officer* resp) {
  return ServeAudited(ctx, "GetOfficer", req->id(), [=, this](const Principal& who) {
    return Emit(app_->officers().Get(who, req->id()), resp, LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListOfficers(grpc::CallbackServerContext* ctx,
                                                             const v1::ListOfficersRequest* req,
                                                             v1::ListOfficersResponse* resp) {
  return ServeAudited(ctx, "ListOfficers", req->division_code(), [=, this](const Principal& who) {
    OfficerSearch search;
    search.name_prefix = req->name_prefix();
    search.id_number = req->id_number();
    if (req->has_review_required()) search.review_required = req->review_required();
    search.without_valid_certificate = req->without_valid_certificate();
    if (req->has_in_service()) search.in_service = req->in_service();
    return EmitPage(
        app_->officers().List(who, req->division_code(), req->agency_id(),
                              RoleFromProto("role", req->role(), false), PageOf(*req), search),
        resp, resp->mutable_officers(), LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::UpdateOfficer(grpc::CallbackServerContext* ctx,
                                                              const v1::UpdateOfficerRequest* req,
                                                              v1::Officer* resp) {
  return ServeAudited(ctx, "UpdateOfficer", req->officer().id(), [=, this](const Principal& who) {
    std::optional<std::string> name;
    const absl::StatusOr<std::optional<std::vector<OfficerRole>>> roles = MaskedRoles(*req, &name);
    return Emit(
        app_->officers().Update(who, req->officer().id(), req->officer().etag(), name, roles), resp,
        LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::IssueCertificate(
    grpc::CallbackServerContext* ctx, const v1::IssueCertificateRequest* req,
    v1::Certificate* resp) {
  return ServeAudited(
      ctx, "IssueCertificate", req->certificate().officer_id(), [=, this](const Principal& who) {
        return Emit(app_->certificates().Issue(who, CertificateFromProto(req->certificate()),
                                               OptionsOf(*req)),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ReissueCertificate(
    grpc::CallbackServerContext* ctx, const v1::ReissueCertificateRequest* req,
    v1::Certificate* resp) {
  return ServeAudited(ctx, "ReissueCertificate", req->id(), [=, this](const Principal& who) {
    return Emit(app_->certificates().Reissue(who, ReissueFromProto(*req), OptionsOf(*req)), resp,
                LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CorrectCertificate(
    grpc::CallbackServerContext* ctx, const v1::CorrectCertificateRequest* req,
    v1::Certificate* resp) {
  return ServeAudited(ctx, "CorrectCertificate", req->id(), [=, this](const Principal& who) {
    return Emit(app_->certificates().Correct(who, CorrectionFromProto(*req)), resp,
                LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetCertificate(grpc::CallbackServerContext* ctx,
                                                               const v1::GetCertificateRequest* req,
                                                               v1::Certificate* resp) {
  return ServeAudited(ctx, "GetCertificate", req->id(), [=, this](const Principal& who) {
    return Emit(app_->certificates().Get(who, req->id()), resp, LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListCertificates(
    grpc::CallbackServerContext* ctx, const v1::ListCertificatesRequest* req,
    v1::ListCertificatesResponse* resp) {
  return ServeAudited(
      ctx, "ListCertificates", req->division_code(), [=, this](const Principal& who) {
        return EmitPage(app_->certificates().List(who, req->division_code(), req->officer_id(),
                                                  StateFromProto("state", req->state()),
                                                  PageOf(*req), req->expiring_within_days()),
                        resp, resp->mutable_certificates(), LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::Transition(
    grpc::CallbackServerContext* ctx, const v1::TransitionCertificateRequest* req,
    CertificateEventKind event, v1::Certificate* resp) {
  std::string method;
  switch (event) {
    case CertificateEventKind::kSuspend:
      method = "SuspendCertificate";
      break;
    case CertificateEventKind::kReinstate:
      method = "ReinstateCertificate";
      break;
    case CertificateEventKind::kRevoke:
      method = "RevokeCertificate";
      break;
    default:
      method = "CancelCertificate";
      break;
  }
  return ServeAudited(ctx, method, req->id(), [=, this](const Principal& who) {
    TransitionTerms terms{req->decision_document(),
                          protoconv::OptionalTime("suspended_until", req->has_suspended_until(),
                                                  req->suspended_until())};
    return Emit(app_->certificates().Transition(who, req->id(), event, req->reason(), req->etag(),
                                                EffectiveTimeOf(*req), terms),
                resp, LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::TransferOfficer(
    grpc::CallbackServerContext* ctx, const v1::TransferOfficerRequest* req, v1::Officer* resp) {
  return ServeAudited(ctx, "TransferOfficer", req->officer_id(), [=, this](const Principal& who) {
    return Emit(app_->postings().Transfer(who, req->officer_id(), req->agency_id(), req->note(),
                                          req->etag(), EffectiveTimeOf(*req)),
                resp, LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::EndOfficerService(
    grpc::CallbackServerContext* ctx, const v1::EndOfficerServiceRequest* req, v1::Officer* resp) {
  return ServeAudited(ctx, "EndOfficerService", req->officer_id(), [=, this](const Principal& who) {
    return Emit(app_->postings().EndService(who, req->officer_id(),
                                            EndReasonFromProto("reason", req->reason()),
                                            req->note(), req->etag(), EffectiveTimeOf(*req)),
                resp, LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListOfficerServicePeriods(
    grpc::CallbackServerContext* ctx, const v1::ListOfficerServicePeriodsRequest* req,
    v1::ListOfficerServicePeriodsResponse* resp) {
  return ServeAudited(ctx, "ListOfficerServicePeriods", req->officer_id(),
                      [=, this](const Principal& who) {
                        return EmitAll(app_->postings().History(who, req->officer_id()),
                                       resp->mutable_periods(), LE_TO_PROTO_FN());
                      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ClearOfficerReview(
    grpc::CallbackServerContext* ctx, const v1::ClearOfficerReviewRequest* req, v1::Officer* resp) {
  return ServeAudited(ctx, "ClearOfficerReview", req->id(), [=, this](const Principal& who) {
    return Emit(app_->officers().ClearReview(who, req->id(), req->reason(), req->etag()), resp,
                LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::SuspendCertificate(
    grpc::CallbackServerContext* ctx, const v1::TransitionCertificateRequest* req,
    v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kSuspend, resp);
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ReinstateCertificate(
    grpc::CallbackServerContext* ctx, const v1::TransitionCertificateRequest* req,
    v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kReinstate, resp);
}

grpc::ServerUnaryReactor* PersonnelGrpcService::RevokeCertificate(
    grpc::CallbackServerContext* ctx, const v1::TransitionCertificateRequest* req,
    v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kRevoke, resp);
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CancelCertificate(
    grpc::CallbackServerContext* ctx, const v1::TransitionCertificateRequest* req,
    v1::Certificate* resp) {
  return Transition(ctx, req, CertificateEventKind::kCancel, resp);
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetCertificateHistory(
    grpc::CallbackServerContext* ctx, const v1::GetCertificateHistoryRequest* req,
    v1::GetCertificateHistoryResponse* resp) {
  return ServeAudited(ctx, "GetCertificateHistory", req->id(), [=, this](const Principal& who) {
    return EmitAll(app_->certificates().History(who, req->id()), resp->mutable_events(),
                   LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CheckEnforcementEligibility(
    grpc::CallbackServerContext* ctx, const v1::CheckEnforcementEligibilityRequest* req,
    v1::CheckEnforcementEligibilityResponse* resp) {
  return ServeAudited(
      ctx, "CheckEnforcementEligibility", absl::StrJoin(req->officer_ids(), ","),
      [=, this](const Principal& who) {
        std::vector<std::string> ids(req->officer_ids().begin(), req->officer_ids().end());
        return EmitAll(app_->eligibility().Check(who, ids, req->domain(), AtOf(*req)),
                       resp->mutable_verdicts(), LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::CheckSupervisionAuthority(
    grpc::CallbackServerContext* ctx, const v1::CheckSupervisionAuthorityRequest* req,
    v1::EligibilityVerdict* resp) {
  return ServeAudited(
      ctx, "CheckSupervisionAuthority", req->officer_id(), [=, this](const Principal& who) {
        return Emit(app_->eligibility().CheckSupervision(
                        who, req->officer_id(), req->division_code(), req->domain(), AtOf(*req)),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::RecordTraining(grpc::CallbackServerContext* ctx,
                                                               const v1::RecordTrainingRequest* req,
                                                               v1::TrainingRecord* resp) {
  return ServeAudited(
      ctx, "RecordTraining", req->record().officer_id(), [=, this](const Principal& who) {
        return Emit(app_->training().Record(who, TrainingFromProto(req->record()), OptionsOf(*req)),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListTrainingRecords(
    grpc::CallbackServerContext* ctx, const v1::ListTrainingRecordsRequest* req,
    v1::ListTrainingRecordsResponse* resp) {
  return ServeAudited(
      ctx, "ListTrainingRecords", req->officer_id(), [=, this](const Principal& who) {
        return EmitPage(app_->training().List(who, req->officer_id(), req->year(), PageOf(*req)),
                        resp, resp->mutable_records(), LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetTrainingSummary(
    grpc::CallbackServerContext* ctx, const v1::GetTrainingSummaryRequest* req,
    v1::TrainingSummary* resp) {
  return ServeAudited(
      ctx, "GetTrainingSummary", req->officer_id() + req->agency_id() + req->division_code(),
      [=, this](const Principal& who) {
        SummaryScope scope{req->officer_id(), req->agency_id(), req->division_code()};
        return Emit(app_->training().Summary(who, scope, req->year()), resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListTrainingShortfalls(
    grpc::CallbackServerContext* ctx, const v1::ListTrainingShortfallsRequest* req,
    v1::ListTrainingShortfallsResponse* resp) {
  return ServeAudited(ctx, "ListTrainingShortfalls", req->agency_id() + req->division_code(),
                      [=, this](const Principal& who) {
                        return EmitPage(
                            app_->training().Shortfalls(who, req->division_code(), req->agency_id(),
                                                        req->year(), PageOf(*req)),
                            resp, resp->mutable_shortfalls(), LE_TO_PROTO_FN());
                      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::RecordAssessment(
    grpc::CallbackServerContext* ctx, const v1::RecordAssessmentRequest* req,
    v1::Assessment* resp) {
  return ServeAudited(
      ctx, "RecordAssessment", req->assessment().officer_id(), [=, this](const Principal& who) {
        return Emit(app_->assessments().Record(who, AssessmentFromProto(req->assessment()),
                                               OptionsOf(*req)),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListAssessments(
    grpc::CallbackServerContext* ctx, const v1::ListAssessmentsRequest* req,
    v1::ListAssessmentsResponse* resp) {
  return ServeAudited(ctx, "ListAssessments", req->officer_id(), [=, this](const Principal& who) {
    return EmitAll(app_->assessments().List(who, req->officer_id()), resp->mutable_assessments(),
                   LE_TO_PROTO_FN());
  });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetStaffingCompliance(
    grpc::CallbackServerContext* ctx, const v1::GetStaffingComplianceRequest* req,
    v1::StaffingCompliance* resp) {
  return ServeAudited(
      ctx, "GetStaffingCompliance", req->agency_id() + req->division_code(),
      [=, this](const Principal& who) {
        return Emit(app_->staffing().Get(who, req->agency_id(), req->division_code(), req->year()),
                    resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::GetCertificateVerificationCode(
    grpc::CallbackServerContext* ctx, const v1::GetCertificateVerificationCodeRequest* req,
    v1::CertificateVerificationCode* resp) {
  return ServeAudited(
      ctx, "GetCertificateVerificationCode", req->id(), [=, this](const Principal& who) {
        return Emit(app_->verifier().Printed(who, req->id()), resp, LE_TO_PROTO_FN());
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::VerifyCertificate(
    grpc::CallbackServerContext* ctx, const v1::VerifyCertificateRequest* req,
    v1::CertificateVerification* resp) {
  return grpc_edge::ServePublic(ctx, calls_, [=, this](const std::string& peer) {
    return Emit(app_->verifier().Verify(peer, req->number(), req->code(), req->text()), resp,
                LE_TO_PROTO_FN());
  });
}

// ---------------------------------------------------------------- imports
// Each record converted on its own, so that one malformed record is that
// record's result, not the call's.

grpc::ServerUnaryReactor* PersonnelGrpcService::ImportAgencies(grpc::CallbackServerContext* ctx,
                                                               const v1::ImportAgenciesRequest* req,
                                                               v1::ImportAgenciesResponse* resp) {
  return ServeAudited(
      ctx, "ImportAgencies", req->source_system(), [=, this](const Principal& who) -> absl::Status {
        std::vector<ImportedAgencyInput> records;
        records.reserve(req->agencies_size());
        for (const v1::ImportedAgency& a : req->agencies()) {
          records.push_back({a.source_id(), AgencyFromProto(a.agency())});
        }
        absl::StatusOr<std::vector<ImportRecordResult>> results = app_->imports().ImportAgencies(
            who, req->source_system(), std::move(records), req->validate_only());
        if (!results.ok()) return results.status();
        grpc_edge::FillImportResponse(*results, req->agencies(), resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ImportOfficers(grpc::CallbackServerContext* ctx,
                                                               const v1::ImportOfficersRequest* req,
                                                               v1::ImportOfficersResponse* resp) {
  return ServeAudited(
      ctx, "ImportOfficers", req->source_system(), [=, this](const Principal& who) -> absl::Status {
        std::vector<ImportedOfficerInput> records;
        records.reserve(req->officers_size());
        for (const v1::ImportedOfficer& o : req->officers()) {
          records.push_back({o.source_id(), OfficerFromProto(o.officer()), o.officer().id_number(),
                             o.agency_source_id()});
        }
        absl::StatusOr<std::vector<ImportRecordResult>> results = app_->imports().ImportOfficers(
            who, req->source_system(), std::move(records), req->validate_only());
        if (!results.ok()) return results.status();
        grpc_edge::FillImportResponse(*results, req->officers(), resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ImportTrainingRecords(
    grpc::CallbackServerContext* ctx, const v1::ImportTrainingRecordsRequest* req,
    v1::ImportTrainingRecordsResponse* resp) {
  return ServeAudited(
      ctx, "ImportTrainingRecords", req->source_system(),
      [=, this](const Principal& who) -> absl::Status {
        std::vector<ImportedTrainingInput> records;
        records.reserve(req->records_size());
        for (const v1::ImportedTrainingRecord& r : req->records()) {
          records.push_back({r.source_id(), TrainingFromProto(r.record()), r.officer_source_id()});
        }
        absl::StatusOr<std::vector<ImportRecordResult>> results = app_->imports().ImportTraining(
            who, req->source_system(), std::move(records), req->validate_only());
        if (!results.ok()) return results.status();
        grpc_edge::FillImportResponse(*results, req->records(), resp);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* PersonnelGrpcService::ListAuditEntries(
    grpc::CallbackServerContext* ctx, const v1::ListAuditEntriesRequest* req,
    v1::ListAuditEntriesResponse* resp) {
  return ServeAudited(
      ctx, "ListAuditEntries", req->division_code(), [=, this](const Principal& who) {
        AuditFilter filter;
        filter.division_code = req->division_code();
        filter.resource_id = req->resource_id();
        filter.actor = req->actor();
        filter.method = req->method();
        filter.action = req->action();
        switch (req->outcome()) {
          case v1::AUDIT_OUTCOME_UNSPECIFIED:
            break;
          case v1::AUDIT_OUTCOME_DONE:
            filter.denied = false;
            break;
          case v1::AUDIT_OUTCOME_DENIED:
            filter.denied = true;
            break;
          default:
            return InvalidField("outcome", "unknown value");
        }
        filter.start_time =
            protoconv::OptionalTime("start_time", req->has_start_time(), req->start_time());
        filter.end_time = protoconv::OptionalTime("end_time", req->has_end_time(), req->end_time());
        return EmitPage(app_->audit_log().List(who, filter, PageOf(*req)), resp,
                        resp->mutable_entries(), LE_TO_PROTO_FN());
      });
}

}  // namespace lawenforce::personnel::api
