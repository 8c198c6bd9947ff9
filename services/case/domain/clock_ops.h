#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCK_OPS_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCK_OPS_H_

// What acts do to a case's clocks: start, meet, pause, resume, extend,
// stop, fire and re-derive. Every due moment is ComputeClock's (clocks.h)
// over the clock's start and events; nothing here edits a due date.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/calendar/working_calendar.h"
#include "services/case/domain/clocks.h"

namespace lawenforce::cases {

// The clocks of one case and how to compute them. Changes are collected
// so that the caller stores exactly those.
class CaseClocks {
 public:
  CaseClocks(std::vector<StatutoryClock> clocks, const calendar::WorkingCalendar& calendar,
             const ClockPolicy& policy)
      : clocks_(std::move(clocks)), calendar_(calendar), policy_(policy) {}

  // The clock of `kind`, if it was ever started.
  const StatutoryClock* Find(ClockKind kind) const;

  // Starts (or restarts) `kind` at `start`, with the rule's period (or
  // `period` when given: the five-year limitation).
  absl::Status Start(const std::string& case_id, const std::string& division, ClockKind kind,
                     absl::Time start, const std::string& start_event,
                     std::optional<calendar::StatutoryPeriod> period = std::nullopt);
  // A running, paused, overdue or lapsed clock of `kind` was satisfied at
  // `at`: MET, on time iff at < due. No-op for a clock never started or
  // already ended otherwise.
  void Meet(ClockKind kind, absl::Time at);
  // Every clock still open (running, paused, overdue) stops: the case ended.
  void StopAll(absl::Time at);

  // Typed events on a clock: FAILED_PRECONDITION naming the clock when it
  // is not in a state for them (not running, not paused, no extension left).
  absl::Status Pause(ClockKind kind, absl::Time at, PauseReason reason, const std::string& why,
                     const std::string& actor);
  absl::Status Resume(ClockKind kind, absl::Time at, const std::string& why,
                      const std::string& actor);
  absl::Status Extend(ClockKind kind, absl::Time at, int count, const std::string& why,
                      const std::string& actor);

  // The deadline fired at `at`: a running clock past due becomes OVERDUE
  // (LAPSED for a party's window). Returns whether it changed.
  bool Fire(ClockKind kind, absl::Time at);

  // Recomputes every open clock on the current calendar; a due moment
  // that changed is recorded as a kRecalendar event with `reason`.
  // A clock whose new due is later than `now` and was OVERDUE runs again.
  absl::Status Recalendar(absl::Time now, const std::string& reason);

  // Any clock overdue, or running past its due at `now` (not a party's).
  bool AnyOverdue(absl::Time now) const;

  const std::vector<StatutoryClock>& all() const { return clocks_; }
  // The clocks changed since construction, as they are now.
  std::vector<StatutoryClock> Changed() const;

 private:
  StatutoryClock* Mutable(ClockKind kind);
  absl::Status Recompute(StatutoryClock& c);
  void MarkChanged(ClockKind kind);

  std::vector<StatutoryClock> clocks_;
  const calendar::WorkingCalendar& calendar_;
  const ClockPolicy& policy_;
  std::vector<ClockKind> changed_;
};

// Whether a clock is still open: running, paused or overdue.
bool IsOpen(const StatutoryClock& c);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_CLOCK_OPS_H_
