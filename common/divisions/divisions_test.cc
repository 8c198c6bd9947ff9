#include "common/divisions/divisions.h"

#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

class DivisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Divisions> loaded = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    divisions_.emplace(*std::move(loaded));
  }
  std::optional<Divisions> divisions_;
};

TEST_F(DivisionsTest, ShippedTableHasAllFourTiers) {
  int counts[5] = {0, 0, 0, 0, 0};
  for (const Division& d : divisions_->all()) {
    counts[static_cast<int>(d.tier)]++;
  }
  EXPECT_EQ(counts[1], 1);
  EXPECT_EQ(counts[2], 5);
  EXPECT_EQ(counts[3], 22);
  EXPECT_EQ(counts[4], 259);
  EXPECT_EQ(divisions_->root(), "640000");
}

TEST_F(DivisionsTest, LookupGivesNameTierAndParent) {
  ASSERT_OK_AND_ASSIGN(Division d, divisions_->Lookup("640104"));
  EXPECT_EQ(d.name, "兴庆区");
  EXPECT_EQ(d.tier, Tier::kCounty);
  EXPECT_EQ(d.parent, "640100");
  ASSERT_OK_AND_ASSIGN(Division city, divisions_->Lookup("640100"));
  EXPECT_EQ(city.tier, Tier::kCity);
  EXPECT_EQ(city.parent, "640000");
  ASSERT_OK_AND_ASSIGN(Division township, divisions_->Lookup("640104001"));
  EXPECT_EQ(township.tier, Tier::kTownship);
  EXPECT_EQ(township.parent, "640104");
}

TEST_F(DivisionsTest, UnlistedTownshipUnderKnownCountyIsAccepted) {
  ASSERT_OK_AND_ASSIGN(Division d, divisions_->Lookup("640104999"));
  EXPECT_EQ(d.tier, Tier::kTownship);
  EXPECT_EQ(d.parent, "640104");
  EXPECT_THAT(divisions_->Lookup("640199001"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(DivisionsTest, MalformedAndUnknownCodesAreRefused) {
  EXPECT_THAT(divisions_->Lookup("64010"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(divisions_->Lookup("6401a4"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(divisions_->Lookup("110000"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(divisions_->Lookup("640199"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(DivisionsTest, ValidateNamesTheField) {
  absl::StatusOr<Division> bad = divisions_->Validate("agency.division_code", "999999");
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument,
                            HasSubstr("agency.division_code: unknown division code")));
  EXPECT_EQ(FieldOf(bad.status()), "agency.division_code");
  EXPECT_THAT(divisions_->Validate("x", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("x: required")));
}

TEST_F(DivisionsTest, IsWithinFollowsTheSubtree) {
  EXPECT_TRUE(divisions_->IsWithin("640104", "640000"));
  EXPECT_TRUE(divisions_->IsWithin("640104", "640100"));
  EXPECT_TRUE(divisions_->IsWithin("640104", "640104"));
  EXPECT_TRUE(divisions_->IsWithin("640104001", "640104"));
  EXPECT_TRUE(divisions_->IsWithin("640104999", "640100"));
  EXPECT_FALSE(divisions_->IsWithin("640105", "640104"));
  EXPECT_FALSE(divisions_->IsWithin("640302", "640100"));
  EXPECT_FALSE(divisions_->IsWithin("640100", "640104"));
  EXPECT_FALSE(divisions_->IsWithin("640000", "640100"));
  EXPECT_FALSE(divisions_->IsWithin("999999", "640000"));
}

TEST_F(DivisionsTest, MetricsDivisionRollsTownshipsUpToCounty) {
  EXPECT_EQ(Divisions::MetricsDivision("640104001"), "640104");
  EXPECT_EQ(Divisions::MetricsDivision("640104"), "640104");
  EXPECT_EQ(Divisions::SubtreePrefix("640000"), "64");
  EXPECT_EQ(Divisions::SubtreePrefix("640100"), "6401");
  EXPECT_EQ(Divisions::SubtreePrefix("640104"), "640104");
}

TEST(DivisionsLoadTest, RejectsOrphansAndTierMismatch) {
  EXPECT_THAT(Divisions::LoadFromString("code\tname\ttier\tparent\n640000\tR\tregion\t\n"
                                        "640100\tC\tcity\t650000\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3")));
  EXPECT_THAT(Divisions::LoadFromString("code\tname\ttier\tparent\n640000\tR\tcounty\t\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("does not match")));
}

}  // namespace
}  // namespace lawenforce
