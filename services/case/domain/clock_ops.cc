#include "services/case/domain/clock_ops.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace lawenforce::cases {
namespace {

absl::Status NotFor(const ClockRule& rule, absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat("clock ", rule.code, ": ", why));
}

}  // namespace

bool IsOpen(const StatutoryClock& c) {
  return c.state == ClockState::kRunning || c.state == ClockState::kPaused ||
         c.state == ClockState::kOverdue;
}

const StatutoryClock* CaseClocks::Find(ClockKind kind) const {
  for (const StatutoryClock& c : clocks_) {
    if (c.kind == kind) return &c;
  }
  return nullptr;
}

StatutoryClock* CaseClocks::Mutable(ClockKind kind) {
  return const_cast<StatutoryClock*>(Find(kind));
}

void CaseClocks::MarkChanged(ClockKind kind) {
  if (std::find(changed_.begin(), changed_.end(), kind) == changed_.end()) changed_.push_back(kind);
}

std::vector<StatutoryClock> CaseClocks::Changed() const {
  std::vector<StatutoryClock> out;
  for (ClockKind k : changed_) out.push_back(*Find(k));
  return out;
}

absl::Status CaseClocks::Recompute(StatutoryClock& c) {
  absl::StatusOr<ClockComputation> computed =
      ComputeClock(calendar_, RuleOf(c.kind, policy_), c.period, c.start, c.events);
  if (!computed.ok()) return computed.status();
  c.due = computed->due;
  c.provisional = computed->provisional;
  return absl::OkStatus();
}

absl::Status CaseClocks::Start(const std::string& case_id, const std::string& division,
                               ClockKind kind, absl::Time start, const std::string& start_event,
                               std::optional<calendar::StatutoryPeriod> period) {
  StatutoryClock fresh;
  fresh.case_id = case_id;
  fresh.division_code = division;
  fresh.kind = kind;
  fresh.start = start;
  fresh.start_event = start_event;
  fresh.period = period.value_or(RuleOf(kind, policy_).period);
  if (absl::Status s = Recompute(fresh); !s.ok()) return s;
  if (StatutoryClock* existing = Mutable(kind); existing != nullptr) {
    fresh.version = existing->version + 1;
    *existing = std::move(fresh);
  } else {
    clocks_.push_back(std::move(fresh));
  }
  MarkChanged(kind);
  return absl::OkStatus();
}

void CaseClocks::Meet(ClockKind kind, absl::Time at) {
  StatutoryClock* c = Mutable(kind);
  if (c == nullptr || !(IsOpen(*c) || c->state == ClockState::kLapsed)) return;
  if (c->state == ClockState::kPaused) {
    // Paused time does not count: met while paused is on time iff the
    // pause began before the due moment as it stood then.
    StatutoryClock before = *c;
    while (!before.events.empty() && before.events.back().kind != ClockEventKind::kPause) {
      before.events.pop_back();
    }
    const absl::Time paused_at = before.events.empty() ? at : before.events.back().time;
    if (!before.events.empty()) before.events.pop_back();
    before.state = ClockState::kRunning;
    c->on_time = Recompute(before).ok() && before.due.has_value() && paused_at < *before.due;
  } else {
    c->on_time = c->due.has_value() && at < *c->due;
  }
  c->state = ClockState::kMet;
  c->ended_at = at;
  ++c->version;
  MarkChanged(kind);
}

void CaseClocks::StopAll(absl::Time at) {
  for (StatutoryClock& c : clocks_) {
    if (!IsOpen(c)) continue;
    c.state = ClockState::kStopped;
    c.ended_at = at;
    ++c.version;
    MarkChanged(c.kind);
  }
}

absl::Status CaseClocks::Pause(ClockKind kind, absl::Time at, PauseReason reason,
                               const std::string& why, const std::string& actor) {
  const ClockRule rule = RuleOf(kind, policy_);
  if (kind != ClockKind::kDecision && kind != ClockKind::kSeizure) {
    return NotFor(rule,
                  "only the decision and seizure clocks exclude hearing, notice and testing time");
  }
  StatutoryClock* c = Mutable(kind);
  if (c == nullptr || (c->state != ClockState::kRunning && c->state != ClockState::kOverdue)) {
    return NotFor(rule, "not running");
  }
  ClockEvent e;
  e.seq = static_cast<int64_t>(c->events.size()) + 1;
  e.kind = ClockEventKind::kPause;
  e.time = at;
  e.pause_reason = reason;
  e.reason = why;
  e.actor = actor;
  c->events.push_back(e);
  c->state = ClockState::kPaused;
  ++c->version;
  MarkChanged(kind);
  return Recompute(*c);
}

