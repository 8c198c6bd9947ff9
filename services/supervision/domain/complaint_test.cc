#include "services/supervision/domain/complaint.h"

#include <optional>
#include <string>
#include <vector>

#include "common/calendar/working_calendar.h"
#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/supervision/domain/complaint_machine.h"
#include "services/supervision/domain/limits.h"
#include "services/supervision/domain/statistics.h"

namespace lawenforce::supervision {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kAgency[] = "11111111-1111-4111-8111-111111111111";
constexpr char kOtherAgency[] = "22222222-2222-4222-8222-222222222222";
constexpr char kOfficer[] = "33333333-3333-4333-8333-333333333333";

absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), ChinaTimeZone());
}

class ComplaintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<calendar::WorkingCalendar> c = calendar::WorkingCalendar::LoadFromFile(
        LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv", {.provisional_through_year = 2030});
    ASSERT_TRUE(c.ok()) << c.status();
    cal_.emplace(*std::move(c));
    absl::StatusOr<Divisions> d = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(d.ok()) << d.status();
    divisions_.emplace(*std::move(d));
    absl::StatusOr<std::vector<LimitRule>> rules = ParseLimits("");
    ASSERT_TRUE(rules.ok()) << rules.status();
    defaults_ = *rules;
  }

  ActContext At(absl::Time now, std::string actor = "tester") const {
    return ActContext{&*cal_, &*divisions_, now, std::move(actor)};
  }
  ClockLimits LimitsFor(Channel ch, Category cat) const {
    return {GoverningLimit(defaults_, overrides_, ch, cat, ClockKind::kAcknowledge),
            GoverningLimit(defaults_, overrides_, ch, cat, ClockKind::kResolve)};
  }
  static Complaint Draft() {
    Complaint d;
    d.id = "44444444-4444-4444-8444-444444444444";
    d.channel = Channel::kHotline12345;
    d.ticket_id = "NX12345-2025-000001";
    d.category = Category::kInaction;
    d.content = "无人处理占道经营";
    d.complainant = {ComplainantKind::kPerson, "张三", "13800005678", "", ""};
    d.agency_id = kAgency;
    d.division_code = "640104001";  // a township (street) agency
    return d;
  }
  // Received at 2025-09-30 10:00 CST, the day before the National Day holiday.
  Complaint Received() const {
    absl::StatusOr<Complaint> c = Receive(
        Draft(), LimitsFor(Channel::kHotline12345, Category::kInaction), At(Cst(2025, 9, 30, 10)));
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }

  std::optional<calendar::WorkingCalendar> cal_;
  std::optional<Divisions> divisions_;
  std::vector<LimitRule> defaults_;
  std::vector<LimitRule> overrides_;
};

TEST_F(ComplaintTest, ReceivedComplaintRunsBothClocksOnWorkingDaysAcrossTheHoliday) {
  Complaint c = Received();
  EXPECT_EQ(c.state, ComplaintState::kReceived);
  EXPECT_EQ(c.queue_division_code, "640104001");
  ASSERT_EQ(c.clocks.size(), 2u);
  // 1 working day after 30 September: 1-8 October are holidays, so the
  // 9th is the last day and the clock runs to its end.
  EXPECT_EQ(c.FindClock(ClockKind::kAcknowledge)->due, Cst(2025, 10, 10));
  // 5 working days: 9, 10, 11 (an adjusted working Saturday), 13, 14 October.
  EXPECT_EQ(c.FindClock(ClockKind::kResolve)->due, Cst(2025, 10, 15));
  EXPECT_EQ(c.FindClock(ClockKind::kResolve)->limit_source, "hotline_12345 default");
  EXPECT_EQ(c.FindClock(ClockKind::kAcknowledge)->limit_source, "default");
  ASSERT_EQ(c.history.size(), 1u);
  EXPECT_EQ(c.history[0].type, "submitted");
}

