// The computed Chinese-calendar festivals against a published table
// (testdata/lunar-festivals.tsv, from an independent implementation) for
// every year 1950-2100, and against the State Council notices of 2023-2026.

#include "common/calendar/lunar.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace lawenforce::calendar {
namespace {

using ::absl::CivilDay;
using ::lawenforce::testing::StatusIs;

std::string Text(CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

TEST(LunarTest, FestivalsMatchThePublishedTableFrom1950To2100) {
  std::ifstream in(LAWENFORCE_SOURCE_DIR "/common/calendar/testdata/lunar-festivals.tsv");
  ASSERT_TRUE(in) << "testdata/lunar-festivals.tsv";
  std::string line;
  int years = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> col = absl::StrSplit(line, '\t');
    ASSERT_EQ(col.size(), 6u) << line;
    const int year = std::stoi(col[0]);
    ASSERT_OK_AND_ASSIGN(LunarFestivals f, FestivalsOf(year));
    EXPECT_EQ(Text(f.new_years_eve), col[1]) << year << " 除夕";
    EXPECT_EQ(Text(f.spring_festival), col[2]) << year << " 春节";
    EXPECT_EQ(Text(f.qingming), col[3]) << year << " 清明";
    EXPECT_EQ(Text(f.dragon_boat), col[4]) << year << " 端午";
    EXPECT_EQ(Text(f.mid_autumn), col[5]) << year << " 中秋";
    ++years;
  }
  EXPECT_EQ(years, 151);
}

// From the notices in data/cn-working-calendar.tsv.
TEST(LunarTest, LeapMonthsShiftTheFestivalsAsTheNoticesSay) {
  ASSERT_OK_AND_ASSIGN(LunarFestivals y2023, FestivalsOf(2023));  // leap 2nd month
  EXPECT_EQ(y2023.spring_festival, CivilDay(2023, 1, 22));
  EXPECT_EQ(y2023.dragon_boat, CivilDay(2023, 6, 22));
  EXPECT_EQ(y2023.mid_autumn, CivilDay(2023, 9, 29));
  ASSERT_OK_AND_ASSIGN(LunarFestivals y2025, FestivalsOf(2025));  // leap 6th month
  EXPECT_EQ(y2025.new_years_eve, CivilDay(2025, 1, 28));
  EXPECT_EQ(y2025.dragon_boat, CivilDay(2025, 5, 31));
  EXPECT_EQ(y2025.mid_autumn, CivilDay(2025, 10, 6));
  ASSERT_OK_AND_ASSIGN(LunarFestivals y2026, FestivalsOf(2026));
  EXPECT_EQ(y2026.spring_festival, CivilDay(2026, 2, 17));
  EXPECT_EQ(y2026.qingming, CivilDay(2026, 4, 5));
  EXPECT_EQ(y2026.mid_autumn, CivilDay(2026, 9, 25));
}

TEST(LunarTest, TheYear2033LeapEleventhMonthIsHandled) {
  // The "2033 problem": the leap month falls after the 11th month.
  ASSERT_OK_AND_ASSIGN(LunarFestivals y2034, FestivalsOf(2034));
  EXPECT_EQ(y2034.spring_festival, CivilDay(2034, 2, 19));
}

TEST(LunarTest, SolarTermsFallOnTheirDays) {
  EXPECT_EQ(SolarTermDay(2024, 270), CivilDay(2024, 12, 21));  // 冬至
  EXPECT_EQ(SolarTermDay(2025, 0), CivilDay(2025, 3, 20));     // 春分
  EXPECT_EQ(SolarTermDay(2024, 15), CivilDay(2024, 4, 4));     // 清明
}

TEST(LunarTest, YearsOutsideTheComputedRangeAreRefused) {
  EXPECT_THAT(FestivalsOf(1900).status(), StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(FestivalsOf(2200).status(), StatusIs(absl::StatusCode::kOutOfRange));
}

}  // namespace
}  // namespace lawenforce::calendar
