#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_STAFFING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_STAFFING_H_

// Legal-reviewer staffing (task 38) of an agency or a division subtree.
// Thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"
#include "services/personnel/domain/staffing.h"

namespace lawenforce::personnel {

class Staffing {
 public:
  Staffing(FiguresStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  // Exactly one of agency_id / division_code non-empty. `year` 0: as of
  // now; a past year: as it stood at the end of that year (agencies and
  // officers registered by then; roles as they are now, no role history is
  // kept). INVALID_ARGUMENT "year" for the current or a future year.
  absl::StatusOr<StaffingReport> Get(const auth::Principal& who, const std::string& agency_id,
                                     const std::string& division_code, int year = 0);

 private:
  FiguresStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_STAFFING_H_
