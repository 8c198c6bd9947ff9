// The store::Database contract (sql.h), run against both backends: a real
// SQLite file and a throwaway PostgreSQL (a fresh schema per test on one
// server per process). PostgreSQL-only behaviour: postgres_database_test.cc.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/store/idempotency.h"
#include "common/store/open.h"
#include "common/store/sql.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::StoreBackend;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;
using ::testing::SizeIs;

constexpr absl::Duration kDeadline = absl::Seconds(30);

absl::StatusOr<std::vector<Row>> ReadRows(Database& db, absl::string_view sql,
                                          std::vector<Value> params = {}) {
  std::vector<Row> out;
  absl::Status status = db.Read([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
    if (!rows.ok()) {
      return rows.status();
    }
    out = std::move(*rows);
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return status;
  }
  return out;
}

// The single integer a query returns, or -1 when it fails.
int64_t ReadInt(Database& db, absl::string_view sql, std::vector<Value> params = {}) {
  absl::StatusOr<std::vector<Row>> rows = ReadRows(db, sql, std::move(params));
  EXPECT_OK(rows.status());
  return rows.ok() && !rows->empty() ? rows->front().Int(0) : -1;
}

absl::Status WriteOne(Database& db, absl::string_view sql, std::vector<Value> params = {}) {
  return db.Write([&](Transaction& tx) { return tx.Execute(sql, params).status(); });
}

absl::Status WriteScript(Database& db, absl::string_view sql) {
  return db.Write([&](Transaction& tx) { return tx.ExecuteScript(sql); });
}

class DatabaseContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(url_, FreshStoreUrl(GetParam(), dir_));
    ASSERT_OK_AND_ASSIGN(db_, OpenDatabase(url_));
  }

  // Another Database on the same store: a second replica of the service.
  std::unique_ptr<Database> OpenReplica() {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(url_);
    EXPECT_OK(db.status());
    return db.ok() ? std::move(*db) : nullptr;
  }

  ::lawenforce::testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseContractTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::lawenforce::testing::StoreBackendName);

TEST_P(DatabaseContractTest, NamesItsDialect) {
  EXPECT_EQ(db_->dialect(), GetParam() == StoreBackend::kSqlite ? "sqlite" : "postgres");
}

TEST_P(DatabaseContractTest, CommitsWhenTheCallbackSucceedsAndRollsBackWhenItFails) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE cases (id TEXT PRIMARY KEY)"));
  ASSERT_OK(WriteOne(*db_, "INSERT INTO cases (id) VALUES (?)", {Text("c1")}));
  absl::Status status = db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_OK(tx.Execute("INSERT INTO cases (id) VALUES ('c2')").status());
    return absl::NotFoundError("officer o-9");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound, Eq("officer o-9")));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM cases"), 1);
  ASSERT_OK(WriteOne(*db_, "INSERT INTO cases (id) VALUES ('c3')"));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM cases"), 2);
}

TEST_P(DatabaseContractTest, ExecuteCountsChangedRows) {
  ASSERT_OK(db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute("CREATE TABLE t (n INTEGER)"), IsOkAndHolds(0));
    EXPECT_THAT(tx.Execute("INSERT INTO t (n) VALUES (1), (2), (3)"), IsOkAndHolds(3));
    EXPECT_THAT(tx.Execute("UPDATE t SET n = n + 10 WHERE n >= ?", {Int(2)}), IsOkAndHolds(2));
    EXPECT_THAT(tx.Execute("SELECT n FROM t"), IsOkAndHolds(0));
    EXPECT_THAT(tx.Execute("DELETE FROM t WHERE n > 100"), IsOkAndHolds(0));
    return absl::OkStatus();
  }));
}

