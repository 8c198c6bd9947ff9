// The races of ARCHITECTURE.md section 6, made deterministic: a reader's
// load is held between reading the system of record and returning (so
// before its store) while the test runs the writer, a FLUSHALL or a restart.
// Then a stress test with eight readers and one writer.

#include <atomic>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/cache/versioned_cache.h"
#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"
#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cache {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::RedisServer;
using ::lawenforce::testing::StatusIs;

constexpr absl::Duration kDeadline = absl::Seconds(30);
constexpr absl::string_view kKey = "officer-1";
constexpr absl::string_view kValueKey = "le:race:v1:val:officer-1";
constexpr absl::string_view kVersionKey = "le:race:v1:ver:officer-1";

// The system of record for one key.
class Record {
 public:
  explicit Record(std::string value) : value_(std::move(value)) {}
  std::string Get() const {
    absl::MutexLock lock(&mu_);
    return value_;
  }
  void Set(std::string value) {
    absl::MutexLock lock(&mu_);
    value_ = std::move(value);
  }

 private:
  mutable absl::Mutex mu_;
  std::string value_ ABSL_GUARDED_BY(mu_);
};

// A GetOrLoad on its own thread whose loader reads the record, then waits
// for Resume() before returning it: the test acts between load and store.
class HeldReader {
 public:
  HeldReader(VersionedCache& cache, const Record& record) {
    thread_ = std::thread([this, &cache, &record] {
      result_ = cache.GetOrLoad(kKey, [&]() -> absl::StatusOr<std::string> {
        std::string value = record.Get();
        loaded_.Notify();
        resumed_.WaitForNotificationWithTimeout(kDeadline);
        return value;
      });
    });
  }
  ~HeldReader() {
    if (thread_.joinable()) {
      Resume().IgnoreError();
    }
  }

  // True once the loader has read the record (and holds).
  bool WaitUntilLoaded() { return loaded_.WaitForNotificationWithTimeout(kDeadline); }

  // Lets the loader return, and the reader store; its answer.
  absl::StatusOr<std::string> Resume() {
    resumed_.Notify();
    thread_.join();
    return result_;
  }

 private:
  absl::Notification loaded_;
  absl::Notification resumed_;
  absl::StatusOr<std::string> result_;
  std::thread thread_;
};

class VersionedCacheRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<RedisServer>> server = RedisServer::Start();
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    absl::StatusOr<redis::RedisOptions> options = redis::ParseRedisUrl(server_->url());
    ASSERT_OK(options.status());
    options->connect_timeout = absl::Seconds(1);
    options->command_timeout = absl::Seconds(5);
    options->pool_size = 16;
    redis::RedisClientEnv env;
    env.clock = &client_clock_;
    client_ = redis::CreateRedisClient(*options, env);
    CacheOptions cache_options;
    cache_options.namespace_prefix = "race:v1";
    cache_ = std::make_unique<VersionedCache>(client_.get(), cache_options, &registry_);
  }

  // A read by another replica after the test's steps: the cached value
  // when there is a current one, else the record.
  absl::StatusOr<std::string> ReadNow(const Record& record) {
    return cache_->GetOrLoad(kKey, [&] { return absl::StatusOr<std::string>(record.Get()); });
  }

  std::string ValueInRedis() {
    return server_->Query({"GET", std::string(kValueKey)}).value_or("?");
  }

  FakeClock client_clock_;
  prometheus::Registry registry_;
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<VersionedCache> cache_;
};

TEST_F(VersionedCacheRaceTest, AnOldLoadFinishingAfterTheInvalidationIsNotStored) {
  Record record("active");
  HeldReader reader(*cache_, record);
  ASSERT_TRUE(reader.WaitUntilLoaded());  // read its version and the old value
  record.Set("suspended");                // the change commits
  ASSERT_OK(cache_->Invalidate({std::string(kKey)}));
  // The change has returned. The held reader began before it, so the old
  // answer is fine for that reader, but it must not be cached.
  EXPECT_THAT(reader.Resume(), IsOkAndHolds("active"));
  EXPECT_EQ(ValueInRedis(), "");
  EXPECT_THAT(ReadNow(record), IsOkAndHolds("suspended"));
}

