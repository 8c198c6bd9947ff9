// Failures the deadline engine must survive: failed or dying workers
// (leases), Redis losing its data, Redis down and restarted. FakeClock and
// RunOnce(); Reconcile() called directly where the loops would.

#include <thread>

#include "absl/synchronization/notification.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/engine_test_base.h"
#include "prometheus/text_serializer.h"

namespace lawenforce::deadlines::testing {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class DeadlineRecoveryTest : public DeadlineTestBase {
 protected:
  // Schedules three deadlines due at 10, 20 and 30 s.
  void ScheduleThree(DeadlineEngine& engine) {
    for (auto [subject, seconds] : {std::pair{"a", 10}, {"b", 20}, {"c", 30}}) {
      ASSERT_OK(ScheduleAndPublish(engine, Spec(subject, At(seconds))));
    }
  }

  // Retries PublishPending until the client has reconnected.
  bool PublishOnceRedisIsBack(DeadlineEngine& engine) {
    return WaitFor([&] { return engine.PublishPending().ok(); });
  }
};

TEST_P(DeadlineRecoveryTest, AFailedHandlerIsRetriedAfterItsLeaseAndTakesEffectOnce) {
  prometheus::Registry registry;
  auto engine = std::make_unique<DeadlineEngine>(db_.get(), redis_.get(), &clock_, &ids_, Options(),
                                                 &registry);
  int calls = 0;
  engine->RegisterHandler(kKind, [&](store::Transaction& tx, const Deadline& d) -> absl::Status {
    if (absl::Status s = RecordEffect(tx, d, "main"); !s.ok()) {
      return s;
    }
    return ++calls == 1 ? absl::UnavailableError("downstream") : absl::OkStatus();
  });
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, Spec("x", At(10))));
  clock_.SetTime(At(10));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(Effects(), IsEmpty());  // rolled back with the failure
  EXPECT_EQ(StateOf(id), "pending");
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));  // still leased

  clock_.Advance(Options().lease);
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(Effects().size(), 1u);
  EXPECT_EQ(StateOf(id), "fired");
  const std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_lease_expiries_total 1"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_handler_failures_total{kind=\"test_kind\"} 1"));
}

TEST_P(DeadlineRecoveryTest, AnotherWorkerTakesOverAnExpiredLease) {
  auto dying =
      std::make_unique<DeadlineEngine>(db_.get(), redis_.get(), &clock_, &ids_, Options(), nullptr);
  dying->RegisterHandler(kKind, [](store::Transaction&, const Deadline&) {
    return absl::AbortedError("worker dies before its commit");
  });
  auto survivor = NewEngine(&clock_, Options(), "survivor");
  ScheduleThree(*survivor);
  clock_.SetTime(At(30));
  EXPECT_THAT(dying->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(survivor->RunOnce(), IsOkAndHolds(0));  // leased by the other

  clock_.Advance(Options().lease);
  EXPECT_THAT(survivor->RunOnce(), IsOkAndHolds(3));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c"));
  clock_.Advance(absl::Hours(1));
  EXPECT_THAT(dying->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(survivor->RunOnce(), IsOkAndHolds(0));
  EXPECT_EQ(Effects().size(), 3u);
}

// The slow worker's handler is still running when its lease expires and a
// second worker claims the same member: only one transaction commits a
// firing (the second finds the row fired).
TEST_P(DeadlineRecoveryTest, AWorkerStalledPastItsLeaseStillFiresOnlyOnce) {
  absl::Notification in_handler;
  absl::Notification release;
  auto slow =
      std::make_unique<DeadlineEngine>(db_.get(), redis_.get(), &clock_, &ids_, Options(), nullptr);
  slow->RegisterHandler(kKind, [&](store::Transaction& tx, const Deadline& d) {
    in_handler.Notify();
    release.WaitForNotification();
    return RecordEffect(tx, d, "slow");
  });
  std::unique_ptr<store::Database> replica = OpenReplica();  // the fast one's
  ASSERT_NE(replica, nullptr);
  auto fast = NewEngine(&clock_, Options(), "fast", nullptr, replica.get());
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*fast, Spec("x", At(10))));
  clock_.SetTime(At(10));

  absl::StatusOr<int> slow_fired;
  std::thread slow_thread([&] { slow_fired = slow->RunOnce(); });
  ASSERT_TRUE(in_handler.WaitForNotificationWithTimeout(absl::Seconds(20)));
  clock_.Advance(Options().lease + absl::Seconds(1));
  absl::StatusOr<int> fast_fired;
  std::thread fast_thread([&] { fast_fired = fast->RunOnce(); });
  // The fast worker has claimed the member (its lease is the newer one) and
  // now waits for the lock the slow one holds (SQLite's write lock, or
  // PostgreSQL's row lock).
  const std::string fast_lease = Micros(clock_.Now() + Options().lease);
  EXPECT_TRUE(WaitFor([&] { return Score(kLeaseKey, id) == fast_lease; }));
  release.Notify();
  slow_thread.join();
  fast_thread.join();
  EXPECT_THAT(slow_fired, IsOkAndHolds(1));
  EXPECT_THAT(fast_fired, IsOkAndHolds(0));
  std::vector<Effect> effects = Effects();
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].worker, "slow");
}

