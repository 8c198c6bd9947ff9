#include "common/testing/postgres_server.h"

#include <memory>
#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class PostgresServerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(server_, PostgresServer::Start()); }

  std::unique_ptr<PostgresServer> server_;
};

TEST_F(PostgresServerTest, ServesTheTestDatabaseOnLoopbackWithFsyncAndUtf8) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(server_->url(),
            absl::StrCat("postgres://postgres@127.0.0.1:", server_->port(), "/lawenforce_test"));
  EXPECT_THAT(server_->Query("SELECT current_database(), current_setting('fsync'), "
                             "current_setting('server_encoding'), current_setting('lc_collate'), "
                             "current_setting('listen_addresses')"),
              IsOkAndHolds("lawenforce_test|on|UTF8|C|127.0.0.1"));
  EXPECT_THAT(server_->Query("SELECT no_such_column"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("no_such_column")));
}

TEST_F(PostgresServerTest, CommittedRowsSurviveAKillAndRestartOnTheSamePort) {
  ASSERT_OK(server_->Query("CREATE TABLE t (n BIGINT); INSERT INTO t VALUES (42)").status());
  const int port = server_->port();
  ASSERT_OK(server_->Kill());
  EXPECT_THAT(server_->Kill(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(server_->Query("SELECT 1"), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_OK(server_->Restart());
  EXPECT_EQ(server_->port(), port);
  EXPECT_THAT(server_->Query("SELECT n FROM t"), IsOkAndHolds("42"));
}

TEST_F(PostgresServerTest, StopsAndRestarts) {
  ASSERT_OK(server_->Stop());
  EXPECT_THAT(server_->Stop(), StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK(server_->Restart());
  EXPECT_THAT(server_->Restart(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(server_->Query("SELECT 1"), IsOkAndHolds("1"));
}

TEST(SharedPostgresServerTest, IsStartedOnceAndHandsOutFreshSchemas) {
  ASSERT_OK_AND_ASSIGN(PostgresServer * first, SharedPostgresServer());
  ASSERT_OK_AND_ASSIGN(PostgresServer * second, SharedPostgresServer());
  EXPECT_EQ(first, second);
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::string a, FreshStoreUrl(StoreBackend::kPostgres, dir));
  ASSERT_OK_AND_ASSIGN(std::string b, FreshStoreUrl(StoreBackend::kPostgres, dir));
  EXPECT_NE(a, b);
  EXPECT_THAT(a, StartsWith(first->url() + "?schema=t"));
  ASSERT_OK_AND_ASSIGN(std::string file, FreshStoreUrl(StoreBackend::kSqlite, dir));
  EXPECT_THAT(file, StartsWith("sqlite://" + dir.path() + "/"));
}

}  // namespace
}  // namespace lawenforce::testing
