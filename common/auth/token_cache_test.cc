#include "common/auth/token_cache.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::auth::internal {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

Principal ExpiringAt(absl::Time expires_at, absl::string_view subject = "officer-1") {
  Principal p;
  p.subject = std::string(subject);
  p.roles = {Role::kOfficer};
  p.division_code = "640104";
  p.expires_at = expires_at;
  return p;
}

TEST(VerifiedTokenCacheTest, ServesAnEntryOnlyBeforeItExpires) {
  VerifiedTokenCache cache(10);
  cache.Insert("h1", ExpiringAt(kNow + absl::Minutes(5)), kNow);
  ASSERT_TRUE(cache.Lookup("h1", kNow).has_value());
  EXPECT_EQ(cache.Lookup("h1", kNow)->subject, "officer-1");
  EXPECT_TRUE(cache.Lookup("h1", kNow + absl::Minutes(5) - absl::Seconds(1)).has_value());
  EXPECT_FALSE(cache.Lookup("h1", kNow + absl::Minutes(5)).has_value());
  EXPECT_FALSE(cache.Lookup("h2", kNow).has_value());
}

TEST(VerifiedTokenCacheTest, AnAlreadyExpiredPrincipalIsNotRemembered) {
  VerifiedTokenCache cache(10);
  cache.Insert("h1", ExpiringAt(kNow - absl::Seconds(1)), kNow);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCacheTest, WhenFullExpiredEntriesGoFirst) {
  VerifiedTokenCache cache(4);
  cache.Insert("old-expiring", ExpiringAt(kNow + absl::Seconds(10)), kNow);
  cache.Insert("a", ExpiringAt(kNow + absl::Hours(1)), kNow);
  cache.Insert("b", ExpiringAt(kNow + absl::Hours(1)), kNow);
  cache.Insert("c", ExpiringAt(kNow + absl::Hours(1)), kNow);
  const absl::Time later = kNow + absl::Minutes(1);
  cache.Insert("d", ExpiringAt(later + absl::Hours(1)), later);
  // Dropping the expired entry left 3 > capacity / 2, so the oldest go too
  // until 2 remain, then "d" is added.
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.Lookup("old-expiring", later).has_value());
  EXPECT_FALSE(cache.Lookup("a", later).has_value());
  EXPECT_TRUE(cache.Lookup("b", later).has_value());
  EXPECT_TRUE(cache.Lookup("c", later).has_value());
  EXPECT_TRUE(cache.Lookup("d", later).has_value());
}

TEST(VerifiedTokenCacheTest, WhenFullTheOldestHalfIsDropped) {
  VerifiedTokenCache cache(100);
  for (int i = 0; i < 100; ++i) {
    cache.Insert(absl::StrCat("h", i), ExpiringAt(kNow + absl::Hours(1)), kNow);
  }
  EXPECT_EQ(cache.size(), 100u);
  cache.Insert("newest", ExpiringAt(kNow + absl::Hours(1)), kNow);
  EXPECT_EQ(cache.size(), 51u);
  EXPECT_FALSE(cache.Lookup("h0", kNow).has_value());
  EXPECT_FALSE(cache.Lookup("h49", kNow).has_value());
  EXPECT_TRUE(cache.Lookup("h50", kNow).has_value());
  EXPECT_TRUE(cache.Lookup("h99", kNow).has_value());
  EXPECT_TRUE(cache.Lookup("newest", kNow).has_value());
}

TEST(VerifiedTokenCacheTest, NeverGrowsPastItsCapacity) {
  VerifiedTokenCache cache(7);
  for (int i = 0; i < 1000; ++i) {
    cache.Insert(absl::StrCat("h", i), ExpiringAt(kNow + absl::Hours(1)), kNow);
    ASSERT_LE(cache.size(), 7u);
  }
  EXPECT_TRUE(cache.Lookup("h999", kNow).has_value());
}

TEST(VerifiedTokenCacheTest, ACapacityOfOneKeepsTheLatest) {
  VerifiedTokenCache cache(1);
  cache.Insert("a", ExpiringAt(kNow + absl::Hours(1)), kNow);
  cache.Insert("b", ExpiringAt(kNow + absl::Hours(1)), kNow);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_TRUE(cache.Lookup("b", kNow).has_value());
}

}  // namespace
}  // namespace lawenforce::auth::internal
