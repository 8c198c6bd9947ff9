#include "services/supervision/domain/complaint_machine.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/calendar/statutory_period.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/time/clock.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

absl::Status NotIn(const Complaint& c, absl::string_view act) {
  return absl::FailedPreconditionError(
      absl::StrCat("complaint is ", StateCode(c.state), ": cannot ", act));
}

void AddEvent(Complaint& c, absl::string_view type, const ActContext& ctx, std::string detail,
              absl::Time at) {
  AppendEvent(c.history, type, ctx, std::move(detail), at, c.state, c.division_code);
}

void AddEvent(Complaint& c, absl::string_view type, const ActContext& ctx, std::string detail) {
  AddEvent(c, type, ctx, std::move(detail), ctx.now);
}

// Starts (or starts again) clock `kind` at `start` under `rule`, at `division`.
absl::Status StartClock(Complaint& c, ClockKind kind, const LimitRule& rule, absl::Time start,
                        const std::string& division, std::string what, const ActContext& ctx) {
  absl::StatusOr<absl::Time> due = calendar::DueTime(*ctx.calendar, start, rule.period);
  if (!due.ok()) return due.status();
  Clock* clock = c.FindClock(kind);
  if (clock == nullptr) {
    c.clocks.push_back(Clock{});
    clock = &c.clocks.back();
    clock->kind = kind;
  }
  clock->state = ClockState::kRunning;
  clock->start = start;
  clock->period = rule.period;
  clock->limit_source = LimitSource(rule);
  clock->division_code = division;
  clock->due = *due;
  clock->ended_at.reset();
  clock->on_time = false;
  clock->lapses = 0;
  clock->steps.push_back(ClockStep{
      std::move(what), start, *due,
      absl::StrCat(PeriodText(rule.period), " (", clock->limit_source, ") at ", division)});
  std::sort(c.clocks.begin(), c.clocks.end(),
            [](const Clock& a, const Clock& b) { return a.kind < b.kind; });
  return absl::OkStatus();
}

// Meets clock `kind` if it is running or ran out at the region (the act
// is done, late).
void Meet(Complaint& c, ClockKind kind, absl::string_view act, const ActContext& ctx) {
  Clock* clock = c.FindClock(kind);
  if (clock == nullptr ||
      (clock->state != ClockState::kRunning && clock->state != ClockState::kLapsedAtRegion)) {
    return;
  }
  clock->state = ClockState::kMet;
  clock->ended_at = ctx.now;
  clock->on_time = clock->lapses == 0 && ctx.now < clock->due;
  clock->steps.push_back(ClockStep{absl::StrCat("met: ", act), ctx.now, clock->due,
                                   clock->on_time ? "in time" : "late"});
}

void Requeue(Complaint& c, const Divisions& divisions) {
  c.queue_division_code = QueueOf(c.clocks, c.division_code, divisions);
}

}  // namespace

absl::Status RequireHandling(const Complaint& c, absl::string_view act) {
  if (c.state == ComplaintState::kReceived || c.state == ComplaintState::kInHandling) {
    return absl::OkStatus();
  }
  return NotIn(c, act);
}

absl::CivilDay LastDay(absl::Time due) {
  return absl::ToCivilDay(due - absl::Microseconds(1), ChinaTimeZone());
}

absl::StatusOr<ClockExplanation> Explain(const Clock& clock,
                                         const calendar::WorkingCalendar& calendar) {
  ClockExplanation out;
  out.clock = clock;
  const absl::TimeZone cst = ChinaTimeZone();
  const absl::CivilDay start_day = absl::ToCivilDay(clock.start, cst);
  out.last_day = LastDay(clock.due);
  if (clock.period.unit == calendar::PeriodUnit::kHours) return out;
  for (absl::CivilDay day = start_day + 1; day <= out.last_day; ++day) {
    absl::StatusOr<bool> working = calendar.IsWorkingDay(day);
    if (!working.ok()) return working.status();
    if (*working) ++out.working_days;
    const bool weekend = absl::GetWeekday(day) == absl::Weekday::saturday ||
                         absl::GetWeekday(day) == absl::Weekday::sunday;
    const std::string name = calendar.HolidayName(day);
    if (!*working && !name.empty()) {
      out.holidays.push_back(absl::StrCat(absl::FormatCivilTime(day), " ", name, " (holiday)"));
    } else if (*working && weekend) {
      out.holidays.push_back(absl::StrCat(absl::FormatCivilTime(day), " adjusted working day"));
    }
  }
  return out;
}

std::string PeriodText(calendar::StatutoryPeriod p) {
  return absl::StrCat(p.count, " ", calendar::PeriodUnitName(p.unit));
}

absl::StatusOr<Complaint> Receive(Complaint c, const ClockLimits& limits, const ActContext& ctx) {
  c.state = ComplaintState::kReceived;
  c.submit_time = ctx.now;
  c.queue_division_code = c.division_code;
  c.version = 1;
  c.clocks.clear();
  c.history.clear();
  if (absl::Status s = StartClock(c, ClockKind::kAcknowledge, limits.acknowledge, ctx.now,
                                  c.division_code, "started at receipt", ctx);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = StartClock(c, ClockKind::kResolve, limits.resolve, ctx.now, c.division_code,
                                  "started at receipt", ctx);
      !s.ok()) {
    return s;
  }
  AddEvent(c, "submitted", ctx, absl::StrCat("routed to agency ", c.agency_id));
  return c;
}

