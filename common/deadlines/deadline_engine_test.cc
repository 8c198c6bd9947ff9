// Scheduling semantics of the deadline engine against real Redis and a real
// database (SQLite and PostgreSQL), driven by a FakeClock and RunOnce().

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

class DeadlineEngineTest : public DeadlineTestBase {};

TEST_P(DeadlineEngineTest, DueDeadlinesFireOnceEachInDueOrder) {
  auto engine = NewEngine(&clock_);
  for (auto [subject, seconds] : {std::pair{"c", 30}, {"a", 10}, {"e", 50}, {"b", 20}, {"d", 40}}) {
    ASSERT_OK(ScheduleAndPublish(*engine, Spec(subject, At(seconds))));
  }
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));

  clock_.SetTime(At(25));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(2));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b"));

  clock_.SetTime(At(60));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(3));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(FiredSubjects(), ElementsAre("a", "b", "c", "d", "e"));
  EXPECT_EQ(redis_server_->Query({"ZCARD", kDueKey}).value_or("?"), "0");
  EXPECT_EQ(redis_server_->Query({"ZCARD", kLeaseKey}).value_or("?"), "0");
}

TEST_P(DeadlineEngineTest, ClaimBatchBoundsOneCycle) {
  EngineOptions options = Options();
  options.claim_batch = 2;
  auto engine = NewEngine(&clock_, options);
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(ScheduleAndPublish(*engine, Spec(absl::StrCat("s", i), At(i))));
  }
  clock_.SetTime(At(10));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(2));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(2));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(FiredSubjects(), ElementsAre("s0", "s1", "s2", "s3", "s4"));
}

TEST_P(DeadlineEngineTest, CancelledInTheSameTransactionNeverFires) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK(db_->Write([&](store::Transaction& tx) -> absl::Status {
    if (absl::Status s = engine->Schedule(tx, Spec("x", At(10))).status(); !s.ok()) {
      return s;
    }
    return engine->Cancel(tx, kKind, "x");
  }));
  ASSERT_OK(engine->PublishPending());
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(Effects(), IsEmpty());
}

TEST_P(DeadlineEngineTest, CancelledLaterNeverFiresAndLeavesRedis) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, Spec("x", At(10))));
  EXPECT_EQ(Score(kDueKey, id), Micros(At(10)));
  ASSERT_OK(db_->Write([&](store::Transaction& tx) { return engine->Cancel(tx, kKind, "x"); }));
  ASSERT_OK(engine->PublishPending());
  EXPECT_EQ(Score(kDueKey, id), "");
  EXPECT_EQ(StateOf(id), "cancelled");
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(Effects(), IsEmpty());
}

TEST_P(DeadlineEngineTest, CancelledButUnpublishedIsDroppedWhenClaimed) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, Spec("x", At(10))));
  ASSERT_OK(db_->Write([&](store::Transaction& tx) { return engine->Cancel(tx, kKind, "x"); }));
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(Effects(), IsEmpty());
  EXPECT_EQ(Score(kDueKey, id), "");
  EXPECT_EQ(Score(kLeaseKey, id), "");
}

TEST_P(DeadlineEngineTest, CancelIsIdempotent) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK(ScheduleAndPublish(*engine, Spec("x", At(10))));
  for (int i = 0; i < 2; ++i) {
    EXPECT_OK(db_->Write([&](store::Transaction& tx) { return engine->Cancel(tx, kKind, "x"); }));
  }
  EXPECT_OK(db_->Write([&](store::Transaction& tx) { return engine->Cancel(tx, kKind, "nope"); }));
}

TEST_P(DeadlineEngineTest, RescheduledLaterDoesNotFireAtTheOldTime) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, Spec("x", At(10))));
  ASSERT_OK(db_->Write(
      [&](store::Transaction& tx) { return engine->Reschedule(tx, kKind, "x", At(60)); }));
  ASSERT_OK(engine->PublishPending());
  // The due set keeps the earlier score (never later than the truth) ...
  EXPECT_EQ(Score(kDueKey, id), Micros(At(10)));
  clock_.SetTime(At(20));
  // ... so it is claimed early, re-checked against the row, and put back.
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_EQ(Score(kDueKey, id), Micros(At(60)));
  EXPECT_EQ(Score(kLeaseKey, id), "");
  EXPECT_THAT(Effects(), IsEmpty());

  clock_.SetTime(At(60));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(FiredSubjects(), ElementsAre("x"));
  EXPECT_EQ(StateOf(id), "fired");
}

