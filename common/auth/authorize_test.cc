#include "common/auth/authorize.h"

#include <optional>

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::auth {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;

constexpr absl::StatusCode kDenied = absl::StatusCode::kPermissionDenied;
constexpr absl::string_view kAction = "view case";

Principal Caller(absl::string_view division, RoleSet roles = {Role::kOfficer}) {
  Principal p;
  p.subject = "caller";
  p.roles = roles;
  p.division_code = std::string(division);
  return p;
}

class AuthorizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Divisions> loaded = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    divisions_.emplace(*std::move(loaded));
    authorizer_.emplace(*divisions_);
  }

  absl::Status Within(absl::string_view caller, absl::string_view record) const {
    return authorizer_->RequireWithin(Caller(caller), record, kAction);
  }

  std::optional<Divisions> divisions_;
  std::optional<Authorizer> authorizer_;
};

TEST_F(AuthorizerTest, RoleOutsideTheAllowedSetIsDenied) {
  RoleSet approvers = {Role::kSupervisor, Role::kLegalReviewer};
  EXPECT_OK(authorizer_->RequireRole(Caller("640104", {Role::kOfficer, Role::kSupervisor}),
                                     approvers, "approve case"));
  EXPECT_THAT(
      authorizer_->RequireRole(Caller("640104", {Role::kOfficer}), approvers, "approve case"),
      StatusIs(kDenied, "caller may not approve case"));
  EXPECT_THAT(authorizer_->RequireRole(Caller("640000", RoleSet()), RoleSet::All(), "list cases"),
              StatusIs(kDenied));
  EXPECT_OK(
      authorizer_->RequireRole(Caller("640000", {Role::kAuditor}), RoleSet::All(), "list cases"));
}

TEST_F(AuthorizerTest, CountyCallerReachesItsCountyAndTownshipsOnly) {
  EXPECT_OK(Within("640104", "640104"));
  EXPECT_OK(Within("640104", "640104001"));
  EXPECT_OK(Within("640104", "640104999"));  // Unlisted township of the county.
  EXPECT_THAT(Within("640104", "640105"), StatusIs(kDenied, "caller may not view case"));
  EXPECT_THAT(Within("640104", "640105001"), StatusIs(kDenied));
  EXPECT_THAT(Within("640104", "640100"), StatusIs(kDenied));  // Its own city.
  EXPECT_THAT(Within("640104", "640000"), StatusIs(kDenied));
  EXPECT_THAT(Within("640104", "640202"), StatusIs(kDenied));
}

TEST_F(AuthorizerTest, CityCallerReachesItsCountiesAndTheirTownships) {
  EXPECT_OK(Within("640100", "640100"));
  EXPECT_OK(Within("640100", "640104"));
  EXPECT_OK(Within("640100", "640181"));
  EXPECT_OK(Within("640100", "640105001"));
  EXPECT_THAT(Within("640100", "640202"), StatusIs(kDenied));
  EXPECT_THAT(Within("640100", "640302001"), StatusIs(kDenied));
  EXPECT_THAT(Within("640100", "640000"), StatusIs(kDenied));
}

TEST_F(AuthorizerTest, RegionCallerReachesEveryKnownDivision) {
  for (const Division& d : divisions_->all()) {
    EXPECT_OK(Within("640000", d.code)) << d.code;
  }
  EXPECT_THAT(Within("640000", "110000"), StatusIs(kDenied));
  EXPECT_THAT(Within("640000", ""), StatusIs(kDenied));
  EXPECT_THAT(Within("640000", "64"), StatusIs(kDenied));
}

TEST_F(AuthorizerTest, UnknownOrMalformedCallerDivisionIsDeniedEverything) {
  for (absl::string_view caller : {"110000", "640199", "", "64", "6401xx"}) {
    EXPECT_THAT(Within(caller, "640104"), StatusIs(kDenied)) << caller;
    EXPECT_THAT(Within(caller, caller), StatusIs(kDenied)) << caller;
    EXPECT_THAT(authorizer_->ScopeForList(Caller(caller), "filter.division", "", kAction),
                StatusIs(kDenied))
        << caller;
  }
}

TEST_F(AuthorizerTest, MissingRecordLooksLikeAnOutsideRecordBelowTheRegion) {
  for (absl::string_view caller : {"640104", "640100", "640104001"}) {
    absl::Status missing = authorizer_->RecordNotFound(Caller(caller), "case", kAction);
    absl::Status outside = Within(caller, "640202");
    EXPECT_THAT(missing, StatusIs(kDenied)) << caller;
    EXPECT_EQ(missing, outside) << caller;  // Same code, same message, same payloads.
  }
}

TEST_F(AuthorizerTest, MissingRecordIsNotFoundForTheRegion) {
  EXPECT_THAT(authorizer_->RecordNotFound(Caller("640000"), "case", kAction),
              StatusIs(absl::StatusCode::kNotFound, "case not found"));
}

TEST_F(AuthorizerTest, ListScopeDefaultsToTheCallersDivision) {
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640104"), "filter.division", "", kAction),
              IsOkAndHolds(std::string("640104")));
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640000"), "filter.division", "", kAction),
              IsOkAndHolds(std::string("640000")));
}

TEST_F(AuthorizerTest, ListScopeNarrowsToARequestedDivisionInside) {
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640100"), "filter.division", "640104", kAction),
              IsOkAndHolds(std::string("640104")));
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640104"), "filter.division", "640104001", kAction),
              IsOkAndHolds(std::string("640104001")));
}

TEST_F(AuthorizerTest, ListScopeRefusesBadCodesNamingTheField) {
  for (absl::string_view bad : {"64ab04", "6401", "110000"}) {
    absl::StatusOr<std::string> scope =
        authorizer_->ScopeForList(Caller("640104"), "filter.division", bad, kAction);
    EXPECT_THAT(scope, StatusIs(absl::StatusCode::kInvalidArgument,
                                ::testing::StartsWith("filter.division: ")))
        << bad;
    EXPECT_EQ(FieldOf(scope.status()), "filter.division") << bad;
  }
}

TEST_F(AuthorizerTest, ListScopeOutsideTheJurisdictionIsDenied) {
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640104"), "filter.division", "640105", kAction),
              StatusIs(kDenied, "caller may not view case"));
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640104"), "filter.division", "640000", kAction),
              StatusIs(kDenied));
  EXPECT_THAT(authorizer_->ScopeForList(Caller("640100"), "filter.division", "640202", kAction),
              StatusIs(kDenied));
}

TEST_F(AuthorizerTest, AnAgencyAdminBoundToAnAgencyActsOnlyOnIt) {
  Principal admin = Caller("640104", {Role::kAgencyAdmin});
  admin.agency_id = "agency-a";
  EXPECT_OK(authorizer_->RequireAgency(admin, "agency-a", kAction));
  EXPECT_THAT(authorizer_->RequireAgency(admin, "agency-b", kAction),
              StatusIs(kDenied, "caller may not view case"));
  // Unbound admins and wider roles are judged by jurisdiction only.
  EXPECT_OK(
      authorizer_->RequireAgency(Caller("640104", {Role::kAgencyAdmin}), "agency-b", kAction));
  Principal supervisor = Caller("640104", {Role::kAgencyAdmin, Role::kSupervisor});
  supervisor.agency_id = "agency-a";
  EXPECT_OK(authorizer_->RequireAgency(supervisor, "agency-b", kAction));
}

}  // namespace
}  // namespace lawenforce::auth
