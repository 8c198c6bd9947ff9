#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_CERTIFICATE_DEADLINES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_CERTIFICATE_DEADLINES_H_

// personnel-service's handlers on the deadline engine. Each runs inside the
// engine's transaction, which also marks the deadline fired, so its effect
// happens exactly once however often the deadline is delivered.
//
//   certificate_expiry (due):      an ACTIVE or SUSPENDED certificate
//     becomes EXPIRED through the store's one writer of certificate state
//     (sql_writes.h), with a history event by "system", an audit row, and
//     the invalidations journaled. A certificate already final is left alone.
//   certificate_reinstate (due):   a suspension with an end, at its end:
//     SUSPENDED -> ACTIVE by "system" (audit "certificate.suspension_ended"),
//     unless the certificate changed since.
//   certificate_expiry (reminder): 30 days before; an audit row
//     "certificate.expiry_reminder" (the durable record that the reminder
//     went out), a log line and lawenforce_personnel_expiry_reminders_total.

#include "common/deadlines/deadline_engine.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "prometheus/registry.h"

namespace lawenforce::personnel {

// `changes` and `registry` may be null. Everything given must outlive `engine`.
void RegisterCertificateDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                  IdGenerator* ids, prometheus::Registry* registry,
                                  absl::Duration reminder_lead = absl::Hours(24 * 30));

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_CERTIFICATE_DEADLINES_H_
