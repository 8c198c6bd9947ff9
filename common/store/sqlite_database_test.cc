#include "common/store/sqlite_database.h"

#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/store/sql.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr absl::Duration kDeadline = absl::Seconds(30);

// Rows of one query, run in its own read transaction.
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

// One statement in its own write transaction.
absl::Status WriteOne(Database& db, absl::string_view sql, std::vector<Value> params = {}) {
  return db.Write([&](Transaction& tx) { return tx.Execute(sql, params).status(); });
}

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Open({.path = path_}); }

  void Open(const SqliteOptions& options) {
    db_.reset();
    absl::StatusOr<std::unique_ptr<Database>> db = OpenSqlite(options);
    ASSERT_OK(db.status());
    db_ = std::move(*db);
  }

  ::lawenforce::testing::TempDir dir_;
  const std::string path_ = dir_.File("store.db");
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteDatabaseTest, RoundTripsEveryValueType) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE vals (k INTEGER PRIMARY KEY, x)"));
  const std::vector<Value> values = {
      Null(),
      Int(0),
      Int(std::numeric_limits<int64_t>::min()),
      Int(std::numeric_limits<int64_t>::max()),
      Real(0.1),
      Real(-1e300),
      Text(""),
      Text("宁夏回族自治区"),
      std::string("a\0b\xff", 4),  // Embedded NUL and a byte that is not UTF-8.
      std::string(1, '\0'),
      std::string("\xc3\x28", 2),  // Invalid UTF-8 sequence.
  };
  const std::vector<std::string> storage = {"null", "integer", "integer", "integer", "real", "real",
                                            "text", "text",    "blob",    "blob",    "blob"};
  ASSERT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
    for (size_t k = 0; k < values.size(); ++k) {
      absl::StatusOr<int64_t> n =
          tx.Execute("INSERT INTO vals (k, x) VALUES (?, ?)", {Int(k), values[k]});
      if (!n.ok()) {
        return n.status();
      }
    }
    return absl::OkStatus();
  }));

  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows,
                       ReadRows(*db_, "SELECT k, x, typeof(x) FROM vals ORDER BY k"));
  ASSERT_THAT(rows, SizeIs(values.size()));
  for (size_t k = 0; k < values.size(); ++k) {
    SCOPED_TRACE(absl::StrCat("value ", k));
    const Row& row = rows[k];
    EXPECT_EQ(row.Text(2), storage[k]);
    if (std::holds_alternative<std::monostate>(values[k])) {
      EXPECT_TRUE(row.IsNull(1));
    } else if (const auto* n = std::get_if<int64_t>(&values[k])) {
      EXPECT_EQ(row.Int(1), *n);
    } else if (const auto* d = std::get_if<double>(&values[k])) {
      EXPECT_EQ(row.Real(1), *d);
    } else {
      EXPECT_EQ(row.Text(1), std::get<std::string>(values[k]));
    }
  }
}

TEST_F(SqliteDatabaseTest, BinaryStringsWorkAsLookupKeys) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE tokens (hash BLOB PRIMARY KEY, owner TEXT)"));
  const std::string hash("\x00\x9f\x01\xff", 4);
  ASSERT_OK(
      WriteOne(*db_, "INSERT INTO tokens (hash, owner) VALUES (?, ?)", {hash, Text("officer-1")}));
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows,
                       ReadRows(*db_, "SELECT owner FROM tokens WHERE hash = ?", {hash}));
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].Text(0), "officer-1");
}

TEST_F(SqliteDatabaseTest, ExecuteCountsChangedRows) {
  ASSERT_OK(db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute("CREATE TABLE t (n INTEGER)"), IsOkAndHolds(0));
    EXPECT_THAT(tx.Execute("INSERT INTO t (n) VALUES (1), (2), (3)"), IsOkAndHolds(3));
    EXPECT_THAT(tx.Execute("UPDATE t SET n = n + 10 WHERE n >= ?", {Int(2)}), IsOkAndHolds(2));
    // Neither a query nor DDL reports the previous statement's count.
    EXPECT_THAT(tx.Execute("SELECT n FROM t"), IsOkAndHolds(0));
    EXPECT_THAT(tx.Execute("CREATE INDEX t_n ON t (n)"), IsOkAndHolds(0));
    EXPECT_THAT(tx.Execute("DELETE FROM t WHERE n > 100"), IsOkAndHolds(0));
    return absl::OkStatus();
  }));
}

