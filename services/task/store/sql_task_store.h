#ifndef LAWENFORCE_SERVICES_TASK_STORE_SQL_TASK_STORE_H_
#define LAWENFORCE_SERVICES_TASK_STORE_SQL_TASK_STORE_H_

// task-service's store on common/store (SQLite or PostgreSQL) and the
// handler of assignment deadlines (kind "assignment_due", subject the
// assignment id, a reminder 7 days before): when the due day passes, in the
// engine's transaction, an assignment not done becomes OVERDUE, and a yearly
// task's assignment is assigned again for the next year while the plan's
// period lasts (actor "system").

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "common/deadlines/deadline_engine.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "prometheus/registry.h"
#include "services/task/store/task_store.h"

namespace lawenforce::tasks {

inline constexpr char kAssignmentDeadline[] = "assignment_due";
inline constexpr absl::Duration kAssignmentReminder = absl::Hours(24 * 7);

absl::StatusOr<std::unique_ptr<TaskStores>> OpenSqlTaskStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines);

// `plans`, `clock` and the rest must outlive the engine.
void RegisterAssignmentDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                 IdGenerator* ids, const lawenforce::Clock* clock,
                                 const std::vector<Plan>* plans, const Divisions* divisions,
                                 prometheus::Registry* registry);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_STORE_SQL_TASK_STORE_H_
