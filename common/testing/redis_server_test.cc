#include "common/testing/redis_server.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

TEST(RedisServerTest, StartsWithDurableNoEvictionSettings) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server, RedisServer::Start());
  EXPECT_GT(server->port(), 0);
  EXPECT_EQ(server->url(), absl::StrCat("redis://127.0.0.1:", server->port()));
  EXPECT_THAT(server->Query({"CONFIG", "GET", "appendonly"}), IsOkAndHolds("appendonly\nyes"));
  EXPECT_THAT(server->Query({"CONFIG", "GET", "appendfsync"}), IsOkAndHolds("appendfsync\nalways"));
  EXPECT_THAT(server->Query({"CONFIG", "GET", "maxmemory-policy"}),
              IsOkAndHolds("maxmemory-policy\nnoeviction"));
  EXPECT_THAT(server->Query({"CONFIG", "GET", "save"}), IsOkAndHolds("save\n"));
}

TEST(RedisServerTest, QueryFormatsRepliesAsText) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server, RedisServer::Start());
  EXPECT_THAT(server->Query({"SET", "k", "v"}), IsOkAndHolds("OK"));
  EXPECT_THAT(server->Query({"INCRBY", "n", "7"}), IsOkAndHolds("7"));
  EXPECT_THAT(server->Query({"GET", "absent"}), IsOkAndHolds(""));
  EXPECT_THAT(server->Query({"RPUSH", "l", "a", "b"}), IsOkAndHolds("2"));
  EXPECT_THAT(server->Query({"LRANGE", "l", "0", "-1"}), IsOkAndHolds("a\nb"));
  EXPECT_THAT(server->Query({"LPUSH", "k", "x"}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("WRONGTYPE")));
  ASSERT_OK(server->FlushAll());
  EXPECT_THAT(server->Query({"DBSIZE"}), IsOkAndHolds("0"));
}

TEST(RedisServerTest, StopAndRestartKeepTheDataOnTheSamePort) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server, RedisServer::Start());
  const int port = server->port();
  ASSERT_OK(server->Query({"SET", "k", "v"}).status());
  ASSERT_OK(server->Stop());
  EXPECT_THAT(server->Query({"PING"}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(server->Stop(), StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK(server->Restart());
  EXPECT_EQ(server->port(), port);
  EXPECT_THAT(server->Query({"GET", "k"}), IsOkAndHolds("v"));
}

TEST(RedisServerTest, KillLosesNoAcknowledgedWrite) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server, RedisServer::Start());
  ASSERT_OK(server->Query({"SET", "k", "v"}).status());
  ASSERT_OK(server->Kill());
  EXPECT_THAT(server->Kill(), StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK(server->Restart());
  EXPECT_THAT(server->Restart(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(server->Query({"GET", "k"}), IsOkAndHolds("v"));
}

TEST(RedisServerTest, ExtraArgumentsAndPasswordAreUsed) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server,
                       RedisServer::Start("--requirepass secret  --databases 4"));
  EXPECT_THAT(server->Query({"CONFIG", "GET", "databases"}), IsOkAndHolds("databases\n4"));
  ASSERT_OK(server->FlushAll());
  ASSERT_OK(server->Stop());
  ASSERT_OK(server->Restart());
  EXPECT_THAT(server->Query({"PING"}), IsOkAndHolds("PONG"));
}

TEST(RedisServerTest, TwoServersGetTwoPorts) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> a, RedisServer::Start());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> b, RedisServer::Start());
  EXPECT_NE(a->port(), b->port());
  ASSERT_OK(a->Query({"SET", "k", "a"}).status());
  EXPECT_THAT(b->Query({"GET", "k"}), IsOkAndHolds(""));
}

TEST(RedisServerTest, BadArgumentsFailToStart) {
  EXPECT_THAT(RedisServer::Start("--no-such-option 1"), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace lawenforce::testing
