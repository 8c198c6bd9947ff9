#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// What the SQL store does besides SQL, inside the same transactions. Both
// are optional (null: no cache, no deadline engine — e.g. unit tests).
struct StoreHooks {
  // Certificate expiry deadlines are scheduled with the issue and cancelled
  // with revocation or cancellation.
  deadlines::DeadlineScheduler* deadlines = nullptr;
  // Every change journals the invalidation of the cache keys it makes wrong
  // (below) in its transaction and flushes it before the call returns.
  cache::InvalidationJournal* journal = nullptr;
};

// Cache keys (common/cache) of what this store's changes invalidate:
// an officer's eligibility facts (certificates with history, agency
// training policy, training minutes by year), an officer record, a
// certificate record.
std::string EligibilityCacheKey(absl::string_view officer_id);
std::string OfficerCacheKey(absl::string_view officer_id);
std::string CertificateCacheKey(absl::string_view certificate_id);

// PersonnelStore on the common SQL interface (SQLite now, PostgreSQL later).
// Runs the personnel migrations on open. `db`, `ids` and the hooks' targets
// must outlive it.
absl::StatusOr<std::unique_ptr<PersonnelStore>> OpenSqlPersonnelStore(store::Database* db,
                                                                      IdGenerator* ids,
                                                                      StoreHooks hooks = {});

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