class ConstraintContractTest : public DatabaseContractTest {
 protected:
  void SetUp() override {
    DatabaseContractTest::SetUp();
    ASSERT_OK(WriteScript(
        *db_,
        "CREATE TABLE officers (id TEXT PRIMARY KEY);"
        "CREATE TABLE certificates ("
        "  id INTEGER PRIMARY KEY,"
        "  number TEXT NOT NULL UNIQUE,"
        "  officer TEXT REFERENCES officers (id),"
        "  fee_fen INTEGER CHECK (fee_fen >= 0));"
        "CREATE TABLE assignments (officer TEXT, division TEXT, UNIQUE (officer, division));"
        "INSERT INTO officers (id) VALUES ('o1');"
        "INSERT INTO certificates (id, number, officer, fee_fen) VALUES (1, 'N-1', 'o1', 0);"
        "INSERT INTO assignments (officer, division) VALUES ('o1', '640100');"));
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ConstraintContractTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::lawenforce::testing::StoreBackendName);

TEST_P(ConstraintContractTest, UniqueViolationsAreAlreadyExistsNamingExactlyTheColumns) {
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (?, ?)", {Int(2), Text("N-1")}),
      StatusIs(absl::StatusCode::kAlreadyExists, Eq("certificates.number")));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO officers (id) VALUES ('o1')"),
              StatusIs(absl::StatusCode::kAlreadyExists, Eq("officers.id")));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (1, 'N-2')"),
              StatusIs(absl::StatusCode::kAlreadyExists, Eq("certificates.id")));
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO assignments (officer, division) VALUES ('o1', '640100')"),
      StatusIs(absl::StatusCode::kAlreadyExists, Eq("assignments.officer, assignments.division")));
  // Again, from the cache of constraint names.
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (?, ?)", {Int(3), Text("N-1")}),
      StatusIs(absl::StatusCode::kAlreadyExists, Eq("certificates.number")));
}

TEST_P(ConstraintContractTest, OtherViolationsAreFailedPreconditionAndChangeNothing) {
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (2, NULL)"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NOT NULL")));
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number, fee_fen) VALUES (2, 'N-2', -1)"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CHECK")));
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number, officer) VALUES (2, 'N-2', 'nobody')"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FOREIGN KEY")));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM certificates"), 1);
}

TEST_P(ConstraintContractTest, MessagesNeverCarryTheStatementOrItsValues) {
  absl::Status status =
      WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (?, ?)", {Int(9), Text("N-1")});
  EXPECT_THAT(status.message(), Not(HasSubstr("INSERT")));
  EXPECT_THAT(status.message(), Not(HasSubstr("N-1")));
  status = WriteOne(*db_, "INSERT INTO missing_table (secret_column) VALUES (?)", {Text("x")});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal, HasSubstr("missing_table")));
  EXPECT_THAT(status.message(), Not(HasSubstr("INSERT")));
  EXPECT_THAT(status.message(), Not(HasSubstr("secret_column")));
}

TEST_P(DatabaseContractTest, WrongParameterCountOrStatementCountIsInvalidArgument) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (a INTEGER, b INTEGER)"));
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO t (a, b) VALUES (?, ?)", {Int(1)}),
      StatusIs(absl::StatusCode::kInvalidArgument, Eq("statement takes 2 parameters, got 1")));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t (a, b) VALUES (1, 2)", {Int(1)}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t VALUES (1, 1); INSERT INTO t VALUES (2, 2)"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ExecuteScript")));
  EXPECT_THAT(WriteOne(*db_, "  "), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 0);
}

TEST_P(DatabaseContractTest, ValuesRoundTrip) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE vals (k INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT)"));
  struct Case {
    Value i, r, t;
  };
  const std::vector<Case> cases = {
      {Int(0), Real(0.1), Text("")},
      {Int(std::numeric_limits<int64_t>::min()), Real(-1e300), Text("宁夏回族自治区")},
      {Int(std::numeric_limits<int64_t>::max()), Real(1.0 / 3), Text("警号 👮 'quoted' \\")},
      {Int(-1), Real(5e-324), Text("line\nbreak\ttab")},
      {Null(), Null(), Null()},
  };
  ASSERT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
    for (size_t k = 0; k < cases.size(); ++k) {
      absl::StatusOr<int64_t> n = tx.Execute("INSERT INTO vals (k, i, r, t) VALUES (?, ?, ?, ?)",
                                             {Int(k), cases[k].i, cases[k].r, cases[k].t});
      if (!n.ok()) {
        return n.status();
      }
    }
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows,
                       ReadRows(*db_, "SELECT i, r, t FROM vals ORDER BY k"));
  ASSERT_THAT(rows, SizeIs(cases.size()));
  for (size_t k = 0; k + 1 < cases.size(); ++k) {
    SCOPED_TRACE(absl::StrCat("case ", k));
    EXPECT_EQ(rows[k].Int(0), std::get<int64_t>(cases[k].i));
    EXPECT_EQ(rows[k].Real(1), std::get<double>(cases[k].r));
    EXPECT_EQ(rows[k].Text(2), std::get<std::string>(cases[k].t));
    EXPECT_FALSE(rows[k].IsNull(0) || rows[k].IsNull(1) || rows[k].IsNull(2));
  }
  EXPECT_TRUE(rows.back().IsNull(0) && rows.back().IsNull(1) && rows.back().IsNull(2));
  // Looked up by value, too.
  EXPECT_EQ(ReadInt(*db_, "SELECT k FROM vals WHERE t = ?", {Text("宁夏回族自治区")}), 1);
  EXPECT_EQ(
      ReadInt(*db_, "SELECT k FROM vals WHERE i = ?", {Int(std::numeric_limits<int64_t>::max())}),
      2);
}

