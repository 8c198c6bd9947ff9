// case-service end to end with the personnel-service it calls: the
// catalogue through real gRPC, the authorization walk over every method,
// and personnel-service stopped.

#include "absl/strings/str_cat.h"
#include "common/testing/auth_walk.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kUnknownId[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

RequestMap Requests(const std::string& agency_id, const std::string& item_id) {
  RequestMap r;
  auto* create = new cv1::CreateItemRequest;
  create->mutable_item()->set_agency_id(agency_id);
  create->mutable_item()->set_code("AUTH-1");
  create->mutable_item()->set_name("x");
  create->mutable_item()->set_kind(cv1::ITEM_KIND_INSPECTION);
  create->mutable_item()->set_legal_basis("y");
  create->mutable_item()->set_domain("food_safety");
  r["CreateItem"].reset(create);
  auto* get = new cv1::GetItemRequest;
  get->set_id(item_id);
  r["GetItem"].reset(get);
  auto* list = new cv1::ListItemsRequest;
  list->set_division_code("640104");
  r["ListItems"].reset(list);
  return r;
}

class CaseIntegrationTest : public CaseFixture {};

TEST_F(CaseIntegrationTest, AnItemIsAddedToAnAgencysCatalogueAndListedInItsSubtree) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "scjg-cf-001");
  EXPECT_EQ(item.division_code(), "640104");
  EXPECT_EQ(item.code(), "SCJG-CF-001");
  EXPECT_EQ(item.etag(), "\"1\"");

  cv1::ListItemsRequest list;
  list.set_division_code("640100");
  cv1::ListItemsResponse page;
  ASSERT_TRUE(
      stub_->ListItems(Ctx(Token({auth::Role::kOfficer}, "640100")).get(), list, &page).ok());
  ASSERT_EQ(page.items_size(), 1);
  EXPECT_EQ(page.items(0).id(), item.id());

  cv1::CreateItemRequest again;
  *again.mutable_item() = item;
  again.mutable_item()->set_code("scjg-CF-001");
  cv1::EnforcementItem out;
  grpc::Status clash = stub_->CreateItem(Ctx(AdminToken()).get(), again, &out);
  EXPECT_EQ(clash.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(clash.error_message(), HasSubstr("item.code"));
}

TEST_F(CaseIntegrationTest, TheItemsDomainMustBeOneOfTheAgencysAsPersonnelServiceKnowsIt) {
  const std::string agency = CreateAgency("640104", {"market_regulation"});
  cv1::CreateItemRequest req;
  *req.mutable_item() = cv1::EnforcementItem();
  req.mutable_item()->set_agency_id(agency);
  req.mutable_item()->set_code("A-1");
  req.mutable_item()->set_name("x");
  req.mutable_item()->set_kind(cv1::ITEM_KIND_PENALTY);
  req.mutable_item()->set_legal_basis("y");
  req.mutable_item()->set_domain("food_safety");
  cv1::EnforcementItem out;
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("item.domain"));
}

TEST_F(CaseIntegrationTest, EveryMethodIsGuardedAndOutsidersAreDeniedAlike) {
  const std::string agency = CreateAgency("640104");
  cv1::EnforcementItem item = CreateItem(agency, "W-1");
  AuthWalk walk{"lawenforce.cases.v1.CaseService", channel_, Requests(agency, item.id()), {}};
  ExpectEveryMethodHasARequest(walk);
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  ExpectEveryMethodRefusesBadTokens(walk, expired, [&] { clock_.Advance(absl::Minutes(5)); });
  const std::string outsider = Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640302");
  ExpectOutsidersDeniedAlike(walk, outsider, Requests(kUnknownId, kUnknownId));
}

TEST_F(CaseIntegrationTest, PersonnelServiceDownIsUnavailableNamingItAndRecovers) {
  const std::string agency = CreateAgency("640104");
  personnel_->Shutdown();
  cv1::CreateItemRequest req;
  req.mutable_item()->set_agency_id(agency);
  req.mutable_item()->set_code("D-1");
  req.mutable_item()->set_name("x");
  req.mutable_item()->set_kind(cv1::ITEM_KIND_PENALTY);
  req.mutable_item()->set_legal_basis("y");
  req.mutable_item()->set_domain("food_safety");
  cv1::EnforcementItem out;
  const absl::Time started = absl::Now();
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("personnel-service unavailable"));
  EXPECT_LT(absl::Now() - started, absl::Seconds(5)) << "the outbound call has a deadline";
}

}  // namespace
}  // namespace lawenforce::testing
