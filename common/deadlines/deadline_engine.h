#ifndef LAWENFORCE_COMMON_DEADLINES_DEADLINE_ENGINE_H_
#define LAWENFORCE_COMMON_DEADLINES_DEADLINE_ENGINE_H_

// The deadline engine (ARCHITECTURE.md section 6). A deadline is a row in
// the owning service's store (schema.h) and a member of a Redis sorted set
// scored by its due time. Any replica's worker claims due members atomically
// with a lease (one Lua script), fires each in a SQL transaction that also
// marks it fired, and removes the member once that transaction committed;
// an expired lease makes a member claimable again.
//
// Delivery is at least once, effects exactly once: the handler runs inside
// the transaction whose guarded UPDATE (still pending, same due time) marks
// the deadline fired, so of two workers holding the same member only one
// commits; a handler that fails, or a worker that dies, rolls back and the
// member is claimed again when its lease expires.
//
// SQL is the truth, Redis an index of it. A change reaches Redis when the
// caller publishes after its commit, else within publish_interval (the
// publish loop), and the reconciler re-adds every pending deadline at start,
// every reconcile_interval, when Redis comes back after an outage, and as
// soon as the marker key is found missing (FLUSHALL, restart without
// persistence). A claim never trusts the score: it re-reads the row, and a
// member claimed before its row's (moved) due time is put back at that time.
//
// Handlers must be quick, must not touch Redis or other services before the
// commit (the transaction may roll back), and get each deadline once. A
// handler may Schedule/Cancel/Reschedule in its transaction (published after
// its batch); it must not call PublishPending (a nested write: deadlock).
// Clocks of replicas must agree to well within the lease. A reminder fires
// once, at due_at - remind_before or as soon after as a worker gets to it,
// provided its deadline is still pending (a late reminder of a deadline
// that has already fired is dropped). Needs Redis >= 6.2 (ZADD LT).

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/deadlines/schema.h"
#include "common/ids/id_generator.h"
#include "common/redis/redis_client.h"
#include "common/store/sql.h"
#include "common/time/clock.h"
#include "prometheus/registry.h"

namespace lawenforce::deadlines {

namespace internal {
class EngineMetrics;
struct Keys;
}  // namespace internal

struct EngineOptions {
  // Keys are "<prefix>:dl:due", "<prefix>:dl:lease", "<prefix>:dl:reconciled"
  // (e.g. "le:personnel:v1"). Required.
  std::string namespace_prefix;
  // How long a claim is exclusive; also the retry delay after a handler fails.
  absl::Duration lease = absl::Seconds(30);
  absl::Duration poll_interval = absl::Milliseconds(200);
  int claim_batch = 100;
  absl::Duration reconcile_interval = absl::Minutes(5);
  absl::Duration publish_interval = absl::Seconds(1);
  // How often the publish loop refreshes lawenforce_deadlines_pending.
  absl::Duration pending_gauge_interval = absl::Seconds(30);
  // A member of a kind with no handler here is looked at again after this.
  absl::Duration unknown_kind_retry = absl::Minutes(1);
  // Rows per SQL page of the reconciler.
  int reconcile_page = 10000;
  int worker_threads = 1;
};

// Thread-safe. The store, Redis client, clock, id generator and registry
// (nullable) must outlive the engine.
class DeadlineEngine final : public DeadlineScheduler {
 public:
  // Runs inside the write transaction that marks the deadline fired (or its
  // reminder sent); returning an error rolls both back and the deadline is
  // retried after the lease. The transaction must not be used afterwards.
  using Handler = std::function<absl::Status(store::Transaction&, const Deadline&)>;

  DeadlineEngine(store::Database* db, redis::RedisClient* redis, const Clock* clock,
                 IdGenerator* ids, EngineOptions options, prometheus::Registry* registry);
  ~DeadlineEngine() override;  // Stop()s.

  DeadlineEngine(const DeadlineEngine&) = delete;
  DeadlineEngine& operator=(const DeadlineEngine&) = delete;

