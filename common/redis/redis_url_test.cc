#include <string>

#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::redis {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseRedisUrlTest, HostAloneTakesTheDefaults) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://cache.internal"));
  EXPECT_EQ(options.host, "cache.internal");
  EXPECT_EQ(options.port, 6379);
  EXPECT_EQ(options.database, 0);
  EXPECT_EQ(options.user, "");
  EXPECT_EQ(options.password, "");
  EXPECT_EQ(options.connect_timeout, RedisOptions().connect_timeout);
  EXPECT_EQ(options.pool_size, RedisOptions().pool_size);
}

TEST(ParseRedisUrlTest, ReadsPortAndDatabase) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://10.0.0.7:6380/3"));
  EXPECT_EQ(options.host, "10.0.0.7");
  EXPECT_EQ(options.port, 6380);
  EXPECT_EQ(options.database, 3);
}

TEST(ParseRedisUrlTest, SchemeIsCaseInsensitiveAndTrailingSlashMeansDatabaseZero) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("REDIS://h:1/"));
  EXPECT_EQ(options.host, "h");
  EXPECT_EQ(options.port, 1);
  EXPECT_EQ(options.database, 0);
}

TEST(ParseRedisUrlTest, PasswordWithoutUser) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://:s3cret@h:7000/2"));
  EXPECT_EQ(options.user, "");
  EXPECT_EQ(options.password, "s3cret");
  EXPECT_EQ(options.host, "h");
  EXPECT_EQ(options.port, 7000);
  EXPECT_EQ(options.database, 2);
}

TEST(ParseRedisUrlTest, UserAndPasswordForAclAuth) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://timers:pw@h"));
  EXPECT_EQ(options.user, "timers");
  EXPECT_EQ(options.password, "pw");
}

TEST(ParseRedisUrlTest, PasswordIsPercentDecodedAndMayContainColonAndAt) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://:a%2Fb:c@d@h:1"));
  EXPECT_EQ(options.password, "a/b:c@d");
  EXPECT_EQ(options.host, "h");
}

TEST(ParseRedisUrlTest, BracketedIpv6Host) {
  ASSERT_OK_AND_ASSIGN(RedisOptions options, ParseRedisUrl("redis://[::1]:6390/1"));
  EXPECT_EQ(options.host, "::1");
  EXPECT_EQ(options.port, 6390);
  EXPECT_EQ(options.database, 1);

  ASSERT_OK_AND_ASSIGN(RedisOptions no_port, ParseRedisUrl("redis://[fe80::2]"));
  EXPECT_EQ(no_port.host, "fe80::2");
  EXPECT_EQ(no_port.port, 6379);
}

TEST(ParseRedisUrlTest, WrongSchemeIsNamed) {
  EXPECT_THAT(ParseRedisUrl("http://h:6379"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scheme")));
  EXPECT_THAT(ParseRedisUrl("rediss://h:6379"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scheme")));
  EXPECT_THAT(ParseRedisUrl("h:6379"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scheme")));
}

TEST(ParseRedisUrlTest, BadPortIsNamed) {
  for (const char* url : {"redis://h:", "redis://h:0", "redis://h:65536", "redis://h:12a",
                          "redis://h:-1", "redis://[::1]:", "redis://h:+5"}) {
    EXPECT_THAT(ParseRedisUrl(url), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("port")))
        << url;
  }
}

TEST(ParseRedisUrlTest, BadDatabaseIsNamed) {
  for (const char* url :
       {"redis://h/x", "redis://h/-1", "redis://h:1/1/2", "redis://h/99999999999"}) {
    EXPECT_THAT(ParseRedisUrl(url),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("database")))
        << url;
  }
}

TEST(ParseRedisUrlTest, BadHostIsNamed) {
  for (const char* url :
       {"redis://", "redis://:1", "redis://[::1", "redis://[::1]x", "redis://:pw@"}) {
    EXPECT_THAT(ParseRedisUrl(url), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("host")))
        << url;
  }
}

TEST(ParseRedisUrlTest, BadUserinfoIsNamedWithoutEchoingIt) {
  absl::StatusOr<RedisOptions> no_colon = ParseRedisUrl("redis://topsecret@h");
  EXPECT_THAT(no_colon, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("userinfo")));
  EXPECT_THAT(std::string(no_colon.status().message()), ::testing::Not(HasSubstr("topsecret")));
  EXPECT_THAT(ParseRedisUrl("redis://u:@h"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("password")));
  EXPECT_THAT(ParseRedisUrl("redis://:bad%zzescape@h"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("password")));
}

TEST(ParseRedisUrlTest, QueryParametersAreRejected) {
  EXPECT_THAT(ParseRedisUrl("redis://h/0?timeout=1s"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("query")));
}

}  // namespace
}  // namespace lawenforce::redis
