#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_POSTINGS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_POSTINGS_H_

// Use cases on an officer's service (issue 22, officer lifecycles): a
// transfer to another agency (调动), leaving an enforcement post (调离执法
// 岗位) or retiring (退休), and bringing back an officer who left. One
// person keeps one record and one history (domain/service_periods.h).
//
// A change takes effect at a moment (now, or a past one in a year not yet
// closed) and cancels, as of that moment, every live certificate the
// officer held from the agency left (注销: the certificates name the
// agency, and the plan's exit rule, task 6, withdraws them): eligibility
// from then on reads CANCELLED or NOT_IN_SERVICE, and public verification
// no longer shows them valid. Check order as in agencies.h. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

class Postings {
 public:
  Postings(PersonnelStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  // Moves the officer to `agency_id` from `at` (nullopt: now), or brings
  // back an officer who left service. The caller must reach both agencies
  // (RequireAgency on each: an administrator bound to one agency cannot
  // move officers out of it or into it; a supervisor or system caller
  // whose division covers both can).
  absl::StatusOr<Officer> Transfer(const auth::Principal& who, const std::string& officer_id,
                                   const std::string& agency_id, const std::string& note,
                                   const std::string& etag,
                                   absl::StatusOr<std::optional<absl::Time>> at);
  // Ends the officer's service (kLeftPost or kRetired) from `at`.
  absl::StatusOr<Officer> EndService(const auth::Principal& who, const std::string& officer_id,
                                     absl::StatusOr<ServiceEndReason> reason,
                                     const std::string& note, const std::string& etag,
                                     absl::StatusOr<std::optional<absl::Time>> at);
  // The officer's periods of service, oldest first.
  absl::StatusOr<std::vector<ServicePeriod>> History(const auth::Principal& who,
                                                     const std::string& officer_id);

 private:
  // The checks and the change both use cases share.
  absl::StatusOr<Officer> Change(const auth::Principal& who, const Officer& current,
                                 std::optional<ServiceEndReason> end_reason,
                                 std::optional<Agency> to_agency, const std::string& note,
                                 std::optional<absl::Time> at, absl::string_view method,
                                 absl::string_view audit_action);

  PersonnelStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_POSTINGS_H_
