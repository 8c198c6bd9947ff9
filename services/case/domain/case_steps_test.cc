// Acts on a case end to end in the domain: filing and the limitation
// period, a decision inside and outside the benchmark, legal review by a
// non-handling officer, first violation, transfer, the hearing window and
// a fired clock.

#include "services/case/domain/case_steps.h"

#include <optional>

#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kO1[] = "00000000-0000-4000-8000-000000000001";
constexpr char kO2[] = "00000000-0000-4000-8000-000000000002";
constexpr char kReviewer[] = "00000000-0000-4000-8000-000000000009";

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

class CaseStepsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<calendar::WorkingCalendar> c = calendar::WorkingCalendar::LoadFromFile(
        LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv", {.provisional_through_year = 2030});
    ASSERT_TRUE(c.ok()) << c.status();
    cal_.emplace(*std::move(c));
    item_.id = "00000000-0000-4000-8000-0000000000aa";
    item_.code = "SCJG-CF-001";
    item_.domain = "food_safety";
    ItemVersion v;
    v.number = 1;
    v.effective_from = Cst(2020, 1, 1);
    v.major = false;
    item_.versions = {v};
    BenchmarkVersion b;
    b.number = 1;
    b.effective_from = Cst(2020, 1, 1);
    b.levels = {
        {"minor", "轻微", {PenaltyKind::kWarning}, 0, 0, true},
        {"general", "一般", {PenaltyKind::kWarning, PenaltyKind::kFine}, 50000, 500000, false}};
    benches_ = {b};
    ctx_ = {&*cal_, &policy_, &item_.versions, &benches_};
  }

  Case Draft(absl::Time filed, absl::Time violation) {
    Case c;
    c.id = "00000000-0000-4000-8000-0000000000cc";
    c.agency_id = "00000000-0000-4000-8000-0000000000ag";
    c.agency_id = "00000000-0000-4000-8000-0000000000ab";
    c.division_code = "640104";
    c.item_id = item_.id;
    c.parties = {Party{PartyKind::kEnterprise, "某食品公司", "91640100MA76A1B2CR", {}}};
    c.facts = "销售过期食品";
    c.violation_time = violation;
    c.officer_ids = {kO1, kO2};
    c.filed_at = filed;
    c.filed_by = "officer-1";
    return c;
  }

  // Files at `now` and keeps the case and clocks.
  void File(absl::Time now, absl::Time violation = Cst(2025, 5, 1)) {
    absl::StatusOr<StepResult> r = FileNew(Draft(now, violation), item_, ctx_);
    ASSERT_TRUE(r.ok()) << r.status();
    case_ = r->after;
    clocks_ = r->changed_clocks;
  }

  // Files on 2025-09-01 09:00, starts investigating at 10:00 and notifies
  // the party (who waives a hearing) on 09-02 10:00.
  void FileAndNotifyWaivingHearing() {
    File(Cst(2025, 9, 1, 9));
    ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
    Act notify = At(CaseEvent::kNotify, Cst(2025, 9, 2, 10));
    notify.hearing_waived = true;
    ASSERT_OK(Do(notify).status());
  }

  absl::StatusOr<StepResult> Do(Act act) {
    if (act.officer_ids.empty()) act.officer_ids = {kO1, kO2};
    if (act.actor.empty()) act.actor = "officer-1";
    absl::StatusOr<StepResult> r = Step(case_, clocks_, act, ctx_);
    if (r.ok()) {
      case_ = r->after;
      for (const StatutoryClock& changed : r->changed_clocks) {
        bool replaced = false;
        for (StatutoryClock& c : clocks_) {
          if (c.kind == changed.kind) {
            c = changed;
            replaced = true;
          }
        }
        if (!replaced) clocks_.push_back(changed);
      }
    }
    return r;
  }
  static Act At(CaseEvent e, absl::Time now) {
    Act a;
    a.event = e;
    a.now = now;
    return a;
  }
  static Decision Fine(int64_t fen, std::string reason = "") {
    Decision d;
    d.outcome = Outcome::kPenalty;
    d.sanction = {"general", {PenaltyKind::kFine}, fen};
    d.reason = std::move(reason);
    return d;
  }
  const StatutoryClock* ClockOf(ClockKind k) const {
    for (const StatutoryClock& c : clocks_) {
      if (c.kind == k) return &c;
    }
    return nullptr;
  }

  std::optional<calendar::WorkingCalendar> cal_;
  ClockPolicy policy_ = ClockPolicy::Default();
  EnforcementItem item_;
  std::vector<BenchmarkVersion> benches_;
  StepContext ctx_;
  Case case_;
  std::vector<StatutoryClock> clocks_;
};