TEST_F(SqliteDatabaseTest, FailedCallbackLeavesNothingBehind) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE cases (id TEXT PRIMARY KEY)"));
  absl::Status status = db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_OK(tx.Execute("INSERT INTO cases (id) VALUES ('c1')").status());
    EXPECT_OK(tx.Execute("INSERT INTO cases (id) VALUES ('c2')").status());
    return absl::NotFoundError("officer o-9");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound, Eq("officer o-9")));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM cases"), 0);
  // The connection is usable again afterwards.
  ASSERT_OK(WriteOne(*db_, "INSERT INTO cases (id) VALUES ('c3')"));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM cases"), 1);
}

TEST_F(SqliteDatabaseTest, TransactionEndedByTheCallbackIsNotReportedAsCommitted) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE cases (id TEXT PRIMARY KEY)"));
  absl::Status status = db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_OK(tx.Execute("INSERT INTO cases (id) VALUES ('c1')").status());
    return tx.Execute("ROLLBACK").status();
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM cases"), 0);
  ASSERT_OK(WriteOne(*db_, "INSERT INTO cases (id) VALUES ('c2')"));
}

class ConstraintTest : public SqliteDatabaseTest {
 protected:
  void SetUp() override {
    SqliteDatabaseTest::SetUp();
    ASSERT_OK(db_->Write([](Transaction& tx) {
      return tx.ExecuteScript(
          "CREATE TABLE officers (id TEXT PRIMARY KEY);"
          "CREATE TABLE certificates ("
          "  id INTEGER PRIMARY KEY,"
          "  number TEXT NOT NULL UNIQUE,"
          "  officer TEXT REFERENCES officers (id),"
          "  fee_fen INTEGER CHECK (fee_fen >= 0));"
          "CREATE TABLE assignments (officer TEXT, division TEXT, UNIQUE (officer, division));"
          "INSERT INTO officers (id) VALUES ('o1');"
          "INSERT INTO certificates (id, number, officer, fee_fen) VALUES (1, 'N-1', 'o1', 0);"
          "INSERT INTO assignments (officer, division) VALUES ('o1', '640100');");
    }));
  }
};

TEST_F(ConstraintTest, UniqueViolationIsAlreadyExistsNamingTheColumn) {
  absl::Status status =
      WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (?, ?)", {Int(2), Text("N-1")});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists, Eq("certificates.number")));
}

TEST_F(ConstraintTest, PrimaryKeyViolationIsAlreadyExistsNamingTheColumn) {
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO officers (id) VALUES ('o1')"),
              StatusIs(absl::StatusCode::kAlreadyExists, Eq("officers.id")));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (1, 'N-2')"),
              StatusIs(absl::StatusCode::kAlreadyExists, Eq("certificates.id")));
}

TEST_F(ConstraintTest, CompositeUniqueViolationNamesEveryColumn) {
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO assignments (officer, division) VALUES ('o1', '640100')"),
      StatusIs(absl::StatusCode::kAlreadyExists, Eq("assignments.officer, assignments.division")));
}

TEST_F(ConstraintTest, OtherViolationsAreFailedPrecondition) {
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO certificates (id, number) VALUES (2, NULL)"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NOT NULL")));
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number, fee_fen) VALUES (2, 'N-2', -1)"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CHECK")));
  // Foreign keys are enforced.
  EXPECT_THAT(
      WriteOne(*db_, "INSERT INTO certificates (id, number, officer) VALUES (2, 'N-2', 'nobody')"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FOREIGN KEY")));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM certificates"), 1);
}

TEST_F(ConstraintTest, ViolationInsideATransactionLeavesItUsable) {
  ASSERT_OK(db_->Write([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute("INSERT INTO officers (id) VALUES ('o1')"),
                StatusIs(absl::StatusCode::kAlreadyExists));
    return tx.Execute("INSERT INTO officers (id) VALUES ('o2')").status();
  }));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM officers"), 2);
}

TEST_F(SqliteDatabaseTest, ErrorMessagesDoNotCarryTheStatement) {
  absl::Status status =
      WriteOne(*db_, "INSERT INTO missing_table (secret_column) VALUES (?)", {Text("x")});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal, HasSubstr("no such table")));
  EXPECT_THAT(status.message(), Not(HasSubstr("INSERT")));
  EXPECT_THAT(status.message(), Not(HasSubstr("secret_column")));
}

TEST_F(SqliteDatabaseTest, ExecuteTakesExactlyOneStatement) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ExecuteScript")));
  EXPECT_THAT(WriteOne(*db_, "  "), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 0);
  // A trailing semicolon or comment is not a second statement.
  EXPECT_OK(WriteOne(*db_, "INSERT INTO t VALUES (1); -- first row"));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 1);
}

