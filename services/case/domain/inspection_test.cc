#include "services/case/domain/inspection.h"

#include <algorithm>
#include <set>

#include "common/draw/seeded_draw.h"
#include "common/testing/id_numbers.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::TestCreditCode;
using ::testing::HasSubstr;

constexpr char kSeed[] = "00112233445566778899aabbccddeeff";

std::string Officer(int n) { return "00000000-0000-4000-8000-0000000000" + std::to_string(10 + n); }

InspectionPlan Plan(int enterprises = 10, int inspectors = 6) {
  InspectionPlan p;
  p.name = "2025年度食品生产企业双随机抽查";
  p.domain = "food_safety";
  p.period_start = absl::FromUnixSeconds(1735660800);  // 2025-01-01 CST
  p.period_end = p.period_start + absl::Hours(24 * 365);
  for (int i = 0; i < enterprises; ++i) {
    p.enterprises.push_back({TestCreditCode(i + 1), "企业" + std::to_string(i)});
  }
  for (int i = 0; i < inspectors; ++i) p.inspector_ids.push_back(Officer(i));
  p.targets_per_draw = 3;
  p.inspectors_per_target = 2;
  return p;
}

TEST(ValidatePlanTest, AWellFormedPlanIsValidAndItsCodesUpperCased) {
  InspectionPlan p = Plan();
  for (char& ch : p.enterprises[0].credit_code) ch = static_cast<char>(std::tolower(ch));
  EXPECT_OK(ValidatePlan(p));
  EXPECT_EQ(p.enterprises[0].credit_code, TestCreditCode(1));
}

TEST(ValidatePlanTest, EachRuleNamesItsField) {
  auto with = [](auto mutate) {
    InspectionPlan p = Plan();
    mutate(p);
    return ValidatePlan(p);
  };
  ExpectInvalidField(with([](auto& p) { p.name = " "; }), "plan.name", "required");
  ExpectInvalidField(with([](auto& p) { p.period_start = absl::InfinitePast(); }),
                     "plan.period_start", "required");
  ExpectInvalidField(with([](auto& p) { p.period_end = p.period_start; }), "plan.period_end",
                     "after");
  ExpectInvalidField(with([](auto& p) { p.period_end = p.period_start + absl::Hours(24 * 367); }),
                     "plan.period_end", "366");
  ExpectInvalidField(with([](auto& p) { p.enterprises.clear(); }), "plan.enterprises", "required");
  ExpectInvalidField(with([](auto& p) { p.enterprises[2].credit_code = "91640100MA76A1B2CQ"; }),
                     "plan.enterprises[2].credit_code", "check");
  ExpectInvalidField(with([](auto& p) { p.enterprises[3] = p.enterprises[1]; }),
                     "plan.enterprises[3].credit_code", "repeated");
  ExpectInvalidField(with([](auto& p) { p.enterprises[0].name = ""; }), "plan.enterprises[0].name",
                     "required");
  ExpectInvalidField(with([](auto& p) { p.inspector_ids.resize(1); }), "plan.inspector_ids", "two");
  ExpectInvalidField(with([](auto& p) { p.inspector_ids[1] = "x"; }), "plan.inspector_ids[1]", "");
  ExpectInvalidField(with([](auto& p) { p.inspector_ids[2] = p.inspector_ids[0]; }),
                     "plan.inspector_ids[2]", "repeated");
  ExpectInvalidField(with([](auto& p) { p.targets_per_draw = 0; }), "plan.targets_per_draw", "1..");
  ExpectInvalidField(with([](auto& p) { p.inspectors_per_target = 1; }),
                     "plan.inspectors_per_target", "APL art. 42");
  ExpectInvalidField(with([](auto& p) { p.inspectors_per_target = 7; }),
                     "plan.inspectors_per_target", "more than");
}

TEST(DrawTargetsTest, TargetsAndTeamsAreTheFirstByKeyUnderTheSeed) {
  const InspectionPlan p = Plan();
  const std::vector<std::string> eligible = {Officer(0), Officer(1), Officer(2), Officer(4)};
  ASSERT_OK_AND_ASSIGN(std::vector<InspectionTarget> targets, DrawTargets(p, kSeed, eligible));
  ASSERT_EQ(targets.size(), 3u);
  // Recomputed here by hand from the published rule.
  std::vector<std::pair<std::string, std::string>> ranked;
  for (const Enterprise& e : p.enterprises) {
    ranked.emplace_back(draw::SampleKey(kSeed, e.credit_code), e.credit_code);
  }
  std::sort(ranked.begin(), ranked.end());
  for (size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(targets[i].enterprise.credit_code, ranked[i].second);
    std::vector<std::pair<std::string, std::string>> team;
    for (const std::string& id : eligible) {
      team.emplace_back(draw::SampleKey(kSeed, ranked[i].second + ":" + id), id);
    }
    std::sort(team.begin(), team.end());
    EXPECT_EQ(targets[i].inspector_ids, (std::vector<std::string>{team[0].second, team[1].second}));
    EXPECT_FALSE(targets[i].result.has_value());
  }
  // The same seed, the same draw; the officers left out never appear.
  ASSERT_OK_AND_ASSIGN(std::vector<InspectionTarget> again, DrawTargets(p, kSeed, eligible));
  for (size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(again[i].enterprise.credit_code, targets[i].enterprise.credit_code);
    EXPECT_EQ(again[i].inspector_ids, targets[i].inspector_ids);
    for (const std::string& id : targets[i].inspector_ids) {
      EXPECT_NE(id, Officer(3));
      EXPECT_NE(id, Officer(5));
    }
  }
}

TEST(DrawTargetsTest, TeamsDifferBetweenTargetsAndAllEnterprisesWhenFewer) {
  InspectionPlan p = Plan(2, 6);
  p.targets_per_draw = 5;
  std::vector<std::string> all = p.inspector_ids;
  ASSERT_OK_AND_ASSIGN(std::vector<InspectionTarget> targets, DrawTargets(p, kSeed, all));
  ASSERT_EQ(targets.size(), 2u);
  std::set<std::string> codes = {targets[0].enterprise.credit_code,
                                 targets[1].enterprise.credit_code};
  EXPECT_EQ(codes.size(), 2u);
}

TEST(DrawTargetsTest, TooFewEligibleOfficersIsAPreconditionNamingThePool) {
  const InspectionPlan p = Plan();
  EXPECT_THAT(DrawTargets(p, kSeed, {Officer(0)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("plan.inspector_ids")));
}

TEST(RecordResultTest, OnceForATargetOfTheDraw) {
  const InspectionPlan p = Plan();
  InspectionDraw d;
  ASSERT_OK_AND_ASSIGN(d.targets, DrawTargets(p, kSeed, p.inspector_ids));
  const std::string code = d.targets[1].enterprise.credit_code;
  InspectionResult r{InspectionOutcome::kFinding, "未按规定留存进货查验记录", "officer-1",
                     absl::FromUnixSeconds(1750000000)};
  ExpectInvalidField(RecordResult(d, TestCreditCode(99), r), "credit_code", "not a target");
  InspectionResult empty = r;
  empty.summary = "";
  ExpectInvalidField(RecordResult(d, code, empty), "summary", "required");
  EXPECT_OK(RecordResult(d, code, r));
  ASSERT_TRUE(d.targets[1].result.has_value());
  EXPECT_EQ(d.targets[1].result->outcome, InspectionOutcome::kFinding);
  EXPECT_THAT(RecordResult(d, code, r),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already recorded")));
  EXPECT_FALSE(d.targets[0].result.has_value());
}

}  // namespace
}  // namespace lawenforce::cases
