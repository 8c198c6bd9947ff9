#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SCHEMA_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SCHEMA_H_

// personnel-service's versioned schema. A released step is never edited:
// add a new Migration instead.

#include <vector>

#include "common/store/sql.h"

namespace lawenforce::personnel {

inline constexpr absl::string_view kServiceName = "personnel";

const std::vector<store::Migration>& PersonnelMigrations();

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SCHEMA_H_
