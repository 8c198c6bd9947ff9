// ListCertificates' worklist of certificates expiring within N days,
// ListOfficers' worklist of officers without a valid enforcement
// certificate, and ListOfficers narrowed by name prefix, by a whole identity-card number
// (through its blind index: the stored values are never decrypted to
// compare) and by the review flag, on the real store (SQLite; PostgreSQL
// as ..._postgres); the filters combine with the jurisdiction, page tokens
// are bound to them, and a malformed number names its field.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class PersonnelSearchTest : public PersonnelFixture {
 protected:
  pv1::Officer Named(const std::string& agency, const std::string& name, int serial,
                     pv1::OfficerRole role = pv1::OFFICER_ROLE_OFFICER) {
    pv1::CreateOfficerRequest req;
    req.mutable_officer()->set_agency_id(agency);
    req.mutable_officer()->set_name(name);
    req.mutable_officer()->set_id_number(IdNumber(serial));
    req.mutable_officer()->add_roles(role);
    pv1::Officer out;
    grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  pv1::Certificate Issue(const std::string& officer_id, const std::string& number,
                         absl::CivilDay from, absl::CivilDay until,
                         pv1::CertificateKind kind = pv1::CERTIFICATE_KIND_ENFORCEMENT) {
    pv1::IssueCertificateRequest req;
    pv1::Certificate* c = req.mutable_certificate();
    c->set_officer_id(officer_id);
    c->set_number(number);
    c->set_kind(kind);
    c->add_domains("market_regulation");
    c->mutable_valid_from()->set_year(static_cast<int>(from.year()));
    c->mutable_valid_from()->set_month(from.month());
    c->mutable_valid_from()->set_day(from.day());
    c->mutable_valid_until()->set_year(static_cast<int>(until.year()));
    c->mutable_valid_until()->set_month(until.month());
    c->mutable_valid_until()->set_day(until.day());
    pv1::Certificate out;
    grpc::Status s = stub_->IssueCertificate(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  std::vector<std::string> Names(pv1::ListOfficersRequest req, const std::string& token = "") {
    pv1::ListOfficersResponse out;
    grpc::Status s =
        stub_->ListOfficers(Ctx(token.empty() ? AdminToken() : token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> names;
    for (const auto& o : out.officers()) names.push_back(o.name());
    return names;
  }
};

TEST_F(PersonnelSearchTest, ByNamePrefixIdNumberAndReviewFlagWithinTheSubtree) {
  const std::string xingqing = CreateAgency("640104").id();
  const std::string jinfeng = CreateAgency("640106").id();
  Named(xingqing, "王小明", 101);
  const pv1::Officer wang2 = Named(xingqing, "王大力", 102);
  Named(xingqing, "李四", 103);
  Named(jinfeng, "王五", 104);
  pv1::ListOfficersRequest req;
  req.set_division_code("640100");
  req.set_name_prefix("王");
  EXPECT_THAT(Names(req), UnorderedElementsAre("王小明", "王大力", "王五"));
  req.set_name_prefix("王小");
  EXPECT_THAT(Names(req), UnorderedElementsAre("王小明"));
  req.set_name_prefix("%");
  EXPECT_TRUE(Names(req).empty()) << "no wildcard";
  // By identity-card number: one officer, only within the caller's subtree.
  req.clear_name_prefix();
  req.set_id_number(IdNumber(102));
  EXPECT_THAT(Names(req), UnorderedElementsAre("王大力"));
  req.set_division_code("640106");
  EXPECT_TRUE(Names(req).empty());
  req.set_division_code("640100");
  req.set_id_number(IdNumber(999));
  EXPECT_TRUE(Names(req).empty());
  req.set_id_number("640104198001011234");
  pv1::ListOfficersResponse out;
  grpc::Status s = stub_->ListOfficers(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("id_number"));
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("640104198001011234")));
  // By the review flag, set by an INCOMPETENT assessment.
  req.clear_id_number();
  pv1::RecordAssessmentRequest assess;
  assess.mutable_assessment()->set_officer_id(wang2.id());
  assess.mutable_assessment()->set_year(2024);
  assess.mutable_assessment()->set_result(pv1::ASSESSMENT_RESULT_INCOMPETENT);
  pv1::Assessment a;
  ASSERT_TRUE(stub_->RecordAssessment(Ctx(AdminToken()).get(), assess, &a).ok());
  req.set_review_required(true);
  EXPECT_THAT(Names(req), UnorderedElementsAre("王大力"));
  req.set_review_required(false);
  EXPECT_EQ(Names(req).size(), 3u);
}

TEST_F(PersonnelSearchTest, APageTokenIsBoundToTheSearch) {
  const std::string agency = CreateAgency("640104").id();
  for (int i = 0; i < 3; ++i) Named(agency, "张" + std::to_string(i), 200 + i);
  pv1::ListOfficersRequest req;
  req.set_division_code("640104");
  req.set_name_prefix("张");
  req.set_page_size(2);
  pv1::ListOfficersResponse first;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &first).ok());
  ASSERT_EQ(first.officers_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  pv1::ListOfficersResponse second;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &second).ok());
  EXPECT_EQ(second.officers_size(), 1);
  req.set_name_prefix("李");
  EXPECT_EQ(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PersonnelSearchTest, CertificatesExpiringWithinNDaysAreAWorklist) {
  const std::string agency = CreateAgency("640104").id();
  // Today is 2025-06-01 (CST): valid until 2025-06-20, 2025-07-15 and 2027.
  auto issue = [&](const std::string& number, int serial, int y, int m, int d) {
    const pv1::Officer o = Named(agency, "赵" + std::to_string(serial), serial);
    return Issue(o.id(), number, absl::CivilDay(2024, 1, 1), absl::CivilDay(y, m, d));
  };
  issue("EXP-SOON", 301, 2025, 6, 20);
  const pv1::Certificate later = issue("EXP-LATER", 302, 2025, 7, 15);
  issue("EXP-FAR", 303, 2027, 12, 31);
  auto numbers = [&](int days) {
    pv1::ListCertificatesRequest req;
    req.set_division_code("640104");
    req.set_expiring_within_days(days);
    pv1::ListCertificatesResponse out;
    grpc::Status s = stub_->ListCertificates(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> n;
    for (const auto& c : out.certificates()) n.push_back(c.number());
    return n;
  };
  EXPECT_THAT(numbers(30), UnorderedElementsAre("EXP-SOON"));
  EXPECT_THAT(numbers(60), UnorderedElementsAre("EXP-SOON", "EXP-LATER"));
  // A revoked certificate is no longer on the worklist.
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(later.id());
  revoke.set_reason("调离执法岗位");
  pv1::Certificate out;
  ASSERT_TRUE(stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &out).ok());
  EXPECT_THAT(numbers(60), UnorderedElementsAre("EXP-SOON"));
  pv1::ListCertificatesRequest bad;
  bad.set_expiring_within_days(367);
  pv1::ListCertificatesResponse r;
  grpc::Status s = stub_->ListCertificates(Ctx(AdminToken()).get(), bad, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("expiring_within_days"));
}

