// CheckSupervisionAuthority (issue 22): "may this supervisor supervise
// division D at T", as supervision-service will ask it, on the real store
// (SQLite; PostgreSQL as ..._postgres): the SUPERVISOR role, an ACTIVE
// supervision certificate of the agency served then, and D within that
// agency's division; each refusal says why; bad input names its field.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

class SupervisionAuthorityTest : public PersonnelFixture {
 protected:
  grpc::Status Ask(const std::string& officer, const std::string& division,
                   pv1::EligibilityVerdict* out, std::optional<absl::Time> at = std::nullopt,
                   const std::string& domain = "", const std::string& token = "") {
    pv1::CheckSupervisionAuthorityRequest req;
    req.set_officer_id(officer);
    req.set_division_code(division);
    req.set_domain(domain);
    if (at.has_value()) req.mutable_at_time()->set_seconds(absl::ToUnixSeconds(*at));
    return stub_->CheckSupervisionAuthority(Ctx(token.empty() ? AdminToken() : token).get(), req,
                                            out);
  }
  pv1::Certificate IssueSupervision(const std::string& officer, const std::string& number) {
    return IssueCertificate(officer, number, {"market_regulation"},
                            pv1::CERTIFICATE_KIND_SUPERVISION);
  }
};

TEST_F(SupervisionAuthorityTest, ACertifiedSupervisorMaySuperviseTheAgencysSubtreeOnly) {
  const pv1::Agency city = CreateAgency("640100");  // 银川市
  const pv1::Officer supervisor =
      CreateOfficer(city.id(), IdNumber(901), {pv1::OFFICER_ROLE_SUPERVISOR});
  const pv1::Certificate cert = IssueSupervision(supervisor.id(), "JD-901");
  clock_.Advance(absl::Hours(1));
  pv1::EligibilityVerdict v;
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v).ok());
  EXPECT_TRUE(v.eligible()) << v.detail();
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_ELIGIBLE);
  EXPECT_EQ(v.certificate_id(), cert.id());
  EXPECT_EQ(v.agency_id(), city.id());
  ASSERT_TRUE(Ask(supervisor.id(), "640104001", &v).ok());  // a township below
  EXPECT_TRUE(v.eligible());
  ASSERT_TRUE(Ask(supervisor.id(), "640100", &v, std::nullopt, "market_regulation").ok());
  EXPECT_TRUE(v.eligible());

  // Another city, a domain not on the certificate.
  ASSERT_TRUE(Ask(supervisor.id(), "640302", &v).ok());
  EXPECT_FALSE(v.eligible());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_OUTSIDE_JURISDICTION);
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v, std::nullopt, "food_safety").ok());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_DOMAIN_NOT_COVERED);

  // Before the certificate existed; after it was suspended.
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v, clock_.Now() - absl::Hours(2)).ok());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_NO_CERTIFICATE);
  pv1::TransitionCertificateRequest suspend;
  suspend.set_id(cert.id());
  suspend.set_reason("r");
  pv1::Certificate out;
  ASSERT_TRUE(stub_->SuspendCertificate(Ctx(AdminToken()).get(), suspend, &out).ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v).ok());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_SUSPENDED);
  // The moment asked decides.
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v, clock_.Now() - absl::Minutes(30)).ok());
  EXPECT_TRUE(v.eligible());
}

TEST_F(SupervisionAuthorityTest, AnEnforcementOfficerOrAnUncertifiedSupervisorMayNot) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(902));
  IssueCertificate(officer.id(), "ZF-902");
  const pv1::Officer supervisor =
      CreateOfficer(agency.id(), IdNumber(903), {pv1::OFFICER_ROLE_SUPERVISOR});
  IssueCertificate(supervisor.id(), "ZF-903");  // enforcement only
  clock_.Advance(absl::Hours(1));
  pv1::EligibilityVerdict v;
  ASSERT_TRUE(Ask(officer.id(), "640104", &v).ok());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_NOT_A_SUPERVISOR);
  ASSERT_TRUE(Ask(supervisor.id(), "640104", &v).ok());
  EXPECT_EQ(v.reason(), pv1::ELIGIBILITY_REASON_NO_CERTIFICATE);
  EXPECT_THAT(v.detail(), HasSubstr("supervision certificate"));
}

TEST_F(SupervisionAuthorityTest, BadInputNamesItsFieldAndOutsidersAreDenied) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer supervisor =
      CreateOfficer(agency.id(), IdNumber(904), {pv1::OFFICER_ROLE_SUPERVISOR});
  pv1::EligibilityVerdict v;
  grpc::Status s = Ask(supervisor.id(), "999999", &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code"));
  s = Ask("not-an-id", "640104", &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("officer_id"));
  s = Ask(supervisor.id(), "640104", &v, std::nullopt, "Bad Domain");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("domain"));
  s = Ask(supervisor.id(), "640104", &v, std::nullopt, "", Token({auth::Role::kAuditor}, "640302"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace lawenforce::testing
