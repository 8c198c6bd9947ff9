// RedisClient against a real redis-server (common/testing/redis_server.h).

#include "common/redis/redis_client.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/testing/redis_server.h"
#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::redis {
namespace {

using ::lawenforce::testing::RedisServer;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

// The value of one series of `name` whose labels include `labels`; -1 when absent.
double MetricValue(prometheus::Registry& registry, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      size_t matched = 0;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        auto it = labels.find(label.name);
        matched += it != labels.end() && it->second == label.value ? 1 : 0;
      }
      if (matched == labels.size()) {
        return family.type == prometheus::MetricType::Gauge ? metric.gauge.value
                                                            : metric.counter.value;
      }
    }
  }
  return -1;
}

double Reconnects(prometheus::Registry& registry) {
  return MetricValue(registry, "lawenforce_redis_reconnects_total", {{"client", "test"}});
}

double Calls(prometheus::Registry& registry, const std::string& result) {
  return MetricValue(registry, "lawenforce_redis_commands_total",
                     {{"client", "test"}, {"result", result}});
}

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(""); }

  void StartServer(const std::string& extra_args) {
    absl::StatusOr<std::unique_ptr<RedisServer>> server = RedisServer::Start(extra_args);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
  }

  RedisOptions Options() {
    absl::StatusOr<RedisOptions> options = ParseRedisUrl(server_->url());
    EXPECT_OK(options.status());
    options->connect_timeout = absl::Seconds(1);
    options->command_timeout = absl::Seconds(5);
    return *options;
  }

  std::unique_ptr<RedisClient> Client(const RedisOptions& options, const Clock* clock = nullptr) {
    RedisClientEnv env;
    env.registry = &registry_;
    env.clock = clock;
    env.name = "test";
    return CreateRedisClient(options, env);
  }

  std::unique_ptr<RedisServer> server_;
  prometheus::Registry registry_;
};

TEST_F(RedisClientTest, CommandRoundTripIsBinarySafe) {
  std::unique_ptr<RedisClient> client = Client(Options());
  const std::string value("a\0b\r\n\xff\x00z", 8);
  const std::string key("k\0ey", 4);
  ASSERT_OK_AND_ASSIGN(Reply set, client->Command({"SET", key, value}));
  EXPECT_EQ(set.type, Reply::Type::kStatus);
  EXPECT_EQ(set.str, "OK");

  ASSERT_OK_AND_ASSIGN(Reply get, client->Command({"GET", key}));
  EXPECT_EQ(get.type, Reply::Type::kString);
  EXPECT_EQ(get.str, value);
  EXPECT_EQ(get.str.size(), 8u);

  ASSERT_OK_AND_ASSIGN(Reply missing, client->Command({"GET", "absent"}));
  EXPECT_EQ(missing.type, Reply::Type::kNil);

  ASSERT_OK_AND_ASSIGN(Reply incr, client->Command({"INCRBY", "n", "-42"}));
  EXPECT_EQ(incr.type, Reply::Type::kInteger);
  EXPECT_EQ(incr.integer, -42);
  EXPECT_EQ(Calls(registry_, "ok"), 4);
  EXPECT_TRUE(client->available());
}

TEST_F(RedisClientTest, ErrorReplyIsInternalNamingOnlyTheErrorCode) {
  std::unique_ptr<RedisClient> client = Client(Options());
  ASSERT_OK(client->Command({"SET", "officer:640104-secret", "v"}).status());
  absl::StatusOr<Reply> wrong = client->Command({"LPUSH", "officer:640104-secret", "x"});
  EXPECT_THAT(wrong, StatusIs(absl::StatusCode::kInternal, HasSubstr("WRONGTYPE")));
  EXPECT_THAT(std::string(wrong.status().message()), Not(HasSubstr("640104")));
  EXPECT_THAT(client->Command({}), StatusIs(absl::StatusCode::kInvalidArgument));
  // The connection is still in step after an error reply.
  ASSERT_OK_AND_ASSIGN(Reply echo, client->Command({"ECHO", "after"}));
  EXPECT_EQ(echo.str, "after");
  EXPECT_EQ(Calls(registry_, "error"), 2);
}

