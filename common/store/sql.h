#ifndef LAWENFORCE_COMMON_STORE_SQL_H_
#define LAWENFORCE_COMMON_STORE_SQL_H_

// A small SQL interface behind which every service keeps its system of
// record. Two backends are planned: SQLite (embedded default, sqlite_database.h)
// and PostgreSQL (production). Services write portable SQL with `?`
// placeholders; a backend rewrites them as it needs ($1, $2... for PostgreSQL).
//
// Durability contract: when Write() returns OK the transaction is durable
// (SQLite: WAL + synchronous=FULL). Nothing is acknowledged before that.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace lawenforce::store {

// A bound parameter or a column value. std::monostate is SQL NULL; strings
// carry TEXT and BLOB alike (SQLite binds a string as TEXT when it is valid
// UTF-8 without NUL bytes and as BLOB otherwise; equal strings always bind
// alike, and both read back byte for byte).
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// Convenience constructors for parameter lists: {Int(3), Text("x"), Null()}.
inline Value Null() { return std::monostate{}; }
inline Value Int(int64_t v) { return v; }
inline Value Real(double v) { return v; }
inline Value Text(absl::string_view v) { return std::string(v); }
inline Value Bool(bool v) { return static_cast<int64_t>(v ? 1 : 0); }

// One result row. Accessors are lenient about NULL: they return 0, 0.0 or
// "" for it, so optional columns need IsNull() only when NULL means something.
// They also convert: Int() truncates a REAL toward zero (saturating) and
// parses a numeric TEXT (0 otherwise); Real() widens an INTEGER; Text()
// formats a number (a REAL in its shortest round-trip form).
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  std::string Text(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }
  // The value as the backend returned it (to copy it unchanged).
  const Value& value(size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

// A unit of work on one connection. Not thread-safe; valid only inside the
// callback that received it.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Runs one statement; returns the number of rows it changed (0 for a
  // statement that changes no rows, such as DDL).
  // ALREADY_EXISTS on a UNIQUE or PRIMARY KEY violation, whose message is
  // exactly the constraint's columns (e.g. "certificates.number", or
  // "t.a, t.b"); FAILED_PRECONDITION on another constraint (NOT NULL, CHECK,
  // FOREIGN KEY); UNAVAILABLE when the database is busy past its timeout;
  // INVALID_ARGUMENT when `sql` is not exactly one statement or the number
  // of `params` differs from its placeholders; INTERNAL otherwise. Messages
  // never contain the statement.
  virtual absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                          absl::Span<const Value> params = {}) = 0;

  // Runs one query and returns every row. Errors as for Execute().
  virtual absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                                 absl::Span<const Value> params = {}) = 0;

  // Runs several `;`-separated statements without parameters (migrations).
  virtual absl::Status ExecuteScript(absl::string_view sql) = 0;
};

// Thread-safe. Concurrent Read()s run in parallel; Write()s are serialised.
class Database {
 public:
  virtual ~Database() = default;

  // Runs `fn` in a write transaction and commits iff it returns OK; the
  // commit is durable before Write returns. The status of `fn` (or of the
  // commit) is returned. `fn` may be run again when the backend must retry
  // (e.g. a serialization failure), so it must not have outside effects.
  // `fn` must not call Write() itself (writers are serialised: deadlock).
  // UNAVAILABLE when another process holds the write lock past the timeout.
  virtual absl::Status Write(absl::FunctionRef<absl::Status(Transaction&)> fn) = 0;

  // Runs `fn` on a consistent snapshot; writes inside it fail (INTERNAL on
  // SQLite) and change nothing. Blocks while every read connection is busy.
  virtual absl::Status Read(absl::FunctionRef<absl::Status(Transaction&)> fn) = 0;

  // "sqlite" or "postgres", for the rare statement that differs.
  virtual absl::string_view dialect() const = 0;

  // Runs `fn` while holding the lock named `key`, which excludes every other
  // RunExclusive() with that key on the same database from any process, and
  // returns its status. `fn` may call Write() and Read(). Migrate() runs in
  // one, so that replicas starting together migrate one after another.
  // PostgreSQL: a session advisory lock on a connection of its own
  // (DEADLINE_EXCEEDED when not granted within its lock_timeout). This
  // default just runs `fn`: a single writer (SQLite) serialises migrations.
  virtual absl::Status RunExclusive(absl::string_view key, absl::FunctionRef<absl::Status()> fn) {
    (void)key;
    return fn();
  }
};

// One versioned schema step of a service. Versions start at 1 and increase
// by one; a step, once released, is never edited (add a new one instead).
struct Migration {
  int version;
  absl::string_view name;
  absl::string_view sql;
};

// Applies every migration of `service` above its recorded version, each in
// its own transaction with the version recorded in `schema_migrations`
// (service, version, name, applied_at). FAILED_PRECONDITION when the database
// is at a version this binary does not know (a newer binary migrated it);
// INVALID_ARGUMENT when `migrations` are not numbered 1..n in order. A step
// that fails is rolled back and its status returned (code kept, message
// prefixed with "migration <service>/<version> (<name>)"); the steps before
// it stay applied. Safe to run at every start-up, and from two processes.
absl::Status Migrate(Database& db, absl::string_view service,
                     absl::Span<const Migration> migrations);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_SQL_H_