TEST_F(CaseStepsTest, FilingChecksTheLimitationPeriodTwoYearsOrFive) {
  absl::StatusOr<StepResult> late =
      FileNew(Draft(Cst(2025, 6, 2, 9), Cst(2023, 6, 1, 18)), item_, ctx_);
  EXPECT_THAT(late.status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                      HasSubstr("limitation period (2 years, APL art. 36)")));
  Case safety = Draft(Cst(2025, 6, 2, 9), Cst(2023, 6, 1, 18));
  safety.endangers_safety = true;
  ASSERT_OK_AND_ASSIGN(StepResult r, FileNew(safety, item_, ctx_));
  EXPECT_EQ(r.after.state, CaseState::kFiled);
  ASSERT_EQ(r.changed_clocks.size(), 2u);
  EXPECT_EQ(r.changed_clocks[0].kind, ClockKind::kLimitation);
  EXPECT_EQ(r.changed_clocks[0].state, ClockState::kMet);
  EXPECT_TRUE(r.changed_clocks[0].on_time);
  EXPECT_EQ(r.changed_clocks[1].kind, ClockKind::kDecision);
  EXPECT_EQ(r.changed_clocks[1].due, Cst(2025, 9, 1));
  EXPECT_EQ(r.entry.action, "file");
  EXPECT_EQ(r.event_type, "case.file");
}

