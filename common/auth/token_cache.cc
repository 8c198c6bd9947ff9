#include "common/auth/token_cache.h"

#include <algorithm>
#include <vector>

namespace lawenforce::auth::internal {

std::optional<Principal> VerifiedTokenCache::Lookup(absl::string_view token_hash,
                                                    absl::Time now) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || now >= it->second.principal.expires_at) {
    return std::nullopt;
  }
  return it->second.principal;
}

void VerifiedTokenCache::Insert(absl::string_view token_hash, const Principal& principal,
                                absl::Time now) {
  if (now >= principal.expires_at) {
    return;
  }
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(token_hash);
  if (it != entries_.end()) {
    it->second = Entry{principal, next_sequence_++};
    return;
  }
  if (entries_.size() >= capacity_) {
    EvictLocked(now);
  }
  entries_.emplace(std::string(token_hash), Entry{principal, next_sequence_++});
}

size_t VerifiedTokenCache::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return entries_.size();
}

void VerifiedTokenCache::EvictLocked(absl::Time now) {
  absl::erase_if(entries_, [now](const auto& kv) { return now >= kv.second.principal.expires_at; });
  const size_t keep = capacity_ / 2;
  if (entries_.size() <= keep) {
    return;
  }
  // Keep the `keep` newest: find the sequence number that separates them.
  std::vector<uint64_t> sequences;
  sequences.reserve(entries_.size());
  for (const auto& [hash, entry] : entries_) {
    sequences.push_back(entry.sequence);
  }
  const size_t drop = entries_.size() - keep;
  std::nth_element(sequences.begin(), sequences.begin() + (drop - 1), sequences.end());
  const uint64_t newest_dropped = sequences[drop - 1];
  absl::erase_if(entries_,
                 [newest_dropped](const auto& kv) { return kv.second.sequence <= newest_dropped; });
}

}  // namespace lawenforce::auth::internal
