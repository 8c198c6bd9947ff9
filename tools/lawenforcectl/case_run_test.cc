// Drives the case commands of the CLI, as a process would, against an
// in-process fake case service on a port chosen by the kernel: the case
// commands connect to the case-service address, not personnel-service's.

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "tools/lawenforcectl/cli_test_fixture.h"

namespace lawenforce::ctl {
namespace {

namespace cv1 = ::lawenforce::cases::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

class FakeCaseService final : public cv1::CaseService::Service {
 public:
  grpc::Status GetItem(grpc::ServerContext*, const cv1::GetItemRequest* request,
                       cv1::EnforcementItem* response) override {
    response->set_id(request->id());
    response->set_etag("\"5\"");
    cv1::ItemVersion* v = response->add_versions();
    v->set_name("名称");
    v->set_legal_basis("依据");
    v->set_major(true);
    return grpc::Status::OK;
  }

  grpc::Status ReviseItem(grpc::ServerContext*, const cv1::ReviseItemRequest* request,
                          cv1::EnforcementItem* response) override {
    absl::MutexLock lock(&mu_);
    last_revise_ = *request;
    response->set_id(request->id());
    return grpc::Status::OK;
  }

  grpc::Status FileCase(grpc::ServerContext*, const cv1::FileCaseRequest* request,
                        cv1::Case* response) override {
    absl::MutexLock lock(&mu_);
    last_file_ = *request;
    response->set_id("case-1");
    response->set_state(cv1::CASE_STATE_FILED);
    cv1::Party* party = response->add_parties();
    party->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
    party->set_name(request->case_().parties(0).name());
    party->set_id_number_masked("640104********123X");
    return grpc::Status::OK;
  }

  grpc::Status ExplainDeadline(grpc::ServerContext*, const cv1::ExplainDeadlineRequest* request,
                               cv1::DeadlineExplanation* e) override {
    e->set_case_id(request->case_id());
    e->set_clock(request->clock());
    e->set_name("decision after filing");
    e->set_legal_basis("APL art. 60");
    e->set_starts_at("filing");
    e->set_period_count(90);
    e->set_period_unit(cv1::PERIOD_UNIT_CALENDAR_DAYS);
    *e->mutable_start_time() = At(1740792600);  // 2025-03-01T09:30:00+08:00
    e->set_start_event("case filed");
    cv1::ClockEvent* pause = e->add_events();
    pause->set_kind(cv1::CLOCK_EVENT_KIND_PAUSE);
    *pause->mutable_time() = At(1740879000);  // 2025-03-02T09:30:00+08:00
    pause->set_pause_reason(cv1::PAUSE_REASON_TESTING_APPRAISAL);
    pause->set_actor("ops");
    pause->set_reason("送检");
    cv1::ClockEvent* extend = e->add_events();
    extend->set_kind(cv1::CLOCK_EVENT_KIND_EXTEND);
    *extend->mutable_time() = At(1740965400);
    extend->set_extension(30);
    extend->set_actor("head");
    extend->set_reason("案情复杂");
    cv1::ExplanationStep* step = e->add_steps();
    step->set_what("started at filing: 90 calendar days");
    *step->mutable_time() = At(1740792600);
    *step->mutable_due_time() = At(1748534400);
    *e->mutable_due_time() = At(1751126400);  // 2025-06-29T00:00:00+08:00
    e->mutable_last_day()->set_year(2025);
    e->mutable_last_day()->set_month(6);
    e->mutable_last_day()->set_day(28);
    e->set_state(cv1::CLOCK_STATE_RUNNING);
    e->set_provisional(true);
    e->add_provisional_holidays("2027-01-01 元旦");
    return grpc::Status::OK;
  }

  grpc::Status VerifyCaseRecord(grpc::ServerContext*, const cv1::VerifyCaseRecordRequest* request,
                                cv1::RecordVerification* response) override {
    const bool intact = request->case_id() != "tampered";
    response->set_intact(intact);
    response->set_entries_verified(intact ? 9 : 3);
    if (!intact) {
      response->set_first_bad_sequence(4);
      response->set_problem("hash mismatch");
    }
    return grpc::Status::OK;
  }

