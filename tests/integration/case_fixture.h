#ifndef LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_
#define LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_

// case-service in the test process with the personnel-service it calls,
// both assembled by the kit as their main() assemble them: real SQLite
// files, real token verification, real gRPC on loopback between them (case
// presents a service token), a shared FakeClock.

#include <memory>
#include <string>
#include <vector>

#include "common/testing/service_fixture.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/case/case_module.h"

namespace lawenforce::testing {

namespace cv1 = ::lawenforce::cases::v1;

class CaseFixture : public ServiceTest<cv1::CaseService> {
 protected:
  kit::ServiceSpec Spec() override { return cases::CaseSpec(); }
  std::vector<std::string> ExtraFlags() override;
  void SetUp() override;

  // Helpers that must succeed.
  std::string CreateAgency(const std::string& division,
                           std::vector<std::string> domains = {"food_safety"});
  cv1::EnforcementItem CreateItem(const std::string& agency_id, const std::string& code);

  // personnel-service, started before case-service.
  std::unique_ptr<InProcessService> personnel_;
  std::unique_ptr<::lawenforce::personnel::v1::PersonnelService::Stub> personnel_stub_;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_
