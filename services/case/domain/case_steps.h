#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_STEPS_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_STEPS_H_

// What each act does to a case, its clocks and its record, as a pure
// function: the app layer authorizes, checks officers' eligibility with
// personnel-service, calls FileNew or Step, and stores the result in one
// transaction (with the outbox event and the audit row).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/calendar/working_calendar.h"
#include "services/case/domain/benchmark.h"
#include "services/case/domain/case.h"
#include "services/case/domain/case_machine.h"
#include "services/case/domain/clock_ops.h"
#include "services/case/domain/clocks.h"
#include "services/case/domain/record.h"

namespace lawenforce::cases {

// What an act needs to know besides the case.
struct StepContext {
  const calendar::WorkingCalendar* calendar = nullptr;
  const ClockPolicy* policy = nullptr;
  // The case's item: every version, and the benchmark versions (kDecide,
  // kSubmitForReview).
  const std::vector<ItemVersion>* item_versions = nullptr;
  const std::vector<BenchmarkVersion>* benchmarks = nullptr;
};

// One act on a case, as the API gives it (checked here).
struct Act {
  CaseEvent event = CaseEvent::kStartInvestigation;
  std::string actor;  // token subject
  absl::Time now;
  std::vector<std::string> officer_ids;  // the officers acting (eligibility checked by app)
  std::string reason;
  std::vector<EvidenceRef> evidence;
  std::optional<Decision> decision;  // kSubmitForReview (the proposal), kDecide, kChangeDecision
  bool served_on_the_spot = false;   // kDecide: the party was present (APL art. 61)
  bool hearing_waived = false;       // kNotify: the party declared it wants no hearing
  std::string reviewer_officer_id;   // kApproveReview, kReturnReview
  std::optional<absl::Time> hearing_at;                      // kRequestHearing
  TransferRecipient recipient = TransferRecipient::kPolice;  // kReportCrime
  std::string recipient_name;
  std::string receipt_number;                // kRecordReceipt
  std::vector<std::string> new_officer_ids;  // kReplaceOfficers
  ClockKind clock = ClockKind::kDecision;    // kPauseClock, kResumeClock, kExtendClock
  PauseReason pause_reason = PauseReason::kHearing;
  int extension = 0;
  bool emergency = false;  // kApplyCoercion: on the spot, without prior approval (ACL art. 19)
};

struct StepResult {
  Case after;
  std::vector<StatutoryClock> changed_clocks;
  RecordEntry entry;       // not yet chained (seq, prev_hash and hash unset)
  std::string event_type;  // outbox: "case.<event>"
};

// A new case: its fields ("case.<field>" INVALID_ARGUMENT), at least two
// distinct handling officers, a violation not in the future, the item's
// version in force at the violation (FAILED_PRECONDITION when none), and
// the limitation period (APL art. 36: FAILED_PRECONDITION naming
// violation_time when it ended before `now`). Starts the decision clock
// and records the limitation check.
absl::StatusOr<StepResult> FileNew(Case draft, const EnforcementItem& item, const StepContext& ctx);

// The input rules FileNew applies first (for the app's check order).
absl::Status ValidateNewCase(const Case& draft, absl::Time now);

// `act` on `before` with its clocks: the state machine (Transition), the
// act's own checks (INVALID_ARGUMENT naming the request field,
// FAILED_PRECONDITION for a rule), the clocks it starts, meets or moves,
// and the record entry.
absl::StatusOr<StepResult> Step(const Case& before, const std::vector<StatutoryClock>& clocks,
                                const Act& act, const StepContext& ctx);

// The deadline of a clock fired: the clock OVERDUE (or LAPSED), the case
// flagged, an entry for the record. nullopt when nothing changed (the
// clock was met, moved or stopped meanwhile).
std::optional<StepResult> FireClock(const Case& before, const std::vector<StatutoryClock>& clocks,
                                    ClockKind kind, absl::Time at, const StepContext& ctx);

// The officers an act needs at least (APL art. 42: investigation and the
// acts towards the party by two), 0 for acts of the agency head or the
// reviewer.
int OfficersNeeded(CaseEvent e);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_CASE_STEPS_H_
