// Discretion benchmarks: validation, what is outside a level, and APL
// art. 37 both ways: the rule at the violation unless the rule at the
// decision is lighter for the party.

#include "services/case/domain/benchmark.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

ItemVersion Item(int64_t n, absl::Time from, bool repealed = false) {
  ItemVersion v;
  v.number = n;
  v.effective_from = from;
  v.name = "销售不符合食品安全标准的食品";
  v.legal_basis = "《食品安全法》第一百二十四条";
  v.repealed = repealed;
  return v;
}

BenchmarkVersion Bench(int64_t n, absl::Time from, int64_t min_fen, int64_t max_fen) {
  BenchmarkVersion b;
  b.item_id = "i";
  b.number = n;
  b.effective_from = from;
  b.basis = "宁夏市场监管行政处罚裁量权基准";
  b.levels = {
      {"minor", "轻微", {PenaltyKind::kWarning}, 0, 0, true},
      {"general", "一般", {PenaltyKind::kWarning, PenaltyKind::kFine}, min_fen, max_fen, false}};
  return b;
}

TEST(BenchmarkTest, AWellFormedBenchmarkIsValidAndEachRuleNamesItsField) {
  EXPECT_OK(ValidateBenchmark(Bench(1, kT0, 50000, 500000), std::nullopt, kT0));
  auto with = [](auto mutate) {
    BenchmarkVersion b = Bench(1, kT0, 50000, 500000);
    mutate(b);
    return ValidateBenchmark(b, std::nullopt, kT0);
  };
  ExpectInvalidField(with([](auto& b) { b.basis = ""; }), "benchmark.basis");
  ExpectInvalidField(with([](auto& b) { b.levels.clear(); }), "benchmark.levels");
  ExpectInvalidField(with([](auto& b) { b.levels[1].code = "minor"; }), "benchmark.levels[1].code",
                     "duplicate");
  ExpectInvalidField(with([](auto& b) { b.levels[0].code = "Minor"; }), "benchmark.levels[0].code");
  ExpectInvalidField(with([](auto& b) { b.levels[1].min_fine_fen = 600000; }),
                     "benchmark.levels[1].min_fine_fen");
  ExpectInvalidField(with([](auto& b) { b.levels[0].max_fine_fen = 100; }),
                     "benchmark.levels[0].max_fine_fen", "FINE");
  ExpectInvalidField(with([](auto& b) { b.levels[1].allowed_kinds.push_back(PenaltyKind::kFine); }),
                     "benchmark.levels[1].allowed_kinds[2]", "duplicate");
}

TEST(BenchmarkTest, ALaterVersionMayNotTakeEffectInThePast) {
  const BenchmarkVersion first = Bench(1, kT0, 50000, 500000);
  ExpectInvalidField(
      ValidateBenchmark(Bench(2, kT0 + absl::Hours(1), 1, 2), first, kT0 + absl::Hours(2)),
      "benchmark.effective_from", "past");
  ExpectInvalidField(ValidateBenchmark(Bench(2, kT0, 1, 2), first, kT0), "benchmark.effective_from",
                     "after");
  EXPECT_OK(ValidateBenchmark(Bench(2, kT0 + absl::Hours(3), 1, 2), first, kT0 + absl::Hours(2)));
}

TEST(BenchmarkTest, OutsideNamesTheKindOrTheBoundItCrosses) {
  const BenchmarkVersion b = Bench(1, kT0, 50000, 500000);
  const BenchmarkLevel& general = b.levels[1];
  EXPECT_EQ(OutsideReason(general, {"general", {PenaltyKind::kFine}, 300000}), "");
  EXPECT_THAT(OutsideReason(general, {"general", {PenaltyKind::kFine}, 600000}),
              HasSubstr("above the level's maximum 500000"));
  EXPECT_THAT(OutsideReason(general, {"general", {PenaltyKind::kFine}, 100}),
              HasSubstr("below the level's minimum"));
  EXPECT_THAT(OutsideReason(general, {"general", {PenaltyKind::kLicenceRevocation}, 0}),
              HasSubstr("not allowed"));
}

// The rule at the violation applies when the later one is heavier.
TEST(ChooseRulesTest, AHeavierLaterBenchmarkIsNotApplied) {
  const std::vector<ItemVersion> items = {Item(1, kT0)};
  const std::vector<BenchmarkVersion> benches = {Bench(1, kT0, 50000, 500000),
                                                 Bench(2, kT0 + absl::Hours(48), 100000, 1000000)};
  ASSERT_OK_AND_ASSIGN(AppliedRules r, ChooseRules(items, benches, kT0 + absl::Hours(1),
                                                   kT0 + absl::Hours(72), "general"));
  ASSERT_TRUE(r.benchmark.has_value());
  EXPECT_EQ(r.benchmark->number, 1);
  EXPECT_FALSE(r.later_rule_lighter);
  EXPECT_THAT(r.explanation, HasSubstr("not lighter"));
}

// ... and the rule at the decision when it is lighter (APL art. 37).
TEST(ChooseRulesTest, ALighterLaterBenchmarkIsApplied) {
  const std::vector<ItemVersion> items = {Item(1, kT0)};
  const std::vector<BenchmarkVersion> benches = {Bench(1, kT0, 50000, 500000),
                                                 Bench(2, kT0 + absl::Hours(48), 20000, 200000)};
  ASSERT_OK_AND_ASSIGN(AppliedRules r, ChooseRules(items, benches, kT0 + absl::Hours(1),
                                                   kT0 + absl::Hours(72), "general"));
  ASSERT_TRUE(r.benchmark.has_value());
  EXPECT_EQ(r.benchmark->number, 2);
  EXPECT_TRUE(r.later_rule_lighter);
  EXPECT_THAT(r.explanation, HasSubstr("APL art. 37"));
}

TEST(ChooseRulesTest, ARepealedItemAtTheDecisionIsLighter) {
  const std::vector<ItemVersion> items = {Item(1, kT0), Item(2, kT0 + absl::Hours(48), true)};
  ASSERT_OK_AND_ASSIGN(AppliedRules r,
                       ChooseRules(items, {}, kT0 + absl::Hours(1), kT0 + absl::Hours(72), ""));
  EXPECT_EQ(r.item.number, 2);
  EXPECT_TRUE(r.item.repealed);
  EXPECT_TRUE(r.later_rule_lighter);
}

TEST(ChooseRulesTest, NoItemVersionAtTheViolationIsAPrecondition) {
  EXPECT_THAT(ChooseRules({Item(1, kT0)}, {}, kT0 - absl::Hours(1), kT0, "").status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(ChooseRulesTest, WithoutABenchmarkAtTheViolationTheOneAtTheDecisionIsUsed) {
  ASSERT_OK_AND_ASSIGN(AppliedRules r,
                       ChooseRules({Item(1, kT0)}, {Bench(1, kT0 + absl::Hours(48), 1, 2)},
                                   kT0 + absl::Hours(1), kT0 + absl::Hours(72), "general"));
  ASSERT_TRUE(r.benchmark.has_value());
  EXPECT_EQ(r.benchmark->number, 1);
  EXPECT_FALSE(r.later_rule_lighter);
  EXPECT_THAT(r.explanation,
              ::testing::HasSubstr("no benchmark was in force at the violation: the benchmark in "
                                   "force at the decision is applied"));
}

}  // namespace
}  // namespace lawenforce::cases
