// The state machine exhaustively: every (state, event) pair of the table
// moves as its row says when the guard holds and is refused when it does
// not; every pair without a row is refused naming state and event.

#include "services/case/domain/case_machine.h"

#include <set>
#include <utility>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

Decision Penalty() {
  Decision d;
  d.outcome = Outcome::kPenalty;
  d.sanction = {"general", {PenaltyKind::kFine}, 100000};
  return d;
}

// A case in `s` for which `g` holds (holds = true) or fails.
Case CaseWhere(CaseState s, Guard g, bool holds) {
  Case c;
  c.state = s;
  c.decision = Penalty();
  c.decision->publish = true;
  switch (g) {
    case Guard::kNone:
      break;
    case Guard::kReviewSatisfied:
      if (!holds) c.review_reasons = {"the item is major (APL art. 58)"};
      break;
    case Guard::kApprovedBeforeNotice:
      if (holds) c.review = LegalReview{};
      break;
    case Guard::kApprovedAfterNotice:
      c.review = LegalReview{};
      if (holds) c.notified_at = absl::UnixEpoch();
      break;
    case Guard::kNotYetApproved:
      if (!holds) c.review = LegalReview{};
      break;
    case Guard::kNoPenaltyOutcome:
      break;  // facts decide
    case Guard::kHearingNotRequested:
      c.hearing_requested = !holds;
      break;
    case Guard::kNotServed:
      if (!holds) c.served_at = absl::UnixEpoch();
      break;
    case Guard::kPublicationPending:
      if (!holds) c.published_at = absl::UnixEpoch();
      break;
    case Guard::kServedSanction:
      if (holds) c.served_at = absl::UnixEpoch();
      break;
    case Guard::kNothingToExecute:
      if (holds) {
        c.decision->outcome = Outcome::kNoPenaltyFirstViolation;
        c.decision->sanction = {};
        c.decision->publish = false;
      }
      break;
    case Guard::kPublishedIfRequired:
      if (holds) c.published_at = absl::UnixEpoch();
      break;
    case Guard::kChangedNotWithdrawn:
      c.decision_changed = holds;
      break;
    case Guard::kNoReceipt:
      c.transfer = Transfer{};
      if (!holds) c.transfer->receipt_at = absl::UnixEpoch();
      break;
    case Guard::kCoercionInactive:
      c.coercion_active = !holds;
      break;
    case Guard::kCoercionActive:
      c.coercion_active = holds;
      break;
  }
  return c;
}

GuardFacts FactsFor(Guard g, bool holds) {
  GuardFacts f;
  if (g == Guard::kNoPenaltyOutcome) {
    f.outcome = holds ? Outcome::kNoPenaltyFirstViolation : Outcome::kPenalty;
  }
  return f;
}

TEST(CaseMachineTest, EveryRowMovesWhenItsGuardHoldsAndIsRefusedWhenItDoesNot) {
  for (const TransitionRule& r : TransitionTable()) {
    SCOPED_TRACE(::testing::Message() << CaseStateName(r.from) << " --" << CaseEventName(r.event)
                                      << "--> " << CaseStateName(r.to));
    EXPECT_THAT(Transition(CaseWhere(r.from, r.guard, true), r.event, FactsFor(r.guard, true)),
                IsOkAndHolds(r.to));
    if (r.guard == Guard::kNone) continue;
    // Another row for the same pair may still apply (e.g. Decide from
    // LEGAL_REVIEW); only when this is the pair's only row must it fail.
    int rows = 0;
    for (const TransitionRule& other : TransitionTable()) {
      rows += (other.from == r.from && other.event == r.event) ? 1 : 0;
    }
    if (rows == 1) {
      EXPECT_THAT(Transition(CaseWhere(r.from, r.guard, false), r.event, FactsFor(r.guard, false)),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cannot")));
    }
  }
}

TEST(CaseMachineTest, EveryPairWithoutARowIsRefusedNamingStateAndEvent) {
  std::set<std::pair<int, int>> rows;
  for (const TransitionRule& r : TransitionTable()) {
    rows.insert({static_cast<int>(r.from), static_cast<int>(r.event)});
  }
  int refused = 0;
  for (int s = 1; s <= kCaseStateCount; ++s) {
    for (int e = 1; e <= kCaseEventCount; ++e) {
      if (rows.contains({s, e})) continue;
      Case c = CaseWhere(static_cast<CaseState>(s), Guard::kNone, true);
      absl::StatusOr<CaseState> moved = Transition(c, static_cast<CaseEvent>(e));
      EXPECT_THAT(moved, StatusIs(absl::StatusCode::kFailedPrecondition,
                                  HasSubstr(std::string("case is ") +
                                            CaseStateName(static_cast<CaseState>(s)) + ": cannot " +
                                            CaseEventName(static_cast<CaseEvent>(e)))));
      ++refused;
    }
  }
  EXPECT_GT(refused, 200);
}

TEST(CaseMachineTest, TerminalStatesOnlyTakeTheTransferReceipt) {
  for (CaseState s : {CaseState::kClosed, CaseState::kWithdrawn, CaseState::kTransferred}) {
    EXPECT_TRUE(IsTerminal(s));
    for (const TransitionRule& r : TransitionTable()) {
      if (r.from == s) {
        EXPECT_EQ(r.event, CaseEvent::kRecordReceipt) << CaseStateName(s);
        EXPECT_EQ(r.to, CaseState::kTransferred);
      }
    }
  }
}

TEST(CaseMachineTest, ATransferredCaseCanNeverBeDecidedOrClosed) {
  for (CaseState s :
       {CaseState::kTransferPending, CaseState::kTransferApproved, CaseState::kTransferred}) {
    Case c = CaseWhere(s, Guard::kNone, true);
    EXPECT_THAT(Transition(c, CaseEvent::kDecide), StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(Transition(c, CaseEvent::kClose), StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(Transition(c, CaseEvent::kExecute),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
}

TEST(CaseMachineTest, AMajorItemNeedsReviewBeforeNoticeAndAHearingAddsAReason) {
  Case c;
  c.state = CaseState::kInvestigating;
  c.review_reasons = {"the item is major (APL art. 58)"};
  EXPECT_THAT(Transition(c, CaseEvent::kNotify),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal review required")));
  c.review_reasons.clear();
  c.hearing_requested = true;
  EXPECT_THAT(ReviewReasons(c), ::testing::ElementsAre(HasSubstr("hearing")));
  c.proposal = Penalty();
  c.proposal->outside_benchmark = "fine 600000 fen above the level's maximum 500000";
  EXPECT_EQ(ReviewReasons(c).size(), 2u);
}

TEST(CaseMachineTest, APenaltyNeedsNoticeButANoPenaltyOutcomeDoesNot) {
  Case c;
  c.state = CaseState::kInvestigating;
  GuardFacts penalty;
  EXPECT_THAT(Transition(c, CaseEvent::kDecide, penalty),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("notified")));
  GuardFacts none;
  none.outcome = Outcome::kNotEstablished;
  EXPECT_THAT(Transition(c, CaseEvent::kDecide, none), IsOkAndHolds(CaseState::kDecided));
}

}  // namespace
}  // namespace lawenforce::cases