TEST_F(ComplaintTest, AnUnansweredComplaintEscalatesTierByTierAndStopsAtTheRegion) {
  Complaint c = Received();
  struct Step {
    absl::Time due;
    std::string to;
    Tier from_tier;
  };
  // Each tier gets 1 working day from the moment the tier below let it lapse:
  // 10 Oct (Fri) -> 11 Oct (the adjusted working Saturday); 12 Oct (Sun) ->
  // 13 Oct (Mon); 14 Oct -> 15 Oct.
  const std::vector<Step> chain = {{Cst(2025, 10, 10), "640104", Tier::kTownship},
                                   {Cst(2025, 10, 12), "640100", Tier::kCounty},
                                   {Cst(2025, 10, 14), "640000", Tier::kCity}};
  for (const Step& step : chain) {
    ASSERT_OK_AND_ASSIGN(std::optional<Complaint> next,
                         FireClock(c, ClockKind::kAcknowledge, step.due, At(step.due, "system")));
    ASSERT_TRUE(next.has_value());
    c = *next;
    EXPECT_EQ(c.queue_division_code, step.to);
    EXPECT_EQ(c.escalations.back().from_tier, step.from_tier);
    EXPECT_EQ(c.escalations.back().to_division, step.to);
    EXPECT_EQ(c.FindClock(ClockKind::kAcknowledge)->division_code, step.to);
  }
  const Clock* ack = c.FindClock(ClockKind::kAcknowledge);
  EXPECT_EQ(ack->due, Cst(2025, 10, 16));
  EXPECT_EQ(ack->lapses, 3);
  EXPECT_TRUE(c.Late());
  // Runs out at the region: no tier above.
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> last,
      FireClock(c, ClockKind::kAcknowledge, Cst(2025, 10, 16), At(Cst(2025, 10, 16), "system")));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->FindClock(ClockKind::kAcknowledge)->state, ClockState::kLapsedAtRegion);
  EXPECT_EQ(last->queue_division_code, "640000");
  EXPECT_EQ(last->escalations.size(), 4u);
  EXPECT_EQ(last->escalations.back().from_tier, Tier::kRegion);
  EXPECT_TRUE(last->escalations.back().to_division.empty());
  EXPECT_EQ(last->history.back().type, "lapsed_at_region");
  // Nothing further fires.
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> none,
      FireClock(*last, ClockKind::kAcknowledge, Cst(2025, 10, 16), At(Cst(2025, 10, 17))));
  EXPECT_FALSE(none.has_value());
}

TEST_F(ComplaintTest, AStaleFiringChangesNothing) {
  Complaint c = Received();
  // A due moment the clock no longer has.
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> moved,
      FireClock(c, ClockKind::kAcknowledge, Cst(2025, 10, 9), At(Cst(2025, 10, 9))));
  EXPECT_FALSE(moved.has_value());
  // A clock met meanwhile.
  ASSERT_OK_AND_ASSIGN(Complaint acked, Acknowledge(c, At(Cst(2025, 10, 9, 9))));
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> met,
      FireClock(acked, ClockKind::kAcknowledge, Cst(2025, 10, 10), At(Cst(2025, 10, 10))));
  EXPECT_FALSE(met.has_value());
}

