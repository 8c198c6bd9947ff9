// ReissueCertificate (issue 22): renewal (换证) and replacement (补证) of a
// certificate, the old and the new linked, the old cancelled in the same
// transaction when live; eligibility before and after; the refusals; a
// retry; the audit rows. Real store (SQLite; PostgreSQL as ..._postgres),
// real gRPC.

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

void SetDate(lawenforce::common::v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

class ReissueTest : public PersonnelFixture {
 protected:
  void SetUp() override {
    PersonnelFixture::SetUp();
    agency_ = CreateAgency("640104", {"market_regulation", "food_safety"});
    officer_ = CreateOfficer(agency_.id(), IdNumber(700));
    old_ = IssueCertificate(officer_.id(), "NX-OLD-1");
  }

  pv1::ReissueCertificateRequest Renewal(const std::string& id, const std::string& number) {
    pv1::ReissueCertificateRequest req;
    req.set_id(id);
    req.set_kind(pv1::REISSUE_KIND_RENEWAL);
    req.set_number(number);
    req.set_reason("到期换证");
    SetDate(req.mutable_valid_from(), 2025, 6, 1);
    SetDate(req.mutable_valid_until(), 2030, 5, 31);
    return req;
  }

  pv1::ReissueCertificateRequest Replacement(const std::string& id, const std::string& number) {
    pv1::ReissueCertificateRequest req;
    req.set_id(id);
    req.set_kind(pv1::REISSUE_KIND_REPLACEMENT);
    req.set_number(number);
    req.set_reason("证件遗失补证");
    return req;
  }

  grpc::Status Reissue(const pv1::ReissueCertificateRequest& req, pv1::Certificate* out,
                       const std::string& token = "") {
    return stub_->ReissueCertificate(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }

  pv1::Certificate Get(const std::string& id) {
    pv1::GetCertificateRequest req;
    req.set_id(id);
    pv1::Certificate out;
    EXPECT_TRUE(stub_->GetCertificate(Ctx(AdminToken()).get(), req, &out).ok());
    return out;
  }

  void ExpectInvalid(const pv1::ReissueCertificateRequest& req, const std::string& field) {
    pv1::Certificate out;
    grpc::Status s = Reissue(req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << field << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(field));
  }

  pv1::Agency agency_;
  pv1::Officer officer_;
  pv1::Certificate old_;
};

TEST_F(ReissueTest, ARenewalLinksBothAndCancelsTheOldInOneStep) {
  const absl::Time before = clock_.Now();
  clock_.Advance(absl::Hours(24));
  pv1::Certificate renewed;
  grpc::Status s = Reissue(Renewal(old_.id(), "nx-new-1"), &renewed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(renewed.number(), "NX-NEW-1");
  EXPECT_EQ(renewed.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_EQ(renewed.replaces_certificate_id(), old_.id());
  EXPECT_EQ(renewed.valid_until().year(), 2030);
  EXPECT_EQ(renewed.domains_size(), 1);
  EXPECT_EQ(renewed.domains(0), "market_regulation");
  EXPECT_EQ(renewed.officer_id(), officer_.id());
  EXPECT_THAT(renewed.state_reason(), HasSubstr("NX-OLD-1"));

  pv1::Certificate old = Get(old_.id());
  EXPECT_EQ(old.state(), pv1::CERTIFICATE_STATE_CANCELLED);
  EXPECT_EQ(old.replaced_by_certificate_id(), renewed.id());
  EXPECT_THAT(old.state_reason(), HasSubstr("renewed as NX-NEW-1: 到期换证"));
  EXPECT_NE(old.etag(), old_.etag());

  // Now the new certificate carries the officer; before the renewal the old
  // one did, as the history says.
  pv1::EligibilityVerdict now = VerdictAt(officer_.id(), clock_.Now());
  EXPECT_TRUE(now.eligible());
  EXPECT_EQ(now.certificate_id(), renewed.id());
  pv1::EligibilityVerdict then = VerdictAt(officer_.id(), before);
  EXPECT_TRUE(then.eligible());
  EXPECT_EQ(then.certificate_id(), old_.id());

  // The officer holds one live certificate: a second renewal of the old
  // one is refused, and so is a new certificate for the same domain.
  pv1::Certificate again;
  s = Reissue(Renewal(old_.id(), "NX-NEW-2"), &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("already renewed or replaced"));
}

TEST_F(ReissueTest, AReplacementKeepsKindDomainsAndValidity) {
  pv1::Certificate replaced;
  grpc::Status s = Reissue(Replacement(old_.id(), "NX-REP-1"), &replaced);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(replaced.kind(), old_.kind());
  EXPECT_EQ(replaced.valid_from().year(), old_.valid_from().year());
  EXPECT_EQ(replaced.valid_until().year(), old_.valid_until().year());
  EXPECT_EQ(replaced.valid_until().day(), old_.valid_until().day());
  EXPECT_EQ(replaced.domains(0), old_.domains(0));
  EXPECT_EQ(Get(old_.id()).state(), pv1::CERTIFICATE_STATE_CANCELLED);
  // A replacement of the replacement is fine; the chain stays linked.
  pv1::Certificate third;
  ASSERT_TRUE(Reissue(Replacement(replaced.id(), "NX-REP-2"), &third).ok());
  EXPECT_EQ(third.replaces_certificate_id(), replaced.id());
  EXPECT_EQ(Get(replaced.id()).replaced_by_certificate_id(), third.id());
}

TEST_F(ReissueTest, AnExpiredCertificateIsRenewedNotReplacedAndStaysExpired) {
  clock_.Advance(absl::Hours(24 * 950));  // 2028-01-06: past 2027-12-31
  ASSERT_EQ(Get(old_.id()).state(), pv1::CERTIFICATE_STATE_EXPIRED);
  pv1::Certificate out;
  grpc::Status s = Reissue(Replacement(old_.id(), "NX-REP-9"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("EXPIRED"));
  pv1::ReissueCertificateRequest renewal = Renewal(old_.id(), "NX-NEW-9");
  SetDate(renewal.mutable_valid_from(), 2027, 12, 30);
  SetDate(renewal.mutable_valid_until(), 2032, 12, 31);
  s = Reissue(renewal, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  pv1::Certificate old = Get(old_.id());
  EXPECT_EQ(old.state(), pv1::CERTIFICATE_STATE_EXPIRED);
  EXPECT_EQ(old.replaced_by_certificate_id(), out.id());
  EXPECT_TRUE(VerdictAt(officer_.id(), clock_.Now()).eligible());
}

TEST_F(ReissueTest, RefusalsNameTheirField) {
  pv1::ReissueCertificateRequest bad = Renewal(old_.id(), "NX-B-1");
  bad.set_kind(pv1::REISSUE_KIND_UNSPECIFIED);
  ExpectInvalid(bad, "kind");
  bad = Renewal(old_.id(), "NX-B-1");
  bad.clear_valid_from();
  ExpectInvalid(bad, "valid_from");
  bad = Renewal(old_.id(), "NX-B-1");
  SetDate(bad.mutable_valid_from(), 2025, 7, 1);  // after today
  ExpectInvalid(bad, "valid_from");
  bad = Renewal(old_.id(), "NX-B-1");
  bad.add_domains("public_security");  // not one of the agency's
  ExpectInvalid(bad, "domains");
  bad = Replacement(old_.id(), "NX-B-1");
  SetDate(bad.mutable_valid_until(), 2030, 1, 1);
  ExpectInvalid(bad, "valid_until");
  bad = Replacement(old_.id(), "bad number!");
  ExpectInvalid(bad, "number");
  bad = Replacement(old_.id(), "NX-B-1");
  bad.set_reason("");
  ExpectInvalid(bad, "reason");
  bad = Replacement("not-an-id", "NX-B-1");
  ExpectInvalid(bad, "id");

  pv1::Certificate out;
  grpc::Status s = Reissue(Replacement(old_.id(), "NX-OLD-1"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr("number"));
  // An etag of an earlier version is stale; a suspended certificate is
  // neither renewed nor replaced.
  pv1::TransitionCertificateRequest change;
  change.set_id(old_.id());
  change.set_reason("暂扣");
  pv1::Certificate changed;
  ASSERT_TRUE(stub_->SuspendCertificate(Ctx(AdminToken()).get(), change, &changed).ok());
  pv1::ReissueCertificateRequest stale = Renewal(old_.id(), "NX-B-2");
  stale.set_etag(old_.etag());
  s = Reissue(stale, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("etag"));
  s = Reissue(Renewal(old_.id(), "NX-B-3"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("SUSPENDED"));
  EXPECT_EQ(Get(old_.id()).state(), pv1::CERTIFICATE_STATE_SUSPENDED);

  // An agency admin may not reissue.
  s = Reissue(Replacement(old_.id(), "NX-B-4"), &out,
              Token({auth::Role::kAgencyAdmin}, "640104", agency_.id()));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ReissueTest, ARetryWithTheSameRequestIdReturnsTheSameCertificate) {
  pv1::ReissueCertificateRequest req = Replacement(old_.id(), "NX-R-1");
  req.set_request_id("reissue-1");
  pv1::Certificate first, second;
  ASSERT_TRUE(Reissue(req, &first).ok());
  grpc::Status s = Reissue(req, &second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(second.id(), first.id());
  req.set_number("NX-R-2");
  s = Reissue(req, &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("request_id"));
}

TEST_F(ReissueTest, BothCertificatesSayWhatHappenedInTheAuditLog) {
  pv1::Certificate renewed;
  ASSERT_TRUE(Reissue(Renewal(old_.id(), "NX-A-1"), &renewed).ok());
  pv1::ListAuditEntriesRequest req;
  req.set_method("ReissueCertificate");
  pv1::ListAuditEntriesResponse resp;
  ASSERT_TRUE(stub_->ListAuditEntries(Ctx(AdminToken()).get(), req, &resp).ok());
  ASSERT_EQ(resp.entries_size(), 2);
  bool saw_old = false, saw_new = false;
  for (const pv1::AuditEntry& e : resp.entries()) {
    EXPECT_EQ(e.division_code(), "640104");
    if (e.resource_id() == old_.id()) {
      saw_old = true;
      EXPECT_EQ(e.action(), "certificate.renewed");
      bool linked = false, cancelled = false;
      for (const pv1::AuditFieldChange& c : e.changes()) {
        if (c.field() == "replaced_by_id" && c.after() == renewed.id()) linked = true;
        if (c.field() == "state" && c.after() == "CANCELLED") cancelled = true;
      }
      EXPECT_TRUE(linked);
      EXPECT_TRUE(cancelled);
    } else if (e.resource_id() == renewed.id()) {
      saw_new = true;
      EXPECT_EQ(e.action(), "certificate.renew");
    }
  }
  EXPECT_TRUE(saw_old);
  EXPECT_TRUE(saw_new);
}

}  // namespace
}  // namespace lawenforce::testing
