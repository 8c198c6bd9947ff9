// The holidays derived from the 2024 rules: every statutory day of a year
// the notices cover is a holiday in the notice; make-up days follow
// weekend holidays; a provisional year counts them and has no adjusted
// weekends.

#include "common/calendar/statutory_holidays.h"

#include <optional>
#include <string>

#include "common/calendar/working_calendar.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::calendar {
namespace {

using ::absl::CivilDay;
using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kShippedTable[] = LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv";

std::optional<WorkingCalendar> Load(int provisional_through) {
  absl::StatusOr<WorkingCalendar> c = WorkingCalendar::LoadFromFile(
      kShippedTable, {.provisional_through_year = provisional_through});
  if (!c.ok()) {
    ADD_FAILURE() << c.status();
    return std::nullopt;
  }
  return *std::move(c);
}

TEST(StatutoryHolidaysTest, EveryStatutoryDayOf2025And2026IsAHolidayInTheNotice) {
  std::optional<WorkingCalendar> official = Load(0);
  ASSERT_TRUE(official.has_value());
  for (int year : {2025, 2026}) {
    ASSERT_OK_AND_ASSIGN(std::vector<DerivedHoliday> derived, StatutoryHolidays(year));
    int statutory = 0;
    for (const DerivedHoliday& h : derived) {
      if (h.name.find("补假") != std::string::npos) continue;
      ++statutory;
      EXPECT_NE(official->HolidayName(h.day), "")
          << absl::FormatCivilTime(h.day) << " " << h.name << " is not a holiday in the notice";
    }
    EXPECT_EQ(statutory, 13) << year << ": 13 days since the 2024 revision";
  }
}

// 2027: 元旦 Fri; 春节 除夕 Fri 02-05 .. 初三 Mon 02-08, two on the weekend,
// made up Tue 02-09 and Wed 02-10; 清明 Mon 04-05; 劳动节 Sat-Sun, made up
// Mon 05-03 and Tue 05-04; 端午 Wed 06-09; 中秋 Wed 09-15; 国庆 Fri-Sun,
// made up Mon 10-04 and Tue 10-05.
TEST(StatutoryHolidaysTest, TwentyTwentySevenAsTheLawAloneSaysIt) {
  ASSERT_OK_AND_ASSIGN(std::vector<DerivedHoliday> derived, StatutoryHolidays(2027));
  std::vector<std::string> days;
  for (const DerivedHoliday& h : derived) {
    days.push_back(absl::FormatCivilTime(h.day) + " " + h.name);
  }
  EXPECT_THAT(
      days, ::testing::ElementsAre(
                "2027-01-01 元旦", "2027-02-05 春节", "2027-02-06 春节", "2027-02-07 春节",
                "2027-02-08 春节", "2027-02-09 春节（补假）", "2027-02-10 春节（补假）",
                "2027-04-05 清明节", "2027-05-01 劳动节", "2027-05-02 劳动节",
                "2027-05-03 劳动节（补假）", "2027-05-04 劳动节（补假）", "2027-06-09 端午节",
                "2027-09-15 中秋节", "2027-10-01 国庆节", "2027-10-02 国庆节", "2027-10-03 国庆节",
                "2027-10-04 国庆节（补假）", "2027-10-05 国庆节（补假）"));
}

TEST(StatutoryHolidaysTest, AMidAutumnOnNationalDayIsOneDayWithBothNames) {
  // 2028: 中秋 is Tue 10-03.
  ASSERT_OK_AND_ASSIGN(std::vector<DerivedHoliday> derived, StatutoryHolidays(2028));
  bool found = false;
  for (const DerivedHoliday& h : derived) {
    if (h.day == CivilDay(2028, 10, 3)) {
      EXPECT_EQ(h.name, "中秋节、国庆节");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(StatutoryHolidaysTest, YearsUnderEarlierRulesAreRefused) {
  EXPECT_THAT(StatutoryHolidays(2024).status(), StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(ProvisionalYearTest, TheYearsAfterTheTableAreCoveredAndMarkedProvisional) {
  std::optional<WorkingCalendar> cal = Load(2030);
  ASSERT_TRUE(cal.has_value());
  EXPECT_EQ(cal->official_last_year(), 2026);
  EXPECT_EQ(cal->last_year(), 2030);
  EXPECT_FALSE(cal->IsProvisional(CivilDay(2026, 12, 31)));
  EXPECT_TRUE(cal->IsProvisional(CivilDay(2027, 1, 1)));
  EXPECT_FALSE(cal->IsProvisional(CivilDay(2031, 1, 1))) << "not covered at all";
  EXPECT_THAT(cal->IsWorkingDay(CivilDay(2027, 2, 9)), IsOkAndHolds(false));
  EXPECT_EQ(cal->HolidayName(CivilDay(2027, 2, 9)), "春节（补假）");
  EXPECT_THAT(cal->IsWorkingDay(CivilDay(2031, 1, 2)).status(),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(ProvisionalYearTest, AProvisionalYearHasNoAdjustedWeekends) {
  std::optional<WorkingCalendar> cal = Load(2027);
  ASSERT_TRUE(cal.has_value());
  for (CivilDay d = CivilDay(2027, 1, 1); d <= CivilDay(2027, 12, 31); ++d) {
    const absl::Weekday w = absl::GetWeekday(d);
    if (w == absl::Weekday::saturday || w == absl::Weekday::sunday) {
      EXPECT_THAT(cal->IsWorkingDay(d), IsOkAndHolds(false)) << absl::FormatCivilTime(d);
    }
  }
  // 2027 has 261 weekdays; 19 derived days less 6 on weekends = 13 off.
  EXPECT_THAT(cal->WorkingDaysBetween(CivilDay(2026, 12, 31), CivilDay(2027, 12, 31)),
              IsOkAndHolds(261 - 13));
}

TEST(ProvisionalYearTest, WithoutProvisionalYearsTheTableStillEndsItsCoverage) {
  std::optional<WorkingCalendar> cal = Load(0);
  ASSERT_TRUE(cal.has_value());
  EXPECT_EQ(cal->last_year(), 2026);
  EXPECT_THAT(cal->AddWorkingDays(CivilDay(2026, 12, 24), 7).status(),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("2027")));
}

TEST(SubtractWorkingDaysTest, SevenWorkingDaysBeforeAHearing) {
  std::optional<WorkingCalendar> cal = Load(0);
  ASSERT_TRUE(cal.has_value());
  // A hearing on Mon 2025-10-13: back over Sat 10-11 (an adjusted workday),
  // Fri 10-10, Thu 10-09 and the National Day holidays 10-01..08 to
  // Tue 09-30, Mon 09-29, Sun 09-28 (a workday): the 7th is Fri 09-26.
  EXPECT_THAT(cal->SubtractWorkingDays(CivilDay(2025, 10, 13), 7),
              IsOkAndHolds(CivilDay(2025, 9, 26)));
  EXPECT_THAT(cal->SubtractWorkingDays(CivilDay(2025, 10, 13), 0),
              IsOkAndHolds(CivilDay(2025, 10, 13)));
  EXPECT_THAT(cal->SubtractWorkingDays(CivilDay(2025, 10, 13), -1).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(cal->SubtractWorkingDays(CivilDay(2023, 1, 4), 5).status(),
              StatusIs(absl::StatusCode::kOutOfRange));
  // Agrees with AddWorkingDays everywhere it is defined.
  for (CivilDay d = CivilDay(2023, 2, 1); d <= CivilDay(2026, 12, 1); d += 13) {
    absl::StatusOr<CivilDay> back = cal->SubtractWorkingDays(d, 7);
    ASSERT_TRUE(back.ok());
    EXPECT_THAT(cal->IsWorkingDay(*back), IsOkAndHolds(true));
    // (back, d) holds the other 6; d itself counts when it is a working day.
    EXPECT_THAT(cal->WorkingDaysBetween(*back, d),
                IsOkAndHolds(6 + (cal->IsWorkingDay(d).value() ? 1 : 0)))
        << absl::FormatCivilTime(d);
  }
}

}  // namespace
}  // namespace lawenforce::calendar
