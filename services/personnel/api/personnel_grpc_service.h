#ifndef LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_

// The gRPC face of personnel-service (callback API, docs/adr/0006). Each
// handler translates the request into one use-case call and the result into
// the reply, through grpc_edge::Serve (admission, deadline, authentication,
// status mapping), and audits the calls it denies; nothing else.

#include "common/divisions/divisions.h"
#include "common/grpc/unary.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/personnel/app/personnel_app.h"

namespace lawenforce::personnel::api {

namespace v1 = ::lawenforce::personnel::v1;

// Thread-safe. `app`, `divisions` and what `calls` points to must outlive it.
class PersonnelGrpcService final : public v1::PersonnelService::CallbackService {
 public:
  PersonnelGrpcService(PersonnelApp* app, grpc_edge::CallDeps calls, const Divisions* divisions)
      : app_(app), calls_(calls), divisions_(divisions) {}

  grpc::ServerUnaryReactor* CreateAgency(grpc::CallbackServerContext* ctx,
                                         const v1::CreateAgencyRequest* req,
                                         v1::Agency* resp) override;
  grpc::ServerUnaryReactor* UpdateAgency(grpc::CallbackServerContext* ctx,
                                         const v1::UpdateAgencyRequest* req,
                                         v1::Agency* resp) override;
  grpc::ServerUnaryReactor* GetAgency(grpc::CallbackServerContext* ctx,
                                      const v1::GetAgencyRequest* req, v1::Agency* resp) override;
  grpc::ServerUnaryReactor* ListAgencies(grpc::CallbackServerContext* ctx,
                                         const v1::ListAgenciesRequest* req,
                                         v1::ListAgenciesResponse* resp) override;
  grpc::ServerUnaryReactor* CreateOfficer(grpc::CallbackServerContext* ctx,
                                          const v1::CreateOfficerRequest* req,
                                          v1::Officer* resp) override;
  grpc::ServerUnaryReactor* GetOfficer(grpc::CallbackServerContext* ctx,
                                       const v1::GetOfficerRequest* req,
                                       v1::Officer* resp) override;
  grpc::ServerUnaryReactor* ListOfficers(grpc::CallbackServerContext* ctx,
                                         const v1::ListOfficersRequest* req,
                                         v1::ListOfficersResponse* resp) override;
  grpc::ServerUnaryReactor* UpdateOfficer(grpc::CallbackServerContext* ctx,
                                          const v1::UpdateOfficerRequest* req,
                                          v1::Officer* resp) override;
  grpc::ServerUnaryReactor* CheckSupervisionAuthority(
      grpc::CallbackServerContext* ctx, const v1::CheckSupervisionAuthorityRequest* req,
      v1::EligibilityVerdict* resp) override;
  grpc::ServerUnaryReactor* TransferOfficer(grpc::CallbackServerContext* ctx,
                                            const v1::TransferOfficerRequest* req,
                                            v1::Officer* resp) override;
  grpc::ServerUnaryReactor* EndOfficerService(grpc::CallbackServerContext* ctx,
                                              const v1::EndOfficerServiceRequest* req,
                                              v1::Officer* resp) override;
  grpc::ServerUnaryReactor* ListOfficerServicePeriods(
      grpc::CallbackServerContext* ctx, const v1::ListOfficerServicePeriodsRequest* req,
      v1::ListOfficerServicePeriodsResponse* resp) override;
  grpc::ServerUnaryReactor* ClearOfficerReview(grpc::CallbackServerContext* ctx,
                                               const v1::ClearOfficerReviewRequest* req,
                                               v1::Officer* resp) override;
  grpc::ServerUnaryReactor* IssueCertificate(grpc::CallbackServerContext* ctx,
                                             const v1::IssueCertificateRequest* req,
                                             v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* ReissueCertificate(grpc::CallbackServerContext* ctx,
                                               const v1::ReissueCertificateRequest* req,
                                               v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* CorrectCertificate(grpc::CallbackServerContext* ctx,
                                               const v1::CorrectCertificateRequest* req,
                                               v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* GetCertificate(grpc::CallbackServerContext* ctx,
                                           const v1::GetCertificateRequest* req,
                                           v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* ListCertificates(grpc::CallbackServerContext* ctx,
                                             const v1::ListCertificatesRequest* req,
                                             v1::ListCertificatesResponse* resp) override;
  grpc::ServerUnaryReactor* SuspendCertificate(grpc::CallbackServerContext* ctx,
                                               const v1::TransitionCertificateRequest* req,
                                               v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* ReinstateCertificate(grpc::CallbackServerContext* ctx,
                                                 const v1::TransitionCertificateRequest* req,
                                                 v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* RevokeCertificate(grpc::CallbackServerContext* ctx,
                                              const v1::TransitionCertificateRequest* req,
                                              v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* CancelCertificate(grpc::CallbackServerContext* ctx,
                                              const v1::TransitionCertificateRequest* req,
                                              v1::Certificate* resp) override;
  grpc::ServerUnaryReactor* GetCertificateHistory(grpc::CallbackServerContext* ctx,
                                                  const v1::GetCertificateHistoryRequest* req,
                                                  v1::GetCertificateHistoryResponse* resp) override;
  grpc::ServerUnaryReactor* CheckEnforcementEligibility(
      grpc::CallbackServerContext* ctx, const v1::CheckEnforcementEligibilityRequest* req,
      v1::CheckEnforcementEligibilityResponse* resp) override;
  grpc::ServerUnaryReactor* RecordTraining(grpc::CallbackServerContext* ctx,
                                           const v1::RecordTrainingRequest* req,
                                           v1::TrainingRecord* resp) override;
  grpc::ServerUnaryReactor* ListTrainingRecords(grpc::CallbackServerContext* ctx,
                                                const v1::ListTrainingRecordsRequest* req,
                                                v1::ListTrainingRecordsResponse* resp) override;
  grpc::ServerUnaryReactor* ListAuditEntries(grpc::CallbackServerContext* ctx,
                                             const v1::ListAuditEntriesRequest* req,
                                             v1::ListAuditEntriesResponse* resp) override;
  grpc::ServerUnaryReactor* ListTrainingShortfalls(
      grpc::CallbackServerContext* ctx, const v1::ListTrainingShortfallsRequest* req,
      v1::ListTrainingShortfallsResponse* resp) override;
  grpc::ServerUnaryReactor* GetTrainingSummary(grpc::CallbackServerContext* ctx,
                                               const v1::GetTrainingSummaryRequest* req,
                                               v1::TrainingSummary* resp) override;
  grpc::ServerUnaryReactor* RecordAssessment(grpc::CallbackServerContext* ctx,
                                             const v1::RecordAssessmentRequest* req,
                                             v1::Assessment* resp) override;
  grpc::ServerUnaryReactor* ListAssessments(grpc::CallbackServerContext* ctx,
                                            const v1::ListAssessmentsRequest* req,
                                            v1::ListAssessmentsResponse* resp) override;
  grpc::ServerUnaryReactor* GetStaffingCompliance(grpc::CallbackServerContext* ctx,
                                                  const v1::GetStaffingComplianceRequest* req,
                                                  v1::StaffingCompliance* resp) override;

  grpc::ServerUnaryReactor* GetCertificateVerificationCode(
      grpc::CallbackServerContext* ctx, const v1::GetCertificateVerificationCodeRequest* req,
      v1::CertificateVerificationCode* resp) override;
  grpc::ServerUnaryReactor* VerifyCertificate(grpc::CallbackServerContext* ctx,
                                              const v1::VerifyCertificateRequest* req,
                                              v1::CertificateVerification* resp) override;

  grpc::ServerUnaryReactor* ImportAgencies(grpc::CallbackServerContext* ctx,
                                           const v1::ImportAgenciesRequest* req,
                                           v1::ImportAgenciesResponse* resp) override;
  grpc::ServerUnaryReactor* ImportOfficers(grpc::CallbackServerContext* ctx,
                                           const v1::ImportOfficersRequest* req,
                                           v1::ImportOfficersResponse* resp) override;
  grpc::ServerUnaryReactor* ImportTrainingRecords(grpc::CallbackServerContext* ctx,
                                                  const v1::ImportTrainingRecordsRequest* req,
                                                  v1::ImportTrainingRecordsResponse* resp) override;

 private:
  // grpc_edge::Serve, and every PERMISSION_DENIED the body answers is an
  // audit row (PersonnelApp::AuditDenial) naming `method` and `target`.
  grpc::ServerUnaryReactor* ServeAudited(grpc::CallbackServerContext* ctx, std::string method,
                                         std::string target, grpc_edge::AuthenticatedBody body);
  grpc::ServerUnaryReactor* Transition(grpc::CallbackServerContext* ctx,
                                       const v1::TransitionCertificateRequest* req,
                                       CertificateEventKind event, v1::Certificate* resp);

  PersonnelApp* app_;
  grpc_edge::CallDeps calls_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::personnel::api

#endif  // LAWENFORCE_SERVICES_PERSONNEL_API_PERSONNEL_GRPC_SERVICE_H_
