#ifndef LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_

// The gRPC face of case-service: each handler is one use-case call through
// grpc_edge::Serve (admission, deadline, authentication, status mapping).
// The catalogue, case reads, the record and statistics are
// case_grpc_service.cc; the acts case_acts_grpc.cc.

#include <functional>

#include "common/divisions/divisions.h"
#include "common/grpc/unary.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "services/case/app/benchmarks.h"
#include "services/case/app/case_deadlines.h"
#include "services/case/app/case_records.h"
#include "services/case/app/case_statistics.h"
#include "services/case/app/cases.h"
#include "services/case/app/inspections.h"
#include "services/case/app/items.h"
#include "services/case/app/visits.h"

namespace lawenforce::cases::api {

namespace v1 = ::lawenforce::cases::v1;

// The use cases the handlers call. Not owned.
struct UseCases {
  Items* items = nullptr;
  Benchmarks* benchmarks = nullptr;
  Cases* cases = nullptr;
  CaseRecords* records = nullptr;
  CaseDeadlines* deadlines = nullptr;
  CaseStatistics* statistics = nullptr;
  Inspections* inspections = nullptr;
  Visits* visits = nullptr;
};

// Thread-safe. What it is given must outlive it.
class CaseGrpcService final : public v1::CaseService::CallbackService {
 public:
  CaseGrpcService(UseCases use_cases, grpc_edge::CallDeps calls, const Divisions* divisions)
      : u_(use_cases), calls_(calls), divisions_(divisions) {}

