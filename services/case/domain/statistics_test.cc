// Case figures over hand-made facts, every number checked by hand; the
// facts an act leaves (carried reviews, the first decision moment, a
// declined transfer); and a closed period that does not move when its
// cases do.

#include "services/case/domain/statistics.h"

#include <optional>
#include <vector>

#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

absl::Time Cst(int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(2025, m, d, hh, 0, 0), ChinaTimeZone());
}

// June 2025 (CST), closed.
const absl::Time kStart = Cst(6, 1);
const absl::Time kAsOf = Cst(7, 1);

CaseFacts Filed(const std::string& id, absl::Time filed, CaseState state,
                ItemKind kind = ItemKind::kPenalty) {
  CaseFacts f;
  f.case_id = id;
  f.seq = 1;
  f.entry_time = filed;
  f.division_code = "640104";
  f.agency_id = "agency";
  f.kind = kind;
  f.state = state;
  f.filed_at = filed;
  return f;
}

CaseFacts Decided(CaseFacts f, absl::Time decided, Outcome outcome, bool publish,
                  std::optional<absl::Time> publicity_due) {
  f.entry_time = std::max(f.entry_time, decided);
  f.decided_at = decided;
  f.outcome = outcome;
  f.publish = publish;
  f.publicity_due = publicity_due;
  return f;
}

// Six cases of June and one after it:
//   A filed 06-02, decided 06-12 (10 d), published 06-20 before its due 06-21: on time.
//   B filed 06-05, review required and approved 06-20, decided 06-25 (20 d) outside
//     the benchmark, no penalty (minor); publicity due 07-04, not yet due.
//   C filed 05-20, decided 06-10 (21 d), due 06-19, published 06-24: late; closed 06-28.
//   D (coercion) filed 06-15, review returned 06-18, crime reported 06-22, not handed
//     over; its decision clock, due 06-20, is overdue.
//   E filed 06-03, review required and returned 06-06, decided 06-08 (5 d), due 06-17,
//     never published: overdue (its publicity clock too).
//   F filed 04-01, decided 04-10: only its hand-over 06-12 of a transfer reported 06-11.
//   G filed 07-02: after the period.
std::vector<CaseFacts> June() {
  CaseFacts a = Decided(Filed("A", Cst(6, 2), CaseState::kPublished), Cst(6, 12), Outcome::kPenalty,
                        true, Cst(6, 21));
  a.published_at = Cst(6, 20);
  a.entry_time = Cst(6, 20);
  CaseFacts b = Decided(Filed("B", Cst(6, 5), CaseState::kDecided), Cst(6, 25),
                        Outcome::kNoPenaltyMinor, true, Cst(7, 4));
  b.review_required = true;
  b.reviews = {{Cst(6, 20), ReviewOutcome::kApproved}};
  b.outside_benchmark = true;
  b.open_dues = {{ClockKind::kPublicity, Cst(7, 4)}};
  CaseFacts c = Decided(Filed("C", Cst(5, 20), CaseState::kClosed), Cst(6, 10), Outcome::kPenalty,
                        true, Cst(6, 19));
  c.published_at = Cst(6, 24);
  c.ended_at = Cst(6, 28);
  c.entry_time = Cst(6, 28);
  CaseFacts d = Filed("D", Cst(6, 15), CaseState::kTransferPending, ItemKind::kCoercion);
  d.reviews = {{Cst(6, 18), ReviewOutcome::kReturned}};
  d.transfer_reported_at = Cst(6, 22);
  d.open_dues = {{ClockKind::kDecision, Cst(6, 20)}, {ClockKind::kTransferDecision, Cst(7, 25)}};
  d.entry_time = Cst(6, 22);
  CaseFacts e = Decided(Filed("E", Cst(6, 3), CaseState::kDecided), Cst(6, 8), Outcome::kPenalty,
                        true, Cst(6, 17));
  e.review_required = true;
  e.reviews = {{Cst(6, 6), ReviewOutcome::kReturned}};
  e.open_dues = {{ClockKind::kPublicity, Cst(6, 17)}};
  CaseFacts f = Decided(Filed("F", Cst(4, 1), CaseState::kTransferred), Cst(4, 10),
                        Outcome::kPenalty, false, std::nullopt);
  f.transfer_reported_at = Cst(6, 11);
  f.handed_over_at = Cst(6, 12);
  f.ended_at = Cst(6, 12);
  f.entry_time = Cst(6, 12);
  CaseFacts g = Filed("G", Cst(7, 2), CaseState::kFiled);
  return {a, b, c, d, e, f, g};
}

