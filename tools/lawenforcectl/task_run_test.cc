// Drives the task commands of the CLI, as a process would, against an
// in-process fake task service: they connect to the task-service address,
// send the fan-out as written, and follow the assignment list's pages.

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lawenforce/tasks/v1/tasks.grpc.pb.h"
#include "tools/lawenforcectl/cli_test_fixture.h"

namespace lawenforce::ctl {
namespace {

namespace tv1 = ::lawenforce::tasks::v1;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class FakeTaskService final : public tv1::TaskService::Service {
 public:
  grpc::Status ListPlans(grpc::ServerContext*, const tv1::ListPlansRequest*,
                         tv1::ListPlansResponse* response) override {
    tv1::Plan* plan = response->add_plans();
    plan->set_id("ningxia-2023-2025");
    plan->set_status(tv1::PLAN_STATUS_ENDED);
    plan->set_task_count(43);
    return grpc::Status::OK;
  }

  grpc::Status GetTask(grpc::ServerContext*, const tv1::GetTaskRequest* request,
                       tv1::Task* response) override {
    if (request->number() > 43) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "number: the plan has tasks 1..43");
    }
    response->set_plan_id(request->plan_id());
    response->set_number(request->number());
    response->set_yearly(true);
    return grpc::Status::OK;
  }

  grpc::Status AssignTask(grpc::ServerContext*, const tv1::AssignTaskRequest* request,
                          tv1::AssignTaskResponse* response) override {
    assigned.Record(*request);
    for (const char* code : {"640104", "640105"}) {
      tv1::Assignment* a = response->add_assignments();
      a->set_id(absl::StrCat("a-", code));
      a->set_division_code(code);
      a->set_state(tv1::ASSIGNMENT_STATE_NOT_STARTED);
    }
    return grpc::Status::OK;
  }

  grpc::Status ExportAnnualReport(grpc::ServerContext*,
                                  const tv1::ExportAnnualReportRequest* request,
                                  tv1::ReportExport* response) override {
    exported.Record(*request);
    response->set_filename("640104-2025-v1.html");
    response->set_content_type("text/html; charset=utf-8");
    response->set_content("<!DOCTYPE html>\n<h1>兴庆区2025年度行政执法工作报告</h1>\n");
    return grpc::Status::OK;
  }

  // Two pages: a-1 then a-2.
  grpc::Status ListAssignments(grpc::ServerContext*, const tv1::ListAssignmentsRequest* request,
                               tv1::ListAssignmentsResponse* response) override {
    if (request->page_token().empty()) {
      response->add_assignments()->set_id("a-1");
      response->set_next_page_token("p2");
    } else {
      response->add_assignments()->set_id("a-2");
    }
    return grpc::Status::OK;
  }

  grpc::Status ReportProgress(grpc::ServerContext*, const tv1::ReportProgressRequest* request,
                              tv1::Assignment* response) override {
    response->set_id(request->assignment_id());
    response->set_percent(request->percent());
    response->set_state(request->percent() == 100 ? tv1::ASSIGNMENT_STATE_DONE
                                                  : tv1::ASSIGNMENT_STATE_IN_PROGRESS);
    return grpc::Status::OK;
  }

  LastRequest<tv1::AssignTaskRequest> assigned;
  LastRequest<tv1::ExportAnnualReportRequest> exported;
};

class TaskRunTest : public CliTest<FakeTaskService> {
 protected:
  TaskRunTest() : CliTest(kTaskEndpoint) {}
};

TEST_F(TaskRunTest, HelpNamesTheTaskServerFlagEnvironmentAndDefault) {
  const std::string help = Cli({"help"}).out;
  EXPECT_THAT(help, HasSubstr("--task-server HOST:PORT"));
  EXPECT_THAT(help, HasSubstr("LAWENFORCE_TASK_SERVER, default localhost:50054"));
  EXPECT_THAT(help, HasSubstr("  assignment create "));
  EXPECT_THAT(help, HasSubstr("  plan progress "));
  CliResult command = Cli({"assignment", "create", "--help"});
  EXPECT_EQ(command.code, 0) << command.err;
  EXPECT_THAT(command.out, StartsWith("usage: lawenforcectl assignment create --plan ID --task N"));
  EXPECT_THAT(command.out, HasSubstr("--fan-out-tier region|city|county|township"));
}