TEST_F(VersionedCacheRaceTest, AnOldValueStoredBeforeTheInvalidationIsNotServedAfterIt) {
  Record record("active");
  HeldReader reader(*cache_, record);
  ASSERT_TRUE(reader.WaitUntilLoaded());
  record.Set("suspended");  // the change commits; its invalidation is still to come
  EXPECT_THAT(reader.Resume(), IsOkAndHolds("active"));
  // The old value is cached, and served until the invalidation.
  ASSERT_THAT(
      cache_->GetOrLoad(kKey, [] { return absl::StatusOr<std::string>(absl::InternalError("")); }),
      IsOkAndHolds("active"));
  ASSERT_OK(cache_->Invalidate({std::string(kKey)}));
  EXPECT_THAT(ReadNow(record), IsOkAndHolds("suspended"));
  EXPECT_THAT(ReadNow(record), IsOkAndHolds("suspended"));
}

TEST_F(VersionedCacheRaceTest, AReaderHeldAcrossFlushAllStoresNothing) {
  Record record("active");
  HeldReader reader(*cache_, record);
  ASSERT_TRUE(reader.WaitUntilLoaded());
  ASSERT_OK(server_->FlushAll());
  EXPECT_THAT(reader.Resume(), IsOkAndHolds("active"));
  EXPECT_EQ(ValueInRedis(), "");
}

