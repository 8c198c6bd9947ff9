#include "common/calendar/working_calendar.h"

#include <fstream>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::calendar {
namespace {

using ::absl::CivilDay;
using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kShippedTable[] = LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv";

// Every test reads the real table: the dates below were checked against
// data/cn-working-calendar.tsv, not against memory.
class ShippedCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<WorkingCalendar> loaded = WorkingCalendar::LoadFromFile(kShippedTable);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    calendar_.emplace(*std::move(loaded));
  }
  const WorkingCalendar& cal() const { return *calendar_; }

  std::optional<WorkingCalendar> calendar_;
};

// Pinned: when the next State Council notice is added (docs/calendar.md),
// update last_year and the per-year counts below.
TEST_F(ShippedCalendarTest, CoversTwentyTwentyThreeThroughTwentyTwentySix) {
  EXPECT_EQ(cal().first_year(), 2023);
  EXPECT_EQ(cal().last_year(), 2026);
  EXPECT_TRUE(cal().Covers(CivilDay(2023, 1, 1)));
  EXPECT_TRUE(cal().Covers(CivilDay(2026, 12, 31)));
  EXPECT_FALSE(cal().Covers(CivilDay(2022, 12, 31)));
  EXPECT_FALSE(cal().Covers(CivilDay(2027, 1, 1)));
}

// Weekdays minus holidays on weekdays plus adjusted workdays, counted from
// the table: 2023 261-18+7, 2024 262-19+8, 2025 261-18+5, 2026 261-19+6.
TEST_F(ShippedCalendarTest, WorkingDaysPerYearMatchTheNotices) {
  // 2022-12-31 is not covered, so 2023 is (2023-01-01, 2023-12-31] plus
  // 2023-01-01 itself, a Sunday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2023, 1, 1)), IsOkAndHolds(false));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2023, 1, 1), CivilDay(2023, 12, 31)),
              IsOkAndHolds(249));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2023, 12, 31), CivilDay(2024, 12, 31)),
              IsOkAndHolds(251));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2024, 12, 31), CivilDay(2025, 12, 31)),
              IsOkAndHolds(248));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 12, 31), CivilDay(2026, 12, 31)),
              IsOkAndHolds(248));
}

TEST_F(ShippedCalendarTest, WeekdaysWeekendsHolidaysAndAdjustedWorkdays) {
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 9)), IsOkAndHolds(true));    // Fri, no row.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 3)), IsOkAndHolds(false));   // Sat, no row.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 4)), IsOkAndHolds(true));    // Sun, workday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 10)), IsOkAndHolds(false));  // Sat, holiday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 12)), IsOkAndHolds(false));  // Mon, holiday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 18)), IsOkAndHolds(true));   // Sun, workday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2024, 2, 19)), IsOkAndHolds(true));   // Mon, no row.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2023, 1, 1)), IsOkAndHolds(false));   // Sun, first day.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2023, 1, 2)), IsOkAndHolds(false));   // Mon, 元旦.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2025, 9, 28)), IsOkAndHolds(true));   // Sun, workday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2025, 10, 8)), IsOkAndHolds(false));  // Wed, holiday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2025, 10, 11)), IsOkAndHolds(true));  // Sat, workday.
  EXPECT_THAT(cal().IsWorkingDay(CivilDay(2026, 12, 31)), IsOkAndHolds(true));  // Thu, last day.
}

TEST_F(ShippedCalendarTest, DaysOutsideTheTableAreOutOfRange) {
  for (CivilDay day : {CivilDay(2022, 12, 31), CivilDay(2022, 6, 1), CivilDay(2027, 1, 1),
                       CivilDay(2027, 10, 1)}) {
    EXPECT_THAT(cal().IsWorkingDay(day),
                StatusIs(absl::StatusCode::kOutOfRange, HasSubstr(absl::FormatCivilTime(day))));
    EXPECT_THAT(cal().AddWorkingDays(day, 0), StatusIs(absl::StatusCode::kOutOfRange));
    EXPECT_THAT(cal().AddWorkingDays(day, 3), StatusIs(absl::StatusCode::kOutOfRange));
    EXPECT_THAT(cal().WorkingDaysBetween(day, CivilDay(2025, 1, 1)),
                StatusIs(absl::StatusCode::kOutOfRange));
    EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 1, 1), day),
                StatusIs(absl::StatusCode::kOutOfRange));
    EXPECT_EQ(cal().HolidayName(day), "");
  }
}