TEST_F(ComplaintTest, HandlingRatingAndOneReopen) {
  ASSERT_OK_AND_ASSIGN(Complaint c, Assign(Received(), kOfficer, At(Cst(2025, 9, 30, 11))));
  EXPECT_EQ(c.assignee_id, kOfficer);
  ASSERT_OK_AND_ASSIGN(c, Acknowledge(c, At(Cst(2025, 10, 9, 9))));
  EXPECT_EQ(c.state, ComplaintState::kInHandling);
  EXPECT_TRUE(c.FindClock(ClockKind::kAcknowledge)->on_time);
  EXPECT_THAT(Acknowledge(c, At(Cst(2025, 10, 9, 10))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("in handling")));
  EXPECT_THAT(RecordFeedback(c, 3, "", At(Cst(2025, 10, 9, 10))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(c, Resolve(c, "已责令整改", At(Cst(2025, 10, 14, 17))));
  EXPECT_EQ(c.state, ComplaintState::kResolved);
  EXPECT_TRUE(c.FindClock(ClockKind::kResolve)->on_time);
  EXPECT_TRUE(c.history.back().on_time);
  EXPECT_THAT(RecordFeedback(c, 6, "", At(Cst(2025, 10, 15))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("satisfaction")));
  ASSERT_OK_AND_ASSIGN(Complaint happy, RecordFeedback(c, 4, "", At(Cst(2025, 10, 15))));
  EXPECT_THAT(Reopen(happy, "again", defaults_[1], At(Cst(2025, 10, 16))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("rated 4")));
  ASSERT_OK_AND_ASSIGN(c, RecordFeedback(c, 1, "没有解决", At(Cst(2025, 10, 15))));
  EXPECT_EQ(c.state, ComplaintState::kClosed);
  const LimitRule& resolve =
      GoverningLimit(defaults_, overrides_, c.channel, c.category, ClockKind::kResolve);
  ASSERT_OK_AND_ASSIGN(c, Reopen(c, "仍未解决", resolve, At(Cst(2025, 10, 16, 9))));
  EXPECT_EQ(c.state, ComplaintState::kInHandling);
  EXPECT_TRUE(c.reopened);
  const Clock* clock = c.FindClock(ClockKind::kResolve);
  EXPECT_EQ(clock->state, ClockState::kRunning);
  EXPECT_EQ(clock->start, Cst(2025, 10, 16, 9));
  // 5 working days after Thursday 16 October: 17, 20, 21, 22, 23.
  EXPECT_EQ(clock->due, Cst(2025, 10, 24));
  ASSERT_OK_AND_ASSIGN(c, Resolve(c, "已处理", At(Cst(2025, 10, 20))));
  ASSERT_OK_AND_ASSIGN(c, RecordFeedback(c, 2, "", At(Cst(2025, 10, 21))));
  EXPECT_THAT(Reopen(c, "again", resolve, At(Cst(2025, 10, 22))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("once already")));
}

TEST_F(ComplaintTest, NotOursNamesTheResponsibleAgencyAndStartsItsClocksAgain) {
  Complaint c = Received();
  const ClockLimits limits = LimitsFor(c.channel, c.category);
  EXPECT_THAT(Decline(c, kAgency, "640104001", "x", limits, At(Cst(2025, 10, 9))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("responsible_agency_id")));
  ASSERT_OK_AND_ASSIGN(Complaint d, Decline(c, kOtherAgency, "640105", "属市场监管职责", limits,
                                            At(Cst(2025, 10, 9, 9))));
  EXPECT_EQ(d.state, ComplaintState::kReceived);
  EXPECT_EQ(d.agency_id, kOtherAgency);
  EXPECT_EQ(d.division_code, "640105");
  EXPECT_EQ(d.queue_division_code, "640105");
  ASSERT_EQ(d.routings.size(), 1u);
  EXPECT_EQ(d.routings[0].from_agency, kAgency);
  const Clock* ack = d.FindClock(ClockKind::kAcknowledge);
  EXPECT_EQ(ack->start, Cst(2025, 10, 9, 9));
  EXPECT_EQ(ack->due, Cst(2025, 10, 11));  // 1 working day: Friday 10 October
  EXPECT_EQ(ack->division_code, "640105");
  EXPECT_EQ(d.history.back().type, "declined");
  // The old due moment is stale now.
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> stale,
      FireClock(d, ClockKind::kAcknowledge, Cst(2025, 10, 10), At(Cst(2025, 10, 10))));
  EXPECT_FALSE(stale.has_value());
}

TEST_F(ComplaintTest, AChangedLimitReschedulesTheRunningClockFromItsStart) {
  Complaint c = Received();
  LimitRule rule;
  rule.channel = Channel::kHotline12345;
  rule.clock = ClockKind::kResolve;
  rule.period = {3, calendar::PeriodUnit::kWorkingDays};
  rule.version = 1;
  rule.set_by = "region-supervisor";
  rule.reason = "12345 提速";
  ASSERT_OK_AND_ASSIGN(std::optional<Complaint> changed,
                       ApplyLimit(c, ClockKind::kResolve, rule, At(Cst(2025, 10, 9, 8))));
  ASSERT_TRUE(changed.has_value());
  const Clock* clock = changed->FindClock(ClockKind::kResolve);
  EXPECT_EQ(clock->start, Cst(2025, 9, 30, 10));
  EXPECT_EQ(clock->due, Cst(2025, 10, 12));  // 9, 10, 11 October
  EXPECT_EQ(clock->limit_source, "hotline_12345 v1");
  EXPECT_EQ(clock->steps.back().what, "limit changed");
  EXPECT_THAT(clock->steps.back().detail, HasSubstr("5 working days -> 3 working days"));
  EXPECT_EQ(changed->history.back().type, "limit_changed");
  // The same rule again changes nothing; a met clock is not moved.
  ASSERT_OK_AND_ASSIGN(std::optional<Complaint> again,
                       ApplyLimit(*changed, ClockKind::kResolve, rule, At(Cst(2025, 10, 9, 9))));
  EXPECT_FALSE(again.has_value());
  ASSERT_OK_AND_ASSIGN(Complaint resolved, Resolve(c, "done", At(Cst(2025, 10, 9, 9))));
  ASSERT_OK_AND_ASSIGN(std::optional<Complaint> met,
                       ApplyLimit(resolved, ClockKind::kResolve, rule, At(Cst(2025, 10, 9, 10))));
  EXPECT_FALSE(met.has_value());
}

TEST_F(ComplaintTest, TheMostSpecificLimitGoverns) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<LimitRule> defaults,
      ParseLimits("resolve=20wd, hotline_12345/integrity.resolve=2wd, web.acknowledge=48h"));
  const auto period = [&](Channel ch, Category cat, ClockKind k) {
    return GoverningLimit(defaults, overrides_, ch, cat, k).period;
  };
  EXPECT_EQ(period(Channel::kHotline12345, Category::kIntegrity, ClockKind::kResolve).count, 2);
  EXPECT_EQ(period(Channel::kHotline12345, Category::kInaction, ClockKind::kResolve).count, 5);
  EXPECT_EQ(period(Channel::kWeb, Category::kInaction, ClockKind::kResolve).count, 20);
  EXPECT_EQ(period(Channel::kWeb, Category::kInaction, ClockKind::kAcknowledge).unit,
            calendar::PeriodUnit::kHours);
  EXPECT_EQ(period(Channel::kLetter, Category::kOther, ClockKind::kResolve).unit,
            calendar::PeriodUnit::kCalendarDays);
  LimitRule o;
  o.channel = Channel::kHotline12345;
  o.clock = ClockKind::kResolve;
  o.period = {4, calendar::PeriodUnit::kWorkingDays};
  o.version = 1;
  overrides_.push_back(o);
  o.period.count = 7;
  o.version = 2;
  overrides_.push_back(o);
  // The latest override of the channel beats the channel's default, but not
  // a category's own default.
  EXPECT_EQ(period(Channel::kHotline12345, Category::kInaction, ClockKind::kResolve).count, 7);
  EXPECT_EQ(period(Channel::kHotline12345, Category::kIntegrity, ClockKind::kResolve).count, 2);
  EXPECT_EQ(LimitSource(GoverningLimit(defaults, overrides_, Channel::kHotline12345,
                                       Category::kInaction, ClockKind::kResolve)),
            "hotline_12345 v2");
  for (const char* bad : {"resolve", "resolve=5", "resolve=0d", "resolve=400d", "phone.resolve=5d",
                          "web/none.resolve=5d", "answer=5d", "resolve=2y", "resolve=xwd"}) {
    EXPECT_THAT(ParseLimits(bad).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(bad)))
        << bad;
  }
}

