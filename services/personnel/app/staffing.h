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

  // Exactly one of agency_id / division_code non-empty.
  absl::StatusOr<StaffingReport> Get(const auth::Principal& who, const std::string& agency_id,
                                     const std::string& division_code);

 private:
  FiguresStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_STAFFING_H_