// Spring Festival 2024: holidays Sat 02-10 .. Sat 02-17; adjusted workdays
// Sun 02-04 and Sun 02-18. From Thu 02-08: Fri 02-09 has no row, so it is
// an ordinary working day (1); 02-10..02-17 are holidays; Sun 02-18 is an
// adjusted workday (2).
TEST_F(ShippedCalendarTest, SpringFestival2024CountsTheAdjustedSunday) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 8), 1), IsOkAndHolds(CivilDay(2024, 2, 9)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 8), 2), IsOkAndHolds(CivilDay(2024, 2, 18)));
  // Then Mon 02-19, Tue 02-20, Wed 02-21.
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 8), 5), IsOkAndHolds(CivilDay(2024, 2, 21)));
  // Starting on a holiday: the holiday is the start day, not counted either way.
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 12), 1), IsOkAndHolds(CivilDay(2024, 2, 18)));
  // Before the festival: Sat 02-03 rest, Sun 02-04 workday (1), Mon 02-05 (2).
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 2), 2), IsOkAndHolds(CivilDay(2024, 2, 5)));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2024, 2, 9), CivilDay(2024, 2, 17)),
              IsOkAndHolds(0));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2024, 2, 8), CivilDay(2024, 2, 18)),
              IsOkAndHolds(2));
}

// National Day 2024: workday Sun 09-29, holidays Tue 10-01 .. Mon 10-07,
// workday Sat 10-12.
TEST_F(ShippedCalendarTest, NationalDay2024) {
  // From Fri 09-27: Sat 09-28 rest, Sun 09-29 workday (1), Mon 09-30 (2),
  // 10-01..10-07 holidays, Tue 10-08 (3).
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 9, 27), 3), IsOkAndHolds(CivilDay(2024, 10, 8)));
  // From Mon 09-30: Tue 10-08 (1), Wed (2), Thu (3), Fri 10-11 (4),
  // Sat 10-12 workday (5).
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 9, 30), 5), IsOkAndHolds(CivilDay(2024, 10, 12)));
  EXPECT_EQ(cal().HolidayName(CivilDay(2024, 10, 3)), "国庆节");
}

// National Day and Mid-Autumn 2025: workday Sun 09-28, holidays Wed 10-01 ..
// Wed 10-08, workday Sat 10-11. The publicity of a decision taken Tue 09-30
// is due 7 working days later: Thu 10-09 (1), Fri 10-10 (2), Sat 10-11
// workday (3), Sun 10-12 rest, Mon 10-13 (4), Tue (5), Wed (6), Thu 10-16 (7).
TEST_F(ShippedCalendarTest, SevenWorkingDayPublicityFromDecisionOnSeptember30th2025) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 9, 30), 7), IsOkAndHolds(CivilDay(2025, 10, 16)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 9, 30), 1), IsOkAndHolds(CivilDay(2025, 10, 9)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 9, 30), 3), IsOkAndHolds(CivilDay(2025, 10, 11)));
  // From Fri 09-26: Sat 09-27 rest, Sun 09-28 workday (1), Mon 09-29 (2).
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 9, 26), 2), IsOkAndHolds(CivilDay(2025, 9, 29)));
  EXPECT_EQ(cal().HolidayName(CivilDay(2025, 10, 6)), "国庆节、中秋节");
}

