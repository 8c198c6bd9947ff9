#include "services/personnel/domain/certificate_machine.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::Eq;

constexpr CertificateState kAllStates[] = {CertificateState::kActive, CertificateState::kSuspended,
                                           CertificateState::kRevoked, CertificateState::kCancelled,
                                           CertificateState::kExpired};
constexpr CertificateEventKind kAllEvents[] = {
    CertificateEventKind::kSuspend, CertificateEventKind::kReinstate, CertificateEventKind::kRevoke,
    CertificateEventKind::kCancel, CertificateEventKind::kExpire};

// A moment given as China Standard Time wall-clock.
absl::Time China(int y, int mo, int d, int h = 12, int mi = 0, int s = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), ChinaTimeZone());
}

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

Certificate ValidThrough2025(CertificateState state = CertificateState::kActive) {
  Certificate certificate;
  certificate.id = "cert-1";
  certificate.number = "ZF-001";
  certificate.valid_from = absl::CivilDay(2021, 1, 1);
  certificate.valid_until = absl::CivilDay(2025, 12, 31);
  certificate.state = state;
  return certificate;
}

CertificateEvent Event(int64_t sequence, std::optional<CertificateState> from, CertificateState to,
                       absl::Time time, std::string reason = "") {
  CertificateEvent event;
  event.sequence = sequence;
  event.from_state = from;
  event.to_state = to;
  event.time = time;
  event.reason = std::move(reason);
  event.actor = "tester";
  return event;
}

std::optional<CertificateState> LookUpTable(CertificateState from, CertificateEventKind event) {
  for (const TransitionRule& rule : TransitionTable()) {
    if (rule.from == from && rule.event == event) {
      return rule.to;
    }
  }
  return std::nullopt;
}

TEST(CertificateMachineTest, TableHoldsExactlyTheDocumentedTransitions) {
  using S = CertificateState;
  using E = CertificateEventKind;
  struct Expected {
    S from;
    E event;
    S to;
  };
  const std::vector<Expected> expected = {
      {S::kActive, E::kSuspend, S::kSuspended}, {S::kSuspended, E::kReinstate, S::kActive},
      {S::kActive, E::kRevoke, S::kRevoked},    {S::kSuspended, E::kRevoke, S::kRevoked},
      {S::kActive, E::kCancel, S::kCancelled},  {S::kSuspended, E::kCancel, S::kCancelled},
      {S::kActive, E::kExpire, S::kExpired},    {S::kSuspended, E::kExpire, S::kExpired},
  };
  ASSERT_EQ(TransitionTable().size(), expected.size());
  for (const Expected& e : expected) {
    EXPECT_THAT(LookUpTable(e.from, e.event), Eq(e.to))
        << CertificateStateName(e.from) << " --" << CertificateEventName(e.event) << "-->";
  }
}

TEST(CertificateMachineTest, TableHasNoDuplicateFromEventPair) {
  const std::vector<TransitionRule>& table = TransitionTable();
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = i + 1; j < table.size(); ++j) {
      EXPECT_FALSE(table[i].from == table[j].from && table[i].event == table[j].event)
          << "rows " << i << " and " << j;
    }
  }
}

TEST(CertificateMachineTest, EveryLegalTransitionLeadsWhereTheTableSays) {
  for (const TransitionRule& rule : TransitionTable()) {
    EXPECT_THAT(Transition(rule.from, rule.event), IsOkAndHolds(Eq(rule.to)))
        << CertificateStateName(rule.from) << " --" << CertificateEventName(rule.event) << "-->";
  }
}

TEST(CertificateMachineTest, EveryPairOutsideTheTableIsRefusedAsFailedPrecondition) {
  int refused = 0;
  for (CertificateState from : kAllStates) {
    for (CertificateEventKind event : kAllEvents) {
      std::optional<CertificateState> to = LookUpTable(from, event);
      if (to.has_value()) {
        EXPECT_THAT(Transition(from, event), IsOkAndHolds(Eq(*to)));
        continue;
      }
      ++refused;
      const std::string message = std::string("certificate is ") +
                                  std::string(CertificateStateName(from)) + ": cannot " +
                                  std::string(CertificateEventName(event));
      EXPECT_THAT(Transition(from, event),
                  StatusIs(absl::StatusCode::kFailedPrecondition, Eq(message)));
    }
  }
  EXPECT_EQ(refused, 5 * 5 - 8);
}

TEST(CertificateMachineTest, SuspendedCertificateCannotBeSuspendedAgain) {
  EXPECT_THAT(Transition(CertificateState::kSuspended, CertificateEventKind::kSuspend),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       Eq("certificate is SUSPENDED: cannot suspend")));
}

TEST(CertificateMachineTest, ActiveCertificateCannotBeReinstated) {
  EXPECT_THAT(Transition(CertificateState::kActive, CertificateEventKind::kReinstate),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       Eq("certificate is ACTIVE: cannot reinstate")));
}

