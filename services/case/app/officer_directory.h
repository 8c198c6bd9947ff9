#ifndef LAWENFORCE_SERVICES_CASE_APP_OFFICER_DIRECTORY_H_
#define LAWENFORCE_SERVICES_CASE_APP_OFFICER_DIRECTORY_H_

// What case-service asks personnel-service about officers: may they
// enforce in a domain at a moment (the certificate history decides), and
// do they hold the legal-reviewer role. An interface so that use cases are
// tested with a fake; the gRPC adapter is clients/personnel_officers.h.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace lawenforce::cases {

struct OfficerVerdict {
  std::string officer_id;
  bool eligible = false;
  // personnel-service's reason: "ELIGIBLE", "REVOKED", "SUSPENDED",
  // "EXPIRED", "DOMAIN_NOT_COVERED", "NO_CERTIFICATE", "OFFICER_NOT_FOUND"...
  std::string reason;
  std::string certificate_id;
  std::string detail;
  // The agency the officer served at the moment judged; empty if unknown.
  std::string agency_id;
};

struct OfficerInfo {
  std::string id;
  std::string agency_id;
  bool legal_reviewer = false;
};

// Thread-safe.
class OfficerDirectory {
 public:
  virtual ~OfficerDirectory() = default;
  // One verdict per id, in order. UNAVAILABLE naming personnel-service
  // when it cannot answer in time.
  virtual absl::StatusOr<std::vector<OfficerVerdict>> CheckEligibility(
      const std::vector<std::string>& officer_ids, const std::string& domain, absl::Time at) = 0;
  // NOT_FOUND when there is no such officer; UNAVAILABLE as above.
  virtual absl::StatusOr<OfficerInfo> GetOfficer(const std::string& id) = 0;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_OFFICER_DIRECTORY_H_
