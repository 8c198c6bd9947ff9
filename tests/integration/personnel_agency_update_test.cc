// UpdateAgency (issue 22): an agency renamed or given other enforcement
// domains (机构改革), each version kept in the audit log with the reason; a
// domain still covered by a live certificate cannot be removed; etags,
// names unique per division, the mask, roles. Real store (SQLite;
// PostgreSQL as ..._postgres), real gRPC.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AgencyUpdateTest : public PersonnelFixture {
 protected:
  pv1::UpdateAgencyRequest Update(const pv1::Agency& a, const std::string& reason = "机构改革") {
    pv1::UpdateAgencyRequest req;
    req.mutable_agency()->set_id(a.id());
    req.set_reason(reason);
    return req;
  }

  grpc::Status Call(const pv1::UpdateAgencyRequest& req, pv1::Agency* out,
                    const std::string& token = "") {
    return stub_->UpdateAgency(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }
};

TEST_F(AgencyUpdateTest, ARenameAndNewDomainsAreKeptWithTheirHistory) {
  pv1::Agency agency = CreateAgency("640104", {"market_regulation"});
  pv1::UpdateAgencyRequest req = Update(agency, "宁政办发〔2025〕1号");
  req.mutable_agency()->set_name("兴庆区市场监督管理局（更名）");
  req.mutable_agency()->add_domains("market_regulation");
  req.mutable_agency()->add_domains("food_safety");
  req.mutable_update_mask()->add_paths("name");
  req.mutable_update_mask()->add_paths("domains");
  pv1::Agency out;
  grpc::Status s = Call(req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.name(), "兴庆区市场监督管理局（更名）");
  EXPECT_THAT(out.domains(), ElementsAre("market_regulation", "food_safety"));
  EXPECT_NE(out.etag(), agency.etag());
  EXPECT_EQ(out.division_code(), agency.division_code());

  // A certificate may now cover the new domain.
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(810));
  pv1::Certificate cert = IssueCertificate(officer.id(), "AU-1", {"food_safety"});
  EXPECT_FALSE(cert.id().empty());

  // The history: the audit row with the reason and both fields' before and
  // after.
  pv1::ListAuditEntriesRequest lreq;
  lreq.set_resource_id(agency.id());
  lreq.set_method("UpdateAgency");
  pv1::ListAuditEntriesResponse lresp;
  ASSERT_TRUE(stub_->ListAuditEntries(Ctx(AdminToken()).get(), lreq, &lresp).ok());
  ASSERT_EQ(lresp.entries_size(), 1);
  const pv1::AuditEntry& e = lresp.entries(0);
  EXPECT_EQ(e.action(), "agency.update");
  EXPECT_EQ(e.detail(), "宁政办发〔2025〕1号");
  EXPECT_EQ(e.division_code(), "640104");
  ASSERT_EQ(e.changes_size(), 2);
  EXPECT_EQ(e.changes(0).field(), "name");
  EXPECT_EQ(e.changes(0).before(), agency.name());
  EXPECT_EQ(e.changes(1).field(), "domains");
  EXPECT_EQ(e.changes(1).before(), "market_regulation");
  EXPECT_EQ(e.changes(1).after(), "market_regulation,food_safety");

  // A stale etag is refused; an update that changes nothing is no version.
  pv1::UpdateAgencyRequest stale = Update(agency);
  stale.mutable_agency()->set_etag(agency.etag());
  stale.mutable_agency()->set_name("x");
  stale.mutable_update_mask()->add_paths("name");
  s = Call(stale, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("agency.etag"));
  pv1::Agency current;
  pv1::UpdateAgencyRequest same = Update(agency);
  same.mutable_agency()->set_name(out.name());
  same.mutable_update_mask()->add_paths("name");
  ASSERT_TRUE(Call(same, &current).ok());
  EXPECT_EQ(current.etag(), out.etag());
}

TEST_F(AgencyUpdateTest, ADomainALiveCertificateCoversCannotBeRemoved) {
  pv1::Agency agency = CreateAgency("640104", {"market_regulation", "food_safety"});
  pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(811));
  pv1::Certificate cert = IssueCertificate(officer.id(), "AU-2", {"food_safety"});
  pv1::UpdateAgencyRequest req = Update(agency);
  req.mutable_agency()->add_domains("market_regulation");
  req.mutable_update_mask()->add_paths("domains");
  pv1::Agency out;
  grpc::Status s = Call(req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("agency.domains: live certificate AU-2 covers "
                                           "food_safety"));
  // Once the certificate is cancelled, the domain goes.
  pv1::TransitionCertificateRequest cancel;
  cancel.set_id(cert.id());
  cancel.set_reason("职能划转");
  pv1::Certificate cancelled;
  ASSERT_TRUE(stub_->CancelCertificate(Ctx(AdminToken()).get(), cancel, &cancelled).ok());
  s = Call(req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(out.domains(), ElementsAre("market_regulation"));
  // And no new certificate may cover it.
  pv1::IssueCertificateRequest issue;
  issue.mutable_certificate()->set_officer_id(officer.id());
  issue.mutable_certificate()->set_number("AU-3");
  issue.mutable_certificate()->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
  issue.mutable_certificate()->add_domains("food_safety");
  issue.mutable_certificate()->mutable_valid_from()->set_year(2025);
  issue.mutable_certificate()->mutable_valid_from()->set_month(1);
  issue.mutable_certificate()->mutable_valid_from()->set_day(1);
  issue.mutable_certificate()->mutable_valid_until()->set_year(2027);
  issue.mutable_certificate()->mutable_valid_until()->set_month(1);
  issue.mutable_certificate()->mutable_valid_until()->set_day(1);
  pv1::Certificate refused;
  s = stub_->IssueCertificate(Ctx(AdminToken()).get(), issue, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("certificate.domains[0]"));
}

TEST_F(AgencyUpdateTest, BadRequestsNameTheirField) {
  pv1::Agency agency = CreateAgency("640104");
  pv1::Agency taken = CreateAgency("640104");
  pv1::Agency out;
  auto expect = [&](const pv1::UpdateAgencyRequest& req, grpc::StatusCode code,
                    const std::string& field) {
    grpc::Status s = Call(req, &out);
    EXPECT_EQ(s.error_code(), code) << field << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(field));
  };
  pv1::UpdateAgencyRequest req = Update(agency);
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "update_mask");
  req.mutable_update_mask()->add_paths("division_code");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "update_mask.paths[0]");
  req = Update(agency);
  req.mutable_update_mask()->add_paths("name");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "agency.name");
  req = Update(agency);
  req.mutable_update_mask()->add_paths("domains");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "agency.domains");
  req.mutable_agency()->add_domains("no_such_domain");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "agency.domains");
  req = Update(agency, "");
  req.mutable_agency()->set_name("y");
  req.mutable_update_mask()->add_paths("name");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "reason");
  req = Update(agency);
  req.mutable_agency()->set_name(taken.name());
  req.mutable_update_mask()->add_paths("name");
  expect(req, grpc::StatusCode::ALREADY_EXISTS, "agency.name");
  req.mutable_agency()->set_etag("nonsense");
  expect(req, grpc::StatusCode::INVALID_ARGUMENT, "agency.etag");
  // Only a supervisor or the system; only within the subtree.
  req = Update(agency);
  req.mutable_agency()->set_name("z");
  req.mutable_update_mask()->add_paths("name");
  EXPECT_EQ(Call(req, &out, Token({auth::Role::kAgencyAdmin}, "640104", agency.id())).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Call(req, &out, Token({auth::Role::kSupervisor}, "640106")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace lawenforce::testing
