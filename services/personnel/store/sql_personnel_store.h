#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// What the SQL store does besides SQL, inside the same transactions. Both
// are optional (null: no deadline engine, no cache — e.g. unit tests).
struct StoreHooks {
  // Certificate expiry deadlines are scheduled with the issue and cancelled
  // with revocation or cancellation.
  deadlines::DeadlineScheduler* deadlines = nullptr;
  // Journals the cache keys each change invalidates (cache_keys.h) and
  // flushes them before the call returns (kit::Env::changes).
  store::ChangeObserver* changes = nullptr;
  // How long before a certificate's expiry its reminder goes out
  // (PersonnelPolicy::expiry_reminder_lead).
  absl::Duration reminder_lead = absl::Hours(24 * 30);
};

// PersonnelStore on the common SQL interface (SQLite; PostgreSQL behind the
// same interface). Runs the personnel migrations on open. `db`, `ids` and
// the hooks' targets must outlive it.
absl::StatusOr<std::unique_ptr<PersonnelStore>> OpenSqlPersonnelStore(store::Database* db,
                                                                      IdGenerator* ids,
                                                                      StoreHooks hooks = {});

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
