// Every clock of the DOMAIN.md table through ComputeClock, on the shipped
// calendar (holidays and adjusted weekends of the State Council notices),
// with pauses, extensions and provisional years; and the clock operations.

#include "services/case/domain/clocks.h"

#include <optional>

#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/case/domain/clock_ops.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), ChinaTimeZone());
}

class ClocksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<calendar::WorkingCalendar> c = calendar::WorkingCalendar::LoadFromFile(
        LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv", {.provisional_through_year = 2030});
    ASSERT_TRUE(c.ok()) << c.status();
    cal_.emplace(*std::move(c));
  }
  absl::StatusOr<std::optional<absl::Time>> Due(ClockKind kind, absl::Time start,
                                                std::vector<ClockEvent> events = {}) {
    const ClockRule rule = RuleOf(kind);
    absl::StatusOr<ClockComputation> c = ComputeClock(*cal_, rule, rule.period, start, events);
    if (!c.ok()) return c.status();
    return c->due;
  }
  static ClockEvent Pause(absl::Time t) {
    ClockEvent e;
    e.kind = ClockEventKind::kPause;
    e.time = t;
    e.pause_reason = PauseReason::kHearing;
    e.reason = "hearing";
    return e;
  }
  static ClockEvent Resume(absl::Time t) {
    ClockEvent e;
    e.kind = ClockEventKind::kResume;
    e.time = t;
    return e;
  }
  static ClockEvent Extend(absl::Time t, int n) {
    ClockEvent e;
    e.kind = ClockEventKind::kExtend;
    e.time = t;
    e.extension = n;
    e.reason = "approved";
    return e;
  }
  std::optional<calendar::WorkingCalendar> cal_;
};

TEST_F(ClocksTest, DecisionIsNinetyCalendarDaysHolidaysIncluded) {
  // Filed Wed 2025-09-24: day 90 is Tue 2025-12-23, National Day counted.
  EXPECT_THAT(Due(ClockKind::kDecision, Cst(2025, 9, 24, 15)), IsOkAndHolds(Cst(2025, 12, 24)));
}

TEST_F(ClocksTest, PublicityIsSevenWorkingDaysAcrossNationalDayAndItsAdjustedSaturday) {
  // Decided Tue 2025-09-30: 10-01..08 are holidays, Sat 10-11 a workday:
  // 09, 10, 11, 13, 14, 15, 16 -> due the start of 10-17.
  EXPECT_THAT(Due(ClockKind::kPublicity, Cst(2025, 9, 30, 15, 30)),
              IsOkAndHolds(Cst(2025, 10, 17)));
  EXPECT_THAT(Due(ClockKind::kServiceAbsent, Cst(2025, 9, 30, 15, 30)),
              IsOkAndHolds(Cst(2025, 10, 17)));
}

TEST_F(ClocksTest, HearingRequestIsFiveWorkingDaysAcrossSpringFestival2026) {
  // Notice Fri 2026-02-13: 02-14 (Sat) is a workday, 02-15..23 holidays,
  // 02-24, 25, 26, 27 -> the fifth is Fri 02-27.
  EXPECT_THAT(Due(ClockKind::kHearingRequest, Cst(2026, 2, 13, 10)),
              IsOkAndHolds(Cst(2026, 2, 28)));
}

TEST_F(ClocksTest, HearingNoticeCountsSevenWorkingDaysBackFromTheHearing) {
  // Hearing Mon 2025-10-13 09:00: the 7th working day before is Fri 09-26
  // (Sun 09-28 and Sat 10-11 are workdays): serve the notice by its end.
  EXPECT_THAT(Due(ClockKind::kHearingNotice, Cst(2025, 10, 13, 9)), IsOkAndHolds(Cst(2025, 9, 27)));
}

TEST_F(ClocksTest, WithdrawalOfAChangedPublicationIsThreeWorkingDays) {
  // Changed Thu 2024-05-09: Fri 10, Sat 11 (the adjusted workday of Labour
  // Day 2024), Mon 13 -> due at the start of Tue 05-14.
  EXPECT_THAT(Due(ClockKind::kPublicityWithdrawal, Cst(2024, 5, 9, 11)),
              IsOkAndHolds(Cst(2024, 5, 14)));
}

