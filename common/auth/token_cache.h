#ifndef LAWENFORCE_COMMON_AUTH_TOKEN_CACHE_H_
#define LAWENFORCE_COMMON_AUTH_TOKEN_CACHE_H_

// Internal to common/auth: the principals of verified tokens, so that a token
// presented again is not verified again (ARCHITECTURE.md section 6: an RS256
// verification costs about as much as the RPC it guards).

#include <cstdint>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace lawenforce::auth::internal {

// A bounded map from a token's SHA-256 to its principal. An entry is served
// only while `now` is before the principal's expires_at, so an expired token
// is never answered from here. When an insert finds the cache full, expired
// entries go first, then the oldest entries until at most half the capacity
// is left, so eviction costs O(1) amortised per insert. Only successful
// verifications are ever inserted.
//
// Thread-safe: lookups share a reader lock, inserts take it exclusively.
class VerifiedTokenCache {
 public:
  // `capacity` > 0.
  explicit VerifiedTokenCache(size_t capacity) : capacity_(capacity) {}

  // The principal remembered under `token_hash`, unless absent or expired at
  // `now`.
  std::optional<Principal> Lookup(absl::string_view token_hash, absl::Time now) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Remembers `principal` under `token_hash`. Does nothing when the principal
  // has already expired at `now`.
  void Insert(absl::string_view token_hash, const Principal& principal, absl::Time now)
      ABSL_LOCKS_EXCLUDED(mu_);

  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Entry {
    Principal principal;
    uint64_t sequence;  // Insertion order: smaller is older.
  };

  void EvictLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t capacity_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace lawenforce::auth::internal

#endif  // LAWENFORCE_COMMON_AUTH_TOKEN_CACHE_H_
