#include "common/metrics/throttled_collectable.h"

namespace lawenforce::metrics {

std::vector<prometheus::MetricFamily> ThrottledCollectable::Collect() const {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_->Now();
  if (now - computed_at_ >= min_interval_) {
    cached_ = Compute();
    computed_at_ = now;
  }
  return cached_;
}

}  // namespace lawenforce::metrics
