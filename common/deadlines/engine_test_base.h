#ifndef LAWENFORCE_COMMON_DEADLINES_ENGINE_TEST_BASE_H_
#define LAWENFORCE_COMMON_DEADLINES_ENGINE_TEST_BASE_H_

// The fixture of the deadline engine tests: a real redis-server, a real
// database (a SQLite file or a PostgreSQL schema, the test's parameter)
// migrated with the deadlines and effects tables, a FakeClock, and engines
// whose handlers for kKind record an effect row.

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/test_effects.h"
#include "common/ids/id_generator.h"
#include "common/redis/redis_client.h"
#include "common/store/open.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::deadlines::testing {

inline constexpr absl::string_view kPrefix = "le:test:v1";
inline constexpr absl::string_view kKind = "test_kind";
inline const std::string kDueKey = absl::StrCat(kPrefix, ":dl:due");
inline const std::string kLeaseKey = absl::StrCat(kPrefix, ":dl:lease");

struct Effect {
  std::string deadline_id;
  std::string subject;
  bool is_reminder = false;
  std::string worker;
};

// Polls `condition` until it holds or `timeout` passes (real time).
inline bool WaitFor(const std::function<bool()>& condition,
                    absl::Duration timeout = absl::Seconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

using ::lawenforce::testing::StoreBackend;

// Runs the tests of `suite` against SQLite and PostgreSQL.
#define LAWENFORCE_DEADLINE_BACKENDS(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                   \
                           ::testing::Values(::lawenforce::testing::StoreBackend::kSqlite,    \
                                             ::lawenforce::testing::StoreBackend::kPostgres), \
                           ::lawenforce::testing::StoreBackendName)

class DeadlineTestBase : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(redis_server_, ::lawenforce::testing::RedisServer::Start());
    ASSERT_OK_AND_ASSIGN(store_url_, ::lawenforce::testing::FreshStoreUrl(GetParam(), dir_));
    ASSERT_OK_AND_ASSIGN(db_, store::OpenDatabase(store_url_));
    ASSERT_OK(store::Migrate(*db_, "test", kTestMigrations));
    ASSERT_OK_AND_ASSIGN(redis::RedisOptions options, redis::ParseRedisUrl(redis_server_->url()));
    // Generous for a loaded CI machine; quick to reconnect after a restart.
    options.command_timeout = absl::Seconds(2);
    options.backoff_max = absl::Milliseconds(200);
    redis_ = redis::CreateRedisClient(options);
  }

  // Another Database on the same store: a second replica of the service.
  std::unique_ptr<store::Database> OpenReplica() {
    absl::StatusOr<std::unique_ptr<store::Database>> db = store::OpenDatabase(store_url_);
    EXPECT_OK(db.status());
    return db.ok() ? std::move(*db) : nullptr;
  }

  // A time `seconds` after the fake clock's start.
  absl::Time At(double seconds) const { return start_ + absl::Seconds(seconds); }

  static EngineOptions Options() {
    EngineOptions options;
    options.namespace_prefix = std::string(kPrefix);
    options.lease = absl::Seconds(30);
    return options;
  }

  // An engine whose handlers for kKind (events and reminders) record an
  // effect by `worker`; on `db` (a replica) instead of db_ when given.
  std::unique_ptr<DeadlineEngine> NewEngine(const Clock* clock, EngineOptions options = Options(),
                                            std::string worker = "main",
                                            prometheus::Registry* registry = nullptr,
                                            store::Database* db = nullptr) {
    auto engine = std::make_unique<DeadlineEngine>(db != nullptr ? db : db_.get(), redis_.get(),
                                                   clock, &ids_, std::move(options), registry);
    DeadlineEngine::Handler record = [worker](store::Transaction& tx, const Deadline& d) {
      return RecordEffect(tx, d, worker);
    };
    engine->RegisterHandler(kKind, record);
    engine->RegisterReminderHandler(kKind, record);
    return engine;
  }

  static DeadlineSpec Spec(absl::string_view subject, absl::Time due) {
    return DeadlineSpec{std::string(kKind), std::string(subject), due, "{}", std::nullopt};
  }

  // Schedules in a transaction of its own, then publishes.
  absl::StatusOr<std::string> ScheduleAndPublish(DeadlineEngine& engine, const DeadlineSpec& spec) {
    std::string id;
    absl::Status status = db_->Write([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::string> scheduled = engine.Schedule(tx, spec);
      if (!scheduled.ok()) {
        return scheduled.status();
      }
      id = *scheduled;
      return absl::OkStatus();
    });
    if (!status.ok()) {
      return status;
    }
    if (absl::Status s = engine.PublishPending(); !s.ok()) {
      return s;
    }
    return id;
  }

  std::vector<Effect> Effects() {
    std::vector<Effect> effects;
    absl::Status status = db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query("SELECT deadline_id, subject, is_reminder, worker FROM effects ORDER BY seq");
      if (!rows.ok()) {
        return rows.status();
      }
      for (const store::Row& r : *rows) {
        effects.push_back(Effect{r.Text(0), r.Text(1), r.Bool(2), r.Text(3)});
      }
      return absl::OkStatus();
    });
    EXPECT_OK(status);
    return effects;
  }

  // Subjects of the due-event effects, in firing order.
  std::vector<std::string> FiredSubjects() {
    std::vector<std::string> subjects;
    for (const Effect& e : Effects()) {
      if (!e.is_reminder) {
        subjects.push_back(e.subject);
      }
    }
    return subjects;
  }

  // The deadline's state column ("" when absent).
  std::string StateOf(absl::string_view id) {
    std::string state;
    EXPECT_OK(db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query("SELECT state FROM deadlines WHERE id = ?", {store::Text(id)});
      if (rows.ok() && !rows->empty()) {
        state = rows->front().Text(0);
      }
      return rows.status();
    }));
    return state;
  }

  // ZSCORE of `member` in `key`, "" when absent.
  std::string Score(const std::string& key, absl::string_view member) {
    absl::StatusOr<std::string> score = redis_server_->Query({"ZSCORE", key, std::string(member)});
    EXPECT_OK(score);
    return score.ok() ? *score : "error";
  }

  static std::string Micros(absl::Time t) { return absl::StrCat(absl::ToUnixMicros(t)); }

  ::lawenforce::testing::TempDir dir_;
  std::unique_ptr<::lawenforce::testing::RedisServer> redis_server_;
  std::string store_url_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<redis::RedisClient> redis_;
  const absl::Time start_ = absl::FromUnixSeconds(1700000000);
  FakeClock clock_{start_};
  SequentialIdGenerator ids_;
};

}  // namespace lawenforce::deadlines::testing

#endif  // LAWENFORCE_COMMON_DEADLINES_ENGINE_TEST_BASE_H_
