// What only the PostgreSQL backend does: reconnecting after the server went
// away, statement timeouts, retries of serialization failures, schemas,
// binary values, the pool bound and the advisory lock. The behaviour both
// backends share is in database_contract_test.cc.

#include "common/store/postgres_database.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/store/open.h"
#include "common/store/sql.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::PostgresServer;
using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::Duration kDeadline = absl::Seconds(30);

absl::StatusOr<int64_t> ReadInt(Database& db, absl::string_view sql,
                                std::vector<Value> params = {}) {
  int64_t value = -1;
  absl::Status status = db.Read([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
    if (rows.ok() && !rows->empty()) {
      value = rows->front().Int(0);
    }
    return rows.status();
  });
  if (!status.ok()) {
    return status;
  }
  return value;
}

absl::Status WriteOne(Database& db, absl::string_view sql, std::vector<Value> params = {}) {
  return db.Write([&](Transaction& tx) { return tx.Execute(sql, params).status(); });
}

// Options for a fresh schema on `server`.
PostgresOptions OptionsFor(const PostgresServer& server) {
  static std::atomic<int> counter{0};
  PostgresOptions options;
  options.host = server.host();
  options.port = server.port();
  options.dbname = std::string(PostgresServer::kDatabase);
  options.user = std::string(PostgresServer::kUser);
  options.schema = absl::StrCat("pg", ++counter);
  options.application_name = options.schema;
  return options;
}

class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(server_, ::lawenforce::testing::SharedPostgresServer());
    options_ = OptionsFor(*server_);
  }

  std::unique_ptr<Database> Open(const PostgresOptions& options) {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenPostgres(options);
    EXPECT_OK(db.status());
    return db.ok() ? std::move(*db) : nullptr;
  }

  PostgresServer* server_ = nullptr;
  PostgresOptions options_;
};

TEST(PostgresRestartTest, CallsFailUnavailableWhileTheServerIsDownAndSucceedAfterItIsBack) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PostgresServer> server, PostgresServer::Start());
  PostgresOptions options = OptionsFor(*server);
  options.pool_size = 3;
  options.connect_timeout = absl::Seconds(2);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, OpenPostgres(options));
  ASSERT_OK(WriteOne(*db, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(WriteOne(*db, "INSERT INTO t (n) VALUES (?)", {Int(1)}));

  ASSERT_OK(server->Kill());  // a crash: committed rows must survive it
  const std::string where = absl::StrCat("127.0.0.1:", server->port());
  EXPECT_THAT(
      WriteOne(*db, "INSERT INTO t (n) VALUES (?)", {Int(2)}),
      StatusIs(absl::StatusCode::kUnavailable, AllOf(HasSubstr(where), Not(HasSubstr("INSERT")))));
  EXPECT_THAT(ReadInt(*db, "SELECT COUNT(*) FROM t"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(where)));

  ASSERT_OK(server->Restart());
  EXPECT_OK(WriteOne(*db, "INSERT INTO t (n) VALUES (?)", {Int(3)}));
  EXPECT_THAT(ReadInt(*db, "SELECT SUM(n) FROM t"), IsOkAndHolds(4));

  // A clean restart (fast shutdown) with connections idle in the pool.
  ASSERT_OK(server->Stop());
  ASSERT_OK(server->Restart());
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(ReadInt(*db, "SELECT COUNT(*) FROM t"), IsOkAndHolds(2));
  }
}

TEST_F(PostgresDatabaseTest, ATerminatedConnectionIsReplacedWithoutFailingTheNextCall) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(WriteOne(*db, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(server_
                ->Query(absl::StrCat("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE application_name = '",
                                     options_.application_name, "'"))
                .status());
  EXPECT_OK(WriteOne(*db, "INSERT INTO t (n) VALUES (1)"));
  EXPECT_THAT(ReadInt(*db, "SELECT COUNT(*) FROM t"), IsOkAndHolds(1));
}

TEST_F(PostgresDatabaseTest, AServerThatCannotBeReachedIsUnavailableNamingHostAndPortOnly) {
  PostgresOptions options = options_;
  options.host = "127.0.0.1";
  options.port = 1;  // nothing listens there
  options.password = "s3cret";
  options.connect_timeout = absl::Seconds(1);
  EXPECT_THAT(OpenPostgres(options),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("127.0.0.1:1"), Not(HasSubstr("s3cret")))));
}

