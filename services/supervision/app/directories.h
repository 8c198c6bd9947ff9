#ifndef LAWENFORCE_SERVICES_SUPERVISION_APP_DIRECTORIES_H_
#define LAWENFORCE_SERVICES_SUPERVISION_APP_DIRECTORIES_H_

// What supervision-service asks of the other services to route a complaint:
// agencies and officers are personnel-service's, cases case-service's.
// Interfaces so that use cases are tested with fakes; the gRPC clients are
// in clients/.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/supervision/domain/review.h"

namespace lawenforce::supervision {

struct AgencyRef {
  std::string id;
  std::string division_code;
};

// Thread-safe.
class AgencyDirectory {
 public:
  virtual ~AgencyDirectory() = default;
  // NOT_FOUND when personnel-service has no such agency (officer);
  // UNAVAILABLE naming personnel-service when it cannot answer in time.
  virtual absl::StatusOr<AgencyRef> GetAgency(const std::string& id) = 0;
  // The agency of officer `id`.
  virtual absl::StatusOr<std::string> OfficerAgency(const std::string& id) = 0;
  // Whether officer `id` holds a supervision certificate (行政执法监督证)
  // valid now (ACTIVE, today within its validity); nullopt when
  // personnel-service knows no such officer.
  virtual absl::StatusOr<std::optional<bool>> HoldsSupervisionCertificate(
      const std::string& id) = 0;
};

// Supervisors act only with a valid supervision certificate, where
// personnel-service can answer it: when `who` is a supervisor whose token
// subject is an officer of personnel-service, that officer must hold one,
// else PERMISSION_DENIED "caller may not <action>: no valid supervision
// certificate". Callers without the supervisor role (systems), and
// subjects personnel-service does not know as officers, are not checked.
absl::Status RequireSupervisionCertificate(AgencyDirectory& officers, const auth::Principal& who,
                                           absl::string_view action);

// Supervisors, auditors and systems act for every agency within their
// jurisdiction; anyone else (an agency's admin or officer) only for the
// agency of its token's `agency` claim: PERMISSION_DENIED otherwise.
absl::Status RequireAgency(const auth::Principal& who, const std::string& agency_id,
                           absl::string_view action);

// The agency a list is narrowed to: `requested` (INVALID_ARGUMENT naming
// "agency_id" when malformed; empty: any) for those acting for every
// agency, else the caller's own (PERMISSION_DENIED when it asks for
// another or has none).
absl::StatusOr<std::string> AgencyScope(const auth::Principal& who, const std::string& requested,
                                        absl::string_view action);

// Thread-safe.
class CaseDirectory {
 public:
  virtual ~CaseDirectory() = default;
  // The agency of case `id`: NOT_FOUND when case-service has no such case;
  // UNAVAILABLE naming case-service when it cannot answer in time.
  virtual absl::StatusOr<std::string> CaseAgency(const std::string& id) = 0;
  // Every CLOSED case of `division_code`'s subtree decided on a day in
  // [from, to] (China Standard Time), all pages.
  virtual absl::StatusOr<std::vector<CaseRef>> ListClosedCases(const std::string& division_code,
                                                               absl::CivilDay from,
                                                               absl::CivilDay to) = 0;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_APP_DIRECTORIES_H_