  // DeadlineScheduler.
  absl::StatusOr<std::string> Schedule(store::Transaction& tx, const DeadlineSpec& spec) override;
  absl::Status Cancel(store::Transaction& tx, absl::string_view kind,
                      absl::string_view subject) override;
  absl::Status Reschedule(store::Transaction& tx, absl::string_view kind, absl::string_view subject,
                          absl::Time new_due) override;
  absl::Status PublishPending() override;

  // The handler of due events / reminders of `kind`, replacing an earlier one.
  // Register before Start(). A claimed member of a kind without a handler is
  // left pending and looked at again after unknown_kind_retry.
  void RegisterHandler(absl::string_view kind, Handler handler);
  void RegisterReminderHandler(absl::string_view kind, Handler handler);

  // Re-adds every published pending deadline (and unsent reminder) to the
  // due set, keeping a score already there when it is earlier (ZADD LT).
  // Pages through the store by id (reconcile_page rows per read) and sends
  // each page as one pipeline of ZADDs of 1,000 members. Counts the members
  // that were missing (lawenforce_deadlines_reconciler_readds_total; one
  // claimed at that moment counts too, and costs one extra, harmless claim).
  // Sets the pending gauge. Redis or store errors.
  absl::Status Reconcile();

  // One claim/fire cycle at clock->Now(): moves expired leases back, claims
  // up to claim_batch due members, fires them in due order and releases
  // them. Returns how many handlers (events and reminders) committed. Redis
  // errors from the claim; a failed handler is logged, not returned.
  absl::StatusOr<int> RunOnce();

  // Starts worker_threads workers, the publish loop and the reconcile loop
  // (which reconciles at once). Errors are logged on change and backed off;
  // nothing here crashes the process. Start after Stop is not supported.
  void Start();
  // Stops and joins the threads. Idempotent.
  void Stop();

 private:
  struct Cycle {
    int claimed = 0;
    int fired = 0;
  };
  struct Outcome;

  absl::StatusOr<Cycle> RunCycle();
  Outcome Fire(absl::string_view member);
  Handler FindHandler(absl::string_view kind, bool reminder) const;
  absl::Status RefreshPendingGauge();
  // Tracks whether Redis answers; on its return after failures, asks for a
  // reconcile (a restart may have lost the last writes).
  void NoteRedis(const absl::Status& status);
  void RequestReconcile();

  void WorkerLoop();
  void PublishLoop();
  void ReconcileLoop();
  // Waits up to `d`; true when stopping.
  bool WaitOrStop(absl::Duration d);
  bool ReconcileWanted() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop_mu_) {
    return stopping_ || reconcile_requested_;
  }

  store::Database* const db_;
  redis::RedisClient* const redis_;
  const Clock* const clock_;
  IdGenerator* const ids_;
  const EngineOptions options_;
  const std::unique_ptr<internal::Keys> keys_;
  const std::unique_ptr<internal::EngineMetrics> metrics_;

  mutable absl::Mutex handlers_mu_;
  absl::flat_hash_map<std::string, Handler> handlers_ ABSL_GUARDED_BY(handlers_mu_);
  absl::flat_hash_map<std::string, Handler> reminder_handlers_ ABSL_GUARDED_BY(handlers_mu_);

  // Serialises publishers in this process (they are safe concurrently, but
  // would repeat each other's work).
  absl::Mutex publish_mu_;
  // 0 unknown, 1 up, 2 down.
  std::atomic<int> redis_state_{0};
  // A Reconcile() has completed (and so set the marker) at least once.
  std::atomic<bool> reconciled_{false};

  absl::Mutex loop_mu_;
  bool stopping_ ABSL_GUARDED_BY(loop_mu_) = false;
  bool reconcile_requested_ ABSL_GUARDED_BY(loop_mu_) = false;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(loop_mu_);
};

}  // namespace lawenforce::deadlines

#endif  // LAWENFORCE_COMMON_DEADLINES_DEADLINE_ENGINE_H_
