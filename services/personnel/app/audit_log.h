#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_AUDIT_LOG_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_AUDIT_LOG_H_

// Reading the audit log (ListAuditEntries): who did what to which record,
// when, with the fields it changed (masked), denied attempts included,
// within the caller's jurisdiction. Thread-safe.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/audit.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

// Every set field narrows the list.
struct AuditFilter {
  std::string division_code;  // default: the caller's own; within it
  std::string resource_id;
  std::string actor;
  std::string method;  // an RPC name, e.g. "SuspendCertificate"
  std::string action;  // "certificate.suspend", or a family "certificate."
  std::optional<bool> denied;
  absl::StatusOr<std::optional<absl::Time>> start_time = std::nullopt;  // inclusive
  absl::StatusOr<std::optional<absl::Time>> end_time = std::nullopt;    // exclusive
};

class AuditLog {
 public:
  AuditLog(AuditStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  // Newest first. Auditors, supervisors and the suite's services only.
  absl::StatusOr<Page<store::AuditRow>> List(const auth::Principal& who, const AuditFilter& filter,
                                             const PageQuery& page);

 private:
  AuditStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_AUDIT_LOG_H_
