#ifndef LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_

// supervision-service's store on common/store (SQLite or PostgreSQL), and
// the handler of its complaint clocks on the deadline engine (kind
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
#include "prometheus/registry.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

inline constexpr char kComplaintClockDeadline[] = "complaint_clock";

// Migrates `db` and returns the store. `changes` and `deadlines` may be
// null (no Redis: clocks are stored but do not fire). All must outlive it.
absl::StatusOr<std::unique_ptr<ComplaintStore>> OpenSqlSupervisionStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines);

// Everything given must outlive the engine. `escalated` (nullable) counts
// escalations by the tier and division that let the clock lapse.
void RegisterComplaintClockDeadlines(deadlines::DeadlineEngine& engine,
                                     store::ChangeObserver* changes, IdGenerator* ids,
                                     const calendar::WorkingCalendar* calendar,
                                     const Divisions* divisions, prometheus::Registry* registry);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_STORE_SQL_SUPERVISION_STORE_H_