TEST_F(CaseStepsTest, ANewCaseNeedsTwoDistinctOfficersAndAPastViolation) {
  Case one = Draft(Cst(2025, 6, 2), Cst(2025, 5, 1));
  one.officer_ids = {kO1};
  ExpectInvalidField(FileNew(one, item_, ctx_).status(), "case.officer_ids", "two");
  Case twice = Draft(Cst(2025, 6, 2), Cst(2025, 5, 1));
  twice.officer_ids = {kO1, kO1};
  ExpectInvalidField(FileNew(twice, item_, ctx_).status(), "case.officer_ids[1]", "duplicate");
  ExpectInvalidField(FileNew(Draft(Cst(2025, 6, 2), Cst(2025, 7, 1)), item_, ctx_).status(),
                     "case.violation_time", "future");
  EXPECT_THAT(FileNew(Draft(Cst(2025, 6, 2), Cst(2019, 7, 1)), item_, ctx_).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no version in force")));
}

TEST_F(CaseStepsTest, AFineWithinTheBenchmarkGoesFromFilingToClose) {
  File(Cst(2025, 9, 1, 9));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Act evidence = At(CaseEvent::kRecordEvidence, Cst(2025, 9, 2, 10));
  evidence.evidence = {{std::string(64, 'a'), "photo", "现场照片"}};
  ASSERT_OK_AND_ASSIGN(StepResult ev, Do(evidence));
  EXPECT_EQ(ev.entry.evidence.size(), 1u);
  Act notify = At(CaseEvent::kNotify, Cst(2025, 9, 3, 10));
  ASSERT_OK(Do(notify).status());
  EXPECT_EQ(ClockOf(ClockKind::kHearingRequest)->due, Cst(2025, 9, 11));
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 8, 10));
  decide.decision = Fine(300000);
  EXPECT_THAT(Do(decide).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("may ask for a hearing")));
  decide.now = Cst(2025, 9, 11, 10);
  ASSERT_OK_AND_ASSIGN(StepResult decided, Do(decide));
  EXPECT_EQ(case_.state, CaseState::kDecided);
  EXPECT_EQ(case_.decision->benchmark_version, 1);
  EXPECT_EQ(case_.decision->outside_benchmark, "");
  EXPECT_THAT(decided.entry.summary, HasSubstr("FINE 300000 fen"));
  EXPECT_EQ(ClockOf(ClockKind::kDecision)->state, ClockState::kMet);
  EXPECT_TRUE(ClockOf(ClockKind::kDecision)->on_time);
  // Publicity: 7 working days from Thu 09-11 -> due at the start of 09-23.
  EXPECT_EQ(ClockOf(ClockKind::kPublicity)->due, Cst(2025, 9, 23));
  EXPECT_THAT(Do(At(CaseEvent::kExecute, Cst(2025, 9, 12))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("served first")));
  ASSERT_OK(Do(At(CaseEvent::kServe, Cst(2025, 9, 12, 10))).status());
  EXPECT_EQ(ClockOf(ClockKind::kPayment)->due, Cst(2025, 9, 28));
  EXPECT_THAT(Do(At(CaseEvent::kClose, Cst(2025, 9, 12, 11))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("executed first")));
  ASSERT_OK(Do(At(CaseEvent::kPublish, Cst(2025, 9, 24, 10))).status());
  EXPECT_FALSE(ClockOf(ClockKind::kPublicity)->on_time) << "published after the 7 working days";
  ASSERT_OK(Do(At(CaseEvent::kExecute, Cst(2025, 9, 25, 10))).status());
  EXPECT_TRUE(ClockOf(ClockKind::kPayment)->on_time);
  ASSERT_OK(Do(At(CaseEvent::kClose, Cst(2025, 9, 26, 10))).status());
  EXPECT_EQ(case_.state, CaseState::kClosed);
  for (const StatutoryClock& c : clocks_)
    EXPECT_NE(c.state, ClockState::kRunning) << RuleOf(c.kind).code;
}

TEST_F(CaseStepsTest, OutsideTheBenchmarkNeedsAWrittenReasonAndALegalReview) {
  ASSERT_NO_FATAL_FAILURE(FileAndNotifyWaivingHearing());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 3, 10));
  decide.decision = Fine(800000);
  ExpectInvalidField(Do(decide).status(), "decision.reason", "above the level's maximum");
  decide.decision = Fine(800000, "违法所得巨大，情节特别严重");
  EXPECT_THAT(Do(decide).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("needs legal review")));
  Act submit = At(CaseEvent::kSubmitForReview, Cst(2025, 9, 3, 11));
  submit.decision = Fine(800000, "违法所得巨大，情节特别严重");
  ASSERT_OK(Do(submit).status());
  EXPECT_EQ(case_.state, CaseState::kLegalReview);
  Act by_handler = At(CaseEvent::kApproveReview, Cst(2025, 9, 4, 10));
  by_handler.reviewer_officer_id = kO2;
  by_handler.reason = "同意";
  EXPECT_THAT(Do(by_handler).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("handling officer of the case cannot review")));
  Act approve = by_handler;
  approve.reviewer_officer_id = kReviewer;
  approve.actor = "reviewer-1";
  approve.officer_ids = {};
  ASSERT_OK(Do(approve).status());
  Act heavier = At(CaseEvent::kDecide, Cst(2025, 9, 5, 10));
  heavier.decision = Fine(900000, "更重");
  EXPECT_THAT(Do(heavier).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("heavier")));
  decide.now = Cst(2025, 9, 5, 10);
  ASSERT_OK(Do(decide).status());
  EXPECT_EQ(case_.state, CaseState::kDecided);
  EXPECT_THAT(case_.decision->outside_benchmark, HasSubstr("above the level's maximum 500000"));
  // A change stays within what the review approved, inside the benchmark too.
  Act change = At(CaseEvent::kChangeDecision, Cst(2025, 9, 6, 10));
  change.reason = "更正";
  change.decision = Fine(850000, "更重");
  EXPECT_THAT(Do(change).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal review")));
  change.decision = Fine(400000);
  ASSERT_OK(Do(change).status());
  EXPECT_EQ(case_.decision->sanction.fine_fen, 400000);
}

