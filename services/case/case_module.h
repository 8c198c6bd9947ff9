#ifndef LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_
#define LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_

// case-service as the kit assembles it (common/kit): main.cc, the
// integration fixture and the black-box tests all build it from CaseSpec().
// It calls personnel-service (--personnel-target). Its own flags:
//   --working-calendar   the holiday table (data/cn-working-calendar.tsv)
//   --provisional-years  years after the table derived from the statutory
//                        holiday rules (2); 0 refuses clocks beyond it
//   --clock-periods      overrides of the statutory periods
//                        ("publicity=7wd,decision=90d"; docs/api/cases.md)
// (and the kit's --business-metrics-interval for its gauges)

#include <memory>

#include "common/calendar/working_calendar.h"
#include "common/kit/service.h"
#include "services/case/api/case_grpc_service.h"
#include "services/case/app/benchmarks.h"
#include "services/case/app/case_deadlines.h"
#include "services/case/app/case_metrics.h"
#include "services/case/app/case_records.h"
#include "services/case/app/case_statistics.h"
#include "services/case/app/cases.h"
#include "services/case/app/inspections.h"
#include "services/case/app/items.h"
#include "services/case/app/visits.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

kit::ServiceSpec CaseSpec();

class CaseModule final : public kit::Module {
 public:
  std::vector<::grpc::Service*> GrpcServices() override { return {service_.get()}; }
  std::vector<std::shared_ptr<prometheus::Collectable>> Collectables() override {
    return {metrics_};
  }

  CaseStores& store() { return *store_; }
  Items& items() { return *items_; }
  Cases& cases() { return *cases_; }
  CaseDeadlines& deadlines() { return *deadlines_; }
  const calendar::WorkingCalendar& calendar() const { return *calendar_; }

 private:
  friend absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env);

  std::unique_ptr<calendar::WorkingCalendar> calendar_;
  std::unique_ptr<ClockPolicy> policy_;
  std::unique_ptr<CaseStores> store_;
  std::unique_ptr<AgencyDirectory> agencies_;
  std::unique_ptr<OfficerDirectory> officers_;
  std::unique_ptr<Items> items_;
  std::unique_ptr<Benchmarks> benchmarks_;
  std::unique_ptr<Cases> cases_;
  std::unique_ptr<CaseRecords> records_;
  std::unique_ptr<CaseDeadlines> deadlines_;
  std::unique_ptr<CaseStatistics> statistics_;
  std::unique_ptr<Inspections> inspections_;
  std::unique_ptr<Visits> visits_;
  std::unique_ptr<api::CaseGrpcService> service_;
  std::shared_ptr<CaseMetrics> metrics_;
};

absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_
