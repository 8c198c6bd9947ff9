// The annual enforcement report end to end, with all four services of the
// suite in the process, each assembled by the kit as its main() assembles
// it, over real gRPC on loopback with each caller's service token, real
// SQLite (or PostgreSQL) and a real Redis: cases filed and decided through
// case-service with personnel-service's certified officers, a hotline
// complaint through supervision-service and a task assignment in
// task-service appear, counted by hand, in a generated report; a year in
// progress cannot be published; regenerating the closed year gives the same
// figures after later acts; a stopped dependency fails generation with
// UNAVAILABLE naming it and stores nothing; the due-day status; exports;
// jurisdiction; and the authorization walk over every method of
// TaskService.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/auth_walk.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "lawenforce/tasks/v1/tasks.grpc.pb.h"
#include "services/supervision/supervision_module.h"
#include "services/task/task_module.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

namespace sv1 = ::lawenforce::supervision::v1;
namespace tv1 = ::lawenforce::tasks::v1;

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

constexpr char kUnknownId[] = "00000000-0000-4000-8000-000000000000";

constexpr char kPlan[] = R"json({
  "format": 1, "id": "report-2025-2026", "title": "测试两年行动计划", "issuer": "测试",
  "period": {"start": "2025-01-01", "end": "2026-12-31"},
  "sections": [{"number": "一", "title": "主要任务"}],
  "tasks": [
    {"number": 1, "section": "一", "title": "", "text": "2025年底前完成执法事项目录",
     "responsible_units": ["司法局"],
     "deadlines": [{"kind": "once", "date": "2025-12-31", "source": "2025年底前"}]}
  ]})json";

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

int64_t CountOf(const google::protobuf::RepeatedPtrField<tv1::ReportCount>& counts,
                const std::string& key) {
  for (const tv1::ReportCount& c : counts) {
    if (c.key() == key) return c.count();
  }
  return 0;
}

const tv1::Indicator* IndicatorOf(const tv1::AnnualReport& r, const std::string& code) {
  for (const tv1::Indicator& i : r.indicators()) {
    if (i.code() == code) return &i;
  }
  return nullptr;
}

// The figures of a report without its header (id, version, times).
std::string Figures(const tv1::AnnualReport& r) {
  tv1::AnnualReport f;
  *f.mutable_personnel() = r.personnel();
  *f.mutable_cases() = r.cases();
  *f.mutable_complaints() = r.complaints();
  *f.mutable_plans() = r.plans();
  *f.mutable_indicators() = r.indicators();
  return f.DebugString();
}

