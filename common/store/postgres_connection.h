#ifndef LAWENFORCE_COMMON_STORE_POSTGRES_CONNECTION_H_
#define LAWENFORCE_COMMON_STORE_POSTGRES_CONNECTION_H_

// Internal to the PostgreSQL backend (postgres_database.cc); services use
// postgres_database.h.
//
// Statements run through the extended protocol with bound parameters. The
// first time a statement text is seen, the server describes it (the types it
// infers for $1..$n); the description is cached per database, so later runs
// take one round trip (unnamed statement: parsed and planned each run, so a
// schema change can never leave a stale plan behind). A parameter the server
// types as bytea is sent as raw bytes; any other string must be valid UTF-8
// without NUL.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "common/store/postgres_errors.h"
#include "common/store/sql.h"

namespace lawenforce::store {

// The message for a string parameter that PostgreSQL text cannot hold.
inline constexpr absl::string_view kBinaryValueMessage =
    "binary value: encode it (base64/hex) before storing";

// A statement as sent to the server, with the parameter types it inferred.
struct DescribedStatement {
  std::string sql;
  std::vector<Oid> types;
};

// Descriptions by original statement text. Thread-safe.
class StatementCache {
 public:
  std::shared_ptr<const DescribedStatement> Find(absl::string_view sql) ABSL_LOCKS_EXCLUDED(mu_);
  void Insert(absl::string_view sql, std::shared_ptr<const DescribedStatement> statement)
      ABSL_LOCKS_EXCLUDED(mu_);
  // After a schema change: parameter types may have changed.
  void Clear() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const DescribedStatement>> map_
      ABSL_GUARDED_BY(mu_);
};

// What the connections of one database share. Not movable: members point
// at each other.
struct PostgresShared {
  explicit PostgresShared(PostgresEndpoint e) : endpoint(std::move(e)) {}
  PostgresShared(const PostgresShared&) = delete;
  PostgresShared& operator=(const PostgresShared&) = delete;

  const PostgresEndpoint endpoint;
  ConstraintColumns constraints{&endpoint};
  StatementCache statements;
};

// One server connection. Not thread-safe: the pool hands it to one thread
// at a time.
class PostgresConnection {
 public:
  // UNAVAILABLE naming host:port when the server cannot be reached.
  static absl::StatusOr<std::unique_ptr<PostgresConnection>> Open(PostgresShared* shared);

  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // As Transaction::Execute / Query / ExecuteScript (sql.h).
  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params);
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, absl::Span<const Value> params);
  absl::Status ExecuteScript(absl::string_view sql);

  // Runs a fixed command without parameters (BEGIN, COMMIT, ROLLBACK...).
  PostgresError Command(const char* sql);

  // Forgets the failures of the previous transaction; call before BEGIN.
  void StartTransaction();
  // The first failure since StartTransaction(), OK when none.
  const absl::Status& first_error() const { return first_error_; }
  // A statement since StartTransaction() hit a serialization failure or a
  // deadlock: the transaction must be run again.
  bool retry_wanted() const { return retry_wanted_; }
  // The connection is gone (or the server is going): drop it.
  bool lost() const;
  PGTransactionStatusType transaction_status() const { return PQtransactionStatus(conn_.get()); }

 private:
  PostgresConnection(PostgresShared* shared, PgConnPtr conn)
      : shared_(shared), conn_(std::move(conn)) {}

  // Binds and runs one statement; its result when it succeeded.
  absl::StatusOr<PgResultPtr> Run(absl::string_view sql, absl::Span<const Value> params);
  absl::StatusOr<std::shared_ptr<const DescribedStatement>> Describe(absl::string_view sql);
  // Maps a failed result and remembers what it means for the transaction.
  absl::Status Fail(const PGresult* result);

  PostgresShared* const shared_;
  PgConnPtr conn_;
  absl::Status first_error_;
  bool retry_wanted_ = false;
  bool lost_ = false;
};

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_POSTGRES_CONNECTION_H_