// A changed decision follows the decision's rules: outside the benchmark
// only within what the legal review approved. A changed published decision
// is withdrawn within 3 working days (APL art. 48), on time or late.
TEST_F(CaseStepsTest, AChangedDecisionKeepsTheBenchmarkRulesAndItsPublicationIsWithdrawnInTime) {
  ASSERT_NO_FATAL_FAILURE(FileAndNotifyWaivingHearing());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 3, 10));
  decide.decision = Fine(300000);
  decide.decision->publish = true;
  decide.served_on_the_spot = true;
  ASSERT_OK(Do(decide).status());
  ASSERT_OK(Do(At(CaseEvent::kPublish, Cst(2025, 9, 4, 10))).status());
  EXPECT_TRUE(ClockOf(ClockKind::kPublicity)->on_time);

  // No legal review approved anything: outside the benchmark is refused.
  Act outside = At(CaseEvent::kChangeDecision, Cst(2025, 9, 5, 10));
  outside.reason = "复议决定变更";
  outside.decision = Fine(800000, "违法所得巨大，情节特别严重");
  EXPECT_THAT(Do(outside).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("changed decision outside the benchmark needs a legal review")));
  EXPECT_EQ(case_.decision->sanction.fine_fen, 300000);

  // Within it, the change stands and the publication must be withdrawn:
  // Fri 09-05 + 3 working days -> due at the start of Thu 09-11.
  Act within = outside;
  within.decision = Fine(200000);
  ASSERT_OK(Do(within).status());
  EXPECT_EQ(case_.decision->sanction.fine_fen, 200000);
  ASSERT_NE(ClockOf(ClockKind::kPublicityWithdrawal), nullptr);
  EXPECT_EQ(ClockOf(ClockKind::kPublicityWithdrawal)->due, Cst(2025, 9, 11));
  ASSERT_OK(Do(At(CaseEvent::kWithdrawPublication, Cst(2025, 9, 11, 10))).status());
  EXPECT_EQ(ClockOf(ClockKind::kPublicityWithdrawal)->state, ClockState::kMet);
  EXPECT_FALSE(ClockOf(ClockKind::kPublicityWithdrawal)->on_time)
      << "withdrawn after 3 working days";

  // Changed again and withdrawn the next day: on time.
  Act again = within;
  again.now = Cst(2025, 9, 12, 10);
  again.decision = Fine(100000);
  ASSERT_OK(Do(again).status());
  ASSERT_OK(Do(At(CaseEvent::kWithdrawPublication, Cst(2025, 9, 15, 10))).status());
  EXPECT_TRUE(ClockOf(ClockKind::kPublicityWithdrawal)->on_time);
}

// Executed before it was published: it is still published (late or in
// time), and the case closes only once it is.
TEST_F(CaseStepsTest, ADecisionExecutedBeforeItsPublicationIsPublishedBeforeTheCaseCloses) {
  ASSERT_NO_FATAL_FAILURE(FileAndNotifyWaivingHearing());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 3, 10));
  decide.decision = Fine(300000);
  decide.served_on_the_spot = true;
  ASSERT_OK(Do(decide).status());
  ASSERT_OK(Do(At(CaseEvent::kExecute, Cst(2025, 9, 4, 10))).status());
  EXPECT_EQ(case_.state, CaseState::kExecuted);
  EXPECT_THAT(Do(At(CaseEvent::kClose, Cst(2025, 9, 5, 10))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("published first")));
  ASSERT_OK(Do(At(CaseEvent::kPublish, Cst(2025, 9, 5, 10))).status());
  EXPECT_EQ(case_.state, CaseState::kExecuted);
  EXPECT_TRUE(ClockOf(ClockKind::kPublicity)->on_time);
  Act close = At(CaseEvent::kClose, Cst(2025, 9, 5, 11));
  close.reason = std::string("结案") + '\x01';  // an optional reason is text too
  ExpectInvalidField(Do(close).status(), "reason", "control characters");
  close.reason = "执行完毕";
  ASSERT_OK(Do(close).status());
  EXPECT_EQ(case_.state, CaseState::kClosed);
}

