#include "common/store/postgres_endpoint.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/errors.h"

namespace lawenforce::store {
namespace {

constexpr size_t kMaxIdentifierLength = 63;
constexpr absl::string_view kSslModes[] = {"disable", "allow",     "prefer",
                                           "require", "verify-ca", "verify-full"};

bool IsSchemaName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxIdentifierLength ||
      absl::ascii_isdigit(static_cast<unsigned char>(name[0]))) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) ||
           absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

int64_t WholeSeconds(absl::Duration d) {
  return std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(d, absl::Seconds(1))));
}

absl::Status Validate(const PostgresOptions& o) {
  if (o.host.empty()) {
    return InvalidField("host", "required");
  }
  if (o.port < 1 || o.port > 65535) {
    return InvalidField("port", "must be 1..65535");
  }
  if (o.dbname.empty()) {
    return InvalidField("dbname", "required");
  }
  if (o.user.empty()) {
    return InvalidField("user", "required");
  }
  if (!o.password.empty() && !o.password_file.empty()) {
    return InvalidField("password_file", "give a password or a password file, not both");
  }
  if (!IsSchemaName(o.schema)) {
    return InvalidField("schema", "must match [a-z_][a-z0-9_]* and be at most 63 bytes");
  }
  if (o.pool_size < 1) {
    return InvalidField("pool_size", "must be at least 1");
  }
  if (o.pool_timeout < absl::ZeroDuration()) {
    return InvalidField("pool_timeout", "must not be negative");
  }
  if (o.connect_timeout <= absl::ZeroDuration()) {
    return InvalidField("connect_timeout", "must be positive");
  }
  if (o.statement_timeout < absl::ZeroDuration()) {
    return InvalidField("statement_timeout", "must not be negative (zero: none)");
  }
  if (o.lock_timeout <= absl::ZeroDuration()) {
    return InvalidField("lock_timeout", "must be positive");
  }
  if (o.network_timeout < absl::Seconds(1)) {
    return InvalidField("network_timeout", "must be at least 1s");
  }
  if (!o.sslmode.empty() &&
      std::find(std::begin(kSslModes), std::end(kSslModes), o.sslmode) == std::end(kSslModes)) {
    return InvalidField("sslmode",
                        "must be disable, allow, prefer, require, verify-ca or verify-full");
  }
  if (o.serialization_retries < 0) {
    return InvalidField("serialization_retries", "must not be negative");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadPassword(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  if (in) {
    content << in.rdbuf();
  }
  if (!in || in.bad()) {
    return InvalidField("password_file", absl::StrCat("cannot read ", path));
  }
  std::string password = content.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  if (password.empty()) {
    return InvalidField("password_file", absl::StrCat(path, " is empty"));
  }
  return password;
}

}  // namespace

absl::StatusOr<PostgresEndpoint> MakePostgresEndpoint(const PostgresOptions& o) {
  if (absl::Status s = Validate(o); !s.ok()) {
    return s;
  }
  std::string password = o.password;
  if (!o.password_file.empty()) {
    absl::StatusOr<std::string> read = ReadPassword(o.password_file);
    if (!read.ok()) {
      return read.status();
    }
    password = std::move(*read);
  }
  PostgresEndpoint e;
  auto add = [&e](absl::string_view keyword, std::string value) {
    e.keywords.emplace_back(keyword);
    e.values.push_back(std::move(value));
  };
  add("host", o.host);
  add("port", absl::StrCat(o.port));
  add("dbname", o.dbname);
  add("user", o.user);
  if (!password.empty()) {
    add("password", password);
  }
  add("connect_timeout", absl::StrCat(WholeSeconds(o.connect_timeout)));
  add("application_name", o.application_name);
  add("client_encoding", "UTF8");
  // The schema is a plain identifier (validated), so it needs no quoting.
  add("options",
      absl::StrCat("-c search_path=", o.schema, " -c statement_timeout=",
                   absl::ToInt64Milliseconds(o.statement_timeout), " -c bytea_output=hex"));
  // A connection to a standby (a failover in progress) is refused, not used.
  add("target_session_attrs", "read-write");
  const int64_t network_seconds = WholeSeconds(o.network_timeout);
  add("keepalives", "1");
  add("keepalives_idle", absl::StrCat(std::max<int64_t>(1, network_seconds / 3)));
  add("keepalives_interval", absl::StrCat(std::max<int64_t>(1, network_seconds / 9)));
  add("keepalives_count", "3");
  add("tcp_user_timeout", absl::StrCat(absl::ToInt64Milliseconds(o.network_timeout)));
  for (auto [keyword, value] : {std::pair{"sslmode", &o.sslmode},
                                {"sslrootcert", &o.sslrootcert},
                                {"sslcert", &o.sslcert},
                                {"sslkey", &o.sslkey}}) {
    if (!value->empty()) {
      add(keyword, *value);
    }
  }
  e.label = absl::StrContains(o.host, ':') ? absl::StrCat("[", o.host, "]:", o.port)
                                           : absl::StrCat(o.host, ":", o.port);
  return e;
}

absl::Status PreparePostgresDatabase(PostgresConnection& conn, absl::string_view schema,
                                     absl::string_view label) {
  absl::StatusOr<std::vector<Row>> encoding =
      conn.Query("SELECT current_setting('server_encoding')", {});
  if (!encoding.ok()) {
    return encoding.status();
  }
  const std::string name = encoding->empty() ? "" : encoding->front().Text(0);
  if (name != "UTF8") {
    return absl::FailedPreconditionError(
        absl::StrCat("postgres ", label, ": database encoding is ", name,
                     "; create the database with ENCODING 'UTF8'"));
  }
  absl::StatusOr<std::vector<Row>> found =
      conn.Query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?", {Text(schema)});
  if (!found.ok()) {
    return found.status();
  }
  if (!found->empty()) {
    return absl::OkStatus();
  }
  // Two processes creating it at once: one of them sees a unique violation.
  absl::Status created =
      conn.ExecuteScript(absl::StrCat("CREATE SCHEMA IF NOT EXISTS \"", schema, "\""));
  if (created.code() == absl::StatusCode::kAlreadyExists) {
    return absl::OkStatus();
  }
  return created;
}

int64_t AdvisoryLockKey(absl::string_view schema, absl::string_view key) {
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](absl::string_view bytes) {
    for (char c : bytes) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
  };
  mix(schema);
  mix(absl::string_view("\0", 1));
  mix(key);
  return static_cast<int64_t>(hash);
}

}  // namespace lawenforce::store
