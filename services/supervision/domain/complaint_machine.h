#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_MACHINE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_MACHINE_H_

// The acts on a complaint, each a pure function of the complaint as it is
// and the act's inputs (docs/api/supervision.md "States"):
//
//   RECEIVED --Acknowledge--> IN_HANDLING --RecordResolution--> RESOLVED
//      |  ^                        |                               |
//      |  +-------Decline----------+                        RecordFeedback
//      +--------RecordResolution--------------------------->       v
//   IN_HANDLING <---------------Reopen (once, rated 1-2)------- CLOSED
//
// Both clocks start at receipt (and again at a re-routing). A clock that
// runs out moves up one tier and starts again there from the moment it ran
// out; at the region it stops (LAPSED_AT_REGION).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/calendar/working_calendar.h"
#include "common/divisions/divisions.h"
#include "services/supervision/domain/complaint.h"
#include "services/supervision/domain/limits.h"

namespace lawenforce::supervision {

struct ActContext {
  const calendar::WorkingCalendar* calendar = nullptr;
  const Divisions* divisions = nullptr;
  absl::Time now;
  std::string actor;  // token subject, or "system"
};

// The limits of a complaint's two clocks (GoverningLimit for its channel
// and category).
struct ClockLimits {
  LimitRule acknowledge;
  LimitRule resolve;
};

// A draft (ValidateDraft passed, id, agency and division set by the caller)
// as received: RECEIVED, queued at its division, both clocks running.
// OUT_OF_RANGE when the calendar does not cover the due day.
absl::StatusOr<Complaint> Receive(Complaint draft, const ClockLimits& limits,
                                  const ActContext& ctx);

// FAILED_PRECONDITION "complaint is <state>: cannot <act>" unless it is
// RECEIVED or IN_HANDLING (still being handled).
absl::Status RequireHandling(const Complaint& c, absl::string_view act);

// The last day to show a person for a clock due at `due` (exclusive): the
// China Standard Time day of the last instant before it.
absl::CivilDay LastDay(absl::Time due);

// FAILED_PRECONDITION "complaint is <state>: ..." when the act is not
// allowed in the complaint's state; INVALID_ARGUMENT naming the field for
// a bad input.
absl::StatusOr<Complaint> Assign(Complaint c, const std::string& assignee_id,
                                 const ActContext& ctx);
absl::StatusOr<Complaint> Acknowledge(Complaint c, const ActContext& ctx);
// "Not ours": to the responsible agency (at `division_code`), whose clocks
// start again from now under `limits`.
absl::StatusOr<Complaint> Decline(Complaint c, const std::string& responsible_agency_id,
                                  const std::string& division_code, const std::string& reason,
                                  const ClockLimits& limits, const ActContext& ctx);
absl::StatusOr<Complaint> Resolve(Complaint c, const std::string& resolution,
                                  const ActContext& ctx);
absl::StatusOr<Complaint> RecordFeedback(Complaint c, int satisfaction, const std::string& comment,
                                         const ActContext& ctx);
absl::StatusOr<Complaint> Reopen(Complaint c, const std::string& reason,
                                 const LimitRule& resolve_limit, const ActContext& ctx);

// The deadline of clock `kind` due at `due_at` passed: nullopt when the
// clock was met, moved or stopped meanwhile (the firing is stale);
// otherwise the complaint with the clock moved up a tier (or lapsed at the
// region), the escalation and the event recorded. OUT_OF_RANGE from the
// calendar.
absl::StatusOr<std::optional<Complaint>> FireClock(Complaint c, ClockKind kind, absl::Time due_at,
                                                   const ActContext& ctx);

// The one escalation rule, for complaints and rectifications alike: clock
// `clock`, due at `due_at`, ran out (noticed at ctx.now, recorded as the
// escalation's recorded_at and the event's time). nullopt when it is not running or no
// longer due then (a stale firing). Otherwise the clock moves up a tier and
// starts again there from `due_at` under its period (the start day not
// counted, as for any recipient), or lapses at the region; the step is
// recorded on the clock and the escalation returned. OUT_OF_RANGE from the
// calendar.
absl::StatusOr<std::optional<Escalation>> RunOutClock(Clock& clock, absl::Time due_at,
                                                      const ActContext& ctx);

// Appends the next event (seq 1, 2...) to `history`, recorded at `at` by
// ctx.actor, with the record's state and division after it.
void AppendEvent(std::vector<ComplaintEvent>& history, absl::string_view type,
                 const ActContext& ctx, std::string detail, absl::Time at,
                 ComplaintState state_after, const std::string& division_after);

// The queue of a record with these clocks: the highest division any of
// them has reached, else `home`.
std::string QueueOf(const std::vector<Clock>& clocks, const std::string& home,
                    const Divisions& divisions);

// A new limit governs clock `kind` of `c`: a running clock takes its
// period from its current start, the change recorded as a step. nullopt
// when the clock is not running or its period does not change.
absl::StatusOr<std::optional<Complaint>> ApplyLimit(Complaint c, ClockKind kind,
                                                    const LimitRule& rule, const ActContext& ctx);

// Why a clock is due when it is: its steps, and the days its current
// stretch counts over.
struct ClockExplanation {
  Clock clock;
  absl::CivilDay last_day;  // the last day to show a person (CST)
  int working_days = 0;     // working days after the start day through the last day
  // Days in that span that changed the count: "2025-10-01 国庆节、中秋节
  // (holiday)", "2025-10-11 adjusted working day" (a working weekend day).
  std::vector<std::string> holidays;
};
// OUT_OF_RANGE when the span is outside the calendar.
absl::StatusOr<ClockExplanation> Explain(const Clock& clock,
                                         const calendar::WorkingCalendar& calendar);

// "5 working days".
std::string PeriodText(calendar::StatutoryPeriod p);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_MACHINE_H_
