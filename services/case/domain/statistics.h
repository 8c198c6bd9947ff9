#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_STATISTICS_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_STATISTICS_H_

// Case figures for reports "as at T" (docs/api/cases.md "Statistics").
// A case's body and clocks change with every act (a decision is changed,
// a clock is recomputed), so the figures are never read from them: each
// act also appends a CaseFacts, the few facts the figures need, stamped
// with the moment it was recorded. The figures at T are computed from the
// latest facts of each case recorded before T, so that once T has passed
// nothing done later can change them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/case/domain/case.h"
#include "services/case/domain/clocks.h"

namespace lawenforce::cases {

struct ReviewFact {
  absl::Time time;
  ReviewOutcome outcome = ReviewOutcome::kApproved;
};

// An agency's duty clock (not a party's window) running or overdue, with
// its due moment: overdue at T iff due <= T (CaseClocks::AnyOverdue).
struct DueFact {
  ClockKind kind = ClockKind::kDecision;
  absl::Time due;
};

// What one act left a case at, for the figures. Append-only: never edited.
struct CaseFacts {
  std::string case_id;
  // The record entry's seq (0: the row written for a case that existed
  // before facts were kept, docs/api/cases.md "Statistics").
  int64_t seq = 0;
  // When the facts were recorded; never earlier than the case's previous
  // facts (RecordedAt), so that the latest facts before T are the last
  // ones written before T.
  absl::Time entry_time;
  std::string division_code;
  std::string agency_id;
  ItemKind kind = ItemKind::kPenalty;
  CaseState state = CaseState::kFiled;
  absl::Time filed_at;
  // The decision as it stands, at the moment it was first made (a changed
  // decision keeps its moment; its content is the changed one).
  std::optional<absl::Time> decided_at;
  Outcome outcome = Outcome::kPenalty;  // with decided_at
  bool outside_benchmark = false;
  bool publish = false;
  // Legal review was required (ReviewReasons non-empty), and every review
  // completed so far, in order.
  bool review_required = false;
  std::vector<ReviewFact> reviews;
  std::optional<absl::Time> published_at;
  std::optional<absl::Time> publicity_due;  // the publicity clock's due moment
  // The latest report of a suspected crime, kept after a declined transfer.
  std::optional<absl::Time> transfer_reported_at;
  std::optional<absl::Time> handed_over_at;
  // The closing act: closed, withdrawn or handed over.
  std::optional<absl::Time> ended_at;
  std::vector<DueFact> open_dues;
};

// The facts of case `c` with all its `clocks` as they stand after an act
// recorded at `entry_time`, following `previous` (the case's latest facts,
// if any): reviews and the report of a suspected crime are carried over,
// and the entry time is RecordedAt.
CaseFacts FactsAfter(const Case& c, const std::vector<StatutoryClock>& clocks,
                     const std::optional<CaseFacts>& previous, int64_t seq, absl::Time entry_time);

// max(`entry_time`, the previous facts' entry time): an act recorded with
// a moment in the past (a deadline fired late, at its due moment) is
// placed after the facts already written, never among them.
absl::Time RecordedAt(const std::optional<CaseFacts>& previous, absl::Time entry_time);

struct CaseFigures {
  int64_t cases_filed = 0;
  std::map<ItemKind, int64_t> filed_by_kind;
  std::map<CaseState, int64_t> by_state;
  int64_t cases_ended = 0;
  int64_t decisions = 0;
  std::map<Outcome, int64_t> decisions_by_outcome;
  int64_t decisions_review_required = 0;
  int64_t decisions_review_required_reviewed = 0;
  int64_t benchmark_deviations = 0;
  double average_days_to_decision = 0;
  double p90_days_to_decision = 0;
  int64_t legal_reviews = 0;
  int64_t legal_reviews_returned = 0;
  int64_t publications_due = 0;
  int64_t published_on_time = 0;
  int64_t published_late = 0;
  int64_t publications_overdue = 0;
  int64_t transfers_reported = 0;
  int64_t transfers_handed_over = 0;
  std::map<ClockKind, int64_t> overdue_by_clock;
};

// The figures of the period [start, as_of) over `latest`: for each case of
// the scope, its latest facts with entry_time < as_of (facts recorded
// later are ignored here too). Every moment is also compared with as_of,
// so facts written for a case that existed before facts were kept (dated
// at its filing) count their acts in the periods they happened in.
//   - filed: filed_at in [start, as_of); by_state: their state;
//   - ended: ended_at in [start, as_of);
//   - decisions: decided_at in [start, as_of), by outcome; review
//     required, and of those decided after an approving review (the
//     latest review before the decision approved); outside the benchmark;
//     days from filing to decision, average and nearest-rank p90;
//   - legal reviews: completed in [start, as_of), and returned;
//   - publicity, over the decisions to be published: on time when
//     published before the publicity due moment (the clock's rule: an act
//     is in time iff before its due moment), late when at or after it,
//     overdue when not published by as_of and due <= as_of;
//   - transfers: reported in [start, as_of), and of them handed over
//     before as_of;
//   - overdue_by_clock: every case filed before as_of, each duty clock
//     running or overdue with due <= as_of.
CaseFigures ComputeCaseFigures(const std::vector<CaseFacts>& latest, absl::Time start,
                               absl::Time as_of);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_STATISTICS_H_
