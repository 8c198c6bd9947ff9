#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_MACHINE_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_MACHINE_H_

// The case state machine (DOMAIN.md "Cases"): one table of (from, event,
// to, guard) rows, checked in one place. Every RPC that changes a case is
// one event; an event with no row from the case's state is
// FAILED_PRECONDITION "case is <STATE>: cannot <event>", and one whose
// rows' guards all fail is FAILED_PRECONDITION with the first guard's
// reason. What else an event does (clocks, record, checks of its input) is
// case_steps.h.

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "services/case/domain/case.h"

namespace lawenforce::cases {

enum class CaseEvent {
  kStartInvestigation = 1,
  kRecordEvidence = 2,
  kSubmitForReview = 3,
  kApproveReview = 4,
  kReturnReview = 5,
  kNotify = 6,
  kRequestHearing = 7,
  kDecide = 8,
  kServe = 9,
  kPublish = 10,
  kChangeDecision = 11,
  kWithdrawPublication = 12,
  kExecute = 13,
  kClose = 14,
  kWithdraw = 15,
  kReportCrime = 16,
  kApproveTransfer = 17,
  kDeclineTransfer = 18,
  kHandOver = 19,
  kRecordReceipt = 20,
  kReplaceOfficers = 21,
  kPauseClock = 22,
  kResumeClock = 23,
  kExtendClock = 24,
  kApplyCoercion = 25,
  kReportCoercion = 26,
  kReleaseCoercion = 27,
};
inline constexpr int kCaseEventCount = 27;
// "start_investigation", ... (the record's action and the outbox type's verb).
const char* CaseEventName(CaseEvent e);

// Conditions on the case (and, for a decision, its outcome) that a row
// needs besides its from-state.
enum class Guard {
  kNone,
  kReviewSatisfied,       // no review required, or one approved
  kApprovedBeforeNotice,  // review approved, party not yet notified
  kApprovedAfterNotice,   // review approved, party notified
  kNotYetApproved,        // the pending review has no outcome yet
  kNoPenaltyOutcome,      // the decision imposes nothing (no notice needed)
  kHearingNotRequested,
  kNotServed,
  kPublicationPending,   // the decision is to be published and is not yet
  kServedSanction,       // a penalty to execute, served
  kNothingToExecute,     // no penalty, or published if it must be
  kPublishedIfRequired,  // published, if the decision is to be published
  kChangedNotWithdrawn,  // a published decision changed, not yet withdrawn
  kNoReceipt,
  kCoercionInactive,
  kCoercionActive,
};

struct TransitionRule {
  CaseState from;
  CaseEvent event;
  CaseState to;
  Guard guard;
};

// The whole table, in one place (case_machine.cc).
absl::Span<const TransitionRule> TransitionTable();

// Facts of the event itself that guards read.
struct GuardFacts {
  Outcome outcome = Outcome::kPenalty;  // kDecide: the decision's outcome
};

// "" when `g` holds for `c`, else why not ("legal review required first: the item is major").
std::string GuardFailure(Guard g, const Case& c, const GuardFacts& facts);

// The state `e` moves `c` to: the first row from c.state for `e` whose
// guard holds. FAILED_PRECONDITION as described above.
absl::StatusOr<CaseState> Transition(const Case& c, CaseEvent e, const GuardFacts& facts = {});

// Why a legal review is required for `c` now (empty: it is not): the item
// is major, a hearing was requested, the proposal is outside the benchmark.
std::vector<std::string> ReviewReasons(const Case& c);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_MACHINE_H_