TEST_F(ClocksTest, PaymentSeizureAndTransferDecisionAreCalendarDays) {
  EXPECT_THAT(Due(ClockKind::kPayment, Cst(2025, 1, 27, 16)), IsOkAndHolds(Cst(2025, 2, 12)));
  EXPECT_THAT(Due(ClockKind::kSeizure, Cst(2025, 1, 27, 16)), IsOkAndHolds(Cst(2025, 2, 27)));
  EXPECT_THAT(Due(ClockKind::kTransferDecision, Cst(2025, 9, 30, 20)),
              IsOkAndHolds(Cst(2025, 10, 4)));
}

TEST_F(ClocksTest, EmergencyReportAndHandOverAreHoursOfElapsedTime) {
  EXPECT_THAT(Due(ClockKind::kEmergencyCoercionReport, Cst(2025, 10, 1, 22, 15)),
              IsOkAndHolds(Cst(2025, 10, 2, 22, 15)));
  EXPECT_THAT(Due(ClockKind::kTransferHandover, Cst(2026, 2, 16, 9)),
              IsOkAndHolds(Cst(2026, 2, 17, 9)));
}

TEST_F(ClocksTest, LimitationIsTwoYearsToTheCorrespondingDay) {
  EXPECT_THAT(Due(ClockKind::kLimitation, Cst(2023, 6, 1, 18)), IsOkAndHolds(Cst(2025, 6, 2)));
  const ClockRule rule = RuleOf(ClockKind::kLimitation);
  ASSERT_OK_AND_ASSIGN(
      ClockComputation five,
      ComputeClock(*cal_, rule, {5, calendar::PeriodUnit::kYears}, Cst(2024, 2, 29), {}));
  EXPECT_EQ(five.due, Cst(2029, 3, 1));
}

TEST_F(ClocksTest, APauseFreezesWhatIsLeftAndCountsItAgainFromTheResume) {
  // Decision clock filed 2025-03-03 (last day 06-01); a hearing pauses it
  // 04-10 .. 04-24: 52 days left after 04-10, counted from 04-24.
  const absl::Time filed = Cst(2025, 3, 3, 10);
  EXPECT_THAT(Due(ClockKind::kDecision, filed), IsOkAndHolds(Cst(2025, 6, 2)));
  EXPECT_THAT(Due(ClockKind::kDecision, filed, {Pause(Cst(2025, 4, 10, 9))}),
              IsOkAndHolds(std::nullopt));
  EXPECT_THAT(
      Due(ClockKind::kDecision, filed, {Pause(Cst(2025, 4, 10, 9)), Resume(Cst(2025, 4, 24, 17))}),
      IsOkAndHolds(Cst(2025, 6, 16)));
  // A pause within one day changes nothing for a day clock.
  EXPECT_THAT(
      Due(ClockKind::kDecision, filed, {Pause(Cst(2025, 4, 10, 9)), Resume(Cst(2025, 4, 10, 17))}),
      IsOkAndHolds(Cst(2025, 6, 2)));
}

TEST_F(ClocksTest, AWorkingDayPauseCountsTheRestInWorkingDaysAfterTheResume) {
  // Publicity from Mon 2025-09-22 (last day Tue 09-30, Sun 09-28 being a
  // workday), paused Wed 09-24 with 5 working days left (25, 26, 28, 29,
  // 30), resumed Thu 10-09: 10, 11 (workday), 13, 14, 15.
  const ClockRule rule = RuleOf(ClockKind::kPublicity);
  ASSERT_OK_AND_ASSIGN(ClockComputation c,
                       ComputeClock(*cal_, rule, rule.period, Cst(2025, 9, 22, 10),
                                    {Pause(Cst(2025, 9, 24, 9)), Resume(Cst(2025, 10, 9, 9))}));
  EXPECT_EQ(c.due, Cst(2025, 10, 16));
  ASSERT_EQ(c.steps.size(), 3u);
  EXPECT_THAT(c.steps[1].what, HasSubstr("paused: hearing"));
  EXPECT_THAT(c.steps[1].detail, HasSubstr("5 working days left"));
}

