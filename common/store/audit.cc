#include "common/store/audit.h"

namespace lawenforce::store {

absl::Status WriteAuditRow(Transaction& tx, IdGenerator& ids, const AuditEntry& a) {
  return tx
      .Execute(
          "INSERT INTO audit_log (id, event_time, actor, action, resource_id, detail) VALUES "
          "(?, ?, ?, ?, ?, ?)",
          {Text(ids.NewId()), Int(absl::ToUnixMicros(a.time)), Text(a.actor), Text(a.action),
           Text(a.resource_id), Text(a.detail)})
      .status();
}

}  // namespace lawenforce::store