TEST_F(TaskRunTest, TaskCommandsUseTheirServerFlagOverTheEnvironment) {
  vars_["LAWENFORCE_TASK_SERVER"] = "127.0.0.1:1";
  CliResult result = Cli({"--task-server", address_, "--server", "127.0.0.1:1",
                          "--supervision-server", "127.0.0.1:1", "plan", "list"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("ningxia-2023-2025"));
  EXPECT_THAT(result.out, HasSubstr("ENDED"));
}

TEST_F(TaskRunTest, AnUnreachableTaskServiceIsNamed) {
  CliResult result = Cli({"plan", "list", "--task-server", "127.0.0.1:1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, HasSubstr("  server: 127.0.0.1:1 (task-service)\n"));
}

TEST_F(TaskRunTest, AFanOutIsSentAsWrittenWithAFreshRequestId) {
  CliResult result = Cli({"assignment", "create", "--plan", "ningxia-2023-2025", "--task", "30",
                          "--fan-out-parent", "640100", "--fan-out-tier", "county", "--unit",
                          "{division}司法局", "--due", "2027-01-15", "--output", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  const tv1::AssignTaskRequest sent = service_.assigned.Get();
  EXPECT_EQ(sent.fan_out_parent(), "640100");
  EXPECT_EQ(sent.fan_out_tier(), common::v1::TIER_COUNTY);
  EXPECT_EQ(sent.due_date().year(), 2027);
  EXPECT_EQ(sent.request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_THAT(result.out, HasSubstr("\"id\": \"a-640105\""));
}

TEST_F(TaskRunTest, AFanOutWithoutItsTierIsAUsageErrorSentNowhere) {
  CliResult result = Cli({"assignment", "create", "--plan", "p", "--task", "30", "--fan-out-parent",
                          "640100", "--unit", "u"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, StartsWith("error: --fan-out-parent needs --fan-out-tier"));
  EXPECT_EQ(service_.assigned.Get().plan_id(), "");
}

TEST_F(TaskRunTest, ListFollowsPagesReportPrintsTheStateAndServerErrorsExitOne) {
  CliResult all = Cli({"assignment", "list", "--all", "--output", "json"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("\"a-1\""));
  EXPECT_THAT(all.out, HasSubstr("\"a-2\""));
  EXPECT_THAT(all.out, HasSubstr("\"next_page_token\": \"\""));

  CliResult report = Cli({"assignment", "report", "a-1", "--percent", "100", "--narrative",
                          "已报送", "--evidence", "兴司发〔2026〕5号"});
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_THAT(report.out, HasSubstr("DONE"));

  CliResult bad = Cli({"task", "get", "44", "--plan", "ningxia-2023-2025"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.err, HasSubstr("error: INVALID_ARGUMENT"));
}

TEST_F(TaskRunTest, AnExportPrintsTheDocumentAsItIs) {
  CliResult doc = Cli({"report", "export", "r-1", "--format", "html"});
  ASSERT_EQ(doc.code, 0) << doc.err;
  EXPECT_EQ(doc.out, "<!DOCTYPE html>\n<h1>兴庆区2025年度行政执法工作报告</h1>\n");
  EXPECT_EQ(service_.exported.Get().id(), "r-1");
  EXPECT_EQ(service_.exported.Get().format(), tv1::REPORT_FORMAT_HTML);
  CliResult json = Cli({"report", "export", "r-1", "--format", "md", "--output", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"filename\": \"640104-2025-v1.html\""));
  EXPECT_EQ(service_.exported.Get().format(), tv1::REPORT_FORMAT_MARKDOWN);
}

}  // namespace
}  // namespace lawenforce::ctl
