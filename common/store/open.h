#ifndef LAWENFORCE_COMMON_STORE_OPEN_H_
#define LAWENFORCE_COMMON_STORE_OPEN_H_

// One flag for the system of record of a service (`--store`): a URL that
// names the backend and its settings (docs/postgres.md).
//
//   sqlite:///var/lib/lawenforce/personnel.db      absolute path
//   sqlite:data/personnel.db                       relative path
//     optional ?readers=4&busy_timeout=5s
//   postgres://user[:password]@host[:port]/dbname[?param=value&...]
//   postgresql://...                               the same
//     schema=personnel        (default: OpenOptions::default_schema)
//     pool=8                  connections
//     pool_timeout=5s         wait for a free connection
//     connect_timeout=5s
//     statement_timeout=30s   0s: none
//     lock_timeout=2m         RunExclusive (migrations) lock wait
//     network_timeout=15s     TCP keepalives and tcp_user_timeout
//     serialization_retries=16
//     sslmode=verify-full&sslrootcert=/p&sslcert=/p&sslkey=/p
//     password_file=/run/secrets/pg   (preferred to a password in the URL)
//     application_name=personnel
// Host may be a [bracketed] IPv6 address; the default port is 5432. User,
// password, path and values are percent-decoded. Durations take a unit
// (absl::ParseDuration: 500ms, 5s, 2m).

#include <memory>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/store/postgres_database.h"
#include "common/store/sql.h"
#include "common/store/sqlite_database.h"

namespace lawenforce::store {

struct OpenOptions {
  // The PostgreSQL schema when the URL names none (the service's name, so
  // that services sharing a database keep apart).
  std::string default_schema = "public";
  // The PostgreSQL application_name when the URL names none (pg_stat_activity
  // then shows which service holds a connection; scripts/restore checks it).
  std::string default_application_name = "lawenforce";
};

// The options a store URL stands for.
using StoreConfig = std::variant<SqliteOptions, PostgresOptions>;

// INVALID_ARGUMENT naming the part of the URL at fault (the message shows
// the URL with its password redacted, never the password).
absl::StatusOr<StoreConfig> ParseStoreUrl(absl::string_view url, const OpenOptions& options = {});

// Parses `url` and opens the database it names: OpenSqlite or OpenPostgres
// (whose codes apply).
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(absl::string_view url,
                                                       const OpenOptions& options = {});

// `url` for logs: a password in it replaced by "REDACTED". Any string is
// accepted; one that is not a URL comes back unchanged.
std::string RedactStoreUrl(absl::string_view url);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_OPEN_H_