// The ABA of plain per-key counters: after FLUSHALL the counters start
// again, so a tag handed out before the flush is handed out again after
// it. The epoch in every tag tells the two apart.
TEST_F(VersionedCacheRaceTest, AReaderHeldAcrossFlushAllAndAChangeCannotStoreItsOldTag) {
  Record record("active");
  HeldReader reader(*cache_, record);
  ASSERT_TRUE(reader.WaitUntilLoaded());
  ASSERT_OK_AND_ASSIGN(const std::string tag_before,
                       server_->Query({"GET", std::string(kVersionKey)}));

  record.Set("suspended");
  ASSERT_OK(server_->FlushAll());
  ASSERT_OK(cache_->Invalidate({std::string(kKey)}));
  // Another reader gets the key's version handed out again (and fails to
  // load, so it stores nothing itself).
  ASSERT_THAT(cache_->GetOrLoad(
                  kKey, [] { return absl::StatusOr<std::string>(absl::UnavailableError("db")); }),
              StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_OK_AND_ASSIGN(const std::string tag_after,
                       server_->Query({"GET", std::string(kVersionKey)}));

  EXPECT_THAT(reader.Resume(), IsOkAndHolds("active"));
  EXPECT_EQ(ValueInRedis(), "");
  EXPECT_THAT(ReadNow(record), IsOkAndHolds("suspended"));
  // The counter part did repeat ("....1" both times); the epoch did not.
  EXPECT_EQ(tag_before.substr(tag_before.rfind('.')), tag_after.substr(tag_after.rfind('.')));
  EXPECT_NE(tag_before, tag_after);
}

TEST_F(VersionedCacheRaceTest, AReaderHeldAcrossARestartLeavesNothingReadable) {
  Record record("active");
  HeldReader reader(*cache_, record);
  ASSERT_TRUE(reader.WaitUntilLoaded());
  record.Set("suspended");
  ASSERT_OK(server_->Kill());  // the change cannot invalidate
  ASSERT_THAT(cache_->Invalidate({std::string(kKey)}), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_OK(server_->Restart());
  client_clock_.Advance(absl::Hours(1));  // reconnect at once
  // Its store may even succeed: the restored version equals its tag.
  EXPECT_THAT(reader.Resume(), IsOkAndHolds("active"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(ReadNow(record), IsOkAndHolds("suspended"));
  }
}

TEST_F(VersionedCacheRaceTest, ABatchLoadStoresOnlyTheKeysNotInvalidatedWhileItLoaded) {
  absl::Notification loaded;
  absl::Notification resumed;
  std::vector<std::string> first_answer;
  std::thread reader([&] {
    absl::StatusOr<std::vector<std::string>> got =
        cache_->GetOrLoadMany({"a", "b"}, [&](const std::vector<std::string>& missing) {
          loaded.Notify();
          resumed.WaitForNotificationWithTimeout(kDeadline);
          std::vector<std::string> values;
          for (const std::string& key : missing) {
            values.push_back(key + "-old");
          }
          return absl::StatusOr<std::vector<std::string>>(values);
        });
    first_answer = got.value_or(std::vector<std::string>{});
  });
  ASSERT_TRUE(loaded.WaitForNotificationWithTimeout(kDeadline));
  absl::Status invalidated = cache_->Invalidate({"a"});
  resumed.Notify();
  reader.join();
  ASSERT_OK(invalidated);
  EXPECT_THAT(first_answer, ::testing::ElementsAre("a-old", "b-old"));
  EXPECT_EQ(server_->Query({"EXISTS", "le:race:v1:val:a"}).value_or("?"), "0");
  EXPECT_THAT(cache_->GetOrLoadMany({"a", "b"},
                                    [](const std::vector<std::string>& missing) {
                                      std::vector<std::string> values;
                                      for (const std::string& key : missing) {
                                        values.push_back(key + "-new");
                                      }
                                      return absl::StatusOr<std::vector<std::string>>(values);
                                    }),
              IsOkAndHolds(::testing::ElementsAre("a-new", "b-old")));
}

// A loader's latency: yields a pseudo-random number of times (seeded, so
// reproducible per thread; no sleeping).
void Jitter(std::minstd_rand& rng, int max_spins) {
  const int spins = std::uniform_int_distribution<int>(0, max_spins)(rng);
  for (int i = 0; i < spins; ++i) {
    std::this_thread::yield();
  }
}

TEST_F(VersionedCacheRaceTest, EightReadersNeverSeeAChangeUndoneOnceItsInvalidateReturned) {
  constexpr int kReaders = 8;
  constexpr int64_t kChanges = 300;
  std::atomic<int64_t> database{0};  // the record: its own version number
  std::atomic<int64_t> finished{0};  // the last change whose Invalidate returned
  std::atomic<bool> done{false};
  std::atomic<int64_t> reads{0};
  std::atomic<int64_t> loads{0};

  absl::Mutex mu;
  std::vector<std::string> violations;  // the first few; guarded by mu
  int violation_count = 0;              // guarded by mu

  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      std::minstd_rand rng(1000 + r);
      while (!done.load()) {
        const int64_t floor = finished.load();
        absl::StatusOr<std::string> got =
            cache_->GetOrLoad(kKey, [&]() -> absl::StatusOr<std::string> {
              loads.fetch_add(1);
              const int64_t value = database.load();
              Jitter(rng, 256);  // the window in which a change may commit and invalidate
              return absl::StrCat(value);
            });
        int64_t seen = -1;
        if (!got.ok() || !absl::SimpleAtoi(*got, &seen) || seen < floor) {
          absl::MutexLock lock(&mu);
          if (++violation_count <= 10) {
            violations.push_back(absl::StrCat("reader ", r, " read ",
                                              got.ok() ? *got : got.status().ToString(),
                                              " after change ", floor, " returned"));
          }
        }
        reads.fetch_add(1);
      }
    });
  }

  std::minstd_rand rng(7);
  const absl::Time deadline = absl::Now() + kDeadline;
  for (int64_t change = 1; change <= kChanges && absl::Now() < deadline; ++change) {
    database.store(change);
    if (absl::Status status = cache_->Invalidate({std::string(kKey)}); !status.ok()) {
      ADD_FAILURE() << status;
      break;
    }
    finished.store(change);
    // Let the readers run a little on every version.
    const int64_t reads_before = reads.load();
    while (reads.load() < reads_before + 2 && absl::Now() < deadline) {
      Jitter(rng, 16);
    }
  }
  done.store(true);
  for (std::thread& reader : readers) {
    reader.join();
  }

  ASSERT_EQ(finished.load(), kChanges) << "the writer did not finish in time";
  absl::MutexLock lock(&mu);
  EXPECT_EQ(violation_count, 0) << absl::StrJoin(violations, "\n");
  EXPECT_THAT(ReadNow(Record(absl::StrCat(database.load()))), IsOkAndHolds(absl::StrCat(kChanges)));
  // The cache did serve: fewer loads than reads.
  EXPECT_LT(loads.load(), reads.load());
  EXPECT_EQ(cache_->failures(), 0u);
}

}  // namespace
}  // namespace lawenforce::cache
