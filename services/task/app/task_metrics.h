#ifndef LAWENFORCE_SERVICES_TASK_APP_TASK_METRICS_H_
#define LAWENFORCE_SERVICES_TASK_APP_TASK_METRICS_H_

// task-service's business gauge, for the four-tier dashboards (`tier` and
// `division`: a city or county code, townships rolled up to their county):
//
//   lawenforce_assignments{tier,division,state}
//       task assignments by state (not_started, in_progress, done, overdue)
//   lawenforce_annual_reports{tier,division,year,state}
//       each region, city and county's annual report of the last year due
//       (the year before now, CST): 1 in its state (on_time, late, pending,
//       overdue), 0 in the others
//
// Computed from the store when Prometheus scrapes, at most once per
// `min_interval`. The counter lawenforce_assignments_overdue_total of the
// deadline handler (store/sql_task_store.h) completes it.

#include <vector>

#include "common/divisions/divisions.h"
#include "common/metrics/throttled_collectable.h"
#include "common/time/clock.h"
#include "services/task/store/task_store.h"

namespace lawenforce::tasks {

// Thread-safe. `store`, `divisions` and `clock` must outlive it.
class TaskMetrics final : public metrics::ThrottledCollectable {
 public:
  TaskMetrics(TaskStores* store, const Divisions* divisions, const lawenforce::Clock* clock,
              absl::Duration min_interval)
      : ThrottledCollectable(clock, min_interval),
        store_(store),
        divisions_(divisions),
        clock_(clock) {}

 private:
  std::vector<prometheus::MetricFamily> Compute() const override;

  prometheus::MetricFamily Reports() const;

  TaskStores* store_;
  const Divisions* divisions_;
  const lawenforce::Clock* clock_;
};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_APP_TASK_METRICS_H_
