#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_METRICS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_METRICS_H_

// personnel-service's business gauges, for the four-tier supervision
// dashboards. Every series carries `tier` and `division` (a city or county
// code; townships roll up to their county, ARCHITECTURE.md section 8):
//
//   lawenforce_personnel_officers{tier,division}
//   lawenforce_personnel_legal_reviewers{tier,division}
//   lawenforce_personnel_certificates{tier,division,state}
//   lawenforce_personnel_training_compliant_officers{tier,division}  (current year)
//   lawenforce_personnel_training_compliance_ratio{tier,division}    (current year)
//   lawenforce_personnel_legal_reviewer_ratio{tier,division}         (pooled, informative)
//   lawenforce_personnel_staffing_agencies{tier,division,compliance}  (task 38, per agency)
//   lawenforce_personnel_legal_reviewer_shortfall{tier,division}
//   lawenforce_personnel_certificates_expiring{tier,division,within_days="30"}
//
// The figures are computed from the store when Prometheus scrapes, at most
// once per `min_interval` (cached in between), so they are never stale by
// more than that and cost nothing between scrapes.

#include <memory>
#include <vector>

#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "common/metrics/throttled_collectable.h"
#include "common/time/clock.h"
#include "prometheus/metric_family.h"
#include "services/personnel/domain/policy.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// Thread-safe. `store`, `divisions` and `clock` must outlive it.
class PersonnelMetrics final : public metrics::ThrottledCollectable {
 public:
  PersonnelMetrics(PersonnelStore* store, const Divisions* divisions, const Clock* clock,
                   absl::Duration min_interval = absl::Seconds(5), PersonnelPolicy policy = {});

 private:
  std::vector<prometheus::MetricFamily> Compute() const override;

  PersonnelStore* store_;
  const Divisions* divisions_;
  const PersonnelPolicy policy_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_METRICS_H_