TEST_F(ComplaintTest, DraftsAreCheckedFieldByField) {
  const auto field_of = [](Complaint d) { return ValidateDraft(d); };
  EXPECT_OK(field_of(Draft()));
  Complaint d = Draft();
  d.ticket_id = "";
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.ticket_id")));
  d = Draft();
  d.ticket_id = "bad ticket";
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.ticket_id")));
  d = Draft();
  d.channel = static_cast<Channel>(9);
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.channel")));
  d = Draft();
  d.category = Category::kAny;
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.category")));
  d = Draft();
  d.content = "  ";
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.content")));
  d = Draft();
  d.complainant.phone = "138-0000-abcd";
  EXPECT_THAT(field_of(d), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("complaint.complainant.phone")));
  d = Draft();
  d.complainant.kind = ComplainantKind::kAnonymous;
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.complainant")));
  d.complainant.name = d.complainant.phone = "";
  EXPECT_OK(field_of(d));
  d = Draft();
  d.complainant.kind = ComplainantKind::kPrivateEnterprise;
  EXPECT_THAT(field_of(d), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("complaint.complainant.organization_name")));
  d.complainant.organization_name = "宁夏某某商贸有限公司";
  d.complainant.credit_code = "91640100MA76XXXX0I";
  EXPECT_THAT(field_of(d), StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("complaint.complainant.credit_code")));
  d.complainant.credit_code = "91640100MA76XXXX0A";
  EXPECT_OK(field_of(d));
  d = Draft();
  d.agency_id = "";
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.agency_id")));
  d.case_id = "not-a-uuid";
  EXPECT_THAT(field_of(d),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("complaint.case_id")));
}

