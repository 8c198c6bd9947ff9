#include "services/supervision/domain/notices.h"

#include <map>
#include <optional>
#include <string>

#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::supervision {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

class NoticesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Divisions> d = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(d.ok()) << d.status();
    divisions_.emplace(*std::move(d));
  }
  std::optional<Divisions> divisions_;
};

TEST_F(NoticesTest, ProblemListsNameTheirDepartmentAndCircularsDoNot) {
  Notice n;
  n.kind = NoticeKind::kProblemList;
  n.title = "市场监管局2025年突出问题清单";
  n.agency_id = "11111111-1111-4111-8111-111111111111";
  n.year = 2025;
  EXPECT_THAT(ValidateNotice(n), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("items")));
  n.items.push_back({"以罚代管", "", "", ""});
  EXPECT_OK(ValidateNotice(n));
  n.items[0].rectification_id = "x";
  EXPECT_THAT(ValidateNotice(n),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("items[0].rectification_id")));
  n.items[0].rectification_id.clear();
  n.year = 1999;
  EXPECT_THAT(ValidateNotice(n), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year")));
  Notice c;
  c.kind = NoticeKind::kCircular;
  c.title = "关于2025年第一季度投诉办理情况的通报";
  EXPECT_OK(ValidateNotice(c));
  c.agency_id = n.agency_id;
  EXPECT_THAT(ValidateNotice(c),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("agency_id")));
}

TEST_F(NoticesTest, ANoticeIsReadBelowItsPublisherAndByThoseAboveIt) {
  EXPECT_TRUE(NoticeReadable(*divisions_, "640100", "640104"));     // published above
  EXPECT_TRUE(NoticeReadable(*divisions_, "640100", "640104001"));  // ... far above
  EXPECT_TRUE(NoticeReadable(*divisions_, "640104", "640000"));     // inside the region's
  EXPECT_FALSE(NoticeReadable(*divisions_, "640104", "640105"));    // a sibling county
  EXPECT_FALSE(NoticeReadable(*divisions_, "640100", "640200"));
}

TEST_F(NoticesTest, APlanMissingAfterThirtyFirstMarchIsOverdue) {
  EXPECT_EQ(PlanDue(2026), Cst(2026, 4, 1));
  std::map<std::string, SupervisionPlan> plans;
  plans["640100"] = {"640100", 2026, "计划", Cst(2026, 3, 31, 23), Cst(2026, 3, 31, 23), "s", 1};
  plans["640104"] = {"640104", 2026, "计划", Cst(2026, 4, 2), Cst(2026, 4, 2), "s", 1};
  const auto state_of = [&](absl::Time now) {
    std::map<std::string, PlanState> out;
    for (const PlanStatusEntry& e : PlanStatus(*divisions_, "640100", 2026, plans, now)) {
      out[e.division_code] = e.state;
    }
    return out;
  };
  std::map<std::string, PlanState> before = state_of(Cst(2026, 3, 31, 23));
  EXPECT_EQ(before["640100"], PlanState::kOnTime);
  EXPECT_EQ(before["640105"], PlanState::kMissing);
  EXPECT_EQ(before.count("640104001"), 0u);  // townships record no plan
  std::map<std::string, PlanState> after = state_of(Cst(2026, 4, 1));
  EXPECT_EQ(after["640105"], PlanState::kOverdue);
  EXPECT_EQ(after["640104"], PlanState::kLate);
  EXPECT_EQ(after.count("640000"), 0u);  // outside the city's subtree
}

}  // namespace
}  // namespace lawenforce::supervision
