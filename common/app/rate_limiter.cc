#include "common/app/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace lawenforce::app {

absl::Status RateLimiter::Take(const std::string& key, absl::string_view what) {
  const absl::Time now = clock_->Now();
  const double per_second = per_minute_ / 60.0;
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_ && !lru_.empty()) {
      buckets_.erase(lru_.front());
      lru_.pop_front();
    }
    lru_.push_back(key);
    it = buckets_.emplace(key, Bucket{static_cast<double>(burst_), now, std::prev(lru_.end())})
             .first;
  } else {
    lru_.splice(lru_.end(), lru_, it->second.age);
  }
  Bucket& b = it->second;
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - b.updated));
  b.tokens = std::min(static_cast<double>(burst_), b.tokens + elapsed * per_second);
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return absl::OkStatus();
  }
  const int wait = static_cast<int>(std::ceil((1.0 - b.tokens) / per_second));
  return absl::ResourceExhaustedError(
      absl::StrCat("too many ", what, " from this address; retry in ", wait, " s"));
}

}  // namespace lawenforce::app
