#ifndef LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_
#define LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_

// A whole personnel-service in the test process: real SQLite file, real
// token verification, the real gRPC server on a loopback port chosen by the
// kernel, and a client stub. Time is a FakeClock shared by the service and
// the token verifier.

#include <memory>
#include <string>
#include <vector>

#include "common/auth/authorize.h"
#include "common/auth/token.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/server/server.h"
#include "common/store/sqlite_database.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "prometheus/registry.h"
#include "services/personnel/api/personnel_grpc_service.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/app/personnel_metrics.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::testing {

namespace pv1 = ::lawenforce::personnel::v1;

inline constexpr char kTestSecret[] = "integration-test-secret-0123456789abcdef";
inline constexpr char kTestPiiKey[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class PersonnelFixture : public ::testing::Test {
 public:
  // A valid GB 11643 identity number whose first 17 digits end with `serial`.
  static std::string IdNumber(int serial);

 protected:
  void SetUp() override;
  void TearDown() override;

  // A token for the given roles at `division`, valid for an hour from the fake now.
  std::string Token(std::vector<auth::Role> roles, const std::string& division,
                    const std::string& agency = "", absl::Duration lifetime = absl::Hours(1));
  // Region-wide supervisor + system: may do everything everywhere.
  std::string AdminToken() {
    return Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640000");
  }

  // A client context carrying `token` (none when empty), 10 s deadline.
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token);

  // Helpers that must succeed; they fail the test otherwise.
  pv1::Agency CreateAgency(const std::string& division,
                           std::vector<std::string> domains = {"market_regulation"});
  pv1::Officer CreateOfficer(const std::string& agency_id, const std::string& id_number,
                             std::vector<pv1::OfficerRole> roles = {pv1::OFFICER_ROLE_OFFICER});
  pv1::Certificate IssueCertificate(const std::string& officer_id, const std::string& number,
                                    std::vector<std::string> domains = {"market_regulation"});

  testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01T00:00:00Z
  RandomIdGenerator ids_;
  std::optional<Divisions> divisions_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<personnel::PersonnelStore> store_;
  std::unique_ptr<crypto::PiiProtector> pii_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<auth::Authorizer> authorizer_;
  std::unique_ptr<personnel::PersonnelApp> app_;
  std::unique_ptr<personnel::api::PersonnelGrpcService> service_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<personnel::PersonnelMetrics> metrics_;
  std::unique_ptr<server::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<pv1::PersonnelService::Stub> stub_;
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_PERSONNEL_FIXTURE_H_
