#include "common/stats/percentile.h"

#include "gtest/gtest.h"

namespace lawenforce::stats {
namespace {

TEST(NearestRankPercentileTest, TheNinetiethOfTenIsTheNinthValue) {
  const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(NearestRankPercentile(v, 0.9), 9);
  EXPECT_EQ(NearestRankPercentile(v, 0.5), 5);
  EXPECT_EQ(NearestRankPercentile(v, 1.0), 10);
}

TEST(NearestRankPercentileTest, ARankBetweenValuesRoundsUpToTheNextValue) {
  // ceil(0.9 * 3) = 3: the largest of three; ceil(0.5 * 3) = 2.
  const std::vector<double> v = {2.5, 4, 30};
  EXPECT_EQ(NearestRankPercentile(v, 0.9), 30);
  EXPECT_EQ(NearestRankPercentile(v, 0.5), 4);
}

TEST(NearestRankPercentileTest, OneValueIsEveryPercentileAndNoneIsZero) {
  EXPECT_EQ(NearestRankPercentile({7}, 0.01), 7);
  EXPECT_EQ(NearestRankPercentile({7}, 0.9), 7);
  EXPECT_EQ(NearestRankPercentile({}, 0.9), 0);
}

}  // namespace
}  // namespace lawenforce::stats