TEST(CaseFiguresTest, AMonthsFiguresAreTheHandCountedOnes) {
  const CaseFigures f = ComputeCaseFigures(June(), kStart, kAsOf);
  EXPECT_EQ(f.cases_filed, 4);  // A B D E
  EXPECT_THAT(f.filed_by_kind,
              ElementsAre(Pair(ItemKind::kPenalty, 3), Pair(ItemKind::kCoercion, 1)));
  EXPECT_THAT(f.by_state, ElementsAre(Pair(CaseState::kDecided, 2), Pair(CaseState::kPublished, 1),
                                      Pair(CaseState::kTransferPending, 1)));
  EXPECT_EQ(f.cases_ended, 2);  // C closed, F handed over
  EXPECT_EQ(f.decisions, 4);    // A B C E
  EXPECT_THAT(f.decisions_by_outcome,
              ElementsAre(Pair(Outcome::kPenalty, 3), Pair(Outcome::kNoPenaltyMinor, 1)));
  EXPECT_EQ(f.decisions_review_required, 2);           // B E
  EXPECT_EQ(f.decisions_review_required_reviewed, 1);  // B: E's latest review returned it
  EXPECT_EQ(f.benchmark_deviations, 1);                // B
  // 5, 10, 20, 21 days: mean 14; nearest rank ceil(0.9 * 4) = 4: 21.
  EXPECT_DOUBLE_EQ(f.average_days_to_decision, 14);
  EXPECT_DOUBLE_EQ(f.p90_days_to_decision, 21);
  EXPECT_EQ(f.legal_reviews, 3);           // B 06-20, D 06-18, E 06-06
  EXPECT_EQ(f.legal_reviews_returned, 2);  // D, E
  EXPECT_EQ(f.publications_due, 4);        // A B C E
  EXPECT_EQ(f.published_on_time, 1);       // A
  EXPECT_EQ(f.published_late, 1);          // C
  EXPECT_EQ(f.publications_overdue, 1);    // E; B is not due yet
  EXPECT_EQ(f.transfers_reported, 2);      // D, F
  EXPECT_EQ(f.transfers_handed_over, 1);   // F
  EXPECT_THAT(f.overdue_by_clock,
              ElementsAre(Pair(ClockKind::kDecision, 1), Pair(ClockKind::kPublicity, 1)));
}

TEST(CaseFiguresTest, FactsRecordedAtOrAfterAsOfAreLeftOut) {
  // At 06-16 only E (its facts of 06-08) and F (06-12) were recorded: the
  // facts of A, B, C and D are of later moments, the store would give
  // their earlier ones.
  const CaseFigures f = ComputeCaseFigures(June(), kStart, Cst(6, 16));
  EXPECT_EQ(f.cases_filed, 1);  // E
  EXPECT_EQ(f.decisions, 1);    // E
  EXPECT_EQ(f.publications_due, 1);
  EXPECT_EQ(f.publications_overdue, 0);  // E's due 06-17 is still ahead
  EXPECT_EQ(f.cases_ended, 1);           // F
  EXPECT_EQ(f.transfers_reported, 1);
  EXPECT_EQ(f.transfers_handed_over, 1);
  EXPECT_THAT(f.overdue_by_clock, IsEmpty());
}

TEST(CaseFiguresTest, APublicationAtItsDueMomentIsLate) {
  CaseFacts a = Decided(Filed("A", Cst(6, 2), CaseState::kPublished), Cst(6, 12), Outcome::kPenalty,
                        true, Cst(6, 21));
  a.published_at = Cst(6, 21);
  const CaseFigures f = ComputeCaseFigures({a}, kStart, kAsOf);
  EXPECT_EQ(f.published_late, 1);
  EXPECT_EQ(f.published_on_time, 0);
}

