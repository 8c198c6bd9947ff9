#ifndef LAWENFORCE_COMMON_STORE_POSTGRES_ENDPOINT_H_
#define LAWENFORCE_COMMON_STORE_POSTGRES_ENDPOINT_H_

// Internal to the PostgreSQL backend: from PostgresOptions to libpq's
// connection parameters, and the checks run once at open.

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/store/postgres_connection.h"
#include "common/store/postgres_database.h"
#include "common/store/postgres_errors.h"

namespace lawenforce::store {

// Validates `options` (INVALID_ARGUMENT naming the field), reads the
// password file (INVALID_ARGUMENT naming its path, never its content) and
// builds the libpq parameters: session settings (search_path, timeouts,
// bytea_output=hex) travel in the startup packet, so a new connection costs
// no extra round trip.
absl::StatusOr<PostgresEndpoint> MakePostgresEndpoint(const PostgresOptions& options);

// On a fresh connection outside any transaction: FAILED_PRECONDITION unless
// the database's encoding is UTF8; creates `schema` when missing (without
// needing the CREATE privilege when it exists). `label` names the server.
absl::Status PreparePostgresDatabase(PostgresConnection& conn, absl::string_view schema,
                                     absl::string_view label);

// The pg_advisory_lock key of RunExclusive(`key`) in `schema`: a 64-bit
// FNV-1a hash, the same in every process and build.
int64_t AdvisoryLockKey(absl::string_view schema, absl::string_view key);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_POSTGRES_ENDPOINT_H_