TEST_F(ComplaintTest, ContactsAreMasked) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName("李"), "*");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskPhone("13800005678"), "138****5678");
  EXPECT_EQ(MaskPhone("0951-6012345"), "095****2345");
  EXPECT_EQ(MaskPhone("12345"), "***45");
}

TEST_F(ComplaintTest, FiguresStandAsOfTheirMomentAndDoNotMoveAfterwards) {
  // One complaint answered within the period and rated after it; one
  // escalated once; one received after the period.
  Complaint a = Received();
  ASSERT_OK_AND_ASSIGN(a, Acknowledge(a, At(Cst(2025, 10, 9, 9))));
  ASSERT_OK_AND_ASSIGN(a, Resolve(a, "done", At(Cst(2025, 10, 13, 12))));
  ASSERT_OK_AND_ASSIGN(a, RecordFeedback(a, 5, "", At(Cst(2025, 11, 2))));
  Complaint b = Received();
  b.id = "55555555-5555-4555-8555-555555555555";
  b.complainant.kind = ComplainantKind::kPrivateEnterprise;
  ASSERT_OK_AND_ASSIGN(
      std::optional<Complaint> esc,
      FireClock(b, ClockKind::kAcknowledge, Cst(2025, 10, 10), At(Cst(2025, 10, 10), "system")));
  b = *esc;
  Complaint late = Draft();
  ASSERT_OK_AND_ASSIGN(late,
                       Receive(late, LimitsFor(late.channel, late.category), At(Cst(2025, 11, 3))));
  const std::vector<Complaint> all = {a, b, late};
  const absl::Time from = Cst(2025, 9, 1);
  const absl::Time to = Cst(2025, 11, 1);
  const ComplaintFigures at_end = ComputeFigures(all, *divisions_, "640100", from, to, to);
  EXPECT_EQ(at_end.received, 2);
  EXPECT_EQ(at_end.from_private_enterprises, 1);
  EXPECT_EQ(at_end.resolved, 1);
  EXPECT_EQ(at_end.resolved_on_time, 1);
  EXPECT_EQ(at_end.rated, 0);  // rated in November, after the period
  EXPECT_EQ(at_end.by_state.at(ComplaintState::kResolved), 1);
  EXPECT_EQ(at_end.by_state.at(ComplaintState::kReceived), 1);
  EXPECT_EQ(at_end.escalations_by_tier.at(Tier::kTownship), 1);
  // 30 Sep 10:00 -> 13 Oct 12:00: 13 days and 2 hours.
  EXPECT_DOUBLE_EQ(at_end.median_handling_days, 13.0 + 2.0 / 24.0);
  // Later, the same period: identical (the rating and the later complaint
  // are outside it).
  const ComplaintFigures later =
      ComputeFigures(all, *divisions_, "640100", from, to, Cst(2026, 1, 1));
  EXPECT_EQ(later.received, 2);
  EXPECT_EQ(later.rated, 1);  // as of 2026 the rating exists
  const ComplaintFigures closed_again = ComputeFigures(all, *divisions_, "640100", from, to, to);
  EXPECT_EQ(closed_again.rated, at_end.rated);
  EXPECT_EQ(closed_again.resolved, at_end.resolved);
  // Outside the subtree: nothing.
  EXPECT_EQ(ComputeFigures(all, *divisions_, "640200", from, to, to).received, 0);
}

}  // namespace
}  // namespace lawenforce::supervision

