#include "common/store/postgres_errors.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace lawenforce::store {
namespace {

// PostgreSQL's messages are short; the cap keeps a pathological one (or a
// long identifier) from flooding a status, as for SQLite.
constexpr size_t kMaxMessageLength = 200;

// The catalog's view of a unique index: its table and columns in order.
constexpr char kConstraintColumnsSql[] =
    "SELECT c.relname, a.attname "
    "FROM pg_catalog.pg_class ic "
    "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace "
    "JOIN pg_catalog.pg_index i ON i.indexrelid = ic.oid "
    "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
    "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
    "WHERE n.nspname = $1 AND ic.relname = $2 ORDER BY k.ord";

std::string Field(const PGresult* result, int field) {
  const char* value = result == nullptr ? nullptr : PQresultErrorField(result, field);
  return value == nullptr ? std::string() : std::string(value);
}

// The first line of a libpq message, capped.
std::string FirstLine(absl::string_view message) {
  message = absl::StripAsciiWhitespace(message);
  message = message.substr(0, message.find('\n'));
  return std::string(absl::StripAsciiWhitespace(message.substr(0, kMaxMessageLength)));
}

std::string Capped(absl::string_view message) {
  return std::string(message.substr(0, kMaxMessageLength));
}

// "t.a, t.b" from a detail "Key (a, b)=(...) already exists.", reading only
// the column list; "" unless it is a plain list of names.
std::string ColumnsFromDetail(absl::string_view detail, absl::string_view table) {
  if (!absl::ConsumePrefix(&detail, "Key (")) {
    return "";
  }
  const size_t end = detail.find(")=(");
  if (end == absl::string_view::npos || table.empty()) {
    return "";
  }
  const absl::string_view columns = detail.substr(0, end);
  if (absl::StrContains(columns, '"') || absl::StrContains(columns, '(')) {
    return "";
  }
  std::vector<std::string> named;
  for (absl::string_view column : absl::StrSplit(columns, ", ")) {
    named.push_back(absl::StrCat(table, ".", column));
  }
  return absl::StrJoin(named, ", ");
}

bool IsConnectionState(absl::string_view sqlstate) {
  // 08: connection exception; 57P01..57P03: the server shuts down or
  // restarts (admin_shutdown, crash_shutdown, cannot_connect_now).
  return absl::StartsWith(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

absl::Status Unavailable(const PostgresEndpoint& endpoint, absl::string_view reason) {
  return absl::UnavailableError(absl::StrCat("postgres ", endpoint.label, ": ", reason));
}

}  // namespace

absl::StatusOr<PgConnPtr> ConnectPostgres(const PostgresEndpoint& endpoint) {
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (size_t i = 0; i < endpoint.keywords.size(); ++i) {
    keywords.push_back(endpoint.keywords[i].c_str());
    values.push_back(endpoint.values[i].c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  PgConnPtr conn(PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/0));
  if (conn == nullptr) {
    return Unavailable(endpoint, "cannot connect: out of memory");
  }
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Unavailable(endpoint,
                       absl::StrCat("cannot connect: ", FirstLine(PQerrorMessage(conn.get()))));
  }
  // Notices ("relation already exists, skipping") are not errors; libpq
  // would print them on stderr.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

std::string ConstraintColumns::Describe(const PGresult* result) {
  const std::string schema = Field(result, PG_DIAG_SCHEMA_NAME);
  const std::string constraint = Field(result, PG_DIAG_CONSTRAINT_NAME);
  const std::string table = Field(result, PG_DIAG_TABLE_NAME);
  if (!schema.empty() && !constraint.empty()) {
    const std::string key = absl::StrCat(schema, ".", constraint);
    absl::MutexLock lock(&mu_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      return it->second;
    }
    absl::StatusOr<std::string> columns = LookUp(schema, constraint);
    if (columns.ok() && !columns->empty()) {
      cache_.emplace(key, *columns);
      return *columns;
    }
  }
  std::string columns = ColumnsFromDetail(Field(result, PG_DIAG_MESSAGE_DETAIL), table);
  if (!columns.empty()) {
    return columns;
  }
  return constraint.empty() ? "unique constraint" : Capped(constraint);
}

absl::StatusOr<std::string> ConstraintColumns::LookUp(const std::string& schema,
                                                      const std::string& constraint) {
  if (conn_ == nullptr || PQstatus(conn_.get()) != CONNECTION_OK) {
    conn_.reset();
    absl::StatusOr<PgConnPtr> conn = ConnectPostgres(*endpoint_);
    if (!conn.ok()) {
      return conn.status();
    }
    conn_ = std::move(*conn);
  }
  const char* params[] = {schema.c_str(), constraint.c_str()};
  PgResultPtr result(
      PQexecParams(conn_.get(), kConstraintColumnsSql, 2, nullptr, params, nullptr, nullptr, 0));
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    return ErrorOf(result.get(), conn_.get(), *endpoint_, nullptr).status;
  }
  std::vector<std::string> columns;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    columns.push_back(
        absl::StrCat(PQgetvalue(result.get(), row, 0), ".", PQgetvalue(result.get(), row, 1)));
  }
  return absl::StrJoin(columns, ", ");
}

PostgresError ErrorOf(const PGresult* result, PGconn* conn, const PostgresEndpoint& endpoint,
                      ConstraintColumns* constraints) {
  const std::string sqlstate = Field(result, PG_DIAG_SQLSTATE);
  const bool conn_bad = conn == nullptr || PQstatus(conn) == CONNECTION_BAD;
  if (conn_bad || IsConnectionState(sqlstate)) {
    std::string reason = FirstLine(result != nullptr ? PQresultErrorMessage(result) : "");
    if (reason.empty() && conn != nullptr) {
      reason = FirstLine(PQerrorMessage(conn));
    }
    return {Unavailable(endpoint, reason.empty() ? "connection lost" : reason), false, true};
  }
  if (sqlstate.empty()) {
    // libpq's own error on a healthy connection (it names no statement).
    const std::string reason = FirstLine(conn != nullptr ? PQerrorMessage(conn) : "");
    return {absl::InternalError(absl::StrCat("libpq: ", reason))};
  }
  const std::string table = Field(result, PG_DIAG_TABLE_NAME);
  const std::string constraint = Capped(Field(result, PG_DIAG_CONSTRAINT_NAME));
  if (sqlstate == "40001") {
    return {absl::AbortedError("serialization failure"), true};
  }
  if (sqlstate == "40P01") {
    return {absl::AbortedError("deadlock detected"), true};
  }
  if (sqlstate == "23505") {
    return {absl::AlreadyExistsError(constraints != nullptr ? constraints->Describe(result)
                                                            : constraint)};
  }
  if (sqlstate == "23502") {
    return {absl::FailedPreconditionError(Capped(absl::StrCat(
        "NOT NULL constraint failed: ", table, ".", Field(result, PG_DIAG_COLUMN_NAME))))};
  }
  if (sqlstate == "23514") {
    return {absl::FailedPreconditionError(absl::StrCat("CHECK constraint failed: ", constraint))};
  }
  if (sqlstate == "23503") {
    return {
        absl::FailedPreconditionError(absl::StrCat("FOREIGN KEY constraint failed: ", constraint))};
  }
  if (absl::StartsWith(sqlstate, "23")) {
    return {absl::FailedPreconditionError(
        absl::StrCat("constraint failed: ", constraint, " (SQLSTATE ", sqlstate, ")"))};
  }
  if (sqlstate == "57014") {
    return {absl::DeadlineExceededError("statement timed out (statement_timeout)")};
  }
  if (sqlstate == "55P03") {
    return {Unavailable(endpoint, "lock not available")};
  }
  if (sqlstate == "25006") {
    return {absl::InternalError("cannot write in a read-only transaction (SQLSTATE 25006)")};
  }
  if (absl::StartsWith(sqlstate, "22")) {
    // Data exceptions quote the offending value: say only what kind it was.
    return {absl::InternalError(
        absl::StrCat("value not valid for its column or operator (SQLSTATE ", sqlstate, ")"))};
  }
  return {absl::InternalError(absl::StrCat(FirstLine(Field(result, PG_DIAG_MESSAGE_PRIMARY)),
                                           " (SQLSTATE ", sqlstate, ")"))};
}

}  // namespace lawenforce::store