absl::StatusOr<Complaint> Assign(Complaint c, const std::string& assignee_id,
                                 const ActContext& ctx) {
  if (c.state != ComplaintState::kReceived && c.state != ComplaintState::kInHandling) {
    return NotIn(c, "assign it");
  }
  if (absl::Status s = ValidateId("assignee_id", assignee_id); !s.ok()) return s;
  c.assignee_id = assignee_id;
  AddEvent(c, "assigned", ctx, absl::StrCat("to officer ", assignee_id));
  return c;
}

absl::StatusOr<Complaint> Acknowledge(Complaint c, const ActContext& ctx) {
  if (c.state != ComplaintState::kReceived) return NotIn(c, "acknowledge it");
  c.state = ComplaintState::kInHandling;
  c.acknowledge_time = ctx.now;
  Meet(c, ClockKind::kAcknowledge, "acknowledged", ctx);
  AddEvent(c, "acknowledged", ctx, "");
  return c;
}

absl::StatusOr<Complaint> Decline(Complaint c, const std::string& responsible_agency_id,
                                  const std::string& division_code, const std::string& reason,
                                  const ClockLimits& limits, const ActContext& ctx) {
  if (c.state != ComplaintState::kReceived && c.state != ComplaintState::kInHandling) {
    return NotIn(c, "decline it");
  }
  if (responsible_agency_id == c.agency_id) {
    return InvalidField("responsible_agency_id",
                        "is the agency the complaint is routed to: name the one responsible");
  }
  c.routings.push_back(Routing{c.agency_id, responsible_agency_id, reason, ctx.actor, ctx.now});
  c.agency_id = responsible_agency_id;
  c.division_code = division_code;
  c.assignee_id.clear();
  c.state = ComplaintState::kReceived;
  c.acknowledge_time.reset();
  const std::string what =
      absl::StrCat("started again: re-routed to agency ", responsible_agency_id);
  if (absl::Status s = StartClock(c, ClockKind::kAcknowledge, limits.acknowledge, ctx.now,
                                  division_code, what, ctx);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          StartClock(c, ClockKind::kResolve, limits.resolve, ctx.now, division_code, what, ctx);
      !s.ok()) {
    return s;
  }
  c.queue_division_code = division_code;
  AddEvent(c, "declined", ctx,
           absl::StrCat("not ours: re-routed to agency ", responsible_agency_id, ": ", reason));
  return c;
}

absl::StatusOr<Complaint> Resolve(Complaint c, const std::string& resolution,
                                  const ActContext& ctx) {
  if (c.state != ComplaintState::kReceived && c.state != ComplaintState::kInHandling) {
    return NotIn(c, "record a resolution");
  }
  c.resolution = resolution;
  c.state = ComplaintState::kResolved;
  c.resolve_time = ctx.now;
  if (!c.acknowledge_time.has_value()) c.acknowledge_time = ctx.now;
  Meet(c, ClockKind::kAcknowledge, "resolved before acknowledging", ctx);
  Meet(c, ClockKind::kResolve, "resolved", ctx);
  const Clock* clock = c.FindClock(ClockKind::kResolve);
  AddEvent(c, "resolved", ctx, "");
  c.history.back().on_time = clock != nullptr && clock->on_time;
  return c;
}

absl::StatusOr<Complaint> RecordFeedback(Complaint c, int satisfaction, const std::string& comment,
                                         const ActContext& ctx) {
  if (c.state != ComplaintState::kResolved) return NotIn(c, "record the complainant's rating");
  if (satisfaction < 1 || satisfaction > 5) {
    return InvalidField("satisfaction", "must be 1 (very dissatisfied) .. 5 (very satisfied)");
  }
  c.satisfaction = satisfaction;
  c.feedback_comment = comment;
  c.state = ComplaintState::kClosed;
  c.close_time = ctx.now;
  AddEvent(c, "rated", ctx, absl::StrCat(satisfaction, " of 5"));
  c.history.back().satisfaction = satisfaction;
  return c;
}

absl::StatusOr<Complaint> Reopen(Complaint c, const std::string& reason,
                                 const LimitRule& resolve_limit, const ActContext& ctx) {
  if (c.state != ComplaintState::kClosed) return NotIn(c, "reopen it");
  if (c.reopened) {
    return absl::FailedPreconditionError("complaint was reopened once already: it cannot be again");
  }
  if (c.satisfaction > 2) {
    return absl::FailedPreconditionError(
        absl::StrCat("complaint was rated ", c.satisfaction,
                     " of 5: only a dissatisfied rating (1 or 2) reopens"));
  }
  c.reopened = true;
  c.state = ComplaintState::kInHandling;
  c.close_time.reset();
  c.resolve_time.reset();
  if (absl::Status s = StartClock(c, ClockKind::kResolve, resolve_limit, ctx.now, c.division_code,
                                  absl::StrCat("started again: reopened: ", reason), ctx);
      !s.ok()) {
    return s;
  }
  Requeue(c, *ctx.divisions);
  AddEvent(c, "reopened", ctx, reason);
  return c;
}