TEST_F(PostgresDatabaseTest, StatementTimeoutIsDeadlineExceededAndTheDatabaseStaysUsable) {
  options_.statement_timeout = absl::Milliseconds(100);
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  EXPECT_THAT(ReadInt(*db, "SELECT pg_sleep(5)"), StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(db->Write([](Transaction& tx) { return tx.Query("SELECT pg_sleep(5)").status(); }),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(ReadInt(*db, "SELECT 7"), IsOkAndHolds(7));
}

TEST_F(PostgresDatabaseTest, AConflictingWriteIsRunAgainAndLosesNothing) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Transaction& tx) {
    return tx.ExecuteScript("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);");
  }));
  // Both transactions read 0 before either writes: one must run again.
  absl::Mutex mu;
  int read_zero = 0;
  std::atomic<int> runs{0};
  auto increment = [&] {
    EXPECT_OK(db->Write([&](Transaction& tx) -> absl::Status {
      ++runs;
      absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT n FROM counter");
      if (!rows.ok()) {
        return rows.status();
      }
      const int64_t n = rows->front().Int(0);
      if (n == 0) {
        absl::MutexLock lock(&mu);
        ++read_zero;
        mu.AwaitWithTimeout(absl::Condition(
                                +[](int* k) { return *k >= 2; }, &read_zero),
                            kDeadline);
      }
      return tx.Execute("UPDATE counter SET n = ?", {Int(n + 1)}).status();
    }));
  };
  std::thread first(increment);
  std::thread second(increment);
  first.join();
  second.join();
  EXPECT_THAT(ReadInt(*db, "SELECT n FROM counter"), IsOkAndHolds(2));
  EXPECT_EQ(runs.load(), 3);
}

TEST_F(PostgresDatabaseTest, RetriesAreBoundedThenAborted) {
  options_.serialization_retries = 0;
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Transaction& tx) {
    return tx.ExecuteScript("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);");
  }));
  absl::Mutex mu;
  int read = 0;
  std::vector<absl::Status> results(2);
  auto increment = [&](int i) {
    results[i] = db->Write([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT n FROM counter");
      {
        absl::MutexLock lock(&mu);
        ++read;
        mu.AwaitWithTimeout(absl::Condition(
                                +[](int* k) { return *k >= 2; }, &read),
                            kDeadline);
      }
      return tx.Execute("UPDATE counter SET n = ?", {Int(rows->front().Int(0) + 1)}).status();
    });
  };
  std::thread first(increment, 0);
  std::thread second(increment, 1);
  first.join();
  second.join();
  const int ok = results[0].ok() + results[1].ok();
  EXPECT_EQ(ok, 1);
  for (const absl::Status& s : results) {
    if (!s.ok()) {
      EXPECT_THAT(s, StatusIs(absl::StatusCode::kAborted, HasSubstr("serialization failure")));
    }
  }
  EXPECT_THAT(ReadInt(*db, "SELECT n FROM counter"), IsOkAndHolds(1));
}

TEST_F(PostgresDatabaseTest, AnIgnoredFailedStatementCommitsNothing) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(WriteOne(*db, "CREATE TABLE t (id TEXT PRIMARY KEY)"));
  ASSERT_OK(WriteOne(*db, "INSERT INTO t (id) VALUES ('a')"));
  absl::Status status = db->Write([](Transaction& tx) -> absl::Status {
    EXPECT_OK(tx.Execute("INSERT INTO t (id) VALUES ('b')").status());
    EXPECT_THAT(tx.Execute("INSERT INTO t (id) VALUES ('a')"),
                StatusIs(absl::StatusCode::kAlreadyExists, Eq("t.id")));
    // PostgreSQL ignores the rest of the transaction, and says so.
    EXPECT_THAT(tx.Execute("INSERT INTO t (id) VALUES ('c')"),
                StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("earlier error")));
    return absl::OkStatus();
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists, Eq("t.id")));
  EXPECT_THAT(ReadInt(*db, "SELECT COUNT(*) FROM t"), IsOkAndHolds(1));
}

