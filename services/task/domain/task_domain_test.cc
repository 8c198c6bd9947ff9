#include <optional>
#include <string>
#include <vector>

#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/task/domain/assignment.h"
#include "services/task/domain/plan.h"

namespace lawenforce::tasks {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

// A plan like the region's: a one-off task, the annual report (yearly, 15
// January) and training hours (a yearly total by 31 December).
Plan SmallPlan() {
  Plan p;
  p.id = "ningxia-2023-2025";
  p.title = "提升行政执法质量三年行动计划";
  p.period_start = absl::CivilDay(2023, 1, 1);
  p.period_end = absl::CivilDay(2025, 12, 31);
  p.sections = {{"一", "总体要求"}, {"二", "主要任务"}};
  Task once{1, "二", "", "2024年6月底前完成执法事项目录", {"自治区司法厅"}, {}};
  once.deadlines.push_back(
      {DeadlineKind::kOnce, absl::CivilDay(2024, 6, 30), 0, 0, "", 0, "2024年6月底前"});
  Task report{2, "二", "", "每年1月15日前公开年度行政执法数据", {}, {}};
  report.deadlines.push_back({DeadlineKind::kYearly, {}, 1, 15, "", 0, "每年1月15日前"});
  Task training{3, "二", "", "每人每年培训不少于60学时", {}, {}};
  training.deadlines.push_back(
      {DeadlineKind::kYearlyTotal, {}, 12, 31, "training_hours", 60, "每年不少于60学时"});
  p.tasks = {once, report, training};
  return p;
}

TEST(PlanTest, APlanIsCheckedAsItLoads) {
  Plan p = SmallPlan();
  EXPECT_OK(ValidatePlan(p));
  p.tasks[1].number = 5;
  EXPECT_THAT(ValidatePlan(p),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("task 2")));
  p = SmallPlan();
  p.tasks[0].section = "九";
  EXPECT_THAT(ValidatePlan(p),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("section")));
  p = SmallPlan();
  p.tasks[0].deadlines[0].date = absl::CivilDay(2026, 6, 30);
  EXPECT_THAT(ValidatePlan(p),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("outside")));
  p = SmallPlan();
  p.tasks[1].deadlines[0].day = 30;
  p.tasks[1].deadlines[0].month = 2;
  EXPECT_THAT(ValidatePlan(p),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no day")));
  p = SmallPlan();
  p.id = "Bad Id";
  EXPECT_FALSE(ValidatePlan(p).ok());
}

TEST(PlanTest, ThePeriodDecidesTheStatusAndTheNextDeadline) {
  const Plan p = SmallPlan();
  EXPECT_EQ(StatusOf(p, absl::CivilDay(2022, 12, 31)), PlanStatus::kUpcoming);
  EXPECT_EQ(StatusOf(p, absl::CivilDay(2025, 12, 31)), PlanStatus::kActive);
  EXPECT_EQ(StatusOf(p, absl::CivilDay(2026, 1, 1)), PlanStatus::kEnded);
  EXPECT_EQ(NextDeadline(p, p.tasks[0], absl::CivilDay(2024, 1, 1)), absl::CivilDay(2024, 6, 30));
  EXPECT_EQ(NextDeadline(p, p.tasks[0], absl::CivilDay(2024, 7, 1)), std::nullopt);
  EXPECT_EQ(NextDeadline(p, p.tasks[1], absl::CivilDay(2024, 1, 16)), absl::CivilDay(2025, 1, 15));
  EXPECT_EQ(NextDeadline(p, p.tasks[1], absl::CivilDay(2025, 1, 16)), std::nullopt);
  EXPECT_TRUE(p.tasks[2].yearly());
  EXPECT_FALSE(p.tasks[0].yearly());
}

Assignment Assigned(int task, const std::string& division, absl::CivilDay due, int year,
                    absl::Time at) {
  Assignment a;
  a.id = "a-" + division;
  a.plan_id = "ningxia-2023-2025";
  a.task_number = task;
  a.division_code = division;
  a.unit = "司法局";
  a.year = year;
  a.due_date = due;
  a.create_time = at;
  return a;
}

