#include "common/deadlines/deadline_engine.h"

// The worker side of DeadlineEngine: claim, fire, release.
#include <algorithm>
#include <optional>
#include <string>

#include "common/deadlines/deadline_rows.h"
#include "common/deadlines/metrics.h"
#include "common/deadlines/redis_queue.h"
#include "common/log/log.h"

namespace lawenforce::deadlines {

using internal::DeadlineRow;
using internal::QueueEdits;

// What firing one claimed member came to, decided inside its transaction.
struct DeadlineEngine::Outcome {
  enum class Action {
    kRelease,    // done (fired, or nothing left to do): out of the lease set
    kRequeue,    // back into the due set at requeue_at
    kKeepLease,  // failed: claimed again when the lease expires
  };
  Action action = Action::kKeepLease;
  absl::Time requeue_at;
  bool fired = false;
  bool handler_failed = false;
  bool unknown_kind = false;
  std::string kind;
  absl::Duration lag;
};

absl::StatusOr<int> DeadlineEngine::RunOnce() {
  absl::StatusOr<Cycle> cycle = RunCycle();
  if (!cycle.ok()) {
    return cycle.status();
  }
  return cycle->fired;
}

absl::StatusOr<DeadlineEngine::Cycle> DeadlineEngine::RunCycle() {
  const absl::Time now = clock_->Now();
  absl::StatusOr<internal::ClaimResult> claim = internal::Claim(
      *redis_, *keys_, now, now + options_.lease, std::max(1, options_.claim_batch));
  NoteRedis(claim.status());
  if (!claim.ok()) {
    return claim.status();
  }
  if (claim->lease_expiries > 0) {
    metrics_->RecordLeaseExpiries(claim->lease_expiries);
    log::Warn("deadline_leases_expired",
              {{"namespace", options_.namespace_prefix}, {"count", claim->lease_expiries}});
  }
  Cycle cycle;
  cycle.claimed = static_cast<int>(claim->members.size());
  QueueEdits edits;
  for (const std::string& member : claim->members) {
    Outcome outcome = Fire(member);
    switch (outcome.action) {
      case Outcome::Action::kRelease:
        edits.Release(member);
        break;
      case Outcome::Action::kRequeue:
        edits.Requeue(member, outcome.requeue_at);
        break;
      case Outcome::Action::kKeepLease:
        break;
    }
    cycle.fired += outcome.fired ? 1 : 0;
  }
  if (!edits.empty()) {
    // On failure the leases expire and the members are claimed again; their
    // rows say there is nothing left to do, or when to look again.
    NoteRedis(edits.Apply(*redis_, *keys_));
  }
  if (cycle.fired > 0) {
    // Handlers may have scheduled follow-up deadlines in their transaction;
    // publish them now rather than at the loop's next turn (failure is
    // harmless: the loop retries).
    PublishPending().IgnoreError();
  }
  return cycle;
}

DeadlineEngine::Outcome DeadlineEngine::Fire(absl::string_view member_text) {
  const internal::Member member = internal::ParseMember(member_text);
  Outcome out;
  absl::Status status = db_->Write([&](store::Transaction& tx) -> absl::Status {
    out = Outcome();  // the backend may run this again
    const absl::Time now = clock_->Now();
    absl::StatusOr<std::optional<DeadlineRow>> found = internal::FindById(tx, member.id);
    if (!found.ok()) {
      return found.status();
    }
    out.action = Outcome::Action::kRelease;
    if (!found->has_value() || (*found)->state != internal::kPending) {
      return absl::OkStatus();  // cancelled, fired, re-armed under a new id
    }
    const DeadlineRow& row = **found;
    std::optional<absl::Time> at = row.due_at;
    if (member.is_reminder) {
      at = row.reminded ? std::nullopt : row.remind_at;
    }
    if (!at.has_value()) {
      return absl::OkStatus();  // reminder sent already, or dropped
    }
    if (*at > now) {  // claimed at a stale, earlier score
      out.action = Outcome::Action::kRequeue;
      out.requeue_at = *at;
      return absl::OkStatus();
    }
    Handler handler = FindHandler(row.kind, member.is_reminder);
    if (!handler) {
      out.action = Outcome::Action::kRequeue;
      out.requeue_at = now + options_.unknown_kind_retry;
      out.unknown_kind = true;
      out.kind = row.kind;
      return absl::OkStatus();
    }
    absl::StatusOr<bool> marked = member.is_reminder
                                      ? internal::MarkReminded(tx, row.id, *at)
                                      : internal::MarkFired(tx, row.id, row.due_at, now);
    if (!marked.ok()) {
      return marked.status();
    }
    if (!*marked) {  // changed under us (possible on PostgreSQL): look again
      out.action = Outcome::Action::kRequeue;
      out.requeue_at = now;
      return absl::OkStatus();
    }
    Deadline deadline{row.id, row.kind, row.subject, row.payload, row.due_at, member.is_reminder};
    out.kind = row.kind;
    if (absl::Status s = handler(tx, deadline); !s.ok()) {
      out.action = Outcome::Action::kKeepLease;
      out.handler_failed = true;
      return s;
    }
    out.fired = true;
    out.lag = now - *at;
    return absl::OkStatus();
  });
  if (!status.ok()) {
    // Rolled back: a failed handler, the store, or the commit.
    if (out.handler_failed) {
      metrics_->RecordHandlerFailure(out.kind);
    }
    log::Warn("deadline_fire_failed", {{"kind", out.kind},
                                       {"deadline_id", member.id},
                                       {"reminder", member.is_reminder},
                                       {"in_handler", out.handler_failed},
                                       {"code", absl::StatusCodeToString(status.code())}});
    out.action = Outcome::Action::kKeepLease;
    out.fired = false;
    return out;
  }
  if (out.unknown_kind) {
    log::Warn("deadline_kind_unhandled", {{"kind", out.kind},
                                          {"deadline_id", member.id},
                                          {"reminder", member.is_reminder},
                                          {"retry_in", options_.unknown_kind_retry}});
  }
  if (out.fired) {
    if (member.is_reminder) {
      metrics_->RecordReminder(out.kind);
    } else {
      metrics_->RecordFired(out.kind, out.lag);
    }
    log::Info("deadline_fired", {{"kind", out.kind},
                                 {"deadline_id", member.id},
                                 {"reminder", member.is_reminder},
                                 {"lag", out.lag}});
  }
  return out;
}

}  // namespace lawenforce::deadlines
