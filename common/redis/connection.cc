#include "common/redis/connection.h"

#include <cerrno>
#include <cstddef>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace lawenforce::redis::internal {
namespace {

constexpr size_t kMaxErrorWordLength = 32;

// Runs one setup command (AUTH, SELECT) on a fresh context. Any failure
// means the connection is not usable, hence UNAVAILABLE.
absl::Status RunSetupCommand(redisContext& ctx, const std::vector<std::string>& argv) {
  absl::Status status = AppendCommand(ctx, argv);
  absl::StatusOr<Reply> reply;
  if (status.ok()) {
    status = ReadReply(ctx, &reply);
  }
  if (status.ok()) {
    status = reply.status();
  }
  if (status.ok()) {
    return absl::OkStatus();
  }
  return absl::UnavailableError(absl::StrCat("redis: ", argv[0], " failed: ", status.message()));
}

}  // namespace

absl::StatusOr<ContextPtr> Connect(const RedisOptions& options) {
  ContextPtr ctx(redisConnectWithTimeout(options.host.c_str(), options.port,
                                         absl::ToTimeval(options.connect_timeout)));
  if (ctx == nullptr) {
    return absl::UnavailableError("redis: cannot allocate a connection");
  }
  if (ctx->err != 0) {
    return absl::UnavailableError(absl::StrCat("redis: connect failed: ", ctx->errstr));
  }
  if (redisSetTimeout(ctx.get(), absl::ToTimeval(options.command_timeout)) != REDIS_OK) {
    return absl::UnavailableError(
        absl::StrCat("redis: cannot set the command timeout: ", ctx->errstr));
  }
  if (!options.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!options.user.empty()) {
      auth.push_back(options.user);
    }
    auth.push_back(options.password);
    if (absl::Status status = RunSetupCommand(*ctx, auth); !status.ok()) {
      return status;
    }
  }
  if (options.database != 0) {
    if (absl::Status status = RunSetupCommand(*ctx, {"SELECT", absl::StrCat(options.database)});
        !status.ok()) {
      return status;
    }
  }
  return ctx;
}

absl::Status ContextError(const redisContext& ctx, int saved_errno) {
  switch (ctx.err) {
    case REDIS_ERR_IO:
      if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK || saved_errno == ETIMEDOUT) {
        return absl::DeadlineExceededError("redis: command timed out");
      }
      return absl::UnavailableError(absl::StrCat("redis: I/O error: ", ctx.errstr));
    case REDIS_ERR_EOF:
      return absl::UnavailableError("redis: connection closed by the server");
    case REDIS_ERR_PROTOCOL:
      return absl::InternalError("redis: protocol error");
    case REDIS_ERR_OOM:
      return absl::InternalError("redis: out of memory");
    default:
      return absl::InternalError(absl::StrCat("redis: client error: ", ctx.errstr));
  }
}

absl::Status ErrorReplyStatus(const redisReply& reply) {
  absl::string_view text(reply.str != nullptr ? reply.str : "",
                         reply.str != nullptr ? reply.len : 0);
  std::string word;
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
      break;
    }
    if (word.size() == kMaxErrorWordLength) {
      break;
    }
    word.push_back(c);
  }
  if (word.empty()) {
    word = "ERR";
  }
  if (word == "NOSCRIPT") {
    return absl::FailedPreconditionError("redis error reply: NOSCRIPT");
  }
  return absl::InternalError(absl::StrCat("redis error reply: ", word));
}

bool IsNoScript(const absl::Status& status) {
  return status.code() == absl::StatusCode::kFailedPrecondition &&
         absl::EndsWith(status.message(), "NOSCRIPT");
}

absl::StatusOr<Reply> ConvertReply(const redisReply& reply) {
  Reply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_NIL:
      out.type = Reply::Type::kNil;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) {
        absl::StatusOr<Reply> element = ConvertReply(*reply.element[i]);
        if (!element.ok()) {
          return element.status();
        }
        out.elements.push_back(*std::move(element));
      }
      break;
    case REDIS_REPLY_ERROR:
      return ErrorReplyStatus(reply);
    default:
      return absl::InternalError(absl::StrCat("redis: unknown reply type ", reply.type));
  }
  return out;
}

absl::Status AppendCommand(redisContext& ctx, const std::vector<std::string>& argv) {
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  args.reserve(argv.size());
  lengths.reserve(argv.size());
  for (const std::string& arg : argv) {
    args.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (redisAppendCommandArgv(&ctx, static_cast<int>(args.size()), args.data(), lengths.data()) !=
      REDIS_OK) {
    return absl::InternalError("redis: cannot format the command");
  }
  return absl::OkStatus();
}

absl::Status ReadReply(redisContext& ctx, absl::StatusOr<Reply>* out) {
  void* raw = nullptr;
  errno = 0;
  if (redisGetReply(&ctx, &raw) != REDIS_OK) {
    const int saved_errno = errno;
    return ContextError(ctx, saved_errno);
  }
  ReplyPtr reply(static_cast<redisReply*>(raw));
  if (reply == nullptr) {
    return absl::InternalError("redis: no reply");
  }
  *out = ConvertReply(*reply);
  return absl::OkStatus();
}

}  // namespace lawenforce::redis::internal