TEST_F(SqliteDatabaseTest, WrongParameterCountIsInvalidArgument) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (a INTEGER, b INTEGER)"));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t (a, b) VALUES (?, ?)", {Int(1)}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2 parameters, got 1")));
  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t (a, b) VALUES (1, 2)", {Int(1)}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SqliteDatabaseTest, WritesInsideReadFailAndChangeNothing) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(db_->Read([](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute("INSERT INTO t (n) VALUES (1)"), StatusIs(absl::StatusCode::kInternal));
    EXPECT_THAT(tx.Execute("CREATE TABLE u (n INTEGER)"), StatusIs(absl::StatusCode::kInternal));
    EXPECT_THAT(tx.Execute("CREATE TEMP TABLE v (n INTEGER)"),
                StatusIs(absl::StatusCode::kInternal));
    EXPECT_THAT(tx.ExecuteScript("DELETE FROM t; INSERT INTO t (n) VALUES (2)"),
                StatusIs(absl::StatusCode::kInternal));
    return absl::OkStatus();
  }));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 0);
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'u'"), 0);
}

TEST_F(SqliteDatabaseTest, ConnectionsUseWalFullSyncAndForeignKeys) {
  // Settings of the write connection.
  ASSERT_OK(db_->Write([](Transaction& tx) -> absl::Status {
    auto journal_mode = tx.Query("PRAGMA journal_mode");
    auto synchronous = tx.Query("PRAGMA synchronous");
    auto foreign_keys = tx.Query("PRAGMA foreign_keys");
    EXPECT_TRUE(journal_mode.ok() && synchronous.ok() && foreign_keys.ok());
    EXPECT_EQ(journal_mode->front().Text(0), "wal");
    EXPECT_EQ(synchronous->front().Int(0), 2);  // FULL
    EXPECT_EQ(foreign_keys->front().Int(0), 1);
    return absl::OkStatus();
  }));
  // Settings of a read connection.
  EXPECT_EQ(ReadInt(*db_, "PRAGMA synchronous"), 2);
  EXPECT_EQ(ReadInt(*db_, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(ReadInt(*db_, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(ReadInt(*db_, "PRAGMA query_only"), 1);
}

TEST_F(SqliteDatabaseTest, ReusesPreparedStatements) {
  constexpr absl::string_view kInsert = "INSERT INTO items (id, name) VALUES (?, ?)";
  constexpr absl::string_view kSelect = "SELECT name FROM items WHERE id = ?";
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"));
  ASSERT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
    for (int i = 0; i < 1000; ++i) {
      EXPECT_THAT(tx.Execute(kInsert, {Int(i), Text(absl::StrCat("item", i))}), IsOkAndHolds(1));
    }
    return absl::OkStatus();
  }));
  for (int i = 1000; i < 1100; ++i) {
    ASSERT_OK(WriteOne(*db_, kInsert, {Int(i), Text(absl::StrCat("item", i))}));
  }
  // A failed run resets the statement; the next run binds afresh.
  ASSERT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
    EXPECT_THAT(tx.Execute(kInsert, {Int(5000), Text("item1")}),
                StatusIs(absl::StatusCode::kAlreadyExists));
    return tx.Execute(kInsert, {Int(5000), Null()}).status();
  }));
  for (int i = 0; i < 1100; i += 7) {
    ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, ReadRows(*db_, kSelect, {Int(i)}));
    ASSERT_THAT(rows, SizeIs(1));
    EXPECT_EQ(rows[0].Text(0), absl::StrCat("item", i));
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, ReadRows(*db_, kSelect, {Int(5000)}));
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_TRUE(rows[0].IsNull(0));
}

TEST_F(SqliteDatabaseTest, CachedStatementsFollowSchemaChanges) {
  constexpr absl::string_view kSelectAll = "SELECT * FROM items";
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE items (id INTEGER PRIMARY KEY)"));
  ASSERT_OK(WriteOne(*db_, "INSERT INTO items (id) VALUES (1)"));
  ASSERT_OK_AND_ASSIGN(std::vector<Row> before, ReadRows(*db_, kSelectAll));
  ASSERT_THAT(before, SizeIs(1));
  EXPECT_EQ(before[0].size(), 1u);
  ASSERT_OK(WriteOne(*db_, "ALTER TABLE items ADD COLUMN name TEXT DEFAULT 'x'"));
  ASSERT_OK_AND_ASSIGN(std::vector<Row> after, ReadRows(*db_, kSelectAll));
  ASSERT_THAT(after, SizeIs(1));
  EXPECT_EQ(after[0].size(), 2u);
}

