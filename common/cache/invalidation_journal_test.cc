// InvalidationJournal with a real redis-server and a real database (SQLite
// and PostgreSQL, the test's parameter): changes whose invalidation could
// not reach Redis, processes that died before flushing, replicas flushing
// each other's rows, and the background loop.

#include "common/cache/invalidation_journal.h"

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/cache/versioned_cache.h"
#include "common/log/capture.h"
#include "common/redis/redis_client.h"
#include "common/store/open.h"
#include "common/store/sql.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::cache {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::RedisServer;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::StoreBackend;
using ::lawenforce::testing::TempDir;
using ::testing::SizeIs;

constexpr absl::Duration kDeadline = absl::Seconds(30);
const absl::Time kNow = absl::FromUnixSeconds(1700000000);

// The value of the series of `name` with exactly `labels`; -1 when absent.
double MetricValue(prometheus::Registry& registry, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      std::map<std::string, std::string> found;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        found[label.name] = label.value;
      }
      if (found == labels) {
        return family.type == prometheus::MetricType::Gauge ? metric.gauge.value
                                                            : metric.counter.value;
      }
    }
  }
  return -1;
}

class InvalidationJournalTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<RedisServer>> server = RedisServer::Start();
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    redis_ = NewClient(server_->url());

    ASSERT_OK_AND_ASSIGN(store_url_, ::lawenforce::testing::FreshStoreUrl(GetParam(), dir_));
    absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenDatabase(store_url_);
    ASSERT_OK(db.status());
    db_ = *std::move(db);
    ASSERT_OK(db_->Write([](store::Transaction& tx) -> absl::Status {
      if (absl::Status s = tx.ExecuteScript(kCacheInvalidationsTableSql); !s.ok()) {
        return s;
      }
      return tx.ExecuteScript(
          "CREATE TABLE officers (id TEXT PRIMARY KEY, status TEXT NOT NULL);"
          "INSERT INTO officers VALUES ('officer-1', 'active'), ('officer-2', 'active');");
    }));
  }

  // Another Database on the same store: a second replica of the service.
  std::unique_ptr<store::Database> OpenReplica() {
    absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenDatabase(store_url_);
    EXPECT_OK(db.status());
    return db.ok() ? *std::move(db) : nullptr;
  }

  std::unique_ptr<redis::RedisClient> NewClient(const std::string& url) {
    absl::StatusOr<redis::RedisOptions> options = redis::ParseRedisUrl(url);
    EXPECT_OK(options.status());
    options->connect_timeout = absl::Seconds(1);
    options->command_timeout = absl::Seconds(5);
    redis::RedisClientEnv env;
    env.clock = &client_clock_;  // reconnects only when the test advances it
    return redis::CreateRedisClient(*options, env);
  }

  static CacheOptions Options(absl::string_view ns = "officers:v1") {
    CacheOptions options;
    options.namespace_prefix = std::string(ns);
    return options;
  }

  void AllowReconnect() { client_clock_.Advance(absl::Hours(1)); }

  // The system of record.
  absl::StatusOr<std::string> LoadStatus(absl::string_view officer) {
    std::string status;
    absl::Status read = db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query("SELECT status FROM officers WHERE id = ?", {store::Text(officer)});
      if (!rows.ok()) {
        return rows.status();
      }
      if (rows->empty()) {
        return absl::NotFoundError(officer);
      }
      status = rows->front().Text(0);
      return absl::OkStatus();
    });
    if (!read.ok()) {
      return read;
    }
    return status;
  }

  absl::StatusOr<std::string> Read(VersionedCache& cache, absl::string_view officer) {
    ++reads_;
    return cache.GetOrLoad(officer, [&] { return LoadStatus(officer); });
  }

  // A change as a service makes it: the update and its journal row in one
  // transaction. (The caller flushes.)
  absl::Status Change(InvalidationJournal& journal, absl::string_view officer,
                      absl::string_view status) {
    return db_->Write([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> updated = tx.Execute("UPDATE officers SET status = ? WHERE id = ?",
                                                   {store::Text(status), store::Text(officer)});
      if (!updated.ok()) {
        return updated.status();
      }
      return journal.Record(tx, absl::StrCat("inv-", next_id_++), officer, kNow);
    });
  }

  int64_t JournalRows() {
    int64_t count = -1;
    EXPECT_OK(db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query("SELECT COUNT(*) FROM cache_invalidations");
      if (rows.ok()) {
        count = rows->front().Int(0);
      }
      return rows.status();
    }));
    return count;
  }

  double Requests(const std::string& result, const std::string& ns = "officers:v1") {
    return MetricValue(registry_, "lawenforce_cache_requests_total",
                       {{"cache", ns}, {"result", result}});
  }

  FakeClock client_clock_;
  prometheus::Registry registry_;
  TempDir dir_;
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<redis::RedisClient> redis_;
  std::string store_url_;
  std::unique_ptr<store::Database> db_;
  int next_id_ = 1;
  int reads_ = 0;
};

