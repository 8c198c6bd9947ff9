// Whole-store digests and copies (transfer.h), between every pair of
// backends: a real SQLite file and a throwaway PostgreSQL.

#include "common/store/transfer.h"

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/store/open.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::IsOk;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::StoreBackend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Children declared before parents and a name order that differs from
// the dependency order, so that only a real ordering copies them.
constexpr char kSchema[] = R"sql(
CREATE TABLE schema_migrations (service TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE a_parents (id TEXT PRIMARY KEY, score REAL, photo BLOB);
CREATE TABLE b_children (
  id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL REFERENCES a_parents (id),
  n INTEGER,
  note TEXT
);
CREATE TABLE c_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
)sql";

constexpr char kRenamedFirst[] = R"sql(
CREATE TABLE schema_migrations (service TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE a_parents (id TEXT PRIMARY KEY, score REAL, photo BLOB);
CREATE TABLE b_children (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL, n INTEGER);
CREATE TABLE c_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
)sql";

absl::Status Script(Database& db, absl::string_view sql) {
  return db.Write([&](Transaction& tx) { return tx.ExecuteScript(sql); });
}

absl::Status Fill(Database& db, int rows) {
  return db.Write([&](Transaction& tx) -> absl::Status {
    if (absl::Status s = tx.Execute("INSERT INTO schema_migrations VALUES ('demo', 1)").status();
        !s.ok()) {
      return s;
    }
    for (int i = 0; i < rows; ++i) {
      const std::string id = absl::StrCat("p", i);
      // Bytes that are not UTF-8, a NUL, a REAL with no short decimal form.
      std::vector<Value> parent = {Text(id), Real(i / 3.0),
                                   i % 4 == 0 ? Null() : Text(std::string("\xff\x00\x01", 3))};
      if (absl::Status s = tx.Execute("INSERT INTO a_parents VALUES (?, ?, ?)", parent).status();
          !s.ok()) {
        return s;
      }
      std::vector<Value> child = {Text(absl::StrCat("c", i)), Text(id), Int(int64_t{1} << 40 | i),
                                  i % 3 == 0 ? Null() : Text("行政执法 'quoted' \"double\"")};
      if (absl::Status s = tx.Execute("INSERT INTO b_children VALUES (?, ?, ?, ?)", child).status();
          !s.ok()) {
        return s;
      }
      if (absl::Status s =
              tx.Execute("INSERT INTO c_log (body) VALUES (?)", {Text(absl::StrCat("e", i))})
                  .status();
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  });
}

class TransferTest : public ::testing::TestWithParam<std::tuple<StoreBackend, StoreBackend>> {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::string from, FreshStoreUrl(std::get<0>(GetParam()), dir_));
    ASSERT_OK_AND_ASSIGN(std::string to, FreshStoreUrl(std::get<1>(GetParam()), dir_));
    ASSERT_OK_AND_ASSIGN(from_, OpenDatabase(from));
    ASSERT_OK_AND_ASSIGN(to_, OpenDatabase(to));
  }

  lawenforce::testing::TempDir dir_;
  std::unique_ptr<Database> from_;
  std::unique_ptr<Database> to_;
};

TEST_P(TransferTest, TablesAreListedParentsFirst) {
  ASSERT_OK(Script(*from_, kSchema));
  EXPECT_THAT(ListTables(*from_), lawenforce::testing::IsOkAndHolds(ElementsAre(
                                      "a_parents", "b_children", "c_log", "schema_migrations")));
}

