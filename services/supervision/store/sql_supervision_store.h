#ifndef LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_

// supervision-service's store on common/store (SQLite or PostgreSQL), and
// the handlers of its deadlines. Complaint clocks on the deadline engine (kind
// "complaint_clock", subject "<complaint id>/<clock code>"): when a clock's
// due moment passes, in the engine's transaction, the complaint escalates
// one tier (FireClock), its next deadline is scheduled and the audit row
// and outbox event are written (actor "system"). A clock met, moved or
// re-routed meanwhile makes the firing a no-op.

#include <memory>

#include "absl/status/statusor.h"
#include "common/calendar/working_calendar.h"
#include "common/deadlines/deadline_engine.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "prometheus/registry.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

inline constexpr char kComplaintClockDeadline[] = "complaint_clock";

// Migrates `db` and returns the store. `changes` and `deadlines` may be
// null (no Redis: clocks are stored but do not fire). All must outlive it.
absl::StatusOr<std::unique_ptr<SupervisionStore>> OpenSqlSupervisionStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines);

// The handlers of complaint clocks and of rectification deadlines (kind
// "rectification_due", subject the rectification id: escalates it like a
// complaint clock). Everything given must outlive the engine; `registry`
// (nullable) gets the escalation counters by the tier and division that
// let the deadline lapse.
void RegisterSupervisionDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                  IdGenerator* ids, const lawenforce::Clock* clock,
                                  const calendar::WorkingCalendar* calendar,
                                  const Divisions* divisions, prometheus::Registry* registry);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_
