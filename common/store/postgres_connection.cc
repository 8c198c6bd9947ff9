#include "common/store/postgres_connection.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <variant>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/store/postgres_sql.h"
#include "common/store/sqlite_connection.h"

namespace lawenforce::store {
namespace {

// Type OIDs (catalog/pg_type_d.h, stable since PostgreSQL 7).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Statements are cached by their text; services use a fixed set, so this is
// only a guard against a caller that builds SQL dynamically.
constexpr size_t kMaxCachedStatements = 1024;

// A double as PostgreSQL's float8 input reads it back exactly.
std::string FormatDouble(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "Infinity" : "-Infinity";
  }
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, result.ptr);
}

// One column of a text-format result.
Value Decode(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) {
    return std::monostate{};
  }
  const absl::string_view text(PQgetvalue(result, row, column), PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      int64_t n = 0;
      if (absl::SimpleAtoi(text, &n)) {
        return n;
      }
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double d = 0;
      if (absl::SimpleAtod(text, &d)) {
        return d;
      }
      break;
    }
    case kBoolOid:
      return static_cast<int64_t>(text == "t" ? 1 : 0);
    case kByteaOid:
      // bytea_output=hex (set for every connection): "\x" then hex digits.
      if (absl::StartsWith(text, "\\x")) {
        return absl::HexStringToBytes(text.substr(2));
      }
      break;
    default:
      break;
  }
  return std::string(text);
}

// The rows a statement changed, from its command tag ("UPDATE 3"); 0 for
// anything that changes no rows (SELECT, DDL).
int64_t ChangedRows(const PGresult* result) {
  const absl::string_view tag = PQcmdStatus(const_cast<PGresult*>(result));
  for (absl::string_view verb : {"INSERT ", "UPDATE ", "DELETE ", "MERGE "}) {
    if (absl::StartsWith(tag, verb)) {
      int64_t n = 0;
      return absl::SimpleAtoi(PQcmdTuples(const_cast<PGresult*>(result)), &n) ? n : 0;
    }
  }
  return 0;
}

