// The pooled RedisClient behind CreateRedisClient (redis_client.h).

#include "common/redis/redis_client.h"

#include <signal.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <mutex>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log.h"
#include "common/redis/connection.h"
#include "common/time/clock.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace lawenforce::redis {
namespace {

using internal::ContextPtr;

// The `result` label of lawenforce_redis_commands_total.
enum Result { kOk = 0, kError, kUnavailable, kTimeout, kResultCount };

Result ResultOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kOk;
    case absl::StatusCode::kUnavailable:
      return kUnavailable;
    case absl::StatusCode::kDeadlineExceeded:
      return kTimeout;
    default:
      return kError;
  }
}

// The client's metrics; every method is a no-op without a registry. The
// children are looked up once, here.
class ClientMetrics {
 public:
  ClientMetrics(prometheus::Registry* registry, const std::string& name) {
    if (registry == nullptr) {
      return;
    }
    try {
      const prometheus::Labels labels = {{"client", name}};
      up_ = &prometheus::BuildGauge()
                 .Name("lawenforce_redis_up")
                 .Help("1 while Redis is reachable, 0 after a failed connection attempt")
                 .Register(*registry)
                 .Add(labels);
      auto& commands = prometheus::BuildCounter()
                           .Name("lawenforce_redis_commands_total")
                           .Help("Redis calls (Command, Pipeline, Eval) by result")
                           .Register(*registry);
      static constexpr std::array<const char*, kResultCount> kResultNames = {
          "ok", "error", "unavailable", "timeout"};
      for (int i = 0; i < kResultCount; ++i) {
        prometheus::Labels with_result = labels;
        with_result["result"] = kResultNames[i];
        commands_[i] = &commands.Add(with_result);
      }
      reconnects_ = &prometheus::BuildCounter()
                         .Name("lawenforce_redis_reconnects_total")
                         .Help("Connection attempts to Redis, successful or not")
                         .Register(*registry)
                         .Add(labels);
      up_->Set(1);
    } catch (const std::exception& e) {
      // A clashing metric family must not take the service down.
      log::Error("redis_metrics_disabled", {{"error", e.what()}});
      up_ = nullptr;
      commands_ = {};
      reconnects_ = nullptr;
    }
  }

  void SetUp(bool up) {
    if (up_ != nullptr) {
      up_->Set(up ? 1 : 0);
    }
  }
  void CountCall(const absl::Status& status) {
    if (prometheus::Counter* counter = commands_[ResultOf(status)]; counter != nullptr) {
      counter->Increment();
    }
  }
  void CountConnect() {
    if (reconnects_ != nullptr) {
      reconnects_->Increment();
    }
  }

 private:
  prometheus::Gauge* up_ = nullptr;
  std::array<prometheus::Counter*, kResultCount> commands_{};
  prometheus::Counter* reconnects_ = nullptr;
};

// hiredis writes with write(2): once Redis has reset a connection, the next
// write raises SIGPIPE, whose default action ends the process. Ignored
// (unless the process installed its own handler) so that the write fails
// with EPIPE and the call with UNAVAILABLE.
void IgnoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current = {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      signal(SIGPIPE, SIG_IGN);
    }
  });
}

absl::Status ValidateCommand(const std::vector<std::string>& argv) {
  if (argv.empty()) {
    return absl::InvalidArgumentError("redis: empty command");
  }
  return absl::OkStatus();
}

class PooledRedisClient final : public RedisClient {
 public:
  PooledRedisClient(const RedisOptions& options, const RedisClientEnv& env)
      : options_(options),
        address_(absl::StrCat(options.host, ":", options.port)),
        clock_(env.clock != nullptr ? env.clock : &real_clock_),
        metrics_(env.registry, env.name),
        backoff_(options.backoff_initial) {}

  absl::StatusOr<Reply> Command(const std::vector<std::string>& argv) override {
    absl::StatusOr<Reply> result;
    absl::Status status = ValidateCommand(argv);
    if (status.ok()) {
      status = WithConnection([&](redisContext& ctx) {
        absl::Status s = internal::AppendCommand(ctx, argv);
        return s.ok() ? internal::ReadReply(ctx, &result) : s;
      });
    }
    if (!status.ok()) {
      result = status;
    }
    metrics_.CountCall(result.status());
    return result;
  }