TEST_P(TransferTest, CopiesEveryRowAndTheDigestsAgree) {
  ASSERT_OK(Script(*from_, kSchema));
  ASSERT_OK(Script(*to_, kSchema));
  ASSERT_OK(Fill(*from_, 1203));
  ASSERT_OK(to_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO schema_migrations VALUES ('demo', 1)").status();
  }));
  std::vector<std::string> progress;
  CopyOptions options;
  options.batch_rows = 500;
  auto record = [&](const std::string& table, int64_t rows) {
    progress.push_back(absl::StrCat(table, "=", rows));
  };
  options.progress = record;
  ASSERT_OK(CopyTables(*from_, *to_, options));

  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front(),
            std::get<0>(GetParam()) == StoreBackend::kSqlite ? "a_parents=500" : "a_parents=1203");
  EXPECT_EQ(progress.back(), "c_log=1203");
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> source, DigestTables(*from_));
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> target, DigestTables(*to_));
  EXPECT_EQ(source, target);
  ASSERT_EQ(source.size(), 4u);
  EXPECT_EQ(source[0].rows, 1203);

  // Identity columns continue after the copied values.
  ASSERT_OK(to_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO c_log (body) VALUES ('next')").status();
  }));
  ASSERT_OK(to_->Read([](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT seq FROM c_log WHERE body = 'next'");
    if (!rows.ok()) return rows.status();
    EXPECT_EQ(rows->at(0).Int(0), 1204);
    return absl::OkStatus();
  }));
}

TEST_P(TransferTest, LeavesSchemaMigrationsToTheTarget) {
  ASSERT_OK(Script(*from_, kSchema));
  ASSERT_OK(Script(*to_, kSchema));
  ASSERT_OK(Fill(*from_, 3));
  std::vector<std::string> tables;
  CopyOptions options;
  auto record = [&](const std::string& table, int64_t) { tables.push_back(table); };
  options.progress = record;
  ASSERT_OK(CopyTables(*from_, *to_, options));
  EXPECT_THAT(tables, ElementsAre("a_parents", "b_children", "c_log"));
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> target, DigestTables(*to_));
  EXPECT_EQ(target.back().table, "schema_migrations");
  EXPECT_EQ(target.back().rows, 0);
}

TEST_P(TransferTest, ADigestChangesWithAnyValue) {
  ASSERT_OK(Script(*from_, kSchema));
  ASSERT_OK(Fill(*from_, 5));
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> before, DigestTables(*from_));
  ASSERT_OK(from_->Write([](Transaction& tx) {
    return tx.Execute("UPDATE b_children SET note = NULL WHERE id = 'c1'").status();
  }));
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> after, DigestTables(*from_));
  EXPECT_EQ(before[0], after[0]);
  EXPECT_EQ(before[1].rows, after[1].rows);
  EXPECT_NE(before[1].sha256, after[1].sha256);
}

TEST_P(TransferTest, RefusesATargetThatHoldsRowsAndChangesNothing) {
  ASSERT_OK(Script(*from_, kSchema));
  ASSERT_OK(Script(*to_, kSchema));
  ASSERT_OK(Fill(*from_, 4));
  ASSERT_OK(to_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO c_log (body) VALUES ('already here')").status();
  }));
  EXPECT_THAT(CopyTables(*from_, *to_), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                 HasSubstr("table c_log: the target already")));
  ASSERT_OK_AND_ASSIGN(std::vector<TableDigest> target, DigestTables(*to_));
  EXPECT_EQ(target[0].rows, 0) << "all or nothing: a_parents was copied before c_log";
}

TEST_P(TransferTest, RefusesATargetWithoutTheColumnsOrTables) {
  ASSERT_OK(Script(*from_, kSchema));
  ASSERT_OK(Fill(*from_, 2));
  EXPECT_THAT(CopyTables(*from_, *to_), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                 HasSubstr("table a_parents: missing")));
  ASSERT_OK(Script(*to_, kRenamedFirst));
  EXPECT_THAT(CopyTables(*from_, *to_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("table b_children: the target has no column note")));
  EXPECT_THAT(CopyTables(*from_, *to_), Not(IsOk()));
}

std::string PairName(const ::testing::TestParamInfo<std::tuple<StoreBackend, StoreBackend>>& info) {
  auto name = [](StoreBackend b) { return b == StoreBackend::kSqlite ? "Sqlite" : "Postgres"; };
  return absl::StrCat(name(std::get<0>(info.param)), "To", name(std::get<1>(info.param)));
}

INSTANTIATE_TEST_SUITE_P(
    Backends, TransferTest,
    ::testing::Combine(::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                       ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres)),
    PairName);

}  // namespace
}  // namespace lawenforce::store
