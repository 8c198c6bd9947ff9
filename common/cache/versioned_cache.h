#ifndef LAWENFORCE_COMMON_CACHE_VERSIONED_CACHE_H_
#define LAWENFORCE_COMMON_CACHE_VERSIONED_CACHE_H_

// Cache-aside on Redis that never answers with a value a finished change has
// made wrong (ARCHITECTURE.md section 6), even against a reader that loaded
// the old value concurrently, a Redis FLUSHALL, or a Redis restart that lost
// acknowledged writes.
//
// Keys of namespace N (CacheOptions::namespace_prefix), for a cache key K:
//   le:N:val:K   "<tag>\n<bytes>", with the TTL
//   le:N:ver:K   the key's current version tag, with twice the TTL
//   le:N:meta    hash {epoch, clock}: the namespace's version allocator,
//                the one key without a TTL (one per namespace)
// A version tag is "<epoch>.<clock>": `clock` is incremented for every tag
// handed out, and `epoch` is the first 16 hex digits of the Redis server's
// run_id followed by a random nonce. So a tag is never handed out twice:
// not after a FLUSHALL (the meta hash is gone, a new nonce is drawn), and not
// after a restart or failover (a new run_id). A value is served only when its
// tag equals the key's version and that version belongs to the current
// epoch; a version of an older epoch is replaced on read.
//
// The protocol (each step one atomic Lua script or command):
//   read:       tag = version of K (allocated when missing or of an old
//               epoch), value of K
//   hit:        value present and tagged `tag`
//   miss:       load from the system of record, then store (value, tag)
//               only if K's version is still `tag`
//   invalidate: DEL version and value of K; the next reader allocates a new,
//               never-seen tag, so any reader still holding an older tag can
//               no longer store, and nothing stored under it is served.
//
// Costs: a hit is one round trip (GetOrLoadMany: one for the whole batch), a
// miss two. The restart check reads INFO server inside the read script
// (about 10 us of Redis CPU per round trip). A script touches several keys of
// one namespace: single-instance Redis (or Sentinel), not Redis Cluster.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace lawenforce::cache {

// The label naming the cache (CacheOptions::namespace_prefix) on the cache
// metrics (lawenforce_cache_requests_total, lawenforce_cache_invalidations_total,
// lawenforce_cache_journal_pending). Not "namespace": on Kubernetes that is
// the target's namespace, and Prometheus would rename ours to
// exported_namespace.
inline constexpr char kMetricLabel[] = "cache";

struct CacheOptions {
  // Names the cached data and its format, e.g. "personnel:eligibility:v1";
  // bump the suffix when the format of the cached bytes changes. Also the
  // value of the metrics' `cache` label (kMetricLabel): a constant chosen in
  // code.
  std::string namespace_prefix;
  // Every cached value expires (Redis runs noeviction); this also bounds
  // staleness should an invalidation ever be lost entirely. > 0.
  absl::Duration ttl = absl::Seconds(60);
};

// Thread-safe. Never fails because of Redis: when Redis is down or answers
// with an error, reads fall back to the loader (counted result="error").
class VersionedCache {
 public:
  // `redis` (not owned) must outlive this object; `metrics` may be null.
  VersionedCache(redis::RedisClient* redis, CacheOptions options,
                 prometheus::Registry* metrics = nullptr);

  VersionedCache(const VersionedCache&) = delete;
  VersionedCache& operator=(const VersionedCache&) = delete;

  // The cached bytes of `key` when present and tagged with the key's current
  // version; otherwise the result of `loader` (the system of record), which
  // is stored under the version read before loading, and only if that is
  // still the key's version. Loader errors are returned and nothing is
  // cached. Redis errors are not returned: the loader's answer is.
  absl::StatusOr<std::string> GetOrLoad(absl::string_view key,
                                        absl::FunctionRef<absl::StatusOr<std::string>()> loader);

  // The batch form: one Redis round trip reads every key; `loader` is called
  // at most once, with the distinct keys that missed (in first-occurrence
  // order), and must return one value per missing key in the same order
  // (INTERNAL otherwise); the loaded values are stored in one more round
  // trip, as in GetOrLoad. The result is in `keys` order. Loader errors are
  // returned as they are.
  absl::StatusOr<std::vector<std::string>> GetOrLoadMany(
      const std::vector<std::string>& keys,
      absl::FunctionRef<
          absl::StatusOr<std::vector<std::string>>(const std::vector<std::string>& missing)>
          loader);

  // Makes every value cached for `keys` unreachable, for readers that are in
  // the middle of a load too, in one round trip. Returns OK only once Redis
  // has acknowledged; otherwise the client's code (UNAVAILABLE,
  // DEADLINE_EXCEEDED, INTERNAL), and the caller must keep the invalidation
  // pending (InvalidationJournal does).
  absl::Status Invalidate(const std::vector<std::string>& keys);

  const std::string& namespace_prefix() const { return options_.namespace_prefix; }

  // The trust gate, driven by InvalidationJournal. While the cache is not
  // trusted, reads bypass Redis altogether: the loader runs, nothing is
  // stored (counted result="bypass"). A cache starts trusted.
  bool trusted() const { return trusted_.load(std::memory_order_acquire); }
  // Distrusts the cache now, and again after every later Redis failure.
  void Distrust() ABSL_LOCKS_EXCLUDED(mu_);
  // Trusts it again, unless Redis failed after failures() returned
  // `failures_seen`.
  void TrustUnlessFailedSince(uint64_t failures_seen) ABSL_LOCKS_EXCLUDED(mu_);
  // Redis operations that failed so far.
  uint64_t failures() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // A key's state as one read found it.
  struct Entry {
    std::string tag;                   // the key's version when read
    std::optional<std::string> value;  // set on a hit
  };
  struct Counters {
    prometheus::Counter* hit = nullptr;
    prometheus::Counter* miss = nullptr;
    prometheus::Counter* error = nullptr;
    prometheus::Counter* bypass = nullptr;
    prometheus::Counter* invalidated = nullptr;
    prometheus::Counter* invalidate_error = nullptr;
  };

  // One round trip: the entries of `keys` (distinct), in order. A Redis
  // failure is recorded and returned.
  absl::StatusOr<std::vector<Entry>> Read(const std::vector<std::string>& keys);
  // One round trip: stores values[i] for keys[i] when its version is still
  // entries[i].tag. A Redis failure is recorded and returned.
  absl::Status Store(const std::vector<std::string>& keys, const std::vector<Entry>& entries,
                     const std::vector<std::string>& values);
  void RecordFailure() ABSL_LOCKS_EXCLUDED(mu_);
  static void Add(prometheus::Counter* counter, double n);

  std::string ValueKey(absl::string_view key) const;
  std::string VersionKey(absl::string_view key) const;

  redis::RedisClient* const redis_;
  const CacheOptions options_;
  const std::string meta_key_;
  const std::string value_ttl_ms_;
  const std::string version_ttl_ms_;
  Counters counters_;

  std::atomic<bool> trusted_{true};
  mutable absl::Mutex mu_;
  uint64_t failures_ ABSL_GUARDED_BY(mu_) = 0;
  bool gated_ ABSL_GUARDED_BY(mu_) = false;  // Distrust() was called once
};

}  // namespace lawenforce::cache

#endif  // LAWENFORCE_COMMON_CACHE_VERSIONED_CACHE_H_