absl::Status CaseClocks::Resume(ClockKind kind, absl::Time at, const std::string& why,
                                const std::string& actor) {
  StatutoryClock* c = Mutable(kind);
  if (c == nullptr || c->state != ClockState::kPaused) {
    return NotFor(RuleOf(kind, policy_), "not paused");
  }
  ClockEvent e;
  e.seq = static_cast<int64_t>(c->events.size()) + 1;
  e.kind = ClockEventKind::kResume;
  e.time = at;
  e.reason = why;
  e.actor = actor;
  c->events.push_back(e);
  if (absl::Status s = Recompute(*c); !s.ok()) return s;
  c->state = (c->due.has_value() && *c->due <= at) ? ClockState::kOverdue : ClockState::kRunning;
  ++c->version;
  MarkChanged(kind);
  return absl::OkStatus();
}

absl::Status CaseClocks::Extend(ClockKind kind, absl::Time at, int count, const std::string& why,
                                const std::string& actor) {
  const ClockRule rule = RuleOf(kind, policy_);
  StatutoryClock* c = Mutable(kind);
  if (c == nullptr || !IsOpen(*c)) return NotFor(rule, "not open");
  if (rule.max_extensions == 0) return NotFor(rule, "the law allows no extension");
  int extensions = 0;
  for (const ClockEvent& e : c->events) extensions += e.kind == ClockEventKind::kExtend ? 1 : 0;
  if (rule.max_extensions > 0 && extensions >= rule.max_extensions) {
    return NotFor(rule,
                  absl::StrCat("already extended ", extensions, " time(s), the most allowed"));
  }
  if (count <= 0) {
    return absl::InvalidArgumentError("extension: must be positive");
  }
  if (rule.extension_cap > 0 && count > rule.extension_cap) {
    return absl::InvalidArgumentError(
        absl::StrCat("extension: at most ", rule.extension_cap, " for the ", rule.code, " clock"));
  }
  ClockEvent e;
  e.seq = static_cast<int64_t>(c->events.size()) + 1;
  e.kind = ClockEventKind::kExtend;
  e.time = at;
  e.extension = count;
  e.reason = why;
  e.actor = actor;
  c->events.push_back(e);
  if (absl::Status s = Recompute(*c); !s.ok()) return s;
  if (c->state == ClockState::kOverdue && c->due.has_value() && *c->due > at) {
    c->state = ClockState::kRunning;
  }
  ++c->version;
  MarkChanged(kind);
  return absl::OkStatus();
}

bool CaseClocks::Fire(ClockKind kind, absl::Time at) {
  StatutoryClock* c = Mutable(kind);
  if (c == nullptr || c->state != ClockState::kRunning || !c->due.has_value() || *c->due > at) {
    return false;
  }
  c->state = RuleOf(kind, policy_).party_window ? ClockState::kLapsed : ClockState::kOverdue;
  c->ended_at = at;
  ++c->version;
  MarkChanged(kind);
  return true;
}

absl::Status CaseClocks::Recalendar(absl::Time now, const std::string& reason) {
  for (StatutoryClock& c : clocks_) {
    if (!IsOpen(c) || !c.provisional) continue;
    const std::optional<absl::Time> old_due = c.due;
    if (absl::Status s = Recompute(c); !s.ok()) return s;
    if (c.due == old_due && c.provisional) continue;  // still provisional, same answer
    if (old_due.has_value() && c.due.has_value() && *old_due != *c.due) {
      ClockEvent e;
      e.seq = static_cast<int64_t>(c.events.size()) + 1;
      e.kind = ClockEventKind::kRecalendar;
      e.time = now;
      e.reason = reason;
      e.actor = "system";
      e.old_due = *old_due;
      e.new_due = *c.due;
      c.events.push_back(e);
    }
    if (c.state == ClockState::kOverdue && c.due.has_value() && *c.due > now) {
      c.state = ClockState::kRunning;
      c.ended_at.reset();
    }
    ++c.version;
    MarkChanged(c.kind);
  }
  return absl::OkStatus();
}

bool CaseClocks::AnyOverdue(absl::Time now) const {
  for (const StatutoryClock& c : clocks_) {
    if (c.state == ClockState::kOverdue) return true;
    if (c.state == ClockState::kRunning && c.due.has_value() && *c.due <= now &&
        !RuleOf(c.kind, policy_).party_window) {
      return true;
    }
  }
  return false;
}

}  // namespace lawenforce::cases