TEST_P(DeadlineEngineTest, RescheduledEarlierFiresAtTheNewTime) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, Spec("x", At(60))));
  ASSERT_OK(db_->Write(
      [&](store::Transaction& tx) { return engine->Reschedule(tx, kKind, "x", At(10)); }));
  ASSERT_OK(engine->PublishPending());
  EXPECT_EQ(Score(kDueKey, id), Micros(At(10)));
  clock_.SetTime(At(10));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(FiredSubjects(), ElementsAre("x"));
}

TEST_P(DeadlineEngineTest, ScheduleAgainReplacesAPendingDeadlineUnderItsId) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string first, ScheduleAndPublish(*engine, Spec("x", At(10))));
  ASSERT_OK_AND_ASSIGN(std::string second, ScheduleAndPublish(*engine, Spec("x", At(5))));
  EXPECT_EQ(first, second);
  clock_.SetTime(At(5));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_EQ(Effects().size(), 1u);
}

TEST_P(DeadlineEngineTest, ScheduleAfterFiringArmsItAgainUnderANewId) {
  auto engine = NewEngine(&clock_);
  ASSERT_OK_AND_ASSIGN(std::string first, ScheduleAndPublish(*engine, Spec("x", At(10))));
  clock_.SetTime(At(10));
  ASSERT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  ASSERT_OK_AND_ASSIGN(std::string second, ScheduleAndPublish(*engine, Spec("x", At(20))));
  EXPECT_NE(first, second);
  clock_.SetTime(At(20));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  std::vector<Effect> effects = Effects();
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_EQ(effects[0].deadline_id, first);
  EXPECT_EQ(effects[1].deadline_id, second);
}

