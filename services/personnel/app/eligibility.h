#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_

// "May these officers enforce in this domain at this moment?" (task 6): the
// call case-service makes on every case action. Facts come from the cache
// (eligibility_source.h); the verdict is computed at the moment asked.
// Thread-safe.

#include <functional>
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
  // Told of each officer a check could not show the caller (the officer
  // id and the denial a single read would have got), to audit it.
  using DeniedOfficer = std::function<void(const auth::Principal& who,
                                           const std::string& officer_id, const absl::Status&)>;

  Eligibility(EligibilitySource* source, const UseCaseDeps& deps, DeniedOfficer on_denied = {})
      : source_(source), deps_(deps), on_denied_(std::move(on_denied)) {}

  // One verdict per officer id, in order. `at` nullopt means now. An
  // officer the caller may not read (outside its subtree, or missing for a
  // caller below the region) gets a NOT_VISIBLE verdict whose detail is
  // the message a read would have been denied with, the same for both
  // (ADR 0008), and is reported to `on_denied`.
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
  DeniedOfficer on_denied_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_H_