TEST(CaseFiguresTest, NoDecisionsMeansZeroDays) {
  const CaseFigures f =
      ComputeCaseFigures({Filed("X", Cst(6, 2), CaseState::kFiled)}, kStart, kAsOf);
  EXPECT_EQ(f.cases_filed, 1);
  EXPECT_EQ(f.decisions, 0);
  EXPECT_EQ(f.average_days_to_decision, 0);
  EXPECT_EQ(f.p90_days_to_decision, 0);
}

// ------------------------------------------------------------- FactsAfter

StatutoryClock Clock(ClockKind kind, ClockState state, std::optional<absl::Time> due,
                     std::optional<absl::Time> ended = std::nullopt) {
  StatutoryClock c;
  c.case_id = "K";
  c.kind = kind;
  c.state = state;
  c.due = due;
  c.ended_at = ended;
  return c;
}

Case DecidedCase() {
  Case c;
  c.id = "K";
  c.agency_id = "agency";
  c.division_code = "640104";
  c.state = CaseState::kDecided;
  c.filed_at = Cst(6, 2);
  Decision d;
  d.outcome = Outcome::kPenalty;
  d.publish = true;
  d.time = Cst(6, 12);
  c.decision = d;
  return c;
}

std::vector<StatutoryClock> DecidedClocks() {
  return {Clock(ClockKind::kDecision, ClockState::kMet, Cst(8, 31), Cst(6, 12)),
          Clock(ClockKind::kPayment, ClockState::kRunning, Cst(6, 27)),  // the party's
          Clock(ClockKind::kPublicity, ClockState::kRunning, Cst(6, 21))};
}

// The latest facts before `as_of`, as the store reads them.
std::vector<CaseFacts> LatestBefore(const std::vector<CaseFacts>& rows, absl::Time as_of) {
  std::optional<CaseFacts> last;
  for (const CaseFacts& r : rows) {
    if (r.entry_time < as_of) last = r;
  }
  return last.has_value() ? std::vector<CaseFacts>{*last} : std::vector<CaseFacts>{};
}

TEST(FactsAfterTest, TheFactsOfADecisionNameItsMomentItsPublicityDueAndTheDutyClocksOnly) {
  const CaseFacts f = FactsAfter(DecidedCase(), DecidedClocks(), std::nullopt, 5, Cst(6, 12));
  EXPECT_EQ(f.seq, 5);
  EXPECT_EQ(f.entry_time, Cst(6, 12));
  EXPECT_EQ(f.decided_at, Cst(6, 12));
  EXPECT_EQ(f.publicity_due, Cst(6, 21));
  EXPECT_TRUE(f.publish);
  EXPECT_FALSE(f.review_required);
  ASSERT_EQ(f.open_dues.size(), 1u);  // not the party's payment window
  EXPECT_EQ(f.open_dues[0].kind, ClockKind::kPublicity);
}

TEST(FactsAfterTest, AChangedDecisionKeepsTheMomentItWasFirstMade) {
  Case c = DecidedCase();
  c.decision->time = Cst(7, 3);  // PrepareDecision stamps the change
  c.decision->outcome = Outcome::kNotEstablished;
  c.decision_changed = true;
  // Without earlier facts (a case from before facts were kept): the
  // decision clock's meeting.
  EXPECT_EQ(FactsAfter(c, DecidedClocks(), std::nullopt, 0, Cst(7, 3)).decided_at, Cst(6, 12));
  // With them: carried over.
  CaseFacts before = FactsAfter(DecidedCase(), DecidedClocks(), std::nullopt, 5, Cst(6, 12));
  EXPECT_EQ(FactsAfter(c, {}, before, 6, Cst(7, 3)).decided_at, Cst(6, 12));
}

TEST(FactsAfterTest, ReviewsAreCarriedOverAndEachNewOutcomeIsAdded) {
  Case c = DecidedCase();
  c.decision.reset();
  c.state = CaseState::kLegalReview;
  c.review_reasons = {"the item is major (APL art. 58)"};
  c.review = LegalReview{};
  c.review->outcome = ReviewOutcome::kReturned;
  c.review->time = Cst(6, 5);
  const CaseFacts first = FactsAfter(c, {}, std::nullopt, 3, Cst(6, 5));
  EXPECT_TRUE(first.review_required);
  // The next act (a hearing request resets the review) keeps it.
  c.review.reset();
  const CaseFacts second = FactsAfter(c, {}, first, 4, Cst(6, 6));
  ASSERT_EQ(second.reviews.size(), 1u);
  c.review = LegalReview{};
  c.review->outcome = ReviewOutcome::kApproved;
  c.review->time = Cst(6, 8);
  const CaseFacts third = FactsAfter(c, {}, second, 5, Cst(6, 8));
  ASSERT_EQ(third.reviews.size(), 2u);
  EXPECT_EQ(third.reviews[1].outcome, ReviewOutcome::kApproved);
  // An act that does not review keeps the list as it is.
  EXPECT_EQ(FactsAfter(c, {}, third, 6, Cst(6, 9)).reviews.size(), 2u);
}