TEST_F(PostgresDatabaseTest, UniqueViolationOfATableCreatedInTheSameTransactionNamesItsColumns) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  EXPECT_THAT(db->Write([](Transaction& tx) -> absl::Status {
    absl::Status s = tx.ExecuteScript(
        "CREATE TABLE pairs (a TEXT, b TEXT, UNIQUE (a, b)); INSERT INTO pairs VALUES ('x', 'y');");
    if (!s.ok()) {
      return s;
    }
    return tx.Execute("INSERT INTO pairs VALUES ('x', 'y')").status();
  }),
              StatusIs(absl::StatusCode::kAlreadyExists, Eq("pairs.a, pairs.b")));
}

TEST_F(PostgresDatabaseTest, TheSchemaOptionKeepsServicesApart) {
  std::unique_ptr<Database> personnel = Open(options_);
  PostgresOptions cases_options = OptionsFor(*server_);
  std::unique_ptr<Database> cases = Open(cases_options);
  ASSERT_NE(personnel, nullptr);
  ASSERT_NE(cases, nullptr);
  const Migration migrations[] = {{1, "t", "CREATE TABLE t (owner TEXT NOT NULL);"}};
  ASSERT_OK(Migrate(*personnel, "svc", migrations));
  ASSERT_OK(Migrate(*cases, "svc", migrations));  // same service name, other schema
  ASSERT_OK(WriteOne(*personnel, "INSERT INTO t (owner) VALUES ('personnel')"));
  EXPECT_THAT(ReadInt(*cases, "SELECT COUNT(*) FROM t"), IsOkAndHolds(0));
  EXPECT_THAT(server_->Query(absl::StrCat("SELECT owner FROM ", options_.schema, ".t")),
              IsOkAndHolds("personnel"));
  EXPECT_THAT(server_->Query(absl::StrCat("SELECT COUNT(*) FROM ", cases_options.schema,
                                          ".schema_migrations")),
              IsOkAndHolds("1"));
}

TEST_F(PostgresDatabaseTest, BinaryStringsAreRefusedForTextAndKeptByteForByteAsBlob) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(WriteOne(*db, "CREATE TABLE tokens (hash BLOB PRIMARY KEY, owner TEXT)"));
  const std::string binary("\x00\x9f\x01\xff", 4);
  EXPECT_THAT(WriteOne(*db, "INSERT INTO tokens (hash, owner) VALUES (?, ?)", {Text("h"), binary}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       Eq("binary value: encode it (base64/hex) before storing")));
  EXPECT_THAT(WriteOne(*db, "INSERT INTO tokens (hash, owner) VALUES (?, ?)",
                       {Text("h"), std::string("\xc3\x28", 2)}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK(
      WriteOne(*db, "INSERT INTO tokens (hash, owner) VALUES (?, ?)", {binary, Text("officer-1")}));
  absl::StatusOr<std::vector<Row>> rows;
  ASSERT_OK(db->Read([&](Transaction& tx) {
    rows = tx.Query("SELECT owner, hash FROM tokens WHERE hash = ?", {binary});
    return rows.status();
  }));
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "officer-1");
  EXPECT_EQ((*rows)[0].Text(1), binary);
}

TEST_F(PostgresDatabaseTest, ResultColumnsOfOtherTypesConvert) {
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Read([](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows = tx.Query(
        "SELECT true, false, 2.5::numeric, 1.5::real, 7::smallint, NULL::text, 'x'::varchar, "
        "SUM(v) FROM (VALUES (CAST(? AS INTEGER)), (2)) AS s (v)",
        {Int(40)});
    EXPECT_OK(rows.status());
    const Row& r = rows->front();
    EXPECT_EQ(r.Int(0), 1);
    EXPECT_EQ(r.Int(1), 0);
    EXPECT_EQ(r.Real(2), 2.5);
    EXPECT_EQ(r.Real(3), 1.5);
    EXPECT_EQ(r.Int(4), 7);
    EXPECT_TRUE(r.IsNull(5));
    EXPECT_EQ(r.Text(6), "x");
    EXPECT_EQ(r.Int(7), 42);
    return absl::OkStatus();
  }));
  // INTEGER in DDL is 64-bit.
  ASSERT_OK(WriteOne(*db, "CREATE TABLE t (n INTEGER, b BLOB, r REAL)"));
  EXPECT_THAT(server_->Query(
                  absl::StrCat("SELECT string_agg(data_type, ',' ORDER BY ordinal_position) FROM "
                               "information_schema.columns WHERE table_schema = '",
                               options_.schema, "' AND table_name = 't'")),
              IsOkAndHolds("bigint,bytea,double precision"));
}

