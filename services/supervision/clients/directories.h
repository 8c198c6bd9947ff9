#ifndef LAWENFORCE_SERVICES_SUPERVISION_CLIENTS_DIRECTORIES_H_
#define LAWENFORCE_SERVICES_SUPERVISION_CLIENTS_DIRECTORIES_H_

// The directories of app/directories.h over the other services' gRPC APIs
// (personnel-service: GetAgency, GetOfficer; case-service: GetCase), with
// supervision-service's service token and a deadline on every call
// (common/grpc/service_client.h).

#include <memory>
#include <string>

#include "common/grpc/service_client.h"
#include "common/time/clock.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/supervision/app/directories.h"

namespace lawenforce::supervision {

// Thread-safe.
class PersonnelAgencies final : public AgencyDirectory {
 public:
  // `clock` (the suite's, for "valid today") must outlive it.
  PersonnelAgencies(std::shared_ptr<grpc_edge::ServiceClient> personnel,
                    const lawenforce::Clock* clock)
      : personnel_(std::move(personnel)),
        stub_(personnel::v1::PersonnelService::NewStub(personnel_->channel())),
        clock_(clock) {}

  absl::StatusOr<AgencyRef> GetAgency(const std::string& id) override;
  absl::StatusOr<std::string> OfficerAgency(const std::string& id) override;
  absl::StatusOr<std::optional<bool>> HoldsSupervisionCertificate(const std::string& id) override;

 private:
  std::shared_ptr<grpc_edge::ServiceClient> personnel_;
  std::unique_ptr<personnel::v1::PersonnelService::Stub> stub_;
  const lawenforce::Clock* clock_;
};

// Thread-safe.
class CaseServiceCases final : public CaseDirectory {
 public:
  explicit CaseServiceCases(std::shared_ptr<grpc_edge::ServiceClient> cases)
      : cases_(std::move(cases)), stub_(cases::v1::CaseService::NewStub(cases_->channel())) {}

  absl::StatusOr<std::string> CaseAgency(const std::string& id) override;
  absl::StatusOr<std::vector<CaseRef>> ListClosedCases(const std::string& division_code,
                                                       absl::CivilDay from,
                                                       absl::CivilDay to) override;

 private:
  std::shared_ptr<grpc_edge::ServiceClient> cases_;
  std::unique_ptr<cases::v1::CaseService::Stub> stub_;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_CLIENTS_DIRECTORIES_H_