class TaskReportTest : public CaseFixture {
 protected:
  void SetUp() override {
    clock_.SetTime(Cst(2025, 6, 3, 9));  // a working day after the Dragon Boat holiday
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    RenewServiceTokens();
    StartSupervision();
    if (HasFatalFailure()) return;
    std::filesystem::create_directories(dir_.File("plans"));
    std::ofstream(dir_.File("plans/report.json")) << kPlan;
    absl::StatusOr<std::unique_ptr<InProcessService>> t = InProcessService::Start(
        tasks::TaskSpec(), dir_,
        {{absl::StrCat("--personnel-target=127.0.0.1:", personnel_port_),
          absl::StrCat("--case-target=127.0.0.1:", service_->port()),
          absl::StrCat("--supervision-target=127.0.0.1:", supervision_port_),
          "--service-token-file=" + dir_.File("task-service-token"),
          "--plans-dir=" + dir_.File("plans"), "--redis-url=" + redis_->url(),
          "--business-metrics-interval=0s", "--service-token-refresh=0s"},
         &clock_,
         nullptr,
         true});
    ASSERT_TRUE(t.ok()) << t.status();
    task_ = *std::move(t);
    tasks_ = tv1::TaskService::NewStub(task_->channel());
    scene_ = StandardScene();
  }
  void StartSupervision() {
    std::vector<std::string> flags = {
        absl::StrCat("--personnel-target=127.0.0.1:", personnel_port_),
        absl::StrCat("--case-target=127.0.0.1:", service_->port()),
        "--service-token-file=" + dir_.File("supervision-service-token"),
        "--redis-url=" + redis_->url(),
        "--business-metrics-interval=0s",
        "--service-token-refresh=0s"};
    if (supervision_port_ != 0) {
      flags.push_back(absl::StrCat("--listen=127.0.0.1:", supervision_port_));
    }
    absl::StatusOr<std::unique_ptr<InProcessService>> s = InProcessService::Start(
        supervision::SupervisionSpec(), dir_, {flags, &clock_, nullptr, true});
    ASSERT_TRUE(s.ok()) << s.status();
    supervision_ = *std::move(s);
    supervision_port_ = supervision_->port();
    sup_ = sv1::SupervisionService::NewStub(supervision_->channel());
  }
  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = CaseFixture::ExtraFlags();
    flags.push_back("--service-token-refresh=0s");
    return flags;
  }
  // The callers' own tokens, minted afresh at the fake clock's now (they live
  // a day: after a jump to the next year the old ones have expired).
  void RenewServiceTokens() {
    for (const char* name : {"case-service", "supervision-service", "task-service"}) {
      std::ofstream(dir_.File(absl::StrCat(name, "-token")))
          << MintTestToken(clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), name);
    }
  }
  // Moves the fake clock to `t` and renews the service tokens.
  void JumpTo(absl::Time t) {
    clock_.SetTime(t);
    RenewServiceTokens();
  }
  void TearDown() override {
    if (task_ != nullptr) task_->Shutdown();
    if (supervision_ != nullptr) supervision_->Shutdown();
    CaseFixture::TearDown();
  }

  std::string OfficerToken() { return Token({auth::Role::kOfficer}, "640104"); }
  std::string CountySupervisor() { return Token({auth::Role::kSupervisor}, "640104"); }
  std::string CitySupervisor() { return Token({auth::Role::kSupervisor}, "640100"); }

  template <typename Call, typename Req>
  void Ok(Call call, const Req& req) {
    cv1::Case out;
    grpc::Status s = (stub_.get()->*call)(Ctx(OfficerToken()).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  std::string DecidedCase() { return PublishedCase(scene_); }
  void Complaint(const std::string& ticket) {
    sv1::SubmitComplaintRequest req;
    sv1::ComplaintDraft* d = req.mutable_complaint();
    d->set_channel(sv1::CHANNEL_HOTLINE_12345);
    d->set_ticket_id(ticket);
    d->set_category(sv1::CATEGORY_INACTION);
    d->set_content("超市长期销售过期食品，多次反映无人处理");
    d->mutable_complainant()->set_kind(sv1::COMPLAINANT_KIND_PERSON);
    d->mutable_complainant()->set_name("王小明");
    d->mutable_complainant()->set_phone("13909512468");
    d->set_agency_id(scene_.agency);
    sv1::Complaint out;
    grpc::Status s =
        sup_->SubmitComplaint(Ctx(MintTestToken(clock_, {auth::Role::kSystem}, "640000", "",
                                                absl::Hours(1), "hotline-12345"))
                                  .get(),
                              req, &out);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  tv1::Assignment AssignToCounty() {
    tv1::AssignTaskRequest req;
    req.set_plan_id("report-2025-2026");
    req.set_task_number(1);
    req.add_division_codes("640104");
    req.set_unit("兴庆区司法局");
    tv1::AssignTaskResponse out;
    grpc::Status s = tasks_->AssignTask(Ctx(CitySupervisor()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out.assignments_size() == 1 ? out.assignments(0) : tv1::Assignment();
  }
  static tv1::GenerateAnnualReportRequest Division(const std::string& code, int year) {
    tv1::GenerateAnnualReportRequest req;
    req.set_division_code(code);
    req.set_year(year);
    return req;
  }
  grpc::Status Generate(const tv1::GenerateAnnualReportRequest& req, const std::string& token,
                        tv1::AnnualReport* out) {
    return tasks_->GenerateAnnualReport(Ctx(token).get(), req, out);
  }
  tv1::AnnualReport MustGenerate(const tv1::GenerateAnnualReportRequest& req) {
    tv1::AnnualReport out;
    grpc::Status s = Generate(req, CountySupervisor(), &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  grpc::Status Publish(const std::string& id, const std::string& token, tv1::AnnualReport* out) {
    tv1::PublishAnnualReportRequest req;
    req.set_id(id);
    return tasks_->PublishAnnualReport(Ctx(token).get(), req, out);
  }

  std::unique_ptr<InProcessService> supervision_;
  std::unique_ptr<InProcessService> task_;
  std::unique_ptr<sv1::SupervisionService::Stub> sup_;
  std::unique_ptr<tv1::TaskService::Stub> tasks_;
  int supervision_port_ = 0;
  Scene scene_;
};

TEST_F(TaskReportTest, AReportCountsWhatTheOtherServicesRecorded) {
  DecidedCase();
  FileCase(scene_.agency, scene_.item, {scene_.o1, scene_.o2});  // filed only
  Complaint("12345-2025-0001");
  AssignToCounty();
  clock_.Advance(absl::Minutes(1));  // figures stand before the moment they are read

  const tv1::AnnualReport r = MustGenerate(Division("640104", 2025));
  EXPECT_EQ(r.version(), 1);
  EXPECT_EQ(r.state(), tv1::REPORT_STATE_DRAFT);
  EXPECT_EQ(r.tier(), lawenforce::common::v1::TIER_COUNTY);
  EXPECT_EQ(r.scope_name(), "兴庆区");
  EXPECT_FALSE(r.closed_period());
  EXPECT_EQ(protoconv::FromTimestamp("as_of", r.as_of()).value(), clock_.Now());
  // personnel-service: the scene's two officers, no legal reviewer (one is
  // required: ceil(5% of 2)), so the one agency falls short; no training.
  EXPECT_EQ(r.personnel().officers(), 2);
  EXPECT_EQ(r.personnel().legal_reviewers(), 0);
  EXPECT_EQ(r.personnel().required_legal_reviewers(), 1);
  EXPECT_EQ(r.personnel().agencies_compliant(), 0);
  EXPECT_EQ(r.personnel().agencies_noncompliant(), 1);
  EXPECT_EQ(r.personnel().training_officers(), 2);
  EXPECT_EQ(r.personnel().training_compliant_officers(), 0);
  EXPECT_DOUBLE_EQ(r.personnel().required_training_hours(), 60);
  // case-service: two filed, one decided and published at once.
  EXPECT_EQ(r.cases().cases_filed(), 2);
  EXPECT_EQ(CountOf(r.cases().filed_by_kind(), "ITEM_KIND_PENALTY"), 2);
  EXPECT_EQ(r.cases().decisions(), 1);
  EXPECT_EQ(CountOf(r.cases().decisions_by_outcome(), "OUTCOME_PENALTY"), 1);
  EXPECT_EQ(r.cases().published_on_time(), 1);
  EXPECT_EQ(CountOf(r.cases().by_state(), "CASE_STATE_PUBLISHED"), 1);
  EXPECT_EQ(CountOf(r.cases().by_state(), "CASE_STATE_FILED"), 1);
  // supervision-service: the hotline complaint.
  EXPECT_TRUE(r.complaints().available());
  EXPECT_EQ(r.complaints().complaints_received(), 1);
  EXPECT_EQ(CountOf(r.complaints().by_channel(), "CHANNEL_HOTLINE_12345"), 1);
  // task-service: the county's assignment, not started.
  ASSERT_EQ(r.plans_size(), 1);
  EXPECT_EQ(r.plans(0).plan_id(), "report-2025-2026");
  EXPECT_EQ(r.plans(0).total().assignments(), 1);
  EXPECT_EQ(r.plans(0).total().not_started(), 1);
  // The indicators from those figures.
  const tv1::Indicator* published = IndicatorOf(r, "decisions_published_on_time");
  ASSERT_NE(published, nullptr);
  EXPECT_EQ(published->numerator(), 1);
  EXPECT_EQ(published->denominator(), 1);
  EXPECT_TRUE(published->defined());
  EXPECT_DOUBLE_EQ(published->value(), 1.0);
  const tv1::Indicator* training = IndicatorOf(r, "officers_meeting_training");
  ASSERT_NE(training, nullptr);
  EXPECT_EQ(training->denominator(), 2);
  EXPECT_DOUBLE_EQ(training->value(), 0.0);
  const tv1::Indicator* satisfaction = IndicatorOf(r, "complaint_satisfaction");
  ASSERT_NE(satisfaction, nullptr);
  EXPECT_FALSE(satisfaction->defined());  // nobody rated yet
  // Each figure group names its source.
  std::vector<std::string> methods;
  for (const tv1::FigureSource& s : r.sources()) methods.push_back(s.method());
  EXPECT_THAT(methods, ::testing::UnorderedElementsAre(
                           "lawenforce.personnel.v1.PersonnelService/GetStaffingCompliance",
                           "lawenforce.personnel.v1.PersonnelService/GetTrainingSummary",
                           "lawenforce.cases.v1.CaseService/GetCaseStatistics",
                           "lawenforce.supervision.v1.SupervisionService/GetSupervisionStatistics",
                           "lawenforce.tasks.v1.TaskService/GetPlanProgress"));

  // The year is in progress: its figures are not to be published.
  tv1::AnnualReport out;
  grpc::Status s = Publish(r.id(), CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("in progress"));
}

TEST_F(TaskReportTest, AClosedYearRegeneratesToTheSameFiguresAndIsPublishedOnTime) {
  const std::string decided = DecidedCase();
  const std::string filed = FileCase(scene_.agency, scene_.item, {scene_.o1, scene_.o2}).id();
  Complaint("12345-2025-0002");
  AssignToCounty();

  JumpTo(Cst(2026, 1, 8, 10));
  const tv1::AnnualReport first = MustGenerate(Division("640104", 2025));
  EXPECT_TRUE(first.closed_period());
  EXPECT_EQ(protoconv::FromTimestamp("as_of", first.as_of()).value(), Cst(2026, 1, 1));
  EXPECT_EQ(first.cases().cases_filed(), 2);
  // The assignment was due on 31 December 2025 and never reported.
  ASSERT_EQ(first.plans_size(), 1);
  EXPECT_EQ(first.plans(0).plan_status(), tv1::PLAN_STATUS_ACTIVE);

  // Acts after the year: the filed case is withdrawn, a new case and a new
  // complaint arrive. The closed year's figures do not move.
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(filed));
  FileCase(scene_.agency, scene_.item, {scene_.o1, scene_.o2});
  Complaint("12345-2026-0001");
  (void)decided;
  const tv1::AnnualReport again = MustGenerate(Division("640104", 2025));
  EXPECT_EQ(again.version(), 2);
  EXPECT_NE(again.id(), first.id());
  EXPECT_EQ(Figures(again), Figures(first));

  // Published on 8 January: on time; the city and the other county have
  // published nothing and are pending until 15 January, overdue after it.
  tv1::AnnualReport published;
  grpc::Status s = Publish(again.id(), CountySupervisor(), &published);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(published.state(), tv1::REPORT_STATE_PUBLISHED);
  EXPECT_EQ(Figures(published), Figures(again));
  s = Publish(again.id(), CountySupervisor(), &published);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  tv1::GetAnnualReportStatusRequest status_req;
  status_req.set_division_code("640100");
  status_req.set_year(2025);
  tv1::AnnualReportStatus status;
  ASSERT_TRUE(tasks_->GetAnnualReportStatus(Ctx(CitySupervisor()).get(), status_req, &status).ok());
  EXPECT_EQ(protoconv::FromDate("due_date", true, status.due_date()).value(),
            absl::CivilDay(2026, 1, 15));
  ASSERT_GT(status.divisions_size(), 2);
  EXPECT_EQ(status.divisions(0).division_code(), "640100");
  EXPECT_EQ(status.divisions(0).state(), tv1::REPORT_DUE_STATE_PENDING);
  for (const tv1::DivisionReportStatus& d : status.divisions()) {
    if (d.division_code() == "640104") {
      EXPECT_EQ(d.state(), tv1::REPORT_DUE_STATE_ON_TIME);
      EXPECT_EQ(d.report_id(), again.id());
    }
  }
  EXPECT_EQ(status.on_time(), 1);
  EXPECT_EQ(status.pending(), status.divisions_size() - 1);
  JumpTo(Cst(2026, 1, 16));
  ASSERT_TRUE(tasks_->GetAnnualReportStatus(Ctx(CitySupervisor()).get(), status_req, &status).ok());
  EXPECT_EQ(status.on_time(), 1);
  EXPECT_EQ(status.overdue(), status.divisions_size() - 1);

  // A published report is public: a supervisor of another city reads it
  // and its exports; the draft (version 1) stays out of its reach.
  const std::string other_city = Token({auth::Role::kSupervisor}, "640200");
  tv1::GetAnnualReportRequest get;
  get.set_id(again.id());
  tv1::AnnualReport read;
  ASSERT_TRUE(tasks_->GetAnnualReport(Ctx(other_city).get(), get, &read).ok());
  get.set_id(first.id());
  EXPECT_EQ(tasks_->GetAnnualReport(Ctx(other_city).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  tv1::ListAnnualReportsRequest list;
  list.set_division_code("640104");
  tv1::ListAnnualReportsResponse listed;
  ASSERT_TRUE(tasks_->ListAnnualReports(Ctx(other_city).get(), list, &listed).ok());
  ASSERT_EQ(listed.reports_size(), 1);
  EXPECT_EQ(listed.reports(0).id(), again.id());
  EXPECT_EQ(listed.reports(0).cases().cases_filed(), 0);  // headers only
  ASSERT_TRUE(tasks_->ListAnnualReports(Ctx(CountySupervisor()).get(), list, &listed).ok());
  EXPECT_EQ(listed.reports_size(), 2);

  tv1::ExportAnnualReportRequest ex;
  ex.set_id(again.id());
  tv1::ReportExport doc;
  ex.set_format(tv1::REPORT_FORMAT_HTML);
  ASSERT_TRUE(tasks_->ExportAnnualReport(Ctx(other_city).get(), ex, &doc).ok());
  EXPECT_EQ(doc.filename(), "640104-2025-v2.html");
  EXPECT_EQ(doc.content_type(), "text/html; charset=utf-8");
  EXPECT_THAT(doc.content(), HasSubstr("<svg"));
  EXPECT_THAT(doc.content(), HasSubstr("兴庆区"));
  ex.set_format(tv1::REPORT_FORMAT_MARKDOWN);
  ASSERT_TRUE(tasks_->ExportAnnualReport(Ctx(other_city).get(), ex, &doc).ok());
  EXPECT_THAT(doc.content(), HasSubstr("年度行政执法工作报告"));
  ex.set_format(tv1::REPORT_FORMAT_JSON);
  ASSERT_TRUE(tasks_->ExportAnnualReport(Ctx(other_city).get(), ex, &doc).ok());
  EXPECT_THAT(doc.content(), HasSubstr("\"cases_filed\": \"2\""));
  ex.set_format(tv1::REPORT_FORMAT_UNSPECIFIED);
  grpc::Status bad = tasks_->ExportAnnualReport(Ctx(other_city).get(), ex, &doc);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("format"));
}

TEST_F(TaskReportTest, AStoppedDependencyFailsGenerationWithUnavailableNamingIt) {
  DecidedCase();
  clock_.Advance(absl::Minutes(1));
  supervision_->Shutdown();
  tv1::AnnualReport out;
  grpc::Status s = Generate(Division("640104", 2025), CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("supervision-service"));
  tv1::ListAnnualReportsRequest list;
  list.set_division_code("640104");
  tv1::ListAnnualReportsResponse listed;
  ASSERT_TRUE(tasks_->ListAnnualReports(Ctx(CountySupervisor()).get(), list, &listed).ok());
  EXPECT_EQ(listed.reports_size(), 0);  // nothing stored

  // An agency's report does not need supervision-service.
  tv1::GenerateAnnualReportRequest agency;
  agency.set_agency_id(scene_.agency);
  agency.set_year(2025);
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104", scene_.agency);
  ASSERT_TRUE(Generate(agency, admin, &out).ok());
  EXPECT_EQ(out.agency_id(), scene_.agency);
  EXPECT_FALSE(out.complaints().available());
  EXPECT_EQ(out.cases().cases_filed(), 1);
  EXPECT_EQ(IndicatorOf(out, "complaint_satisfaction"), nullptr);

  // With personnel-service down, the report names it.
  StartSupervision();
  personnel_->Shutdown();
  s = Generate(Division("640104", 2025), CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("personnel-service"));
}

TEST_F(TaskReportTest, BadInputNamesTheFieldAndJurisdictionHolds) {
  tv1::AnnualReport out;
  tv1::GenerateAnnualReportRequest both = Division("640104", 2025);
  both.set_agency_id(scene_.agency);
  grpc::Status s = Generate(both, CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code"));
  for (int year : {1999, 2026}) {
    s = Generate(Division("640104", year), CountySupervisor(), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << year;
    EXPECT_THAT(s.error_message(), HasSubstr("year")) << year;
  }
  s = Generate(Division("640104001", 2025), CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("township"));
  s = Generate(Division("123", 2025), CountySupervisor(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code"));
  // Another county's supervisor, and the agency's own admin for the whole
  // county, may not.
  s = Generate(Division("640104", 2025), Token({auth::Role::kSupervisor}, "640105"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Generate(Division("640104", 2025), Token({auth::Role::kAgencyAdmin}, "640104", scene_.agency),
               &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Another agency's admin may not generate this agency's report.
  tv1::GenerateAnnualReportRequest agency;
  agency.set_agency_id(scene_.agency);
  agency.set_year(2025);
  s = Generate(agency, Token({auth::Role::kAgencyAdmin}, "640104", kUnknownId), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  agency.set_agency_id(kUnknownId);
  s = Generate(agency, AdminToken(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  // The other methods name their fields too.
  tv1::ListAnnualReportsResponse listed;
  s = tasks_->ListAnnualReports(Ctx(CountySupervisor()).get(), {}, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code"));
  tv1::GetAnnualReportStatusRequest status_req;
  status_req.set_year(1999);
  tv1::AnnualReportStatus status;
  s = tasks_->GetAnnualReportStatus(Ctx(CountySupervisor()).get(), status_req, &status);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("year"));
  tv1::GetAnnualReportRequest get;
  get.set_id("not-an-id");
  s = tasks_->GetAnnualReport(Ctx(CountySupervisor()).get(), get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("id"));
}

RequestMap Requests(const std::string& assignment, const std::string& report) {
  RequestMap m;
  m["ListPlans"] = std::make_unique<tv1::ListPlansRequest>();
  auto plan = std::make_unique<tv1::GetPlanRequest>();
  plan->set_id("report-2025-2026");
  m["GetPlan"] = std::move(plan);
  auto tasks = std::make_unique<tv1::ListTasksRequest>();
  tasks->set_plan_id("report-2025-2026");
  m["ListTasks"] = std::move(tasks);
  auto task = std::make_unique<tv1::GetTaskRequest>();
  task->set_plan_id("report-2025-2026");
  task->set_number(1);
  m["GetTask"] = std::move(task);
  auto assign = std::make_unique<tv1::AssignTaskRequest>();
  assign->set_plan_id("report-2025-2026");
  assign->set_task_number(1);
  assign->add_division_codes("640104");
  assign->set_unit("司法局");
  m["AssignTask"] = std::move(assign);
  auto get = std::make_unique<tv1::GetAssignmentRequest>();
  get->set_id(assignment);
  m["GetAssignment"] = std::move(get);
  auto list = std::make_unique<tv1::ListAssignmentsRequest>();
  list->set_division_code("640104");
  m["ListAssignments"] = std::move(list);
  auto progress_report = std::make_unique<tv1::ReportProgressRequest>();
  progress_report->set_assignment_id(assignment);
  progress_report->set_percent(10);
  progress_report->set_narrative("walk");
  m["ReportProgress"] = std::move(progress_report);
  auto progress = std::make_unique<tv1::GetPlanProgressRequest>();
  progress->set_plan_id("report-2025-2026");
  progress->set_division_code("640104");
  m["GetPlanProgress"] = std::move(progress);
  auto generate = std::make_unique<tv1::GenerateAnnualReportRequest>();
  generate->set_division_code("640104");
  generate->set_year(2025);
  m["GenerateAnnualReport"] = std::move(generate);
  auto get_report = std::make_unique<tv1::GetAnnualReportRequest>();
  get_report->set_id(report);
  m["GetAnnualReport"] = std::move(get_report);
  auto list_reports = std::make_unique<tv1::ListAnnualReportsRequest>();
  list_reports->set_division_code("640104");
  m["ListAnnualReports"] = std::move(list_reports);
  auto publish = std::make_unique<tv1::PublishAnnualReportRequest>();
  publish->set_id(report);
  m["PublishAnnualReport"] = std::move(publish);
  auto export_report = std::make_unique<tv1::ExportAnnualReportRequest>();
  export_report->set_id(report);
  export_report->set_format(tv1::REPORT_FORMAT_MARKDOWN);
  m["ExportAnnualReport"] = std::move(export_report);
  auto status = std::make_unique<tv1::GetAnnualReportStatusRequest>();
  status->set_division_code("640104");
  status->set_year(2025);
  m["GetAnnualReportStatus"] = std::move(status);
  return m;
}

TEST_F(TaskReportTest, EveryMethodIsGuarded) {
  const tv1::Assignment a = AssignToCounty();
  const tv1::AnnualReport draft = MustGenerate(Division("640104", 2025));
  // Plans are public data; a scope's list shows outsiders its published
  // versions only (none here), so it answers everyone.
  AuthWalk walk{"lawenforce.tasks.v1.TaskService",
                task_->channel(),
                Requests(a.id(), draft.id()),
                {},
                {"ListPlans", "GetPlan", "ListTasks", "GetTask", "ListAnnualReports"}};
  ExpectEveryMethodHasARequest(walk);
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  ExpectEveryMethodRefusesBadTokens(walk, expired, [&] { clock_.Advance(absl::Minutes(5)); });
  const std::string outsider = Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640302");
  ExpectOutsidersDeniedAlike(walk, outsider, Requests(kUnknownId, kUnknownId));
}

}  // namespace
}  // namespace lawenforce::testing
