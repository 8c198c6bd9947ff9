#include "common/store/open.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace lawenforce::store {
namespace {

constexpr char kRedacted[] = "REDACTED";

// Errors of one URL: every message starts with the URL, redacted.
class UrlErrors {
 public:
  explicit UrlErrors(absl::string_view url) : redacted_(RedactStoreUrl(url)) {}
  absl::Status operator()(absl::string_view part, absl::string_view problem) const {
    return absl::InvalidArgumentError(
        absl::StrCat("store URL ", redacted_, ": ", part, ": ", problem));
  }

 private:
  std::string redacted_;
};

std::optional<std::string> PercentDecode(absl::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    int value = 0;
    if (i + 2 >= in.size() || !absl::ascii_isxdigit(static_cast<unsigned char>(in[i + 1])) ||
        !absl::ascii_isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      return std::nullopt;
    }
    for (char c : in.substr(i + 1, 2)) {
      value = value * 16 + (absl::ascii_isdigit(static_cast<unsigned char>(c))
                                ? c - '0'
                                : absl::ascii_tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

// The query's parameters in order; each key at most once.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> SplitQuery(
    absl::string_view query, const UrlErrors& error) {
  std::vector<std::pair<std::string, std::string>> params;
  absl::flat_hash_set<std::string> seen;
  for (absl::string_view item : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    const std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(item, '=');
    if (!absl::StrContains(item, '=') || kv.first.empty()) {
      return error(item, "expected key=value");
    }
    std::optional<std::string> value = PercentDecode(kv.second);
    if (!value.has_value()) {
      return error(kv.first, "bad percent-encoding");
    }
    if (!seen.insert(std::string(kv.first)).second) {
      return error(kv.first, "given twice");
    }
    params.emplace_back(std::string(kv.first), std::move(*value));
  }
  return params;
}

absl::Status ParseDurationParam(const std::string& key, const std::string& value,
                                absl::Duration* out, const UrlErrors& error) {
  // ParseDuration wants a unit, except for "0".
  if (!absl::ParseDuration(value, out) || *out < absl::ZeroDuration()) {
    return error(key, "a non-negative duration with a unit, like 500ms, 5s or 2m");
  }
  return absl::OkStatus();
}

absl::Status ParseIntParam(const std::string& key, const std::string& value, int min, int* out,
                           const UrlErrors& error) {
  if (!absl::SimpleAtoi(value, out) || *out < min) {
    return error(key, absl::StrCat("an integer of at least ", min));
  }
  return absl::OkStatus();
}

absl::StatusOr<StoreConfig> ParseSqlite(absl::string_view rest, const UrlErrors& error) {
  absl::string_view query;
  if (const size_t q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (absl::StartsWith(rest, "//")) {
    if (!absl::StartsWith(rest, "///")) {
      return error("path", "use sqlite:///absolute/path or sqlite:relative/path");
    }
    rest.remove_prefix(2);
  }
  std::optional<std::string> path = PercentDecode(rest);
  if (!path.has_value()) {
    return error("path", "bad percent-encoding");
  }
  if (path->empty()) {
    return error("path", "required");
  }
  SqliteOptions options;
  options.path = std::move(*path);
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> params =
      SplitQuery(query, error);
  if (!params.ok()) {
    return params.status();
  }
  for (const auto& [key, value] : *params) {
    absl::Status s;
    if (key == "readers") {
      s = ParseIntParam(key, value, 1, &options.reader_connections, error);
    } else if (key == "busy_timeout") {
      s = ParseDurationParam(key, value, &options.busy_timeout, error);
    } else {
      s = error(key, "unknown parameter (readers, busy_timeout)");
    }
    if (!s.ok()) {
      return s;
    }
  }
  return options;
}

// One postgres:// query parameter into `o`.
absl::Status ApplyPostgresParam(const std::string& key, const std::string& value,
                                PostgresOptions& o, const UrlErrors& error) {
  if (key == "schema") {
    o.schema = value;
  } else if (key == "pool") {
    return ParseIntParam(key, value, 1, &o.pool_size, error);
  } else if (key == "serialization_retries") {
    return ParseIntParam(key, value, 0, &o.serialization_retries, error);
  } else if (key == "pool_timeout") {
    return ParseDurationParam(key, value, &o.pool_timeout, error);
  } else if (key == "connect_timeout") {
    return ParseDurationParam(key, value, &o.connect_timeout, error);
  } else if (key == "statement_timeout") {
    return ParseDurationParam(key, value, &o.statement_timeout, error);
  } else if (key == "lock_timeout") {
    return ParseDurationParam(key, value, &o.lock_timeout, error);
  } else if (key == "network_timeout") {
    return ParseDurationParam(key, value, &o.network_timeout, error);
  } else if (key == "sslmode") {
    o.sslmode = value;
  } else if (key == "sslrootcert") {
    o.sslrootcert = value;
  } else if (key == "sslcert") {
    o.sslcert = value;
  } else if (key == "sslkey") {
    o.sslkey = value;
  } else if (key == "password_file") {
    o.password_file = value;
  } else if (key == "application_name") {
    o.application_name = value;
  } else {
    return error(key, "unknown parameter");
  }
  return absl::OkStatus();
}

absl::StatusOr<StoreConfig> ParsePostgres(absl::string_view rest, const OpenOptions& defaults,
                                          const UrlErrors& error) {
  absl::string_view query;
  if (const size_t q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  PostgresOptions o;
  o.schema = defaults.default_schema;
  o.application_name = defaults.default_application_name;
  // The last '@' ends the user info, so that an unencoded '/' or '@' in a
  // password does not cut the URL short.
  if (const size_t at = rest.rfind('@'); at != absl::string_view::npos) {
    const absl::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = userinfo.find(':');
    std::optional<std::string> user = PercentDecode(userinfo.substr(0, colon));
    if (!user.has_value()) {
      return error("user", "bad percent-encoding");
    }
    o.user = std::move(*user);
    if (colon != absl::string_view::npos) {
      std::optional<std::string> password = PercentDecode(userinfo.substr(colon + 1));
      if (!password.has_value()) {
        return error("password", "bad percent-encoding");
      }
      o.password = std::move(*password);
    }
  }
  if (o.user.empty()) {
    return error("user", "required (postgres://user@host/dbname)");
  }
  const size_t slash = rest.find('/');
  if (slash == absl::string_view::npos) {
    return error("dbname", "required (postgres://user@host:port/dbname)");
  }
  absl::string_view authority = rest.substr(0, slash);
  const absl::string_view path = rest.substr(slash + 1);
  absl::string_view port;
  if (absl::ConsumePrefix(&authority, "[")) {
    const size_t close = authority.find(']');
    if (close == absl::string_view::npos) {
      return error("host", "unterminated [IPv6 address]");
    }
    o.host = std::string(authority.substr(0, close));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && !absl::ConsumePrefix(&authority, ":")) {
      return error("host", "expected :port after ]");
    }
    port = authority;
  } else {
    const size_t colon = authority.find(':');
    o.host = std::string(authority.substr(0, colon));
    port = colon == absl::string_view::npos ? "" : authority.substr(colon + 1);
  }
  if (o.host.empty()) {
    return error("host", "required");
  }
  if (!port.empty() && (!absl::SimpleAtoi(port, &o.port) || o.port < 1 || o.port > 65535)) {
    return error("port", absl::StrCat("\"", port, "\" is not a number 1..65535"));
  }
  std::optional<std::string> dbname = PercentDecode(path);
  if (!dbname.has_value() || dbname->empty() || absl::StrContains(*dbname, '/')) {
    return error("dbname", "one path segment required (postgres://user@host:port/dbname)");
  }
  o.dbname = std::move(*dbname);
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> params =
      SplitQuery(query, error);
  if (!params.ok()) {
    return params.status();
  }
  for (const auto& [key, value] : *params) {
    if (absl::Status s = ApplyPostgresParam(key, value, o, error); !s.ok()) {
      return s;
    }
  }
  if (!o.password.empty() && !o.password_file.empty()) {
    return error("password_file", "the URL has a password too; give one of them");
  }
  return o;
}

}  // namespace

absl::StatusOr<StoreConfig> ParseStoreUrl(absl::string_view url, const OpenOptions& options) {
  const UrlErrors error(url);
  absl::string_view rest = url;
  if (absl::ConsumePrefix(&rest, "postgres://") || absl::ConsumePrefix(&rest, "postgresql://")) {
    return ParsePostgres(rest, options, error);
  }
  if (absl::ConsumePrefix(&rest, "sqlite:")) {
    return ParseSqlite(rest, error);
  }
  return error("scheme", "expected sqlite: or postgres://");
}

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(absl::string_view url,
                                                       const OpenOptions& options) {
  absl::StatusOr<StoreConfig> config = ParseStoreUrl(url, options);
  if (!config.ok()) {
    return config.status();
  }
  if (const auto* sqlite = std::get_if<SqliteOptions>(&*config)) {
    return OpenSqlite(*sqlite);
  }
  return OpenPostgres(std::get<PostgresOptions>(*config));
}

std::string RedactStoreUrl(absl::string_view url) {
  std::string out(url);
  const size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const size_t start = scheme_end + 3;
    // As ParseStoreUrl: the user info ends at the last '@' before the query.
    const size_t end = std::min(out.find_first_of("?#", start), out.size());
    const size_t at = end > start ? out.rfind('@', end - 1) : std::string::npos;
    if (at != std::string::npos && at >= start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, kRedacted);
      }
    }
  }
  // A password given as a query parameter by mistake.
  for (const std::string key : {"?password=", "&password="}) {
    for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
      const size_t value = at + key.size();
      const size_t end = std::min(out.find_first_of("&#", value), out.size());
      out.replace(value, end - value, kRedacted);
    }
  }
  return out;
}

}  // namespace lawenforce::store
