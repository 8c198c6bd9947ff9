#ifndef LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINT_METRICS_H_
#define LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINT_METRICS_H_

// supervision-service's business gauges, for the four-tier supervision
// dashboards and the overdue alerts. Every series carries `tier` and
// `division` (a city or county code; townships roll up to their county,
// ARCHITECTURE.md section 8):
//
//   lawenforce_complaints_open{tier,division,state}
//       complaints not yet closed, by the responsible division and state
//   lawenforce_complaints_overdue{tier,division}
//       open complaints with a clock that ran out (escalated and not yet
//       acknowledged or answered) or past its due moment now (0 for a
//       division with open complaints none of which is late)
//   lawenforce_rectifications_open{tier,division}
//   lawenforce_rectifications_overdue{tier,division}
//       rectifications not yet completed, and those of them whose deadline
//       ran out (0 for a division with open ones none of which is late)
//   lawenforce_supervision_plans_overdue{tier,division}
//       1 for a region, city or county without its supervision plan for
//       the current year after 31 March, else 0
//
// Computed from the store when Prometheus scrapes, at most once per
// `min_interval` (cached in between). The counters and the histogram of
// app/complaints.h, the review score histogram of app/reviews.h and the
// escalation counters of the deadline handlers (store/
// sql_supervision_store.h) complete the set.

#include <memory>
#include <vector>

#include "common/divisions/divisions.h"
#include "common/metrics/throttled_collectable.h"
#include "common/time/clock.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

// Thread-safe. `store`, `divisions` and `clock` must outlive it.
class ComplaintMetrics final : public metrics::ThrottledCollectable {
 public:
  ComplaintMetrics(SupervisionStore* store, const Divisions* divisions,
                   const lawenforce::Clock* clock, absl::Duration min_interval)
      : ThrottledCollectable(clock, min_interval), store_(store), divisions_(divisions) {}

 private:
  std::vector<prometheus::MetricFamily> Compute() const override;

  SupervisionStore* store_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINT_METRICS_H_
