#ifndef LAWENFORCE_SERVICES_CASE_STORE_SCHEMA_H_
#define LAWENFORCE_SERVICES_CASE_STORE_SCHEMA_H_

// case-service's migrations (portable SQL, docs/postgres.md).

#include <vector>

#include "common/store/sql.h"

namespace lawenforce::cases {

inline constexpr char kServiceName[] = "case";
// The deadline kind of every case clock; the subject is "<case id>/<clock code>".
inline constexpr char kCaseClockDeadline[] = "case_clock";

const std::vector<store::Migration>& CaseMigrations();

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_SCHEMA_H_