TEST(FactsAfterTest, ADeclinedTransferIsStillAReportedOne) {
  Case c = DecidedCase();
  c.transfer = Transfer{};
  c.transfer->reported_at = Cst(6, 14);
  const CaseFacts reported = FactsAfter(c, {}, std::nullopt, 6, Cst(6, 14));
  c.transfer.reset();  // DeclineTransfer
  const CaseFacts declined = FactsAfter(c, {}, reported, 7, Cst(6, 16));
  EXPECT_EQ(declined.transfer_reported_at, Cst(6, 14));
  EXPECT_FALSE(declined.handed_over_at.has_value());
}

TEST(FactsAfterTest, FactsRecordedLateArePlacedAfterTheCasesEarlierFacts) {
  const CaseFacts decided = FactsAfter(DecidedCase(), DecidedClocks(), std::nullopt, 5, Cst(7, 2));
  // A deadline firing late records its due moment (06-21) as the act's.
  const CaseFacts fired = FactsAfter(DecidedCase(), {}, decided, 6, Cst(6, 21));
  EXPECT_EQ(fired.entry_time, Cst(7, 2));
  EXPECT_EQ(RecordedAt(std::nullopt, Cst(6, 21)), Cst(6, 21));
}

TEST(FactsAfterTest, AClosedPeriodsFiguresDoNotMoveWhenItsCaseIsChangedAfterIt) {
  // Decided 06-12, published late 06-25; in July the decision is revoked
  // and the case closed.
  std::vector<CaseFacts> rows;
  Case c = DecidedCase();
  rows.push_back(FactsAfter(c, DecidedClocks(), std::nullopt, 5, Cst(6, 12)));
  c.state = CaseState::kPublished;
  c.published_at = Cst(6, 25);
  std::vector<StatutoryClock> clocks = DecidedClocks();
  clocks[2] = Clock(ClockKind::kPublicity, ClockState::kMet, Cst(6, 21), Cst(6, 25));
  rows.push_back(FactsAfter(c, clocks, rows.back(), 6, Cst(6, 25)));
  const CaseFigures june = ComputeCaseFigures(LatestBefore(rows, kAsOf), kStart, kAsOf);
  EXPECT_EQ(june.decisions, 1);
  EXPECT_EQ(june.published_late, 1);

  c.decision->outcome = Outcome::kNotEstablished;
  c.decision->time = Cst(7, 3);
  c.decision_changed = true;
  rows.push_back(FactsAfter(c, clocks, rows.back(), 7, Cst(7, 3)));
  c.state = CaseState::kClosed;
  c.closed_at = Cst(7, 4);
  rows.push_back(FactsAfter(c, {}, rows.back(), 8, Cst(7, 4)));

  const CaseFigures again = ComputeCaseFigures(LatestBefore(rows, kAsOf), kStart, kAsOf);
  EXPECT_EQ(again.decisions, 1);
  EXPECT_THAT(again.decisions_by_outcome, ElementsAre(Pair(Outcome::kPenalty, 1)));
  EXPECT_THAT(again.by_state, ElementsAre(Pair(CaseState::kPublished, 1)));
  EXPECT_EQ(again.published_late, 1);
  EXPECT_EQ(again.cases_ended, 0);
  EXPECT_DOUBLE_EQ(again.average_days_to_decision, 10);
  // July sees the closing, not a second decision.
  const CaseFigures july = ComputeCaseFigures(LatestBefore(rows, Cst(8, 1)), kAsOf, Cst(8, 1));
  EXPECT_EQ(july.decisions, 0);
  EXPECT_EQ(july.cases_ended, 1);
  EXPECT_EQ(july.cases_filed, 0);
}

}  // namespace
}  // namespace lawenforce::cases
