// ListOfficers narrowed by name prefix, by a whole identity-card number
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
  pv1::Officer Named(const std::string& agency, const std::string& name, int serial) {
    pv1::CreateOfficerRequest req;
    req.mutable_officer()->set_agency_id(agency);
    req.mutable_officer()->set_name(name);
    req.mutable_officer()->set_id_number(IdNumber(serial));
    req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    pv1::Officer out;
    grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
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

}  // namespace
}  // namespace lawenforce::testing