TEST_P(DeadlineRecoveryTest, FlushAllLosesNoDeadline) {
  prometheus::Registry registry;
  auto engine = NewEngine(&clock_, Options(), "main", &registry);
  ScheduleThree(*engine);
  clock_.SetTime(At(15));
  ASSERT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  ASSERT_OK(redis_server_->FlushAll());
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));  // Redis forgot them

  ASSERT_OK(engine->Reconcile());
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(2));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c"));
  EXPECT_THAT(prometheus::TextSerializer().Serialize(registry.Collect()),
              HasSubstr("lawenforce_deadlines_reconciler_readds_total 2"));
}

TEST_P(DeadlineRecoveryTest, ReconcileCountsOnlyMissingMembers) {
  prometheus::Registry registry;
  auto engine = NewEngine(&clock_, Options(), "main", &registry);
  ScheduleThree(*engine);
  ASSERT_OK(engine->Reconcile());
  ASSERT_OK(engine->Reconcile());
  EXPECT_THAT(prometheus::TextSerializer().Serialize(registry.Collect()),
              HasSubstr("lawenforce_deadlines_reconciler_readds_total 0"));
  EXPECT_EQ(redis_server_->Query({"ZCARD", kDueKey}).value_or("?"), "3");
}

TEST_P(DeadlineRecoveryTest, ReconcilePagesThroughManyDeadlines) {
  EngineOptions options = Options();
  options.reconcile_page = 7;  // many pages, and script batches that span them
  auto engine = NewEngine(&clock_, options);
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    for (int i = 0; i < 2500; ++i) {
      if (absl::Status s =
              engine->Schedule(tx, Spec(absl::StrCat("s", i), At(1 + i % 50))).status();
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }));
  ASSERT_OK(engine->PublishPending());
  EXPECT_EQ(redis_server_->Query({"ZCARD", kDueKey}).value_or("?"), "2500");
  ASSERT_OK(redis_server_->FlushAll());
  ASSERT_OK(engine->Reconcile());
  EXPECT_EQ(redis_server_->Query({"ZCARD", kDueKey}).value_or("?"), "2500");
}

TEST_P(DeadlineRecoveryTest, DeadlinesSurviveARedisStopAndRestart) {
  auto engine = NewEngine(&clock_);
  ScheduleThree(*engine);
  ASSERT_OK(redis_server_->Stop());
  ASSERT_OK(redis_server_->Restart());
  clock_.SetTime(At(100));
  EXPECT_TRUE(WaitFor([&] { return engine->RunOnce().ok(); }));  // reconnect
  ASSERT_OK(engine->Reconcile());
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c"));
}

TEST_P(DeadlineRecoveryTest, DeadlinesSurviveARedisKillAndRestart) {
  auto engine = NewEngine(&clock_);
  ScheduleThree(*engine);
  ASSERT_OK(redis_server_->Kill());
  ASSERT_OK(redis_server_->Restart());
  ASSERT_TRUE(WaitFor([&] { return engine->Reconcile().ok(); }));
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(3));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c"));
}

TEST_P(DeadlineRecoveryTest, DeadlinesSurviveARedisKillThatLostTheirData) {
  auto engine = NewEngine(&clock_);
  ScheduleThree(*engine);
  ASSERT_OK(redis_server_->FlushAll());  // as if the AOF had not kept them
  ASSERT_OK(redis_server_->Kill());
  ASSERT_OK(redis_server_->Restart());
  ASSERT_TRUE(WaitFor([&] { return engine->Reconcile().ok(); }));
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(3));
}

TEST_P(DeadlineRecoveryTest, ScheduleCommitsWhileRedisIsDownAndFiresOnceItIsBack) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK(redis_server_->Stop());
  std::string id;
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    absl::StatusOr<std::string> scheduled = engine->Schedule(tx, Spec("x", At(10)));
    id = scheduled.value_or("");
    return scheduled.status();
  }));
  EXPECT_THAT(engine->PublishPending(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(StateOf(id), "pending");  // committed all the same
  clock_.SetTime(At(10));
  EXPECT_THAT(engine->RunOnce(), StatusIs(absl::StatusCode::kUnavailable));

  ASSERT_OK(redis_server_->Restart());
  ASSERT_TRUE(PublishOnceRedisIsBack(*engine));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(FiredSubjects(), ElementsAre("x"));
}

LAWENFORCE_DEADLINE_BACKENDS(DeadlineRecoveryTest);

}  // namespace
}  // namespace lawenforce::deadlines::testing
