// The engine's background loops with the real clock: deadlines due in a few
// hundred milliseconds fire once each, also across FLUSHALL and a Redis
// crash, without anyone calling RunOnce or Reconcile.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/engine_test_base.h"

namespace lawenforce::deadlines::testing {
namespace {

using ::testing::ElementsAre;

class DeadlineLoopTest : public DeadlineTestBase {
 protected:
  static EngineOptions LoopOptions() {
    EngineOptions options = Options();
    options.lease = absl::Seconds(2);
    options.poll_interval = absl::Milliseconds(20);
    options.publish_interval = absl::Milliseconds(100);
    options.reconcile_interval = absl::Hours(1);  // only on demand
    return options;
  }

  // Schedules in a committed transaction without publishing (the loops
  // must), as when the caller's PublishPending failed.
  std::string ScheduleOnly(DeadlineEngine& engine, const DeadlineSpec& spec) {
    std::string id;
    EXPECT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::string> scheduled = engine.Schedule(tx, spec);
      id = scheduled.value_or("");
      return scheduled.status();
    }));
    return id;
  }

  RealClock real_clock_;
};

TEST_P(DeadlineLoopTest, StartedEngineFiresDueDeadlinesOnceInDueOrder) {
  auto engine = NewEngine(&real_clock_, LoopOptions());
  const absl::Time now = real_clock_.Now();
  for (auto [subject, ms] : {std::pair{"c", 300}, {"a", 100}, {"e", 500}, {"b", 200}}) {
    ASSERT_OK(ScheduleAndPublish(*engine, Spec(subject, now + absl::Milliseconds(ms))));
  }
  engine->Start();
  // One more after Start, published by the loop only.
  ScheduleOnly(*engine, Spec("d", now + absl::Milliseconds(400)));
  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= 5; }));
  engine->Stop();
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c", "d", "e"));
}

TEST_P(DeadlineLoopTest, TwoEnginesWithSeveralWorkersFireEachDeadlineOnce) {
  EngineOptions options = LoopOptions();
  options.worker_threads = 2;
  options.claim_batch = 3;
  // Two replicas: each engine has a Database of its own on the same store.
  std::unique_ptr<store::Database> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  auto first = NewEngine(&real_clock_, options, "first");
  auto second = NewEngine(&real_clock_, options, "second", nullptr, replica.get());
  // All in one transaction, so that every reminder is scheduled well ahead
  // of its time (a reminder whose deadline has fired is dropped).
  constexpr int kDeadlines = 60;
  const absl::Time now = real_clock_.Now();
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    for (int i = 0; i < kDeadlines; ++i) {
      DeadlineSpec spec = Spec(absl::StrCat("s", i), now + absl::Milliseconds(400 + 5 * i));
      spec.remind_before = absl::Milliseconds(200);
      if (absl::Status s = first->Schedule(tx, spec).status(); !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }));
  ASSERT_OK(second->PublishPending());
  first->Start();
  second->Start();
  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= 2 * kDeadlines; }));
  first->Stop();
  second->Stop();
  absl::flat_hash_map<std::string, int> fired;
  absl::flat_hash_map<std::string, int> reminded;
  for (const Effect& e : Effects()) {
    ++(e.is_reminder ? reminded : fired)[e.subject];
  }
  ASSERT_EQ(fired.size(), static_cast<size_t>(kDeadlines));
  ASSERT_EQ(reminded.size(), static_cast<size_t>(kDeadlines));
  for (const auto& [subject, n] : fired) {
    EXPECT_EQ(n, 1) << subject;
    EXPECT_EQ(reminded[subject], 1) << subject;
  }
}

TEST_P(DeadlineLoopTest, FlushAllMidRunIsNoticedAndReconciled) {
  auto engine = NewEngine(&real_clock_, LoopOptions());
  engine->Start();
  // Wait for the start-up reconcile to have set its marker.
  ASSERT_TRUE(WaitFor([&] {
    return redis_server_->Query({"EXISTS", std::string(kPrefix) + ":dl:reconciled"}).value_or("") ==
           "1";
  }));
  ASSERT_OK(ScheduleAndPublish(*engine, Spec("x", real_clock_.Now() + absl::Milliseconds(500))));
  ASSERT_OK(redis_server_->FlushAll());
  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= 1; }));
  engine->Stop();
  EXPECT_THAT(FiredSubjects(), ElementsAre("x"));
}

TEST_P(DeadlineLoopTest, ARedisCrashMidRunLosesNoDeadline) {
  auto engine = NewEngine(&real_clock_, LoopOptions());
  engine->Start();
  ASSERT_OK(
      ScheduleAndPublish(*engine, Spec("before", real_clock_.Now() + absl::Milliseconds(300))));
  ASSERT_OK(redis_server_->Kill());
  ScheduleOnly(*engine, Spec("during", real_clock_.Now() + absl::Milliseconds(100)));
  ASSERT_OK(redis_server_->Restart());
  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= 2; }));
  engine->Stop();
  EXPECT_THAT(FiredSubjects(), ::testing::UnorderedElementsAre("before", "during"));
}

TEST_P(DeadlineLoopTest, ARedisRestartThatLostItsDataIsReconciled) {
  auto engine = NewEngine(&real_clock_, LoopOptions());
  engine->Start();
  ASSERT_OK(ScheduleAndPublish(*engine, Spec("x", real_clock_.Now() + absl::Milliseconds(800))));
  ASSERT_OK(redis_server_->Stop());
  // Let the engine see Redis gone before it comes back empty.
  ASSERT_TRUE(WaitFor([&] { return !redis_->available(); }));
  ASSERT_OK(redis_server_->Restart());
  ASSERT_OK(redis_server_->FlushAll());
  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= 1; }));
  engine->Stop();
  EXPECT_THAT(FiredSubjects(), ElementsAre("x"));
}

LAWENFORCE_DEADLINE_BACKENDS(DeadlineLoopTest);

}  // namespace
}  // namespace lawenforce::deadlines::testing
