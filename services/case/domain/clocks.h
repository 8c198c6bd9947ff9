#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCKS_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCKS_H_

// The statutory clocks of a case (DOMAIN.md "Statutory clocks"). A clock
// is a start moment, a rule (period, unit, legal basis) and typed events:
// pauses (hearing, public notice, testing and appraisal) and approved
// extensions; its due moment is never stored as an edited date but
// computed by ComputeClock, the one function, from those, so that anyone
// can replay it (ExplainDeadline shows the steps). Periods are
// configuration (ClockPolicy) with the law's defaults.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/statutory_period.h"
#include "common/calendar/working_calendar.h"

namespace lawenforce::cases {

enum class ClockKind {
  kDecision = 1,                 // 90 calendar days from filing (APL art. 60)
  kHearingRequest = 2,           // 5 working days from notice (art. 64), the party's
  kHearingNotice = 3,            // 7 working days before the hearing (art. 64)
  kServiceAbsent = 4,            // 7 working days from decision (art. 61)
  kPublicity = 5,                // 7 working days from decision (国办发〔2018〕118号)
  kPublicityWithdrawal = 6,      // 3 working days from the change (art. 48)
  kPayment = 7,                  // 15 calendar days from service (art. 67), the party's
  kSeizure = 8,                  // 30 calendar days, +30 once (ACL art. 25)
  kEmergencyCoercionReport = 9,  // 24 hours from the act (ACL art. 19)
  kTransferDecision = 10,        // 3 calendar days from report (Decree 310)
  kTransferHandover = 11,        // 24 hours from approval (Decree 310)
  kLimitation = 12,              // 2 (5) years from the end of the violation (APL art. 36)
};
inline constexpr int kClockKindCount = 12;

struct ClockRule {
  ClockKind kind;
  const char* code;  // "decision": names the clock in the API and metrics
  const char* name;  // "decision after filing"
  calendar::StatutoryPeriod period;
  const char* starts_at;  // "filing"
  const char* basis;      // "APL art. 60"
  // The period ends at the start instead of beginning there ("7 working
  // days before the hearing": the notice must be served by then).
  bool counts_back = false;
  // The party's window, not the agency's duty: running out is "lapsed",
  // not overdue, and does not flag the case.
  bool party_window = false;
  int max_extensions = 0;  // -1: any number, each approved
  int extension_cap = 0;   // longest single extension in the clock's unit; 0: no cap
};

// The configurable periods (DOMAIN.md: "Defaults are configuration").
struct ClockPolicy {
  calendar::StatutoryPeriod periods[kClockKindCount + 1] = {};
  calendar::StatutoryPeriod limitation_safety{5, calendar::PeriodUnit::kYears};
  static ClockPolicy Default();
};

// "decision=90d,publicity=7wd,emergency_coercion_report=24h,limitation=2y,
// limitation_safety=5y": units d (calendar days), wd (working days), h, y.
// Unnamed clocks keep their defaults. INVALID_ARGUMENT naming the entry.
absl::StatusOr<ClockPolicy> ParseClockPolicy(absl::string_view spec);

// The rule of `kind` under `policy`.
ClockRule RuleOf(ClockKind kind, const ClockPolicy& policy = ClockPolicy::Default());
bool IsClockKind(int value);
// The kind whose code is `code`, if any.
std::optional<ClockKind> ClockKindFromCode(absl::string_view code);

enum class ClockState {
  kRunning = 1,
  kPaused = 2,
  kMet = 3,      // the act was done (on time or late)
  kOverdue = 4,  // past due and not met: flags the case
  kLapsed = 5,   // a party's window ran out
  kStopped = 6,  // no longer applies (the case ended otherwise)
};
const char* ClockStateName(ClockState s);

enum class ClockEventKind { kPause = 1, kResume = 2, kExtend = 3, kRecalendar = 4 };
enum class PauseReason { kHearing = 1, kPublicNotice = 2, kTestingAppraisal = 3 };
const char* PauseReasonName(PauseReason r);  // "hearing", "public notice", "testing and appraisal"

struct ClockEvent {
  int64_t seq = 0;  // 1, 2... per clock
  ClockEventKind kind = ClockEventKind::kPause;
  absl::Time time;
  PauseReason pause_reason = PauseReason::kHearing;  // kPause
  int extension = 0;                                 // kExtend: in the clock's unit
  std::string reason;
  std::string actor;
  // kRecalendar: the due moment before and after the official rows.
  absl::Time old_due;
  absl::Time new_due;
};

// One clock of one case, as stored.
struct StatutoryClock {
  std::string case_id;
  std::string division_code;  // the case's (metrics)
  ClockKind kind = ClockKind::kDecision;
  ClockState state = ClockState::kRunning;
  absl::Time start;
  std::string start_event;           // the act that started it: "filed", "decided"
  calendar::StatutoryPeriod period;  // the rule's period when it started
  std::vector<ClockEvent> events;
  std::optional<absl::Time> due;       // nullopt while paused
  bool provisional = false;            // `due` rests on a provisional calendar year
  std::optional<absl::Time> ended_at;  // met, lapsed, overdue (fired) or stopped
  bool on_time = false;                // kMet: before the due moment
  int64_t version = 1;
};

// One line of an explanation.
struct ClockStep {
  std::string what;  // "started at filed", "paused: hearing", "extended by 30 calendar days"
  absl::Time at;
  std::optional<absl::Time> due;  // the due moment after this step (none while paused)
  std::string detail;
};

struct ClockComputation {
  std::optional<absl::Time> due;  // nullopt while paused
  bool paused = false;
  // Working days counted in years the calendar derived provisionally.
  bool provisional = false;
  std::vector<absl::CivilDay> provisional_days;   // every such day counted over
  std::vector<std::string> provisional_holidays;  // "2027-01-01 元旦" among them
  std::vector<ClockStep> steps;
};

// The due moment of a clock that started at `start` under `period` (the
// rule's counting direction) after `events` (in order): a pause freezes
// what is left at its start and counts it again from its end (in the
// clock's unit: hours exactly; days as whole days after the pause's CST
// day, counted on from the resume's CST day, which is not counted); an
// extension adds its count to the last day (or to what is left while
// paused). Recalendar events change nothing here (they record an earlier
// result). OUT_OF_RANGE when a working day falls outside the calendar;
// INVALID_ARGUMENT for events out of order (a resume without a pause).
absl::StatusOr<ClockComputation> ComputeClock(const calendar::WorkingCalendar& calendar,
                                              const ClockRule& rule,
                                              calendar::StatutoryPeriod period, absl::Time start,
                                              const std::vector<ClockEvent>& events);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCKS_H_
