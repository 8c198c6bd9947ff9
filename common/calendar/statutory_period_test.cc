#include "common/calendar/statutory_period.h"

#include <optional>

#include "absl/time/civil_time.h"
#include "common/testing/status_matchers.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::calendar {
namespace {

using ::absl::CivilDay;
using ::absl::CivilSecond;
using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;

// An instant given as China Standard Time wall-clock.
absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(CivilSecond(y, m, d, hh, mm, ss), ChinaTimeZone());
}

class StatutoryPeriodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<WorkingCalendar> loaded =
        WorkingCalendar::LoadFromFile(LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv");
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    calendar_.emplace(*std::move(loaded));
  }
  absl::StatusOr<absl::Time> Due(absl::Time start, int count, PeriodUnit unit) const {
    return DueTime(*calendar_, start, StatutoryPeriod{count, unit});
  }

  std::optional<WorkingCalendar> calendar_;
};

// Publicity of a decision (7 working days) taken Tue 2025-09-30 at 15:30:
// the 7th working day is Thu 2025-10-16 (see working_calendar_test.cc), so
// the period is over at the first instant of Fri 2025-10-17.
TEST_F(StatutoryPeriodTest, WorkingDaysEndAtMidnightAfterTheLastWorkingDay) {
  ASSERT_OK_AND_ASSIGN(absl::Time due, Due(Cst(2025, 9, 30, 15, 30), 7, PeriodUnit::kWorkingDays));
  EXPECT_EQ(due, Cst(2025, 10, 17));
  // Publishing late on the last day is in time; at midnight it is not.
  EXPECT_LT(Cst(2025, 10, 16, 23, 59, 59), due);
  EXPECT_FALSE(Cst(2025, 10, 17) < due);
  // The last day a person is shown.
  EXPECT_EQ(absl::ToCivilDay(due, ChinaTimeZone()) - 1, CivilDay(2025, 10, 16));
}

// The hour of the start does not matter: the start day is excluded whole.
TEST_F(StatutoryPeriodTest, TheStartHourDoesNotMoveADayPeriod) {
  EXPECT_THAT(Due(Cst(2025, 9, 30, 0, 0, 0), 7, PeriodUnit::kWorkingDays),
              IsOkAndHolds(Cst(2025, 10, 17)));
  EXPECT_THAT(Due(Cst(2025, 9, 30, 23, 59, 59), 7, PeriodUnit::kWorkingDays),
              IsOkAndHolds(Cst(2025, 10, 17)));
  EXPECT_THAT(Due(Cst(2025, 3, 3, 8), 15, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2025, 3, 19)));
  EXPECT_THAT(Due(Cst(2025, 3, 3, 22), 15, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2025, 3, 19)));
}

// Hearing request (5 working days) after a notice served Fri 2026-02-13:
// the 5th working day is Fri 2026-02-27, across Spring Festival.
TEST_F(StatutoryPeriodTest, FiveWorkingDaysAcrossSpringFestival2026) {
  EXPECT_THAT(Due(Cst(2026, 2, 13, 10), 5, PeriodUnit::kWorkingDays),
              IsOkAndHolds(Cst(2026, 2, 28)));
}

// Fine payment (15 calendar days) after service on Wed 2024-01-31: the last
// day is Thu 2024-02-15, a 春节 holiday. Calendar days are plain, so it is
// not moved (documented in statutory_period.h).
TEST_F(StatutoryPeriodTest, CalendarDaysIgnoreHolidays) {
  EXPECT_THAT(Due(Cst(2024, 1, 31, 10), 15, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2024, 2, 16)));
  // Decision after filing (90 calendar days), filed 2025-01-02:
  // 29 days left in January + 28 in February + 31 in March = 88 -> 04-02.
  EXPECT_THAT(Due(Cst(2025, 1, 2, 9), 90, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2025, 4, 3)));
}

// Report of an on-the-spot emergency coercion (24 hours), even over a
// holiday and a day boundary.
TEST_F(StatutoryPeriodTest, HoursAreElapsedTime) {
  EXPECT_THAT(Due(Cst(2025, 9, 30, 23, 30), 24, PeriodUnit::kHours),
              IsOkAndHolds(Cst(2025, 10, 1, 23, 30)));
  EXPECT_THAT(Due(Cst(2025, 9, 30, 23, 30), 0, PeriodUnit::kHours),
              IsOkAndHolds(Cst(2025, 9, 30, 23, 30)));
}

// 2025-09-28T16:30Z is Mon 2025-09-29 00:30 in China. Counted in UTC the
// start day would be Sunday the 28th (an adjusted workday, not counted),
// and the 1st working day Monday the 29th; in CST it is Tuesday the 30th.
TEST_F(StatutoryPeriodTest, DaysAreChinaStandardTimeDays) {
  const absl::Time start =
      absl::FromCivil(CivilSecond(2025, 9, 28, 16, 30, 0), absl::UTCTimeZone());
  EXPECT_THAT(Due(start, 1, PeriodUnit::kWorkingDays), IsOkAndHolds(Cst(2025, 10, 1)));
  EXPECT_THAT(Due(start, 1, PeriodUnit::kCalendarDays), IsOkAndHolds(Cst(2025, 10, 1)));
}

