#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_DEADLINES_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_DEADLINES_H_

// The handler of case clock deadlines (kind "case_clock", subject
// "<case id>/<clock code>"): when a clock's due moment passes, in the
// engine's transaction, the clock becomes OVERDUE (or LAPSED for a party's
// window), the case is flagged, and the record entry, outbox event and
// audit row are written (actor "system"). A clock met, moved or stopped
// meanwhile makes the firing a no-op.

#include "common/calendar/working_calendar.h"
#include "common/deadlines/deadline_engine.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "prometheus/registry.h"
#include "services/case/domain/clocks.h"

namespace lawenforce::cases {

// Everything given must outlive the engine.
void RegisterCaseClockDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                IdGenerator* ids, const calendar::WorkingCalendar* calendar,
                                const ClockPolicy* policy, prometheus::Registry* registry);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_DEADLINES_H_
