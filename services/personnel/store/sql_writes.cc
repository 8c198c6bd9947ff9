#include "services/personnel/store/sql_writes.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/store/values.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/store/cache_keys.h"
#include "services/personnel/store/row_mapping.h"

namespace lawenforce::personnel::sql {

using store::Int;
using store::Null;
using store::Text;
using store::TimeValue;

absl::Status AppendCertificateEvent(store::Transaction& tx, const std::string& certificate_id,
                                    const CertificateEvent& e) {
  absl::StatusOr<std::vector<store::Row>> next = tx.Query(
      "SELECT COALESCE(MAX(sequence), 0) + 1 FROM certificate_events WHERE certificate_id = ?",
      {Text(certificate_id)});
  if (!next.ok()) return next.status();
  return tx
      .Execute(absl::StrCat("INSERT INTO certificate_events (certificate_id, ", kEventColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {Text(certificate_id), Int((*next)[0].Int(0)),
                e.from_state.has_value() ? Int(static_cast<int64_t>(*e.from_state)) : Null(),
                Int(static_cast<int64_t>(e.to_state)), Text(e.reason), Text(e.actor),
                TimeValue(e.time), TimeValue(e.record_time),
                e.until.has_value() ? TimeValue(*e.until) : Null(), Text(e.decision_document)})
      .status();
}

absl::Status WriteCertificateState(store::Change& change, const std::string& id,
                                   std::optional<int64_t> expected_version,
                                   CertificateState to_state, const CertificateEvent& event,
                                   const AuditEntry& audit,
                                   deadlines::DeadlineScheduler* deadlines) {
  store::Transaction& tx = change.tx();
  absl::StatusOr<std::vector<store::Row>> stored = tx.Query(
      "SELECT officer_id, state, suspended_until FROM certificates WHERE id = ?", {Text(id)});
  if (!stored.ok()) return stored.status();
  std::vector<store::Value> params = {
      Int(static_cast<int64_t>(to_state)),
      Text(event.reason),
      Text(event.decision_document),
      to_state == CertificateState::kSuspended && event.until.has_value() ? TimeValue(*event.until)
                                                                          : Null(),
      TimeValue(event.record_time),
      Text(id)};
  std::string sql =
      "UPDATE certificates SET state = ?, state_reason = ?, state_document = ?, "
      "suspended_until = ?, review_required = 0, update_time = ?, version = version + 1 "
      "WHERE id = ?";
  if (expected_version.has_value()) {
    absl::StrAppend(&sql, " AND version = ?");
    params.push_back(Int(*expected_version));
  }
  absl::Status s =
      change.ExpectUpdated(tx.Execute(sql, params), "certificates", id, "certificate", "etag");
  if (!s.ok()) return s;
  const store::Row& before = (*stored)[0];  // the update found the row
  const bool was_suspended =
      static_cast<CertificateState>(before.Int(1)) == CertificateState::kSuspended;
  if (was_suspended && !before.IsNull(2)) {
    // A suspension with an end that ended before this change took effect:
    // its end is recorded first (the deadline engine had not done it yet).
    const absl::Time until = store::TimeFromMicros(before.Int(2));
    if (until <= event.time && event.from_state != CertificateState::kSuspended) {
      if (s = AppendCertificateEvent(tx, id, SuspensionEnded(until)); !s.ok()) return s;
    }
  }
  if (s = AppendCertificateEvent(tx, id, event); !s.ok()) return s;
  if (deadlines != nullptr) {
    if (IsFinal(to_state) && to_state != CertificateState::kExpired) {
      if (s = deadlines->Cancel(tx, kCertificateExpiryKind, id); !s.ok()) return s;
    }
    if (to_state == CertificateState::kSuspended && event.until.has_value()) {
      if (s = deadlines
                  ->Schedule(tx, {std::string(kCertificateReinstateKind), id, *event.until, "",
                                  std::nullopt})
                  .status();
          !s.ok()) {
        return s;
      }
    } else if (was_suspended) {
      if (s = deadlines->Cancel(tx, kCertificateReinstateKind, id); !s.ok()) return s;
    }
  }
  for (const std::string& key :
       KeysInvalidatedBy(PersonnelChange::kCertificateStateChanged, {before.Text(0), {id}})) {
    if (s = change.Invalidate(key, event.record_time); !s.ok()) return s;
  }
  return change.Audit(audit);
}

}  // namespace lawenforce::personnel::sql
