#ifndef LAWENFORCE_COMMON_DEADLINES_DEADLINE_ROWS_H_
#define LAWENFORCE_COMMON_DEADLINES_DEADLINE_ROWS_H_

// Internal to the deadline engine: every SQL statement on the `deadlines`
// table (schema.h), as functions on a caller's transaction. Times are unix
// microseconds in the table and absl::Time here.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::deadlines::internal {

inline constexpr absl::string_view kPending = "pending";
inline constexpr absl::string_view kFired = "fired";
inline constexpr absl::string_view kCancelled = "cancelled";

struct DeadlineRow {
  std::string id;
  std::string kind;
  std::string subject;
  std::string payload;
  absl::Time due_at;
  std::optional<absl::Time> remind_at;
  std::string state;
  bool reminded = false;
  bool published = false;
  int64_t version = 0;
};

// The row of (kind, subject) or of `id`; nullopt when there is none.
absl::StatusOr<std::optional<DeadlineRow>> FindByKey(store::Transaction& tx, absl::string_view kind,
                                                     absl::string_view subject);
absl::StatusOr<std::optional<DeadlineRow>> FindById(store::Transaction& tx, absl::string_view id);

// Inserts `row` as pending and unpublished.
absl::Status Insert(store::Transaction& tx, const DeadlineRow& row, absl::Time now);

// Re-arms the row of `old_id` as pending and unpublished with the due time,
// reminder and payload of `row` (whose id replaces `old_id` when they
// differ), bumping its version.
absl::Status Rearm(store::Transaction& tx, absl::string_view old_id, const DeadlineRow& row);

// Pending -> cancelled, unpublished. Returns whether a row changed.
absl::StatusOr<bool> CancelPending(store::Transaction& tx, absl::string_view kind,
                                   absl::string_view subject);

// Pending -> fired at `now`, only if still pending and due at exactly
// `due_at` (the value the caller read). Returns whether the row changed:
// false means another worker or a reschedule got there first.
absl::StatusOr<bool> MarkFired(store::Transaction& tx, absl::string_view id, absl::Time due_at,
                               absl::Time now);

// reminded 0 -> 1, only if the row is still pending with reminder time
// `remind_at`. Returns whether the row changed.
absl::StatusOr<bool> MarkReminded(store::Transaction& tx, absl::string_view id,
                                  absl::Time remind_at);

// Up to `limit` unpublished rows with id > `after_id`, in id order.
absl::StatusOr<std::vector<DeadlineRow>> ListUnpublished(store::Transaction& tx,
                                                         absl::string_view after_id, int limit);

// published 0 -> 1, only if the row is still at `version`.
absl::Status MarkPublished(store::Transaction& tx, absl::string_view id, int64_t version);

// Up to `limit` pending rows with id > `after_id`, in id order, without
// their subject and payload (left empty).
absl::StatusOr<std::vector<DeadlineRow>> ListPending(store::Transaction& tx,
                                                     absl::string_view after_id, int limit);

// (kind, number of pending rows) for every kind with pending rows.
absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> CountPendingByKind(
    store::Transaction& tx);

}  // namespace lawenforce::deadlines::internal

#endif  // LAWENFORCE_COMMON_DEADLINES_DEADLINE_ROWS_H_