  grpc::Status CreateInspectionPlan(grpc::ServerContext*,
                                    const cv1::CreateInspectionPlanRequest* request,
                                    cv1::InspectionPlan* response) override {
    plans_.Record(*request);
    *response = request->plan();
    response->set_id("plan-1");
    response->set_enterprise_count(request->plan().enterprises_size());
    return grpc::Status::OK;
  }

  grpc::Status DrawInspection(grpc::ServerContext*, const cv1::DrawInspectionRequest* request,
                              cv1::InspectionDraw* d) override {
    draws_.Record(*request);
    d->set_id("draw-1");
    d->set_plan_id(request->plan_id());
    d->set_seed(request->seed().empty() ? "00112233445566778899aabbccddeeff" : request->seed());
    d->set_seed_chosen(!request->seed().empty());
    d->set_algorithm("sha256-rank-v1");
    d->add_enterprise_candidates("91350100M000100Y43");
    d->add_enterprise_candidates("91640104MA00000012");
    d->add_inspector_candidates("o-1");
    d->add_inspector_candidates("o-2");
    cv1::ExcludedInspector* x = d->add_inspectors_excluded();
    x->set_officer_id("o-3");
    x->set_reason("REVOKED");
    cv1::InspectionTarget* t = d->add_targets();
    t->mutable_enterprise()->set_credit_code("91640104MA00000012");
    t->mutable_enterprise()->set_name("宁夏某某餐饮有限公司");
    t->add_inspector_ids("o-2");
    t->add_inspector_ids("o-1");
    d->set_etag("\"1\"");
    return grpc::Status::OK;
  }

  grpc::Status RecordInspectionResult(grpc::ServerContext*,
                                      const cv1::RecordInspectionResultRequest* request,
                                      cv1::InspectionDraw* response) override {
    results_.Record(*request);
    if (request->credit_code() != "91640104MA00000012") {
      google::rpc::BadRequest bad_request;
      auto* violation = bad_request.add_field_violations();
      violation->set_field("credit_code");
      violation->set_description("not a target of this draw");
      google::rpc::Status status;
      status.set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
      status.set_message("credit_code: not a target of this draw");
      status.add_details()->PackFrom(bad_request);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, status.message(),
                          status.SerializeAsString());
    }
    response->set_id(request->draw_id());
    cv1::InspectionTarget* t = response->add_targets();
    t->mutable_enterprise()->set_credit_code(request->credit_code());
    t->mutable_result()->set_outcome(request->outcome());
    t->mutable_result()->set_summary(request->summary());
    return grpc::Status::OK;
  }

  grpc::Status SetInspectionCap(grpc::ServerContext*, const cv1::SetInspectionCapRequest* request,
                                cv1::InspectionCap* response) override {
    caps_.Record(*request);
    *response = request->cap();
    response->set_division_code("640104");
    response->set_set_by("ops-zhang");
    return grpc::Status::OK;
  }

