#ifndef LAWENFORCE_TESTS_INTEGRATION_SUPERVISION_FIXTURE_H_
#define LAWENFORCE_TESTS_INTEGRATION_SUPERVISION_FIXTURE_H_

// supervision-service in the test process with the personnel-service and
// case-service it calls, all assembled by the kit as their main() assemble
// them: real SQLite files (or PostgreSQL schemas), a real redis-server (the
// deadline engine; the tests drive it by hand), real token verification,
// real gRPC on loopback between them (each caller presents its service
// token), a shared FakeClock.

#include <memory>
#include <string>
#include <vector>

#include "common/testing/redis_server.h"
#include "common/testing/service_fixture.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "services/supervision/supervision_module.h"

namespace lawenforce::testing {

namespace sv1 = ::lawenforce::supervision::v1;

class SupervisionFixture : public ServiceTest<sv1::SupervisionService> {
 public:
  // A hotline complaint about `agency_id` with ticket `ticket`.
  static sv1::SubmitComplaintRequest Hotline(const std::string& agency_id,
                                             const std::string& ticket);

 protected:
  kit::ServiceSpec Spec() override { return supervision::SupervisionSpec(); }
  std::vector<std::string> ExtraFlags() override;
  void SetUp() override;
  void TearDown() override;

  supervision::SupervisionModule& module() {
    return service_->module<supervision::SupervisionModule>();
  }
  // Fires every deadline due at the fake clock's now; how many fired.
  int RunDeadlines();

  // An agency of personnel-service at `division`; must succeed.
  std::string CreateAgency(const std::string& division);
  // An officer of `agency_id`; must succeed.
  std::string CreateOfficer(const std::string& agency_id);
  // The 12345 hotline's own token (a region-wide system account).
  std::string HotlineToken(const std::string& subject = "hotline-12345");
  // Submits; must succeed.
  sv1::Complaint Submit(const sv1::SubmitComplaintRequest& req);

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<InProcessService> personnel_;
  std::unique_ptr<InProcessService> cases_;
  std::unique_ptr<personnel::v1::PersonnelService::Stub> personnel_stub_;
  std::unique_ptr<cases::v1::CaseService::Stub> case_stub_;
  int officers_created_ = 0;
  int agencies_created_ = 0;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_SUPERVISION_FIXTURE_H_