TEST_F(CaseStepsTest, AMajorItemIsReviewedBeforeNoticeAndAHearingCallsForReviewAgain) {
  item_.versions[0].major = true;
  File(Cst(2025, 9, 1, 9));
  EXPECT_THAT(case_.review_reasons, ::testing::ElementsAre(HasSubstr("major")));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  EXPECT_THAT(Do(At(CaseEvent::kNotify, Cst(2025, 9, 2, 10))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal review required")));
  Act submit = At(CaseEvent::kSubmitForReview, Cst(2025, 9, 2, 11));
  submit.decision = Fine(300000);
  ASSERT_OK(Do(submit).status());
  Act approve = At(CaseEvent::kApproveReview, Cst(2025, 9, 3, 10));
  approve.reviewer_officer_id = kReviewer;
  approve.actor = "reviewer-1";
  approve.reason = "同意";
  ASSERT_OK(Do(approve).status());
  ASSERT_OK(Do(At(CaseEvent::kNotify, Cst(2025, 9, 3, 11))).status());
  Act hearing = At(CaseEvent::kRequestHearing, Cst(2025, 9, 4, 10));
  hearing.hearing_at = Cst(2025, 9, 22, 9);
  ASSERT_OK(Do(hearing).status());
  EXPECT_TRUE(ClockOf(ClockKind::kHearingNotice)->on_time);
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 23, 10));
  decide.decision = Fine(300000);
  EXPECT_THAT(Do(decide).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal review required")));
}

// A major item's decision is reviewed whatever its outcome; one that
// imposes nothing needs no notice of the party.
TEST_F(CaseStepsTest, AMajorItemsNoPenaltyDecisionIsReviewedButNeedsNoNotice) {
  item_.versions[0].major = true;
  File(Cst(2025, 9, 1, 9));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Decision none;
  none.outcome = Outcome::kNotEstablished;
  none.reason = "违法事实不能成立";
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 2, 10));
  decide.decision = none;
  EXPECT_THAT(Do(decide).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal review required")));
  Act submit = At(CaseEvent::kSubmitForReview, Cst(2025, 9, 2, 11));
  submit.decision = none;
  ASSERT_OK(Do(submit).status());
  Act approve = At(CaseEvent::kApproveReview, Cst(2025, 9, 3, 10));
  approve.reviewer_officer_id = kReviewer;
  approve.actor = "reviewer-1";
  approve.reason = "同意";
  ASSERT_OK(Do(approve).status());
  decide.now = Cst(2025, 9, 3, 11);
  ASSERT_OK(Do(decide).status());
  EXPECT_EQ(case_.state, CaseState::kDecided);
  EXPECT_FALSE(case_.notified_at.has_value());
}

TEST_F(CaseStepsTest, AReviewedDecisionIsNeverChangedToAHeavierOneThanApproved) {
  item_.versions[0].major = true;
  File(Cst(2025, 9, 1, 9));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Act submit = At(CaseEvent::kSubmitForReview, Cst(2025, 9, 2, 11));
  submit.decision = Fine(300000);
  ASSERT_OK(Do(submit).status());
  Act approve = At(CaseEvent::kApproveReview, Cst(2025, 9, 3, 10));
  approve.reviewer_officer_id = kReviewer;
  approve.actor = "reviewer-1";
  approve.reason = "同意";
  ASSERT_OK(Do(approve).status());
  Act notify = At(CaseEvent::kNotify, Cst(2025, 9, 3, 11));
  notify.hearing_waived = true;
  ASSERT_OK(Do(notify).status());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 4, 10));
  decide.decision = Fine(300000);
  ASSERT_OK(Do(decide).status());
  Act change = At(CaseEvent::kChangeDecision, Cst(2025, 9, 5, 10));
  change.reason = "更正";
  change.decision = Fine(400000);  // within the benchmark, heavier than approved
  EXPECT_THAT(Do(change).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("heavier than the proposal the legal review approved")));
  change.decision = Fine(200000);
  ASSERT_OK(Do(change).status());
}

