#ifndef LAWENFORCE_COMMON_STORE_AUDIT_H_
#define LAWENFORCE_COMMON_STORE_AUDIT_H_

// The audit log (ARCHITECTURE.md section 7): who did what to which record,
// and when, written in the same transaction as the change itself. Every
// service includes kAuditLogTableSql in one of its migrations (personnel's
// first migration created the same table itself).

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"

namespace lawenforce::store {

inline constexpr absl::string_view kAuditLogTableSql = R"sql(
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  event_time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_resource ON audit_log (resource_id, event_time);
)sql";

// One audit row. No personal data in any field.
struct AuditEntry {
  std::string actor;   // token subject, or "system" for the service's own handlers
  std::string action;  // e.g. "certificate.suspend"
  std::string resource_id;
  std::string detail;  // short
  absl::Time time;
};

// Inside a write transaction: appends `entry` under a new id.
absl::Status WriteAuditRow(Transaction& tx, IdGenerator& ids, const AuditEntry& entry);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_AUDIT_H_
