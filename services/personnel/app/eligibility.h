#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_

// "May these officers enforce in this domain at this moment?" (task 6): the
// call case-service makes on every case action. Facts come from the cache
// (eligibility_source.h); the verdict is computed at the moment asked.
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/use_case_deps.h"
#include "services/personnel/domain/eligibility.h"

namespace lawenforce::personnel {

class Eligibility {
 public:
  Eligibility(EligibilitySource* source, const UseCaseDeps& deps) : source_(source), deps_(deps) {}

  // One verdict per officer id, in order. `at` nullopt means now.
  absl::StatusOr<std::vector<EligibilityVerdict>> Check(
      const auth::Principal& who, const std::vector<std::string>& officer_ids,
      const std::string& domain, absl::StatusOr<std::optional<absl::Time>> at);

  // May this supervisor supervise `division_code` (in `domain`, empty:
  // any) at `at` (nullopt: now)? JudgeSupervision on the same facts; the
  // officer as ReadOfficer finds them (PERMISSION_DENIED beyond the
  // caller's subtree, NOT_FOUND only region-wide).
  absl::StatusOr<EligibilityVerdict> CheckSupervision(const auth::Principal& who,
                                                      const std::string& officer_id,
                                                      const std::string& division_code,
                                                      const std::string& domain,
                                                      absl::StatusOr<std::optional<absl::Time>> at);

 private:
  EligibilitySource* source_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_
