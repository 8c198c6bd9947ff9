#ifndef LAWENFORCE_COMMON_DEADLINES_REDIS_QUEUE_H_
#define LAWENFORCE_COMMON_DEADLINES_REDIS_QUEUE_H_

// Internal to the deadline engine: the Redis side. Two sorted sets per
// namespace, scored by unix microseconds (exact in a double up to 2^53):
//
//   <prefix>:dl:due    members waiting to fire, scored by when they are due;
//   <prefix>:dl:lease  members claimed by a worker, scored by lease expiry;
//
// and <prefix>:dl:reconciled, a marker the reconciler sets before it re-adds
// everything: its absence means Redis lost its data (FLUSHALL, restart
// without persistence), and the engine reconciles at once.
//
// A member is "<id>" for a deadline's due event and "r:<id>" for its
// reminder. The score in the due set may be EARLIER than the deadline's true
// time (a stale write; an early claim re-checks the row and puts the member
// back at its true time) but must never be later, or the deadline would fire
// late: so every add keeps the smaller of the present and the new score.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"

namespace lawenforce::deadlines::internal {

struct Keys {
  std::string due;
  std::string lease;
  std::string marker;
};
Keys KeysFor(absl::string_view prefix);

std::string EventMember(absl::string_view id);
std::string ReminderMember(absl::string_view id);

struct Member {
  std::string id;
  bool is_reminder = false;
};
Member ParseMember(absl::string_view member);

struct ClaimResult {
  int64_t lease_expiries = 0;        // expired leases moved back to the due set
  std::vector<std::string> members;  // claimed, in due order
};

// One atomic script: moves members whose lease expired at `now` back to the
// due set (keeping a due entry already there), then moves up to `batch`
// members due at `now` into the lease set with expiry `lease_until`.
absl::StatusOr<ClaimResult> Claim(redis::RedisClient& redis, const Keys& keys, absl::Time now,
                                  absl::Time lease_until, int batch);

// A batch of edits to both sets, applied in order by a script, in chunks of
// at most kOpsPerScript edits (each chunk is atomic; the batch is not).
class QueueEdits {
 public:
  static constexpr size_t kOpsPerScript = 1000;

  // Adds `member` to the due set at `at`, or lowers its score to `at`.
  void AddIfEarlier(absl::string_view member, absl::Time at);
  // Removes `member` from the due set (not from the lease set: its holder
  // re-reads the row before doing anything).
  void RemoveDue(absl::string_view member);
  // Moves a claimed member back: AddIfEarlier, then out of the lease set.
  void Requeue(absl::string_view member, absl::Time at);
  // Removes a claimed member from the lease set (its work is durable).
  void Release(absl::string_view member);

  size_t size() const { return ops_.size() / 3; }
  bool empty() const { return ops_.empty(); }

  // Applies every edit.
  absl::Status Apply(redis::RedisClient& redis, const Keys& keys) const;

 private:
  std::vector<std::string> ops_;  // (op, member, score) triples
};

// The reconciler's bulk add: for each (member, time), adds the member to the
// due set or lowers its score (ZADD LT, Redis >= 6.2), kMembersPerZadd
// members per command and every command of the call in one pipeline.
// Returns how many members were missing (and added). A member that is
// claimed right now is added too: whoever claims it again finds its row
// fired, or waits for the holder's transaction; see deadline_engine.h.
inline constexpr size_t kMembersPerZadd = 1000;
absl::StatusOr<int64_t> AddAllIfEarlier(
    redis::RedisClient& redis, const Keys& keys,
    const std::vector<std::pair<std::string, absl::Time>>& members);

// SET marker; EXISTS marker.
absl::Status SetMarker(redis::RedisClient& redis, const Keys& keys, absl::Time now);
absl::StatusOr<bool> MarkerExists(redis::RedisClient& redis, const Keys& keys);

}  // namespace lawenforce::deadlines::internal

#endif  // LAWENFORCE_COMMON_DEADLINES_REDIS_QUEUE_H_
