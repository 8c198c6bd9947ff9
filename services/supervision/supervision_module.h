#ifndef LAWENFORCE_SERVICES_SUPERVISION_SUPERVISION_MODULE_H_
#define LAWENFORCE_SERVICES_SUPERVISION_SUPERVISION_MODULE_H_

// supervision-service as the kit assembles it (common/kit): main.cc, the
// integration fixture and the black-box tests all build it from
// SupervisionSpec(). It calls personnel-service (--personnel-target) and
// case-service (--case-target) to route complaints. Its own flags:
//   --working-calendar, --provisional-years  the calendar (kit/calendar_flags.h)
//   --complaint-limits   defaults of the handling limits on top of the
//                        built-in ones ("hotline_12345.resolve=5wd,
//                        web/inaction.acknowledge=24h"; docs/api/supervision.md)
// (and the kit's --business-metrics-interval for its gauges)

#include <memory>
#include <vector>

#include "common/calendar/working_calendar.h"
#include "common/kit/service.h"
#include "services/supervision/api/supervision_grpc_service.h"
#include "services/supervision/app/complaint_metrics.h"
#include "services/supervision/app/complaints.h"
#include "services/supervision/app/directories.h"
#include "services/supervision/app/notices.h"
#include "services/supervision/app/reviews.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

kit::ServiceSpec SupervisionSpec();

class SupervisionModule final : public kit::Module {
 public:
  std::vector<::grpc::Service*> GrpcServices() override { return {service_.get()}; }
  std::vector<std::shared_ptr<prometheus::Collectable>> Collectables() override {
    return {metrics_};
  }

  SupervisionStore& store() { return *store_; }
  Complaints& complaints() { return *complaints_; }
  Reviews& reviews() { return *reviews_; }
  Notices& notices() { return *notices_; }

 private:
  friend absl::StatusOr<std::unique_ptr<kit::Module>> BuildSupervision(const kit::Env& env);

  std::unique_ptr<calendar::WorkingCalendar> calendar_;
  std::vector<LimitRule> limits_;
  std::unique_ptr<SupervisionStore> store_;
  std::unique_ptr<AgencyDirectory> agencies_;
  std::unique_ptr<CaseDirectory> cases_;
  std::unique_ptr<Complaints> complaints_;
  std::unique_ptr<Reviews> reviews_;
  std::unique_ptr<Notices> notices_;
  std::unique_ptr<api::SupervisionGrpcService> service_;
  std::shared_ptr<ComplaintMetrics> metrics_;
};

absl::StatusOr<std::unique_ptr<kit::Module>> BuildSupervision(const kit::Env& env);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_SUPERVISION_MODULE_H_