TEST_P(DatabaseContractTest, QuestionMarksInLiteralsAndCommentsAreNotPlaceholders) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (a TEXT, b TEXT)"));
  ASSERT_OK(WriteOne(*db_, "INSERT INTO t (a, b) VALUES ('why?', ?) -- or not?", {Text("x")}));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t WHERE a = 'why?' /* ? */ AND b = ?", {Text("x")}),
            1);
}

TEST_P(DatabaseContractTest, ReadSeesOneSnapshot) {
  ASSERT_OK(WriteScript(*db_, "CREATE TABLE t (n INTEGER); INSERT INTO t (n) VALUES (1);"));
  absl::Notification reading;
  absl::Notification written;
  std::thread writer([&] {
    reading.WaitForNotification();
    EXPECT_OK(WriteOne(*db_, "INSERT INTO t (n) VALUES (2)"));
    written.Notify();
  });
  ASSERT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
    auto first = tx.Query("SELECT COUNT(*) FROM t");
    reading.Notify();
    EXPECT_TRUE(written.WaitForNotificationWithTimeout(kDeadline));
    auto second = tx.Query("SELECT COUNT(*) FROM t");
    EXPECT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->front().Int(0), 1);
    EXPECT_EQ(second->front().Int(0), 1);
    return absl::OkStatus();
  }));
  writer.join();
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 2);
}

TEST_P(DatabaseContractTest, WritesInsideReadFailAndChangeNothing) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(db_->Read([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute("INSERT INTO t (n) VALUES (1)"), StatusIs(absl::StatusCode::kInternal));
    return absl::OkStatus();
  }));
  ASSERT_OK(db_->Read([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.ExecuteScript("CREATE TABLE u (n INTEGER)"),
                StatusIs(absl::StatusCode::kInternal));
    return absl::OkStatus();
  }));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 0);
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE u (n INTEGER)"));  // so u did not exist
}

constexpr absl::string_view kStepOne =
    "CREATE TABLE officers (id TEXT PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE step_log (step INTEGER NOT NULL);"
    "INSERT INTO step_log (step) VALUES (1);";
constexpr absl::string_view kStepTwo =
    "CREATE INDEX officers_by_name ON officers (name);"
    "INSERT INTO step_log (step) VALUES (2);";
const Migration kMigrations[] = {{1, "officers", kStepOne}, {2, "by name", kStepTwo}};

TEST_P(DatabaseContractTest, MigrateAppliesEachStepOnceAndRecordsItsVersion) {
  ASSERT_OK(Migrate(*db_, "personnel", absl::MakeSpan(kMigrations, 1)));
  ASSERT_OK(Migrate(*db_, "personnel", kMigrations));
  ASSERT_OK(Migrate(*db_, "personnel", kMigrations));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM step_log"), 2);
  ASSERT_OK_AND_ASSIGN(
      std::vector<Row> rows,
      ReadRows(*db_, "SELECT service, version, name FROM schema_migrations ORDER BY version"));
  ASSERT_THAT(rows, SizeIs(2));
  EXPECT_EQ(rows[1].Text(0), "personnel");
  EXPECT_EQ(rows[1].Int(1), 2);
  EXPECT_EQ(rows[1].Text(2), "by name");
  // Another service in the same database keeps its own versions.
  const Migration other[] = {{1, "other", "CREATE TABLE other_t (n INTEGER);"}};
  ASSERT_OK(Migrate(*db_, "other", other));
  EXPECT_EQ(ReadInt(*db_, "SELECT MAX(version) FROM schema_migrations WHERE service = ?",
                    {Text("other")}),
            1);
}

