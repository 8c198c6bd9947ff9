#include "common/metrics/division_label.h"

#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::metrics {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

class DivisionLabelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Divisions> loaded = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    divisions_.emplace(*std::move(loaded));
  }

  DivisionLabel For(absl::string_view code) { return LabelsFor(*divisions_, code); }

  std::optional<Divisions> divisions_;
};

TEST_F(DivisionLabelTest, RegionCityAndCountyAreThemselves) {
  EXPECT_EQ(For("640000"), (DivisionLabel{"region", "640000"}));
  EXPECT_EQ(For("640100"), (DivisionLabel{"city", "640100"}));
  EXPECT_EQ(For("640104"), (DivisionLabel{"county", "640104"}));
}

TEST_F(DivisionLabelTest, TownshipsRollUpToTheirCounty) {
  EXPECT_EQ(For("640104001"), (DivisionLabel{"county", "640104"}));
  // A township the table does not list, accepted under its county.
  EXPECT_EQ(For("640104999"), (DivisionLabel{"county", "640104"}));
}

TEST_F(DivisionLabelTest, UnknownOrMalformedCodesShareOneLabel) {
  DivisionLabel unknown{"unknown", "unknown"};
  EXPECT_EQ(For("999999"), unknown);
  EXPECT_EQ(For("64010"), unknown);
  EXPECT_EQ(For("'; drop table"), unknown);
  EXPECT_EQ(For(""), unknown);
}

TEST_F(DivisionLabelTest, ToLabelsNamesTierAndDivision) {
  EXPECT_THAT(For("640104001").ToLabels(),
              UnorderedElementsAre(Pair("tier", "county"), Pair("division", "640104")));
}

}  // namespace
}  // namespace lawenforce::metrics