// Spring Festival 2026: workday Sat 02-14, holidays Sun 02-15 .. Mon 02-23,
// workday Sat 02-28. From Fri 02-13: Sat 02-14 (1), Tue 02-24 (2), Wed (3),
// Thu (4), Fri 02-27 (5); the adjusted Sat 02-28 would be the 6th.
TEST_F(ShippedCalendarTest, FiveWorkingDaysAcrossSpringFestival2026) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 2, 13), 5), IsOkAndHolds(CivilDay(2026, 2, 27)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 2, 13), 1), IsOkAndHolds(CivilDay(2026, 2, 14)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 2, 13), 6), IsOkAndHolds(CivilDay(2026, 2, 28)));
}

// Periods spanning a year boundary; 2026-01-01..03 are 元旦 and Sun 01-04 is
// an adjusted workday. From Wed 2025-12-31: 01-01..01-03 holidays, Sun 01-04
// (1), Mon 01-05 (2).
TEST_F(ShippedCalendarTest, CountsAcrossTheNewYear) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 12, 31), 2), IsOkAndHolds(CivilDay(2026, 1, 5)));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 12, 31), CivilDay(2026, 1, 5)),
              IsOkAndHolds(2));
}

TEST_F(ShippedCalendarTest, ZeroWorkingDaysIsTheStartDayEvenOnAHoliday) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2024, 2, 12), 0), IsOkAndHolds(CivilDay(2024, 2, 12)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 12, 31), 0),
              IsOkAndHolds(CivilDay(2026, 12, 31)));
}

TEST_F(ShippedCalendarTest, NegativeWorkingDaysAreRefused) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2025, 3, 3), -1),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("-1")));
}

// Thu 2026-12-31 is the last working day the table knows; the 2nd working
// day after Wed 2026-12-30 lies in 2027, whose holidays are unknown.
TEST_F(ShippedCalendarTest, AddingPastTheEndOfTheTableIsOutOfRange) {
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 12, 30), 1),
              IsOkAndHolds(CivilDay(2026, 12, 31)));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 12, 30), 2),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("2027")));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 12, 31), 1),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(cal().AddWorkingDays(CivilDay(2026, 12, 20), 1000000000),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST_F(ShippedCalendarTest, WorkingDaysBetweenIsAntisymmetric) {
  const CivilDay pairs[][2] = {
      {CivilDay(2024, 2, 8), CivilDay(2024, 2, 18)},    // 2
      {CivilDay(2025, 9, 30), CivilDay(2025, 10, 16)},  // 7
      {CivilDay(2023, 1, 1), CivilDay(2026, 12, 31)},   // everything
      {CivilDay(2024, 2, 10), CivilDay(2024, 2, 17)},   // inside a holiday: 0
  };
  for (const auto& pair : pairs) {
    ASSERT_OK_AND_ASSIGN(int forward, cal().WorkingDaysBetween(pair[0], pair[1]));
    EXPECT_THAT(cal().WorkingDaysBetween(pair[1], pair[0]), IsOkAndHolds(-forward))
        << pair[0] << " " << pair[1];
  }
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 10, 16), CivilDay(2025, 9, 30)),
              IsOkAndHolds(-7));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2023, 1, 1), CivilDay(2026, 12, 31)),
              IsOkAndHolds(249 + 251 + 248 + 248));
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 5, 5), CivilDay(2025, 5, 5)),
              IsOkAndHolds(0));
  // `to` is included, `from` is not: Mon 2025-03-03 to Tue 2025-03-04 is 1.
  EXPECT_THAT(cal().WorkingDaysBetween(CivilDay(2025, 3, 3), CivilDay(2025, 3, 4)),
              IsOkAndHolds(1));
}