TEST_P(DatabaseContractTest, MigrateRefusesADatabaseAtANewerVersion) {
  ASSERT_OK(Migrate(*db_, "personnel", kMigrations));
  EXPECT_THAT(Migrate(*db_, "personnel", absl::MakeSpan(kMigrations, 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("version 2")));
}

TEST_P(DatabaseContractTest, ReplicasMigratingAtOnceApplyEveryStepOnce) {
  std::unique_ptr<Database> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    Database* db = t % 2 == 0 ? db_.get() : replica.get();
    threads.emplace_back([db] { EXPECT_OK(Migrate(*db, "personnel", kMigrations)); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM step_log"), 2);
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM schema_migrations"), 2);
}

TEST_P(DatabaseContractTest, IdempotencyKeysFindTheEarlierResultAndRefuseAnotherRequest) {
  ASSERT_OK(WriteScript(*db_, kIdempotencyKeysTableSql));
  const std::string hash = RequestHash("create officer A");
  auto find = [&](absl::string_view request_hash) {
    absl::StatusOr<std::optional<std::string>> found;
    EXPECT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
      found = FindIdempotentResult(tx, "CreateOfficer", "req-1", request_hash);
      return absl::OkStatus();
    }));
    return found;
  };
  EXPECT_THAT(find(hash), IsOkAndHolds(Eq(std::nullopt)));
  ASSERT_OK(db_->Write([&](Transaction& tx) {
    return RecordIdempotentResult(tx, "CreateOfficer", "req-1", hash, "officer-7", absl::Now());
  }));
  EXPECT_THAT(find(hash), IsOkAndHolds(Optional(std::string("officer-7"))));
  ::lawenforce::testing::ExpectInvalidField(find(RequestHash("create officer B")).status(),
                                            "request_id");
  EXPECT_THAT(db_->Write([&](Transaction& tx) {
    return RecordIdempotentResult(tx, "CreateOfficer", "req-1", hash, "officer-8", absl::Now());
  }),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       Eq("idempotency_keys.method, idempotency_keys.request_id")));
}

// Read-modify-write in separate statements from many threads on two
// replicas: only serialised writers (SQLite) or serializable transactions
// retried on conflict (PostgreSQL) keep every increment.
TEST_P(DatabaseContractTest, ConcurrentWritersLoseNoUpdate) {
  std::unique_ptr<Database> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  ASSERT_OK(WriteScript(*db_,
                        "CREATE TABLE counter (n INTEGER NOT NULL);"
                        "INSERT INTO counter (n) VALUES (0);"
                        "CREATE TABLE increments (n INTEGER NOT NULL);"));
  constexpr int kThreads = 8;
  constexpr int kRounds = 15;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Database* db = t % 2 == 0 ? db_.get() : replica.get();
    threads.emplace_back([db] {
      for (int r = 0; r < kRounds; ++r) {
        EXPECT_OK(db->Write([&](Transaction& tx) -> absl::Status {
          absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT n FROM counter");
          if (!rows.ok()) {
            return rows.status();
          }
          const int64_t next = rows->front().Int(0) + 1;
          if (auto s = tx.Execute("UPDATE counter SET n = ?", {Int(next)}); !s.ok()) {
            return s.status();
          }
          return tx.Execute("INSERT INTO increments (n) VALUES (?)", {Int(next)}).status();
        }));
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ReadInt(*db_, "SELECT n FROM counter"), kThreads * kRounds);
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(DISTINCT n) FROM increments"), kThreads * kRounds);
}

// The pattern of certificate_events: the next sequence is MAX(sequence) + 1
// of the subject, read and inserted in one transaction.
TEST_P(DatabaseContractTest, MaxPlusOneSequencesNeverCollide) {
  std::unique_ptr<Database> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  ASSERT_OK(WriteOne(*db_,
                     "CREATE TABLE events (subject TEXT NOT NULL, sequence INTEGER NOT NULL, "
                     "PRIMARY KEY (subject, sequence))"));
  constexpr int kThreads = 8;
  constexpr int kEvents = 15;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Database* db = t % 2 == 0 ? db_.get() : replica.get();
    threads.emplace_back([db] {
      for (int e = 0; e < kEvents; ++e) {
        EXPECT_OK(db->Write([&](Transaction& tx) -> absl::Status {
          absl::StatusOr<std::vector<Row>> next = tx.Query(
              "SELECT COALESCE(MAX(sequence), 0) + 1 FROM events WHERE subject = ?", {Text("c1")});
          if (!next.ok()) {
            return next.status();
          }
          return tx
              .Execute("INSERT INTO events (subject, sequence) VALUES (?, ?)",
                       {Text("c1"), Int(next->front().Int(0))})
              .status();
        }));
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM events"), kThreads * kEvents);
  EXPECT_EQ(ReadInt(*db_, "SELECT MAX(sequence) FROM events"), kThreads * kEvents);
}

}  // namespace
}  // namespace lawenforce::store
