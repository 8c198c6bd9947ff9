#ifndef LAWENFORCE_COMMON_METRICS_THROTTLED_COLLECTABLE_H_
#define LAWENFORCE_COMMON_METRICS_THROTTLED_COLLECTABLE_H_

// A service's business gauges are counted from its store when Prometheus
// scrapes. ThrottledCollectable runs the count at most once per
// `min_interval` and answers the scrapes in between with the last result,
// so that several scrapers (or a short scrape interval) cost the store one
// count per interval.

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace lawenforce::metrics {

// Thread-safe (Compute runs under the lock, one at a time). `clock` must
// outlive it.
class ThrottledCollectable : public prometheus::Collectable {
 public:
  ThrottledCollectable(const Clock* clock, absl::Duration min_interval)
      : clock_(clock), min_interval_(min_interval) {}

  std::vector<prometheus::MetricFamily> Collect() const final;

 protected:
  const Clock* clock() const { return clock_; }

 private:
  // The families now. An empty result (e.g. the store failed) is cached
  // like any other until the interval passes.
  virtual std::vector<prometheus::MetricFamily> Compute() const = 0;

  const Clock* const clock_;
  const absl::Duration min_interval_;
  mutable absl::Mutex mu_;
  mutable absl::Time computed_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  mutable std::vector<prometheus::MetricFamily> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::metrics

#endif  // LAWENFORCE_COMMON_METRICS_THROTTLED_COLLECTABLE_H_