TEST_F(ClocksTest, ExtensionsAddToTheLastDayOrToWhatIsLeftWhilePaused) {
  const absl::Time filed = Cst(2025, 3, 3, 10);
  EXPECT_THAT(Due(ClockKind::kDecision, filed, {Extend(Cst(2025, 5, 20), 30)}),
              IsOkAndHolds(Cst(2025, 7, 2)));
  EXPECT_THAT(
      Due(ClockKind::kDecision, filed,
          {Pause(Cst(2025, 4, 10, 9)), Extend(Cst(2025, 4, 11), 30), Resume(Cst(2025, 4, 24, 17))}),
      IsOkAndHolds(Cst(2025, 7, 16)));
  EXPECT_THAT(
      Due(ClockKind::kEmergencyCoercionReport, Cst(2025, 1, 1, 8), {Extend(Cst(2025, 1, 1, 9), 2)}),
      IsOkAndHolds(Cst(2025, 1, 2, 10)));
}

TEST_F(ClocksTest, OutOfOrderEventsAreRefused) {
  EXPECT_THAT(Due(ClockKind::kDecision, Cst(2025, 3, 3), {Resume(Cst(2025, 3, 4))}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      Due(ClockKind::kDecision, Cst(2025, 3, 3), {Pause(Cst(2025, 3, 4)), Pause(Cst(2025, 3, 5))})
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ClocksTest, AClockIntoAProvisionalYearSaysWhichDaysWereProvisional) {
  // Decided Thu 2026-12-24: 12-25, 28, 29, 30, 31, then 2027-01-04, 05
  // (2027-01-01 元旦 derived, not yet announced).
  const ClockRule rule = RuleOf(ClockKind::kPublicity);
  ASSERT_OK_AND_ASSIGN(ClockComputation c,
                       ComputeClock(*cal_, rule, rule.period, Cst(2026, 12, 24, 10), {}));
  EXPECT_EQ(c.due, Cst(2027, 1, 6));
  EXPECT_TRUE(c.provisional);
  EXPECT_EQ(c.provisional_days.front(), absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(c.provisional_days.back(), absl::CivilDay(2027, 1, 5));
  EXPECT_THAT(c.provisional_holidays, ElementsAre("2027-01-01 元旦"));
  // A calendar-day clock never consults the calendar.
  ASSERT_OK_AND_ASSIGN(ClockComputation d,
                       ComputeClock(*cal_, RuleOf(ClockKind::kDecision),
                                    RuleOf(ClockKind::kDecision).period, Cst(2026, 12, 24), {}));
  EXPECT_FALSE(d.provisional);
}

TEST_F(ClocksTest, PoliciesOverrideDefaultsAndRefuseNonsense) {
  ASSERT_OK_AND_ASSIGN(ClockPolicy p,
                       ParseClockPolicy("publicity=5wd, decision=60d,limitation_safety=4y"));
  EXPECT_EQ(RuleOf(ClockKind::kPublicity, p).period.count, 5);
  EXPECT_EQ(RuleOf(ClockKind::kDecision, p).period.count, 60);
  EXPECT_EQ(p.limitation_safety.count, 4);
  EXPECT_EQ(RuleOf(ClockKind::kPayment, p).period.count, 15);
  EXPECT_THAT(ParseClockPolicy("publicity=5").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseClockPolicy("nonsense=5d").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown clock")));
  EXPECT_THAT(ParseClockPolicy("decision=0d").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ClocksTest, OperationsMeetFireStopAndRecalendar) {
  const ClockPolicy policy = ClockPolicy::Default();
  CaseClocks clocks({}, *cal_, policy);
  ASSERT_OK(clocks.Start("c", "640104", ClockKind::kPublicity, Cst(2025, 9, 30, 15), "decided"));
  ASSERT_OK(
      clocks.Start("c", "640104", ClockKind::kHearingRequest, Cst(2025, 9, 30, 15), "notice"));
  EXPECT_FALSE(clocks.Fire(ClockKind::kPublicity, Cst(2025, 10, 16, 23)));
  EXPECT_TRUE(clocks.Fire(ClockKind::kPublicity, Cst(2025, 10, 17)));
  EXPECT_EQ(clocks.Find(ClockKind::kPublicity)->state, ClockState::kOverdue);
  EXPECT_TRUE(clocks.AnyOverdue(Cst(2025, 10, 17)));
  EXPECT_TRUE(clocks.Fire(ClockKind::kHearingRequest, Cst(2025, 10, 30)));
  EXPECT_EQ(clocks.Find(ClockKind::kHearingRequest)->state, ClockState::kLapsed)
      << "the party's window lapses";
  clocks.Meet(ClockKind::kPublicity, Cst(2025, 10, 20));
  EXPECT_EQ(clocks.Find(ClockKind::kPublicity)->state, ClockState::kMet);
  EXPECT_FALSE(clocks.Find(ClockKind::kPublicity)->on_time) << "published late";
  EXPECT_FALSE(clocks.AnyOverdue(Cst(2025, 10, 20)));
  EXPECT_THAT(
      clocks.Pause(ClockKind::kPublicity, Cst(2025, 10, 21), PauseReason::kHearing, "x", "y"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("publicity")));
  ASSERT_OK(clocks.Start("c", "640104", ClockKind::kSeizure, Cst(2025, 1, 27), "coercion"));
  ASSERT_OK(clocks.Extend(ClockKind::kSeizure, Cst(2025, 2, 20), 30, "approved", "head"));
  EXPECT_THAT(clocks.Extend(ClockKind::kSeizure, Cst(2025, 3, 20), 10, "again", "head"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already extended")));
  EXPECT_EQ(*clocks.Find(ClockKind::kSeizure)->due, Cst(2025, 3, 29));
  clocks.StopAll(Cst(2025, 3, 1));
  EXPECT_EQ(clocks.Find(ClockKind::kSeizure)->state, ClockState::kStopped);
  EXPECT_EQ(clocks.Changed().size(), 3u);
}

// Met while paused: on time when the time used before the pause was within
// the period, late when the pause began after the due moment.
TEST_F(ClocksTest, AClockMetWhilePausedIsOnTimeIffThePauseBeganInTime) {
  const ClockPolicy policy = ClockPolicy::Default();
  CaseClocks in_time({}, *cal_, policy);
  ASSERT_OK(in_time.Start("c", "640104", ClockKind::kDecision, Cst(2025, 1, 1), "filed"));
  ASSERT_OK(
      in_time.Pause(ClockKind::kDecision, Cst(2025, 3, 1), PauseReason::kHearing, "听证", "head"));
  // Long after the 90 days (due 2025-04-01), but paused from day 59.
  in_time.Meet(ClockKind::kDecision, Cst(2025, 6, 1));
  EXPECT_EQ(in_time.Find(ClockKind::kDecision)->state, ClockState::kMet);
  EXPECT_TRUE(in_time.Find(ClockKind::kDecision)->on_time);

  CaseClocks late({}, *cal_, policy);
  ASSERT_OK(late.Start("c", "640104", ClockKind::kDecision, Cst(2025, 1, 1), "filed"));
  ASSERT_OK(
      late.Pause(ClockKind::kDecision, Cst(2025, 4, 10), PauseReason::kHearing, "听证", "head"));
  late.Meet(ClockKind::kDecision, Cst(2025, 4, 11));
  EXPECT_FALSE(late.Find(ClockKind::kDecision)->on_time) << "paused after the due moment";
}

TEST_F(ClocksTest, OfficialRowsReDeriveAProvisionalDueAndRecordTheChange) {
  const ClockPolicy policy = ClockPolicy::Default();
  CaseClocks provisional({}, *cal_, policy);
  ASSERT_OK(
      provisional.Start("c", "640104", ClockKind::kPublicity, Cst(2026, 12, 24, 10), "decided"));
  StatutoryClock before = *provisional.Find(ClockKind::kPublicity);
  EXPECT_TRUE(before.provisional);
  EXPECT_EQ(before.due, Cst(2027, 1, 6));
  // The 2027 notice arrives: say it also gives Mon 01-04 off.
  std::string tsv =
      "date\tkind\tholiday\n2026-01-01\tholiday\t元旦\n2027-01-01\tholiday\t元旦\n"
      "2027-01-04\tholiday\t元旦\n";
  ASSERT_OK_AND_ASSIGN(calendar::WorkingCalendar official,
                       calendar::WorkingCalendar::LoadFromString(tsv));
  CaseClocks after({before}, official, policy);
  ASSERT_OK(after.Recalendar(Cst(2026, 12, 28), "the 2027 holiday notice was added"));
  const StatutoryClock* now = after.Find(ClockKind::kPublicity);
  EXPECT_FALSE(now->provisional);
  EXPECT_EQ(now->due, Cst(2027, 1, 7));
  ASSERT_EQ(now->events.size(), 1u);
  EXPECT_EQ(now->events[0].kind, ClockEventKind::kRecalendar);
  EXPECT_EQ(now->events[0].old_due, Cst(2027, 1, 6));
  EXPECT_EQ(now->events[0].new_due, Cst(2027, 1, 7));
}

}  // namespace
}  // namespace lawenforce::cases
