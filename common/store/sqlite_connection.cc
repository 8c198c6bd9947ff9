#include "common/store/sqlite_connection.h"

#include <algorithm>
#include <climits>
#include <utility>
#include <variant>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::store {
namespace {

// Statements are cached by their text; services use a fixed set, so this is
// only a guard against a caller that builds SQL dynamically.
constexpr size_t kMaxCachedStatements = 512;
// sqlite's messages are short; the cap keeps a pathological one (or a long
// identifier) from flooding a status.
constexpr size_t kMaxMessageLength = 200;
constexpr absl::string_view kConstraintFailed = "constraint failed: ";

// The part of "UNIQUE constraint failed: t.a, t.b" that names the columns.
absl::string_view ConstraintColumns(absl::string_view message) {
  const size_t at = message.find(kConstraintFailed);
  return at == absl::string_view::npos ? message : message.substr(at + kConstraintFailed.size());
}

// True when `sql` from `tail` on holds another statement (not just blanks
// or comments).
bool HasAnotherStatement(sqlite3* db, const char* tail, const char* end) {
  if (absl::StripAsciiWhitespace(absl::string_view(tail, end - tail)).empty()) {
    return false;
  }
  sqlite3_stmt* next = nullptr;
  const int rc = sqlite3_prepare_v2(db, tail, static_cast<int>(end - tail), &next, nullptr);
  sqlite3_finalize(next);
  return rc != SQLITE_OK || next != nullptr;
}

Value ColumnValue(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      return static_cast<int64_t>(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, column);
    case SQLITE_TEXT: {
      // The pointer first, then the length (sqlite's documented order).
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      const int size = sqlite3_column_bytes(stmt, column);
      return text == nullptr ? std::string() : std::string(text, size);
    }
    case SQLITE_BLOB: {
      const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, column));
      const int size = sqlite3_column_bytes(stmt, column);
      return blob == nullptr ? std::string() : std::string(blob, size);
    }
    default:
      return std::monostate{};
  }
}

}  // namespace

absl::Status SqliteStatus(int code, absl::string_view message) {
  message = message.substr(0, kMaxMessageLength);
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(ConstraintColumns(message));
      }
      return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