TEST_F(RedisClientTest, PipelineOfHundredCommandsAnswersInOrder) {
  std::unique_ptr<RedisClient> client = Client(Options());
  std::vector<std::vector<std::string>> commands;
  for (int i = 0; i < 100; ++i) {
    commands.push_back(i % 2 == 0 ? std::vector<std::string>{"INCR", "counter"}
                                  : std::vector<std::string>{"ECHO", absl::StrCat("e", i)});
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Reply> replies, client->Pipeline(commands));
  ASSERT_EQ(replies.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    if (i % 2 == 0) {
      EXPECT_EQ(replies[i].type, Reply::Type::kInteger);
      EXPECT_EQ(replies[i].integer, i / 2 + 1);
    } else {
      EXPECT_EQ(replies[i].str, absl::StrCat("e", i));
    }
  }
  EXPECT_THAT(server_->Query({"GET", "counter"}), ::lawenforce::testing::IsOkAndHolds("50"));
  ASSERT_OK_AND_ASSIGN(std::vector<Reply> none, client->Pipeline({}));
  EXPECT_TRUE(none.empty());
}

TEST_F(RedisClientTest, PipelineWithAnErrorReplyFailsWholeButRunsTheRest) {
  std::unique_ptr<RedisClient> client = Client(Options());
  ASSERT_OK(client->Command({"SET", "s", "v"}).status());
  EXPECT_THAT(client->Pipeline({{"INCR", "a"}, {"LPUSH", "s", "x"}, {"INCR", "b"}}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("WRONGTYPE")));
  EXPECT_THAT(server_->Query({"MGET", "a", "b"}), ::lawenforce::testing::IsOkAndHolds("1\n1"));
  ASSERT_OK_AND_ASSIGN(Reply echo, client->Command({"ECHO", "in step"}));
  EXPECT_EQ(echo.str, "in step");
}

