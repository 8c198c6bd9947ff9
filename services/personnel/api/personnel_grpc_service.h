#ifndef LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_

// The gRPC face of personnel-service. Each handler authenticates the
// caller, translates the request into one PersonnelApp call and the result
// into the reply; nothing else. Status mapping is common/grpc's.

#include "common/auth/token.h"
#include "common/divisions/divisions.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/personnel/app/personnel_app.h"

namespace lawenforce::personnel::api {

namespace v1 = ::lawenforce::personnel::v1;

// Thread-safe. `app`, `verifier` and `divisions` must outlive it.
class PersonnelGrpcService final : public v1::PersonnelService::Service {
 public:
  PersonnelGrpcService(PersonnelApp* app, auth::TokenVerifier* verifier, const Divisions* divisions)
      : app_(app), verifier_(verifier), divisions_(divisions) {}

  grpc::Status CreateAgency(grpc::ServerContext* ctx, const v1::CreateAgencyRequest* req,
                            v1::Agency* resp) override;
  grpc::Status GetAgency(grpc::ServerContext* ctx, const v1::GetAgencyRequest* req,
                         v1::Agency* resp) override;
  grpc::Status ListAgencies(grpc::ServerContext* ctx, const v1::ListAgenciesRequest* req,
                            v1::ListAgenciesResponse* resp) override;
  grpc::Status CreateOfficer(grpc::ServerContext* ctx, const v1::CreateOfficerRequest* req,
                             v1::Officer* resp) override;
  grpc::Status GetOfficer(grpc::ServerContext* ctx, const v1::GetOfficerRequest* req,
                          v1::Officer* resp) override;
  grpc::Status ListOfficers(grpc::ServerContext* ctx, const v1::ListOfficersRequest* req,
                            v1::ListOfficersResponse* resp) override;
  grpc::Status UpdateOfficer(grpc::ServerContext* ctx, const v1::UpdateOfficerRequest* req,
                             v1::Officer* resp) override;
  grpc::Status IssueCertificate(grpc::ServerContext* ctx, const v1::IssueCertificateRequest* req,
                                v1::Certificate* resp) override;
  grpc::Status GetCertificate(grpc::ServerContext* ctx, const v1::GetCertificateRequest* req,
                              v1::Certificate* resp) override;
  grpc::Status ListCertificates(grpc::ServerContext* ctx, const v1::ListCertificatesRequest* req,
                                v1::ListCertificatesResponse* resp) override;
  grpc::Status SuspendCertificate(grpc::ServerContext* ctx,
                                  const v1::TransitionCertificateRequest* req,
                                  v1::Certificate* resp) override;
  grpc::Status ReinstateCertificate(grpc::ServerContext* ctx,
                                    const v1::TransitionCertificateRequest* req,
                                    v1::Certificate* resp) override;
  grpc::Status RevokeCertificate(grpc::ServerContext* ctx,
                                 const v1::TransitionCertificateRequest* req,
                                 v1::Certificate* resp) override;
  grpc::Status CancelCertificate(grpc::ServerContext* ctx,
                                 const v1::TransitionCertificateRequest* req,
                                 v1::Certificate* resp) override;
  grpc::Status GetCertificateHistory(grpc::ServerContext* ctx,
                                     const v1::GetCertificateHistoryRequest* req,
                                     v1::GetCertificateHistoryResponse* resp) override;
  grpc::Status CheckEnforcementEligibility(grpc::ServerContext* ctx,
                                           const v1::CheckEnforcementEligibilityRequest* req,
                                           v1::CheckEnforcementEligibilityResponse* resp) override;
  grpc::Status RecordTraining(grpc::ServerContext* ctx, const v1::RecordTrainingRequest* req,
                              v1::TrainingRecord* resp) override;
  grpc::Status ListTrainingRecords(grpc::ServerContext* ctx,
                                   const v1::ListTrainingRecordsRequest* req,
                                   v1::ListTrainingRecordsResponse* resp) override;
  grpc::Status GetTrainingSummary(grpc::ServerContext* ctx,
                                  const v1::GetTrainingSummaryRequest* req,
                                  v1::TrainingSummary* resp) override;
  grpc::Status RecordAssessment(grpc::ServerContext* ctx, const v1::RecordAssessmentRequest* req,
                                v1::Assessment* resp) override;
  grpc::Status ListAssessments(grpc::ServerContext* ctx, const v1::ListAssessmentsRequest* req,
                               v1::ListAssessmentsResponse* resp) override;
  grpc::Status GetStaffingCompliance(grpc::ServerContext* ctx,
                                     const v1::GetStaffingComplianceRequest* req,
                                     v1::StaffingCompliance* resp) override;

 private:
  grpc::Status Transition(grpc::ServerContext* ctx, const v1::TransitionCertificateRequest* req,
                          CertificateEventKind event, v1::Certificate* resp);

  PersonnelApp* app_;
  auth::TokenVerifier* verifier_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::personnel::api

#endif  // LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_
