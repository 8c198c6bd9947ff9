#include "services/personnel/domain/training.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::DoubleEq;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

constexpr char kField[] = "record.hours";

TrainingRecord Record(std::string officer_id, int64_t minutes, absl::CivilDay date,
                      TrainingCategory category = TrainingCategory::kBusinessKnowledge) {
  TrainingRecord record;
  record.id = "rec-" + officer_id + "-" + absl::FormatCivilTime(date);
  record.officer_id = std::move(officer_id);
  record.minutes = minutes;
  record.category = category;
  record.date = date;
  record.course = "course";
  record.provider = "provider";
  return record;
}

void ExpectBadHours(double hours, absl::string_view description) {
  const absl::StatusOr<int64_t> minutes = HoursToMinutes(kField, hours);
  EXPECT_THAT(minutes, StatusIs(absl::StatusCode::kInvalidArgument,
                                AllOf(StartsWith(std::string(kField) + ": "),
                                      HasSubstr(std::string(description)))))
      << hours;
  EXPECT_THAT(FieldOf(minutes.status()), Optional(Eq(kField)));
}

TEST(HoursToMinutesTest, HalfHourMultiplesConvertExactly) {
  EXPECT_THAT(HoursToMinutes(kField, 0.5), IsOkAndHolds(Eq(30)));
  EXPECT_THAT(HoursToMinutes(kField, 1), IsOkAndHolds(Eq(60)));
  EXPECT_THAT(HoursToMinutes(kField, 1.5), IsOkAndHolds(Eq(90)));
  EXPECT_THAT(HoursToMinutes(kField, 7.5), IsOkAndHolds(Eq(450)));
  EXPECT_THAT(HoursToMinutes(kField, 24), IsOkAndHolds(Eq(1440)));
}

TEST(HoursToMinutesTest, ZeroAndNegativeHoursAreRefused) {
  ExpectBadHours(0, "greater than 0");
  ExpectBadHours(-0.0, "greater than 0");
  ExpectBadHours(-1, "greater than 0");
}

TEST(HoursToMinutesTest, MoreThanADayIsRefused) {
  ExpectBadHours(24.5, "at most 24");
  ExpectBadHours(1e300, "at most 24");
}

TEST(HoursToMinutesTest, HoursThatAreNotHalfHourMultiplesAreRefused) {
  ExpectBadHours(0.25, "multiple of 0.5");
  ExpectBadHours(1.3, "multiple of 0.5");
  ExpectBadHours(0.5000001, "multiple of 0.5");
  ExpectBadHours(std::nextafter(2.0, 3.0), "multiple of 0.5");
}

TEST(HoursToMinutesTest, NonFiniteHoursAreRefused) {
  ExpectBadHours(std::numeric_limits<double>::quiet_NaN(), "finite");
  ExpectBadHours(std::numeric_limits<double>::infinity(), "finite");
  ExpectBadHours(-std::numeric_limits<double>::infinity(), "finite");
}

TEST(HoursToMinutesTest, MinutesConvertBackToHours) {
  EXPECT_THAT(MinutesToHours(90), DoubleEq(1.5));
  EXPECT_THAT(MinutesToHours(3600), DoubleEq(60));
  EXPECT_THAT(MinutesToHours(0), DoubleEq(0));
}

TEST(TrainingCategoryTest, OnlyPoliticalTheoryDoesNotCount) {
  EXPECT_TRUE(CountsTowardRequirement(TrainingCategory::kPublicLegalKnowledge));
  EXPECT_TRUE(CountsTowardRequirement(TrainingCategory::kBusinessKnowledge));
  EXPECT_TRUE(CountsTowardRequirement(TrainingCategory::kEnforcementSkills));
  EXPECT_FALSE(CountsTowardRequirement(TrainingCategory::kPoliticalTheory));
}

TEST(SummarizeTrainingTest, RecordOnTheLastDayOfTheYearCountsForThatYear) {
  const std::vector<TrainingRecord> records = {Record("o1", 600, absl::CivilDay(2024, 12, 31))};
  EXPECT_EQ(SummarizeTraining(2024, {"o1"}, records).officers[0].counted_minutes, 600);
  EXPECT_EQ(SummarizeTraining(2025, {"o1"}, records).officers[0].counted_minutes, 0);
}

TEST(SummarizeTrainingTest, RecordOnNewYearsDayCountsForTheNewYear) {
  const std::vector<TrainingRecord> records = {Record("o1", 600, absl::CivilDay(2025, 1, 1))};
  EXPECT_EQ(SummarizeTraining(2024, {"o1"}, records).officers[0].counted_minutes, 0);
  EXPECT_EQ(SummarizeTraining(2025, {"o1"}, records).officers[0].counted_minutes, 600);
}

