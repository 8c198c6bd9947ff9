#ifndef LAWENFORCE_COMMON_STORE_POSTGRES_ERRORS_H_
#define LAWENFORCE_COMMON_STORE_POSTGRES_ERRORS_H_

// Internal to the PostgreSQL backend: connecting, and the one mapping from a
// failed libpq result to an absl::Status (the Transaction::Execute contract
// of sql.h). Messages name the server as host:port and never carry a
// statement, a parameter, a row value (PostgreSQL's DETAIL) or a password.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace lawenforce::store {

struct PgConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

// Where connections go: libpq keywords and values (password included), and
// the "host:port" that messages name.
struct PostgresEndpoint {
  std::vector<std::string> keywords;
  std::vector<std::string> values;
  std::string label;
};

// Opens a connection, blocking up to the endpoint's connect_timeout.
// UNAVAILABLE naming the label, with libpq's one-line reason.
absl::StatusOr<PgConnPtr> ConnectPostgres(const PostgresEndpoint& endpoint);

// The columns of unique constraints, spelled as SQLite reports them
// ("certificates.number", "assignments.officer, assignments.division"):
// looked up in the catalog on a private connection, cached per constraint.
// Thread-safe.
class ConstraintColumns {
 public:
  // `endpoint` must outlive this object.
  explicit ConstraintColumns(const PostgresEndpoint* endpoint) : endpoint_(endpoint) {}

  // The message for the unique violation `result`. When the catalog cannot
  // tell (the constraint is not committed yet, or the server is gone), the
  // column list of the error's detail, else the constraint's name.
  std::string Describe(const PGresult* result) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  absl::StatusOr<std::string> LookUp(const std::string& schema, const std::string& constraint)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const PostgresEndpoint* const endpoint_;
  absl::Mutex mu_;
  PgConnPtr conn_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::string> cache_ ABSL_GUARDED_BY(mu_);
};

// What a failed result means for the caller and for the connection.
struct PostgresError {
  absl::Status status;
  // A serialization failure or deadlock: run the whole transaction again.
  bool retryable = false;
  // The connection is lost or being shut down: drop it.
  bool connection_lost = false;
};

// Maps a failed `result` (null when libpq could not even build one) of
// `conn`. `constraints` may be null (unique violations then name the
// constraint).
PostgresError ErrorOf(const PGresult* result, PGconn* conn, const PostgresEndpoint& endpoint,
                      ConstraintColumns* constraints);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_POSTGRES_ERRORS_H_