namespace lawenforce::supervision {
namespace {

TEST_F(ComplaintTest, AnExplanationNamesTheHolidaysAndTheWorkingWeekend) {
  Complaint c = Received();
  ASSERT_OK_AND_ASSIGN(ClockExplanation e, Explain(*c.FindClock(ClockKind::kResolve), *cal_));
  EXPECT_EQ(e.last_day, absl::CivilDay(2025, 10, 14));
  EXPECT_EQ(e.working_days, 5);
  ASSERT_EQ(e.holidays.size(), 9u);  // 1-8 October, then the working Saturday
  EXPECT_EQ(e.holidays[0], "2025-10-01 国庆节、中秋节 (holiday)");
  EXPECT_EQ(e.holidays.back(), "2025-10-11 adjusted working day");
}

}  // namespace
}  // namespace lawenforce::supervision

namespace lawenforce::supervision {
namespace {

TEST_F(ComplaintTest, AnActDoneAfterTheClockRanOutAtTheRegionEndsTheLateness) {
  Complaint c = Received();
  for (absl::Time due :
       {Cst(2025, 10, 10), Cst(2025, 10, 12), Cst(2025, 10, 14), Cst(2025, 10, 16)}) {
    ASSERT_OK_AND_ASSIGN(std::optional<Complaint> next,
                         FireClock(c, ClockKind::kAcknowledge, due, At(due, "system")));
    ASSERT_TRUE(next.has_value());
    c = *next;
  }
  EXPECT_EQ(c.FindClock(ClockKind::kAcknowledge)->state, ClockState::kLapsedAtRegion);
  EXPECT_TRUE(c.Late());
  ASSERT_OK_AND_ASSIGN(c, Acknowledge(c, At(Cst(2025, 10, 17))));
  EXPECT_EQ(c.FindClock(ClockKind::kAcknowledge)->state, ClockState::kMet);
  EXPECT_FALSE(c.FindClock(ClockKind::kAcknowledge)->on_time);
  // The resolve clock (due 15 October) has not run out in this test.
  EXPECT_FALSE(c.Late());
  // The escalations keep when they ran out and when they were recorded.
  EXPECT_EQ(c.escalations[0].at, Cst(2025, 10, 10));
  EXPECT_EQ(c.escalations[0].recorded_at, Cst(2025, 10, 10));
}

TEST_F(ComplaintTest, TheLastDayOfAnHourLimitIsTheDayItEnds) {
  EXPECT_EQ(LastDay(Cst(2025, 10, 10)), absl::CivilDay(2025, 10, 9));
  EXPECT_EQ(LastDay(Cst(2025, 10, 10, 14)), absl::CivilDay(2025, 10, 10));
}

}  // namespace
}  // namespace lawenforce::supervision