TEST_F(PersonnelSearchTest, OfficersWithoutAValidEnforcementCertificateAreAWorklist) {
  const std::string agency = CreateAgency("640104").id();
  const std::string other = CreateAgency("640106").id();
  // Today is 2025-06-01 (CST).
  const absl::CivilDay from(2024, 1, 1), until(2027, 12, 31);
  Named(agency, "甲", 401);  // no certificate at all
  const pv1::Officer valid = Named(agency, "乙", 402);
  Issue(valid.id(), "W-VALID", from, until);
  const pv1::Officer suspended = Named(agency, "丙", 403);
  const pv1::Certificate s = Issue(suspended.id(), "W-SUSP", from, until);
  pv1::TransitionCertificateRequest suspend;
  suspend.set_id(s.id());
  suspend.set_reason("涉嫌违法，暂扣执法证");
  pv1::Certificate out;
  ASSERT_TRUE(stub_->SuspendCertificate(Ctx(AdminToken()).get(), suspend, &out).ok());
  const pv1::Officer supervisor_only = Named(agency, "丁", 404, pv1::OFFICER_ROLE_SUPERVISOR);
  Issue(supervisor_only.id(), "W-SUPV", from, until, pv1::CERTIFICATE_KIND_SUPERVISION);
  const pv1::Officer not_yet = Named(agency, "戊", 405);
  Issue(not_yet.id(), "W-LATER", absl::CivilDay(2025, 7, 1), until);
  Named(other, "己", 406);  // another county's: outside the subtree asked
  pv1::ListOfficersRequest req;
  req.set_division_code("640104");
  req.set_without_valid_certificate(true);
  EXPECT_THAT(Names(req), UnorderedElementsAre("甲", "丙", "丁", "戊"));
  // Combined with the other filters and bound into the page token.
  req.set_name_prefix("丙");
  EXPECT_THAT(Names(req), UnorderedElementsAre("丙"));
  req.clear_name_prefix();
  req.set_page_size(2);
  pv1::ListOfficersResponse first;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  req.set_without_valid_certificate(false);
  pv1::ListOfficersResponse mismatch;
  EXPECT_EQ(stub_->ListOfficers(Ctx(AdminToken()).get(), req, &mismatch).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Reinstated, the suspended officer leaves the worklist.
  ASSERT_TRUE(stub_->ReinstateCertificate(Ctx(AdminToken()).get(), suspend, &out).ok());
  pv1::ListOfficersRequest again;
  again.set_division_code("640104");
  again.set_without_valid_certificate(true);
  EXPECT_THAT(Names(again), UnorderedElementsAre("甲", "丁", "戊"));
}

}  // namespace
}  // namespace lawenforce::testing
