#ifndef LAWENFORCE_SERVICES_CASE_APP_CASE_METRICS_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASE_METRICS_H_

// case-service's business gauges, for the four-tier supervision
// dashboards and the overdue alerts. Every series carries `tier` and
// `division` (a city or county code; townships roll up to their county,
// ARCHITECTURE.md section 8):
//
//   lawenforce_case_clocks_overdue{tier,division,clock}
//       open clocks past due now (the agency's duties, not a party's window)
//   lawenforce_case_publicity_decisions{tier,division,timeliness="on_time"|"late"}
//       decisions published, within or after the 7 working days
//
// Computed from the store when Prometheus scrapes, at most once per
// `min_interval` (cached in between).

#include <vector>

#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "common/metrics/throttled_collectable.h"
#include "common/time/clock.h"
#include "prometheus/metric_family.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

// Thread-safe. `store`, `divisions` and `clock` must outlive it.
class CaseMetrics final : public metrics::ThrottledCollectable {
 public:
  CaseMetrics(CaseStore* store, const Divisions* divisions, const lawenforce::Clock* clock,
              absl::Duration min_interval)
      : ThrottledCollectable(clock, min_interval), store_(store), divisions_(divisions) {}

 private:
  std::vector<prometheus::MetricFamily> Compute() const override;
  // lawenforce_case_cases, lawenforce_inspection_visits and
  // lawenforce_inspection_warnings.
  void AddCaseAndVisitFamilies(std::vector<prometheus::MetricFamily>& out) const;

  CaseStore* store_;
  const Divisions* divisions_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASE_METRICS_H_
