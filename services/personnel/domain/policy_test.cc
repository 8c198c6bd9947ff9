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
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2020, 5, 1)}}, 2024), 3600);
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2024, 1, 1)}}, 2024), 3600);
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{absl::InfinitePast()}}, 2024), 3600);
}

TEST(PolicyTest, TheFirstYearIsProRataAndYearsBeforeServiceNeedNothing) {
  const PersonnelPolicy policy;
  // 2025-06-01 .. 2025-12-31: 214 of 365 days; ceil(3600 * 214 / 365) = 2111.
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2025, 6, 1)}}, 2025), 2111);
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2025, 12, 31)}}, 2025), 10);
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2025, 6, 1)}}, 2024), 0);
}

TEST(PolicyTest, NoSpansMeansAWholeYear) {
  const PersonnelPolicy policy;
  EXPECT_EQ(RequiredTrainingMinutes(policy, {}, 2024), 3600);
  EXPECT_EQ(DaysServedIn({}, 2024), 366);
}

TEST(PolicyTest, ServiceThatEndedIsJudgedForTheDaysServed) {
  const PersonnelPolicy policy;
  // Retired at 00:00 on 2025-07-01: 2025-01-01 .. 06-30 = 181 days.
  EXPECT_EQ(DaysServedIn({{China(2020, 1, 1), China(2025, 7, 1)}}, 2025), 181);
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2020, 1, 1), China(2025, 7, 1)}}, 2025),
            (3600 * 181 + 364) / 365);
  // Leaving during a day counts that day.
  EXPECT_EQ(DaysServedIn({{China(2020, 1, 1), China(2025, 7, 1) + absl::Hours(9)}}, 2025), 182);
  // A year after leaving needs nothing.
  EXPECT_EQ(RequiredTrainingMinutes(policy, {{China(2020, 1, 1), China(2025, 7, 1)}}, 2026), 0);
}

TEST(PolicyTest, TwoSpansSharingADayCountItOnce) {
  // Left 2025-03-01 10:00, back 2025-03-01 15:00 until 2025-03-03 00:00:
  // 2025-01-01 .. 03-02 = 61 days.
  const absl::Time day = China(2025, 3, 1);
  EXPECT_EQ(DaysServedIn({{China(2024, 1, 1), day + absl::Hours(10)},
                          {day + absl::Hours(15), China(2025, 3, 3)}},
                         2025),
            61);
  // A gap of whole days is not served.
  EXPECT_EQ(DaysServedIn({{China(2024, 1, 1), China(2025, 2, 1)},
                          {China(2025, 12, 1), absl::InfiniteFuture()}},
                         2025),
            31 + 31);
}

TEST(PolicyTest, AYearClosesFifteenDaysAfterItsEnd) {
  const PersonnelPolicy policy;
  EXPECT_EQ(EndOfYear(2024), China(2025, 1, 1));
  EXPECT_EQ(YearClosesAt(policy, 2024), China(2025, 1, 16));
}

}  // namespace
}  // namespace lawenforce::personnel
