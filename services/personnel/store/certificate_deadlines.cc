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
  LE_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      tx.Query("SELECT state, valid_until FROM certificates WHERE id = ?", {Text(d.subject)}));
  if (rows.empty()) {
    log::Warn("certificate_expiry_orphan", {{"certificate_id", d.subject}});
    return absl::OkStatus();  // nothing to expire; the deadline is done
  }
  const auto state = static_cast<CertificateState>(rows[0].Int(0));
  if (IsFinal(state)) return absl::OkStatus();
  // The deadline fires at (or after) ExpiryMoment: the certificate's last
  // day has passed, so the transition is the machine's `expire`.
  LE_ASSIGN_OR_RETURN(CertificateState to, Transition(state, CertificateEventKind::kExpire));
  const absl::Time now = d.due_at;  // the moment the law made it expire
  const std::string reason = absl::StrCat("validity ended on ", rows[0].Text(1));
  store::Change change(tx, ids, changes);
  return sql::WriteCertificateState(
      change, d.subject, std::nullopt, to,
      // An expiry takes effect at its due time and is known from the
      // validity date in advance: recorded "as of" that time too.
      CertificateEvent{0, state, to, reason, kSystemActor, now, now},
      AuditEntry{kSystemActor, "certificate.expire", d.subject, reason, now},
      /*deadlines=*/nullptr);
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
            tx.Query("SELECT create_time FROM certificates WHERE id = ?", {Text(d.subject)}));
        if (!issued.empty()) when = std::max(when, store::TimeFromMicros(issued[0].Int(0)));
        LE_RETURN_IF_ERROR(store::WriteAuditRow(
            tx, *ids,
            AuditEntry{kSystemActor, "certificate.expiry_reminder", d.subject,
                       absl::StrCat("certificate ", d.payload, " expires at ",
                                    absl::FormatTime(absl::RFC3339_sec, d.due_at,
                                                     absl::FixedTimeZone(8 * 3600))),
                       when}));
        log::Info("certificate_expiry_reminder",
                  {{"certificate_id", d.subject}, {"number", d.payload}});
        if (reminders != nullptr) reminders->Increment();
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::personnel
