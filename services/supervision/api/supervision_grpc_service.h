#ifndef LAWENFORCE_SERVICES_SUPERVISION_API_SUPERVISION_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_API_SUPERVISION_GRPC_SERVICE_H_

// The gRPC face of supervision-service: each handler is one use-case call
// through grpc_edge::Serve (admission, deadline, authentication, status
// mapping).

#include "common/divisions/divisions.h"
#include "common/grpc/unary.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "services/supervision/app/complaints.h"
#include "services/supervision/app/notices.h"
#include "services/supervision/app/reviews.h"

namespace lawenforce::supervision::api {

namespace v1 = ::lawenforce::supervision::v1;

// Thread-safe. What it is given must outlive it.
class SupervisionGrpcService final : public v1::SupervisionService::CallbackService {
 public:
  SupervisionGrpcService(Complaints* complaints, Reviews* reviews, Notices* notices,
                         grpc_edge::CallDeps calls, const Divisions* divisions)
      : u_(complaints),
        reviews_(reviews),
        notices_(notices),
        calls_(calls),
        divisions_(divisions) {}

  grpc::ServerUnaryReactor* SubmitComplaint(grpc::CallbackServerContext* ctx,
                                            const v1::SubmitComplaintRequest* req,
                                            v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* GetComplaint(grpc::CallbackServerContext* ctx,
                                         const v1::GetComplaintRequest* req,
                                         v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* ListComplaints(grpc::CallbackServerContext* ctx,
                                           const v1::ListComplaintsRequest* req,
                                           v1::ListComplaintsResponse* resp) override;
  grpc::ServerUnaryReactor* AssignComplaint(grpc::CallbackServerContext* ctx,
                                            const v1::AssignComplaintRequest* req,
                                            v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* AcknowledgeComplaint(grpc::CallbackServerContext* ctx,
                                                 const v1::ComplaintActRequest* req,
                                                 v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* DeclineComplaint(grpc::CallbackServerContext* ctx,
                                             const v1::DeclineComplaintRequest* req,
                                             v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* RecordResolution(grpc::CallbackServerContext* ctx,
                                             const v1::RecordResolutionRequest* req,
                                             v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* RecordFeedback(grpc::CallbackServerContext* ctx,
                                           const v1::RecordFeedbackRequest* req,
                                           v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* ReopenComplaint(grpc::CallbackServerContext* ctx,
                                            const v1::ReopenComplaintRequest* req,
                                            v1::Complaint* resp) override;
  grpc::ServerUnaryReactor* ExplainDeadline(grpc::CallbackServerContext* ctx,
                                            const v1::ExplainDeadlineRequest* req,
                                            v1::DeadlineExplanation* resp) override;
  grpc::ServerUnaryReactor* SetComplaintLimit(grpc::CallbackServerContext* ctx,
                                              const v1::SetComplaintLimitRequest* req,
                                              v1::ComplaintLimit* resp) override;
  grpc::ServerUnaryReactor* ListComplaintLimits(grpc::CallbackServerContext* ctx,
                                                const v1::ListComplaintLimitsRequest* req,
                                                v1::ListComplaintLimitsResponse* resp) override;
  grpc::ServerUnaryReactor* GetSupervisionStatistics(grpc::CallbackServerContext* ctx,
                                                     const v1::GetSupervisionStatisticsRequest* req,
                                                     v1::SupervisionStatistics* resp) override;
  grpc::ServerUnaryReactor* GetReviewRubric(grpc::CallbackServerContext* ctx,
                                            const v1::GetReviewRubricRequest* req,
                                            v1::ReviewRubric* resp) override;
  grpc::ServerUnaryReactor* PublishReviewRubric(grpc::CallbackServerContext* ctx,
                                                const v1::PublishReviewRubricRequest* req,
                                                v1::ReviewRubric* resp) override;
  grpc::ServerUnaryReactor* CreateReviewCampaign(grpc::CallbackServerContext* ctx,
                                                 const v1::CreateReviewCampaignRequest* req,
                                                 v1::ReviewCampaign* resp) override;
  grpc::ServerUnaryReactor* GetReviewCampaign(grpc::CallbackServerContext* ctx,
                                              const v1::GetReviewCampaignRequest* req,
                                              v1::ReviewCampaign* resp) override;
  grpc::ServerUnaryReactor* ListReviewCampaigns(grpc::CallbackServerContext* ctx,
                                                const v1::ListReviewCampaignsRequest* req,
                                                v1::ListReviewCampaignsResponse* resp) override;
  grpc::ServerUnaryReactor* ScoreCase(grpc::CallbackServerContext* ctx,
                                      const v1::ScoreCaseRequest* req,
                                      v1::ReviewCampaign* resp) override;
  grpc::ServerUnaryReactor* GetRectification(grpc::CallbackServerContext* ctx,
                                             const v1::GetRectificationRequest* req,
                                             v1::Rectification* resp) override;
  grpc::ServerUnaryReactor* ListRectifications(grpc::CallbackServerContext* ctx,
                                               const v1::ListRectificationsRequest* req,
                                               v1::ListRectificationsResponse* resp) override;
  grpc::ServerUnaryReactor* CompleteRectification(grpc::CallbackServerContext* ctx,
                                                  const v1::CompleteRectificationRequest* req,
                                                  v1::Rectification* resp) override;
  grpc::ServerUnaryReactor* PublishNotice(grpc::CallbackServerContext* ctx,
                                          const v1::PublishNoticeRequest* req,
                                          v1::Notice* resp) override;
  grpc::ServerUnaryReactor* GetNotice(grpc::CallbackServerContext* ctx,
                                      const v1::GetNoticeRequest* req, v1::Notice* resp) override;
  grpc::ServerUnaryReactor* ListNotices(grpc::CallbackServerContext* ctx,
                                        const v1::ListNoticesRequest* req,
                                        v1::ListNoticesResponse* resp) override;
  grpc::ServerUnaryReactor* RecordSupervisionPlan(grpc::CallbackServerContext* ctx,
                                                  const v1::RecordSupervisionPlanRequest* req,
                                                  v1::SupervisionPlan* resp) override;
  grpc::ServerUnaryReactor* GetSupervisionPlan(grpc::CallbackServerContext* ctx,
                                               const v1::GetSupervisionPlanRequest* req,
                                               v1::SupervisionPlan* resp) override;
  grpc::ServerUnaryReactor* GetSupervisionPlanStatus(grpc::CallbackServerContext* ctx,
                                                     const v1::GetSupervisionPlanStatusRequest* req,
                                                     v1::SupervisionPlanStatus* resp) override;

 private:
  Complaints* const u_;
  Reviews* const reviews_;
  Notices* const notices_;
  const grpc_edge::CallDeps calls_;
  const Divisions* const divisions_;
};

}  // namespace lawenforce::supervision::api

#endif  // LAWENFORCE_SERVICES_SUPERVISION_API_SUPERVISION_GRPC_SERVICE_H_