  absl::StatusOr<std::vector<Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) override {
    std::vector<Reply> replies;
    absl::Status status;
    for (const std::vector<std::string>& argv : commands) {
      status.Update(ValidateCommand(argv));
    }
    if (status.ok() && !commands.empty()) {
      absl::Status error_reply;
      status = WithConnection([&](redisContext& ctx) {
        for (const std::vector<std::string>& argv : commands) {
          if (absl::Status s = internal::AppendCommand(ctx, argv); !s.ok()) {
            return s;
          }
        }
        // Every reply is read, even after an error reply, so that the
        // connection goes back to the pool in step.
        replies.reserve(commands.size());
        for (size_t i = 0; i < commands.size(); ++i) {
          absl::StatusOr<Reply> reply;
          if (absl::Status s = internal::ReadReply(ctx, &reply); !s.ok()) {
            return s;
          }
          if (reply.ok()) {
            replies.push_back(*std::move(reply));
          } else {
            error_reply.Update(reply.status());
          }
        }
        return absl::OkStatus();
      });
      status.Update(error_reply);
    }
    metrics_.CountCall(status);
    if (!status.ok()) {
      return status;
    }
    return replies;
  }

  absl::StatusOr<Reply> Eval(const LuaScript& script, const std::vector<std::string>& keys,
                             const std::vector<std::string>& args) override {
    std::vector<std::string> evalsha;
    evalsha.reserve(3 + keys.size() + args.size());
    evalsha.push_back("EVALSHA");
    evalsha.push_back(script.sha1());
    evalsha.push_back(absl::StrCat(keys.size()));
    evalsha.insert(evalsha.end(), keys.begin(), keys.end());
    evalsha.insert(evalsha.end(), args.begin(), args.end());

    absl::StatusOr<Reply> result;
    absl::Status connection = WithConnection([&](redisContext& ctx) {
      absl::Status status = internal::AppendCommand(ctx, evalsha);
      if (status.ok()) {
        status = internal::ReadReply(ctx, &result);
      }
      if (!status.ok() || !internal::IsNoScript(result.status())) {
        return status;
      }
      // Not cached (first use, restart, SCRIPT FLUSH): load and run it in
      // one round trip.
      absl::StatusOr<Reply> load;
      status = internal::AppendCommand(ctx, {"SCRIPT", "LOAD", script.source()});
      if (status.ok()) {
        status = internal::AppendCommand(ctx, evalsha);
      }
      if (status.ok()) {
        status = internal::ReadReply(ctx, &load);
      }
      if (status.ok()) {
        status = internal::ReadReply(ctx, &result);
      }
      if (status.ok() && !load.ok()) {
        result = load.status();  // e.g. a compile error: more telling than NOSCRIPT
      }
      return status;
    });
    if (!connection.ok()) {
      result = connection;
    }
    metrics_.CountCall(result.status());
    return result;
  }

  bool available() const override { return up_.load(std::memory_order_relaxed); }

 private:
  // Runs `exchange` on a pooled connection. A non-OK status from `exchange`
  // means the connection is broken: it is dropped and the status returned.
  // Otherwise the connection goes back to the pool.
  absl::Status WithConnection(absl::FunctionRef<absl::Status(redisContext&)> exchange) {
    absl::StatusOr<ContextPtr> ctx = Acquire();
    if (!ctx.ok()) {
      return ctx.status();
    }
    absl::Status status = exchange(**ctx);
    if (status.ok()) {
      Release(*std::move(ctx));
    } else {
      Discard(*std::move(ctx), status);
    }
    return status;
  }

  // An idle connection, or a new one. UNAVAILABLE without touching the
  // network while backing off after a failed connection attempt.
  absl::StatusOr<ContextPtr> Acquire() {
    {
      absl::MutexLock lock(&mu_);
      if (!idle_.empty()) {
        ContextPtr ctx = std::move(idle_.back());
        idle_.pop_back();
        return ctx;
      }
      if (!up_.load(std::memory_order_relaxed)) {
        const absl::Time now = clock_->Now();
        if (now < next_attempt_) {
          return absl::UnavailableError(
              absl::StrCat("redis: unavailable, reconnecting later; last error: ", last_error_));
        }
        // One caller probes; the others keep failing fast meanwhile.
        next_attempt_ = now + options_.connect_timeout + backoff_;
      }
    }
    metrics_.CountConnect();
    absl::StatusOr<ContextPtr> ctx = internal::Connect(options_);
    absl::MutexLock lock(&mu_);
    if (ctx.ok()) {
      backoff_ = options_.backoff_initial;
      if (!up_.exchange(true)) {
        log::Info("redis_available", {{"address", address_}});
        metrics_.SetUp(true);
      }
      return ctx;
    }
    const absl::Duration delay =
        std::min(backoff_, options_.backoff_max) * absl::Uniform(bitgen_, 0.5, 1.0);
    backoff_ = std::min(backoff_ * 2, options_.backoff_max);
    next_attempt_ = std::max(next_attempt_, clock_->Now() + delay);
    last_error_ = std::string(ctx.status().message());
    if (up_.exchange(false)) {
      log::Warn("redis_unavailable", {{"address", address_}, {"error", last_error_}});
      metrics_.SetUp(false);
    }
    return ctx.status();
  }

  void Release(ContextPtr ctx) {
    absl::MutexLock lock(&mu_);
    if (static_cast<int>(idle_.size()) < options_.pool_size) {
      idle_.push_back(std::move(ctx));
    }
    // Otherwise the surplus connection is closed on return.
  }

  // Drops a broken connection. After an I/O error or EOF the idle ones are
  // most likely broken too (Redis restarted): they are dropped as well, so
  // that the next call reconnects instead of failing on each of them.
  void Discard(ContextPtr ctx, const absl::Status& why) {
    std::vector<ContextPtr> dropped;
    if (why.code() == absl::StatusCode::kUnavailable) {
      absl::MutexLock lock(&mu_);
      dropped.swap(idle_);
    }
    ctx.reset();
    // `dropped` closes its connections here, outside the lock.
  }

  const RedisOptions options_;
  const std::string address_;
  RealClock real_clock_;
  const Clock* const clock_;
  ClientMetrics metrics_;
  std::atomic<bool> up_{true};

  absl::Mutex mu_;
  std::vector<ContextPtr> idle_ ABSL_GUARDED_BY(mu_);
  absl::Duration backoff_ ABSL_GUARDED_BY(mu_);
  absl::Time next_attempt_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  absl::BitGen bitgen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<RedisClient> CreateRedisClient(const RedisOptions& options) {
  return CreateRedisClient(options, RedisClientEnv());
}

std::unique_ptr<RedisClient> CreateRedisClient(const RedisOptions& options,
                                               const RedisClientEnv& env) {
  IgnoreSigpipe();
  return std::make_unique<PooledRedisClient>(options, env);
}

}  // namespace lawenforce::redis