bool Succeeded(const PGresult* result) {
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

std::shared_ptr<const DescribedStatement> StatementCache::Find(absl::string_view sql) {
  absl::MutexLock lock(&mu_);
  auto it = map_.find(sql);
  return it == map_.end() ? nullptr : it->second;
}

void StatementCache::Insert(absl::string_view sql,
                            std::shared_ptr<const DescribedStatement> statement) {
  absl::MutexLock lock(&mu_);
  if (map_.size() >= kMaxCachedStatements) {
    map_.clear();
  }
  map_.insert_or_assign(std::string(sql), std::move(statement));
}

void StatementCache::Clear() {
  absl::MutexLock lock(&mu_);
  map_.clear();
}

absl::StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(
    PostgresShared* shared) {
  absl::StatusOr<PgConnPtr> conn = ConnectPostgres(shared->endpoint);
  if (!conn.ok()) {
    return conn.status();
  }
  return std::unique_ptr<PostgresConnection>(new PostgresConnection(shared, std::move(*conn)));
}

bool PostgresConnection::lost() const { return lost_ || PQstatus(conn_.get()) != CONNECTION_OK; }

void PostgresConnection::StartTransaction() {
  first_error_ = absl::OkStatus();
  retry_wanted_ = false;
}

absl::Status PostgresConnection::Fail(const PGresult* result) {
  PostgresError error = ErrorOf(result, conn_.get(), shared_->endpoint, &shared_->constraints);
  retry_wanted_ = retry_wanted_ || error.retryable;
  lost_ = lost_ || error.connection_lost;
  if (first_error_.ok()) {
    first_error_ = error.status;
  }
  return error.status;
}

PostgresError PostgresConnection::Command(const char* sql) {
  PgResultPtr result(PQexec(conn_.get(), sql));
  if (Succeeded(result.get())) {
    return {};
  }
  PostgresError error = ErrorOf(result.get(), conn_.get(), shared_->endpoint, nullptr);
  lost_ = lost_ || error.connection_lost;
  return error;
}

absl::StatusOr<std::shared_ptr<const DescribedStatement>> PostgresConnection::Describe(
    absl::string_view sql) {
  if (std::shared_ptr<const DescribedStatement> found = shared_->statements.Find(sql)) {
    return found;
  }
  absl::StatusOr<PostgresStatement> translated = TranslateStatement(sql);
  if (!translated.ok()) {
    return translated.status();
  }
  PgResultPtr prepared(PQprepare(conn_.get(), "", translated->sql.c_str(), 0, nullptr));
  if (!Succeeded(prepared.get())) {
    return Fail(prepared.get());
  }
  PgResultPtr described(PQdescribePrepared(conn_.get(), ""));
  if (!Succeeded(described.get())) {
    return Fail(described.get());
  }
  auto statement = std::make_shared<DescribedStatement>();
  statement->sql = std::move(translated->sql);
  for (int i = 0; i < PQnparams(described.get()); ++i) {
    statement->types.push_back(PQparamtype(described.get(), i));
  }
  if (IsSchemaChange(statement->sql)) {
    shared_->statements.Clear();  // and not worth caching itself
  } else {
    shared_->statements.Insert(sql, statement);
  }
  return statement;
}

absl::StatusOr<PgResultPtr> PostgresConnection::Run(absl::string_view sql,
                                                    absl::Span<const Value> params) {
  if (transaction_status() == PQTRANS_INERROR && !first_error_.ok()) {
    // PostgreSQL ignores every statement after a failed one until the
    // transaction ends; say why.
    return absl::Status(
        first_error_.code(),
        absl::StrCat("transaction aborted by an earlier error: ", first_error_.message()));
  }
  absl::StatusOr<std::shared_ptr<const DescribedStatement>> statement = Describe(sql);
  if (!statement.ok()) {
    return statement.status();
  }
  const std::vector<Oid>& types = (*statement)->types;
  if (types.size() != params.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("statement takes ", types.size(), " parameters, got ", params.size()));
  }
  const int n = static_cast<int>(params.size());
  std::vector<std::string> texts(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 0);
  for (int i = 0; i < n; ++i) {
    const Value& v = params[i];
    if (const auto* number = std::get_if<int64_t>(&v)) {
      texts[i] = absl::StrCat(*number);
      values[i] = texts[i].c_str();
    } else if (const auto* real = std::get_if<double>(&v)) {
      texts[i] = FormatDouble(*real);
      values[i] = texts[i].c_str();
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      if (types[i] == kByteaOid) {
        values[i] = s->data();  // raw bytes, binary format
        lengths[i] = static_cast<int>(s->size());
        formats[i] = 1;
      } else if (!IsSqliteText(*s)) {
        // The same rule as SQLite's TEXT: valid UTF-8 without NUL.
        return absl::InvalidArgumentError(kBinaryValueMessage);
      } else {
        values[i] = s->c_str();
      }
    }
  }
  PgResultPtr result(PQexecParams(conn_.get(), (*statement)->sql.c_str(), n, types.data(),
                                  values.data(), lengths.data(), formats.data(), 0));
  if (!Succeeded(result.get())) {
    return Fail(result.get());
  }
  return result;
}

absl::StatusOr<int64_t> PostgresConnection::Execute(absl::string_view sql,
                                                    absl::Span<const Value> params) {
  absl::StatusOr<PgResultPtr> result = Run(sql, params);
  if (!result.ok()) {
    return result.status();
  }
  return ChangedRows(result->get());
}

absl::StatusOr<std::vector<Row>> PostgresConnection::Query(absl::string_view sql,
                                                           absl::Span<const Value> params) {
  absl::StatusOr<PgResultPtr> result = Run(sql, params);
  if (!result.ok()) {
    return result.status();
  }
  const PGresult* r = result->get();
  const int rows = PQntuples(r);
  const int columns = PQnfields(r);
  std::vector<Row> out;
  out.reserve(rows);
  for (int row = 0; row < rows; ++row) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int column = 0; column < columns; ++column) {
      values.push_back(Decode(r, row, column));
    }
    out.emplace_back(std::move(values));
  }
  return out;
}

absl::Status PostgresConnection::ExecuteScript(absl::string_view sql) {
  if (transaction_status() == PQTRANS_INERROR && !first_error_.ok()) {
    return absl::Status(
        first_error_.code(),
        absl::StrCat("transaction aborted by an earlier error: ", first_error_.message()));
  }
  const std::string script = TranslateScript(sql);
  PgResultPtr result(PQexec(conn_.get(), script.c_str()));
  // Whatever it did, the parameter types of cached statements may be stale.
  shared_->statements.Clear();
  if (result != nullptr && PQresultStatus(result.get()) == PGRES_EMPTY_QUERY) {
    return absl::OkStatus();  // only blanks and comments
  }
  if (!Succeeded(result.get())) {
    return Fail(result.get());
  }
  return absl::OkStatus();
}

}  // namespace lawenforce::store