TEST(SummarizeTrainingTest, PoliticalTheoryIsRecordedApartAndDoesNotMakeAnOfficerCompliant) {
  const std::vector<TrainingRecord> records = {
      Record("o1", 3000, absl::CivilDay(2024, 3, 1)),
      Record("o1", 1200, absl::CivilDay(2024, 4, 1), TrainingCategory::kPoliticalTheory),
  };
  const TrainingSummary summary = SummarizeTraining(2024, {"o1"}, records);
  ASSERT_EQ(summary.officers.size(), 1u);
  EXPECT_EQ(summary.officers[0].counted_minutes, 3000);
  EXPECT_EQ(summary.officers[0].political_theory_minutes, 1200);
  EXPECT_FALSE(summary.officers[0].compliant);
  EXPECT_EQ(summary.counted_minutes, 3000);
  EXPECT_EQ(summary.political_theory_minutes, 1200);
}

TEST(SummarizeTrainingTest, SixtyCountedHoursAreCompliantAndOneMinuteLessIsNot) {
  const std::vector<TrainingRecord> records = {
      Record("o1", 1200, absl::CivilDay(2024, 1, 10), TrainingCategory::kPublicLegalKnowledge),
      Record("o1", 1200, absl::CivilDay(2024, 5, 10), TrainingCategory::kBusinessKnowledge),
      Record("o1", 1200, absl::CivilDay(2024, 9, 10), TrainingCategory::kEnforcementSkills),
      Record("o2", 3599, absl::CivilDay(2024, 9, 10)),
  };
  const TrainingSummary summary = SummarizeTraining(2024, {"o1", "o2"}, records);
  EXPECT_EQ(summary.officers[0].counted_minutes, 3600);
  EXPECT_TRUE(summary.officers[0].compliant);
  EXPECT_EQ(summary.officers[1].counted_minutes, 3599);
  EXPECT_FALSE(summary.officers[1].compliant);
}

TEST(SummarizeTrainingTest, EveryListedOfficerAppearsInOrderEvenWithoutRecords) {
  const std::vector<TrainingRecord> records = {Record("o2", 3600, absl::CivilDay(2024, 6, 1))};
  const TrainingSummary summary = SummarizeTraining(2024, {"o3", "o2", "o1"}, records);
  ASSERT_EQ(summary.officers.size(), 3u);
  EXPECT_EQ(summary.officers[0].officer_id, "o3");
  EXPECT_EQ(summary.officers[0].counted_minutes, 0);
  EXPECT_FALSE(summary.officers[0].compliant);
  EXPECT_EQ(summary.officers[1].officer_id, "o2");
  EXPECT_TRUE(summary.officers[1].compliant);
  EXPECT_EQ(summary.officers[2].officer_id, "o1");
}

TEST(SummarizeTrainingTest, TotalsAndRatioCoverTheListedOfficers) {
  const std::vector<TrainingRecord> records = {
      Record("o1", 3600, absl::CivilDay(2024, 6, 1)),
      Record("o2", 600, absl::CivilDay(2024, 6, 1)),
      Record("o3", 4000, absl::CivilDay(2024, 6, 1)),
      Record("o4", 60, absl::CivilDay(2024, 6, 1), TrainingCategory::kPoliticalTheory),
      Record("stranger", 9000, absl::CivilDay(2024, 6, 1)),
  };
  const TrainingSummary summary = SummarizeTraining(2024, {"o1", "o2", "o3", "o4"}, records);
  EXPECT_EQ(summary.year, 2024);
  EXPECT_EQ(summary.officer_count, 4);
  EXPECT_EQ(summary.compliant_officer_count, 2);
  EXPECT_THAT(summary.compliance_ratio, DoubleEq(0.5));
  EXPECT_EQ(summary.counted_minutes, 3600 + 600 + 4000);
  EXPECT_EQ(summary.political_theory_minutes, 60);
}

TEST(SummarizeTrainingTest, NoOfficersGiveAZeroRatio) {
  const TrainingSummary summary = SummarizeTraining(2024, {}, {});
  EXPECT_EQ(summary.officer_count, 0);
  EXPECT_EQ(summary.compliant_officer_count, 0);
  EXPECT_THAT(summary.compliance_ratio, DoubleEq(0));
  EXPECT_TRUE(summary.officers.empty());
}

TEST(SummarizeTrainingTest, OfficerListedTwiceIsCountedOnce) {
  const std::vector<TrainingRecord> records = {Record("o1", 3600, absl::CivilDay(2024, 6, 1))};
  const TrainingSummary summary = SummarizeTraining(2024, {"o1", "o1"}, records);
  EXPECT_EQ(summary.officer_count, 1);
  EXPECT_EQ(summary.counted_minutes, 3600);
}

}  // namespace
}  // namespace lawenforce::personnel