TEST_P(InvalidationJournalTest, TheCacheIsBypassedUntilTheJournalsFirstFlush) {
  VersionedCache cache(redis_.get(), Options(), &registry_);
  InvalidationJournal journal(db_.get(), &cache, &registry_);
  EXPECT_TRUE(journal.pending());
  EXPECT_FALSE(cache.trusted());
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("bypass"), 1);
  EXPECT_EQ(MetricValue(registry_, "lawenforce_cache_journal_pending", {{"cache", "officers:v1"}}),
            1);

  ASSERT_OK(journal.Flush());
  EXPECT_FALSE(journal.pending());
  EXPECT_TRUE(cache.trusted());
  EXPECT_EQ(MetricValue(registry_, "lawenforce_cache_journal_pending", {{"cache", "officers:v1"}}),
            0);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("miss"), 1);
  EXPECT_EQ(Requests("hit"), 1);
}

TEST_P(InvalidationJournalTest, AChangeFlushedAfterItsCommitIsSeenByTheNextRead) {
  VersionedCache cache(redis_.get(), Options(), &registry_);
  InvalidationJournal journal(db_.get(), &cache, &registry_);
  ASSERT_OK(journal.Flush());
  ASSERT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  ASSERT_THAT(Read(cache, "officer-2"), IsOkAndHolds("active"));

  ASSERT_OK(Change(journal, "officer-1", "suspended"));
  EXPECT_EQ(JournalRows(), 1);
  ASSERT_OK(journal.Flush());
  EXPECT_EQ(JournalRows(), 0);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_THAT(Read(cache, "officer-2"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("hit"), 1);  // officer-2 stayed cached
}

TEST_P(InvalidationJournalTest, WhileRedisIsDownTheRowStaysAndReadsBypassUntilAFlushSucceeds) {
  VersionedCache cache(redis_.get(), Options(), &registry_);
  InvalidationJournal journal(db_.get(), &cache, &registry_);
  ASSERT_OK(journal.Flush());
  ASSERT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));

  ASSERT_OK(server_->Kill());
  ASSERT_OK(Change(journal, "officer-1", "suspended"));
  EXPECT_THAT(journal.Flush(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(journal.pending());
  EXPECT_EQ(JournalRows(), 1);
  EXPECT_EQ(MetricValue(registry_, "lawenforce_cache_journal_pending", {{"cache", "officers:v1"}}),
            1);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));

  // Redis is back, but until a Flush has delivered the row, Redis is not read.
  ASSERT_OK(server_->Restart());
  AllowReconnect();
  const double bypassed = Requests("bypass");
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_THAT(Read(cache, "officer-2"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("bypass"), bypassed + 2);
  EXPECT_EQ(server_->Query({"EXISTS", "le:officers:v1:ver:officer-2"}).value_or("?"), "0");

  // The first Flush may meet the connection the restart broke.
  absl::Status flushed = journal.Flush();
  if (!flushed.ok()) {
    AllowReconnect();
    flushed = journal.Flush();
  }
  ASSERT_OK(flushed);
  EXPECT_FALSE(journal.pending());
  EXPECT_TRUE(cache.trusted());
  EXPECT_EQ(JournalRows(), 0);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_EQ(Requests("hit"), 1);
}