  // The third PLAN visit to 91640104MA00000012 is beyond the cap of 2; a
  // COMPLAINT is let through beyond it, and raises a warning.
  grpc::Status RecordInspectionVisit(grpc::ServerContext*,
                                     const cv1::RecordInspectionVisitRequest* request,
                                     cv1::InspectionVisit* response) override {
    visits_.Record(*request);
    const bool complaint = request->visit().basis() == cv1::VISIT_BASIS_COMPLAINT;
    if (request->visit().basis_ref() == "over-the-cap" && !complaint) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          "visit.parts[0]: agency a-1 has visited 91640104MA00000012 2 times in "
                          "2025; its cap is 2 (2025年度涉企行政检查计划); only a visit answering a "
                          "complaint or a clue may exceed it");
    }
    *response = request->visit();
    response->set_id("visit-1");
    response->set_year(2025);
    response->set_division_code("640104");
    response->set_recorded_by("inspector-wang");
    for (cv1::VisitPart& part : *response->mutable_parts()) part.set_division_code("640104");
    response->set_beyond_cap(complaint);
    if (complaint) response->set_warning_id("warning-1");
    return grpc::Status::OK;
  }

  // Two pages of one visit each.
  grpc::Status GetEnterpriseInspectionHistory(
      grpc::ServerContext*, const cv1::GetEnterpriseInspectionHistoryRequest* request,
      cv1::GetEnterpriseInspectionHistoryResponse* response) override {
    history_.Record(*request);
    const bool first = request->page_token().empty();
    cv1::InspectionVisit* v = response->add_visits();
    v->set_id(first ? "visit-1" : "visit-2");
    v->mutable_enterprise()->set_credit_code(request->credit_code());
    v->set_basis(first ? cv1::VISIT_BASIS_PLAN : cv1::VISIT_BASIS_COMPLAINT);
    v->set_basis_ref(first ? "2025-JC-07" : "12345-2025-000123");
    v->add_parts()->set_agency_id("a-1");
    if (!first) v->add_parts()->set_agency_id("a-2");
    if (first) response->set_next_page_token("p2");
    return grpc::Status::OK;
  }

  grpc::Status AddToInspectionWhitelist(grpc::ServerContext*,
                                        const cv1::AddToInspectionWhitelistRequest* request,
                                        cv1::WhitelistEntry* response) override {
    whitelist_.Record(*request);
    *response = request->entry();
    response->set_id("white-1");
    return grpc::Status::OK;
  }

  grpc::Status ListInspectionWarnings(grpc::ServerContext*,
                                      const cv1::ListInspectionWarningsRequest* request,
                                      cv1::ListInspectionWarningsResponse* response) override {
    warnings_.Record(*request);
    cv1::InspectionWarning* w = response->add_warnings();
    w->set_id("warning-1");
    w->set_credit_code("91640104MA00000012");
    w->set_enterprise_name("宁夏某某餐饮有限公司");
    w->set_division_code("640100");
    w->set_count(3);
    w->set_window_seconds(2592000);
    return grpc::Status::OK;
  }

  LastRequest<cv1::CreateInspectionPlanRequest> plans_;
  LastRequest<cv1::DrawInspectionRequest> draws_;
  LastRequest<cv1::RecordInspectionResultRequest> results_;
  LastRequest<cv1::SetInspectionCapRequest> caps_;
  LastRequest<cv1::RecordInspectionVisitRequest> visits_;
  LastRequest<cv1::GetEnterpriseInspectionHistoryRequest> history_;
  LastRequest<cv1::AddToInspectionWhitelistRequest> whitelist_;
  LastRequest<cv1::ListInspectionWarningsRequest> warnings_;

  cv1::ReviseItemRequest last_revise() {
    absl::MutexLock lock(&mu_);
    return last_revise_;
  }
  cv1::FileCaseRequest last_file() {
    absl::MutexLock lock(&mu_);
    return last_file_;
  }

 private:
  absl::Mutex mu_;
  cv1::ReviseItemRequest last_revise_ ABSL_GUARDED_BY(mu_);
  cv1::FileCaseRequest last_file_ ABSL_GUARDED_BY(mu_);
};

using Result = CliResult;

class CaseRunTest : public CliTest<FakeCaseService> {
 protected:
  CaseRunTest() : CliTest(kCaseEndpoint) {}
};

