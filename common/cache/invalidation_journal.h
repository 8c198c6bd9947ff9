#ifndef LAWENFORCE_COMMON_CACHE_INVALIDATION_JOURNAL_H_
#define LAWENFORCE_COMMON_CACHE_INVALIDATION_JOURNAL_H_

// The invalidation journal: no cache invalidation is ever lost, not when
// Redis is down at the moment of a change, nor when the process dies between
// the change's commit and its invalidation.
//
// A change records the keys it makes stale in its own write transaction
// (Record), so the invalidation is durable exactly when the change is. Right
// after the commit, and before answering, the service calls Flush(), which
// invalidates every journaled key of this cache's namespace in Redis and
// deletes the rows that succeeded. A background loop (Start) retries what is
// left. Each service includes kCacheInvalidationsTableSql in one of its
// migrations; replicas sharing the database flush each other's rows too.
//
//   db->Write([&](store::Transaction& tx) -> absl::Status {
//     ...the change...
//     return journal->Record(tx, ids->Next(), officer_id, clock->Now());
//   });
//   journal->Flush();  // on failure the cache is distrusted, see below
//
// While an invalidation may be missing from Redis, the cache must not be
// read: the journal distrusts the VersionedCache (its reads bypass Redis)
// from construction until a Flush has completed, and again whenever Redis
// fails, until a Flush that started after the failure has completed. So a
// change whose Flush failed is never read stale on this replica. Another
// replica that saw no Redis failure itself (a partition of only this
// replica's link) may serve the old value until a Flush reaches Redis:
// its own background loop flushes this replica's row, so that window is
// bounded by the loop's interval (and always by the cache TTL).

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/cache/versioned_cache.h"
#include "common/store/sql.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace lawenforce::cache {

inline constexpr absl::string_view kCacheInvalidationsTableSql = R"sql(
CREATE TABLE cache_invalidations (
  id TEXT PRIMARY KEY,
  cache_namespace TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  create_time INTEGER NOT NULL
);
)sql";

// Thread-safe. Flushes are serialised.
class InvalidationJournal {
 public:
  // `db` and `cache` (not owned) must outlive this object; `metrics` may be
  // null. Distrusts `cache` until the first Flush() completes.
  InvalidationJournal(store::Database* db, VersionedCache* cache,
                      prometheus::Registry* metrics = nullptr);
  // Stops the background loop.
  ~InvalidationJournal();

  InvalidationJournal(const InvalidationJournal&) = delete;
  InvalidationJournal& operator=(const InvalidationJournal&) = delete;

  // Inside the change's write transaction: journals that `key` of this
  // cache's namespace must be invalidated. `id` is unique per call (one
  // change invalidating three keys records three ids). The transaction's
  // codes (ALREADY_EXISTS for a reused id).
  absl::Status Record(store::Transaction& tx, absl::string_view id, absl::string_view key,
                      absl::Time now) const;

  // Invalidates every journaled key of this namespace in Redis and deletes
  // those rows, in batches. OK when none is left; otherwise the cache's
  // status (Redis down: UNAVAILABLE, DEADLINE_EXCEEDED) or the database's,
  // and the rest stays journaled for the next Flush.
  absl::Status Flush() ABSL_LOCKS_EXCLUDED(flush_mu_, mu_);

  // Runs Flush() at once and then every `interval` until Stop(). Logs
  // changes between clear and pending only. Does nothing when running.
  void Start(absl::Duration interval) ABSL_LOCKS_EXCLUDED(loop_mu_);
  // Stops the loop and waits for it. Does nothing when not running.
  void Stop() ABSL_LOCKS_EXCLUDED(loop_mu_);

  // True until a Flush() has completed with nothing left, and after every
  // Flush() that left something journaled.
  bool pending() const ABSL_LOCKS_EXCLUDED(mu_);

  // Blocks until !pending() or `timeout` has passed; returns !pending().
  bool WaitUntilClear(absl::Duration timeout) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  enum class State { kUnknown, kClear, kPending };

  absl::Status FlushBatches() ABSL_EXCLUSIVE_LOCKS_REQUIRED(flush_mu_);
  void SetState(State state, const absl::Status& status) ABSL_LOCKS_EXCLUDED(mu_);
  void Loop(absl::Duration interval, uint64_t generation) ABSL_LOCKS_EXCLUDED(loop_mu_);

  store::Database* const db_;
  VersionedCache* const cache_;
  prometheus::Gauge* pending_gauge_ = nullptr;

  absl::Mutex flush_mu_;

  mutable absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kUnknown;

  absl::Mutex loop_mu_;
  // Bumped by Start() and Stop(): a loop runs while it is its own.
  uint64_t generation_ ABSL_GUARDED_BY(loop_mu_) = 0;
  std::thread loop_ ABSL_GUARDED_BY(loop_mu_);
};

}  // namespace lawenforce::cache

#endif  // LAWENFORCE_COMMON_CACHE_INVALIDATION_JOURNAL_H_
