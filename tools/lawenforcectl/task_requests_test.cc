#include "tools/lawenforcectl/task_requests.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

const RequestContext kContext = {"req-1", nullptr, nullptr};

constexpr char kPlan[] = "ningxia-2023-2025";

std::vector<std::string> With(std::vector<std::string> tokens,
                              const std::vector<std::string>& more) {
  tokens.insert(tokens.end(), more.begin(), more.end());
  return tokens;
}

// ---------------------------------------------------------------- plans and tasks

TEST(PlanTest, ListGetAndProgress) {
  ASSERT_OK_AND_ASSIGN(Args list, Parse("plan", "list", {}));
  EXPECT_THAT(BuildListPlans(list, kContext), IsOkAndHolds(EqualsProto("")));
  ASSERT_OK_AND_ASSIGN(Args get, Parse("plan", "get", {kPlan}));
  EXPECT_THAT(BuildIdRequest<tv1::GetPlanRequest>(get, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "ningxia-2023-2025")pb")));

  ASSERT_OK_AND_ASSIGN(Args now, Parse("plan", "progress", {"--plan", kPlan}));
  EXPECT_THAT(BuildGetPlanProgress(now, kContext),
              IsOkAndHolds(EqualsProto(R"pb(plan_id: "ningxia-2023-2025")pb")));
  ASSERT_OK_AND_ASSIGN(Args as_of, Parse("plan", "progress",
                                         {"--plan", kPlan, "--division", "640100", "--as-of",
                                          "2026-01-10T09:00:00+08:00"}));
  EXPECT_THAT(BuildGetPlanProgress(as_of, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "ningxia-2023-2025"
                division_code: "640100"
                as_of { seconds: 1768006800 }
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("plan", "progress", {"--plan", kPlan, "--as-of", "today"}));
  EXPECT_THAT(BuildGetPlanProgress(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--as-of")));
  EXPECT_THAT(Parse("plan", "progress", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --plan"));
}

TEST(TaskTest, ListBySectionAndGetByNumber) {
  ASSERT_OK_AND_ASSIGN(Args list, Parse("task", "list", {"--plan", kPlan, "--section", "二(四)"}));
  EXPECT_THAT(BuildListTasks(list, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "ningxia-2023-2025"
                section: "二(四)"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args get, Parse("task", "get", {"30", "--plan", kPlan}));
  EXPECT_THAT(BuildGetTask(get, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "ningxia-2023-2025"
                number: 30
              )pb")));
  for (const char* bad : {"0", "thirty", "3.0"}) {
    ASSERT_OK_AND_ASSIGN(Args args, Parse("task", "get", {bad, "--plan", kPlan}));
    EXPECT_THAT(BuildGetTask(args, kContext),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("NUMBER: want a task")))
        << bad;
  }
  EXPECT_THAT(Parse("task", "get", {"30"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --plan"));
}

// ---------------------------------------------------------------- assignments

const std::vector<std::string> kTask30 = {"--plan", kPlan,    "--task",
                                          "30",     "--unit", "{division}司法局"};

TEST(AssignmentCreateTest, NamedDivisions) {
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("assignment", "create",
                       With(kTask30, {"--division", "640104", "--division", "640105", "--owner",
                                      "法治督察科", "--due", "2027-01-15"})));
  EXPECT_THAT(BuildAssignTask(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "ningxia-2023-2025"
                task_number: 30
                division_codes: [ "640104", "640105" ]
                unit: "{division}司法局"
                owner: "法治督察科"
                due_date { year: 2027 month: 1 day: 15 }
                request_id: "req-1"
              )pb")));
}

TEST(AssignmentCreateTest, AFanOutToEveryCountyOfACity) {
  ASSERT_OK_AND_ASSIGN(
      Args args, Parse("assignment", "create",
                       With(kTask30, {"--fan-out-parent", "640100", "--fan-out-tier", "county"})));
  EXPECT_THAT(BuildAssignTask(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                plan_id: "ningxia-2023-2025"
                task_number: 30
                fan_out_parent: "640100"
                fan_out_tier: TIER_COUNTY
                unit: "{division}司法局"
                request_id: "req-1"
              )pb")));
  for (const auto& [tier, value] : std::vector<std::pair<std::string, common::v1::Tier>>{
           {"region", common::v1::TIER_REGION},
           {"city", common::v1::TIER_CITY},
           {"township", common::v1::TIER_TOWNSHIP}}) {
    ASSERT_OK_AND_ASSIGN(
        Args each, Parse("assignment", "create",
                         With(kTask30, {"--fan-out-parent", "640000", "--fan-out-tier", tier})));
    ASSERT_OK_AND_ASSIGN(tv1::AssignTaskRequest r, BuildAssignTask(each, kContext));
    EXPECT_EQ(r.fan_out_tier(), value) << tier;
  }
}

TEST(AssignmentCreateTest, TheDivisionsOrAFanOutNotBothNorNeither) {
  struct Case {
    std::vector<std::string> flags;
    std::string error;
  };
  for (const Case& c : std::vector<Case>{
           {{}, "missing required flag: one of --division | --fan-out-parent"},
           {{"--division", "640104", "--fan-out-parent", "640100", "--fan-out-tier", "county"},
            "give only one of --division and --fan-out-parent"},
           {{"--division", "640104", "--fan-out-tier", "county"},
            "--fan-out-tier goes with --fan-out-parent"},
           {{"--fan-out-parent", "640100"}, "--fan-out-parent needs --fan-out-tier"},
           {{"--fan-out-parent", "640100", "--fan-out-tier", "province"}, "--fan-out-tier"},
           {{"--division", "640104", "--due", "2027-1-15"}, "--due"},
           {{"--division", "640104", "--due", "2027-02-30"}, "--due"},
       }) {
    ASSERT_OK_AND_ASSIGN(Args args, Parse("assignment", "create", With(kTask30, c.flags)));
    EXPECT_THAT(BuildAssignTask(args, kContext),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.error;
  }
  ASSERT_OK_AND_ASSIGN(
      Args zero, Parse("assignment", "create",
                       {"--plan", kPlan, "--task", "0", "--unit", "u", "--division", "640104"}));
  EXPECT_THAT(BuildAssignTask(zero, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--task")));
  EXPECT_THAT(Parse("assignment", "create", {"--plan", kPlan, "--task", "30"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --unit"));
}

TEST(AssignmentTest, ListFiltersAndPaging) {
  ASSERT_OK_AND_ASSIGN(Args none, Parse("assignment", "list", {}));
  EXPECT_THAT(BuildListAssignments(none, kContext), IsOkAndHolds(EqualsProto("")));
  ASSERT_OK_AND_ASSIGN(Args all,
                       Parse("assignment", "list",
                             {"--division", "640100", "--plan", kPlan, "--task", "30", "--state",
                              "in_progress", "--page-size", "4", "--page-token", "p2"}));
  EXPECT_THAT(BuildListAssignments(all, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640100"
                plan_id: "ningxia-2023-2025"
                task_number: 30
                state: ASSIGNMENT_STATE_IN_PROGRESS
                page_size: 4
                page_token: "p2"
              )pb")));
  for (const char* state : {"not_started", "done", "overdue"}) {
    ASSERT_OK_AND_ASSIGN(Args args, Parse("assignment", "list", {"--state", state}));
    EXPECT_OK(BuildListAssignments(args, kContext).status()) << state;
  }
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("assignment", "list", {"--state", "late"}));
  EXPECT_THAT(BuildListAssignments(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--state")));
  ASSERT_OK_AND_ASSIGN(Args task, Parse("assignment", "list", {"--task", "x"}));
  EXPECT_THAT(BuildListAssignments(task, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--task")));
}

TEST(AssignmentTest, GetAndReport) {
  ASSERT_OK_AND_ASSIGN(Args get, Parse("assignment", "get", {"a-1"}));
  EXPECT_THAT(BuildIdRequest<tv1::GetAssignmentRequest>(get, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "a-1")pb")));
  ASSERT_OK_AND_ASSIGN(
      Args report, Parse("assignment", "report",
                         {"a-1", "--percent", "100", "--narrative", "年度报告已报送并向社会公开",
                          "--evidence", "兴司发〔2026〕5号", "--evidence",
                          "https://www.xqq.gov.cn/zwgk/", "--etag", "\"2\""}));
  EXPECT_THAT(BuildReportProgress(report, kContext), IsOkAndHolds(EqualsProto(R"pb(
                assignment_id: "a-1"
                etag: "\"2\""
                percent: 100
                narrative: "年度报告已报送并向社会公开"
                evidence: [ "兴司发〔2026〕5号", "https://www.xqq.gov.cn/zwgk/" ]
              )pb")));
  for (const char* bad : {"-1", "101", "half"}) {
    ASSERT_OK_AND_ASSIGN(
        Args args, Parse("assignment", "report", {"a-1", "--percent", bad, "--narrative", "n"}));
    EXPECT_THAT(BuildReportProgress(args, kContext),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--percent")))
        << bad;
  }
  EXPECT_THAT(Parse("assignment", "report", {"a-1", "--percent", "40"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --narrative"));
}

// ---------------------------------------------------------------- annual reports

TEST(ReportTest, GenerateForADivisionOrAnAgency) {
  ASSERT_OK_AND_ASSIGN(Args division,
                       Parse("report", "generate", {"--division", "640104", "--year", "2025"}));
  EXPECT_THAT(BuildGenerateAnnualReport(division, kContext),
              IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640104" year: 2025 request_id: "req-1"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args agency,
                       Parse("report", "generate", {"--agency", "ag-1", "--year", "2025"}));
  EXPECT_THAT(BuildGenerateAnnualReport(agency, kContext),
              IsOkAndHolds(EqualsProto(R"pb(
                agency_id: "ag-1" year: 2025 request_id: "req-1"
              )pb")));
  ASSERT_OK_AND_ASSIGN(
      Args both,
      Parse("report", "generate", {"--division", "640104", "--agency", "ag-1", "--year", "2025"}));
  EXPECT_THAT(BuildGenerateAnnualReport(both, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--division")));
  ASSERT_OK_AND_ASSIGN(Args neither, Parse("report", "generate", {"--year", "2025"}));
  EXPECT_THAT(BuildGenerateAnnualReport(neither, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--agency")));
  ASSERT_OK_AND_ASSIGN(Args year,
                       Parse("report", "generate", {"--division", "640104", "--year", "25"}));
  EXPECT_THAT(BuildGenerateAnnualReport(year, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--year")));
  EXPECT_THAT(Parse("report", "generate", {"--division", "640104"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --year"));
}

TEST(ReportTest, ListExportAndStatus) {
  ASSERT_OK_AND_ASSIGN(
      Args list,
      Parse("report", "list", {"--division", "640100", "--year", "2025", "--published-only"}));
  EXPECT_THAT(BuildListAnnualReports(list, kContext),
              IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640100" year: 2025 published_only: true
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args every, Parse("report", "list", {"--agency", "ag-1"}));
  EXPECT_THAT(BuildListAnnualReports(every, kContext),
              IsOkAndHolds(EqualsProto(R"pb(agency_id: "ag-1")pb")));
  for (const auto& [name, format] :
       std::vector<std::pair<std::string, std::string>>{{"html", "REPORT_FORMAT_HTML"},
                                                        {"markdown", "REPORT_FORMAT_MARKDOWN"},
                                                        {"md", "REPORT_FORMAT_MARKDOWN"},
                                                        {"json", "REPORT_FORMAT_JSON"}}) {
    ASSERT_OK_AND_ASSIGN(Args ex, Parse("report", "export", {"r-1", "--format", name}));
    EXPECT_THAT(BuildExportAnnualReport(ex, kContext),
                IsOkAndHolds(EqualsProto(absl::StrCat("id: \"r-1\" format: ", format))))
        << name;
  }
  ASSERT_OK_AND_ASSIGN(Args pdf, Parse("report", "export", {"r-1", "--format", "pdf"}));
  EXPECT_THAT(BuildExportAnnualReport(pdf, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--format")));
  ASSERT_OK_AND_ASSIGN(Args status, Parse("report", "status", {"--year", "2025"}));
  EXPECT_THAT(BuildGetAnnualReportStatus(status, kContext),
              IsOkAndHolds(EqualsProto(R"pb(year: 2025)pb")));
  ASSERT_OK_AND_ASSIGN(Args get, Parse("report", "publish", {"r-1"}));
  EXPECT_THAT(BuildIdRequest<tv1::PublishAnnualReportRequest>(get, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "r-1")pb")));
}

}  // namespace
}  // namespace lawenforce::ctl