// For every covered day and n in 0..15: AddWorkingDays and
// WorkingDaysBetween agree; the result is a working day when n > 0 and is
// the first day reaching n; a failure is only ever the end of the table.
TEST_F(ShippedCalendarTest, AddWorkingDaysAndWorkingDaysBetweenAgreeEverywhere) {
  const CivilDay last(2026, 12, 31);
  int checked = 0;
  for (CivilDay d(2023, 1, 1); d <= last; ++d) {
    for (int n = 0; n <= 15; ++n) {
      absl::StatusOr<CivilDay> due = cal().AddWorkingDays(d, n);
      if (!due.ok()) {
        ASSERT_THAT(due, StatusIs(absl::StatusCode::kOutOfRange)) << d << " + " << n;
        ASSERT_THAT(cal().WorkingDaysBetween(d, last), IsOkAndHolds(::testing::Lt(n)))
            << d << " + " << n;
        continue;
      }
      ++checked;
      ASSERT_THAT(cal().WorkingDaysBetween(d, *due), IsOkAndHolds(n)) << d << " + " << n;
      ASSERT_THAT(cal().WorkingDaysBetween(*due, d), IsOkAndHolds(-n)) << d << " + " << n;
      if (n == 0) {
        ASSERT_EQ(*due, d);
        continue;
      }
      ASSERT_GT(*due, d);
      ASSERT_THAT(cal().IsWorkingDay(*due), IsOkAndHolds(true)) << d << " + " << n;
      ASSERT_THAT(cal().WorkingDaysBetween(d, *due - 1), IsOkAndHolds(n - 1)) << d << " + " << n;
      ASSERT_THAT(cal().AddWorkingDays(d, n - 1), IsOkAndHolds(::testing::Lt(*due)));
    }
  }
  // 1461 days x 16 values of n, minus the few that run past 2026-12-31.
  EXPECT_GT(checked, 1461 * 16 - 200);
}

// An independent count: walking day by day with IsWorkingDay gives the
// same totals as the prefix sums behind WorkingDaysBetween.
TEST_F(ShippedCalendarTest, WorkingDaysBetweenMatchesADayByDayWalk) {
  int walked = 0;
  const CivilDay origin(2023, 1, 1);
  for (CivilDay d = origin + 1; d <= CivilDay(2026, 12, 31); ++d) {
    ASSERT_OK_AND_ASSIGN(bool working, cal().IsWorkingDay(d));
    walked += working ? 1 : 0;
    ASSERT_THAT(cal().WorkingDaysBetween(origin, d), IsOkAndHolds(walked)) << d;
  }
}

TEST_F(ShippedCalendarTest, HolidayNamesComeFromHolidayRowsOnly) {
  EXPECT_EQ(cal().HolidayName(CivilDay(2024, 2, 12)), "春节");
  EXPECT_EQ(cal().HolidayName(CivilDay(2023, 1, 2)), "元旦");
  EXPECT_EQ(cal().HolidayName(CivilDay(2024, 2, 18)), "");  // Adjusted workday.
  EXPECT_EQ(cal().HolidayName(CivilDay(2024, 3, 1)), "");   // Ordinary Friday.
  EXPECT_EQ(cal().HolidayName(CivilDay(2024, 3, 2)), "");   // Ordinary Saturday.
}

TEST(WorkingCalendarLoadTest, MissingFileIsNotFound) {
  EXPECT_THAT(WorkingCalendar::LoadFromFile("/nonexistent/calendar.tsv"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/calendar.tsv")));
}

// Line 1 is a comment, line 2 the header, line 3 a good row; the row under
// test is line 4.
absl::StatusOr<WorkingCalendar> LoadWithRow(absl::string_view row) {
  return WorkingCalendar::LoadFromString(
      absl::StrCat("# test table\n"
                   "date\tkind\tholiday\n"
                   "2024-01-01\tholiday\t元旦\n",
                   row, "\n"));
}

TEST(WorkingCalendarLoadTest, MalformedRowsAreRefusedNamingTheLine) {
  struct Case {
    const char* row;
    const char* why;
  };
  const Case cases[] = {
      {"2024-02-10\tholiday", "3 tab-separated columns"},
      {"2024-02-10\tholiday\t春节\textra", "3 tab-separated columns"},
      {"2024-02-10 holiday 春节", "3 tab-separated columns"},
      {"2024-2-10\tholiday\t春节", "not a valid YYYY-MM-DD"},
      {"2024-02-30\tholiday\t春节", "not a valid YYYY-MM-DD"},
      {"2024-13-01\tholiday\t春节", "not a valid YYYY-MM-DD"},
      {"2024\tholiday\t春节", "not a valid YYYY-MM-DD"},
      {"\tholiday\t春节", "not a valid YYYY-MM-DD"},
      {"2024-02-10\tHoliday\t春节", "neither 'holiday' nor 'workday'"},
      {"2024-02-10\trest\t春节", "neither 'holiday' nor 'workday'"},
      {"2024-02-10\tholiday\t", "holiday name is empty"},
      {"2024-02-10\tholiday\t  ", "holiday name is empty"},
      {"2024-01-01\tholiday\t元旦", "listed twice (first on line 3)"},
      {"2023-12-31\tholiday\t元旦", "ascending date order"},
      {"2026-01-01\tholiday\t元旦", "no rows for 2025"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(LoadWithRow(c.row),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("calendar line 4:"), HasSubstr(c.why))))
        << c.row;
  }
}

TEST(WorkingCalendarLoadTest, WorkdayOnAWeekdayIsRefused) {
  // Mon 2024-02-19: a typo for an adjusted weekend day.
  EXPECT_THAT(LoadWithRow("2024-02-19\tworkday\t春节"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("calendar line 4:"), HasSubstr("2024-02-19"),
                             HasSubstr("Saturday or Sunday"))));
}

