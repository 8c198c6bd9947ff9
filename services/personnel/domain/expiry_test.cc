#include "services/personnel/domain/expiry.h"

#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

TEST(ExpiryTest, CertificateExpiresAtMidnightChinaTimeAfterItsLastDay) {
  Certificate c;
  c.valid_until = absl::CivilDay(2025, 12, 31);
  // 2026-01-01T00:00+08:00 is 2025-12-31T16:00Z.
  EXPECT_EQ(ExpiryMoment(c),
            absl::FromCivil(absl::CivilSecond(2025, 12, 31, 16, 0, 0), absl::UTCTimeZone()));
}

TEST(ExpiryTest, LeapDayRollsIntoMarch) {
  Certificate c;
  c.valid_until = absl::CivilDay(2028, 2, 29);
  EXPECT_EQ(ExpiryMoment(c),
            absl::FromCivil(absl::CivilSecond(2028, 2, 29, 16, 0, 0), absl::UTCTimeZone()));
}

}  // namespace
}  // namespace lawenforce::personnel
