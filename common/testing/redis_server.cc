#include "common/testing/redis_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/testing/child_process.h"

namespace lawenforce::testing {
namespace {

constexpr int kLaunchAttempts = 5;
constexpr absl::Duration kStartTimeout = absl::Seconds(15);
constexpr absl::Duration kStopTimeout = absl::Seconds(15);
constexpr absl::Duration kPollInterval = absl::Milliseconds(5);
constexpr absl::Duration kQueryTimeout = absl::Seconds(30);

struct ContextDeleter {
  void operator()(redisContext* ctx) const { redisFree(ctx); }
};
struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

// A port that was free a moment ago (bind 127.0.0.1:0, read it, close).
absl::StatusOr<int> PickFreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    const int saved_errno = errno;
    close(fd);
    return absl::InternalError(absl::StrCat("bind 127.0.0.1:0: ", std::strerror(saved_errno)));
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// Runs argv on `ctx`; an error reply is INTERNAL with its text.
absl::StatusOr<ReplyPtr> Run(redisContext& ctx, const std::vector<std::string>& argv) {
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const std::string& arg : argv) {
    args.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  ReplyPtr reply(static_cast<redisReply*>(
      redisCommandArgv(&ctx, static_cast<int>(args.size()), args.data(), lengths.data())));
  if (reply == nullptr) {
    return absl::UnavailableError(absl::StrCat("redis: ", ctx.errstr));
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    return absl::InternalError(std::string(reply->str, reply->len));
  }
  return reply;
}

// A private connection, authenticated when `password` is set.
absl::StatusOr<ContextPtr> Open(int port, const std::string& password, absl::Duration timeout) {
  ContextPtr ctx(redisConnectWithTimeout("127.0.0.1", port, absl::ToTimeval(timeout)));
  if (ctx == nullptr || ctx->err != 0) {
    return absl::UnavailableError(
        absl::StrCat("connect 127.0.0.1:", port, ": ", ctx ? ctx->errstr : "out of memory"));
  }
  redisSetTimeout(ctx.get(), absl::ToTimeval(kQueryTimeout));
  if (!password.empty()) {
    if (absl::StatusOr<ReplyPtr> auth = Run(*ctx, {"AUTH", password}); !auth.ok()) {
      return auth.status();
    }
  }
  return ctx;
}

void AppendText(const redisReply& reply, std::vector<std::string>& lines) {
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      lines.push_back(absl::StrCat(reply.integer));
      break;
    case REDIS_REPLY_NIL:
      lines.emplace_back();
      break;
    case REDIS_REPLY_ARRAY:
      for (size_t i = 0; i < reply.elements; ++i) {
        AppendText(*reply.element[i], lines);
      }
      break;
    default:
      lines.emplace_back(reply.str, reply.len);
  }
}

// The file's text from byte `offset` on ("" when missing).
std::string ReadFile(const std::string& path, std::streamoff offset = 0) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::streamoff FileSize(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::streamoff>(size);
}

}  // namespace

absl::StatusOr<std::unique_ptr<RedisServer>> RedisServer::Start(std::string extra_args) {
  std::unique_ptr<RedisServer> server(new RedisServer());
  server->extra_args_ = std::move(extra_args);
  const std::vector<std::string> tokens =
      absl::StrSplit(server->extra_args_, ' ', absl::SkipEmpty());
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i] == "--requirepass") {
      server->password_ = tokens[i + 1];
    }
  }
  absl::Status status;
  // Another process may take the port between PickFreePort and the bind.
  for (int attempt = 0; attempt < kLaunchAttempts; ++attempt) {
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) {
      return port.status();
    }
    server->port_ = *port;
    status = server->Launch();
    if (status.ok()) {
      return server;
    }
    if (!absl::StrContains(status.message(), "already in use")) {
      break;
    }
  }
  return status;
}

RedisServer::~RedisServer() {
  if (pid_ > 0) {
    KillAndReap(pid_);
  }
}

std::string RedisServer::url() const { return absl::StrCat("redis://127.0.0.1:", port_); }

