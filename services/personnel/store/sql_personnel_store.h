#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// PersonnelStore on the common SQL interface (SQLite now, PostgreSQL later).
// Runs the personnel migrations on Open. `db` and `ids` must outlive it.

absl::StatusOr<std::unique_ptr<PersonnelStore>> OpenSqlPersonnelStore(store::Database* db,
                                                                      IdGenerator* ids);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_PERSONNEL_STORE_H_
