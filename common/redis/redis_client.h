#ifndef LAWENFORCE_COMMON_REDIS_REDIS_CLIENT_H_
#define LAWENFORCE_COMMON_REDIS_REDIS_CLIENT_H_

// A small, thread-safe Redis client over hiredis (ARCHITECTURE.md section 6).
//
// - A pool of connections; a connection is used by one thread at a time and
//   is dropped (never reused) after any I/O error or timeout.
// - Connect and command timeouts; when Redis is unreachable, reconnection is
//   retried with exponential backoff and, until the next attempt is due,
//   calls fail at once with UNAVAILABLE instead of waiting for a timeout, so
//   an RPC that can do without Redis is not slowed down by it.
// - Error mapping in one place: I/O, EOF, refused connection -> UNAVAILABLE;
//   timeout -> DEADLINE_EXCEEDED; an error reply from Redis -> INTERNAL (or
//   FAILED_PRECONDITION for NOSCRIPT, used by Eval internally). Messages never
//   carry keys or values.
// - Never throws, never aborts: Redis being down never crashes a service.
//
// Metrics (when a registry is given, see RedisClientEnv), each labelled
// client=<RedisClientEnv::name>:
//   lawenforce_redis_up                gauge, 1 while Redis is reachable
//   lawenforce_redis_commands_total    counter, one per Command/Pipeline/Eval
//                                      call, result="ok|error|unavailable|timeout"
//   lawenforce_redis_reconnects_total  counter, connection attempts (each new
//                                      connection, successful or not)

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace prometheus {
class Registry;
}  // namespace prometheus

namespace lawenforce {
class Clock;
}  // namespace lawenforce

namespace lawenforce::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;      // with a password: AUTH user password (Redis 6+ ACL)
  std::string password;  // AUTH when non-empty
  int database = 0;      // SELECT when non-zero
  absl::Duration connect_timeout = absl::Milliseconds(250);
  absl::Duration command_timeout = absl::Milliseconds(250);
  int pool_size = 8;  // connections kept open at most
  absl::Duration backoff_initial = absl::Milliseconds(50);
  absl::Duration backoff_max = absl::Seconds(5);
};

// "redis://[[user]:password@]host[:port][/database]". INVALID_ARGUMENT
// naming what is wrong (scheme, userinfo, host, port, database). User and
// password may be percent-encoded; an IPv6 host is bracketed ("[::1]:6379").
// Timeouts and pool settings keep their defaults.
absl::StatusOr<RedisOptions> ParseRedisUrl(absl::string_view url);

// A reply, copied out of hiredis.
struct Reply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus };
  Type type = Type::kNil;
  std::string str;              // kString, kStatus
  int64_t integer = 0;          // kInteger
  std::vector<Reply> elements;  // kArray
};

// A Lua script run with EVALSHA, loaded on first use or after NOSCRIPT
// (e.g. after a Redis restart or SCRIPT FLUSH).
class LuaScript {
 public:
  explicit LuaScript(std::string source);
  const std::string& source() const { return source_; }
  const std::string& sha1() const { return sha1_; }  // lower-case hex

 private:
  std::string source_;
  std::string sha1_;
};

// Thread-safe.
class RedisClient {
 public:
  virtual ~RedisClient() = default;

  // One command in argv form (binary-safe). See the error mapping above.
  virtual absl::StatusOr<Reply> Command(const std::vector<std::string>& argv) = 0;

  // Several commands on one connection in one round trip, replies in order.
  // A Redis error reply to one command fails the whole call with INTERNAL.
  virtual absl::StatusOr<std::vector<Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) = 0;

  // EVALSHA, falling back to SCRIPT LOAD + EVALSHA on NOSCRIPT.
  virtual absl::StatusOr<Reply> Eval(const LuaScript& script, const std::vector<std::string>& keys,
                                     const std::vector<std::string>& args) = 0;

  // False while the last attempt to reach Redis failed (for readiness and
  // the lawenforce_redis_up gauge).
  virtual bool available() const = 0;
};

// Collaborators of a client; all optional, none owned (each must outlive
// the client).
struct RedisClientEnv {
  prometheus::Registry* registry = nullptr;  // metrics exported when non-null
  const Clock* clock = nullptr;              // backoff timing; RealClock when null
  std::string name = "default";              // the `client` label of the metrics
};

// Does not connect yet: the first command does. Never fails. The first call
// sets SIGPIPE to SIG_IGN if its action is still the default, so that a write
// to a connection Redis has reset fails with EPIPE (UNAVAILABLE) instead of
// ending the process.
std::unique_ptr<RedisClient> CreateRedisClient(const RedisOptions& options);
std::unique_ptr<RedisClient> CreateRedisClient(const RedisOptions& options,
                                               const RedisClientEnv& env);

}  // namespace lawenforce::redis

#endif  // LAWENFORCE_COMMON_REDIS_REDIS_CLIENT_H_