bool IsSqliteText(absl::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead == 0) {
      return false;
    }
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t extra;
    uint32_t min;
    uint32_t code;
    if ((lead & 0xe0) == 0xc0) {
      extra = 1, min = 0x80, code = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      extra = 2, min = 0x800, code = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      extra = 3, min = 0x10000, code = lead & 0x07;
    } else {
      return false;
    }
    if (bytes.size() - i <= extra) {
      return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xc0) != 0x80) {
        return false;
      }
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values beyond Unicode are invalid.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, Mode mode, absl::Duration busy_timeout) {
  const bool writer = mode == Mode::kWriter;
  const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // sqlite allocates a handle even when opening fails; the owner closes it.
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  if (rc != SQLITE_OK) {
    return absl::UnavailableError(
        absl::StrCat("cannot open sqlite database ", path, ": ", sqlite3_errstr(rc)));
  }
  const int64_t timeout_ms = std::clamp<int64_t>(absl::ToInt64Milliseconds(busy_timeout), 0,
                                                 static_cast<int64_t>(INT_MAX));
  sqlite3_busy_timeout(db, static_cast<int>(timeout_ms));

  auto in_path = [&path](const absl::Status& s) {
    return absl::Status(s.code(), absl::StrCat(path, ": ", s.message()));
  };
  if (writer) {
    // The journal mode is stored in the file, so readers see WAL too.
    absl::StatusOr<std::vector<Row>> mode_rows = conn->Query("PRAGMA journal_mode=WAL", {});
    if (!mode_rows.ok()) {
      return in_path(mode_rows.status());
    }
    if (mode_rows->empty() || absl::AsciiStrToLower(mode_rows->front().Text(0)) != "wal") {
      return absl::InternalError(absl::StrCat(path, ": cannot switch to WAL journal mode"));
    }
  }
  std::vector<absl::string_view> pragmas = {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"};
  if (!writer) {
    // Belt and braces with SQLITE_OPEN_READONLY: also refuses TEMP tables.
    pragmas.push_back("PRAGMA query_only=ON");
  }
  for (absl::string_view pragma : pragmas) {
    if (absl::StatusOr<int64_t> s = conn->Execute(pragma, {}); !s.ok()) {
      return in_path(s.status());
    }
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  ClearCache();
  sqlite3_close_v2(db_);
}

void SqliteConnection::ClearCache() {
  for (auto& [sql, stmt] : statements_) {
    sqlite3_finalize(stmt);
  }
  statements_.clear();
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

absl::Status SqliteConnection::LastError(int code) const {
  return SqliteStatus(code, sqlite3_errmsg(db_));
}

absl::StatusOr<sqlite3_stmt*> SqliteConnection::Prepare(absl::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    return it->second;
  }
  if (sql.size() >= static_cast<size_t>(INT_MAX)) {
    return absl::InvalidArgumentError("statement too long");
  }
  if (statements_.size() >= kMaxCachedStatements) {
    // No statement is running between calls, so all may go.
    ClearCache();
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) {
    return LastError(rc);
  }
  if (stmt == nullptr) {
    return absl::InvalidArgumentError("empty statement");
  }
  if (HasAnotherStatement(db_, tail, sql.data() + sql.size())) {
    sqlite3_finalize(stmt);
    return absl::InvalidArgumentError("more than one statement; use ExecuteScript");
  }
  statements_.emplace(std::string(sql), stmt);
  return stmt;
}

absl::Status SqliteConnection::Bind(sqlite3_stmt* stmt, absl::Span<const Value> params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<size_t>(expected) != params.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("statement takes ", expected, " parameters, got ", params.size()));
  }
  for (int i = 0; i < expected; ++i) {
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, i + 1, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, i + 1, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      // SQLITE_STATIC: `params` outlives the statement's run, and bindings
      // are cleared before Run returns.
      rc = IsSqliteText(*s)
               ? sqlite3_bind_text64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8)
               : sqlite3_bind_blob64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_null(stmt, i + 1);
    }
    if (rc != SQLITE_OK) {
      return LastError(rc);
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteConnection::Run(sqlite3_stmt* stmt, absl::Span<const Value> params,
                                   std::vector<Row>* rows) {
  absl::Status status = Bind(stmt, params);
  if (status.ok()) {
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) {
        break;
      }
      if (rc != SQLITE_ROW) {
        status = LastError(rc);
        break;
      }
      if (rows != nullptr) {
        // Counted after the step: a schema change re-prepares the statement
        // inside it, and "SELECT *" may then have more columns.
        const int columns = sqlite3_column_count(stmt);
        std::vector<Value> values;
        values.reserve(columns);
        for (int c = 0; c < columns; ++c) {
          values.push_back(ColumnValue(stmt, c));
        }
        rows->emplace_back(std::move(values));
      }
    }
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return status;
}

absl::StatusOr<int64_t> SqliteConnection::Execute(absl::string_view sql,
                                                  absl::Span<const Value> params) {
  absl::StatusOr<sqlite3_stmt*> stmt = Prepare(sql);
  if (!stmt.ok()) {
    return stmt.status();
  }
  const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
  if (absl::Status s = Run(*stmt, params, nullptr); !s.ok()) {
    return s;
  }
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE even
  // after other statements (SELECT, DDL); the total tells whether this one
  // changed anything at all.
  if (sqlite3_total_changes64(db_) == total_before) {
    return 0;
  }
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

absl::StatusOr<std::vector<Row>> SqliteConnection::Query(absl::string_view sql,
                                                         absl::Span<const Value> params) {
  absl::StatusOr<sqlite3_stmt*> stmt = Prepare(sql);
  if (!stmt.ok()) {
    return stmt.status();
  }
  std::vector<Row> rows;
  if (absl::Status s = Run(*stmt, params, &rows); !s.ok()) {
    return s;
  }
  return rows;
}

absl::Status SqliteConnection::ExecuteScript(absl::string_view sql) {
  const std::string script(sql);  // sqlite3_exec wants a terminated string.
  const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? absl::OkStatus() : LastError(rc);
}

}  // namespace lawenforce::store
