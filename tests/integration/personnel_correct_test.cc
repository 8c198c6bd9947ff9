// CorrectCertificate (issue 22): a number, validity or domains mistyped
// when a certificate was recorded, corrected with a reason; eligibility
// and the printed verification code follow at once, the history of states
// is unchanged and the audit row keeps each field's before and after; the
// refusals name their field. Real store (SQLite; PostgreSQL as
// ..._postgres), real gRPC.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

void SetDate(lawenforce::common::v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

class CorrectTest : public PersonnelFixture {
 protected:
  void SetUp() override {
    PersonnelFixture::SetUp();
    agency_ = CreateAgency("640104", {"market_regulation", "food_safety"});
    officer_ = CreateOfficer(agency_.id(), IdNumber(900));
    cert_ = IssueCertificate(officer_.id(), "NX-TYPO-1");  // 2025-01-01 .. 2027-12-31
  }

  pv1::CorrectCertificateRequest Correction(const std::string& path) {
    pv1::CorrectCertificateRequest req;
    req.set_id(cert_.id());
    req.set_reason("录入错误：与纸质证件核对");
    if (!path.empty()) req.mutable_update_mask()->add_paths(path);
    return req;
  }

  grpc::Status Correct(const pv1::CorrectCertificateRequest& req, pv1::Certificate* out,
                       const std::string& token = "") {
    return stub_->CorrectCertificate(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }

  void ExpectRefused(const pv1::CorrectCertificateRequest& req, grpc::StatusCode code,
                     const std::string& text) {
    pv1::Certificate out;
    grpc::Status s = Correct(req, &out);
    EXPECT_EQ(s.error_code(), code) << text << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(text));
  }

  pv1::Agency agency_;
  pv1::Officer officer_;
  pv1::Certificate cert_;
};

TEST_F(CorrectTest, AMistypedEndDateIsCorrectedAndEligibilityFollowsAtOnce) {
  const absl::Time in_2028 = absl::FromCivil(absl::CivilDay(2028, 3, 1), absl::UTCTimeZone());
  EXPECT_FALSE(VerdictAt(officer_.id(), in_2028).eligible());

  pv1::CorrectCertificateRequest req = Correction("valid_until");
  SetDate(req.mutable_valid_until(), 2029, 12, 31);
  req.set_etag(cert_.etag());
  pv1::Certificate out;
  grpc::Status s = Correct(req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.valid_until().year(), 2029);
  EXPECT_EQ(out.number(), "NX-TYPO-1");
  EXPECT_EQ(out.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_NE(out.etag(), cert_.etag());
  // The cached eligibility facts were invalidated with the write.
  EXPECT_TRUE(VerdictAt(officer_.id(), in_2028).eligible());

  // Not a transition: the history still holds the issue event only.
  pv1::GetCertificateHistoryRequest hreq;
  hreq.set_id(cert_.id());
  pv1::GetCertificateHistoryResponse history;
  ASSERT_TRUE(stub_->GetCertificateHistory(Ctx(AdminToken()).get(), hreq, &history).ok());
  EXPECT_EQ(history.events_size(), 1);

  // The audit row: the reason, the before and after.
  pv1::ListAuditEntriesRequest lreq;
  lreq.set_resource_id(cert_.id());
  lreq.set_method("CorrectCertificate");
  pv1::ListAuditEntriesResponse lresp;
  ASSERT_TRUE(stub_->ListAuditEntries(Ctx(AdminToken()).get(), lreq, &lresp).ok());
  ASSERT_EQ(lresp.entries_size(), 1);
  const pv1::AuditEntry& e = lresp.entries(0);
  EXPECT_EQ(e.action(), "certificate.correct");
  EXPECT_EQ(e.detail(), "录入错误：与纸质证件核对");
  ASSERT_EQ(e.changes_size(), 1);
  EXPECT_EQ(e.changes(0).field(), "valid_until");
  EXPECT_EQ(e.changes(0).before(), "2027-12-31");
  EXPECT_EQ(e.changes(0).after(), "2029-12-31");

  // The same correction again changes nothing: no new version.
  req.clear_etag();
  pv1::Certificate again;
  ASSERT_TRUE(Correct(req, &again).ok());
  EXPECT_EQ(again.etag(), out.etag());
}

TEST_F(CorrectTest, ANumberCorrectionGivesANewPrintedCodeAndTheOldNumberGoes) {
  pv1::GetCertificateVerificationCodeRequest preq;
  preq.set_id(cert_.id());
  pv1::CertificateVerificationCode before;
  ASSERT_TRUE(stub_->GetCertificateVerificationCode(Ctx(AdminToken()).get(), preq, &before).ok());

  pv1::CorrectCertificateRequest req = Correction("number");
  req.set_number("NX-FIXED-1");
  pv1::Certificate out;
  grpc::Status s = Correct(req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.number(), "NX-FIXED-1");
  pv1::CertificateVerificationCode after;
  ASSERT_TRUE(stub_->GetCertificateVerificationCode(Ctx(AdminToken()).get(), preq, &after).ok());
  EXPECT_EQ(after.number(), "NX-FIXED-1");
  EXPECT_NE(after.code(), before.code());

  // The old number is free again; a number in use is refused.
  pv1::Officer other = CreateOfficer(agency_.id(), IdNumber(901));
  pv1::Certificate reused = IssueCertificate(other.id(), "NX-TYPO-1");
  EXPECT_FALSE(reused.id().empty());
  req.set_number("NX-TYPO-1");
  ExpectRefused(req, grpc::StatusCode::ALREADY_EXISTS, "number: already issued");
}

TEST_F(CorrectTest, DomainsStayTheAgencysAndOnePerOfficerKindAndDomain) {
  pv1::CorrectCertificateRequest req = Correction("domains");
  req.add_domains("food_safety");
  pv1::Certificate out;
  ASSERT_TRUE(Correct(req, &out).ok());
  EXPECT_THAT(out.domains(), ElementsAre("food_safety"));
  // Now market_regulation is free for a second certificate ...
  pv1::Certificate second = IssueCertificate(officer_.id(), "NX-SECOND", {"market_regulation"});
  ASSERT_FALSE(second.id().empty());
  // ... so correcting the first back onto it would give two live ones.
  req = Correction("domains");
  req.add_domains("market_regulation");
  ExpectRefused(req, grpc::StatusCode::ALREADY_EXISTS, "domains[0]");
  req = Correction("domains");
  req.add_domains("public_security");
  ExpectRefused(req, grpc::StatusCode::INVALID_ARGUMENT, "domains[0]");
}

TEST_F(CorrectTest, RefusalsNameTheirField) {
  ExpectRefused(Correction(""), grpc::StatusCode::INVALID_ARGUMENT, "update_mask");
  ExpectRefused(Correction("kind"), grpc::StatusCode::INVALID_ARGUMENT, "update_mask.paths[0]");
  ExpectRefused(Correction("valid_from"), grpc::StatusCode::INVALID_ARGUMENT, "valid_from");
  pv1::CorrectCertificateRequest req = Correction("number");
  req.set_number("");
  ExpectRefused(req, grpc::StatusCode::INVALID_ARGUMENT, "number");
  req = Correction("valid_until");
  SetDate(req.mutable_valid_until(), 2024, 12, 31);  // before valid_from
  ExpectRefused(req, grpc::StatusCode::INVALID_ARGUMENT, "valid_until");
  req.clear_reason();
  ExpectRefused(req, grpc::StatusCode::INVALID_ARGUMENT, "reason");
  req = Correction("valid_until");
  SetDate(req.mutable_valid_until(), 2028, 12, 31);
  req.set_etag("\"99\"");
  ExpectRefused(req, grpc::StatusCode::ABORTED, "etag");

  // A caller of another county learns nothing; an officer may not correct.
  req.clear_etag();
  pv1::Certificate out;
  EXPECT_EQ(Correct(req, &out, Token({auth::Role::kSupervisor}, "640205")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Correct(req, &out, Token({auth::Role::kOfficer}, "640104")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A revoked certificate is final.
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(cert_.id());
  revoke.set_reason("违法执法");
  pv1::Certificate revoked;
  ASSERT_TRUE(stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &revoked).ok());
  ExpectRefused(req, grpc::StatusCode::FAILED_PRECONDITION, "REVOKED");
}

}  // namespace
}  // namespace lawenforce::testing
