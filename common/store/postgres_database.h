#ifndef LAWENFORCE_COMMON_STORE_POSTGRES_DATABASE_H_
#define LAWENFORCE_COMMON_STORE_POSTGRES_DATABASE_H_

// The PostgreSQL backend of store::Database (libpq). Configuration and the
// SQL portability rules for service authors: docs/postgres.md.
//
// Transactions: Write() runs at SERIALIZABLE and, on a serialization failure
// or deadlock (SQLSTATE 40001, 40P01), rolls back and runs `fn` again, up to
// `serialization_retries` times with a small jittered backoff, then answers
// ABORTED. So read-modify-write code written for SQLite's single writer
// (read MAX(seq), insert MAX+1) loses no update with several replicas.
// COMMIT returning is durable (the server's synchronous_commit=on). Read()
// runs at REPEATABLE READ READ ONLY: one snapshot, writes fail (INTERNAL).
//
// Failures: on PostgreSQL a failed statement aborts its transaction; every
// later statement in the same callback fails with the first error's code,
// and Write() returns that error even when `fn` ignored it (nothing
// commits). A lost connection (server restart, failover, network) is dropped
// and replaced: a call whose connection was lost before its COMMIT is run
// again once on a new connection; a call that cannot reach the server
// answers UNAVAILABLE naming host:port; a Write whose COMMIT was sent but
// not answered answers UNAVAILABLE without retrying (the outcome is
// unknown). Nothing restarts the process: later calls reconnect.
//
// Connections: at most `pool_size`, opened on demand and kept; a caller
// waits up to `pool_timeout` for a free one, then UNAVAILABLE. Every
// connection has search_path = `schema` (created at open when missing),
// statement_timeout, bytea_output=hex and client_encoding=UTF8. A private
// connection, opened on the first unique violation, looks constraint
// columns up in the catalog; RunExclusive() opens one for its lock.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::store {

struct PostgresOptions {
  std::string host = "";  // name or address (libpq's `host`)
  int port = 5432;
  std::string dbname = "";
  std::string user = "";
  // Prefer password_file: a password in a URL or a flag ends up in process
  // listings and shell histories. When both are empty libpq's defaults
  // (~/.pgpass, PGPASSWORD) apply.
  std::string password = "";
  // Read at open; trailing newlines are stripped.
  std::string password_file = "";
  // The service's schema: created when missing; the connections' only
  // search_path entry, so unqualified tables (and schema_migrations) live
  // there. A lower-case SQL identifier: [a-z_][a-z0-9_]*, at most 63 bytes.
  std::string schema = "public";
  int pool_size = 8;
  absl::Duration pool_timeout = absl::Seconds(5);
  // libpq rounds up to whole seconds, at least 2.
  absl::Duration connect_timeout = absl::Seconds(5);
  // Per statement, enforced by the server (DEADLINE_EXCEEDED); zero: none.
  // Applies to migrations too.
  absl::Duration statement_timeout = absl::Seconds(30);
  // How long RunExclusive() waits for its lock (DEADLINE_EXCEEDED after).
  absl::Duration lock_timeout = absl::Minutes(2);
  // How long an unanswered connection is trusted: TCP keepalives and
  // tcp_user_timeout, so that a vanished server (failover without a reset)
  // fails a call instead of hanging it.
  absl::Duration network_timeout = absl::Seconds(15);
  // TLS, as libpq's options of the same names: sslmode is disable, allow,
  // prefer, require, verify-ca or verify-full ("" = libpq's default,
  // prefer). Production uses verify-full with sslrootcert.
  std::string sslmode = "";
  std::string sslrootcert = "";
  std::string sslcert = "";
  std::string sslkey = "";
  int serialization_retries = 16;
  std::string application_name = "lawenforce";
};

// Validates `options`, connects once (to check the server and create the
// schema) and returns the database. INVALID_ARGUMENT naming the field for a
// bad option (or an unreadable password_file, named by path); UNAVAILABLE
// naming host:port when the server cannot be reached or refuses the login;
// FAILED_PRECONDITION when the database's encoding is not UTF8.
absl::StatusOr<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_POSTGRES_DATABASE_H_
