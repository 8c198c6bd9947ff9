#ifndef LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_
#define LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_

// case-service as the kit assembles it (common/kit): main.cc, the
// integration fixture and the black-box tests all build it from CaseSpec().
// It calls personnel-service (--personnel-target).

#include <memory>

#include "common/kit/service.h"
#include "services/case/api/case_grpc_service.h"
#include "services/case/app/items.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

kit::ServiceSpec CaseSpec();

class CaseModule final : public kit::Module {
 public:
  std::vector<::grpc::Service*> GrpcServices() override { return {service_.get()}; }

  CaseStore& store() { return *store_; }
  Items& items() { return *items_; }

 private:
  friend absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env);

  std::unique_ptr<CaseStore> store_;
  std::unique_ptr<AgencyDirectory> agencies_;
  std::unique_ptr<Items> items_;
  std::unique_ptr<api::CaseGrpcService> service_;
};

absl::StatusOr<std::unique_ptr<kit::Module>> BuildCases(const kit::Env& env);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_CASE_MODULE_H_
