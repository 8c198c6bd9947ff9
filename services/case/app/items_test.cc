// The catalogue's use cases over the in-memory store and a fake agency
// directory: check order, idempotency, jurisdiction from the agency's
// division, the agency's domains, and a directory that cannot answer.

#include "services/case/app/items.h"

#include <map>

#include "common/divisions/divisions.h"
#include "common/testing/principals.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/case/store/in_memory_case_store.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::Caller;
using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kAgency[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

class FakeDirectory final : public AgencyDirectory {
 public:
  absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) override {
    if (down) return absl::UnavailableError("personnel-service unavailable: connection refused");
    auto it = agencies.find(id);
    if (it == agencies.end()) return absl::NotFoundError("agency not found");
    return it->second;
  }
  std::map<std::string, AgencyInfo> agencies;
  bool down = false;
};

class ItemsTest : public ::testing::Test {
 protected:
  ItemsTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())),
        authorizer_(divisions_),
        items_(&store_, &directory_, &authorizer_, pii_.get(), &ids_, &clock_) {
    directory_.agencies[kAgency] = {kAgency, "640104", {"food_safety"}};
  }

  static EnforcementItem Draft(const std::string& code = "scjg-cf-001") {
    EnforcementItem item;
    item.agency_id = kAgency;
    item.code = code;
    item.name = "销售不符合食品安全标准的食品";
    item.legal_basis = "《中华人民共和国食品安全法》第一百二十四条";
    item.domain = "food_safety";
    item.major = true;
    return item;
  }

  const auth::Principal admin_ = Caller({auth::Role::kSupervisor}, "640000");
  FakeClock clock_{absl::FromUnixSeconds(1748736000)};
  SequentialIdGenerator ids_;
  Divisions divisions_;
  auth::Authorizer authorizer_;
  std::unique_ptr<crypto::PiiProtector> pii_ = *crypto::PiiProtector::Create(std::string(64, 'a'));
  InMemoryCaseStore store_;
  FakeDirectory directory_;
  Items items_;
};

TEST_F(ItemsTest, AnItemTakesItsAgencysDivisionAndAnUpperCaseCode) {
  ASSERT_OK_AND_ASSIGN(EnforcementItem item, items_.Create(admin_, Draft(), {}));
  EXPECT_EQ(item.division_code, "640104");
  EXPECT_EQ(item.code, "SCJG-CF-001");
  EXPECT_THAT(store_.audit_log(), SizeIs(1));
  EXPECT_THAT(items_.Create(admin_, Draft("SCJG-cf-001"), {}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("item.code")));
}

TEST_F(ItemsTest, RoleComesBeforeValidationAndJurisdictionBeforeTheAgencysDomains) {
  EnforcementItem bad = Draft();
  bad.name = "";
  EXPECT_THAT(items_.Create(Caller({auth::Role::kOfficer}, "640000"), bad, {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(items_.Create(admin_, bad, {}).status(), "item.name");
  EnforcementItem other_domain = Draft();
  other_domain.domain = "urban_management";
  // An outsider learns nothing about the agency's domains.
  EXPECT_THAT(items_.Create(Caller({auth::Role::kSupervisor}, "640302"), other_domain, {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ExpectInvalidField(items_.Create(admin_, other_domain, {}).status(), "item.domain");
}

TEST_F(ItemsTest, AMissingAgencyAndAForeignOneAreDeniedAlike) {
  const auth::Principal outsider = Caller({auth::Role::kSupervisor}, "640302");
  const absl::Status foreign = items_.Create(outsider, Draft(), {}).status();
  EnforcementItem missing = Draft();
  missing.agency_id = "00000000-0000-4000-8000-000000000999";
  EXPECT_EQ(items_.Create(outsider, missing, {}).status(), foreign);
  EXPECT_THAT(items_.Create(admin_, missing, {}),
              StatusIs(absl::StatusCode::kNotFound, "agency not found"));
}

TEST_F(ItemsTest, AnAgencyAdminWritesOnlyItsOwnCatalogue) {
  EXPECT_THAT(items_.Create(Caller({auth::Role::kAgencyAdmin}, "640104",
                                   "00000000-0000-4000-8000-000000000777"),
                            Draft(), {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(items_.Create(Caller({auth::Role::kAgencyAdmin}, "640104", kAgency), Draft(), {}));
}

TEST_F(ItemsTest, PersonnelServiceDownIsUnavailableNamingIt) {
  directory_.down = true;
  EXPECT_THAT(items_.Create(admin_, Draft(), {}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("personnel-service")));
}

TEST_F(ItemsTest, ReadsAreScopedToTheCallersSubtree) {
  ASSERT_OK_AND_ASSIGN(EnforcementItem item, items_.Create(admin_, Draft(), {"r-1", "h"}));
  EXPECT_EQ(items_.Create(admin_, Draft(), {"r-1", "h"})->id, item.id);  // replay
  EXPECT_OK(items_.Get(Caller({auth::Role::kOfficer}, "640100"), item.id));
  EXPECT_THAT(items_.Get(Caller({auth::Role::kOfficer}, "640302"), item.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(app::Page<EnforcementItem> page,
                       items_.List(Caller({auth::Role::kOfficer}, "640104"), "", "", {}));
  EXPECT_THAT(page.items, SizeIs(1));
  ASSERT_OK_AND_ASSIGN(page, items_.List(Caller({auth::Role::kOfficer}, "640302"), "", "", {}));
  EXPECT_THAT(page.items, SizeIs(0));
}

TEST_F(ItemsTest, ARequestIdBelongsToItsCaller) {
  auth::Principal other = Caller({auth::Role::kAgencyAdmin}, "640104", kAgency);
  other.subject = "another-admin";
  ASSERT_OK_AND_ASSIGN(EnforcementItem first, items_.Create(admin_, Draft("A-1"), {"r-1", "h"}));
  // The same request_id from another caller is its own request.
  ASSERT_OK_AND_ASSIGN(EnforcementItem second, items_.Create(other, Draft("A-2"), {"r-1", "h2"}));
  EXPECT_NE(first.id, second.id);
  ExpectInvalidField(items_.Create(admin_, Draft("A-3"), {"r-1", "other digest"}).status(),
                     "request_id");
}

TEST_F(ItemsTest, APageTokenEditedByHandIsRefused) {
  for (const std::string code : {"A-1", "A-2", "A-3"}) {
    ASSERT_OK(items_.Create(admin_, Draft(code), {}));
  }
  ASSERT_OK_AND_ASSIGN(app::Page<EnforcementItem> page, items_.List(admin_, "", "", {2, ""}));
  ASSERT_THAT(page.items, SizeIs(2));
  ASSERT_FALSE(page.next_page_token.empty());
  std::string edited = page.next_page_token;
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  ExpectInvalidField(items_.List(admin_, "", "", {2, edited}).status(), "page_token");
  ASSERT_OK_AND_ASSIGN(page, items_.List(admin_, "", "", {2, page.next_page_token}));
  EXPECT_THAT(page.items, SizeIs(1));
}

}  // namespace
}  // namespace lawenforce::cases
