#ifndef LAWENFORCE_COMMON_DEADLINES_DEADLINE_SCHEDULER_H_
#define LAWENFORCE_COMMON_DEADLINES_DEADLINE_SCHEDULER_H_

// The part of the deadline engine a service's write path uses: schedule,
// move and cancel deadlines inside the transaction that makes the change,
// then publish them after the commit. An interface so that application code
// can be tested with a fake; DeadlineEngine (deadline_engine.h) implements it.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::deadlines {

// What to schedule. A deadline is identified by (kind, subject): scheduling
// the same pair again replaces it.
struct DeadlineSpec {
  std::string kind;     // a code constant naming the handler ("certificate_expiry")
  std::string subject;  // what the deadline is about (e.g. a certificate id)
  absl::Time due_at;
  std::string payload;  // passed to the handler as is (text, e.g. JSON)
  // When set, a reminder fires at due_at - remind_before (positive).
  std::optional<absl::Duration> remind_before;
};

// What a handler receives.
struct Deadline {
  std::string id;  // one per arming: a deadline scheduled again after firing gets a new id
  std::string kind;
  std::string subject;
  std::string payload;
  absl::Time due_at;  // the deadline's due time, for a reminder too
  bool is_reminder = false;
};

// Thread-safe.
class DeadlineScheduler {
 public:
  virtual ~DeadlineScheduler() = default;

  // Inside the caller's write transaction (the one making the change the
  // deadline belongs to). Creates the deadline of (kind, subject) or replaces
  // it: a pending one keeps its id and takes the new due time, reminder and
  // payload (a reminder already sent is not sent again unless its new time
  // is still ahead); a fired or cancelled one is armed again under a new id.
  // Returns the deadline's id. INVALID_ARGUMENT naming the field
  // ("deadline.kind", "deadline.subject", "deadline.due_at",
  // "deadline.remind_before"); store errors as they come.
  virtual absl::StatusOr<std::string> Schedule(store::Transaction& tx,
                                               const DeadlineSpec& spec) = 0;

  // Inside the caller's write transaction: the pending deadline of (kind,
  // subject), if any, will not fire. OK when there is none (idempotent).
  virtual absl::Status Cancel(store::Transaction& tx, absl::string_view kind,
                              absl::string_view subject) = 0;

  // Inside the caller's write transaction: moves the pending deadline of
  // (kind, subject) to `new_due`, its reminder keeping its distance.
  // NOT_FOUND when there is no such deadline; FAILED_PRECONDITION when it
  // already fired or was cancelled; INVALID_ARGUMENT for an infinite time.
  virtual absl::Status Reschedule(store::Transaction& tx, absl::string_view kind,
                                  absl::string_view subject, absl::Time new_due) = 0;

  // After the caller's commit: writes every change not yet in Redis to it.
  // Failing is harmless for correctness (the change is committed, and a
  // background loop retries every second), so a caller logs and carries on.
  // UNAVAILABLE or DEADLINE_EXCEEDED when Redis is down; store errors.
  virtual absl::Status PublishPending() = 0;
};

}  // namespace lawenforce::deadlines

#endif  // LAWENFORCE_COMMON_DEADLINES_DEADLINE_SCHEDULER_H_
