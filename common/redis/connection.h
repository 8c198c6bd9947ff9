#ifndef LAWENFORCE_COMMON_REDIS_CONNECTION_H_
#define LAWENFORCE_COMMON_REDIS_CONNECTION_H_

// hiredis, wrapped the way redis-plus-plus does it (reply.h, errors.cpp):
// owning pointers with deleters, replies copied out into `Reply`, and the
// mapping of hiredis errors to absl::Status in one place. Internal to
// common/redis; RedisClient is the public interface.

#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"

namespace lawenforce::redis::internal {

struct ContextDeleter {
  void operator()(redisContext* ctx) const { redisFree(ctx); }
};
struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

// Opens a connection: connect (connect_timeout), set the command timeout,
// AUTH when a password is set, SELECT when the database is not 0. Every
// failure, including a rejected AUTH, is UNAVAILABLE.
absl::StatusOr<ContextPtr> Connect(const RedisOptions& options);

// The status for a context whose `err` is set; `saved_errno` is errno as it
// was right after the failing hiredis call. A read or write timeout is
// DEADLINE_EXCEEDED; I/O errors and EOF are UNAVAILABLE; protocol and
// out-of-memory errors are INTERNAL.
absl::Status ContextError(const redisContext& ctx, int saved_errno);

// The status for an error reply: INTERNAL, or FAILED_PRECONDITION for
// NOSCRIPT, naming only the error's first word ("WRONGTYPE"), never the
// rest, which may quote keys or values.
absl::Status ErrorReplyStatus(const redisReply& reply);
// True when `status` came from a NOSCRIPT error reply.
bool IsNoScript(const absl::Status& status);

// Copies a reply (recursively for arrays). An error reply, also nested in an
// array (as EXEC returns them), yields ErrorReplyStatus.
absl::StatusOr<Reply> ConvertReply(const redisReply& reply);

// Queues one command in the context's output buffer (binary-safe). Fails
// only when hiredis runs out of memory; the context is broken then.
absl::Status AppendCommand(redisContext& ctx, const std::vector<std::string>& argv);

// Flushes the output buffer if needed and reads the next reply. A non-OK
// return means the context is broken and must be dropped; otherwise `*out`
// holds the reply or the status of an error reply (the context stays usable).
absl::Status ReadReply(redisContext& ctx, absl::StatusOr<Reply>* out);

}  // namespace lawenforce::redis::internal

#endif  // LAWENFORCE_COMMON_REDIS_CONNECTION_H_