// An on-the-spot seizure is reported within 24 hours (ACL art. 19) even
// when it was released before the report; a measure never reported, or
// reported twice, is refused.
TEST_F(CaseStepsTest, AnOnTheSpotSeizureIsReportedEvenAfterItsRelease) {
  File(Cst(2025, 9, 1, 9));
  EXPECT_THAT(Do(At(CaseEvent::kReportCoercion, Cst(2025, 9, 1, 9))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("awaits its report")));
  Act seize = At(CaseEvent::kApplyCoercion, Cst(2025, 9, 1, 10));
  seize.reason = "当场查封过期食品";
  seize.emergency = true;
  ASSERT_OK(Do(seize).status());
  ASSERT_OK(Do(At(CaseEvent::kReleaseCoercion, Cst(2025, 9, 1, 15))).status());
  EXPECT_FALSE(case_.coercion_active);
  ASSERT_OK(Do(At(CaseEvent::kReportCoercion, Cst(2025, 9, 2, 8))).status());
  EXPECT_EQ(ClockOf(ClockKind::kEmergencyCoercionReport)->state, ClockState::kMet);
  EXPECT_TRUE(ClockOf(ClockKind::kEmergencyCoercionReport)->on_time);
  EXPECT_THAT(Do(At(CaseEvent::kReportCoercion, Cst(2025, 9, 2, 9))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("awaits its report")));
}

TEST_F(CaseStepsTest, AFirstViolationGoesUnpunishedAndIsRecordedAsSuch) {
  File(Cst(2025, 9, 1, 9));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 2, 10));
  decide.decision = Decision{};
  decide.decision->outcome = Outcome::kNoPenaltyFirstViolation;
  decide.decision->sanction.circumstance = "minor";
  EXPECT_THAT(Do(decide).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("first violation")));
  case_.first_violation = true;
  ASSERT_OK_AND_ASSIGN(StepResult r, Do(decide));
  EXPECT_EQ(case_.decision->outcome, Outcome::kNoPenaltyFirstViolation);
  EXPECT_FALSE(case_.decision->publish);
  EXPECT_THAT(r.entry.summary, HasSubstr("first violation"));
  ASSERT_OK(Do(At(CaseEvent::kClose, Cst(2025, 9, 3, 10))).status());
}

