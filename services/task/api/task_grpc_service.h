#ifndef LAWENFORCE_SERVICES_TASK_API_TASK_GRPC_SERVICE_H_
#define LAWENFORCE_SERVICES_TASK_API_TASK_GRPC_SERVICE_H_

// The gRPC face of task-service: protobuf <-> domain and one use-case call
// per RPC through grpc_edge::Serve.

#include "common/divisions/divisions.h"
#include "common/grpc/unary.h"
#include "lawenforce/tasks/v1/tasks.grpc.pb.h"
#include "services/task/app/reports.h"
#include "services/task/app/tracking.h"

namespace lawenforce::tasks::api {

namespace v1 = ::lawenforce::tasks::v1;

// Thread-safe. What it is given must outlive it.
class TaskGrpcService final : public v1::TaskService::CallbackService {
 public:
  TaskGrpcService(Tracking* tracking, Reports* reports, grpc_edge::CallDeps calls,
                  const Divisions* divisions)
      : u_(tracking), reports_(reports), calls_(calls), divisions_(divisions) {}

  grpc::ServerUnaryReactor* ListPlans(grpc::CallbackServerContext* ctx,
                                      const v1::ListPlansRequest* req,
                                      v1::ListPlansResponse* resp) override;
  grpc::ServerUnaryReactor* GetPlan(grpc::CallbackServerContext* ctx, const v1::GetPlanRequest* req,
                                    v1::Plan* resp) override;
  grpc::ServerUnaryReactor* ListTasks(grpc::CallbackServerContext* ctx,
                                      const v1::ListTasksRequest* req,
                                      v1::ListTasksResponse* resp) override;
  grpc::ServerUnaryReactor* GetTask(grpc::CallbackServerContext* ctx, const v1::GetTaskRequest* req,
                                    v1::Task* resp) override;
  grpc::ServerUnaryReactor* AssignTask(grpc::CallbackServerContext* ctx,
                                       const v1::AssignTaskRequest* req,
                                       v1::AssignTaskResponse* resp) override;
  grpc::ServerUnaryReactor* GetAssignment(grpc::CallbackServerContext* ctx,
                                          const v1::GetAssignmentRequest* req,
                                          v1::Assignment* resp) override;
  grpc::ServerUnaryReactor* ListAssignments(grpc::CallbackServerContext* ctx,
                                            const v1::ListAssignmentsRequest* req,
                                            v1::ListAssignmentsResponse* resp) override;
  grpc::ServerUnaryReactor* ReportProgress(grpc::CallbackServerContext* ctx,
                                           const v1::ReportProgressRequest* req,
                                           v1::Assignment* resp) override;
  grpc::ServerUnaryReactor* GetPlanProgress(grpc::CallbackServerContext* ctx,
                                            const v1::GetPlanProgressRequest* req,
                                            v1::PlanProgress* resp) override;

  // The annual report (report_grpc.cc).
  grpc::ServerUnaryReactor* GenerateAnnualReport(grpc::CallbackServerContext* ctx,
                                                 const v1::GenerateAnnualReportRequest* req,
                                                 v1::AnnualReport* resp) override;
  grpc::ServerUnaryReactor* GetAnnualReport(grpc::CallbackServerContext* ctx,
                                            const v1::GetAnnualReportRequest* req,
                                            v1::AnnualReport* resp) override;
  grpc::ServerUnaryReactor* ListAnnualReports(grpc::CallbackServerContext* ctx,
                                              const v1::ListAnnualReportsRequest* req,
                                              v1::ListAnnualReportsResponse* resp) override;
  grpc::ServerUnaryReactor* PublishAnnualReport(grpc::CallbackServerContext* ctx,
                                                const v1::PublishAnnualReportRequest* req,
                                                v1::AnnualReport* resp) override;
  grpc::ServerUnaryReactor* ExportAnnualReport(grpc::CallbackServerContext* ctx,
                                               const v1::ExportAnnualReportRequest* req,
                                               v1::ReportExport* resp) override;
  grpc::ServerUnaryReactor* GetAnnualReportStatus(grpc::CallbackServerContext* ctx,
                                                  const v1::GetAnnualReportStatusRequest* req,
                                                  v1::AnnualReportStatus* resp) override;

 private:
  v1::Plan PlanToProto(const Plan& p) const;
  v1::Assignment AssignmentToProto(const Assignment& a) const;

  Tracking* const u_;
  Reports* const reports_;
  const grpc_edge::CallDeps calls_;
  const Divisions* const divisions_;
};

}  // namespace lawenforce::tasks::api

#endif  // LAWENFORCE_SERVICES_TASK_API_TASK_GRPC_SERVICE_H_
