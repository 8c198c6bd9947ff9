#include "common/app/rate_limiter.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::app {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RateLimiterTest, ABurstThenTheRatePerKey) {
  FakeClock clock(absl::FromUnixSeconds(1750000000));
  RateLimiter limiter(&clock, 6, 3);  // one every 10 s, bursts of 3
  for (int i = 0; i < 3; ++i) EXPECT_OK(limiter.Take("a", "checks"));
  EXPECT_THAT(limiter.Take("a", "checks"),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("retry in 10 s")));
  EXPECT_OK(limiter.Take("b", "checks")) << "another address has its own bucket";
  clock.Advance(absl::Seconds(10));
  EXPECT_OK(limiter.Take("a", "checks"));
  EXPECT_FALSE(limiter.Take("a", "checks").ok());
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_OK(limiter.Take("a", "checks")) << "refilled to the burst";
  EXPECT_FALSE(limiter.Take("a", "checks").ok());
}

TEST(RateLimiterTest, TheKeyIdleLongestIsDroppedWhenFull) {
  FakeClock clock(absl::FromUnixSeconds(1750000000));
  RateLimiter limiter(&clock, 1, 1, 2);
  EXPECT_OK(limiter.Take("a", "x"));
  EXPECT_OK(limiter.Take("b", "x"));
  EXPECT_FALSE(limiter.Take("a", "x").ok());  // a is now the most recent
  EXPECT_OK(limiter.Take("c", "x"));          // drops b, the idle one
  EXPECT_FALSE(limiter.Take("a", "x").ok());  // a was kept, still empty
  EXPECT_OK(limiter.Take("b", "x"));          // b starts again full
}

}  // namespace
}  // namespace lawenforce::app
