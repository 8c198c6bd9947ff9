#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_ASSESSMENTS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_ASSESSMENTS_H_

// Use cases on annual assessments (task 7): a failing result flags the
// officer and every certificate of the officer for review. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

class Assessments {
 public:
  Assessments(AssessmentStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  absl::StatusOr<Assessment> Record(const auth::Principal& who, absl::StatusOr<Assessment> draft,
                                    const CreateOptions& options);
  absl::StatusOr<std::vector<Assessment>> List(const auth::Principal& who,
                                               const std::string& officer_id);

 private:
  AssessmentStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_ASSESSMENTS_H_