TEST_F(SqliteDatabaseTest, ReadSeesOneSnapshot) {
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(WriteOne(*db_, "INSERT INTO t (n) VALUES (1)"));
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

TEST_F(SqliteDatabaseTest, ReadsRunInParallel) {
  Open({.path = path_, .reader_connections = 2});
  absl::Mutex mu;
  int inside = 0;
  auto read = [&] {
    EXPECT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
      EXPECT_OK(tx.Query("SELECT 1").status());
      absl::MutexLock lock(&mu);
      ++inside;
      const bool both = mu.AwaitWithTimeout(absl::Condition(
                                                +[](int* n) { return *n >= 2; }, &inside),
                                            kDeadline);
      return both ? absl::OkStatus() : absl::DeadlineExceededError("reads did not overlap");
    }));
  };
  std::thread first(read);
  std::thread second(read);
  first.join();
  second.join();
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersLoseNoUpdate) {
  Open({.path = path_, .reader_connections = 2});
  ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.ExecuteScript(
        "CREATE TABLE counter (n INTEGER NOT NULL);"
        "INSERT INTO counter (n) VALUES (0);"
        "CREATE TABLE increments (thread INTEGER NOT NULL, n INTEGER NOT NULL);");
  }));
  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        // Read-modify-write in separate statements: only serialised writers
        // keep every increment.
        EXPECT_OK(db_->Write([&](Transaction& tx) -> absl::Status {
          absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT n FROM counter");
          if (!rows.ok()) {
            return rows.status();
          }
          const int64_t next = rows->front().Int(0) + 1;
          if (auto s = tx.Execute("UPDATE counter SET n = ?", {Int(next)}); !s.ok()) {
            return s.status();
          }
          return tx.Execute("INSERT INTO increments (thread, n) VALUES (?, ?)", {Int(t), Int(next)})
              .status();
        }));
        // Both tables change in one transaction, so every snapshot agrees.
        EXPECT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
          auto counter = tx.Query("SELECT n FROM counter");
          auto count = tx.Query("SELECT COUNT(*) FROM increments");
          EXPECT_TRUE(counter.ok() && count.ok());
          EXPECT_EQ(counter->front().Int(0), count->front().Int(0));
          return absl::OkStatus();
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

TEST_F(SqliteDatabaseTest, WriteIsUnavailableWhileAnotherProcessHoldsTheLock) {
  Open({.path = path_, .busy_timeout = absl::Milliseconds(50)});
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  EXPECT_THAT(WriteOne(*db_, "INSERT INTO t (n) VALUES (1)"),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(ReadInt(*db_, "SELECT COUNT(*) FROM t"), 0);  // WAL: reads go on.

  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  EXPECT_OK(WriteOne(*db_, "INSERT INTO t (n) VALUES (1)"));
}

TEST_F(SqliteDatabaseTest, CommittedDataSurvivesReopen) {
  EXPECT_EQ(db_->dialect(), "sqlite");
  ASSERT_OK(WriteOne(*db_, "CREATE TABLE t (n INTEGER)"));
  ASSERT_OK(WriteOne(*db_, "INSERT INTO t (n) VALUES (42)"));
  Open({.path = path_});
  EXPECT_EQ(ReadInt(*db_, "SELECT n FROM t"), 42);
}

TEST(OpenSqliteTest, RefusesAnInMemoryDatabase) {
  EXPECT_THAT(OpenSqlite({.path = ":memory:"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("path")));
  EXPECT_THAT(OpenSqlite({.path = ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("path")));
}

TEST(OpenSqliteTest, RefusesAPoolWithoutReaders) {
  ::lawenforce::testing::TempDir dir;
  EXPECT_THAT(OpenSqlite({.path = dir.File("x.db"), .reader_connections = 0}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reader_connections")));
}

TEST(OpenSqliteTest, UnopenableFileIsUnavailableNamingThePath) {
  ::lawenforce::testing::TempDir dir;
  const std::string path = dir.File("no-such-dir/x.db");
  EXPECT_THAT(OpenSqlite({.path = path}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(path)));
}

TEST(OpenSqliteTest, FileThatIsNotADatabaseIsRefusedNamingThePath) {
  ::lawenforce::testing::TempDir dir;
  const std::string path = dir.File("not-a.db");
  std::ofstream(path) << std::string(4096, 'x');
  EXPECT_THAT(OpenSqlite({.path = path}), StatusIs(absl::StatusCode::kInternal, HasSubstr(path)));
}

}  // namespace
}  // namespace lawenforce::store
