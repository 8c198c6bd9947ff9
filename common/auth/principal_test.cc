#include "common/auth/principal.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::auth {
namespace {

constexpr Role kEveryRole[] = {Role::kOfficer,    Role::kLegalReviewer, Role::kAgencyAdmin,
                               Role::kSupervisor, Role::kAuditor,       Role::kSystem};

TEST(RoleTest, EveryRoleRoundTripsThroughItsClaimSpelling) {
  for (Role role : kEveryRole) {
    EXPECT_EQ(ParseRole(RoleName(role)), role) << RoleName(role);
  }
  EXPECT_EQ(RoleName(Role::kLegalReviewer), "legal_reviewer");
  EXPECT_EQ(RoleName(Role::kAgencyAdmin), "agency_admin");
}

TEST(RoleTest, UnknownAndMisspelledNamesAreNotRoles) {
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
  EXPECT_EQ(ParseRole("Officer"), std::nullopt);
  EXPECT_EQ(ParseRole("officer "), std::nullopt);
}

TEST(RoleSetTest, AllHoldsEveryRole) {
  RoleSet all = RoleSet::All();
  for (Role role : kEveryRole) {
    EXPECT_TRUE(all.Has(role));
  }
}

TEST(RoleSetTest, IntersectsOnlyWhenARoleIsShared) {
  RoleSet reviewers = {Role::kLegalReviewer, Role::kSupervisor};
  EXPECT_TRUE(reviewers.Intersects({Role::kSupervisor}));
  EXPECT_FALSE(reviewers.Intersects({Role::kOfficer, Role::kAuditor}));
  EXPECT_FALSE(reviewers.Intersects(RoleSet()));
  EXPECT_TRUE(RoleSet().empty());
  EXPECT_FALSE(reviewers.empty());
}

}  // namespace
}  // namespace lawenforce::auth
