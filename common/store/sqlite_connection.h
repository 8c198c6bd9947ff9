#ifndef LAWENFORCE_COMMON_STORE_SQLITE_CONNECTION_H_
#define LAWENFORCE_COMMON_STORE_SQLITE_CONNECTION_H_

// Internal to the SQLite backend (sqlite_database.cc); services use
// sqlite_database.h.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/store/sql.h"

namespace lawenforce::store {

// The status for an SQLite (extended) result code; `message` is sqlite's
// short reason and never the statement. UNIQUE/PRIMARY KEY -> ALREADY_EXISTS
// whose message is just the columns ("certificates.number"); any other
// constraint -> FAILED_PRECONDITION; BUSY/LOCKED -> UNAVAILABLE; the rest
// INTERNAL.
absl::Status SqliteStatus(int code, absl::string_view message);

// True when `bytes` is bound as TEXT: valid UTF-8 without NUL bytes. Other
// strings are bound as BLOB. The choice depends only on the bytes, so equal
// strings always bind alike and equality lookups find what was stored.
bool IsSqliteText(absl::string_view bytes);

// One SQLite connection and its prepared statements. Not thread-safe: its
// owner hands it to one thread at a time (so it is opened without SQLite's
// own mutex).
class SqliteConnection {
 public:
  enum class Mode {
    kWriter,  // Read-write, creates the file, switches it to WAL.
    kReader,  // Read-only: any write fails.
  };

  // UNAVAILABLE naming `path` when the file cannot be opened; the status of
  // the failing PRAGMA (prefixed with the path) when it cannot be set up.
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Mode mode,
                                                                absl::Duration busy_timeout);

  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // As Transaction::Execute / Query / ExecuteScript. INVALID_ARGUMENT when
  // `sql` is not exactly one statement or the parameter count differs.
  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params);
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, absl::Span<const Value> params);
  absl::Status ExecuteScript(absl::string_view sql);

  // Whether a transaction is open (SQLite ends one itself on some errors).
  bool InTransaction() const;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  // The cached statement for `sql`, preparing it on first use.
  absl::StatusOr<sqlite3_stmt*> Prepare(absl::string_view sql);
  // Binds, steps to the end (appending rows when `rows` is set), then resets
  // the statement and clears its bindings whatever happened.
  absl::Status Run(sqlite3_stmt* stmt, absl::Span<const Value> params, std::vector<Row>* rows);
  absl::Status Bind(sqlite3_stmt* stmt, absl::Span<const Value> params);
  absl::Status LastError(int code) const;
  void ClearCache();

  sqlite3* const db_;
  absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_SQLITE_CONNECTION_H_