absl::Status RedisServer::Launch() {
  const std::string log_path = dir_.File("redis.log");
  std::vector<std::string> args = {"redis-server",  "--port",       absl::StrCat(port_),
                                   "--bind",        "127.0.0.1",    "--dir",
                                   dir_.path(),     "--appendonly", "yes",
                                   "--appendfsync", "always",       "--maxmemory-policy",
                                   "noeviction",    "--save",       "",
                                   "--daemonize",   "no",           "--logfile",
                                   log_path};
  for (absl::string_view token : absl::StrSplit(extra_args_, ' ', absl::SkipEmpty())) {
    args.emplace_back(token);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);

  const std::streamoff log_offset = FileSize(log_path);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // Only async-signal-safe calls until exec.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
      _exit(126);
    }
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
      dup2(devnull, STDIN_FILENO);
    }
    execvp("redis-server", argv.data());
    execv("/usr/bin/redis-server", argv.data());
    _exit(127);
  }
  pid_ = pid;

  // Ready when this process (not another one that took the port) answers
  // and has logged that it is ready, which it does after loading the AOF
  // (INFO's `loading` field may read 0 before loading has begun).
  const std::string own_pid = absl::StrCat("process_id:", pid_, "\r\n");
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (absl::Now() < deadline) {
    int wait_status = 0;
    if (waitpid(pid_, &wait_status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::UnavailableError(absl::StrCat("redis-server exited at start (status ",
                                                 wait_status, "); log:\n", ReadFile(log_path)));
    }
    const bool logged_ready =
        absl::StrContains(ReadFile(log_path, log_offset), "Ready to accept connections");
    absl::StatusOr<ContextPtr> ctx = absl::UnavailableError("not ready");
    if (logged_ready) {
      ctx = Open(port_, password_, absl::Milliseconds(100));
    }
    if (ctx.ok()) {
      absl::StatusOr<ReplyPtr> info = Run(**ctx, {"INFO"});
      if (info.ok() && (*info)->type == REDIS_REPLY_STRING) {
        const absl::string_view text((*info)->str, (*info)->len);
        if (absl::StrContains(text, own_pid) && absl::StrContains(text, "loading:0\r\n")) {
          return absl::OkStatus();
        }
      }
    }
    absl::SleepFor(kPollInterval);
  }
  KillAndReap(pid_);
  pid_ = -1;
  return absl::DeadlineExceededError(
      absl::StrCat("redis-server did not answer on port ", port_, "; log:\n", ReadFile(log_path)));
}

absl::Status RedisServer::Kill() {
  if (pid_ <= 0) {
    return absl::FailedPreconditionError("redis-server is not running");
  }
  KillAndReap(pid_);
  pid_ = -1;
  return absl::OkStatus();
}

absl::Status RedisServer::Stop() {
  if (pid_ <= 0) {
    return absl::FailedPreconditionError("redis-server is not running");
  }
  absl::Status status;
  if (absl::StatusOr<ContextPtr> ctx = Open(port_, password_, absl::Seconds(5)); ctx.ok()) {
    // On success the server closes the connection instead of replying.
    absl::StatusOr<ReplyPtr> reply = Run(**ctx, {"SHUTDOWN"});
    if (reply.ok()) {
      status = absl::InternalError("SHUTDOWN answered instead of exiting");
    } else if (reply.status().code() == absl::StatusCode::kInternal) {
      status = reply.status();
    }
  } else {
    status = ctx.status();
  }
  if (status.ok() && !WaitForExit(pid_, kStopTimeout)) {
    status = absl::DeadlineExceededError("redis-server did not exit after SHUTDOWN");
  }
  if (!status.ok()) {
    KillAndReap(pid_);
  }
  pid_ = -1;
  return status;
}

absl::Status RedisServer::Restart() {
  if (pid_ > 0) {
    return absl::FailedPreconditionError("redis-server is still running");
  }
  return Launch();
}

absl::Status RedisServer::FlushAll() { return Query({"FLUSHALL"}).status(); }

absl::StatusOr<std::string> RedisServer::Query(const std::vector<std::string>& argv) {
  absl::StatusOr<ContextPtr> ctx = Open(port_, password_, absl::Seconds(5));
  if (!ctx.ok()) {
    return ctx.status();
  }
  absl::StatusOr<ReplyPtr> reply = Run(**ctx, argv);
  if (!reply.ok()) {
    return reply.status();
  }
  std::vector<std::string> lines;
  AppendText(**reply, lines);
  return absl::StrJoin(lines, "\n");
}

}  // namespace lawenforce::testing
