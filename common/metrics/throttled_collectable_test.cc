#include "common/metrics/throttled_collectable.h"

#include "gtest/gtest.h"

namespace lawenforce::metrics {
namespace {

// Counts its computations; each result names the computation's number.
class Counting final : public ThrottledCollectable {
 public:
  using ThrottledCollectable::ThrottledCollectable;
  mutable int computed = 0;

 private:
  std::vector<prometheus::MetricFamily> Compute() const override {
    prometheus::MetricFamily f;
    f.name = "computation_" + std::to_string(++computed);
    return {f};
  }
};

TEST(ThrottledCollectableTest, ComputesAtMostOncePerInterval) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  Counting c(&clock, absl::Seconds(5));
  EXPECT_EQ(c.Collect()[0].name, "computation_1");
  clock.Advance(absl::Seconds(4));
  EXPECT_EQ(c.Collect()[0].name, "computation_1");  // cached
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(c.Collect()[0].name, "computation_2");  // the interval has passed
  EXPECT_EQ(c.computed, 2);
}

TEST(ThrottledCollectableTest, ZeroIntervalComputesOnEveryScrape) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  Counting c(&clock, absl::ZeroDuration());
  c.Collect();
  c.Collect();
  EXPECT_EQ(c.computed, 2);
}

}  // namespace
}  // namespace lawenforce::metrics