TEST(CertificateMachineTest, FinalStatesHaveNoOutgoingTransitions) {
  for (CertificateState from : kAllStates) {
    bool has_outgoing = false;
    for (const TransitionRule& rule : TransitionTable()) {
      has_outgoing = has_outgoing || rule.from == from;
    }
    EXPECT_EQ(IsFinal(from), !has_outgoing) << CertificateStateName(from);
  }
  EXPECT_TRUE(IsFinal(CertificateState::kRevoked));
  EXPECT_TRUE(IsFinal(CertificateState::kCancelled));
  EXPECT_TRUE(IsFinal(CertificateState::kExpired));
  EXPECT_FALSE(IsFinal(CertificateState::kActive));
  EXPECT_FALSE(IsFinal(CertificateState::kSuspended));
}

TEST(CertificateMachineTest, NamesAreTheWireSpellings) {
  EXPECT_EQ(CertificateStateName(CertificateState::kActive), "ACTIVE");
  EXPECT_EQ(CertificateStateName(CertificateState::kSuspended), "SUSPENDED");
  EXPECT_EQ(CertificateStateName(CertificateState::kRevoked), "REVOKED");
  EXPECT_EQ(CertificateStateName(CertificateState::kCancelled), "CANCELLED");
  EXPECT_EQ(CertificateStateName(CertificateState::kExpired), "EXPIRED");
  EXPECT_EQ(CertificateEventName(CertificateEventKind::kSuspend), "suspend");
  EXPECT_EQ(CertificateEventName(CertificateEventKind::kReinstate), "reinstate");
  EXPECT_EQ(CertificateEventName(CertificateEventKind::kRevoke), "revoke");
  EXPECT_EQ(CertificateEventName(CertificateEventKind::kCancel), "cancel");
  EXPECT_EQ(CertificateEventName(CertificateEventKind::kExpire), "expire");
}

TEST(EffectiveStateTest, LastDayOfValidityEndsAtMidnightChinaTime) {
  const Certificate certificate = ValidThrough2025();
  // 2025-12-31T15:59:59Z is 23:59:59 on 12-31 in China: still valid.
  EXPECT_EQ(EffectiveState(certificate, Utc(2025, 12, 31, 15, 59, 59)), CertificateState::kActive);
  // 16:00:00Z is already 01-01 in China.
  EXPECT_EQ(EffectiveState(certificate, Utc(2025, 12, 31, 16, 0, 0)), CertificateState::kExpired);
}

TEST(EffectiveStateTest, ActiveWithinValidityReadsActive) {
  EXPECT_EQ(EffectiveState(ValidThrough2025(), China(2023, 6, 1)), CertificateState::kActive);
  EXPECT_EQ(EffectiveState(ValidThrough2025(), China(2021, 1, 1, 0, 0, 0)),
            CertificateState::kActive);
}

TEST(EffectiveStateTest, SuspendedCertificatePastItsDateReadsExpired) {
  const Certificate certificate = ValidThrough2025(CertificateState::kSuspended);
  EXPECT_EQ(EffectiveState(certificate, China(2025, 12, 31, 23, 59, 59)),
            CertificateState::kSuspended);
  EXPECT_EQ(EffectiveState(certificate, China(2026, 1, 1, 0, 0, 0)), CertificateState::kExpired);
}

TEST(EffectiveStateTest, FinalStatesAreNotOverwrittenByExpiry) {
  for (CertificateState state :
       {CertificateState::kRevoked, CertificateState::kCancelled, CertificateState::kExpired}) {
    EXPECT_EQ(EffectiveState(ValidThrough2025(state), China(2030, 1, 1)), state);
    EXPECT_EQ(EffectiveState(ValidThrough2025(state), China(2023, 1, 1)), state);
  }
}

class StateAtTest : public ::testing::Test {
 protected:
  // Issued 2023-01-01, suspended 2023-03-01, reinstated 2023-04-01.
  const absl::Time issued_ = China(2023, 1, 1, 9);
  const absl::Time suspended_ = China(2023, 3, 1, 9);
  const absl::Time reinstated_ = China(2023, 4, 1, 9);
  const std::vector<CertificateEvent> history_ = {
      Event(1, std::nullopt, CertificateState::kActive, issued_, "issued"),
      Event(2, CertificateState::kActive, CertificateState::kSuspended, suspended_, "complaint"),
      Event(3, CertificateState::kSuspended, CertificateState::kActive, reinstated_, "cleared"),
  };
  const Certificate certificate_ = ValidThrough2025(CertificateState::kActive);
};

