#ifndef LAWENFORCE_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_

// personnel-service as the kit assembles it (common/kit): its own flags and
// object graph. main.cc, the integration fixture, the Redis tests and the
// benchmarks all build it through kit::Runtime from PersonnelSpec().
//
// Own flags:
//   --enforcement-domains        the domain list (data/enforcement-domains.tsv)
//   --training-hours-per-year, --max-training-hours-per-day,
//   --legal-reviewer-percent, --expiry-reminder-lead,
//   --max-certificate-validity-days, --closed-year-grace
//                                the policy values (domain/policy.h)

#include <memory>

#include "common/kit/service.h"
#include "services/personnel/api/personnel_grpc_service.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/app/personnel_metrics.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

kit::ServiceSpec PersonnelSpec();

// The built graph. Tests reach the use cases and the store through it.
class PersonnelModule final : public kit::Module {
 public:
  std::vector<::grpc::Service*> GrpcServices() override { return {service_.get()}; }
  std::vector<std::shared_ptr<prometheus::Collectable>> Collectables() override {
    return {metrics_};
  }

  PersonnelStore& store() { return *store_; }
  PersonnelApp& app() { return *app_; }

 private:
  friend absl::StatusOr<std::unique_ptr<kit::Module>> BuildPersonnel(const kit::Env& env);

  std::unique_ptr<EnforcementDomains> domains_;
  std::unique_ptr<PersonnelStore> store_;
  std::unique_ptr<PersonnelApp> app_;
  std::unique_ptr<api::PersonnelGrpcService> service_;
  std::shared_ptr<PersonnelMetrics> metrics_;
};

absl::StatusOr<std::unique_ptr<kit::Module>> BuildPersonnel(const kit::Env& env);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_PERSONNEL_MODULE_H_