// This replica cannot reach Redis (a partition of its own link), while the
// other one can: Redis still holds the old value under a valid version.
TEST_P(InvalidationJournalTest, AnotherReplicaDeliversTheRowThisReplicaCouldNot) {
  absl::StatusOr<std::unique_ptr<RedisServer>> gone = RedisServer::Start();
  ASSERT_OK(gone.status());
  std::unique_ptr<redis::RedisClient> cut_off = NewClient((*gone)->url());
  ASSERT_OK((*gone)->Kill());

  VersionedCache writer_cache(cut_off.get(), Options());
  InvalidationJournal writer(db_.get(), &writer_cache);
  std::unique_ptr<store::Database> reader_db = OpenReplica();
  ASSERT_NE(reader_db, nullptr);
  VersionedCache reader_cache(redis_.get(), Options());
  InvalidationJournal reader(reader_db.get(), &reader_cache);
  ASSERT_OK(reader.Flush());
  ASSERT_THAT(Read(reader_cache, "officer-1"), IsOkAndHolds("active"));

  ASSERT_OK(Change(writer, "officer-1", "suspended"));
  EXPECT_THAT(writer.Flush(), StatusIs(absl::StatusCode::kUnavailable));
  // The writer's replica never answers from the cache meanwhile.
  EXPECT_FALSE(writer_cache.trusted());
  EXPECT_THAT(Read(writer_cache, "officer-1"), IsOkAndHolds("suspended"));
  // The reader's replica saw no failure: until its own loop flushes, it may
  // serve the old value (the window the header documents).
  EXPECT_THAT(Read(reader_cache, "officer-1"), IsOkAndHolds("active"));

  ASSERT_OK(reader.Flush());  // one turn of the reader replica's loop
  EXPECT_EQ(JournalRows(), 0);
  EXPECT_THAT(Read(reader_cache, "officer-1"), IsOkAndHolds("suspended"));
  // Nothing is left for the writer: clear, without reaching Redis.
  ASSERT_OK(writer.Flush());
  EXPECT_FALSE(writer.pending());
}

TEST_P(InvalidationJournalTest, RowsOfAProcessThatDiedBeforeFlushingAreDeliveredBeforeTrust) {
  VersionedCache old_cache(redis_.get(), Options());
  {
    InvalidationJournal old_journal(db_.get(), &old_cache);
    ASSERT_OK(old_journal.Flush());
    ASSERT_THAT(Read(old_cache, "officer-1"), IsOkAndHolds("active"));
    ASSERT_OK(Change(old_journal, "officer-1", "suspended"));
    // The process dies here: committed, never flushed.
  }
  VersionedCache without_journal(redis_.get(), Options());
  ASSERT_THAT(Read(without_journal, "officer-1"), IsOkAndHolds("active"));  // stale in Redis

  VersionedCache cache(redis_.get(), Options());
  InvalidationJournal journal(db_.get(), &cache);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));  // bypassed
  ASSERT_OK(journal.Flush());
  EXPECT_EQ(JournalRows(), 0);
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_THAT(Read(without_journal, "officer-1"), IsOkAndHolds("suspended"));
}

TEST_P(InvalidationJournalTest, NamespacesShareTheTableAndEachFlushesOnlyItsOwnRows) {
  VersionedCache officers(redis_.get(), Options("officers:v1"));
  InvalidationJournal officers_journal(db_.get(), &officers);
  VersionedCache badges(redis_.get(), Options("badges:v1"));
  InvalidationJournal badges_journal(db_.get(), &badges);
  ASSERT_OK(Change(officers_journal, "officer-1", "suspended"));
  ASSERT_OK(Change(badges_journal, "officer-2", "suspended"));
  ASSERT_EQ(JournalRows(), 2);
  ASSERT_OK(badges_journal.Flush());
  EXPECT_EQ(JournalRows(), 1);
  ASSERT_OK(officers_journal.Flush());
  EXPECT_EQ(JournalRows(), 0);
}

TEST_P(InvalidationJournalTest, AFailedReadDistrustsTheCacheUntilALaterFlush) {
  VersionedCache cache(redis_.get(), Options(), &registry_);
  InvalidationJournal journal(db_.get(), &cache);
  ASSERT_OK(journal.Flush());
  ASSERT_OK(server_->Kill());
  // Another replica may change officer-1 now and fail to invalidate it.
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("error"), 1);
  EXPECT_FALSE(cache.trusted());
  ASSERT_OK(server_->Restart());
  AllowReconnect();
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  EXPECT_EQ(Requests("bypass"), 1);
  ASSERT_OK(journal.Flush());  // no rows: does not even reach Redis
  EXPECT_TRUE(cache.trusted());
}

