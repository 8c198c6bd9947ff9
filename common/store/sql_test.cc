#include "common/store/sql.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "common/store/sqlite_database.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(RowTest, NullReadsAsZeroEmptyAndFalse) {
  Row row({Null()});
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_EQ(row.Int(0), 0);
  EXPECT_EQ(row.Real(0), 0.0);
  EXPECT_EQ(row.Text(0), "");
  EXPECT_FALSE(row.Bool(0));
}

TEST(RowTest, IntTruncatesARealTowardZero) {
  Row row({Real(3.9), Real(-3.9), Real(1e300), Real(-1e300), Real(std::nan(""))});
  EXPECT_EQ(row.Int(0), 3);
  EXPECT_EQ(row.Int(1), -3);
  EXPECT_EQ(row.Int(2), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(row.Int(3), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(row.Int(4), 0);
}

TEST(RowTest, TextFormatsNumbers) {
  Row row({Int(42), Int(-7), Real(0.1), Real(2.5)});
  EXPECT_EQ(row.Text(0), "42");
  EXPECT_EQ(row.Text(1), "-7");
  EXPECT_EQ(row.Text(2), "0.1");
  EXPECT_EQ(row.Text(3), "2.5");
}

TEST(RowTest, NumbersAreParsedFromText) {
  Row row({Text("42"), Text("2.5"), Text("not a number")});
  EXPECT_EQ(row.Int(0), 42);
  EXPECT_EQ(row.Int(1), 2);
  EXPECT_EQ(row.Real(1), 2.5);
  EXPECT_EQ(row.Int(2), 0);
  EXPECT_EQ(row.Real(2), 0.0);
}

TEST(RowTest, RealWidensAnIntegerAndBoolIsNonZero) {
  Row row({Int(3), Bool(true), Bool(false)});
  EXPECT_EQ(row.Real(0), 3.0);
  EXPECT_TRUE(row.Bool(0));
  EXPECT_TRUE(row.Bool(1));
  EXPECT_FALSE(row.Bool(2));
}

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenSqlite({.path = dir_.File("migrate.db")});
    ASSERT_OK(db.status());
    db_ = std::move(*db);
  }

  // (version, name) rows of `service` in schema_migrations.
  std::vector<std::pair<int64_t, std::string>> Recorded(absl::string_view service) {
    std::vector<std::pair<int64_t, std::string>> recorded;
    EXPECT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
      auto rows = tx.Query(
          "SELECT version, name, applied_at FROM schema_migrations WHERE service = ? "
          "ORDER BY version",
          {Text(service)});
      if (!rows.ok()) {
        return rows.status();
      }
      for (const Row& row : *rows) {
        EXPECT_FALSE(row.Text(2).empty());
        recorded.emplace_back(row.Int(0), row.Text(1));
      }
      return absl::OkStatus();
    }));
    return recorded;
  }

  int64_t CountCases() {
    int64_t count = -1;
    EXPECT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
      auto rows = tx.Query("SELECT COUNT(*) FROM cases");
      if (!rows.ok()) {
        return rows.status();
      }
      count = rows->front().Int(0);
      return absl::OkStatus();
    }));
    return count;
  }

  bool TableExists(absl::string_view table) {
    bool exists = false;
    EXPECT_OK(db_->Read([&](Transaction& tx) -> absl::Status {
      auto rows = tx.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                           {Text(table)});
      if (!rows.ok()) {
        return rows.status();
      }
      exists = !rows->empty();
      return absl::OkStatus();
    }));
    return exists;
  }

  ::lawenforce::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

const Migration kCreateCases = {1, "create cases",
                                "CREATE TABLE cases (id TEXT PRIMARY KEY, title TEXT NOT NULL)"};
// Depends on step 1, so applying out of order would fail.
const Migration kAddState = {2, "add state and seed",
                             "ALTER TABLE cases ADD COLUMN state TEXT; "
                             "INSERT INTO cases (id, title, state) VALUES ('c1', 'seed', 'open')"};
const Migration kCreateParties = {3, "create parties", "CREATE TABLE parties (id TEXT)"};

TEST_F(MigrateTest, AppliesStepsInOrderAndRecordsThem) {
  const Migration steps[] = {kCreateCases, kAddState};
  ASSERT_OK(Migrate(*db_, "cases", steps));
  EXPECT_THAT(Recorded("cases"),
              ElementsAre(Pair(1, "create cases"), Pair(2, "add state and seed")));
  EXPECT_EQ(CountCases(), 1);
}

TEST_F(MigrateTest, RerunAppliesNothing) {
  const Migration steps[] = {kCreateCases, kAddState};
  ASSERT_OK(Migrate(*db_, "cases", steps));
  ASSERT_OK(Migrate(*db_, "cases", steps));
  EXPECT_EQ(CountCases(), 1);  // The seed row was inserted once.
  EXPECT_EQ(Recorded("cases").size(), 2u);
}

TEST_F(MigrateTest, AppliesOnlyTheNewSteps) {
  const Migration first[] = {kCreateCases};
  ASSERT_OK(Migrate(*db_, "cases", first));
  const Migration all[] = {kCreateCases, kAddState, kCreateParties};
  ASSERT_OK(Migrate(*db_, "cases", all));
  EXPECT_THAT(Recorded("cases"), ElementsAre(Pair(1, "create cases"), Pair(2, "add state and seed"),
                                             Pair(3, "create parties")));
  EXPECT_TRUE(TableExists("parties"));
}

TEST_F(MigrateTest, RefusesADatabaseAtANewerVersion) {
  const Migration all[] = {kCreateCases, kAddState, kCreateParties};
  ASSERT_OK(Migrate(*db_, "cases", all));
  const Migration older[] = {kCreateCases, kAddState};
  EXPECT_THAT(Migrate(*db_, "cases", older),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("version 3")));
}

TEST_F(MigrateTest, RefusesVersionsThatAreNotOneToN) {
  const Migration gap[] = {kCreateCases, kCreateParties};
  EXPECT_THAT(Migrate(*db_, "cases", gap),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("migrations[1].version")));
  const Migration no_first[] = {kAddState};
  EXPECT_THAT(Migrate(*db_, "cases", no_first),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("migrations[0].version")));
  const Migration swapped[] = {kAddState, kCreateCases};
  EXPECT_THAT(Migrate(*db_, "cases", swapped), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(TableExists("cases"));  // Refused before applying anything.
}

TEST_F(MigrateTest, FailedStepIsRolledBackAndEarlierStepsStay) {
  const Migration broken = {2, "broken",
                            "CREATE TABLE notes (id TEXT); INSERT INTO missing_table VALUES (1)"};
  const Migration steps[] = {kCreateCases, broken};
  EXPECT_THAT(Migrate(*db_, "cases", steps),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("migration cases/2 (broken)")));
  EXPECT_THAT(Recorded("cases"), ElementsAre(Pair(1, "create cases")));
  EXPECT_TRUE(TableExists("cases"));
  EXPECT_FALSE(TableExists("notes"));
}

TEST_F(MigrateTest, ServicesAreVersionedSeparately) {
  const Migration cases[] = {kCreateCases, kAddState};
  ASSERT_OK(Migrate(*db_, "cases", cases));
  const Migration personnel[] = {{1, "create officers", "CREATE TABLE officers (id TEXT)"}};
  ASSERT_OK(Migrate(*db_, "personnel", personnel));
  EXPECT_THAT(Recorded("personnel"), ElementsAre(Pair(1, "create officers")));
  EXPECT_EQ(Recorded("cases").size(), 2u);
}

}  // namespace
}  // namespace lawenforce::store
