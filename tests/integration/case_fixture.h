#ifndef LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_
#define LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_

// case-service in the test process with the personnel-service it calls,
// both assembled by the kit as their main() assemble them: real SQLite
// files (or PostgreSQL schemas), a real redis-server (cache and deadline
// engine; the tests drive the engine by hand), real token verification,
// real gRPC on loopback between them (case presents a service token), a
// shared FakeClock.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/testing/redis_server.h"
#include "common/testing/service_fixture.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/case/case_module.h"

namespace lawenforce::testing {

namespace cv1 = ::lawenforce::cases::v1;
namespace pv1 = ::lawenforce::personnel::v1;

class CaseFixture : public ServiceTest<cv1::CaseService> {
 public:
  // A case act request naming `case_id`.
  static cv1::CaseActRequest Act(const std::string& case_id, const std::string& reason = "");
  // A plan of `enterprises` enterprises (TestCreditCode(1..n)) over 2025
  // (CST) drawing `targets` targets with two of `inspectors` each.
  static cv1::InspectionPlan PlanDraft(const std::string& agency_id, const std::string& item_id,
                                       const std::vector<std::string>& inspectors,
                                       int enterprises = 6, int targets = 3);

 protected:
  kit::ServiceSpec Spec() override { return cases::CaseSpec(); }
  std::vector<std::string> ExtraFlags() override;
  void SetUp() override;
  void TearDown() override;

  cases::CaseModule& module() { return service_->module<cases::CaseModule>(); }
  // Fires every case deadline due at the fake clock's now; how many fired.
  int RunDeadlines();
  // Starts personnel-service again on its port (after personnel_->Shutdown()).
  void RestartPersonnel();

  // Helpers that must succeed.
  std::string CreateAgency(const std::string& division,
                           std::vector<std::string> domains = {"food_safety"});
  cv1::EnforcementItem CreateItem(const std::string& agency_id, const std::string& code,
                                  bool major = false);
  // An officer of `agency` with an ACTIVE enforcement certificate for
  // food_safety (2025-2027); its certificate is certificates_[id].
  std::string CreateOfficer(const std::string& agency_id,
                            std::vector<pv1::OfficerRole> roles = {pv1::OFFICER_ROLE_OFFICER});
  // Transfers the officer to `agency_id` now (personnel-service cancels the
  // old certificate) and issues a food_safety certificate there.
  void TransferOfficer(const std::string& officer_id, const std::string& agency_id);
  // Revokes the officer's certificate, effective at `effective` (now when unset).
  void RevokeCertificate(const std::string& officer_id,
                         std::optional<absl::Time> effective = std::nullopt);
  // A benchmark for `item_id`: level "general" with warning or a fine of
  // 500-5000 yuan, level "minor" exempting a first violation.
  void PublishBenchmark(const std::string& item_id);
  // The usual start of a case test: an agency of Xingqing (640104), its item
  // SCJG-CF-001 with the benchmark above, two eligible officers.
  struct Scene {
    std::string agency, item, o1, o2;
  };
  Scene StandardScene();
  // Files a case with one individual party; must succeed.
  cv1::Case FileCase(const std::string& agency_id, const std::string& item_id,
                     const std::vector<std::string>& officers);
  // A fine case of the scene (Xingqing) filed, investigated with a photo,
  // notified (hearing waived), decided (a 1,000 yuan fine), served and
  // published now, each act by a Xingqing officer token; must succeed. Its id.
  std::string PublishedCase(const Scene& scene);
  // An inspection item (ITEM_KIND_INSPECTION, food_safety) of the agency.
  cv1::EnforcementItem CreateInspectionItem(const std::string& agency_id, const std::string& code);
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<InProcessService> personnel_;
  std::unique_ptr<pv1::PersonnelService::Stub> personnel_stub_;
  std::map<std::string, std::string> certificates_;  // officer id -> certificate id
  int officers_created_ = 0;
  int personnel_port_ = 0;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_CASE_FIXTURE_H_