TEST_P(DeadlineEngineTest, RescheduleNamesWhatIsWrong) {
  auto engine = NewEngine(&clock_);
  auto reschedule = [&](absl::string_view subject, absl::Time due) {
    return db_->Write(
        [&](store::Transaction& tx) { return engine->Reschedule(tx, kKind, subject, due); });
  };
  EXPECT_THAT(reschedule("nope", At(1)), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(ScheduleAndPublish(*engine, Spec("x", At(10))));
  EXPECT_THAT(reschedule("x", absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deadline.due_at")));
  clock_.SetTime(At(10));
  ASSERT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(reschedule("x", At(20)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("fired")));
}

TEST_P(DeadlineEngineTest, ScheduleNamesTheInvalidField) {
  auto engine = NewEngine(&clock_);
  auto schedule = [&](const DeadlineSpec& spec) {
    return db_->Write([&](store::Transaction& tx) { return engine->Schedule(tx, spec).status(); });
  };
  DeadlineSpec no_kind = Spec("x", At(1));
  no_kind.kind.clear();
  EXPECT_THAT(schedule(no_kind),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deadline.kind")));
  EXPECT_THAT(schedule(Spec("", At(1))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deadline.subject")));
  EXPECT_THAT(schedule(Spec("x", absl::InfinitePast())),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deadline.due_at")));
  DeadlineSpec negative = Spec("x", At(1));
  negative.remind_before = absl::Seconds(-1);
  EXPECT_THAT(schedule(negative),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deadline.remind_before")));
}

TEST_P(DeadlineEngineTest, ReminderFiresOnceBeforeTheDueEvent) {
  auto engine = NewEngine(&clock_);
  DeadlineSpec spec = Spec("x", At(100));
  spec.remind_before = absl::Seconds(30);
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, spec));
  clock_.SetTime(At(69));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  clock_.SetTime(At(70));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  ASSERT_EQ(Effects().size(), 1u);
  EXPECT_TRUE(Effects()[0].is_reminder);
  EXPECT_EQ(StateOf(id), "pending");

  clock_.SetTime(At(100));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  clock_.SetTime(At(200));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  std::vector<Effect> effects = Effects();
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_FALSE(effects[1].is_reminder);
  EXPECT_EQ(effects[1].deadline_id, id);
}

TEST_P(DeadlineEngineTest, ReminderAndEventDueTogetherFireOnceEachReminderFirst) {
  auto engine = NewEngine(&clock_);
  DeadlineSpec spec = Spec("x", At(100));
  spec.remind_before = absl::Seconds(30);
  ASSERT_OK(ScheduleAndPublish(*engine, spec));
  clock_.SetTime(At(500));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(2));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  std::vector<Effect> effects = Effects();
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_TRUE(effects[0].is_reminder);
  EXPECT_FALSE(effects[1].is_reminder);
}

TEST_P(DeadlineEngineTest, ReminderSentIsNotSentAgainWhenPostponedWithinItsWindow) {
  auto engine = NewEngine(&clock_);
  DeadlineSpec spec = Spec("x", At(100));
  spec.remind_before = absl::Seconds(30);
  ASSERT_OK(ScheduleAndPublish(*engine, spec));
  clock_.SetTime(At(80));
  ASSERT_THAT(engine->RunOnce(), IsOkAndHolds(1));  // the reminder
  // Postponed by 5 s: the new reminder time (75) has passed, no second one.
  ASSERT_OK(db_->Write(
      [&](store::Transaction& tx) { return engine->Reschedule(tx, kKind, "x", At(105)); }));
  ASSERT_OK(engine->PublishPending());
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  // Postponed by far more: remind again before the new due time.
  ASSERT_OK(db_->Write(
      [&](store::Transaction& tx) { return engine->Reschedule(tx, kKind, "x", At(300)); }));
  ASSERT_OK(engine->PublishPending());
  clock_.SetTime(At(270));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  clock_.SetTime(At(300));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  std::vector<Effect> effects = Effects();
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_TRUE(effects[0].is_reminder);
  EXPECT_TRUE(effects[1].is_reminder);
  EXPECT_FALSE(effects[2].is_reminder);
}

TEST_P(DeadlineEngineTest, UnknownKindStaysPendingAndIsLookedAtAgainLater) {
  auto engine = NewEngine(&clock_);
  DeadlineSpec spec = Spec("x", At(10));
  spec.kind = "not_registered";
  ASSERT_OK_AND_ASSIGN(std::string id, ScheduleAndPublish(*engine, spec));
  clock_.SetTime(At(10));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));
  EXPECT_EQ(StateOf(id), "pending");
  EXPECT_EQ(Score(kDueKey, id), Micros(At(10) + Options().unknown_kind_retry));
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(0));  // no spinning on it

  engine->RegisterHandler("not_registered", [](store::Transaction& tx, const Deadline& d) {
    return RecordEffect(tx, d, "late");
  });
  clock_.SetTime(At(10) + Options().unknown_kind_retry);
  EXPECT_THAT(engine->RunOnce(), IsOkAndHolds(1));
  EXPECT_EQ(StateOf(id), "fired");
}

TEST_P(DeadlineEngineTest, MetricsArePresentAfterFiring) {
  prometheus::Registry registry;
  auto engine = NewEngine(&clock_, Options(), "main", &registry);
  DeadlineSpec spec = Spec("x", At(10));
  spec.remind_before = absl::Seconds(5);
  ASSERT_OK(ScheduleAndPublish(*engine, spec));
  ASSERT_OK(ScheduleAndPublish(*engine, Spec("y", At(1000))));
  ASSERT_OK(engine->Reconcile());  // also sets the pending gauge
  clock_.SetTime(At(100));         // 90 s late: overdue
  ASSERT_THAT(engine->RunOnce(), IsOkAndHolds(2));

  const std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_pending{kind=\"test_kind\"} 2"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_fired_total{kind=\"test_kind\"} 1"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_reminders_total{kind=\"test_kind\"} 1"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_overdue_total{kind=\"test_kind\"} 1"));
  EXPECT_THAT(text,
              HasSubstr("lawenforce_deadlines_firing_lag_seconds_count{kind=\"test_kind\"} 1"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_lease_expiries_total 0"));
  EXPECT_THAT(text, HasSubstr("lawenforce_deadlines_reconciler_readds_total 0"));
}

LAWENFORCE_DEADLINE_BACKENDS(DeadlineEngineTest);

}  // namespace
}  // namespace lawenforce::deadlines::testing