void AppendEvent(std::vector<ComplaintEvent>& history, absl::string_view type,
                 const ActContext& ctx, std::string detail, absl::Time at,
                 ComplaintState state_after, const std::string& division_after) {
  ComplaintEvent e;
  e.seq = static_cast<int64_t>(history.size()) + 1;
  e.type = std::string(type);
  e.at = at;
  e.actor = ctx.actor;
  e.detail = std::move(detail);
  e.state_after = state_after;
  e.division_after = division_after;
  history.push_back(std::move(e));
}

std::string QueueOf(const std::vector<Clock>& clocks, const std::string& home,
                    const Divisions& divisions) {
  std::string queue = home;
  int best = 99;
  for (const Clock& clock : clocks) {
    absl::StatusOr<Division> d = divisions.Lookup(clock.division_code);
    const int tier = d.ok() ? static_cast<int>(d->tier) : 99;
    if (tier < best) {
      best = tier;
      queue = clock.division_code;
    }
  }
  return queue;
}

absl::StatusOr<std::optional<Escalation>> RunOutClock(Clock& clock, absl::Time due_at,
                                                      const ActContext& ctx) {
  if (clock.state != ClockState::kRunning || clock.due != due_at) return std::nullopt;
  absl::StatusOr<Division> from = ctx.divisions->Lookup(clock.division_code);
  if (!from.ok()) return from.status();
  Escalation e{clock.kind, from->code, from->tier, "", Tier::kRegion, due_at, ctx.now};
  clock.lapses += 1;
  if (from->parent.empty()) {
    clock.state = ClockState::kLapsedAtRegion;
    clock.ended_at = due_at;
    clock.steps.push_back(ClockStep{"ran out at the region", due_at, due_at,
                                    "no tier above: stays in the region's queue"});
    return std::optional<Escalation>(e);
  }
  absl::StatusOr<Division> to = ctx.divisions->Lookup(from->parent);
  if (!to.ok()) return to.status();
  e.to_division = to->code;
  e.to_tier = to->tier;
  absl::StatusOr<absl::Time> due = calendar::DueTime(*ctx.calendar, due_at, clock.period);
  if (!due.ok()) return due.status();
  clock.start = due_at;
  clock.division_code = to->code;
  clock.due = *due;
  clock.steps.push_back(
      ClockStep{absl::StrCat("ran out at ", from->code, ": escalated to ", to->code), due_at, *due,
                absl::StrCat(PeriodText(clock.period), " again at ", to->code)});
  return std::optional<Escalation>(e);
}

absl::StatusOr<std::optional<Complaint>> FireClock(Complaint c, ClockKind kind, absl::Time due_at,
                                                   const ActContext& ctx) {
  Clock* clock = c.FindClock(kind);
  if (clock == nullptr) return std::nullopt;
  absl::StatusOr<std::optional<Escalation>> e = RunOutClock(*clock, due_at, ctx);
  if (!e.ok()) return e.status();
  if (!e->has_value()) return std::nullopt;
  c.escalations.push_back(**e);
  Requeue(c, *ctx.divisions);
  const Escalation& x = **e;
  AddEvent(c, x.to_division.empty() ? "lapsed_at_region" : "escalated", ctx,
           x.to_division.empty()
               ? absl::StrCat(ClockCode(kind), " clock ran out at ", x.from_division)
               : absl::StrCat(ClockCode(kind), " clock ran out at ", x.from_division,
                              ": escalated to ", x.to_division));
  return std::optional<Complaint>(std::move(c));
}

absl::StatusOr<std::optional<Complaint>> ApplyLimit(Complaint c, ClockKind kind,
                                                    const LimitRule& rule, const ActContext& ctx) {
  Clock* clock = c.FindClock(kind);
  if (clock == nullptr || clock->state != ClockState::kRunning) return std::nullopt;
  const std::string source = LimitSource(rule);
  if (clock->period.count == rule.period.count && clock->period.unit == rule.period.unit &&
      clock->limit_source == source) {
    return std::nullopt;
  }
  absl::StatusOr<absl::Time> due = calendar::DueTime(*ctx.calendar, clock->start, rule.period);
  if (!due.ok()) return due.status();
  const std::string detail =
      absl::StrCat(PeriodText(clock->period), " -> ", PeriodText(rule.period), " (", source,
                   ", by ", rule.set_by, ": ", rule.reason, ")");
  clock->period = rule.period;
  clock->limit_source = source;
  clock->due = *due;
  clock->steps.push_back(ClockStep{"limit changed", ctx.now, *due, detail});
  AddEvent(c, "limit_changed", ctx, absl::StrCat(ClockCode(kind), " clock: ", detail));
  return std::optional<Complaint>(std::move(c));
}

}  // namespace lawenforce::supervision