TEST_F(CaseRunTest, HelpListsTheCaseCommandsAndTheirServerFlag) {
  Result top = Cli({"help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("case explain"));
  EXPECT_THAT(top.out, HasSubstr("record verify"));
  EXPECT_THAT(top.out, HasSubstr("--case-server HOST:PORT"));
  EXPECT_THAT(top.out, HasSubstr("default localhost:50052"));
  Result explain = Cli({"case", "explain", "--help"});
  EXPECT_EQ(explain.code, 0);
  EXPECT_THAT(explain.out, StartsWith("usage: lawenforcectl case explain CASE CLOCK\n"));
}

TEST_F(CaseRunTest, CaseCommandsUseTheCaseServerFlagOverTheEnvironment) {
  vars_["LAWENFORCE_CASE_SERVER"] = "127.0.0.1:1";
  Result result =
      Cli({"--case-server", address_, "--server", "127.0.0.1:1", "record", "verify", "c-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("intact:             true\n"));
}

TEST_F(CaseRunTest, AnUnreachableCaseServiceIsNamed) {
  Result result = Cli({"case", "get", "c-1", "--case-server", "127.0.0.1:1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, HasSubstr("  server: 127.0.0.1:1 (case-service)\n"));
}

TEST_F(CaseRunTest, ExplainIsLaidOutForAPerson) {
  Result result = Cli({"case", "explain", "c-1", "decision"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("case:         c-1\n"
                                     "clock:        decision: decision after filing\n"
                                     "legal basis:  APL art. 60\n"
                                     "rule:         90 calendar days from filing\n"
                                     "started:      2025-03-01T09:30:00+08:00 (case filed)\n"
                                     "state:        RUNNING\n"
                                     "due:          2025-06-29T00:00:00+08:00 (exclusive: in time "
                                     "before it; last day 2025-06-28)\n"));
  EXPECT_THAT(result.out, HasSubstr("  holidays:   2027-01-01 元旦\n"));
  EXPECT_THAT(result.out,
              HasSubstr("  2025-03-02T09:30:00+08:00  pause (testing_appraisal)  ops   送检\n"));
  EXPECT_THAT(result.out, HasSubstr("extend +30 calendar days"));
  EXPECT_THAT(result.out, HasSubstr("started at filing: 90 calendar days"));

  Result json = Cli({"case", "explain", "c-1", "decision", "--output", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"clock\": \"CLOCK_KIND_DECISION\""));
  EXPECT_THAT(json.out, HasSubstr("\"period_count\": 90"));
}

TEST_F(CaseRunTest, ARecordThatIsNotIntactExitsOne) {
  Result result = Cli({"record", "verify", "tampered"});
  EXPECT_EQ(result.code, 1);
  EXPECT_THAT(result.out, HasSubstr("intact:             false"));
  EXPECT_EQ(result.err, "error: record not intact: first bad entry 4: hash mismatch\n");
}

TEST_F(CaseRunTest, ReviseReadsTheItemAndSendsAWholeVersionWithTheEtagRead) {
  Result result = Cli({"item", "revise", "i-1", "--reason", "法律修订", "--name", "新名称"});
  ASSERT_EQ(result.code, 0) << result.err;
  cv1::ReviseItemRequest sent = service_.last_revise();
  EXPECT_EQ(sent.etag(), "\"5\"");
  EXPECT_EQ(sent.version().name(), "新名称");
  EXPECT_EQ(sent.version().legal_basis(), "依据");
  EXPECT_TRUE(sent.version().major());
}

TEST_F(CaseRunTest, FileReadsThePartysNumberFromStdinAndPrintsItMasked) {
  stdin_ = "64010419900101123X\n";
  Result result = Cli({"case", "file", "--agency", "a-1", "--item", "i-1", "--facts", "f",
                       "--violation-time", "2025-03-01T09:30:00+08:00", "--officer", "o-1",
                       "--officer", "o-2", "--party", "individual:张三", "--id-number", "-"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(service_.last_file().case_().parties(0).id_number(), "64010419900101123X");
  EXPECT_EQ(service_.last_file().request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_THAT(result.out, HasSubstr("640104********123X"));
  EXPECT_THAT(result.out, Not(HasSubstr("64010419900101123X")));
}

TEST_F(CaseRunTest, InspectionPlanCreateReadsTheEnterprisesFromStdin) {
  stdin_ =
      "credit_code,name\n91350100M000100Y43,银川市兴庆区某食品店\n91640104MA00000012,"
      "宁夏某某餐饮有限公司\n";
  Result result =
      Cli({"--output", "json",        "inspection",  "plan-create", "--agency",
           "a-1",      "--item",      "i-1",         "--name",      "2025年度双随机抽查",
           "--start",  "2025-03-01",  "--end",       "2025-03-01",  "--enterprises-file",
           "-",        "--inspector", "o-1,o-2,o-3", "--targets",   "1"});
  ASSERT_EQ(result.code, 0) << result.err;
  cv1::CreateInspectionPlanRequest sent = service_.plans_.Get();
  EXPECT_EQ(sent.request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(sent.plan().enterprises_size(), 2);
  EXPECT_EQ(sent.plan().enterprises(1).name(), "宁夏某某餐饮有限公司");
  EXPECT_EQ(sent.plan().inspector_ids_size(), 3);
  EXPECT_EQ(sent.plan().period_start().seconds(), 1740758400);  // 2025-03-01T00:00:00+08:00
  EXPECT_EQ(sent.plan().period_end().seconds(), 1740844800);    // 2025-03-02T00:00:00+08:00
  EXPECT_EQ(sent.plan().inspectors_per_target(), 2);
  EXPECT_THAT(result.out, HasSubstr("\"id\": \"plan-1\""));
  EXPECT_THAT(result.out, HasSubstr("\"period_end\": \"2025-03-01T16:00:00Z\""));
}

TEST_F(CaseRunTest, InspectionDrawShowsTheSeedTargetsAndTeams) {
  Result help = Cli({"inspection", "--help"});
  ASSERT_EQ(help.code, 0) << help.err;
  for (const char* verb :
       {"plan-create", "plan-get", "plan-list", "draw ", "draw-get", "draw-list", "result"}) {
    EXPECT_THAT(help.out, HasSubstr(std::string("inspection ") + verb));
  }
  Result draw_help = Cli({"inspection", "draw", "--help"});
  EXPECT_THAT(draw_help.out, StartsWith("usage: lawenforcectl inspection draw PLAN [--seed HEX] "
                                        "[--request-id ID]\n"));
  EXPECT_THAT(draw_help.out, HasSubstr("sha256-rank-v1"));

  Result result = Cli({"inspection", "draw", "p-1", "--seed", "5eed5eed5eed5eed5eed5eed5eed5eed",
                       "--request-id", "lottery-2025-03"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(service_.draws_.Get().request_id(), "lottery-2025-03");
  EXPECT_EQ(service_.draws_.Get().seed(), "5eed5eed5eed5eed5eed5eed5eed5eed");
  EXPECT_THAT(result.out, HasSubstr("seed:                  5eed5eed5eed5eed5eed5eed5eed5eed\n"));
  EXPECT_THAT(result.out, HasSubstr("seed_chosen:           true\n"));
  EXPECT_THAT(result.out, HasSubstr("algorithm:             sha256-rank-v1\n"));
  EXPECT_THAT(result.out, HasSubstr("o-3         REVOKED"));
  EXPECT_THAT(result.out,
              HasSubstr("targets:\n"
                        "  ENTERPRISE.CREDIT_CODE  ENTERPRISE.NAME       INSPECTOR_IDS\n"
                        "  91640104MA00000012      宁夏某某餐饮有限公司  o-2,o-1\n"));
}

TEST_F(CaseRunTest, InspectionResultErrorsNameTheFieldOrTheFlag) {
  Result ok = Cli({"inspection", "result", "draw-1", "--credit-code", "91640104MA00000012",
                   "--outcome", "no_issue", "--summary", "未发现问题", "--etag", "\"1\""});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(service_.results_.Get().outcome(), cv1::INSPECTION_OUTCOME_NO_ISSUE);
  EXPECT_EQ(service_.results_.Get().etag(), "\"1\"");
  EXPECT_THAT(ok.out, HasSubstr("NO_ISSUE"));

  Result refused = Cli({"inspection", "result", "draw-1", "--credit-code", "91350100M000100Y43",
                        "--outcome", "finding", "--summary", "s"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(refused.err,
            "error: INVALID_ARGUMENT: credit_code: not a target of this draw\n"
            "  field: credit_code — not a target of this draw\n");

  Result usage = Cli({"inspection", "result", "draw-1", "--credit-code", "c", "--outcome", "passed",
                      "--summary", "s"});
  EXPECT_EQ(usage.code, 2);
  EXPECT_THAT(usage.err, StartsWith("error: --outcome: want one of no_issue|finding|not_inspected, "
                                    "got \"passed\"\n"));
}

TEST_F(CaseRunTest, InspectionControlCommandsAreListedWithTheirFlags) {
  Result help = Cli({"inspection", "--help"});
  ASSERT_EQ(help.code, 0) << help.err;
  for (const char* verb :
       {"cap-set", "cap-get", "visit ", "history", "whitelist-add", "whitelist-list", "warnings"}) {
    EXPECT_THAT(help.out, HasSubstr(std::string("inspection ") + verb));
  }
  Result visit_help = Cli({"inspection", "visit", "--help"});
  ASSERT_EQ(visit_help.code, 0) << visit_help.err;
  EXPECT_THAT(visit_help.out,
              StartsWith("usage: lawenforcectl inspection visit --credit-code CODE --name NAME "
                         "--part AGENCY:ITEM... --officer ID[,ID...]... --basis "
                         "draw|complaint|clue|plan --basis-ref REF [--summary TEXT] "
                         "[--request-id ID]\n"));
  EXPECT_THAT(visit_help.out, HasSubstr("unless --basis is complaint"));
  Result history_help = Cli({"inspection", "history", "--help"});
  EXPECT_THAT(history_help.out,
              StartsWith("usage: lawenforcectl inspection history CREDIT_CODE [--division CODE] "
                         "[--page-size N] [--page-token TOKEN] [--all]\n"));
  Result top = Cli({"help"});
  EXPECT_THAT(top.out, HasSubstr("inspection visit"));
  EXPECT_THAT(top.out, HasSubstr("inspection whitelist-add"));
}

TEST_F(CaseRunTest, InspectionCapSetSendsTheCap) {
  Result result = Cli({"inspection", "cap-set", "--agency", "a-1", "--year", "2025", "--max", "2",
                       "--basis", "2025年度涉企行政检查计划"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(service_.caps_.Get().cap().max_visits(), 2);
  EXPECT_THAT(result.out, HasSubstr("max_visits:    2\n"));
  EXPECT_THAT(result.out, HasSubstr("division_code: 640104\n"));
  Result usage = Cli({"inspection", "cap-set", "--agency", "a-1", "--year", "2025", "--max", "1000",
                      "--basis", "b"});
  EXPECT_EQ(usage.code, 2);
  EXPECT_THAT(usage.err, StartsWith("error: --max: want an integer from 1 to 100, got \"1000\"\n"));
}

TEST_F(CaseRunTest, InspectionVisitBeyondTheCapIsRefusedUnlessItAnswersAComplaint) {
  const std::vector<std::string> visit = {"inspection",    "visit",
                                          "--credit-code", "91640104MA00000012",
                                          "--name",        "宁夏某某餐饮有限公司",
                                          "--part",        "a-1:i-1",
                                          "--part",        "a-2:i-2",
                                          "--officer",     "o-1,o-2",
                                          "--officer",     "o-3",
                                          "--basis-ref",   "over-the-cap"};
  std::vector<std::string> plan = visit;
  plan.insert(plan.end(), {"--basis", "plan"});
  Result refused = Cli(plan);
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(refused.err,
            "error: FAILED_PRECONDITION: visit.parts[0]: agency a-1 has visited "
            "91640104MA00000012 2 times in 2025; its cap is 2 (2025年度涉企行政检查计划); only a "
            "visit answering a complaint or a clue may exceed it\n");
  cv1::RecordInspectionVisitRequest sent = service_.visits_.Get();
  EXPECT_EQ(sent.request_id(), "00000000-0000-4000-8000-000000000001");
  ASSERT_EQ(sent.visit().parts_size(), 2);
  EXPECT_EQ(sent.visit().parts(1).item_id(), "i-2");
  EXPECT_EQ(sent.visit().officer_ids_size(), 3);
  EXPECT_EQ(sent.visit().basis(), cv1::VISIT_BASIS_PLAN);

  std::vector<std::string> complaint = visit;
  complaint.insert(complaint.end(),
                   {"--basis", "complaint", "--summary", "投诉核查", "--request-id", "visit-7"});
  Result ok = Cli(complaint);
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(service_.visits_.Get().request_id(), "visit-7");
  EXPECT_EQ(service_.visits_.Get().visit().summary(), "投诉核查");
  EXPECT_THAT(ok.out, HasSubstr("basis:                  COMPLAINT\n"));
  EXPECT_THAT(ok.out, HasSubstr("beyond_cap:             true\n"));
  EXPECT_THAT(ok.out, HasSubstr("warning_id:             warning-1\n"));
  EXPECT_THAT(ok.out, HasSubstr("parts:\n"
                                "  AGENCY_ID  ITEM_ID  DIVISION_CODE\n"
                                "  a-1        i-1      640104\n"
                                "  a-2        i-2      640104\n"));

  Result usage = Cli({"inspection", "visit", "--credit-code", "c", "--name", "n", "--part", "a-1",
                      "--officer", "o-1,o-2", "--basis", "plan", "--basis-ref", "r"});
  EXPECT_EQ(usage.code, 2);
  EXPECT_THAT(usage.err, StartsWith("error: --part: want AGENCY:ITEM"));
}

TEST_F(CaseRunTest, InspectionHistoryFollowsEveryPageWithAll) {
  Result one = Cli({"inspection", "history", "91640104MA00000012", "--division", "640104"});
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(service_.history_.Get().division_code(), "640104");
  EXPECT_THAT(one.out, HasSubstr("visit-1"));
  EXPECT_THAT(one.out, Not(HasSubstr("visit-2")));
  EXPECT_THAT(one.out, HasSubstr("next page: --page-token p2  (or --all)\n"));

  Result all = Cli({"--output", "json", "inspection", "history", "91640104MA00000012", "--all"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(service_.history_.Get().page_token(), "p2");
  EXPECT_THAT(all.out, HasSubstr("\"id\": \"visit-1\""));
  EXPECT_THAT(all.out, HasSubstr("\"id\": \"visit-2\""));
  EXPECT_THAT(all.out, HasSubstr("\"next_page_token\": \"\""));
}

TEST_F(CaseRunTest, InspectionWhitelistAddSendsCstDaysAndWarningsList) {
  Result added =
      Cli({"--output", "json", "inspection", "whitelist-add", "--agency", "a-1", "--credit-code",
           "91640104MA00000012", "--name", "宁夏某某餐饮有限公司", "--start", "2025-03-01", "--end",
           "2025-03-01", "--reason", "信用A级，无事不扰"});
  ASSERT_EQ(added.code, 0) << added.err;
  cv1::AddToInspectionWhitelistRequest sent = service_.whitelist_.Get();
  EXPECT_EQ(sent.request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(sent.entry().start_time().seconds(), 1740758400);  // 2025-03-01T00:00:00+08:00
  EXPECT_EQ(sent.entry().end_time().seconds(), 1740844800);    // 2025-03-02T00:00:00+08:00
  EXPECT_THAT(added.out, HasSubstr("\"end_time\": \"2025-03-01T16:00:00Z\""));

  Result warnings = Cli({"inspection", "warnings", "--division", "640100"});
  ASSERT_EQ(warnings.code, 0) << warnings.err;
  EXPECT_EQ(service_.warnings_.Get().division_code(), "640100");
  EXPECT_THAT(warnings.out, HasSubstr("warning-1"));
  EXPECT_THAT(warnings.out, HasSubstr("宁夏某某餐饮有限公司"));
  EXPECT_THAT(warnings.out, HasSubstr("2592000"));
}

}  // namespace
}  // namespace lawenforce::ctl
