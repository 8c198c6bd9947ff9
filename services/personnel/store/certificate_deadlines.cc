#include "services/personnel/store/certificate_deadlines.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "prometheus/counter.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/expiry.h"
#include "services/personnel/store/row_mapping.h"
#include "services/personnel/store/sql_personnel_store.h"
#include "services/personnel/store/sql_writes.h"

namespace lawenforce::personnel {
namespace {

using store::Int;
using store::Text;

constexpr char kSystemActor[] = "system";

absl::Status ExpireCertificate(store::Transaction& tx, const deadlines::Deadline& d,
                               cache::InvalidationJournal* journal, IdGenerator& ids) {
  absl::StatusOr<std::vector<store::Row>> rows = tx.Query(
      "SELECT state, officer_id, valid_until FROM certificates WHERE id = ?", {Text(d.subject)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    log::Warn("certificate_expiry_orphan", {{"certificate_id", d.subject}});
    return absl::OkStatus();  // nothing to expire; the deadline is done
  }
  const auto state = static_cast<CertificateState>((*rows)[0].Int(0));
  const std::string officer_id = (*rows)[0].Text(1);
  const std::string valid_until = (*rows)[0].Text(2);
  if (IsFinal(state)) {
    return absl::OkStatus();
  }
  // The deadline fires at (or after) ExpiryMoment; the certificate's day has
  // passed, so the transition is the machine's `expire`.
  absl::StatusOr<CertificateState> to = Transition(state, CertificateEventKind::kExpire);
  if (!to.ok()) return to.status();
  const absl::Time now = d.due_at;  // the moment the law made it expire
  const std::string reason = absl::StrCat("validity ended on ", valid_until);
  absl::Status s =
      tx.Execute(
            "UPDATE certificates SET state = ?, state_reason = ?, update_time = ?, "
            "version = version + 1 WHERE id = ?",
            {Int(static_cast<int64_t>(*to)), Text(reason), sql::TimeValue(now), Text(d.subject)})
          .status();
  if (!s.ok()) return s;
  s = sql::AppendCertificateEvent(tx, d.subject,
                                  CertificateEvent{0, state, *to, reason, kSystemActor, now});
  if (!s.ok()) return s;
  s = sql::WriteAuditRow(tx, ids,
                         AuditEntry{kSystemActor, "certificate.expire", d.subject, reason, now});
  if (!s.ok()) return s;
  if (journal != nullptr) {
    s = journal->Record(tx, ids.NewId(), EligibilityCacheKey(officer_id), now);
    if (s.ok()) s = journal->Record(tx, ids.NewId(), CertificateCacheKey(d.subject), now);
  }
  return s;
}

}  // namespace

void RegisterCertificateDeadlines(deadlines::DeadlineEngine& engine,
                                  cache::InvalidationJournal* journal, IdGenerator* ids,
                                  prometheus::Registry* registry) {
  prometheus::Counter* reminders = nullptr;
  if (registry != nullptr) {
    reminders = &prometheus::BuildCounter()
                     .Name("lawenforce_personnel_expiry_reminders_total")
                     .Help("Certificate expiry reminders sent (30 days before expiry).")
                     .Register(*registry)
                     .Add({});
  }
  engine.RegisterHandler(kCertificateExpiryKind,
                         [journal, ids](store::Transaction& tx, const deadlines::Deadline& d) {
                           return ExpireCertificate(tx, d, journal, *ids);
                         });
  engine.RegisterReminderHandler(
      kCertificateExpiryKind,
      [ids, reminders](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        absl::Status s = sql::WriteAuditRow(
            tx, *ids,
            AuditEntry{kSystemActor, "certificate.expiry_reminder", d.subject,
                       absl::StrCat("certificate ", d.payload, " expires at ",
                                    absl::FormatTime(absl::RFC3339_sec, d.due_at,
                                                     absl::FixedTimeZone(8 * 3600))),
                       d.due_at - kExpiryReminderLead});
        if (!s.ok()) return s;
        log::Info("certificate_expiry_reminder",
                  {{"certificate_id", d.subject}, {"number", d.payload}});
        if (reminders != nullptr) reminders->Increment();
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::personnel