TEST_F(RedisClientTest, EvalLoadsTheScriptAgainAfterScriptFlush) {
  std::unique_ptr<RedisClient> client = Client(Options());
  const LuaScript script("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  ASSERT_OK_AND_ASSIGN(Reply first, client->Eval(script, {"k"}, {"5"}));
  EXPECT_EQ(first.integer, 5);
  EXPECT_THAT(server_->Query({"SCRIPT", "EXISTS", script.sha1()}),
              ::lawenforce::testing::IsOkAndHolds("1"));

  ASSERT_OK(server_->Query({"SCRIPT", "FLUSH"}).status());
  ASSERT_OK_AND_ASSIGN(Reply second, client->Eval(script, {"k"}, {"2"}));
  EXPECT_EQ(second.integer, 7);
  ASSERT_OK_AND_ASSIGN(Reply third, client->Eval(script, {"k"}, {"1"}));
  EXPECT_EQ(third.integer, 8);
  EXPECT_EQ(Calls(registry_, "ok"), 3);
}

TEST_F(RedisClientTest, EvalOfABrokenScriptIsInternal) {
  std::unique_ptr<RedisClient> client = Client(Options());
  EXPECT_THAT(client->Eval(LuaScript("this is not lua"), {}, {}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("ERR")));
  EXPECT_THAT(client->Eval(LuaScript("return redis.error_reply('LEASE_LOST k')"), {}, {}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("LEASE_LOST")));
}

TEST_F(RedisClientTest, NestedArraysConvert) {
  std::unique_ptr<RedisClient> client = Client(Options());
  const LuaScript script(
      "return {1, 'a', {2, {'b', false}}, {}, redis.status_reply('FINE'), KEYS[1], ARGV[1]}");
  ASSERT_OK_AND_ASSIGN(Reply reply, client->Eval(script, {"key"}, {std::string("x\0y", 3)}));
  ASSERT_EQ(reply.type, Reply::Type::kArray);
  ASSERT_EQ(reply.elements.size(), 7u);
  EXPECT_EQ(reply.elements[0].type, Reply::Type::kInteger);
  EXPECT_EQ(reply.elements[0].integer, 1);
  EXPECT_EQ(reply.elements[1].type, Reply::Type::kString);
  EXPECT_EQ(reply.elements[1].str, "a");
  const Reply& inner = reply.elements[2];
  ASSERT_EQ(inner.type, Reply::Type::kArray);
  ASSERT_EQ(inner.elements.size(), 2u);
  EXPECT_EQ(inner.elements[0].integer, 2);
  const Reply& innermost = inner.elements[1];
  ASSERT_EQ(innermost.type, Reply::Type::kArray);
  ASSERT_EQ(innermost.elements.size(), 2u);
  EXPECT_EQ(innermost.elements[0].str, "b");
  EXPECT_EQ(innermost.elements[1].type, Reply::Type::kNil);  // Lua false
  EXPECT_EQ(reply.elements[3].type, Reply::Type::kArray);
  EXPECT_TRUE(reply.elements[3].elements.empty());
  EXPECT_EQ(reply.elements[4].type, Reply::Type::kStatus);
  EXPECT_EQ(reply.elements[4].str, "FINE");
  EXPECT_EQ(reply.elements[5].str, "key");
  EXPECT_EQ(reply.elements[6].str, std::string("x\0y", 3));
}

TEST_F(RedisClientTest, KilledRedisFailsFastWithoutTouchingTheNetworkDuringBackoff) {
  FakeClock clock;
  RedisOptions options = Options();
  options.backoff_initial = absl::Seconds(1);
  options.backoff_max = absl::Seconds(8);
  std::unique_ptr<RedisClient> client = Client(options, &clock);
  ASSERT_OK(client->Command({"SET", "durable", "yes"}).status());
  EXPECT_EQ(MetricValue(registry_, "lawenforce_redis_up", {{"client", "test"}}), 1);

  ASSERT_OK(server_->Kill());
  // The pooled connection sees EOF, the reconnect is refused: both UNAVAILABLE.
  EXPECT_THAT(client->Command({"GET", "durable"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(client->Command({"GET", "durable"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(client->available());
  EXPECT_EQ(MetricValue(registry_, "lawenforce_redis_up", {{"client", "test"}}), 0);

  // Until the fake clock passes the backoff, no call reaches the network,
  // not even once Redis is back.
  const double reconnects = Reconnects(registry_);
  for (int i = 0; i < 50; ++i) {
    EXPECT_THAT(client->Command({"GET", "durable"}), StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_THAT(client->Pipeline({{"PING"}}), StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_THAT(client->Eval(LuaScript("return 1"), {}, {}),
                StatusIs(absl::StatusCode::kUnavailable));
  }
  ASSERT_OK(server_->Restart());
  EXPECT_THAT(client->Command({"GET", "durable"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Reconnects(registry_), reconnects);
  EXPECT_FALSE(client->available());

  // One success resets the backoff.
  clock.Advance(options.backoff_max);
  ASSERT_OK_AND_ASSIGN(Reply value, client->Command({"GET", "durable"}));
  EXPECT_EQ(value.str, "yes");  // restored from the AOF
  EXPECT_TRUE(client->available());
  EXPECT_EQ(MetricValue(registry_, "lawenforce_redis_up", {{"client", "test"}}), 1);
  EXPECT_EQ(Reconnects(registry_), reconnects + 1);
  EXPECT_GE(Calls(registry_, "unavailable"), 153);
}

TEST_F(RedisClientTest, WritingToAConnectionRedisClosedIsUnavailableNotSigpipe) {
  std::unique_ptr<RedisClient> client = Client(Options());
  ASSERT_OK(client->Command({"PING"}).status());
  ASSERT_OK(server_->Kill());
  // Larger than the socket buffers: the second write() meets the reset.
  EXPECT_THAT(client->Command({"SET", "big", std::string(8 << 20, 'x')}),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(RedisClientTest, FailingFastDoesNotWaitForTheConnectTimeout) {
  RedisOptions options = Options();
  options.backoff_initial = absl::Seconds(30);
  options.backoff_max = absl::Seconds(30);
  std::unique_ptr<RedisClient> client = Client(options);
  ASSERT_OK(server_->Kill());
  ASSERT_THAT(client->Command({"PING"}), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_FALSE(client->available());
  const absl::Time start = absl::Now();
  for (int i = 0; i < 100; ++i) {
    ASSERT_THAT(client->Command({"PING"}), StatusIs(absl::StatusCode::kUnavailable));
  }
  // Generous: the connect timeout is 1 s, each call takes microseconds.
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(500));
}

TEST_F(RedisClientTest, RecoversAfterRestartWithTheRealClock) {
  RedisOptions options = Options();
  options.backoff_initial = absl::Milliseconds(10);
  options.backoff_max = absl::Milliseconds(100);
  std::unique_ptr<RedisClient> client = Client(options);
  ASSERT_OK(client->Command({"SET", "k", "v"}).status());
  ASSERT_OK(server_->Stop());
  EXPECT_THAT(client->Command({"GET", "k"}), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_OK(server_->Restart());

  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  absl::StatusOr<Reply> reply = client->Command({"GET", "k"});
  while (!reply.ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
    reply = client->Command({"GET", "k"});
  }
  ASSERT_OK(reply.status());
  EXPECT_EQ(reply->str, "v");
  EXPECT_TRUE(client->available());
}

TEST_F(RedisClientTest, UnreachableServerIsUnavailable) {
  RedisOptions options = Options();
  ASSERT_OK(server_->Kill());
  std::unique_ptr<RedisClient> client = Client(options);
  EXPECT_TRUE(client->available());  // nothing tried yet
  EXPECT_THAT(client->Command({"PING"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(client->available());
}

TEST_F(RedisClientTest, CommandTimeoutIsDeadlineExceededAndTheConnectionIsDropped) {
  StartServer("--enable-debug-command yes");
  RedisOptions options = Options();
  options.command_timeout = absl::Milliseconds(100);
  options.pool_size = 1;
  std::unique_ptr<RedisClient> client = Client(options);
  ASSERT_OK(client->Command({"PING"}).status());
  EXPECT_EQ(Reconnects(registry_), 1);

  EXPECT_THAT(client->Command({"DEBUG", "SLEEP", "0.5"}),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(Calls(registry_, "timeout"), 1);
  EXPECT_TRUE(client->available());  // slow, not down
  // Blocks (on its own connection) until the sleep is over.
  ASSERT_OK(server_->Query({"PING"}).status());

  // A reused connection would now read the sleep's late "+OK".
  ASSERT_OK_AND_ASSIGN(Reply echo, client->Command({"ECHO", "fresh"}));
  EXPECT_EQ(echo.type, Reply::Type::kString);
  EXPECT_EQ(echo.str, "fresh");
  EXPECT_EQ(Reconnects(registry_), 2);
}

TEST_F(RedisClientTest, ConcurrentIncrementsFromEightThreadsAreExact) {
  std::unique_ptr<RedisClient> client = Client(Options());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (!client->Command({"INCR", "total"}).ok()) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  ASSERT_OK_AND_ASSIGN(Reply total, client->Command({"GET", "total"}));
  EXPECT_EQ(total.str, "8000");
  EXPECT_LE(Reconnects(registry_), 8 + 8);  // bounded by concurrency, not by calls
}

TEST_F(RedisClientTest, PasswordAndDatabaseFromTheUrl) {
  StartServer("--requirepass secret");
  ASSERT_OK_AND_ASSIGN(
      RedisOptions options,
      ParseRedisUrl(absl::StrCat("redis://:secret@127.0.0.1:", server_->port(), "/3")));
  std::unique_ptr<RedisClient> client = Client(options);
  ASSERT_OK(client->Command({"SET", "in-three", "1"}).status());
  EXPECT_THAT(server_->Query({"INFO", "keyspace"}),
              ::lawenforce::testing::IsOkAndHolds(HasSubstr("db3:keys=1,")));

  // ACL form: AUTH default secret.
  ASSERT_OK_AND_ASSIGN(
      RedisOptions acl,
      ParseRedisUrl(absl::StrCat("redis://default:secret@127.0.0.1:", server_->port())));
  ASSERT_OK_AND_ASSIGN(Reply missing, CreateRedisClient(acl)->Command({"GET", "in-three"}));
  EXPECT_EQ(missing.type, Reply::Type::kNil);  // database 0
}

TEST_F(RedisClientTest, WrongPasswordIsUnavailableAndNotEchoed) {
  StartServer("--requirepass secret");
  ASSERT_OK_AND_ASSIGN(RedisOptions options,
                       ParseRedisUrl(absl::StrCat("redis://:guessed@127.0.0.1:", server_->port())));
  absl::StatusOr<Reply> reply = CreateRedisClient(options)->Command({"PING"});
  EXPECT_THAT(reply, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("AUTH")));
  EXPECT_THAT(std::string(reply.status().message()), Not(HasSubstr("guessed")));

  ASSERT_OK_AND_ASSIGN(RedisOptions no_password, ParseRedisUrl(server_->url()));
  EXPECT_THAT(CreateRedisClient(no_password)->Command({"PING"}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("NOAUTH")));
}

}  // namespace
}  // namespace lawenforce::redis
