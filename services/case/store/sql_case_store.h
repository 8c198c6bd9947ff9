#ifndef LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/ids/id_generator.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

// CaseStore on the common SQL interface. Runs case-service's migrations on
// open. `db`, `ids` and `changes` (may be null) must outlive it.
absl::StatusOr<std::unique_ptr<CaseStore>> OpenSqlCaseStore(store::Database* db, IdGenerator* ids,
                                                            store::ChangeObserver* changes);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_SQL_CASE_STORE_H_