TEST_F(CaseStepsTest, ATransferredCaseRunsDecree310ClocksAndNeverTakesAFine) {
  File(Cst(2025, 9, 1, 9));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Act report = At(CaseEvent::kReportCrime, Cst(2025, 9, 2, 10));
  report.reason = "涉嫌生产销售不符合安全标准的食品罪";
  report.recipient = TransferRecipient::kPolice;
  report.recipient_name = "银川市公安局兴庆区分局";
  ASSERT_OK(Do(report).status());
  EXPECT_EQ(ClockOf(ClockKind::kTransferDecision)->due, Cst(2025, 9, 6));
  Act approve = At(CaseEvent::kApproveTransfer, Cst(2025, 9, 3, 10));
  approve.actor = "head";
  ASSERT_OK(Do(approve).status());
  EXPECT_EQ(ClockOf(ClockKind::kTransferHandover)->due, Cst(2025, 9, 4, 10));
  ASSERT_OK(Do(At(CaseEvent::kHandOver, Cst(2025, 9, 4, 9))).status());
  EXPECT_EQ(case_.state, CaseState::kTransferred);
  EXPECT_TRUE(ClockOf(ClockKind::kTransferHandover)->on_time);
  EXPECT_EQ(ClockOf(ClockKind::kDecision)->state, ClockState::kStopped);
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 5, 10));
  decide.decision = Fine(100000);
  EXPECT_THAT(Do(decide).status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                            HasSubstr("case is TRANSFERRED: cannot decide")));
  EXPECT_THAT(Do(At(CaseEvent::kClose, Cst(2025, 9, 5))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cannot close")));
  Act receipt = At(CaseEvent::kRecordReceipt, Cst(2025, 9, 5, 10));
  receipt.receipt_number = "兴公(刑)受字〔2025〕118号";
  ASSERT_OK(Do(receipt).status());
  EXPECT_EQ(case_.transfer->receipt_number, "兴公(刑)受字〔2025〕118号");
}

TEST_F(CaseStepsTest, ALighterLaterBenchmarkIsAppliedAndRecorded) {
  BenchmarkVersion lighter = benches_[0];
  lighter.number = 2;
  lighter.effective_from = Cst(2025, 8, 1);
  lighter.levels[1].max_fine_fen = 200000;
  benches_.push_back(lighter);
  File(Cst(2025, 9, 1, 9), Cst(2025, 7, 1));
  ASSERT_OK(Do(At(CaseEvent::kStartInvestigation, Cst(2025, 9, 1, 10))).status());
  Act notify = At(CaseEvent::kNotify, Cst(2025, 9, 2, 10));
  notify.hearing_waived = true;
  ASSERT_OK(Do(notify).status());
  Act decide = At(CaseEvent::kDecide, Cst(2025, 9, 3, 10));
  decide.decision = Fine(300000);
  ExpectInvalidField(Do(decide).status(), "decision.reason", "maximum 200000");
  decide.decision = Fine(150000);
  ASSERT_OK(Do(decide).status());
  EXPECT_EQ(case_.decision->benchmark_version, 2);
  EXPECT_TRUE(case_.decision->later_rule_lighter);
}

TEST_F(CaseStepsTest, AFiredDeadlineFlagsTheCaseOverdue) {
  File(Cst(2025, 9, 1, 9));
  EXPECT_FALSE(
      FireClock(case_, clocks_, ClockKind::kDecision, Cst(2025, 11, 29), ctx_).has_value());
  std::optional<StepResult> fired =
      FireClock(case_, clocks_, ClockKind::kDecision, Cst(2025, 12, 1), ctx_);
  ASSERT_TRUE(fired.has_value());
  EXPECT_TRUE(fired->after.overdue);
  EXPECT_EQ(fired->entry.action, "clock_overdue");
  EXPECT_EQ(fired->changed_clocks[0].state, ClockState::kOverdue);
}

TEST_F(CaseStepsTest, PausesAndExtensionsAreActsWithReasons) {
  File(Cst(2025, 3, 3, 10), Cst(2025, 3, 1));
  Act pause = At(CaseEvent::kPauseClock, Cst(2025, 4, 10, 9));
  pause.clock = ClockKind::kDecision;
  pause.pause_reason = PauseReason::kTestingAppraisal;
  ExpectInvalidField(Do(pause).status(), "reason");
  pause.reason = "样品送检";
  ASSERT_OK(Do(pause).status());
  EXPECT_FALSE(ClockOf(ClockKind::kDecision)->due.has_value());
  Act resume = At(CaseEvent::kResumeClock, Cst(2025, 4, 24, 17));
  resume.clock = ClockKind::kDecision;
  ASSERT_OK(Do(resume).status());
  EXPECT_EQ(ClockOf(ClockKind::kDecision)->due, Cst(2025, 6, 16));
  Act extend = At(CaseEvent::kExtendClock, Cst(2025, 6, 1));
  extend.clock = ClockKind::kDecision;
  extend.extension = 30;
  extend.reason = "案情复杂，经负责人批准延长";
  ASSERT_OK(Do(extend).status());
  EXPECT_EQ(ClockOf(ClockKind::kDecision)->due, Cst(2025, 7, 16));
  extend.clock = ClockKind::kLimitation;
  EXPECT_THAT(Do(extend).status(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace lawenforce::cases