TEST_F(StatutoryPeriodTest, ZeroDaysEndWithTheStartDay) {
  EXPECT_THAT(Due(Cst(2025, 3, 3, 10), 0, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2025, 3, 4)));
  EXPECT_THAT(Due(Cst(2024, 2, 12, 10), 0, PeriodUnit::kWorkingDays),
              IsOkAndHolds(Cst(2024, 2, 13)));
}

TEST_F(StatutoryPeriodTest, WorkingDaysBeyondTheTableAreOutOfRange) {
  EXPECT_THAT(Due(Cst(2027, 1, 4, 10), 3, PeriodUnit::kWorkingDays),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Due(Cst(2022, 12, 30, 10), 3, PeriodUnit::kWorkingDays),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Due(Cst(2026, 12, 28, 10), 7, PeriodUnit::kWorkingDays),
              StatusIs(absl::StatusCode::kOutOfRange));
  // The other units never consult the table.
  EXPECT_THAT(Due(Cst(2027, 1, 4, 10), 3, PeriodUnit::kCalendarDays),
              IsOkAndHolds(Cst(2027, 1, 8)));
  EXPECT_THAT(Due(Cst(2030, 1, 4, 10), 24, PeriodUnit::kHours), IsOkAndHolds(Cst(2030, 1, 5, 10)));
}

TEST_F(StatutoryPeriodTest, NegativeCountsAndInfiniteStartsAreRefused) {
  for (PeriodUnit unit :
       {PeriodUnit::kCalendarDays, PeriodUnit::kWorkingDays, PeriodUnit::kHours}) {
    EXPECT_THAT(Due(Cst(2025, 3, 3), -1, unit),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(PeriodUnitName(unit))));
    EXPECT_THAT(Due(absl::InfiniteFuture(), 1, unit), StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(Due(absl::InfinitePast(), 1, unit), StatusIs(absl::StatusCode::kInvalidArgument));
  }
}

// DueTime for working days is AddWorkingDays on the CST start day, plus the
// whole last day, for every start in the table.
TEST_F(StatutoryPeriodTest, WorkingDayDueTimeAgreesWithAddWorkingDays) {
  for (CivilDay d(2023, 1, 1); d <= CivilDay(2026, 12, 20); ++d) {
    for (int n : {2, 3, 5, 7}) {
      ASSERT_OK_AND_ASSIGN(CivilDay last, calendar_->AddWorkingDays(d, n));
      ASSERT_THAT(Due(absl::FromCivil(CivilSecond(d) + 9 * 3600, ChinaTimeZone()), n,
                      PeriodUnit::kWorkingDays),
                  IsOkAndHolds(Eq(absl::FromCivil(last + 1, ChinaTimeZone()))))
          << d << " + " << n;
    }
  }
}

TEST(PeriodUnitNameTest, NamesEveryUnit) {
  EXPECT_EQ(PeriodUnitName(PeriodUnit::kCalendarDays), "calendar days");
  EXPECT_EQ(PeriodUnitName(PeriodUnit::kWorkingDays), "working days");
  EXPECT_EQ(PeriodUnitName(PeriodUnit::kHours), "hours");
  EXPECT_EQ(PeriodUnitName(PeriodUnit::kYears), "years");
}

// APL art. 36's two years from the end of a violation: to the
// corresponding day (Civil Code art. 202), whatever the hour.
TEST_F(StatutoryPeriodTest, YearsRunToTheCorrespondingDay) {
  EXPECT_THAT(Due(Cst(2023, 3, 10, 16, 0), 2, PeriodUnit::kYears), IsOkAndHolds(Cst(2025, 3, 11)));
  EXPECT_THAT(Due(Cst(2021, 6, 1), 5, PeriodUnit::kYears), IsOkAndHolds(Cst(2026, 6, 2)));
}

TEST_F(StatutoryPeriodTest, YearsFromTheTwentyNinthOfFebruaryEndAtTheMonthsEnd) {
  EXPECT_THAT(Due(Cst(2024, 2, 29, 9, 0), 1, PeriodUnit::kYears), IsOkAndHolds(Cst(2025, 3, 1)));
  EXPECT_THAT(Due(Cst(2024, 2, 29), 4, PeriodUnit::kYears), IsOkAndHolds(Cst(2028, 3, 1)))
      << "2028-02-29 exists";
}

TEST_F(StatutoryPeriodTest, YearsNeverConsultTheCalendar) {
  EXPECT_THAT(Due(Cst(2030, 1, 1), 2, PeriodUnit::kYears), IsOkAndHolds(Cst(2032, 1, 2)));
}

// With provisional years, a clock reaching past the table is answered.
TEST(ProvisionalPeriodTest, WorkingDaysIntoAProvisionalYearAreAnswered) {
  absl::StatusOr<WorkingCalendar> cal = WorkingCalendar::LoadFromFile(
      LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv", {.provisional_through_year = 2028});
  ASSERT_TRUE(cal.ok()) << cal.status();
  // Decision Thu 2026-12-24: 7 working days are 12-25, 28, 29, 30, 31 and,
  // provisionally, 2027-01-04 and 01-05 (01-01 is 元旦).
  EXPECT_THAT(DueTime(*cal, Cst(2026, 12, 24, 10, 0), {7, PeriodUnit::kWorkingDays}),
              IsOkAndHolds(Cst(2027, 1, 6)));
}

}  // namespace
}  // namespace lawenforce::calendar
