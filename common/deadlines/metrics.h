#ifndef LAWENFORCE_COMMON_DEADLINES_METRICS_H_
#define LAWENFORCE_COMMON_DEADLINES_METRICS_H_

// The deadline engine's metrics, defined once here with their help text:
//
//   lawenforce_deadlines_pending{kind}              gauge, refreshed from SQL
//   lawenforce_deadlines_fired_total{kind}          due events whose handler committed
//   lawenforce_deadlines_firing_lag_seconds{kind}   histogram of fire time - due time
//   lawenforce_deadlines_overdue_total{kind}        fired more than 60 s after due
//   lawenforce_deadlines_reminders_total{kind}      reminders whose handler committed
//   lawenforce_deadlines_handler_failures_total{kind}  handler returned an error (retried)
//   lawenforce_deadlines_lease_expiries_total       claims whose holder never finished
//   lawenforce_deadlines_reconciler_readds_total    members the reconciler found missing
//
// `kind` is a deadline kind the service registered a handler for (code
// constants, never caller text); any other kind is reported as "other".
// Without a registry every method does nothing. Thread-safe.

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace lawenforce::deadlines::internal {

// A deadline fired this much after its due time counts as overdue.
inline constexpr absl::Duration kOverdueAfter = absl::Seconds(60);

class EngineMetrics {
 public:
  // `registry` may be null; otherwise it must outlive this object.
  explicit EngineMetrics(prometheus::Registry* registry);

  EngineMetrics(const EngineMetrics&) = delete;
  EngineMetrics& operator=(const EngineMetrics&) = delete;

  // Makes `kind` a label value of its own.
  void AddKind(absl::string_view kind);

  void RecordFired(absl::string_view kind, absl::Duration lag);
  void RecordReminder(absl::string_view kind);
  void RecordHandlerFailure(absl::string_view kind);
  void RecordLeaseExpiries(int64_t n);
  void RecordReadds(int64_t n);
  // Sets the pending gauge of every kind: those in `counts`, and 0 for every
  // kind seen before and absent now.
  void SetPending(const std::vector<std::pair<std::string, int64_t>>& counts);

 private:
  struct KindSeries {
    prometheus::Gauge* pending = nullptr;
    prometheus::Counter* fired = nullptr;
    prometheus::Histogram* lag = nullptr;
    prometheus::Counter* overdue = nullptr;
    prometheus::Counter* reminders = nullptr;
    prometheus::Counter* failures = nullptr;
  };

  // The label value for `kind`: itself when added, "other" otherwise.
  std::string Label(absl::string_view kind) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  KindSeries& SeriesFor(absl::string_view kind) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const bool enabled_;
  prometheus::Family<prometheus::Gauge>* pending_ = nullptr;
  prometheus::Family<prometheus::Counter>* fired_ = nullptr;
  prometheus::Family<prometheus::Histogram>* lag_ = nullptr;
  prometheus::Family<prometheus::Counter>* overdue_ = nullptr;
  prometheus::Family<prometheus::Counter>* reminders_ = nullptr;
  prometheus::Family<prometheus::Counter>* failures_ = nullptr;
  prometheus::Counter* lease_expiries_ = nullptr;
  prometheus::Counter* readds_ = nullptr;

  absl::Mutex mu_;
  absl::flat_hash_set<std::string> kinds_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, KindSeries> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::deadlines::internal

#endif  // LAWENFORCE_COMMON_DEADLINES_METRICS_H_