TEST_P(InvalidationJournalTest, AFlushDeliversMoreRowsThanOneBatch) {
  VersionedCache cache(redis_.get(), Options());
  InvalidationJournal journal(db_.get(), &cache);
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    for (int i = 0; i < 600; ++i) {
      if (absl::Status s = journal.Record(tx, absl::StrCat("id-", i), absl::StrCat("k", i % 300),
                                          kNow + absl::Seconds(i));
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }));
  ASSERT_OK(journal.Flush());
  EXPECT_EQ(JournalRows(), 0);
}

// Two replicas flush the same rows at once: both succeed (on PostgreSQL,
// when both delete a row, the later one's serialization failure is retried
// and deletes nothing), and no row is left.
TEST_P(InvalidationJournalTest, ReplicasFlushingTheSameRowsAtOnceBothSucceed) {
  std::unique_ptr<store::Database> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  VersionedCache first_cache(redis_.get(), Options());
  InvalidationJournal first(db_.get(), &first_cache);
  VersionedCache second_cache(redis_.get(), Options());
  InvalidationJournal second(replica.get(), &second_cache);
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    for (int i = 0; i < 300; ++i) {
      if (absl::Status s = first.Record(tx, absl::StrCat("id-", i), absl::StrCat("k", i), kNow);
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }));
  absl::Status first_flushed;
  absl::Status second_flushed;
  std::thread other([&] { second_flushed = second.Flush(); });
  first_flushed = first.Flush();
  other.join();
  EXPECT_OK(first_flushed);
  EXPECT_OK(second_flushed);
  EXPECT_EQ(JournalRows(), 0);
}

TEST_P(InvalidationJournalTest, RecordingAnIdTwiceIsAlreadyExists) {
  VersionedCache cache(redis_.get(), Options());
  InvalidationJournal journal(db_.get(), &cache);
  absl::Status status = db_->Write([&](store::Transaction& tx) -> absl::Status {
    if (absl::Status s = journal.Record(tx, "same", "officer-1", kNow); !s.ok()) {
      return s;
    }
    return journal.Record(tx, "same", "officer-2", kNow);
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(JournalRows(), 0);
}

TEST_P(InvalidationJournalTest, TheBackgroundLoopDeliversThePendingRowOnceRedisIsBack) {
  log::ScopedCapture logs;
  VersionedCache cache(redis_.get(), Options(), &registry_);
  InvalidationJournal journal(db_.get(), &cache, &registry_);
  ASSERT_OK(journal.Flush());
  ASSERT_THAT(Read(cache, "officer-1"), IsOkAndHolds("active"));
  ASSERT_OK(server_->Kill());
  ASSERT_OK(Change(journal, "officer-1", "suspended"));
  ASSERT_THAT(journal.Flush(), StatusIs(absl::StatusCode::kUnavailable));

  journal.Start(absl::Milliseconds(5));
  EXPECT_FALSE(journal.WaitUntilClear(absl::Milliseconds(50)));
  ASSERT_OK(server_->Restart());
  AllowReconnect();
  ASSERT_TRUE(journal.WaitUntilClear(kDeadline));
  journal.Stop();

  EXPECT_EQ(JournalRows(), 0);
  EXPECT_TRUE(cache.trusted());
  EXPECT_THAT(Read(cache, "officer-1"), IsOkAndHolds("suspended"));
  EXPECT_EQ(MetricValue(registry_, "lawenforce_cache_journal_pending", {{"cache", "officers:v1"}}),
            0);
  // One line per change of state, however many turns the loop took.
  auto pending = logs.Events("cache_invalidation_pending");
  ASSERT_THAT(pending, SizeIs(1));
  EXPECT_EQ(pending[0]["namespace"], "officers:v1");
  EXPECT_EQ(pending[0]["code"], "UNAVAILABLE");
  EXPECT_THAT(logs.Events("cache_invalidation_clear"), SizeIs(1));
}

TEST_P(InvalidationJournalTest, StartAndStopAreIdempotent) {
  VersionedCache cache(redis_.get(), Options());
  InvalidationJournal journal(db_.get(), &cache);
  journal.Stop();
  journal.Start(absl::Milliseconds(5));
  journal.Start(absl::Milliseconds(5));
  ASSERT_TRUE(journal.WaitUntilClear(kDeadline));
  journal.Stop();
  journal.Stop();
  journal.Start(absl::Milliseconds(5));  // and again after a Stop; the destructor stops it
}

INSTANTIATE_TEST_SUITE_P(Backends, InvalidationJournalTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::lawenforce::testing::StoreBackendName);

}  // namespace
}  // namespace lawenforce::cache
