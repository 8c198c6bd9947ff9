#include "services/personnel/store/sql_writes.h"

#include "absl/strings/str_cat.h"
#include "services/personnel/store/row_mapping.h"

namespace lawenforce::personnel::sql {

using store::Int;
using store::Null;
using store::Text;

absl::Status AppendCertificateEvent(store::Transaction& tx, const std::string& certificate_id,
                                    const CertificateEvent& e) {
  absl::StatusOr<std::vector<store::Row>> next = tx.Query(
      "SELECT COALESCE(MAX(sequence), 0) + 1 FROM certificate_events WHERE certificate_id = ?",
      {Text(certificate_id)});
  if (!next.ok()) {
    return next.status();
  }
  return tx
      .Execute(
          absl::StrCat("INSERT INTO certificate_events (certificate_id, ", kEventColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
          {Text(certificate_id), Int((*next)[0].Int(0)),
           e.from_state.has_value() ? Int(static_cast<int64_t>(*e.from_state)) : Null(),
           Int(static_cast<int64_t>(e.to_state)), Text(e.reason), Text(e.actor), TimeValue(e.time)})
      .status();
}

absl::Status WriteAuditRow(store::Transaction& tx, IdGenerator& ids, const AuditEntry& a) {
  return tx
      .Execute(
          "INSERT INTO audit_log (id, event_time, actor, action, resource_id, detail) VALUES "
          "(?, ?, ?, ?, ?, ?)",
          {Text(ids.NewId()), TimeValue(a.time), Text(a.actor), Text(a.action), Text(a.resource_id),
           Text(a.detail)})
      .status();
}

}  // namespace lawenforce::personnel::sql
