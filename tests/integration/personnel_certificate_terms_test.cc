// Certificate lifecycles (issue 22) on the real store (SQLite; PostgreSQL
// as ..._postgres): a suspension for a term reads ACTIVE again from its
// end, with or without the deadline engine having recorded it; the next
// change records the end first; a change names its decision document; bad
// terms name their field. (The engine's own write of the end:
// personnel_redis_test.)

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

class CertificateTermsTest : public PersonnelFixture {
 protected:
  grpc::Status Suspend(const std::string& id, std::optional<absl::Time> until,
                       pv1::Certificate* out,
                       const std::string& document = "宁市监暂扣字〔2025〕7号") {
    pv1::TransitionCertificateRequest req;
    req.set_id(id);
    req.set_reason("涉嫌违规执法");
    req.set_decision_document(document);
    if (until.has_value()) req.mutable_suspended_until()->set_seconds(absl::ToUnixSeconds(*until));
    return stub_->SuspendCertificate(Ctx(AdminToken()).get(), req, out);
  }
  pv1::Certificate Get(const std::string& id) {
    pv1::GetCertificateRequest req;
    req.set_id(id);
    pv1::Certificate out;
    EXPECT_TRUE(stub_->GetCertificate(Ctx(AdminToken()).get(), req, &out).ok());
    return out;
  }
  std::vector<pv1::CertificateEvent> History(const std::string& id) {
    pv1::GetCertificateHistoryRequest req;
    req.set_id(id);
    pv1::GetCertificateHistoryResponse out;
    EXPECT_TRUE(stub_->GetCertificateHistory(Ctx(AdminToken()).get(), req, &out).ok());
    return {out.events().begin(), out.events().end()};
  }
};

TEST_F(CertificateTermsTest, ASuspensionForATermEndsOnItsOwn) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(801));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "TERM-801");
  const absl::Time start = clock_.Now();
  const absl::Time ends = start + absl::Hours(24 * 30);
  pv1::Certificate out;
  grpc::Status s = Suspend(cert.id(), ends, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_SUSPENDED);
  EXPECT_EQ(out.suspended_until().seconds(), absl::ToUnixSeconds(ends));
  EXPECT_EQ(out.state_decision_document(), "宁市监暂扣字〔2025〕7号");

  EXPECT_EQ(VerdictAt(officer.id(), ends - absl::Seconds(1)).reason(),
            pv1::ELIGIBILITY_REASON_SUSPENDED);
  EXPECT_TRUE(VerdictAt(officer.id(), ends).eligible());

  // Past the end the certificate reads ACTIVE, before anything recorded it
  // (this service runs without Redis: no deadline engine).
  clock_.Advance(absl::Hours(24 * 31));
  const pv1::Certificate after = Get(cert.id());
  EXPECT_EQ(after.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_FALSE(after.has_suspended_until());
  EXPECT_TRUE(VerdictAt(officer.id(), clock_.Now()).eligible());

  // The next change records the end first, then itself.
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(cert.id());
  revoke.set_reason("严重违法");
  revoke.set_decision_document("宁市监收字〔2025〕3号");
  ASSERT_TRUE(stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &out).ok());
  const std::vector<pv1::CertificateEvent> history = History(cert.id());
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[1].to_state(), pv1::CERTIFICATE_STATE_SUSPENDED);
  EXPECT_EQ(history[1].suspended_until().seconds(), absl::ToUnixSeconds(ends));
  EXPECT_EQ(history[1].decision_document(), "宁市监暂扣字〔2025〕7号");
  EXPECT_EQ(history[2].from_state(), pv1::CERTIFICATE_STATE_SUSPENDED);
  EXPECT_EQ(history[2].to_state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_EQ(history[2].actor(), "system");
  EXPECT_EQ(history[2].reason(), "suspension ended");
  EXPECT_EQ(history[2].time().seconds(), absl::ToUnixSeconds(ends));
  EXPECT_EQ(history[3].from_state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_EQ(history[3].to_state(), pv1::CERTIFICATE_STATE_REVOKED);
  EXPECT_EQ(history[3].decision_document(), "宁市监收字〔2025〕3号");
  EXPECT_EQ(out.state_decision_document(), "宁市监收字〔2025〕3号");
}

TEST_F(CertificateTermsTest, AChangeDatedBeforeTheEndFindsTheCertificateSuspended) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(802));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "TERM-802");
  const absl::Time ends = clock_.Now() + absl::Hours(24 * 10);
  pv1::Certificate out;
  ASSERT_TRUE(Suspend(cert.id(), ends, &out).ok());
  clock_.Advance(absl::Hours(24 * 20));
  // Suspending again dated within the term is suspending a suspended
  // certificate; dated now it is a new suspension.
  pv1::TransitionCertificateRequest again;
  again.set_id(cert.id());
  again.set_reason("r");
  again.mutable_effective_time()->set_seconds(absl::ToUnixSeconds(ends - absl::Hours(24)));
  grpc::Status s = stub_->SuspendCertificate(Ctx(AdminToken()).get(), again, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  s = Suspend(cert.id(), std::nullopt, &out, "");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_SUSPENDED);
  EXPECT_FALSE(out.has_suspended_until());
  const std::vector<pv1::CertificateEvent> history = History(cert.id());
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[2].reason(), "suspension ended");
  EXPECT_EQ(history[3].to_state(), pv1::CERTIFICATE_STATE_SUSPENDED);
}

TEST_F(CertificateTermsTest, BadTermsNameTheirField) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(803));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "TERM-803");
  pv1::Certificate out;
  grpc::Status s = Suspend(cert.id(), clock_.Now() - absl::Hours(1), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("suspended_until: must be after"));
  s = Suspend(cert.id(), clock_.Now() + absl::Hours(24 * 3700), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("suspended_until"));
  s = Suspend(cert.id(), std::nullopt, &out, std::string(101, 'x'));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("decision_document"));
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(cert.id());
  revoke.set_reason("r");
  revoke.mutable_suspended_until()->set_seconds(absl::ToUnixSeconds(clock_.Now()) + 3600);
  s = stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("suspended_until: only a suspension has an end"));
  // Nothing was written.
  EXPECT_EQ(History(cert.id()).size(), 1u);
}

}  // namespace
}  // namespace lawenforce::testing
