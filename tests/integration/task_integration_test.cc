// task-service end to end: plans loaded from files, tasks read, assignments
// fanned out to every county of a city, progress reports, the due day
// passing on the deadline engine over a real Redis (overdue, a yearly
// task rolled over), and the roll-up by tier as of a moment. The region's
// real plan file is loaded too. The annual report and the authorization
// walk over every method are task_report_test.cc (with the services the
// report calls); here those services' addresses lead nowhere.

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/divisions/divisions.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/redis_server.h"
#include "common/testing/service_fixture.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lawenforce/tasks/v1/tasks.grpc.pb.h"
#include "services/task/store/plan_file.h"
#include "services/task/task_module.h"

namespace lawenforce::testing {
namespace {

namespace tv1 = ::lawenforce::tasks::v1;
using ::testing::HasSubstr;

// A plan of three tasks over 2025-2027: a one-off (30 June 2025), the
// annual report (yearly, 15 January) and training hours (yearly total).
constexpr char kPlan[] = R"json({
  "format": 1, "id": "test-2025-2027", "title": "测试三年行动计划", "issuer": "测试",
  "period": {"start": "2025-01-01", "end": "2027-12-31"},
  "sections": [{"number": "一", "title": "主要任务"}],
  "tasks": [
    {"number": 1, "section": "一", "title": "", "text": "2025年6月底前编制执法事项目录",
     "responsible_units": ["司法局"],
     "deadlines": [{"kind": "once", "date": "2025-06-30", "source": "2025年6月底前"}]},
    {"number": 2, "section": "一", "title": "", "text": "每年1月15日前公开上年度执法数据",
     "responsible_units": [],
     "deadlines": [{"kind": "yearly", "month": 1, "day": 15, "source": "每年1月15日前"}]},
    {"number": 3, "section": "一", "title": "", "text": "每年培训不少于60学时",
     "responsible_units": [],
     "deadlines": [{"kind": "yearly_total", "what": "training_hours", "amount": 60,
                    "month": 12, "day": 31, "source": "每年不少于60学时"}]}
  ]})json";

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

