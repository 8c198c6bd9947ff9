#ifndef LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_DIRECTORY_H_
#define LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_DIRECTORY_H_

// AgencyDirectory over personnel-service's gRPC API, with case-service's
// service token and a deadline on every call (common/grpc/service_client.h).

#include <memory>

#include "common/grpc/service_client.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/case/app/agency_directory.h"

namespace lawenforce::cases {

// Thread-safe.
class PersonnelDirectory final : public AgencyDirectory {
 public:
  explicit PersonnelDirectory(std::shared_ptr<grpc_edge::ServiceClient> personnel)
      : personnel_(std::move(personnel)),
        stub_(personnel::v1::PersonnelService::NewStub(personnel_->channel())) {}

  absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) override;

 private:
  std::shared_ptr<grpc_edge::ServiceClient> personnel_;
  std::unique_ptr<personnel::v1::PersonnelService::Stub> stub_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_CLIENTS_PERSONNEL_DIRECTORY_H_
