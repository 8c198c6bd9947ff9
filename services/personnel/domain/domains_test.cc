#include "services/personnel/domain/domains.h"

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::StatusIs;

TEST(EnforcementDomainsTest, ParsesCodesSkippingCommentsHeaderAndBlankLines) {
  absl::StatusOr<EnforcementDomains> d = EnforcementDomains::Parse(
      "# comment\ncode\tname\nmarket_regulation\t市场监管\n\nfood_safety\t食品安全\n");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->size(), 2u);
  EXPECT_TRUE(d->Contains("food_safety"));
  EXPECT_FALSE(d->Contains("market_regulaton"));
}

TEST(EnforcementDomainsTest, MalformedDuplicateOrEmptyListsAreRefused) {
  EXPECT_THAT(EnforcementDomains::Parse("Bad Code\tx\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(EnforcementDomains::Parse("a_b\tx\na_b\ty\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(EnforcementDomains::Parse("# nothing\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(EnforcementDomainsTest, AnUnknownDomainIsRefusedNamingItsElement) {
  absl::StatusOr<EnforcementDomains> d = EnforcementDomains::Parse("market_regulation\tx\n");
  ASSERT_TRUE(d.ok());
  EXPECT_OK(d->Validate("agency.domains", {"market_regulation"}));
  absl::Status s = d->Validate("agency.domains", {"market_regulation", "market_regulaton"});
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(s), "agency.domains[1]");
}

}  // namespace
}  // namespace lawenforce::personnel