TEST_F(PostgresDatabaseTest, ACallerWaitsForAFreeConnectionAtMostThePoolTimeout) {
  options_.pool_size = 1;
  options_.pool_timeout = absl::Milliseconds(100);
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  absl::Notification inside;
  absl::Notification release;
  std::thread holder([&] {
    EXPECT_OK(db->Read([&](Transaction&) {
      inside.Notify();
      release.WaitForNotificationWithTimeout(kDeadline);
      return absl::OkStatus();
    }));
  });
  inside.WaitForNotification();
  EXPECT_THAT(ReadInt(*db, "SELECT 1"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("no free connection")));
  release.Notify();
  holder.join();
  EXPECT_THAT(ReadInt(*db, "SELECT 1"), IsOkAndHolds(1));
}

TEST_F(PostgresDatabaseTest, RunExclusiveExcludesAnotherReplicaUntilItReturns) {
  std::unique_ptr<Database> first = Open(options_);
  options_.lock_timeout = absl::Milliseconds(200);
  std::unique_ptr<Database> second = Open(options_);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  absl::Notification holding;
  absl::Notification release;
  std::thread holder([&] {
    EXPECT_OK(first->RunExclusive("migrate:svc", [&] {
      holding.Notify();
      release.WaitForNotificationWithTimeout(kDeadline);
      return absl::OkStatus();
    }));
  });
  holding.WaitForNotification();
  bool ran = false;
  EXPECT_THAT(second->RunExclusive("migrate:svc",
                                   [&] {
                                     ran = true;
                                     return absl::OkStatus();
                                   }),
              StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("migrate:svc")));
  EXPECT_FALSE(ran);
  EXPECT_OK(second->RunExclusive("other", [] { return absl::OkStatus(); }));
  release.Notify();
  holder.join();
  EXPECT_THAT(second->RunExclusive("migrate:svc", [] { return absl::NotFoundError("fn's"); }),
              StatusIs(absl::StatusCode::kNotFound, Eq("fn's")));
}

// The connection is lost while COMMIT runs (a deferred trigger holds it
// there): the outcome is unknown, so fn must not run again.
TEST_F(PostgresDatabaseTest, AWriteWhoseCommitOutcomeIsUnknownIsUnavailableAndNotRetried) {
  options_.statement_timeout = absl::ZeroDuration();
  std::unique_ptr<Database> db = Open(options_);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Transaction& tx) {
    return tx.ExecuteScript(
        "CREATE TABLE t (n INTEGER);"
        "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM pg_sleep(20); RETURN NULL; END $$;"
        "CREATE CONSTRAINT TRIGGER slow AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION slow_commit();");
  }));
  std::atomic<int> runs{0};
  absl::Status status;
  std::thread writer([&] {
    status = db->Write([&](Transaction& tx) {
      ++runs;
      return tx.Execute("INSERT INTO t (n) VALUES (1)").status();
    });
  });
  const std::string committing = absl::StrCat(
      "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query = 'COMMIT' AND "
      "application_name = '",
      options_.application_name, "'");
  std::string pid;
  for (absl::Time end = absl::Now() + kDeadline; pid.empty() && absl::Now() < end;) {
    pid = server_->Query(committing).value_or("");
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_FALSE(pid.empty());
  ASSERT_OK(server_->Query(absl::StrCat("SELECT pg_terminate_backend(", pid, ")")).status());
  writer.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("outcome unknown")));
  EXPECT_EQ(runs.load(), 1);
  EXPECT_THAT(ReadInt(*db, "SELECT COUNT(*) FROM t"), IsOkAndHolds(0));
}

TEST_F(PostgresDatabaseTest, OpenDatabaseOpensTheSchemaOfTheUrl) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db,
                       OpenDatabase(server_->url(), {.default_schema = options_.schema}));
  EXPECT_EQ(db->dialect(), "postgres");
  ASSERT_OK(WriteOne(*db, "CREATE TABLE here (n INTEGER)"));
  EXPECT_THAT(server_->Query(absl::StrCat("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '",
                                          options_.schema, "' AND tablename = 'here'")),
              IsOkAndHolds("1"));
}

}  // namespace
}  // namespace lawenforce::store