class TaskTest : public ServiceTest<tv1::TaskService> {
 protected:
  kit::ServiceSpec Spec() override { return tasks::TaskSpec(); }
  std::vector<std::string> ExtraFlags() override {
    return {"--plans-dir=" + dir_.File("plans"),
            "--redis-url=" + redis_->url(),
            "--business-metrics-interval=0s",
            "--personnel-target=127.0.0.1:1",
            "--case-target=127.0.0.1:1",
            "--supervision-target=127.0.0.1:1",
            "--service-token-file=" + dir_.File("task-service-token")};
  }
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<RedisServer>> redis = RedisServer::Start();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    std::filesystem::create_directories(dir_.File("plans"));
    std::ofstream(dir_.File("plans/test.json")) << kPlan;
    std::ofstream(dir_.File("task-service-token")) << "unused";
    ServiceTest<tv1::TaskService>::SetUp();
  }
  int RunDeadlines() {
    absl::StatusOr<int> fired = service_->runtime().env().deadlines->RunOnce();
    EXPECT_TRUE(fired.ok()) << fired.status();
    return fired.ok() ? *fired : 0;
  }
  std::string City() { return Token({auth::Role::kSupervisor}, "640100"); }
  std::vector<tv1::Assignment> Assign(const tv1::AssignTaskRequest& req, const std::string& token) {
    tv1::AssignTaskResponse out;
    grpc::Status s = stub_->AssignTask(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return {out.assignments().begin(), out.assignments().end()};
  }
  static tv1::AssignTaskRequest ToCounties(int task) {
    tv1::AssignTaskRequest req;
    req.set_plan_id("test-2025-2027");
    req.set_task_number(task);
    req.set_fan_out_parent("640100");
    req.set_fan_out_tier(lawenforce::common::v1::TIER_COUNTY);
    req.set_unit("{division}司法局");
    req.set_owner("法治督察科");
    return req;
  }
  tv1::Assignment Report(const std::string& id, int percent, const std::string& token) {
    tv1::ReportProgressRequest r;
    r.set_assignment_id(id);
    r.set_percent(percent);
    r.set_narrative(absl::StrCat("完成", percent, "%"));
    r.add_evidence("银司发〔2025〕12号");
    tv1::Assignment out;
    grpc::Status s = stub_->ReportProgress(Ctx(token).get(), r, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }

  std::unique_ptr<RedisServer> redis_;
};

TEST_F(TaskTest, ThePlanIsReadAsLoaded) {
  tv1::ListPlansResponse plans;
  ASSERT_TRUE(
      stub_->ListPlans(Ctx(Token({auth::Role::kOfficer}, "640104")).get(), {}, &plans).ok());
  ASSERT_EQ(plans.plans_size(), 1);
  EXPECT_EQ(plans.plans(0).status(), tv1::PLAN_STATUS_ACTIVE);
  EXPECT_EQ(plans.plans(0).task_count(), 3);
  tv1::GetTaskRequest get;
  get.set_plan_id("test-2025-2027");
  get.set_number(2);
  tv1::Task task;
  ASSERT_TRUE(stub_->GetTask(Ctx(City()).get(), get, &task).ok());
  EXPECT_TRUE(task.yearly());
  EXPECT_EQ(task.deadlines(0).kind(), tv1::DEADLINE_KIND_YEARLY);
  EXPECT_EQ(task.deadlines(0).source(), "每年1月15日前");
  get.set_number(4);
  grpc::Status s = stub_->GetTask(Ctx(City()).get(), get, &task);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("1..3"));
  get.set_plan_id("nope");
  EXPECT_EQ(stub_->GetTask(Ctx(City()).get(), get, &task).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A plan's period ends; it is reported as ended, not hidden.
  clock_.SetTime(Cst(2028, 1, 1));
  ASSERT_TRUE(stub_->ListPlans(Ctx(City()).get(), {}, &plans).ok());
  EXPECT_EQ(plans.plans(0).status(), tv1::PLAN_STATUS_ENDED);
}

TEST_F(TaskTest, OneCallAssignsEveryCountyOfACityAndProgressRollsUp) {
  absl::StatusOr<Divisions> divisions = Divisions::LoadFromFile(DivisionsPath());
  ASSERT_TRUE(divisions.ok());
  std::set<std::string> counties;
  for (const Division& d : divisions->all()) {
    if (d.tier == Tier::kCounty && divisions->IsWithin(d.code, "640100")) counties.insert(d.code);
  }
  tv1::AssignTaskRequest req = ToCounties(1);
  req.set_request_id("assign-task-1-yinchuan");
  const std::vector<tv1::Assignment> all = Assign(req, City());
  ASSERT_EQ(all.size(), counties.size());
  std::set<std::string> assigned;
  for (const tv1::Assignment& a : all) {
    assigned.insert(a.division_code());
    EXPECT_EQ(a.state(), tv1::ASSIGNMENT_STATE_NOT_STARTED);
    EXPECT_EQ(a.due_date().month(), 6);
    EXPECT_EQ(a.due_date().day(), 30);
    EXPECT_EQ(a.tier(), lawenforce::common::v1::TIER_COUNTY);
  }
  EXPECT_EQ(assigned, counties);
  const tv1::Assignment xingqing = *std::find_if(
      all.begin(), all.end(), [](const auto& a) { return a.division_code() == "640104"; });
  EXPECT_EQ(xingqing.unit(), "兴庆区司法局");
  // The same call again creates nothing more.
  const std::vector<tv1::Assignment> again = Assign(req, City());
  ASSERT_EQ(again.size(), all.size());
  // A county may not assign to its city.
  tv1::AssignTaskRequest up = ToCounties(1);
  tv1::AssignTaskResponse out;
  EXPECT_EQ(stub_->AssignTask(Ctx(Token({auth::Role::kSupervisor}, "640104")).get(), up, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The city's own assignment, a township's too.
  tv1::AssignTaskRequest own;
  own.set_plan_id("test-2025-2027");
  own.set_task_number(1);
  own.add_division_codes("640100");
  own.add_division_codes("640104001");
  own.set_unit("司法局");
  const std::vector<tv1::Assignment> more = Assign(own, City());
  ASSERT_EQ(more.size(), 2u);

  // Xingqing reports and finishes in time; the township starts.
  // (Tokens live an hour: minted at each call's moment.)
  const auto xingqing_head = [&] { return Token({auth::Role::kAgencyAdmin}, "640104"); };
  EXPECT_EQ(Report(xingqing.id(), 40, xingqing_head()).state(), tv1::ASSIGNMENT_STATE_IN_PROGRESS);
  clock_.SetTime(Cst(2025, 6, 30, 20));
  const tv1::Assignment done = Report(xingqing.id(), 100, xingqing_head());
  EXPECT_EQ(done.state(), tv1::ASSIGNMENT_STATE_DONE);
  EXPECT_TRUE(done.on_time());
  ASSERT_EQ(done.reports_size(), 2);
  Report(more[1].id(), 10, Token({auth::Role::kAgencyAdmin}, "640104001"));
  tv1::ReportProgressRequest back;
  back.set_assignment_id(more[1].id());
  back.set_percent(5);
  back.set_narrative("x");
  tv1::Assignment a;
  grpc::Status s = stub_->ReportProgress(Ctx(City()).get(), back, &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("percent"));
  // Another county's head may not report on Xingqing's.
  back.set_assignment_id(xingqing.id());
  back.set_percent(100);
  EXPECT_EQ(stub_->ReportProgress(Ctx(Token({auth::Role::kAgencyAdmin}, "640105")).get(), back, &a)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // 30 June ends: every assignment not done is overdue.
  clock_.SetTime(Cst(2025, 7, 1, 0) + absl::Minutes(1));
  // Each not done fires (and each one's reminder, 7 days before, fires too
  // since the clock jumped over it).
  EXPECT_EQ(RunDeadlines(), 2 * (static_cast<int>(all.size()) - 1 + 2));
  tv1::GetPlanProgressRequest progress;
  progress.set_plan_id("test-2025-2027");
  progress.set_division_code("640100");
  tv1::PlanProgress p;
  ASSERT_TRUE(stub_->GetPlanProgress(Ctx(City()).get(), progress, &p).ok());
  EXPECT_EQ(p.total().assignments(), static_cast<int>(all.size()) + 2);
  EXPECT_EQ(p.total().done(), 1);
  EXPECT_EQ(p.total().overdue(), static_cast<int>(all.size()) + 1);
  std::map<lawenforce::common::v1::Tier, tv1::ProgressCounts> by_tier;
  for (const tv1::TierProgress& t : p.tasks(0).by_tier()) by_tier[t.tier()] = t.counts();
  EXPECT_EQ(by_tier[lawenforce::common::v1::TIER_CITY].overdue(), 1);
  EXPECT_EQ(by_tier[lawenforce::common::v1::TIER_COUNTY].done(), 1);
  EXPECT_EQ(by_tier[lawenforce::common::v1::TIER_TOWNSHIP].overdue(), 1);
  // As of 30 June noon nothing was overdue and only Xingqing had reported.
  *progress.mutable_as_of() = protoconv::ToTimestamp(Cst(2025, 6, 30, 12));
  ASSERT_TRUE(stub_->GetPlanProgress(Ctx(City()).get(), progress, &p).ok());
  EXPECT_EQ(p.total().overdue(), 0);
  EXPECT_EQ(p.total().in_progress(), 1);
  EXPECT_EQ(p.total().done(), 0);
  // Xingqing's own view: its subtree only.
  progress.clear_as_of();
  progress.set_division_code("640104");
  ASSERT_TRUE(
      stub_->GetPlanProgress(Ctx(Token({auth::Role::kSupervisor}, "640104")).get(), progress, &p)
          .ok());
  EXPECT_EQ(p.total().assignments(), 2);
}

TEST_F(TaskTest, AYearlyTaskIsAssignedAgainForTheNextYear) {
  tv1::AssignTaskRequest req;
  req.set_plan_id("test-2025-2027");
  req.set_task_number(2);
  req.add_division_codes("640100");
  req.set_unit("银川市司法局");
  const std::vector<tv1::Assignment> first = Assign(req, City());
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].year(), 2026);  // 15 January 2025 has passed on 1 June 2025
  // Done early; its due day still rolls it over.
  clock_.SetTime(Cst(2026, 1, 10));
  Report(first[0].id(), 100, City());
  clock_.SetTime(Cst(2026, 1, 16, 0) + absl::Minutes(1));
  EXPECT_GE(RunDeadlines(), 1);
  tv1::ListAssignmentsRequest list;
  list.set_division_code("640100");
  list.set_plan_id("test-2025-2027");
  list.set_task_number(2);
  tv1::ListAssignmentsResponse page;
  ASSERT_TRUE(stub_->ListAssignments(Ctx(City()).get(), list, &page).ok());
  ASSERT_EQ(page.assignments_size(), 2);
  const tv1::Assignment& next =
      page.assignments(0).id() == first[0].id() ? page.assignments(1) : page.assignments(0);
  EXPECT_EQ(next.year(), 2027);
  EXPECT_EQ(next.previous_id(), first[0].id());
  EXPECT_EQ(next.state(), tv1::ASSIGNMENT_STATE_NOT_STARTED);
  EXPECT_EQ(next.assigned_by(), "system");
  // 2027's passes undone: overdue, and no 2028 (after the plan's period).
  clock_.SetTime(Cst(2027, 1, 16, 0) + absl::Minutes(1));
  EXPECT_GE(RunDeadlines(), 1);
  ASSERT_TRUE(stub_->ListAssignments(Ctx(City()).get(), list, &page).ok());
  EXPECT_EQ(page.assignments_size(), 2);
  tv1::GetAssignmentRequest get;
  get.set_id(next.id());
  tv1::Assignment late;
  ASSERT_TRUE(stub_->GetAssignment(Ctx(City()).get(), get, &late).ok());
  EXPECT_EQ(late.state(), tv1::ASSIGNMENT_STATE_OVERDUE);
}

TEST_F(TaskTest, TheRegionsOwnPlanFileLoads) {
  absl::StatusOr<std::vector<tasks::Plan>> plans =
      tasks::LoadPlans(LAWENFORCE_SOURCE_DIR "/data/plans");
  ASSERT_TRUE(plans.ok()) << plans.status();
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].tasks.size(), 43u);
  EXPECT_EQ((*plans)[0].period_end, absl::CivilDay(2025, 12, 31));
}

}  // namespace
}  // namespace lawenforce::testing
