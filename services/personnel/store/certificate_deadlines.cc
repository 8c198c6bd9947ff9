#include "services/personnel/store/certificate_deadlines.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "common/store/audit.h"
#include "common/store/values.h"
#include "prometheus/counter.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/store/sql_writes.h"

namespace lawenforce::personnel {
namespace {

using store::Text;

constexpr char kSystemActor[] = "system";

absl::Status ExpireCertificate(store::Transaction& tx, const deadlines::Deadline& d,
                               store::ChangeObserver* changes, IdGenerator& ids) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                      tx.Query("SELECT state, valid_until, suspended_until, division_code FROM "
                               "certificates WHERE id = ?",
                               {Text(d.subject)}));
  if (rows.empty()) {
    log::Warn("certificate_expiry_orphan", {{"certificate_id", d.subject}});
    return absl::OkStatus();  // nothing to expire; the deadline is done
  }
  auto state = static_cast<CertificateState>(rows[0].Int(0));
  if (IsFinal(state)) return absl::OkStatus();
  // A suspension that ended before the expiry: expired from ACTIVE (the
  // writer records the suspension's end first).
  if (state == CertificateState::kSuspended && !rows[0].IsNull(2) &&
      store::TimeFromMicros(rows[0].Int(2)) <= d.due_at) {
    state = CertificateState::kActive;
  }
  // The deadline fires at (or after) ExpiryMoment: the certificate's last
  // day has passed, so the transition is the machine's `expire`.
  LE_ASSIGN_OR_RETURN(CertificateState to, Transition(state, CertificateEventKind::kExpire));
  const absl::Time now = d.due_at;  // the moment the law made it expire
  const std::string reason = absl::StrCat("validity ended on ", rows[0].Text(1));
  store::Change change(tx, ids, changes);
  AuditEntry audit{kSystemActor, "certificate.expire", d.subject, reason, now};
  audit.division_code = rows[0].Text(3);
  audit.changes = {
      {"state", std::string(CertificateStateName(state)), std::string(CertificateStateName(to))}};
  return sql::WriteCertificateState(change, d.subject, std::nullopt, to,
                                    // An expiry takes effect at its due time and is known from the
                                    // validity date in advance: recorded "as of" that time too.
                                    CertificateEvent{0, state, to, reason, kSystemActor, now, now},
                                    audit,
                                    /*deadlines=*/nullptr);
}

// A suspension with an end, at its end: SUSPENDED -> ACTIVE by "system",
// unless the certificate moved on since (reinstated, revoked, cancelled,
// expired, or suspended again with another end).
absl::Status EndSuspension(store::Transaction& tx, const deadlines::Deadline& d,
                           store::ChangeObserver* changes, IdGenerator& ids) {
  LE_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      tx.Query("SELECT state, suspended_until, division_code FROM certificates WHERE id = ?",
               {Text(d.subject)}));
  if (rows.empty()) {
    log::Warn("certificate_reinstate_orphan", {{"certificate_id", d.subject}});
    return absl::OkStatus();
  }
  if (static_cast<CertificateState>(rows[0].Int(0)) != CertificateState::kSuspended ||
      rows[0].IsNull(1) || store::TimeFromMicros(rows[0].Int(1)) != d.due_at) {
    return absl::OkStatus();
  }
  store::Change change(tx, ids, changes);
  const CertificateEvent ended = SuspensionEnded(d.due_at);
  AuditEntry audit{kSystemActor, "certificate.suspension_ended", d.subject, ended.reason, d.due_at};
  audit.division_code = rows[0].Text(2);
  audit.changes = {{"state", "SUSPENDED", "ACTIVE"}};
  return sql::WriteCertificateState(change, d.subject, std::nullopt, CertificateState::kActive,
                                    ended, audit, /*deadlines=*/nullptr);
}

}  // namespace

void RegisterCertificateDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                  IdGenerator* ids, prometheus::Registry* registry,
                                  absl::Duration reminder_lead) {
  prometheus::Counter* reminders = nullptr;
  if (registry != nullptr) {
    reminders = &prometheus::BuildCounter()
                     .Name("lawenforce_personnel_expiry_reminders_total")
                     .Help("Certificate expiry reminders sent (30 days before expiry).")
                     .Register(*registry)
                     .Add({});
  }
  engine.RegisterHandler(kCertificateExpiryKind,
                         [changes, ids](store::Transaction& tx, const deadlines::Deadline& d) {
                           return ExpireCertificate(tx, d, changes, *ids);
                         });
  engine.RegisterHandler(kCertificateReinstateKind,
                         [changes, ids](store::Transaction& tx, const deadlines::Deadline& d) {
                           return EndSuspension(tx, d, changes, *ids);
                         });
  engine.RegisterReminderHandler(
      kCertificateExpiryKind,
      [ids, reminders, reminder_lead](store::Transaction& tx,
                                      const deadlines::Deadline& d) -> absl::Status {
        // The reminder is due `reminder_lead` before expiry, but never
        // before the certificate existed (one issued with less left is
        // reminded at once, at its issue).
        absl::Time when = d.due_at - reminder_lead;
        LE_ASSIGN_OR_RETURN(
            std::vector<store::Row> issued,
            tx.Query("SELECT create_time, division_code FROM certificates WHERE id = ?",
                     {Text(d.subject)}));
        if (!issued.empty()) when = std::max(when, store::TimeFromMicros(issued[0].Int(0)));
        AuditEntry audit{kSystemActor, "certificate.expiry_reminder", d.subject,
                         absl::StrCat("certificate ", d.payload, " expires at ",
                                      absl::FormatTime(absl::RFC3339_sec, d.due_at,
                                                       absl::FixedTimeZone(8 * 3600))),
                         when};
        if (!issued.empty()) audit.division_code = issued[0].Text(1);
        LE_RETURN_IF_ERROR(store::WriteAuditRow(tx, *ids, audit));
        log::Info("certificate_expiry_reminder",
                  {{"certificate_id", d.subject}, {"number", d.payload}});
        if (reminders != nullptr) reminders->Increment();
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::personnel
