// ParseRedisUrl (declared in redis_client.h).

#include <string>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/redis/redis_client.h"

namespace lawenforce::redis {
namespace {

constexpr absl::string_view kScheme = "redis://";

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = absl::ascii_tolower(static_cast<unsigned char>(c));
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

// Decodes %XX escapes; INVALID_ARGUMENT naming `part` on a malformed escape.
absl::StatusOr<std::string> PercentDecode(absl::string_view text, absl::string_view part) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("redis url: ", part, ": malformed percent escape"));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

absl::Status Invalid(absl::string_view part, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("redis url: ", part, ": ", what));
}

}  // namespace

absl::StatusOr<RedisOptions> ParseRedisUrl(absl::string_view url) {
  RedisOptions options;
  if (!absl::StartsWithIgnoreCase(url, kScheme)) {
    return Invalid("scheme", "expected redis://");
  }
  absl::string_view rest = url.substr(kScheme.size());
  if (absl::StrContains(rest, '?') || absl::StrContains(rest, '#')) {
    return Invalid("query", "query parameters are not supported");
  }

  // The last '@' ends the userinfo, so an unescaped '@' in a password works.
  if (const size_t at = rest.rfind('@'); at != absl::string_view::npos) {
    const absl::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = userinfo.find(':');
    if (colon == absl::string_view::npos) {
      return Invalid("userinfo", "expected [user]:password@");
    }
    absl::StatusOr<std::string> user = PercentDecode(userinfo.substr(0, colon), "user");
    if (!user.ok()) {
      return user.status();
    }
    absl::StatusOr<std::string> password = PercentDecode(userinfo.substr(colon + 1), "password");
    if (!password.ok()) {
      return password.status();
    }
    if (password->empty()) {
      return Invalid("password", "empty");
    }
    options.user = *std::move(user);
    options.password = *std::move(password);
  }

  absl::string_view hostport = rest;
  absl::string_view path;
  if (const size_t slash = rest.find('/'); slash != absl::string_view::npos) {
    hostport = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }

  absl::string_view port_text;
  if (absl::StartsWith(hostport, "[")) {
    const size_t close = hostport.find(']');
    if (close == absl::string_view::npos) {
      return Invalid("host", "unterminated [ in IPv6 address");
    }
    options.host = std::string(hostport.substr(1, close - 1));
    absl::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') {
        return Invalid("host", "unexpected text after ]");
      }
      port_text = after.substr(1);
      if (port_text.empty()) {
        return Invalid("port", "empty");
      }
    }
  } else {
    const size_t colon = hostport.find(':');
    options.host = std::string(hostport.substr(0, colon));
    if (colon != absl::string_view::npos) {
      port_text = hostport.substr(colon + 1);
      if (port_text.empty()) {
        return Invalid("port", "empty");
      }
    }
  }
  if (options.host.empty()) {
    return Invalid("host", "empty");
  }
  if (!port_text.empty()) {
    int port = 0;
    if (!absl::c_all_of(port_text, absl::ascii_isdigit) || !absl::SimpleAtoi(port_text, &port) ||
        port < 1 || port > 65535) {
      return Invalid("port", "expected a number from 1 to 65535");
    }
    options.port = port;
  }

  if (!path.empty()) {
    int database = 0;
    if (!absl::c_all_of(path, absl::ascii_isdigit) || !absl::SimpleAtoi(path, &database)) {
      return Invalid("database", "expected a non-negative number");
    }
    options.database = database;
  }
  return options;
}

}  // namespace lawenforce::redis
