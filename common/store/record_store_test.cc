#include "common/store/record_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "common/ids/id_generator.h"
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

const absl::Time kNow = absl::FromUnixSeconds(1748736000);

// Records what a change journaled and whether AfterCommit ran.
class RecordingObserver final : public ChangeObserver {
 public:
  absl::Status RecordInvalidation(Transaction& tx, absl::string_view key, absl::Time) override {
    pending.push_back(std::string(key));
    return tx.Execute("INSERT INTO journal (cache_key) VALUES (?)", {Text(key)}).status();
  }
  void AfterCommit() override { ++after_commits; }

  std::vector<std::string> pending;
  int after_commits = 0;
};

class RecordStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = *OpenSqlite({.path = dir_.File("records.db")});
    ASSERT_OK(db_->Write([](Transaction& tx) {
      return tx.ExecuteScript(
          absl::StrCat("CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                       "version INTEGER NOT NULL); CREATE TABLE journal (cache_key TEXT NOT NULL);",
                       kAuditLogTableSql, kAuditLogScopeSql, kIdempotencyKeysTableSql));
    }));
    records_ = std::make_unique<RecordStore>(db_.get(), &ids_, &observer_);
  }

  absl::StatusOr<Created> CreateThing(const std::string& name,
                                      const std::optional<IdempotencyKey>& key) {
    const std::string id = ids_.NewId();
    return records_->Create(
        key, AuditEntry{"tester", "thing.create", id, "", kNow}, id,
        [&](Change& change) -> absl::Status {
          absl::Status s = change.tx()
                               .Execute("INSERT INTO things (id, name, version) VALUES (?, ?, 1)",
                                        {Text(id), Text(name)})
                               .status();
          if (!s.ok()) return s;
          return change.Invalidate(absl::StrCat("thing:", id), kNow);
        },
        [](const absl::Status& s) {
          return absl::StrContains(s.message(), "things.name")
                     ? absl::AlreadyExistsError("thing.name: taken")
                     : s;
        });
  }

  int64_t Count(absl::string_view table) {
    return records_
        ->QueryAll<int64_t>(absl::StrCat("SELECT COUNT(*) FROM ", table), {},
                            [](const Row& r) { return r.Int(0); })
        .value()[0];
  }

  testing::TempDir dir_;
  SequentialIdGenerator ids_;
  RecordingObserver observer_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<RecordStore> records_;
};

TEST_F(RecordStoreTest, CreateWritesRecordAuditKeyAndJournalInOneChange) {
  ASSERT_OK_AND_ASSIGN(Created created,
                       CreateThing("a", IdempotencyKey{"CreateThing", "req-1", "hash-1"}));
  EXPECT_FALSE(created.replayed);
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("idempotency_keys"), 1);
  EXPECT_EQ(Count("journal"), 1);
  EXPECT_EQ(observer_.after_commits, 1);
}

TEST_F(RecordStoreTest, RetriedCreateReturnsTheFirstRecordAndChangesNothing) {
  const IdempotencyKey key{"CreateThing", "req-1", "hash-1"};
  ASSERT_OK_AND_ASSIGN(Created first, CreateThing("a", key));
  ASSERT_OK_AND_ASSIGN(Created again, CreateThing("a", key));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
}

TEST_F(RecordStoreTest, KeyReusedForAnotherRequestIsRefusedNamingRequestId) {
  ASSERT_OK(CreateThing("a", IdempotencyKey{"CreateThing", "req-1", "hash-1"}).status());
  EXPECT_THAT(CreateThing("b", IdempotencyKey{"CreateThing", "req-1", "hash-2"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(Count("things"), 1);
}

TEST_F(RecordStoreTest, UniqueClashIsNamedByTheServiceAndRollsEverythingBack) {
  ASSERT_OK(CreateThing("a", std::nullopt).status());
  const int after_commits = observer_.after_commits;
  EXPECT_THAT(CreateThing("a", IdempotencyKey{"CreateThing", "req-2", "h"}),
              StatusIs(absl::StatusCode::kAlreadyExists, "thing.name: taken"));
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("idempotency_keys"), 0);
  EXPECT_EQ(Count("journal"), 1);
  EXPECT_EQ(observer_.after_commits, after_commits) << "AfterCommit of a failed change";
}

TEST_F(RecordStoreTest, ExpectUpdatedTellsMissingFromStale) {
  ASSERT_OK_AND_ASSIGN(Created created, CreateThing("a", std::nullopt));
  auto update = [&](const std::string& id, int64_t version) {
    return records_->Write([&](Change& change) {
      return change.ExpectUpdated(
          change.tx().Execute(
              "UPDATE things SET version = version + 1 WHERE id = ? AND version = ?",
              {Text(id), Int(version)}),
          "things", id, "thing", "thing.etag");
    });
  };
  EXPECT_OK(update(created.id, 1));
  EXPECT_THAT(update(created.id, 1), StatusIs(absl::StatusCode::kAborted, HasSubstr("thing.etag")));
  EXPECT_THAT(update(ids_.NewId(), 1), StatusIs(absl::StatusCode::kNotFound, "thing not found"));
}

TEST_F(RecordStoreTest, PagesWalkEveryRowOnceInIdOrder) {
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) made.push_back(CreateThing(absl::StrCat("t", i), {})->id);
  std::vector<std::string> seen;
  PageRequest page{"", 3};
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_OK_AND_ASSIGN(
        std::vector<std::string> ids,
        records_->QueryPage<std::string>("SELECT id FROM things WHERE 1 = 1", {}, page,
                                         [](const Row& r) { return r.Text(0); }));
    seen.insert(seen.end(), ids.begin(), ids.end());
    if (static_cast<int>(ids.size()) < page.limit) break;
    page.after_id = ids.back();
  }
  EXPECT_EQ(seen, made);  // sequential ids sort in creation order
}

TEST_F(RecordStoreTest, GetOneNamesWhatIsMissing) {
  EXPECT_THAT(records_->GetOne<std::string>("SELECT id FROM things WHERE id = ?", {Text("x")},
                                            "thing", [](const Row& r) { return r.Text(0); }),
              StatusIs(absl::StatusCode::kNotFound, "thing not found"));
}

TEST_F(RecordStoreTest, WithoutObserverInvalidationsAreNoOps) {
  RecordStore plain(db_.get(), &ids_, nullptr);
  EXPECT_OK(plain.Write([](Change& change) { return change.Invalidate("k", kNow); }));
  EXPECT_EQ(Count("journal"), 0);
  EXPECT_THAT(observer_.pending, ElementsAre());
}

}  // namespace
}  // namespace lawenforce::store
