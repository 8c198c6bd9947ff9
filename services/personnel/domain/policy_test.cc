#include "services/personnel/domain/policy.h"

#include "common/time/clock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

absl::Time China(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 0, 0, 0), ChinaTimeZone());
}

TEST(PolicyTest, AFullYearOfServiceNeedsTheWholeRequirement) {
  const PersonnelPolicy policy;
  EXPECT_EQ(RequiredTrainingMinutes(policy, China(2020, 5, 1), 2024), 3600);
  EXPECT_EQ(RequiredTrainingMinutes(policy, China(2024, 1, 1), 2024), 3600);
  EXPECT_EQ(RequiredTrainingMinutes(policy, absl::InfinitePast(), 2024), 3600);
}

TEST(PolicyTest, TheFirstYearIsProRataAndYearsBeforeServiceNeedNothing) {
  const PersonnelPolicy policy;
  // 2025-06-01 .. 2025-12-31: 214 of 365 days; ceil(3600 * 214 / 365) = 2111.
  EXPECT_EQ(RequiredTrainingMinutes(policy, China(2025, 6, 1), 2025), 2111);
  EXPECT_EQ(RequiredTrainingMinutes(policy, China(2025, 12, 31), 2025), 10);
  EXPECT_EQ(RequiredTrainingMinutes(policy, China(2025, 6, 1), 2024), 0);
}

TEST(PolicyTest, AYearClosesFifteenDaysAfterItsEnd) {
  const PersonnelPolicy policy;
  EXPECT_EQ(EndOfYear(2024), China(2025, 1, 1));
  EXPECT_EQ(YearClosesAt(policy, 2024), China(2025, 1, 16));
}

}  // namespace
}  // namespace lawenforce::personnel