TEST(AssignmentTest, ReportsMoveItAlongAndAHundredPercentIsDone) {
  Assignment a = Assigned(1, "640104", absl::CivilDay(2024, 6, 30), 2024, Cst(2024, 1, 2));
  ASSERT_OK_AND_ASSIGN(
      a, ReportProgress(a, 40, "已起草目录", {"宁司发〔2024〕3号"}, "u", Cst(2024, 3, 1)));
  EXPECT_EQ(a.state, AssignmentState::kInProgress);
  EXPECT_THAT(
      ReportProgress(a, 30, "x", {}, "u", Cst(2024, 3, 2)).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("below the last report's 40")));
  EXPECT_THAT(ReportProgress(a, 101, "x", {}, "u", Cst(2024, 3, 2)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("percent")));
  EXPECT_THAT(ReportProgress(a, 50, "", {}, "u", Cst(2024, 3, 2)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("narrative")));
  // The due day runs to its end.
  ASSERT_OK_AND_ASSIGN(Assignment done,
                       ReportProgress(a, 100, "已印发", {}, "u", Cst(2024, 6, 30, 23)));
  EXPECT_EQ(done.state, AssignmentState::kDone);
  EXPECT_TRUE(done.on_time);
  EXPECT_THAT(ReportProgress(done, 100, "x", {}, "u", Cst(2024, 7, 2)).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_FALSE(FireDue(done, DueMoment(done.due_date), Cst(2024, 7, 1)).has_value());
  // Not done by the end of 30 June: overdue, and done late afterwards.
  std::optional<Assignment> late = FireDue(a, Cst(2024, 7, 1), Cst(2024, 7, 1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->state, AssignmentState::kOverdue);
  EXPECT_FALSE(FireDue(a, Cst(2024, 6, 30), Cst(2024, 7, 1)).has_value());  // stale
  ASSERT_OK_AND_ASSIGN(Assignment done_late,
                       ReportProgress(*late, 100, "已印发", {}, "u", Cst(2024, 7, 5)));
  EXPECT_EQ(done_late.state, AssignmentState::kDone);
  EXPECT_FALSE(done_late.on_time);
}

TEST(AssignmentTest, AYearlyTaskRollsOverWhileThePlanLasts) {
  const Plan p = SmallPlan();
  const Assignment a = Assigned(2, "640100", absl::CivilDay(2024, 1, 15), 2024, Cst(2023, 12, 1));
  std::optional<Assignment> next = NextYear(a, p, "a2", Cst(2024, 1, 16));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->year, 2025);
  EXPECT_EQ(next->due_date, absl::CivilDay(2025, 1, 15));
  EXPECT_EQ(next->previous_id, a.id);
  EXPECT_EQ(next->state, AssignmentState::kNotStarted);
  // 15 January 2026 is after the plan's period: no more.
  EXPECT_FALSE(NextYear(*next, p, "a3", Cst(2025, 1, 16)).has_value());
  // A task with a one-off and a yearly deadline: after the one-off due day
  // (30 June 2025) comes 31 December of the same year, not the next.
  Plan mixed = p;
  mixed.tasks[0].deadlines.push_back({DeadlineKind::kYearly, {}, 12, 31, "", 0, "每年年底前"});
  std::optional<Assignment> same_year =
      NextYear(Assigned(1, "640100", absl::CivilDay(2025, 6, 30), 2025, Cst(2025, 1, 2)), mixed,
               "m", Cst(2025, 7, 1));
  ASSERT_TRUE(same_year.has_value());
  EXPECT_EQ(same_year->due_date, absl::CivilDay(2025, 12, 31));
  EXPECT_EQ(same_year->year, 2025);
  // A one-off task does not roll over.
  EXPECT_FALSE(NextYear(Assigned(1, "640100", absl::CivilDay(2024, 6, 30), 2024, Cst(2024, 1, 1)),
                        p, "x", Cst(2024, 7, 1))
                   .has_value());
}

TEST(AssignmentTest, ProgressRollsUpByTierAsOfAMoment) {
  absl::StatusOr<Divisions> d = Divisions::LoadFromFile(testing::DivisionsPath());
  ASSERT_TRUE(d.ok()) << d.status();
  const Plan p = SmallPlan();
  const absl::CivilDay due(2024, 6, 30);
  std::vector<Assignment> all = {Assigned(1, "640100", due, 2024, Cst(2024, 1, 2)),
                                 Assigned(1, "640104", due, 2024, Cst(2024, 1, 2)),
                                 Assigned(1, "640105", due, 2024, Cst(2024, 1, 2)),
                                 Assigned(1, "640104001", due, 2024, Cst(2024, 1, 2)),
                                 Assigned(1, "640200", due, 2024, Cst(2024, 1, 2))};
  ASSERT_OK_AND_ASSIGN(all[1], ReportProgress(all[1], 100, "done", {}, "u", Cst(2024, 5, 1)));
  ASSERT_OK_AND_ASSIGN(all[2], ReportProgress(all[2], 50, "half", {}, "u", Cst(2024, 5, 1)));
  all[3] = *FireDue(all[3], Cst(2024, 7, 1), Cst(2024, 7, 1));
  const PlanProgress june = ComputeProgress(p, all, *d, "640100", Cst(2024, 6, 1));
  EXPECT_EQ(june.total.assignments, 4);  // Shizuishan's is outside Yinchuan
  EXPECT_EQ(june.tasks[0].total.done, 1);
  EXPECT_EQ(june.tasks[0].total.in_progress, 1);
  EXPECT_EQ(june.tasks[0].total.not_started, 2);
  EXPECT_EQ(june.tasks[0].total.overdue, 0);
  EXPECT_EQ(june.tasks[0].by_tier.at(Tier::kCounty).assignments, 2);
  EXPECT_EQ(june.tasks[0].by_tier.at(Tier::kCity).not_started, 1);
  EXPECT_EQ(june.tasks[0].by_tier.at(Tier::kTownship).not_started, 1);
  const PlanProgress july = ComputeProgress(p, all, *d, "640100", Cst(2024, 7, 2));
  EXPECT_EQ(july.tasks[0].by_tier.at(Tier::kTownship).overdue, 1);
  EXPECT_EQ(july.tasks[1].total.assignments, 0);
  // Before any assignment existed: nothing.
  EXPECT_EQ(ComputeProgress(p, all, *d, "640000", Cst(2024, 1, 1)).total.assignments, 0);
}

}  // namespace
}  // namespace lawenforce::tasks
