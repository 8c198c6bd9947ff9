#include "common/protoconv/protoconv.h"

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::protoconv {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;

TEST(ProtoconvTest, TimestampsRoundTripIncludingBeforeTheEpoch) {
  for (absl::Time t : {absl::FromUnixMicros(1700000000123456), absl::FromUnixMicros(-1500000),
                       absl::UnixEpoch()}) {
    EXPECT_THAT(FromTimestamp("at", ToTimestamp(t)), IsOkAndHolds(t));
  }
}

TEST(ProtoconvTest, OutOfRangeTimestampNamesTheField) {
  google::protobuf::Timestamp ts;
  ts.set_nanos(-1);
  absl::StatusOr<absl::Time> t = FromTimestamp("at_time", ts);
  EXPECT_THAT(t, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(t.status()), "at_time.nanos");
}

TEST(ProtoconvTest, DatesAreCheckedAgainstTheCalendar) {
  lawenforce::common::v1::Date d;
  d.set_year(2024);
  d.set_month(2);
  d.set_day(29);
  EXPECT_THAT(FromDate("date", true, d), IsOkAndHolds(absl::CivilDay(2024, 2, 29)));
  d.set_year(2023);
  EXPECT_EQ(FieldOf(FromDate("date", true, d).status()), "date");
  d.set_month(13);
  EXPECT_EQ(FieldOf(FromDate("date", true, d).status()), "date.month");
  EXPECT_THAT(FromDate("record.date", false, d),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("required")));
}

TEST(ProtoconvTest, AnOptionalTimeIsUnsetOrValid) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(1740792600);
  EXPECT_THAT(OptionalTime("at_time", false, ts), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(OptionalTime("at_time", true, ts),
              IsOkAndHolds(std::optional<absl::Time>(absl::FromUnixSeconds(1740792600))));
  ts.set_nanos(-1);
  absl::StatusOr<std::optional<absl::Time>> bad = OptionalTime("until", true, ts);
  EXPECT_EQ(FieldOf(bad.status()), "until.nanos");
}

TEST(ProtoconvTest, RequestHashIgnoresRequestIdButNotOtherFields) {
  google::protobuf::Timestamp a;  // no request_id field: hashing still works
  a.set_seconds(5);
  google::protobuf::Timestamp b = a;
  EXPECT_EQ(CanonicalRequestHash(a), CanonicalRequestHash(b));
  b.set_seconds(6);
  EXPECT_NE(CanonicalRequestHash(a), CanonicalRequestHash(b));
  EXPECT_EQ(RequestIdOf(a), "");
}

}  // namespace
}  // namespace lawenforce::protoconv
