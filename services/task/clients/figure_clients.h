#ifndef LAWENFORCE_SERVICES_TASK_CLIENTS_FIGURE_CLIENTS_H_
#define LAWENFORCE_SERVICES_TASK_CLIENTS_FIGURE_CLIENTS_H_

// app/figure_sources.h over the other services' gRPC APIs, with
// task-service's service token and a deadline on every call
// (common/grpc/service_client.h: a dependency down or too slow is
// UNAVAILABLE naming it):
//   personnel-service    GetAgency, GetStaffingCompliance, GetTrainingSummary
//   case-service         GetCaseStatistics
//   supervision-service  GetSupervisionStatistics

#include <memory>
#include <string>

#include "common/grpc/service_client.h"
#include "common/time/clock.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "services/task/app/figure_sources.h"

namespace lawenforce::tasks {

// Thread-safe. `clock` (for the sources' fetch times) must outlive it.
class GrpcFigureSources final : public FigureSources {
 public:
  GrpcFigureSources(std::shared_ptr<grpc_edge::ServiceClient> personnel,
                    std::shared_ptr<grpc_edge::ServiceClient> cases,
                    std::shared_ptr<grpc_edge::ServiceClient> supervision,
                    const lawenforce::Clock* clock);

  absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) override;
  absl::Status AddPersonnel(const ReportScope& scope, int year, ReportFigures& out) override;
  absl::Status AddCases(const ReportScope& scope, absl::CivilDay from, absl::CivilDay to,
                        ReportFigures& out) override;
  absl::Status AddComplaints(const std::string& division_code, absl::CivilDay from,
                             absl::CivilDay to, ReportFigures& out) override;

 private:
  std::shared_ptr<grpc_edge::ServiceClient> personnel_;
  std::shared_ptr<grpc_edge::ServiceClient> cases_;
  std::shared_ptr<grpc_edge::ServiceClient> supervision_;
  std::unique_ptr<personnel::v1::PersonnelService::Stub> personnel_stub_;
  std::unique_ptr<cases::v1::CaseService::Stub> cases_stub_;
  std::unique_ptr<supervision::v1::SupervisionService::Stub> supervision_stub_;
  const lawenforce::Clock* clock_;
};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_CLIENTS_FIGURE_CLIENTS_H_