TEST(WorkingCalendarLoadTest, HolidaysMayFallOnAnyDay) {
  // Sat 2024-02-10 and Mon 2024-02-12 are both 春节 holidays.
  ASSERT_OK_AND_ASSIGN(WorkingCalendar cal, LoadWithRow("2024-02-10\tholiday\t春节\n"
                                                        "2024-02-12\tholiday\t春节\n"
                                                        "2024-02-18\tworkday\t春节"));
  EXPECT_THAT(cal.IsWorkingDay(CivilDay(2024, 2, 10)), IsOkAndHolds(false));
  EXPECT_THAT(cal.IsWorkingDay(CivilDay(2024, 2, 12)), IsOkAndHolds(false));
  EXPECT_THAT(cal.IsWorkingDay(CivilDay(2024, 2, 18)), IsOkAndHolds(true));
  EXPECT_EQ(cal.HolidayName(CivilDay(2024, 2, 10)), "春节");
  EXPECT_EQ(cal.first_year(), 2024);
  EXPECT_EQ(cal.last_year(), 2024);
}

TEST(WorkingCalendarLoadTest, HeaderIsRequired) {
  EXPECT_THAT(WorkingCalendar::LoadFromString("2024-01-01\tholiday\t元旦\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("calendar line 1:"), HasSubstr("header"))));
  EXPECT_THAT(WorkingCalendar::LoadFromString("# c\n\ndate,kind,holiday\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("calendar line 3:")));
}

TEST(WorkingCalendarLoadTest, TableWithoutRowsIsRefused) {
  EXPECT_THAT(WorkingCalendar::LoadFromString(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no rows")));
  EXPECT_THAT(WorkingCalendar::LoadFromString("# only comments\ndate\tkind\tholiday\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no rows")));
}

TEST(WorkingCalendarLoadTest, AcceptsWindowsLineEndingsAndBlankLines) {
  ASSERT_OK_AND_ASSIGN(WorkingCalendar cal,
                       WorkingCalendar::LoadFromString(
                           "# c\r\ndate\tkind\tholiday\r\n\r\n2024-01-01\tholiday\t元旦\r\n"));
  EXPECT_EQ(cal.HolidayName(CivilDay(2024, 1, 1)), "元旦");
}

TEST(WorkingCalendarLoadTest, ErrorsFromAFileNameThePathAndTheLine) {
  testing::TempDir dir;
  const std::string path = dir.File("calendar.tsv");
  {
    std::ofstream out(path);
    out << "date\tkind\tholiday\n2024-01-01\tholiday\t元旦\n2024-01-08\tworkday\tx\n";
  }
  EXPECT_THAT(WorkingCalendar::LoadFromFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(path), HasSubstr("calendar line 3:"))));
}

}  // namespace
}  // namespace lawenforce::calendar
