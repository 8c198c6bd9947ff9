#ifndef LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_
#define LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_

// A whole personnel-service in the test process, assembled by the kit as
// main() assembles it (common/testing/service_fixture.h): real SQLite file,
// real token verification, the real gRPC server on a loopback port, and a
// client stub. Time is a FakeClock shared by the service and the verifier.
// Adds personnel's own helpers.

#include <memory>
#include <string>
#include <vector>

#include "common/testing/service_fixture.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "services/personnel/personnel_module.h"

namespace lawenforce::testing {

namespace pv1 = ::lawenforce::personnel::v1;

class PersonnelFixture : public ServiceTest<pv1::PersonnelService> {
 public:
  // A valid GB 11643 identity number whose first 17 digits end with `serial`.
  static std::string IdNumber(int serial);

 protected:
  kit::ServiceSpec Spec() override { return personnel::PersonnelSpec(); }
  std::vector<std::string> ExtraFlags() override { return {"--business-metrics-interval=0s"}; }

  personnel::PersonnelModule& module() { return service_->module<personnel::PersonnelModule>(); }
  // The service's business gauges, as /metrics would serve them.
  std::vector<prometheus::MetricFamily> CollectBusinessMetrics();

  // Helpers that must succeed; they fail the test otherwise.
  pv1::Agency CreateAgency(const std::string& division,
                           std::vector<std::string> domains = {"market_regulation"});
  pv1::Officer CreateOfficer(const std::string& agency_id, const std::string& id_number,
                             std::vector<pv1::OfficerRole> roles = {pv1::OFFICER_ROLE_OFFICER});
  pv1::Certificate IssueCertificate(const std::string& officer_id, const std::string& number,
                                    std::vector<std::string> domains = {"market_regulation"},
                                    pv1::CertificateKind kind = pv1::CERTIFICATE_KIND_ENFORCEMENT);
  // The one officer's eligibility verdict in `domain` at `at`.
  pv1::EligibilityVerdict VerdictAt(const std::string& officer_id, absl::Time at,
                                    const std::string& domain = "market_regulation");

 private:
  int agencies_created_ = 0;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_
