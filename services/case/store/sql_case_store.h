#ifndef LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

// CaseStores on the common SQL interface. Runs case-service's migrations
// on open, then writes the statistics facts of cases filed before them
// (case_facts.h). `db`, `ids`, `changes` (may be null) and `deadlines`
// (may be null: no Redis, no deadline rows) must outlive it.
absl::StatusOr<std::unique_ptr<CaseStores>> OpenSqlCaseStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_
