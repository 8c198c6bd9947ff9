#ifndef LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_OFFICERS_H_
#define LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_OFFICERS_H_

// OfficerDirectory over personnel-service's gRPC API
// (CheckEnforcementEligibility, GetOfficer), with case-service's service
// token and a deadline on every call (common/grpc/service_client.h).

#include <memory>

#include "common/grpc/service_client.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/case/app/officer_directory.h"

namespace lawenforce::cases {

// Thread-safe.
class PersonnelOfficers final : public OfficerDirectory {
 public:
  explicit PersonnelOfficers(std::shared_ptr<grpc_edge::ServiceClient> personnel)
      : personnel_(std::move(personnel)),
        stub_(personnel::v1::PersonnelService::NewStub(personnel_->channel())) {}

  absl::StatusOr<std::vector<OfficerVerdict>> CheckEligibility(
      const std::vector<std::string>& officer_ids, const std::string& domain,
      absl::Time at) override;
  absl::StatusOr<OfficerInfo> GetOfficer(const std::string& id) override;

 private:
  std::shared_ptr<grpc_edge::ServiceClient> personnel_;
  std::unique_ptr<personnel::v1::PersonnelService::Stub> stub_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_OFFICERS_H_
