#include "tools/lawenforcectl/values.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::IsOk;
using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseDateFlagTest, AcceptsARealCalendarDay) {
  ASSERT_OK_AND_ASSIGN(common::v1::Date date, ParseDateFlag("date", "2024-02-29"));
  EXPECT_EQ(date.year(), 2024);
  EXPECT_EQ(date.month(), 2);
  EXPECT_EQ(date.day(), 29);
}

TEST(ParseDateFlagTest, RejectsAnythingElseNamingTheFlag) {
  for (const char* bad : {"2023-02-29", "2024-2-01", "2024-13-01", "2024-04-31", "2024/01/01",
                          " 2024-01-01", "2024-01-01 ", "24-01-01", "2024-01-00", "1899-12-31",
                          "2024-01-01T00:00:00Z", "", "+024-01-01"}) {
    EXPECT_THAT(ParseDateFlag("valid-from", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--valid-from: want")))
        << bad;
  }
}

TEST(ParseTimestampFlagTest, AcceptsRfc3339WithOffset) {
  ASSERT_OK_AND_ASSIGN(google::protobuf::Timestamp at,
                       ParseTimestampFlag("at", "2024-03-01T09:30:00+08:00"));
  EXPECT_EQ(at.seconds(), 1709256600);
  EXPECT_EQ(at.nanos(), 0);
  ASSERT_OK_AND_ASSIGN(google::protobuf::Timestamp utc,
                       ParseTimestampFlag("at", "2024-03-01T01:30:00.25Z"));
  EXPECT_EQ(utc.seconds(), 1709256600);
  EXPECT_EQ(utc.nanos(), 250000000);
}

TEST(ParseTimestampFlagTest, RejectsDatesAndMissingOffsets) {
  for (const char* bad :
       {"2024-03-01", "2024-03-01T09:30:00", "2024-03-01 09:30:00+08:00", "2024-03-01t09:30:00Z",
        " 2024-03-01T09:30:00Z", "2024-02-30T00:00:00Z", "2024-03-01T25:00:00Z", "now"}) {
    EXPECT_THAT(ParseTimestampFlag("at", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--at: want an RFC 3339")))
        << bad;
  }
}

TEST(ParseDurationFlagTest, AcceptsPositiveDurationsOnly) {
  EXPECT_THAT(ParseDurationFlag("timeout", "10s"), IsOkAndHolds(absl::Seconds(10)));
  EXPECT_THAT(ParseDurationFlag("ttl", "1h30m"), IsOkAndHolds(absl::Minutes(90)));
  for (const char* bad : {"0s", "-1s", "10", "inf", "", "ten seconds"}) {
    EXPECT_THAT(ParseDurationFlag("timeout", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--timeout: want")))
        << bad;
  }
}

TEST(ParseIntFlagTest, ChecksRange) {
  EXPECT_THAT(ParseIntFlag("year", "2024", 2000, 2100), IsOkAndHolds(2024));
  for (const char* bad :
       {"1999", "2101", "20x4", "", " 2024", "2024 ", "2024\n", "+2024", "2024.0"}) {
    EXPECT_THAT(ParseIntFlag("year", bad, 2000, 2100),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("--year: want an integer from 2000 to 2100")))
        << bad;
  }
}

TEST(ParsePositiveNumberFlagTest, AcceptsPlainDecimalsAboveZero) {
  EXPECT_THAT(ParsePositiveNumberFlag("hours", "2.5"), IsOkAndHolds(2.5));
  EXPECT_THAT(ParsePositiveNumberFlag("hours", "8"), IsOkAndHolds(8.0));
  for (const char* bad : {"0", "-1", "inf", "nan", "1e3", "", "2,5", "0x10"}) {
    EXPECT_THAT(ParsePositiveNumberFlag("hours", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--hours: want")))
        << bad;
  }
}

TEST(ParseChoiceFlagTest, BadValueListsTheChoicesButNotAliases) {
  constexpr Choice kChoices[] = {{"a", 1}, {"b", 2}, {"bee", 2, /*alias=*/true}};
  EXPECT_THAT(ParseChoiceFlag("kind", "bee", kChoices), IsOkAndHolds(2));
  EXPECT_THAT(ParseChoiceFlag("kind", "A", kChoices),
              StatusIs(absl::StatusCode::kInvalidArgument, "--kind: want one of a|b, got \"A\""));
}

TEST(CheckRequestIdTest, FollowsTheServerRule) {
  EXPECT_THAT(CheckRequestId("request-id", "retry-2024_01"), IsOk());
  EXPECT_THAT(CheckRequestId("request-id", std::string(64, 'a')), IsOk());
  EXPECT_THAT(CheckRequestId("request-id", std::string(65, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckRequestId("request-id", "has space"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--request-id")));
}

}  // namespace
}  // namespace lawenforce::ctl