TEST_F(StateAtTest, SuspensionInThePastShowsOnlyBetweenItsEvents) {
  EXPECT_EQ(StateAt(certificate_, history_, suspended_ - absl::Seconds(1)),
            CertificateState::kActive);
  EXPECT_EQ(StateAt(certificate_, history_, suspended_), CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate_, history_, China(2023, 3, 15)), CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate_, history_, reinstated_ - absl::Seconds(1)),
            CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate_, history_, reinstated_), CertificateState::kActive);
  EXPECT_EQ(StateAt(certificate_, history_, China(2024, 1, 1)), CertificateState::kActive);
}

TEST_F(StateAtTest, MomentBeforeTheIssueReadsAsTheFirstStateActive) {
  EXPECT_EQ(StateAt(certificate_, history_, issued_ - absl::Hours(24 * 30)),
            CertificateState::kActive);
}

TEST_F(StateAtTest, RevocationDoesNotRewriteEarlierMoments) {
  std::vector<CertificateEvent> history = history_;
  const absl::Time revoked = China(2024, 5, 1, 10);
  history.push_back(
      Event(4, CertificateState::kActive, CertificateState::kRevoked, revoked, "misconduct"));
  const Certificate certificate = ValidThrough2025(CertificateState::kRevoked);
  EXPECT_EQ(StateAt(certificate, history, revoked - absl::Seconds(1)), CertificateState::kActive);
  EXPECT_EQ(StateAt(certificate, history, revoked), CertificateState::kRevoked);
  // Final even after the validity date: a revoked certificate stays revoked.
  EXPECT_EQ(StateAt(certificate, history, China(2027, 1, 1)), CertificateState::kRevoked);
}

TEST_F(StateAtTest, HistoryIsReplayedInSequenceOrderWhateverOrderItIsGiven) {
  const std::vector<CertificateEvent> shuffled = {history_[2], history_[0], history_[1]};
  EXPECT_EQ(StateAt(certificate_, shuffled, China(2023, 3, 15)), CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate_, shuffled, China(2023, 5, 1)), CertificateState::kActive);
}

TEST_F(StateAtTest, ExpiryRuleAppliesAtTheMomentAsked) {
  EXPECT_EQ(StateAt(certificate_, history_, China(2025, 12, 31, 23, 59, 59)),
            CertificateState::kActive);
  EXPECT_EQ(StateAt(certificate_, history_, China(2026, 1, 1, 0, 0, 0)),
            CertificateState::kExpired);
}

TEST_F(StateAtTest, StoredStateIsUsedWhenThereIsNoHistory) {
  EXPECT_EQ(StateAt(ValidThrough2025(CertificateState::kSuspended), {}, China(2023, 1, 1)),
            CertificateState::kSuspended);
  EXPECT_EQ(StateAt(ValidThrough2025(CertificateState::kActive), {}, China(2026, 1, 1)),
            CertificateState::kExpired);
}

TEST_F(StateAtTest, ASuspensionForATermEndsAtItsEndRecordedOrNot) {
  std::vector<CertificateEvent> history = {history_[0], history_[1]};
  const absl::Time ends = China(2023, 3, 15, 9);
  history[1].until = ends;
  const Certificate certificate = ValidThrough2025(CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate, history, ends - absl::Seconds(1)), CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate, history, ends), CertificateState::kActive);
  // The engine's reinstatement at the end replays the same.
  CertificateEvent ended = SuspensionEnded(ends);
  ended.sequence = 3;
  history.push_back(ended);
  EXPECT_EQ(StateAt(certificate, history, ends - absl::Seconds(1)), CertificateState::kSuspended);
  EXPECT_EQ(StateAt(certificate, history, China(2023, 6, 1)), CertificateState::kActive);
  EXPECT_EQ(ended.actor, "system");
  EXPECT_EQ(ended.from_state, CertificateState::kSuspended);
}

TEST(EffectiveStateTest, ASuspensionForATermReadsActiveFromItsEnd) {
  Certificate certificate = ValidThrough2025(CertificateState::kSuspended);
  certificate.suspended_until = China(2024, 2, 1, 9);
  EXPECT_EQ(EffectiveState(certificate, China(2024, 2, 1, 8)), CertificateState::kSuspended);
  EXPECT_EQ(EffectiveState(certificate, China(2024, 2, 1, 9)), CertificateState::kActive);
  // Still bounded by the validity.
  EXPECT_EQ(EffectiveState(certificate, China(2026, 1, 2)), CertificateState::kExpired);
}

TEST(SuspensionEndTest, AfterTheSuspensionAndWithinTenYears) {
  const absl::Time from = China(2024, 1, 1);
  EXPECT_OK(ValidateSuspensionEnd("suspended_until", from + absl::Hours(1), from));
  EXPECT_EQ(FieldOf(ValidateSuspensionEnd("suspended_until", from, from)), "suspended_until");
  EXPECT_EQ(FieldOf(ValidateSuspensionEnd("suspended_until", from + absl::Hours(24 * 3660), from)),
            "suspended_until");
}

}  // namespace
}  // namespace lawenforce::personnel
