#ifndef LAWENFORCE_COMMON_STORE_SQLITE_DATABASE_H_
#define LAWENFORCE_COMMON_STORE_SQLITE_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::store {

struct SqliteOptions {
  // File path; created when missing. ":memory:" is refused (readers would
  // not share it); tests use a temporary file.
  std::string path;
  // Read connections kept open; reads beyond this wait for one.
  int reader_connections = 4;
  // How long a statement waits on another process's lock before UNAVAILABLE.
  absl::Duration busy_timeout = absl::Seconds(5);
};

// Opens (creating if needed) a SQLite database in WAL mode with
// synchronous=FULL and foreign keys on. Prepared statements are cached per
// connection. One write connection (writers queue on a mutex; BEGIN
// IMMEDIATE) and a pool of read connections.
// INVALID_ARGUMENT naming the field for an empty or ":memory:" path or fewer
// than one reader; UNAVAILABLE naming the path when the file cannot be
// opened (or is locked past busy_timeout); INTERNAL naming the path when it
// is not a usable database.
absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_SQLITE_DATABASE_H_
