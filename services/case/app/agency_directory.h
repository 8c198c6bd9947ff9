#ifndef LAWENFORCE_SERVICES_CASE_APP_AGENCY_DIRECTORY_H_
#define LAWENFORCE_SERVICES_CASE_APP_AGENCY_DIRECTORY_H_

// What case-service knows of agencies: they are personnel-service's. An
// interface so that use cases are tested with a fake; the gRPC client is
// clients/personnel_directory.h.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace lawenforce::cases {

struct AgencyInfo {
  std::string id;
  std::string division_code;
  std::vector<std::string> domains;
};

// Thread-safe.
class AgencyDirectory {
 public:
  virtual ~AgencyDirectory() = default;
  // NOT_FOUND when personnel-service has no such agency; UNAVAILABLE naming
  // personnel-service when it cannot answer in time.
  virtual absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) = 0;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_AGENCY_DIRECTORY_H_