  grpc::ServerUnaryReactor* CreateItem(grpc::CallbackServerContext* ctx,
                                       const v1::CreateItemRequest* req,
                                       v1::EnforcementItem* resp) override;
  grpc::ServerUnaryReactor* GetItem(grpc::CallbackServerContext* ctx, const v1::GetItemRequest* req,
                                    v1::EnforcementItem* resp) override;
  grpc::ServerUnaryReactor* ListItems(grpc::CallbackServerContext* ctx,
                                      const v1::ListItemsRequest* req,
                                      v1::ListItemsResponse* resp) override;
  grpc::ServerUnaryReactor* ReviseItem(grpc::CallbackServerContext* ctx,
                                       const v1::ReviseItemRequest* req,
                                       v1::EnforcementItem* resp) override;
  grpc::ServerUnaryReactor* PublishBenchmark(grpc::CallbackServerContext* ctx,
                                             const v1::PublishBenchmarkRequest* req,
                                             v1::Benchmark* resp) override;
  grpc::ServerUnaryReactor* GetBenchmark(grpc::CallbackServerContext* ctx,
                                         const v1::GetBenchmarkRequest* req,
                                         v1::Benchmark* resp) override;
  grpc::ServerUnaryReactor* ListBenchmarkVersions(grpc::CallbackServerContext* ctx,
                                                  const v1::ListBenchmarkVersionsRequest* req,
                                                  v1::ListBenchmarkVersionsResponse* resp) override;
  grpc::ServerUnaryReactor* FileCase(grpc::CallbackServerContext* ctx,
                                     const v1::FileCaseRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* ctx, const v1::GetCaseRequest* req,
                                    v1::Case* resp) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* ctx,
                                      const v1::ListCasesRequest* req,
                                      v1::ListCasesResponse* resp) override;
  grpc::ServerUnaryReactor* ExplainDeadline(grpc::CallbackServerContext* ctx,
                                            const v1::ExplainDeadlineRequest* req,
                                            v1::DeadlineExplanation* resp) override;
  grpc::ServerUnaryReactor* GetCaseRecord(grpc::CallbackServerContext* ctx,
                                          const v1::GetCaseRecordRequest* req,
                                          v1::CaseRecord* resp) override;
  grpc::ServerUnaryReactor* VerifyCaseRecord(grpc::CallbackServerContext* ctx,
                                             const v1::VerifyCaseRecordRequest* req,
                                             v1::RecordVerification* resp) override;
  grpc::ServerUnaryReactor* ExportRecordHeads(grpc::CallbackServerContext* ctx,
                                              const v1::ExportRecordHeadsRequest* req,
                                              v1::ExportRecordHeadsResponse* resp) override;
  grpc::ServerUnaryReactor* ListOfficerActs(grpc::CallbackServerContext* ctx,
                                            const v1::ListOfficerActsRequest* req,
                                            v1::ListOfficerActsResponse* resp) override;
  grpc::ServerUnaryReactor* GetCaseStatistics(grpc::CallbackServerContext* ctx,
                                              const v1::GetCaseStatisticsRequest* req,
                                              v1::CaseStatistics* resp) override;
  grpc::ServerUnaryReactor* StartInvestigation(grpc::CallbackServerContext* ctx,
                                               const v1::CaseActRequest* req,
                                               v1::Case* resp) override;
  grpc::ServerUnaryReactor* RecordEvidence(grpc::CallbackServerContext* ctx,
                                           const v1::RecordEvidenceRequest* req,
                                           v1::Case* resp) override;
  grpc::ServerUnaryReactor* SubmitForLegalReview(grpc::CallbackServerContext* ctx,
                                                 const v1::SubmitForLegalReviewRequest* req,
                                                 v1::Case* resp) override;
  grpc::ServerUnaryReactor* CompleteLegalReview(grpc::CallbackServerContext* ctx,
                                                const v1::CompleteLegalReviewRequest* req,
                                                v1::Case* resp) override;
  grpc::ServerUnaryReactor* NotifyParty(grpc::CallbackServerContext* ctx,
                                        const v1::NotifyPartyRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ScheduleHearing(grpc::CallbackServerContext* ctx,
                                            const v1::ScheduleHearingRequest* req,
                                            v1::Case* resp) override;
  grpc::ServerUnaryReactor* DecideCase(grpc::CallbackServerContext* ctx,
                                       const v1::DecideCaseRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ServeDecision(grpc::CallbackServerContext* ctx,
                                          const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* PublishDecision(grpc::CallbackServerContext* ctx,
                                            const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ChangeDecision(grpc::CallbackServerContext* ctx,
                                           const v1::ChangeDecisionRequest* req,
                                           v1::Case* resp) override;
  grpc::ServerUnaryReactor* WithdrawPublication(grpc::CallbackServerContext* ctx,
                                                const v1::CaseActRequest* req,
                                                v1::Case* resp) override;
  grpc::ServerUnaryReactor* RecordExecution(grpc::CallbackServerContext* ctx,
                                            const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* CloseCase(grpc::CallbackServerContext* ctx,
                                      const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* WithdrawCase(grpc::CallbackServerContext* ctx,
                                         const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ReportSuspectedCrime(grpc::CallbackServerContext* ctx,
                                                 const v1::ReportSuspectedCrimeRequest* req,
                                                 v1::Case* resp) override;
  grpc::ServerUnaryReactor* DecideTransfer(grpc::CallbackServerContext* ctx,
                                           const v1::DecideTransferRequest* req,
                                           v1::Case* resp) override;
  grpc::ServerUnaryReactor* HandOverCase(grpc::CallbackServerContext* ctx,
                                         const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* RecordTransferReceipt(grpc::CallbackServerContext* ctx,
                                                  const v1::RecordTransferReceiptRequest* req,
                                                  v1::Case* resp) override;
  grpc::ServerUnaryReactor* ReplaceHandlingOfficers(grpc::CallbackServerContext* ctx,
                                                    const v1::ReplaceHandlingOfficersRequest* req,
                                                    v1::Case* resp) override;
  grpc::ServerUnaryReactor* PauseClock(grpc::CallbackServerContext* ctx,
                                       const v1::PauseClockRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ResumeClock(grpc::CallbackServerContext* ctx,
                                        const v1::ResumeClockRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ExtendClock(grpc::CallbackServerContext* ctx,
                                        const v1::ExtendClockRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ApplyCoercion(grpc::CallbackServerContext* ctx,
                                          const v1::ApplyCoercionRequest* req,
                                          v1::Case* resp) override;
  grpc::ServerUnaryReactor* ReportCoercion(grpc::CallbackServerContext* ctx,
                                           const v1::CaseActRequest* req, v1::Case* resp) override;
  grpc::ServerUnaryReactor* ReleaseCoercion(grpc::CallbackServerContext* ctx,
                                            const v1::CaseActRequest* req, v1::Case* resp) override;

  grpc::ServerUnaryReactor* CreateInspectionPlan(grpc::CallbackServerContext* ctx,
                                                 const v1::CreateInspectionPlanRequest* req,
                                                 v1::InspectionPlan* resp) override;
  grpc::ServerUnaryReactor* GetInspectionPlan(grpc::CallbackServerContext* ctx,
                                              const v1::GetInspectionPlanRequest* req,
                                              v1::InspectionPlan* resp) override;
  grpc::ServerUnaryReactor* ListInspectionPlans(grpc::CallbackServerContext* ctx,
                                                const v1::ListInspectionPlansRequest* req,
                                                v1::ListInspectionPlansResponse* resp) override;
  grpc::ServerUnaryReactor* DrawInspection(grpc::CallbackServerContext* ctx,
                                           const v1::DrawInspectionRequest* req,
                                           v1::InspectionDraw* resp) override;
  grpc::ServerUnaryReactor* GetInspectionDraw(grpc::CallbackServerContext* ctx,
                                              const v1::GetInspectionDrawRequest* req,
                                              v1::InspectionDraw* resp) override;
  grpc::ServerUnaryReactor* ListInspectionDraws(grpc::CallbackServerContext* ctx,
                                                const v1::ListInspectionDrawsRequest* req,
                                                v1::ListInspectionDrawsResponse* resp) override;
  grpc::ServerUnaryReactor* RecordInspectionResult(grpc::CallbackServerContext* ctx,
                                                   const v1::RecordInspectionResultRequest* req,
                                                   v1::InspectionDraw* resp) override;
  grpc::ServerUnaryReactor* SetInspectionCap(grpc::CallbackServerContext* ctx,
                                             const v1::SetInspectionCapRequest* req,
                                             v1::InspectionCap* resp) override;
  grpc::ServerUnaryReactor* GetInspectionCap(grpc::CallbackServerContext* ctx,
                                             const v1::GetInspectionCapRequest* req,
                                             v1::InspectionCap* resp) override;
  grpc::ServerUnaryReactor* RecordInspectionVisit(grpc::CallbackServerContext* ctx,
                                                  const v1::RecordInspectionVisitRequest* req,
                                                  v1::InspectionVisit* resp) override;
  grpc::ServerUnaryReactor* GetEnterpriseInspectionHistory(
      grpc::CallbackServerContext* ctx, const v1::GetEnterpriseInspectionHistoryRequest* req,
      v1::GetEnterpriseInspectionHistoryResponse* resp) override;
  grpc::ServerUnaryReactor* AddToInspectionWhitelist(grpc::CallbackServerContext* ctx,
                                                     const v1::AddToInspectionWhitelistRequest* req,
                                                     v1::WhitelistEntry* resp) override;
  grpc::ServerUnaryReactor* ListInspectionWhitelist(
      grpc::CallbackServerContext* ctx, const v1::ListInspectionWhitelistRequest* req,
      v1::ListInspectionWhitelistResponse* resp) override;
  grpc::ServerUnaryReactor* ListInspectionWarnings(
      grpc::CallbackServerContext* ctx, const v1::ListInspectionWarningsRequest* req,
      v1::ListInspectionWarningsResponse* resp) override;
  grpc::ServerUnaryReactor* ImportCases(grpc::CallbackServerContext* ctx,
                                        const v1::ImportCasesRequest* req,
                                        v1::ImportCasesResponse* resp) override;
  grpc::ServerUnaryReactor* ImportInspections(grpc::CallbackServerContext* ctx,
                                              const v1::ImportInspectionsRequest* req,
                                              v1::ImportInspectionsResponse* resp) override;

 private:
  // An act on the case `act` names: `build` converts the rest of the
  // request (run after authentication; its errors after the role check).
  grpc::ServerUnaryReactor* ServeAct(grpc::CallbackServerContext* ctx,
                                     const v1::CaseActRequest& act, v1::Case* resp,
                                     std::function<absl::StatusOr<Act>()> build);

  UseCases u_;
  grpc_edge::CallDeps calls_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::cases::api

#endif  // LAWENFORCE_SERVICES_CASE_API_CASE_GRPC_SERVICE_H_
